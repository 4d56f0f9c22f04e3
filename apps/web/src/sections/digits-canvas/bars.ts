/** The ten softmax probabilities of the digit widget as labelled horizontal bars (plain HTML). */
import { el } from '../../ui/controls';

/** A list of ten bars, one per digit; `show` sets them (an empty list clears them). */
export function probabilityBars(): { root: HTMLElement; show(probabilities: readonly number[]): void } {
  const root = el('ol', {
    className: 'digit-bars',
    attrs: { 'aria-label': 'Probability the net gives each digit', 'data-bars': 'digits' },
  });
  Object.assign(root.style, { listStyle: 'none', padding: '0', margin: '0', minWidth: '12rem', flex: '1' });
  const rows = Array.from({ length: 10 }, (_, d) => {
    const row = el('li', { attrs: { 'data-digit': String(d) } });
    Object.assign(row.style, {
      display: 'flex',
      alignItems: 'center',
      gap: '0.4rem',
      fontVariantNumeric: 'tabular-nums',
    });
    const label = el('span', { text: String(d) });
    label.style.width = '1ch';
    const track = el('span', { attrs: { 'aria-hidden': 'true' } });
    Object.assign(track.style, { flex: '1', height: '0.8rem', background: '#eee', borderRadius: '2px' });
    const bar = el('span');
    Object.assign(bar.style, { display: 'block', height: '100%', width: '0%', background: '#0b4fa8' });
    track.append(bar);
    const value = el('span', { text: '–' });
    Object.assign(value.style, { width: '3.5rem', textAlign: 'right' });
    row.append(label, track, value);
    root.append(row);
    return { bar, value };
  });
  return {
    root,
    show(probabilities) {
      const best = probabilities.length === 10 ? probabilities.indexOf(Math.max(...probabilities)) : -1;
      rows.forEach(({ bar, value }, d) => {
        const p = probabilities[d];
        bar.style.width = p === undefined ? '0%' : `${(100 * p).toFixed(1)}%`;
        bar.style.background = d === best ? '#b3261e' : '#0b4fa8';
        value.textContent = p === undefined ? '–' : `${(100 * p).toFixed(1)}%`;
      });
    },
  };
}

/** A small canvas showing the 28 × 28 image the net read (white ink on black, as MNIST's). */
export function netInputView(): { root: HTMLCanvasElement; show(pixels: Float32Array | undefined): void } {
  const root = el('canvas', {
    attrs: { width: '28', height: '28', role: 'img', 'aria-label': 'The 28 by 28 image the net read, after centring' },
  });
  Object.assign(root.style, { width: '84px', height: '84px', imageRendering: 'pixelated', background: '#000' });
  const g = root.getContext('2d')!;
  return {
    root,
    show(pixels) {
      const image = g.createImageData(28, 28);
      for (let i = 0; i < 28 * 28; i++) {
        const v = Math.round(255 * Math.min(1, Math.max(0, pixels?.[i] ?? 0)));
        image.data.set([v, v, v, 255], 4 * i);
      }
      g.putImageData(image, 0, 0);
    },
  };
}
