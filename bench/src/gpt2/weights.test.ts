import { describe, expect, it } from 'vitest';
import { readConfig } from '../harness';
import type { Gpt2BenchConfig } from './types';
import { cacheKey, canonicalShapes, parameterCount, weightSpec } from './weights';

const config = readConfig<Gpt2BenchConfig>('gpt2');

describe('bench gpt2 weights', () => {
  it('has the GPT-2 124M parameter count (tied head): 124,439,808', () => {
    // 50257·768 + 1024·768 + 12·(4·768 + 768·2304 + 2304 + 768·768 + 768 + 768·3072 + 3072 + 3072·768 + 768) + 2·768
    expect(parameterCount(config.full.model)).toBe(124_439_808);
    const names = canonicalShapes(config.full.model).map(([n]) => n);
    expect(names).toHaveLength(2 + 12 * 12 + 2);
    expect(names).toContain('h.11.mlp.c_proj.weight');
    expect(names).not.toContain('lm_head.weight');
  });

  it('keys the cache by the spec and the generator script', () => {
    const spec = weightSpec(config.smoke, config.opset);
    const key = cacheKey(spec, 'script');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(cacheKey(spec, 'script')).toBe(key);
    expect(cacheKey(spec, 'script 2')).not.toBe(key);
    expect(cacheKey(weightSpec({ ...config.smoke, prompt: [1] }, config.opset), 'script')).not.toBe(key);
  });
});
