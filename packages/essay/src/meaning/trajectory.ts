import { pca } from '@chatgpt-explained/embeddings';
import type { Gpt2 } from '@chatgpt-explained/gpt2';
import * as tf from '@tensorflow/tfjs-core';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { describeModel, nonEmptyText, type Gpt2SectionContext } from '../gpt2/context';
import { ESSAY_PROMPT } from '../gpt2/next-tokens';
import { integerIn } from '../models/checks';
import { projectRows } from './projection';

/** Options of {@link trajectoryExperiment}, with their defaults. */
export interface TrajectoryOptions {
  /** The prompt. Default the essay's, {@link ESSAY_PROMPT}. */
  readonly prompt?: string;
  /** Tokens to generate greedily (temperature 0), 1 to 200; prompt and steps must fit the context. Default 40. */
  readonly steps?: number;
  /** Likely next tokens shown at each step (the fan), 1 to 20. Default 5. */
  readonly fan?: number;
  /**
   * Steps whose fan the figures draw, from the first; the data has every step's. Default 6 (forty
   * fans of five hide the path).
   */
  readonly figureFans?: number;
}

/** One token of the fan at a step. */
export interface FanToken {
  readonly id: number;
  readonly text: string;
  /** Its next-token probability at that step. */
  readonly probability: number;
  /** Where the path would go with this token: its state projected to 3-D. */
  readonly point: readonly [number, number, number];
}

/** One point of the path: the state after reading a token. */
export interface TrajectoryPoint {
  /** The token just read: the prompt's last for point 0, then each generated token. */
  readonly id: number;
  readonly text: string;
  /** The state projected to 3-D. */
  readonly point: readonly [number, number, number];
  /** The most likely next tokens here, most likely first (none after the last point). */
  readonly fan: readonly FanToken[];
}

/** Result of {@link trajectoryExperiment}. */
export interface TrajectoryResult {
  readonly prompt: string;
  /** The greedy continuation: its token ids and its text. */
  readonly ids: readonly number[];
  readonly text: string;
  readonly model: string;
  /** `steps + 1` points (fewer when the model ends the text): the prompt's end, then each generated token. */
  readonly path: readonly TrajectoryPoint[];
  /** Share of the path's variance along each of the three axes. */
  readonly explainedVariance: readonly number[];
  /** The unprojected states of the path (after `ln_f`), row-major `path.length × C`; not JSON data. */
  readonly states: Float32Array;
  /** The unprojected states of each fan token, `[step][rank]`, C numbers each; not JSON data. */
  readonly fanStates: readonly (readonly Float32Array[])[];
  /** `12.3-trajectory` (components 1 and 2, with the fans) and `12.3-trajectory-depth` (components 1 and 3). */
  readonly figures: readonly Figure[];
}

/**
 * The last position's state after `ln_f` and its logits, for each row of `batch` (all one length),
 * read back with `await tensor.data()`: a synchronous read stalls a GPU backend's thread and, in
 * browsers' WebGPU, goes through canvases and breaks the worker's later buffer uploads.
 */
async function lastStates(
  gpt: Gpt2,
  batch: readonly (readonly number[])[],
): Promise<{ states: Float32Array; logits: Float32Array }> {
  const b = batch.length;
  const t = batch[0]!.length;
  const c = gpt.config.embedDim;
  const out = tf.tidy(() => {
    const run = gpt.model.forward(tf.tensor2d(batch.flat(), [b, t], 'int32'), { hiddenStates: true, lastOnly: true });
    const last = run.hiddenStates![run.hiddenStates!.length - 1]!; // [B, T, C]
    return { states: tf.slice(last, [0, t - 1, 0], [b, 1, c]), logits: run.logits }; // [B, 1, C], [B, 1, V]
  });
  try {
    const [states, logits] = await Promise.all([out.states.data(), out.logits.data()]);
    return { states: states as Float32Array, logits: logits as Float32Array };
  } finally {
    tf.dispose([out.states, out.logits]);
  }
}

/** The `k` most likely tokens of one row of logits, softmax in float64, ties to the lower id. */
function topTokens(logits: Float32Array, k: number): { id: number; probability: number }[] {
  let max = -Infinity;
  for (const x of logits) max = Math.max(max, x);
  let sum = 0;
  for (const x of logits) sum += Math.exp(x - max);
  const order = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]! || a - b);
  return order.slice(0, k).map((id) => ({ id, probability: Math.exp(logits[id]! - max) / sum }));
}

/**
 * Essay 12.3: the trajectory of a prompt through the model's feature space. The model continues the
 * prompt greedily; after each token, the last block's state (after the final LayerNorm `ln_f`, the
 * vector the next-token logits are read from) is one point of the path. At each point the fan is the
 * `fan` most likely next tokens, each placed where its own state would be had the model read it
 * (one batched forward pass per step), so the chosen branch is the path's next point. The path is
 * projected to 3-D by a PCA fitted on the path's states; the fan with the same projection.
 */
