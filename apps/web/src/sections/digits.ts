/**
 * Essay 4.1 (and 8.2): the reader draws a digit and the shipped LeNet-5 net reads it live. The
 * drawing is centred as MNIST's digits were (in the worker, `centreDigit`) before the net sees it.
 */
import { button, controlRow, el, select } from '../ui/controls';
import { drawPad } from '../ui/draw-pad';
import { statusLine, whenVisible } from '../ui/output';
import { isAborted } from '../worker/client';
import { probabilityBars, netInputView } from './digits-canvas/bars';
import { EXAMPLE_DIGITS } from './digits-canvas/examples';
import { widgetBox, type WidgetContext } from './section';

/** Least time between two readings while the reader is still drawing. */
const LIVE_MS = 120;

export function digitCanvasWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('digits', 'Draw a digit: the net reads it', '4.1');
  const status = statusLine('digits');
  const bars = probabilityBars();
  const input = netInputView();
  const answer = el('p', {
    className: 'summary',
    attrs: { 'data-summary': 'digits' },
    text: 'Draw a digit 0–9 in the box.',
  });

  // Readings never pile up: one runs at a time; a change during it asks for one more afterwards.
  let busy = false;
  let again = false;
  let lastLive = 0;
  const read = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    again = false;
    root.dataset['pending'] = '1';
    try {
      if (!pad.hasInk()) {
        bars.show([]);
        input.show(undefined);
        answer.textContent = 'Draw a digit 0–9 in the box.';
        delete root.dataset['predicted'];
      } else {
        const reading = await ctx.compute.call('digits.classify', pad.ink());
        // Shown even when the drawing has changed since (a newer reading follows): live while drawing.
        bars.show(reading.probabilities);
        input.show(reading.centred);
        root.dataset['readings'] = String(Number(root.dataset['readings'] ?? '0') + 1);
        if (reading.hasInk) {
          const p = reading.probabilities[reading.predicted]!;
          answer.textContent = `The net reads a ${reading.predicted} (${(100 * p).toFixed(1)}% sure).`;
          root.dataset['predicted'] = String(reading.predicted);
        }
      }
      status.set('');
    } catch (error) {
      if (!isAborted(error)) status.set(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      busy = false;
      if (again) void read();
      else root.dataset['pending'] = '0';
    }
  };

  const pad = drawPad({
    label: 'Drawing area: draw a digit with the mouse, a finger or a pen',
    onChange: (done) => {
      root.dataset['pending'] = '1';
      const now = performance.now();
      if (done || now - lastLive >= LIVE_MS) {
        lastLive = now;
        void read();
      }
    },
  });

  const example = select({
    label: 'Example digit (for the keyboard)',
    name: 'digits-example',
    choices: EXAMPLE_DIGITS.map((_, d) => ({ value: String(d), text: String(d) })),
    value: '3',
  });
  const drawExample = button('Draw the example', 'digits-draw-example');
  drawExample.addEventListener('click', () => {
    pad.clear();
    pad.drawStrokes(EXAMPLE_DIGITS[Number(example.input.value)]!);
  });
  const clear = button('Clear', 'digits-clear');
  clear.addEventListener('click', () => pad.clear());

  const inputBox = el('div');
  inputBox.append(el('p', { text: 'What the net sees (28 × 28, centred):' }), input.root);
  const row = el('div');
  Object.assign(row.style, { display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' });
  const padBox = el('div');
  Object.assign(padBox.style, { flex: '0 1 280px', minWidth: '0' });
  padBox.append(pad.canvas);
  const side = el('div');
  Object.assign(side.style, { flex: '1 1 12rem', display: 'flex', flexDirection: 'column', gap: '0.5rem' });
  side.append(bars.root, inputBox);
  row.append(padBox, side);
  body.append(controlRow(clear, example.root, drawExample), row, answer, status.root);
  input.show(undefined);
  // Load the net early so the first stroke is read at once.
  whenVisible(root, () => void read());
  return root;
}
