/**
 * Tasks of essay section 12: a prompt's trajectory through the model's space of meanings (12.3),
 * on the GPT the reader chose.
 */
import { trajectoryExperiment } from '@chatgpt-explained/essay';
import { renderSvg } from '@chatgpt-explained/viz';
import { loadGpt, type GptChoice } from '../gpt-models';
import { task } from '../task';
import { gptShape } from './gpt-inspect';
import { integerIn } from '../task-input';

/** Most greedy steps the trajectory widget asks for. */
export const MAX_TRAJECTORY_STEPS = 40;

export const meaningTasks = {
  /**
   * Essay 12.3: the model continues the prompt greedily; after each token, its final state (after
   * `ln_f`) is one point of a path, projected to 2-D by a PCA of the path, with the fan of the next
   * likeliest tokens at each step. Returns the path's tokens and the figure as SVG.
   */
  'meaning.trajectory': task<
    { readonly choice: GptChoice; readonly prompt: string; readonly steps: number },
    {
      model: ReturnType<typeof gptShape>;
      prompt: string;
      text: string;
      ids: number[];
      path: { text: string; x: number; y: number }[];
      explainedVariance: number[];
      svg: string;
    },
    number
  >(async (input, ctx) => {
    const { gpt, label } = await loadGpt(ctx, input.choice);
    if (typeof input.prompt !== 'string' || input.prompt.trim().length === 0) {
      throw new Error('Type a prompt for the model to continue.');
    }
    const steps = integerIn('meaning.trajectory', 'steps', input.steps, 1, MAX_TRAJECTORY_STEPS);
    const room = gpt.config.contextLength - gpt.encoding.encode(input.prompt).length;
    if (room < steps) {
      throw new Error(
        `The prompt leaves room for ${Math.max(0, room)} more tokens in the model's context of ${gpt.config.contextLength}; shorten it.`,
      );
    }
    const r = await trajectoryExperiment(
      gpt,
      { prompt: input.prompt, steps, fan: 3, figureFans: Math.min(steps, 6) },
      { signal: ctx.signal, onProgress: (p) => ctx.progress(p.fraction) },
    );
    const figure = r.figures.find((f) => f.name === '12.3-trajectory-tokens') ?? r.figures[0]!;
    return {
      model: gptShape(gpt, label),
      prompt: r.prompt,
      text: r.text,
      ids: [...r.ids],
      path: r.path.map((p) => ({ text: p.text, x: p.point[0], y: p.point[1] })),
      explainedVariance: [...r.explainedVariance],
      svg: await renderSvg(figure.spec),
    };
  }),
};
