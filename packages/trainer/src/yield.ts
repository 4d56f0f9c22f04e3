/**
 * Lets other work run during a long synchronous-looking loop. On the cpu and wasm backends a
 * tensor's `data()` settles in a microtask, so without this an abort from a timer, a Ctrl-C handler
 * or a button click would wait for training to end, and a page would not repaint its loss curve.
 */

/** Returns a function that yields to the event loop (a macrotask) at most every `intervalMs`. */
export function eventLoopYielder(intervalMs: number, now: () => number): () => Promise<void> | undefined {
  let last = now();
  return () => {
    const t = now();
    if (t - last < intervalMs) return undefined;
    last = t;
    return macrotask();
  };
}

/** Node's setImmediate where it exists, read off globalThis so browser builds need no Node types. */
const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

function macrotask(): Promise<void> {
  if (typeof immediate === 'function') return new Promise((resolve) => immediate(resolve));
  if (typeof MessageChannel === 'function') {
    // Unlike setTimeout, not clamped to 4 ms when nested.
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
