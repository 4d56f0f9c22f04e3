import { describe, expect, it } from 'vitest';
import type { TrainGptWorkerResult } from '../train-gpt-types';
import { resultsTable, rowName, tokensPerSecond } from './report';

const model = { layers: 4, heads: 4, embedDim: 128, contextLength: 64, batch: 12 };

describe('tokensPerSecond', () => {
  it('is B·T tokens per step over the step time', () => {
    // 12 × 64 = 768 tokens in 0.5 s.
    expect(tokensPerSecond(model, 500)).toBe(1536);
  });
});

describe('resultsTable', () => {
  const torch: TrainGptWorkerResult = {
    implementation: 'torch',
    detail: '',
    hardware: false,
    losses: [4, 3.5],
    msPerStep: 800,
  };
  const wasm: TrainGptWorkerResult = {
    implementation: 'wasm',
    detail: '',
    hardware: false,
    losses: [4.004, 3.5],
    msPerStep: 400,
  };

  it('names the rows', () => {
    expect(rowName(torch, 2)).toBe('PyTorch, 2 threads');
    expect(rowName({ ...torch, implementation: 'torch-1t' }, 2)).toBe('PyTorch, 1 thread');
    expect(rowName({ ...torch, implementation: 'torch-netlib' }, 2)).toBe('PyTorch, 2 threads, netlib BLAS');
    expect(rowName({ ...wasm, implementation: 'webgpu' }, 2)).toBe('ours webgpu (software)');
  });

  it('gives ms/step, tokens/s, the ratio to the reference and the loss gap', () => {
    const lines = resultsTable(model, [torch, wasm], torch, 2).split('\n');
    expect(lines[0]).toBe('| implementation | ms/step (median) | tokens/s | ÷ PyTorch, 2 threads | loss gap |');
    expect(lines[2]).toBe('| PyTorch, 2 threads | 800 | 960 | 1.000× | reference |');
    // 768 tokens / 0.4 s = 1920; 800 / 400 = 2; |4.004 − 4| / 4 = 1e-3.
    expect(lines[3]).toBe('| ours wasm | 400 | 1920 | 2.000× | 1.0e-3 |');
  });

  it('leaves out implementations that did not run', () => {
    const skipped: TrainGptWorkerResult = { implementation: 'torch', detail: '', hardware: false, unavailable: 'no' };
    expect(resultsTable(model, [skipped, wasm], undefined, 2).split('\n')).toHaveLength(3);
  });
});
