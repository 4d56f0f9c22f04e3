// The 11.2 tour step: skipped without a model; in quick mode on a tiny random GPT-2 (byte tokens)
// and a made-up corpus, it reports every finding with its numbers and renders its figures.
import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { renderSvg } from '@chatgpt-explained/viz';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyByteGpt } from '../../test/tiny-gpt';
import type { EssayData } from '../data';
import type { TourContext } from '../tour';
import { agreementLines, formatP, QUICK_AGREEMENT, SYNTAX_STEPS } from './tour-steps';

tf.env().set('PROD', true);

const data: EssayData = {
  corpus: async () => [
    {
      name: 'made-up',
      text: 'The man and the men. The girl and the girls. The book and the books. The whale and the whales.\n'.repeat(
        60,
      ),
    },
  ],
  article: () => Promise.reject(new Error('not used')),
  letterFrequencies: () => Promise.reject(new Error('not used')),
};

let gpt: Gpt2;
const compute = {} as ComputeContext; // the step does not use it
beforeAll(async () => {
  ({ gpt } = await tinyByteGpt({ contextLength: 96, seed: 4 })); // byte tokens: the syllogisms need ~85
});
afterAll(() => gpt.dispose());

describe('SYNTAX_STEPS', () => {
  it('implements 11.2 and skips it without a model', async () => {
    expect(SYNTAX_STEPS.map((s) => s.item)).toEqual(['11.2']);
    const r = await SYNTAX_STEPS[0]!.run({ data, compute, quick: true });
    expect(r.lines).toEqual(['skipped: the tour was given no GPT-2 model']);
  });

  it('runs in quick mode and reports the findings with their tests', async () => {
    const progress: number[] = [];
    const context: TourContext = {
      data,
      compute,
      quick: true,
      gpt2: async () => gpt,
      onProgress: (p) => {
        expect(p.item).toBe('11.2');
        progress.push(p.fraction);
      },
    };
    const r = await SYNTAX_STEPS[0]!.run(context);
    expect(progress.at(-1)).toBe(1);
    expect(r.lines).toHaveLength(10);
    expect(r.lines[6]).toMatch(/^verdict: /);
    expect(r.lines[7]).toBe(
      'syllogisms, e.g. "All men are happy. All women are old. Jo is a man. So Jo is ___" (24 prompts, 2 classes, 3 properties):',
    );
    // 2 class pairs × 2 orders × (6 / 2 mirror pairs, 3 copying pairs).
    expect(r.lines[8]).toMatch(
      / of 12 pairs \(p .*\); the property of Jo's class beats the other premise's in \d+% of 12 mirror pairs/,
    );
    expect(r.lines[9]).toMatch(/^verdict: the GPT /);
    // 95 % of 60 equal lines is 57: the cut is at the end of line 58, the rest held out.
    expect(r.lines[1]).toContain('subjects man 58/58, girl 58/58; in between: book 58/58, whale 58/58');
    expect(r.lines[2]).toMatch(
      /^"The man ___" \(was\/were, is\/are, has\/have, does\/do\): the GPT prefers the agreeing verb in \d+% of 16 /,
    );
    expect(r.lines[4]).toMatch(/PP \d+% of 64 pairs × verbs .*clause \d+% of 64 pairs × verbs .*\(128 ties\)/);
    const d = r.data as { agreement: { pairs: number; comparisons: number }; syllogism: { items: number } };
    // 2 subjects × (1 + 4 templates × 2 attractors × 2 numbers) pairs; 2 prompts × 4 verbs each.
    expect(d.agreement).toMatchObject({ pairs: 34, comparisons: 34 * 8 });
    expect(d.syllogism.items).toBe(24);
    expect(r.figures?.map((f) => f.name)).toEqual(['11.2-agreement', '11.2-agreement-pairs', '11.2-syllogism']);
    for (const f of r.figures ?? []) expect(await renderSvg(f.spec)).toContain('<svg');
    expect(QUICK_AGREEMENT).toEqual({ maxSubjects: 3, maxAttractors: 2 });
    // Progress runs through both halves, never backwards.
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
  });

  it('formats p-values', () => {
    expect([formatP(0.5), formatP(0.0123), formatP(3.2e-7), formatP(0)]).toEqual([
      'p 0.50',
      'p 0.012',
      'p 3e-7',
      'p < 1e-300',
    ]);
    expect(typeof agreementLines).toBe('function');
  });
});
