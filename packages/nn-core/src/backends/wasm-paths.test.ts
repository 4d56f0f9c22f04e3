import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NnCoreError } from '../errors';
import { wasmBackend } from './wasm.node';

describe('wasm adapter with wasmPaths', () => {
  it('reads the .wasm from the directory given, and names the failure when it is not there', async () => {
    const empty = `${mkdtempSync(join(tmpdir(), 'no-wasm-'))}/`;
    let caught: unknown;
    try {
      await wasmBackend({ wasmPaths: empty }).activate(tf);
    } catch (error) {
      caught = error;
    }
    expect(NnCoreError.isInstance(caught)).toBe(true);
    expect((caught as NnCoreError).code).toBe('INVALID_ARGUMENT');
    expect((caught as NnCoreError).argument).toBe('wasmPaths');
    expect((caught as NnCoreError).message).toBe(
      `wasmBackend: wasmPaths has no tfjs-backend-wasm-simd.wasm: ${empty}tfjs-backend-wasm-simd.wasm does not exist`,
    );
  });
});
