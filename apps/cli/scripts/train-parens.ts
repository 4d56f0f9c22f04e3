/**
 * Trains the parentheses transformers of essay section 11.1 with our trainer on the wasm backend:
 * a size sweep (1 and 2 attention blocks × feature vectors of 32, 64 and 128, 8 heads), the same
 * data, steps and seed for each, and ships the essay's two models, 1 block and 2 blocks of 128
 * (`data/models/parens-1block`, `data/models/parens-2block`: Hugging Face GPT-2 layout, loss log,
 * model card). The sweep's table and figures go to `docs/parens/`.
 *
 *   node scripts/run-ts.mjs apps/cli/scripts/train-parens.ts [--only NAME,…] [--smoke]
 *
 * Options: --only (run some of the sweep's models by name, e.g. `2x128`; results of the others are
 * kept from the last run), --smoke (3 steps per model, 2,000 strings, written under
 * node_modules/.cache/train-parens instead: a check of the whole script in seconds).
 */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  PARENS_PROCESS,
  PARENS_SPLIT,
  PARENS_TRAINING,
  evaluateParens,
  heldOutParensStrings,
  parensByLengthFigure,
  parensGridFigure,
  parensNext,
  parensNextFigure,
  saveParensModel,
  groupByTrainedLength,
  trainParensModel,
  type Figure,
  type ParensEvaluation,
  type ParensNext,
  type PrefixTally,
} from '@chatgpt-explained/essay';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { renderSvg } from '@chatgpt-explained/viz';
import { renderPng } from '@chatgpt-explained/viz/png';
import { pretty, writeAtomic } from './script-files';

/** Everything that decides the models; written into each shipped model's `loss-log.json`. */
export const PARENS_RECIPE = {
  process: PARENS_PROCESS,
  split: PARENS_SPLIT,
  training: {
    steps: 1000,
    batchSize: PARENS_TRAINING.batchSize,
    trainingStrings: PARENS_TRAINING.trainingStrings,
    learningRate: PARENS_TRAINING.learningRate,
    warmupSteps: PARENS_TRAINING.warmupSteps,
    weightDecay: PARENS_TRAINING.weightDecay,
    seed: 1,
  },
  heads: 8,
  maxLength: 32,
  sweep: [
    { name: '1x32', blocks: 1, dim: 32 },
    { name: '1x64', blocks: 1, dim: 64 },
    { name: '1x128', blocks: 1, dim: 128, ship: 'parens-1block' },
    { name: '2x32', blocks: 2, dim: 32 },
    { name: '2x64', blocks: 2, dim: 64 },
    { name: '2x128', blocks: 2, dim: 128, ship: 'parens-2block' },
  ],
  /** Held-out strings per length (lengths 2…24 are the language's; 26…32 are longer than any training string). */
  evaluation: { perLength: 200, heldOutUpTo: 24, beyondUpTo: 32 },
  /** The essay's two prefixes, and three more. */
  prefixes: ['((()()(', '(((()())', '(())', '(()', '(()()())'],
  backend: 'wasm',
} as const;

const COMMAND = 'node scripts/run-ts.mjs apps/cli/scripts/train-parens.ts';
const say = (line: string) => process.stderr.write(`${line}\n`);

const { values: args } = parseArgs({
  options: { only: { type: 'string' }, smoke: { type: 'boolean', default: false } },
});

/** A tally without NaN (JSON has none): a share is null where the group is empty. */
function tallyJson(t: PrefixTally | null) {
  if (t === null) return null;
  const share = (v: number) => (Number.isNaN(v) ? null : +v.toFixed(6));
  return {
    prefixes: t.prefixes,
    balanced: t.balanced,
    argmaxAccuracy: share(t.argmaxAccuracy),
    thresholdAccuracy: share(t.thresholdAccuracy),
    balancedAccuracy: share(t.balancedAccuracy),
    unbalancedAccuracy: share(t.unbalancedAccuracy),
  };
}

