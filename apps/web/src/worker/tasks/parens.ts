/** Tasks of essay section 11: the parentheses transformer's next-token probabilities. */
import {
  loadParensModel,
  parensNextFigure,
  parensProbabilities,
  PARENS_TOKENS,
  type ParensModelFiles,
  type ParensNext,
} from '@chatgpt-explained/essay';
import type { Gpt2Model } from '@chatgpt-explained/gpt2';
import { renderSvg } from '@chatgpt-explained/viz';
import { task, type TaskContext } from '../task';
import { oneOf } from '../task-input';

/** The shipped parentheses models (folders under data/models/). */
export const PARENS_MODELS = ['parens-2block', 'parens-1block'] as const;
/** One of {@link PARENS_MODELS}. */
export type ParensModelName = (typeof PARENS_MODELS)[number];

function loadModel(ctx: TaskContext, name: ParensModelName): Promise<Gpt2Model> {
  oneOf('parens.next', 'model', name, PARENS_MODELS);
  return ctx.memo(`parens:${name}`, async () => {
    const dir = `data/models/${name}`;
    const files: ParensModelFiles = {
      'config.json': await ctx.files.bytes(`${dir}/config.json`),
      'model.safetensors': await ctx.files.bytes(`${dir}/model.safetensors`),
    };
    return loadParensModel(ctx.compute, files);
  });
}

export const parensTasks = {
  /**
   * Essay 11.1: the probabilities of `(`, `)` and End after the reader's prefix, with a bar chart of
   * them after every prefix of it (at most the last 12).
   */
  'parens.next': task(async (input: { readonly model: ParensModelName; readonly prefix: string }, ctx) => {
    const model = await loadModel(ctx, input.model);
    const maxLength = model.config.contextLength - 1;
    if (!/^[()]*$/.test(input.prefix)) {
      throw new Error('Type only ( and ): the model knows no other characters.');
    }
    if (input.prefix.length > maxLength) {
      throw new Error(`${input.model} reads at most ${maxLength} characters; the prefix has ${input.prefix.length}.`);
    }
    // One forward pass gives the distribution after every prefix of the reader's text.
    const [rows] = await parensProbabilities(ctx.compute, model, [input.prefix], { signal: ctx.signal });
    const answers: ParensNext[] = rows!.map((p, k) => ({
      prefix: k === 0 ? '(empty)' : input.prefix.slice(0, k),
      tokens: PARENS_TOKENS.map((text, id) => ({ text, probability: p[id]! })),
    }));
    const last = answers.at(-1)!;
    const figure = parensNextFigure('11.1-parens-next', input.model, answers.slice(-12));
    return {
      prefix: input.prefix,
      probabilities: last.tokens.map((t) => ({ text: t.text, probability: t.probability })),
      svg: await renderSvg(figure.spec),
    };
  }),
};
