import { describe, expect, it } from 'vitest';
import { greedyPick, timeGreedy, type GreedyModel } from './greedy';

describe('bench gpt2 greedy loop', () => {
  it('greedyPick finds the largest value and its lead, first index on ties', () => {
    expect(greedyPick([0.5, 2, -1, 1.25])).toEqual({ id: 1, gap: 0.75 });
    expect(greedyPick([3, 3, 1])).toEqual({ id: 0, gap: 0 });
    expect(greedyPick(new Float32Array([-5, -7]))).toEqual({ id: 0, gap: 2 });
  });

  it('feeds the prompt once, then each picked id through the cache, and counts the steps', async () => {
    const calls: number[][] = [];
    let resets = 0;
    // Next id = last id + 1 (mod 10), gap 0.5: a model whose continuation is known in advance.
    const model: GreedyModel = {
      reset: () => void resets++,
      step: async (ids) => {
        calls.push([...ids]);
        return { id: (ids.at(-1)! + 1) % 10, gap: 0.5 };
      },
    };
    const t = await timeGreedy(model, {
      prompt: [7, 8],
      decodeTokens: 3,
      warmupDecodeTokens: 1,
      rounds: 2,
      maxSecondsPerImplementation: 60,
    });
    expect(t.ids).toEqual([9, 0, 1, 2]);
    expect(t.gaps).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(t.roundsRun).toBe(2);
    expect(t.deterministic).toBe(true);
    // Warm-up (prompt + 1 step), then 2 rounds of prompt + 3 steps.
    expect(calls).toEqual([[7, 8], [9], [7, 8], [9], [0], [1], [7, 8], [9], [0], [1]]);
    expect(resets).toBe(4); // before warm-up, each round, and after
    expect(t.promptTokensPerSecond).toBeGreaterThan(0);
    expect(t.decodeTokensPerSecond).toBeGreaterThan(0);
  });
});