interface RunResult {
  readonly name: string;
  readonly blocks: number;
  readonly dim: number;
  readonly heads: number;
  readonly parameters: number;
  readonly steps: number;
  readonly trainingSeconds: number;
  readonly tokensPerSecond: number;
  readonly finalLoss: number;
  readonly meanLossLast100: number;
  readonly heldOut: {
    readonly strings: number;
    readonly short: ReturnType<typeof tallyJson>;
    readonly long: ReturnType<typeof tallyJson>;
  };
  readonly beyond: { readonly strings: number; readonly all: ReturnType<typeof tallyJson> };
  readonly byLength: ReturnType<typeof tallyJson>[];
  readonly byDepth: ReturnType<typeof tallyJson>[];
  readonly next: readonly ParensNext[];
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

const percent = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);

/** The training settings of a run: the recipe's, or the smoke run's fewer steps and strings. */
type Training = { readonly [K in keyof typeof PARENS_RECIPE.training]: number };

function modelCard(
  run: RunResult,
  ship: string,
  recipe: typeof PARENS_RECIPE,
  t: Training,
  environment: string,
): string {
  const h = run.heldOut;
  return `# ${ship}: a ${run.blocks}-block transformer for balanced parentheses

The ${run.blocks === 2 ? '2-block' : '1-block'} model of essay section 11.1 (\`chatgpt-explained parens next\`${run.blocks === 2 ? ", the command's default" : ' --model parens-1block'}): GPT-2's architecture over three tokens, \`(\` (id 0), \`)\` (id 1) and End (id 2), trained from scratch with this project's trainer to predict the next token of balanced-parenthesis strings. ${run.blocks} attention block${run.blocks === 1 ? '' : 's'}, ${run.heads} heads, feature vectors of ${run.dim}, MLP ${4 * run.dim}, learned positions for 33 tokens (End plus up to 32 characters), output tied to the token embedding: **${run.parameters.toLocaleString('en-US')} parameters**. Hugging Face layout (\`config.json\`, \`model.safetensors\` in F32), so \`transformers\`' \`GPT2LMHeadModel\` loads it too.

## Data

Generated, no outside data; MIT-licensed like the rest of the project.

- **Language:** strings of \`(\` and \`)\` whose depth never goes below 0 and ends at 0, of at most ${recipe.process.maxLength} characters. A training sequence is \`End s End\`.
- **Process:** at depth 0 (after at least one pair) the string ends with probability ${recipe.process.endProbability}, else \`(\` follows; inside brackets \`(\` follows with probability ${recipe.process.openProbability}, else \`)\`; near ${recipe.process.maxLength} characters the string is closed so that it fits. So after a balanced prefix the right answer is End ${recipe.process.endProbability} (and \`(\` the rest), and after an unbalanced prefix End is impossible.
- **Held out:** whole strings, ${100 * recipe.split.heldOutFraction}% of all balanced strings by a hash of the string (seed ${recipe.split.seed}; \`isHeldOut\`); a training draw that hits one is drawn again. ${t.trainingStrings.toLocaleString('en-US')} training strings, seed ${t.seed}.

## Training

\`\`\`sh
${COMMAND}
\`\`\`

${t.steps} steps of ${t.batchSize} strings (cross-entropy of the next token at every real position, padding left out), AdamW (β 0.9/0.98, decay ${t.weightDecay} on the weight matrices), learning rate warmed up over ${t.warmupSteps} steps to ${t.learningRate} then a cosine decay to a tenth, gradients clipped to norm 1, seed ${t.seed}. ${environment}: ${run.trainingSeconds.toFixed(0)} s of training (${Math.round(run.tokensPerSecond).toLocaleString('en-US')} real tokens/s; the machine was shared with other work). Every step's loss and learning rate are in \`loss-log.json\`; CI replays the first 20 steps from it (\`apps/cli/src/parens-model.test.ts\`).

Final loss ${run.finalLoss.toFixed(4)} nats (mean of the last 100 steps ${run.meanLossLast100.toFixed(4)}; the process's own entropy per position is the floor).

## Results

On every distinct non-empty prefix of the held-out strings (${h.strings} strings of 2–${recipe.evaluation.heldOutUpTo} characters, all of them up to 16 characters and ${recipe.evaluation.perLength} drawn uniformly per longer length), judged right when End > 0.5 after a balanced prefix and End < 0.05 after an unbalanced one:

| prefixes | count | balanced | End > 0.5 when balanced | End < 0.05 when not | both (the issue's criterion) | End is the top token exactly when balanced |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| 1–12 characters | ${h.short!.prefixes} | ${h.short!.balanced} | ${percent(h.short!.balancedAccuracy)} | ${percent(h.short!.unbalancedAccuracy)} | **${percent(h.short!.thresholdAccuracy)}** | ${percent(h.short!.argmaxAccuracy)} |
| 13–24 characters | ${h.long!.prefixes} | ${h.long!.balanced} | ${percent(h.long!.balancedAccuracy)} | ${percent(h.long!.unbalancedAccuracy)} | **${percent(h.long!.thresholdAccuracy)}** | ${percent(h.long!.argmaxAccuracy)} |
| prefixes of strings of 26–32 characters (longer than any training string) | ${run.beyond.all!.prefixes} | ${run.beyond.all!.balanced} | ${percent(run.beyond.all!.balancedAccuracy)} | ${percent(run.beyond.all!.unbalancedAccuracy)} | **${percent(run.beyond.all!.thresholdAccuracy)}** | ${percent(run.beyond.all!.argmaxAccuracy)} |

Next-token probabilities after the essay's two prefixes and three more:

| prefix | \`(\` | \`)\` | End |
| --- | ---: | ---: | ---: |
${run.next.map((n) => `| \`${n.prefix}\` | ${n.tokens.map((t) => `${(100 * t.probability).toFixed(2)}%`).join(' | ')} |`).join('\n')}