export async function trajectoryExperiment(
  gpt: Gpt2,
  options: TrajectoryOptions = {},
  context: Gpt2SectionContext = {},
): Promise<TrajectoryResult> {
  const op = 'trajectoryExperiment';
  const prompt = nonEmptyText(op, 'prompt', options.prompt ?? ESSAY_PROMPT);
  const steps = integerIn(op, 'steps', options.steps ?? 40, 1, 200);
  const fan = integerIn(op, 'fan', options.fan ?? 5, 1, 20);
  const figureFans = integerIn(op, 'figureFans', options.figureFans ?? 6, 0, 200);
  const ids = gpt.encoding.encode(prompt);
  if (ids.length + steps > gpt.config.contextLength) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: the prompt's ${ids.length} tokens and ${steps} steps exceed the model's context of ${gpt.config.contextLength}`,
      { argument: 'steps', value: steps, expected: `at most ${gpt.config.contextLength - ids.length}` },
    );
  }
  const c = gpt.config.embedDim;
  const v = gpt.config.vocabSize;
  const first = await lastStates(gpt, [ids]);
  const states: Float32Array[] = [first.states];
  const texts = [gpt.encoding.decode([ids[ids.length - 1]!])];
  const fans: { id: number; probability: number }[][] = [];
  const fanStates: Float32Array[][] = [];
  let logits = first.logits;
  const generated: number[] = [];
  for (let step = 0; step < steps; step++) {
    context.signal?.throwIfAborted();
    const top = topTokens(logits, fan);
    const branches = await lastStates(
      gpt,
      top.map((t) => [...ids, ...generated, t.id]),
    );
    fans.push(top);
    fanStates.push(top.map((_, j) => branches.states.slice(j * c, (j + 1) * c)));
    const chosen = top[0]!.id;
    generated.push(chosen);
    states.push(branches.states.slice(0, c));
    texts.push(gpt.encoding.decode([chosen]));
    logits = branches.logits.slice(0, v);
    context.onProgress?.({ fraction: (step + 1) / steps, message: `step ${step + 1} of ${steps}` });
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (chosen === gpt.config.eosTokenId) {
      // The model ended the text: done early.
      if (step + 1 < steps) context.onProgress?.({ fraction: 1, message: 'the model ended the text' });
      break;
    }
  }

  const n = states.length;
  const flat = new Float32Array(n * c);
  states.forEach((s, i) => flat.set(s, i * c));
  const components = Math.min(3, n - 1, c); // n ≥ 2: at least one step
  const fitted = pca({ data: flat, rows: n, cols: c }, { components });
  const point3 = (row: Float32Array, at: number): [number, number, number] => [
    row[at * components]!,
    components > 1 ? row[at * components + 1]! : 0,
    components > 2 ? row[at * components + 2]! : 0,
  ];
  const pathPoints = fitted.points.data;
  const fanFlat = new Float32Array(fanStates.flat().length * c);
  fanStates.flat().forEach((s, i) => fanFlat.set(s, i * c));
  const fanPoints = projectRows(fitted, { data: fanFlat, rows: fanStates.flat().length, cols: c });
  let offset = 0;
  const pathIds = [ids[ids.length - 1]!, ...generated];
  const path: TrajectoryPoint[] = states.map((_, i) => ({
    id: pathIds[i]!,
    text: texts[i]!,
    point: point3(pathPoints, i),
    fan: (fans[i] ?? []).map((t) => ({
      id: t.id,
      text: gpt.encoding.decode([t.id]),
      probability: t.probability,
      point: point3(fanPoints, offset++),
    })),
  }));
  const text = gpt.encoding.decode(generated);
  const percent = (p: number | undefined): string => `${(100 * (p ?? 0)).toFixed(0)}%`;
  const axis = (k: number): string =>
    `principal component ${k + 1} (${percent(fitted.explainedVariance[k])} of variance)`;
  /** The path, and spokes from each point to its fan tokens, in the plane of components `a` and `b`. */
  const view = (a: number, b: number, name: string, title: string): Figure => {
    const spokes: [number, number][] = [];
    for (const p of path.slice(0, figureFans)) {
      // Out to each fan token and back, then on along the path (drawn over by the path itself).
      for (const f of p.fan) spokes.push([p.point[a]!, p.point[b]!], [f.point[a]!, f.point[b]!]);
      spokes.push([p.point[a]!, p.point[b]!]);
    }
    return {
      name,
      spec: {
        kind: 'line',
        title,
        subtitle: `${JSON.stringify(prompt)} → ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`,
        series: [
          ...(spokes.length === 0
            ? []
            : [
                {
                  name: `top ${fan}, steps 1–${Math.min(figureFans, path.length - 1)}`,
                  x: spokes.map((s) => s[0]),
                  y: spokes.map((s) => s[1]),
                  style: 'line' as const,
                },
              ]),
          {
            name: `path (${n - 1} steps)`,
            x: path.map((p) => p.point[a]!),
            y: path.map((p) => p.point[b]!),
            style: 'line+points',
          },
        ],
        xLabel: axis(a),
        yLabel: axis(b),
        legendTitle: 'states',
      },
    };
  };
  const figures: Figure[] = [
    view(0, 1, '12.3-trajectory', "A prompt's path through feature space, with the fan of likely next tokens"),
  ];
  if (components > 2)
    figures.push(view(0, 2, '12.3-trajectory-depth', 'The same path seen from the side: components 1 and 3'));
  const shown = path.slice(0, figureFans);
  figures.push({
    name: '12.3-trajectory-tokens',
    spec: {
      kind: 'scatter',
      title: 'The tokens along the path, and where the likeliest alternatives would lead',
      subtitle: `${describeModel(gpt)}; each label: step and token read; alternatives to steps 1–${shown.length}`,
      points: [
        ...path.map((p, i) => ({
          x: p.point[0],
          y: p.point[1],
          label: `${i} ${JSON.stringify(p.text)}`,
          group: 'path',
        })),
        ...shown.flatMap((p, i) =>
          p.fan.slice(1).map((f) => ({
            x: f.point[0],
            y: f.point[1],
            label: `${i + 1} ${JSON.stringify(f.text)}`,
            group: 'alternative next token',
          })),
        ),
      ],
      xLabel: axis(0),
      yLabel: axis(1),
      legendTitle: 'state after',
    },
  });
  return {
    prompt,
    ids: generated,
    text,
    model: describeModel(gpt),
    path,
    explainedVariance: fitted.explainedVariance,
    states: flat,
    fanStates,
    figures,
  };
}
