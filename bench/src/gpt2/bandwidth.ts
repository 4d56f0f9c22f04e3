// The memory-read limit of batch-1 decoding: every generated token reads every weight once, so no
// implementation can decode faster than (read bandwidth) ÷ (bytes of weights). The bandwidth is
// measured here, in the same run, by summing a large Float32Array with WebAssembly SIMD (four
// independent f32x4 accumulators: the loop is bound by memory, not by the adds) on 1 and on 2
// worker threads at once, each over its own half of the buffer.
import { Worker } from 'node:worker_threads';
import type { BandwidthResult } from './types';

/**
 * A wasm module importing `m.memory` and exporting `sum(start, end) → f32`: the sum of the float32s
 * in [start, end) (byte offsets; end − start a positive multiple of 64). Written out byte by byte
 * (wat in the comments), so nothing needs installing.
 */
export function sumModuleBytes(): Uint8Array<ArrayBuffer> {
  const accumulate = (local: number, offset: number) => [
    ...[0x20, local], // local.get acc
    ...[0x20, 0x00], // local.get p
    ...[0xfd, 0x00, 0x04, offset], // v128.load align=16 offset
    ...[0xfd, 0xe4, 0x01], // f32x4.add
    ...[0x21, local], // local.set acc
  ];
  const lane = (i: number) => [0x20, 0x02, 0xfd, 0x1f, i]; // local.get 2; f32x4.extract_lane i
  const body = [
    ...[0x01, 0x04, 0x7b], // locals: 4 × v128 (acc0…acc3 = locals 2…5)
    ...[0x03, 0x40], // loop
    ...accumulate(2, 0),
    ...accumulate(3, 16),
    ...accumulate(4, 32),
    ...accumulate(5, 48),
    ...[0x20, 0x00, 0x41, 0xc0, 0x00, 0x6a, 0x22, 0x00], // p = p + 64 (local.tee)
    ...[0x20, 0x01, 0x49, 0x0d, 0x00], // br_if loop (p < end, unsigned)
    0x0b, // end loop
    ...[0x20, 0x02, 0x20, 0x03, 0xfd, 0xe4, 0x01], // acc0 + acc1
    ...[0x20, 0x04, 0xfd, 0xe4, 0x01], // + acc2
    ...[0x20, 0x05, 0xfd, 0xe4, 0x01], // + acc3
    ...[0x21, 0x02], // local.set 2
    ...lane(0),
    ...lane(1),
    0x92, // f32.add
    ...lane(2),
    0x92,
    ...lane(3),
    0x92,
    0x0b, // end func
  ];
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const text = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // \0asm, version 1
    ...section(1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7d]), // type (i32, i32) → f32
    ...section(2, [0x01, ...text('m'), ...text('memory'), 0x02, 0x00, 0x01]), // import memory (min 1 page)
    ...section(3, [0x01, 0x00]), // function 0 has type 0
    ...section(7, [0x01, ...text('sum'), 0x00, 0x00]), // export "sum" = function 0
    ...section(10, [0x01, ...leb(body.length), ...body]), // code
  ]);
}

/** Unsigned LEB128. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

// The worker: fills its own buffer (so its pages are really mapped), sums it once untimed, waits for
// the start signal, then times `rounds` sums. Plain JavaScript, run with `eval: true`, so no file is needed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { bytes, wasm, rounds, start } = workerData;
const memory = new WebAssembly.Memory({ initial: Math.ceil((bytes + 64) / 65536) });
new Float32Array(memory.buffer, 0, bytes / 4).fill(1);
const { sum } = new WebAssembly.Instance(new WebAssembly.Module(wasm), { m: { memory } }).exports;
// One untimed pass: V8 compiles wasm in tiers, and the optimised code runs from the next call on.
const warm = sum(0, bytes);
const flag = new Int32Array(start);
parentPort.postMessage({ ready: true });
Atomics.wait(flag, 0, 0);
const ms = [];
let total = warm;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  total += sum(0, bytes);
  ms.push(performance.now() - t0);
}
parentPort.postMessage({ ms, total });
`;

/** Times `rounds` sums of `bytes` on each of `threads` threads started together; ms per round per thread. */
async function timeThreads(threads: number, bytes: number, rounds: number): Promise<number[][]> {
  const wasm = sumModuleBytes();
  const start = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: threads },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes, wasm, rounds, start } }),
  );
  const message = (w: Worker) =>
    new Promise<{ ms?: number[]; total?: number }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(workers.map(message));
    const results = workers.map(message);
    const flag = new Int32Array(start);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    const done = await Promise.all(results);
    for (const d of done) {
      // Every element is 1: the sum says the loop really read the whole buffer.
      const expected = ((rounds + 1) * bytes) / 4;
      if (!(Math.abs((d.total ?? 0) - expected) <= expected * 1e-6))
        throw new Error(`bandwidth probe: sum ${d.total} ≠ ${expected}`);
    }
    return done.map((d) => d.ms ?? []);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Read bandwidth in GB/s on each thread count: `megabytes` in all, split between the threads, each
 * thread summing its own share `rounds` times at once; the best round (all threads' bytes ÷ the
 * slowest thread's time in that round) is the limit. Give the size of the weights as `megabytes`:
 * a smaller buffer may be read partly from the last-level cache. (Sums of ones stay exact in float32
 * up to 2^24 per lane, which caps a thread's share at 1 GB.)
 */
export async function measureBandwidth(
  megabytes: number,
  rounds: number,
  threadCounts: readonly number[] = [1, 2],
): Promise<BandwidthResult> {
  const byThreads: Array<{ threads: number; gigabytesPerSecond: number }> = [];
  for (const threads of threadCounts) {
    const perThread = Math.floor((megabytes * 1e6) / threads / 64) * 64;
    if (perThread <= 0 || perThread > 1e9) throw new Error(`bandwidth probe: ${perThread} bytes per thread`);
    const ms = await timeThreads(threads, perThread, rounds);
    let best = 0;
    for (let r = 0; r < rounds; r++) {
      const slowest = Math.max(...ms.map((m) => m[r] ?? Infinity));
      best = Math.max(best, (perThread * threads) / (slowest * 1e6));
    }
    byThreads.push({ threads, gigabytesPerSecond: best });
  }
  return { byThreads, megabytes };
}