The size sweep these models belong to, with figures by length and depth: \`docs/parens/README.md\`.
`;
}

async function main(): Promise<void> {
  const smoke = args.smoke ?? false;
  const recipe = PARENS_RECIPE;
  const training = smoke ? { ...recipe.training, steps: 3, trainingStrings: 2000 } : recipe.training;
  const docsDir = smoke ? 'node_modules/.cache/train-parens/docs' : 'docs/parens';
  const modelsDir = smoke ? 'node_modules/.cache/train-parens/models' : 'data/models';
  mkdirSync(docsDir, { recursive: true });
  const only = args.only?.split(',');
  const resultsPath = join(docsDir, 'results.json');
  const previous: RunResult[] = existsSync(resultsPath)
    ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as { runs: RunResult[] }).runs
    : [];

  tf.env().set('PROD', true);
  const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  const environment = `${cpus()[0]?.model.trim() ?? 'CPU'}, ${cpus().length} cores, Node ${process.version}, tfjs-backend-wasm (one thread)`;
  const heldOut = heldOutParensStrings(recipe.split, {
    maxLength: recipe.evaluation.heldOutUpTo,
    perLength: smoke ? 5 : recipe.evaluation.perLength,
  });
  const beyond = heldOutParensStrings(recipe.split, {
    maxLength: recipe.evaluation.beyondUpTo,
    perLength: smoke ? 5 : recipe.evaluation.perLength,
  }).filter((h) => h.length > recipe.evaluation.heldOutUpTo);

  const runs: RunResult[] = [];
  const evaluations = new Map<string, ParensEvaluation>();
  for (const entry of recipe.sweep) {
    if (only !== undefined && !only.includes(entry.name)) {
      const kept = previous.find((r) => r.name === entry.name);
      if (kept) runs.push(kept);
      continue;
    }
    say(`${entry.name}: ${entry.blocks} block(s) × ${entry.dim}, ${recipe.heads} heads, ${training.steps} steps`);
    const steps: { step: number; loss: number; learningRate: number }[] = [];
    const trained = await trainParensModel(compute, {
      model: { blocks: entry.blocks, dim: entry.dim, heads: recipe.heads, maxLength: recipe.maxLength },
      process: recipe.process,
      split: recipe.split,
      ...training,
      onProgress: (e) => {
        steps.push({ step: e.step, loss: e.loss, learningRate: e.learningRate });
        if (e.step % 100 === 0 || e.step === e.totalSteps)
          say(`  step ${e.step}/${e.totalSteps} loss ${e.loss.toFixed(4)} ${(e.elapsedMs / 1000).toFixed(0)} s`);
      },
    });
    const { model } = trained;
    try {
      const far = await evaluateParens(compute, model, [...heldOut, ...beyond]);
      const groups = groupByTrainedLength(far, [...heldOut, ...beyond], recipe.evaluation.heldOutUpTo);
      evaluations.set(entry.name, far);
      const next: ParensNext[] = [];
      for (const prefix of recipe.prefixes) next.push(await parensNext(compute, model, prefix));
      const seconds = trained.elapsedMs / 1000;
      const run: RunResult = {
        name: entry.name,
        blocks: entry.blocks,
        dim: entry.dim,
        heads: recipe.heads,
        parameters: model.parameterCount(),
        steps: trained.steps,
        trainingSeconds: +seconds.toFixed(1),
        tokensPerSecond: +((trained.tokensPerStep * trained.steps) / seconds).toFixed(0),
        finalLoss: trained.losses.at(-1)!,
        meanLossLast100: mean(trained.losses.slice(-100)),
        heldOut: { strings: heldOut.length, short: tallyJson(groups.short), long: tallyJson(groups.long) },
        beyond: { strings: beyond.length, all: tallyJson(groups.beyond) },
        byLength: far.byLength.map(tallyJson),
        byDepth: far.byDepth.map(tallyJson),
        next,
      };
      runs.push(run);
      say(
        `  held-out ≤12: ${percent(run.heldOut.short?.thresholdAccuracy)}, 13–24: ${percent(run.heldOut.long?.thresholdAccuracy)}, 26–32: ${percent(run.beyond.all?.thresholdAccuracy)} (${seconds.toFixed(0)} s)`,
      );
      if ('ship' in entry) {
        const dir = join(modelsDir, entry.ship);
        mkdirSync(dir, { recursive: true });
        const files = await saveParensModel(model, {
          metadata: { name: entry.ship, command: COMMAND, license: 'MIT' },
        });
        for (const [file, bytes] of Object.entries(files)) writeAtomic(join(dir, file), bytes);
        const log = { recipe: { ...recipe, training }, model: entry, parameters: run.parameters, steps };
        writeAtomic(join(dir, 'loss-log.json'), `${JSON.stringify(log)}\n`);
        const cardPath = join(dir, 'MODEL_CARD.md');
        writeAtomic(cardPath, await pretty(cardPath, modelCard(run, entry.ship, recipe, training, environment)));
        say(`  wrote ${dir}`);
      }
    } finally {
      model.dispose();
    }
  }
  writeAtomic(
    resultsPath,
    await pretty(resultsPath, JSON.stringify({ command: COMMAND, recipe: { ...recipe, training }, environment, runs })),
  );

  const figures: Figure[] = [];
  const named = [...evaluations].map(([name, evaluation]) => ({ name, evaluation }));
  if (named.length > 0) {
    figures.push(
      parensByLengthFigure('11.1-parens-by-length', named, {
        subtitle: 'held-out strings up to 24 characters, and longer ones (26–32) than any training string',
      }),
    );
    for (const { name, evaluation } of named)
      figures.push(parensGridFigure(`11.1-parens-grid-${name}`, name, evaluation));
  }
  for (const run of runs.filter((r) => r.name === '2x128' || r.name === '1x128'))
    figures.push(parensNextFigure(`11.1-parens-next-${run.name}`, run.name, run.next));
  for (const figure of figures) {
    writeAtomic(join(docsDir, `${figure.name}.svg`), await renderSvg(figure.spec));
    writeAtomic(join(docsDir, `${figure.name}.png`), await renderPng(figure.spec));
  }
  say(`wrote ${resultsPath} and ${figures.length} figures`);
}

await main();
