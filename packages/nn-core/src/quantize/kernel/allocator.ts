/**
 * A first-fit free-list allocator over one `WebAssembly.Memory`, for the quantised-matmul kernel.
 *
 * - Every block starts at a multiple of `alignment` and its size is rounded up to one.
 * - The first `reserved` bytes are never handed out, so no block starts at address 0 (the kernel's
 *   "no pointer").
 * - Free blocks are kept sorted by address and merged with free neighbours on `free`, so memory
 *   freed by one matrix is reused by the next one that fits.
 * - When no free block fits, the memory grows (by whole 64 KiB pages, at least by half its size, so
 *   growth is amortised); WebAssembly memory never shrinks, so freed bytes stay reserved for reuse
 *   until the memory itself is dropped.
 * - Growing detaches every typed-array view of the old buffer: take views after allocating.
 */
import { NnCoreError } from '../../errors';

const PAGE = 65536;
/** WebAssembly 32-bit memories hold at most 65536 pages (4 GiB). */
const MAX_PAGES = 65536;

/** Blocks of one `WebAssembly.Memory`, handed out and taken back by address. */
export interface KernelAllocator {
  /** Reserves `bytes` (> 0) and returns the block's address; grows the memory when needed. */
  allocate(bytes: number): number;
  /** Returns the block at `address` (from {@link KernelAllocator.allocate}); throws for any other address. */
  free(address: number): void;
  /** Bytes in blocks handed out and not yet freed (sizes rounded up to the alignment). */
  readonly allocatedBytes: number;
  /** Bytes of the memory now (it grows, never shrinks). */
  readonly capacity: number;
}

/** Options of {@link createAllocator}. */
export interface AllocatorOptions {
  /** Block alignment in bytes, a power of two up to 4096. Default 64 (a cache line). */
  readonly alignment?: number;
  /** Bytes at the start of the memory never handed out, below 65536. Default 64. */
  readonly reserved?: number;
}

/** An allocator for `memory`, which it may grow; nothing else should write to the memory's blocks. */
export function createAllocator(memory: WebAssembly.Memory, options: AllocatorOptions = {}): KernelAllocator {
  const alignment = options.alignment ?? 64;
  const reserved = options.reserved ?? 64;
  if (!Number.isInteger(alignment) || alignment < 1 || alignment > 4096 || (alignment & (alignment - 1)) !== 0) {
    throw new NnCoreError(
      'INVALID_ARGUMENT',
      `createAllocator: alignment must be a power of two up to 4096, got ${alignment}`,
      {
        argument: 'alignment',
        value: alignment,
        expected: 'a power of two up to 4096',
      },
    );
  }
  if (!Number.isInteger(reserved) || reserved < 0 || reserved >= PAGE) {
    throw new NnCoreError(
      'INVALID_ARGUMENT',
      `createAllocator: reserved must be an integer in [0, 65535], got ${reserved}`,
      {
        argument: 'reserved',
        value: reserved,
        expected: 'an integer in [0, 65535]',
      },
    );
  }
  const roundUp = (v: number) => Math.ceil(v / alignment) * alignment;
  const start = roundUp(Math.max(reserved, 1));
  if (memory.buffer.byteLength === 0) memory.grow(1);
  /** Free blocks, sorted by address, never adjacent (merged). */
  const freeList: Array<{ address: number; size: number }> = [];
  const used = new Map<number, number>();
  let allocated = 0;
  if (memory.buffer.byteLength > start) freeList.push({ address: start, size: memory.buffer.byteLength - start });

  const grow = (size: number) => {
    const capacity = memory.buffer.byteLength;
    const last = freeList.at(-1);
    const tail = last !== undefined && last.address + last.size === capacity ? last.size : 0;
    const have = capacity / PAGE;
    const minimum = Math.ceil((size - tail) / PAGE);
    const pages = Math.min(Math.max(minimum, Math.ceil(have / 2)), MAX_PAGES - have);
    if (pages < minimum) {
      throw new NnCoreError(
        'INVALID_ARGUMENT',
        `quant kernel: cannot reserve ${size} bytes: the kernel's WebAssembly memory holds ${capacity} bytes and cannot grow past 4 GiB (free matrices no longer needed, or use another kernel)`,
        { argument: 'bytes', value: size, expected: 'a size that fits in 4 GiB' },
      );
    }
    try {
      memory.grow(pages);
    } catch (cause) {
      throw new NnCoreError(
        'INVALID_ARGUMENT',
        `quant kernel: the engine refused to grow the kernel's memory from ${capacity} by ${pages * PAGE} bytes`,
        { argument: 'bytes', value: size, expected: 'a size the engine can allocate', cause },
      );
    }
    if (tail > 0) last!.size += pages * PAGE;
    else freeList.push({ address: capacity, size: pages * PAGE });
  };

  const allocate = (bytes: number): number => {
    if (!Number.isSafeInteger(bytes) || bytes <= 0) {
      throw new NnCoreError(
        'INVALID_ARGUMENT',
        `quant kernel allocator: bytes must be a positive integer, got ${bytes}`,
        {
          argument: 'bytes',
          value: bytes,
          expected: 'a positive integer',
        },
      );
    }
    const size = roundUp(bytes);
    let index = freeList.findIndex((block) => block.size >= size);
    if (index < 0) {
      grow(size);
      index = freeList.findIndex((block) => block.size >= size);
    }
    const block = freeList[index]!;
    const address = block.address;
    if (block.size === size) freeList.splice(index, 1);
    else {
      block.address += size;
      block.size -= size;
    }
    used.set(address, size);
    allocated += size;
    return address;
  };

  const free = (address: number): void => {
    const size = used.get(address);
    if (size === undefined) {
      throw new NnCoreError('INVALID_ARGUMENT', `quant kernel allocator: no block starts at address ${address}`, {
        argument: 'address',
        value: address,
        expected: 'an address returned by allocate and not yet freed',
      });
    }
    used.delete(address);
    allocated -= size;
    // Insert in address order, then merge with the neighbours it touches.
    let lo = 0;
    let hi = freeList.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (freeList[mid]!.address < address) lo = mid + 1;
      else hi = mid;
    }
    freeList.splice(lo, 0, { address, size });
    const next = freeList[lo + 1];
    const block = freeList[lo]!;
    if (next !== undefined && block.address + block.size === next.address) {
      block.size += next.size;
      freeList.splice(lo + 1, 1);
    }
    const prev = freeList[lo - 1];
    if (prev !== undefined && prev.address + prev.size === block.address) {
      prev.size += block.size;
      freeList.splice(lo, 1);
    }
  };

  return {
    allocate,
    free,
    get allocatedBytes() {
      return allocated;
    },
    get capacity() {
      return memory.buffer.byteLength;
    },
  };
}
