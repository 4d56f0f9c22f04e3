import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { write: (t: string) => writes.push(t), isTTY }, writes };
}

describe('createProgressBar', () => {
  it('off a terminal prints one line per new 10% and a final 100% line', () => {
    const { stream, writes } = sink(false);
    const bar = createProgressBar(stream, { label: 'train', width: 10 });
    for (let i = 0; i <= 100; i++) bar.update(i / 100, `loss ${(1 - i / 100).toFixed(2)}`);
    bar.finish('done');
    expect(writes).toHaveLength(11);
    expect(writes[0]).toBe('train [----------]   0% loss 1.00\n');
    expect(writes[3]).toBe('train [###-------]  30% loss 0.70\n');
    expect(writes[10]).toBe('train [##########] 100% done\n');
  });

  it('on a terminal redraws in place, at most once per redraw interval', () => {
    const { stream, writes } = sink(true);
    let clock = 0;
    const bar = createProgressBar(stream, { label: 'x', width: 4, redrawMs: 100, now: () => clock });
    bar.update(0.25);
    clock = 50;
    bar.update(0.5); // too soon: skipped
    clock = 150;
    bar.update(0.75);
    bar.finish();
    expect(writes).toEqual(['\r\x1b[2Kx [#---]  25%', '\r\x1b[2Kx [###-]  75%', '\r\x1b[2Kx [####] 100%\n']);
  });

  it('clamps out-of-range and NaN fractions and ignores updates after finish', () => {
    const { stream, writes } = sink(true);
    const bar = createProgressBar(stream, { label: 'x', width: 2, redrawMs: 0, now: () => writes.length * 10 });
    bar.update(Number.NaN);
    bar.update(7);
    bar.finish();
    bar.update(0.5);
    bar.finish();
    expect(writes).toEqual(['\r\x1b[2Kx [--]   0%', '\r\x1b[2Kx [##] 100%', '\r\x1b[2Kx [##] 100%\n']);
  });
});
