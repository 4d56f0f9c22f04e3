import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { cudaBackend } from './cuda';
import { wasmBackend as browserWasmBackend } from './wasm';
import { webglBackend } from './webgl';
import { caught } from '../test/caught';

describe('cuda adapter without @tensorflow/tfjs-node-gpu installed (the case on every machine here)', () => {
  it('probes as unavailable, naming the install step and why it may fail', async () => {
    const probe = await cudaBackend().probe();
    expect(probe.available).toBe(false);
    expect(probe.reason).toMatch(
      /^cuda backend needs @tensorflow\/tfjs-node-gpu, which is not installed: npm install @tensorflow\/tfjs-node-gpu@4\.22\.0/,
    );
    expect(probe.reason).toContain('downloads libtensorflow from storage.googleapis.com');
    expect(probe.reason).toContain('CUDA 11.2');
  });

  it('refuses to activate with a typed BACKEND_UNAVAILABLE error and leaves tfjs where it was', async () => {
    const before = tf.getBackend();
    const error = await caught(cudaBackend().activate(tf));
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.argument).toBe('backend');
    expect(error.value).toBe('cuda');
    expect(error.message).toContain('npm install @tensorflow/tfjs-node-gpu@4.22.0');
    expect(tf.getBackend()).toBe(before);
  });
});

describe('webgl adapter in Node', () => {
  it('says it needs a browser', async () => {
    expect(await webglBackend().probe()).toEqual({
      available: false,
      hardware: false,
      reason: 'WebGL needs a browser: this runtime has no canvas (Node has none)',
    });
    const error = await caught(webglBackend().activate(tf));
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.message).toBe('webgl backend: WebGL needs a browser: this runtime has no canvas (Node has none)');
  });
});

describe('wasm adapter for the browser', () => {
  it('requires the app to say where its .wasm files are (never a CDN)', async () => {
    const adapter = browserWasmBackend();
    const probe = await adapter.probe();
    expect(probe.available).toBe(false);
    expect(probe.reason).toMatch(/^wasmBackend: in the browser pass wasmPaths/);
    const error = await caught(adapter.activate(tf));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe('wasmPaths');
  });
});

describe('loadBackendPackage', () => {
  it('tells "not installed" apart from "installed but broken", naming the install step in both', async () => {
    const { loadBackendPackage } = await import('./load-package');
    const missing = Object.assign(new Error("Cannot find package '@tensorflow/tfjs-node-gpu'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const broken = new Error(
      'The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/tfjs_binding.node.\nmore',
    );
    const notInstalled = await caught(
      loadBackendPackage('cuda', 'pkg', () => Promise.reject(missing), 'npm install pkg'),
    );
    expect(notInstalled.message).toBe('cuda backend needs pkg, which is not installed: npm install pkg');
    const failed = await caught(loadBackendPackage('cuda', 'pkg', () => Promise.reject(broken), 'npm install pkg'));
    expect(failed.message).toBe(
      'cuda backend: pkg is installed but failed to load (The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/tfjs_binding.node.); reinstall it: npm install pkg',
    );
    expect([failed.code, failed.cause]).toEqual(['BACKEND_UNAVAILABLE', broken]);
  });
});
