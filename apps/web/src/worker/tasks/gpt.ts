/**
 * Tasks of the GPT widgets: the next-token table and sampled continuations (essay 1.1–1.3), every
 * block's attention heads (9.4) and every layer's hidden state (9.5), on the GPT the reader chose
 * (the bundled corpus-gpt2, or real GPT-2 once downloaded).
 */
import { gpt2AttentionExperiment } from '@chatgpt-explained/essay';
import { generate, hiddenStates, nextTokens } from '@chatgpt-explained/gpt2';
import { renderSvg, type HeatmapSpec } from '@chatgpt-explained/viz';
import { loadGpt, type GptChoice } from '../gpt-models';
import { task } from '../task';
import { gptShape, hiddenStateSpec, inspectedIds, rowNorms, tokenAxisLabels, type GptShape } from './gpt-inspect';
import { integerIn, numberIn } from '../task-input';

/** Input of `gpt.samples`. */
export interface SamplesInput {
  readonly choice: GptChoice;
  readonly prompt: string;
  /** 0 is greedy. */
  readonly temperature: number;
  /** 0: all tokens. */
  readonly topK: number;
  /** 1: off. */
  readonly topP: number;
  /** Sample k uses `seed + k`. */
  readonly seed: number;
  readonly samples: number;
  readonly maxTokens: number;
}

/** One continuation as it grows (progress) or once done (result). */
export interface SampleText {
  readonly index: number;
  readonly seed: number;
  readonly text: string;
  readonly ids: readonly number[];
  readonly finish?: 'length' | 'stop' | 'endoftext';
}

export const gptTasks = {
  /** Loads the chosen GPT (kept for the worker's life) and returns its shape. */
  'gpt.load': task(async (input: { readonly choice: GptChoice }, ctx): Promise<GptShape> => {
    const { gpt, label } = await loadGpt(ctx, input.choice);
    return gptShape(gpt, label);
  }),

  /** Essay 1.1: the `top` most likely next tokens after the prompt, with their probabilities. */
  'gpt.next': task(
    async (input: { readonly choice: GptChoice; readonly prompt: string; readonly top: number }, ctx) => {
      const { gpt, label } = await loadGpt(ctx, input.choice);
      const top = integerIn('gpt.next', 'top', input.top, 1, 100);
      const r = await nextTokens(gpt, input.prompt, { top });
      return {
        prompt: input.prompt,
        model: gptShape(gpt, label),
        promptTokens: r.promptIds.length,
        tokens: r.tokens.map((t) => ({ id: t.id, text: t.text, probability: t.probability })),
      };
    },
  ),

  /**
   * Essay 1.2–1.3: `samples` continuations of the prompt, sample k with seed `seed + k`, by the
   * sampler's temperature, top-k and top-p. Each continuation is sent as progress while it grows.
   */
  'gpt.samples': task<SamplesInput, { model: GptShape; samples: SampleText[] }, SampleText>(async (input, ctx) => {
    const { gpt, label } = await loadGpt(ctx, input.choice);
    const temperature = numberIn('gpt.samples', 'temperature', input.temperature, 0, 10);
    const topK = integerIn('gpt.samples', 'top-k', input.topK, 0, gpt.config.vocabSize);
    const topP = numberIn('gpt.samples', 'top-p', input.topP, 0.01, 1);
    const count = integerIn('gpt.samples', 'samples', input.samples, 1, 10);
    const maxTokens = integerIn('gpt.samples', 'tokens', input.maxTokens, 1, 200);
    const first = integerIn('gpt.samples', 'seed', input.seed, 0, 2 ** 31);
    const samples: SampleText[] = [];
    for (let index = 0; index < count; index++) {
      const seed = first + index;
      const ids: number[] = [];
      let text = '';
      let finish: SampleText['finish'];
      for await (const token of generate(gpt, {
        prompt: input.prompt,
        maxTokens,
        temperature,
        topK: topK === 0 ? undefined : topK,
        topP,
        seed,
        signal: ctx.signal,
      })) {
        ids.push(token.id);
        text += token.text;
        finish = token.finish;
        ctx.progress({ index, seed, text, ids: [...ids] } satisfies SampleText);
      }
      samples.push({ index, seed, text, ids, ...(finish ? { finish } : {}) });
    }
    return { model: gptShape(gpt, label), samples };
  }),

  /**
   * Essay 9.4: the attention pattern of every head of one block for the reader's text, each as a
   * small heatmap (SVG) with its weights (`weights[i][j]`: how much token i attends to token j).
   */
  'gpt.attention': task(
    async (input: { readonly choice: GptChoice; readonly text: string; readonly block: number }, ctx) => {
      const { gpt, label } = await loadGpt(ctx, input.choice);
      inspectedIds(gpt, input.text);
      const block = integerIn('gpt.attention', 'block', input.block, 0, gpt.config.layers - 1);
      const r = await gpt2AttentionExperiment(gpt, { text: input.text, block });
      const t = r.tokens.length;
      const side = Math.min(220, Math.max(90, 18 * t));
      const heads = [];
      for (const [h, figure] of r.figures.entries()) {
        ctx.signal.throwIfAborted();
        const { subtitle: _subtitle, ...rest } = figure.spec as HeatmapSpec;
        const spec: HeatmapSpec = {
          ...rest,
          title: `Head ${h}`,
          width: side,
          height: side,
          color: { ...rest.color, legend: false },
        };
        heads.push({ head: h, weights: r.heads[h]!.map((row) => [...row]), svg: await renderSvg(spec) });
      }
      return {
        model: gptShape(gpt, label),
        block,
        tokens: r.tokens.map((tok) => tok.text),
        lastFocus: [...r.lastFocus],
        heads,
      };
    },
  ),

  /**
   * Essay 9.5: the hidden state of every layer for the reader's text (the embeddings, then the
   * output of each block), each as a token × dimension heatmap, with each token's vector length.
   */
  'gpt.hidden': task(async (input: { readonly choice: GptChoice; readonly text: string }, ctx) => {
    const { gpt, label } = await loadGpt(ctx, input.choice);
    inspectedIds(gpt, input.text);
    const r = await hiddenStates(gpt, input.text);
    const labels = tokenAxisLabels(r.tokens.map((tok) => tok.text));
    const layers = [];
    for (const layer of r.layers) {
      ctx.signal.throwIfAborted();
      layers.push({
        layer: layer.layer,
        label: layer.label,
        norms: rowNorms(layer),
        svg: await renderSvg(hiddenStateSpec(layer, labels)),
      });
    }
    return { model: gptShape(gpt, label), tokens: r.tokens.map((tok) => tok.text), layers };
  }),
};
