import { describe, expect, it } from 'vitest';
import { NnCoreError } from '../../errors';
import { createAllocator } from './allocator';

const PAGE = 65536;

describe('createAllocator', () => {
  it('hands out aligned, disjoint blocks after the reserved bytes', () => {
    const alloc = createAllocator(new WebAssembly.Memory({ initial: 1 }), { alignment: 64, reserved: 10 });
    const a = alloc.allocate(1);
    const b = alloc.allocate(100);
    const c = alloc.allocate(64);
    expect([a, b, c]).toEqual([64, 128, 256]);
    expect(alloc.allocatedBytes).toBe(64 + 128 + 64);
  });

  it('reuses freed blocks and merges free neighbours', () => {
    const alloc = createAllocator(new WebAssembly.Memory({ initial: 1 }));
    const a = alloc.allocate(64);
    const b = alloc.allocate(64);
    const c = alloc.allocate(64);
    alloc.allocate(64); // d keeps c's right side taken
    alloc.free(a);
    alloc.free(c);
    alloc.free(b); // a, b, c merge into 192 bytes at a
    expect(alloc.allocate(192)).toBe(a);
    expect(alloc.allocatedBytes).toBe(192 + 64);
  });

  it('grows the memory by whole pages when nothing fits, extending a free tail', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const alloc = createAllocator(memory);
    const a = alloc.allocate(PAGE - 64 - 128); // leaves a 128-byte free tail
    const b = alloc.allocate(3 * PAGE); // tail + growth
    expect(b).toBe(a + PAGE - 64 - 128);
    expect(memory.buffer.byteLength).toBe(4 * PAGE);
    expect(alloc.capacity).toBe(4 * PAGE);
    alloc.free(b);
    alloc.free(a);
    expect(alloc.allocate(4 * PAGE - 64)).toBe(64); // all of it, merged again
  });

  it('refuses bad sizes, unknown addresses and bad options', () => {
    const alloc = createAllocator(new WebAssembly.Memory({ initial: 1 }));
    const codes = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return NnCoreError.isInstance(error) ? [error.code, error.argument] : ['not NnCoreError'];
      }
      return ['no error'];
    };
    expect(codes(() => alloc.allocate(0))).toEqual(['INVALID_ARGUMENT', 'bytes']);
    expect(codes(() => alloc.allocate(1.5))).toEqual(['INVALID_ARGUMENT', 'bytes']);
    expect(codes(() => alloc.free(12345))).toEqual(['INVALID_ARGUMENT', 'address']);
    const a = alloc.allocate(8);
    alloc.free(a);
    expect(codes(() => alloc.free(a))).toEqual(['INVALID_ARGUMENT', 'address']);
    expect(codes(() => alloc.allocate(2 ** 33))).toEqual(['INVALID_ARGUMENT', 'bytes']);
    const memory = new WebAssembly.Memory({ initial: 1 });
    expect(codes(() => createAllocator(memory, { alignment: 48 }))).toEqual(['INVALID_ARGUMENT', 'alignment']);
    expect(codes(() => createAllocator(memory, { reserved: -1 }))).toEqual(['INVALID_ARGUMENT', 'reserved']);
  });
});
