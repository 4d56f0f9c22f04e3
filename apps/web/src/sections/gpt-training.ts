/**
 * Essay 10.1: how a GPT learns by next-token loss. The bundled model's real training curve (from its
 * shipped log), and a tiny byte-level GPT the reader trains live in the worker, loss curve updating.
 */
import { button, controlRow, el, slider } from '../ui/controls';
import { figureBox, progressBar, statusLine, whenVisible } from '../ui/output';
import { startStop } from '../ui/start-stop';
import { widgetBox, type WidgetContext } from './section';

const fmt = (n: number, digits = 2): string => n.toFixed(digits);

function shippedCurve(ctx: WidgetContext): HTMLElement {
  const figure = figureBox('gpt-training-shipped', 'Line chart: training loss of the bundled corpus-gpt2 by step');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'gpt-training-shipped' } });
  const status = statusLine('gpt-training-shipped');
  const box = el('div');
  box.append(figure.root, summary, status.root);
  whenVisible(box, () => {
    status.set('reading the training log…', 'busy');
    ctx.compute.call('gptTraining.shipped', {}).then(
      (r) => {
        figure.show(r.svg);
        summary.textContent =
          `${r.steps.toLocaleString('en-US')} steps (${fmt(r.hours, 1)} hours of training on 2 CPU cores): loss from ${fmt(r.firstLoss)} ` +
          `to ${fmt(r.lastLoss)} nats per token; held-out text ${fmt(r.heldOutBitsPerByte, 3)} bits per byte, ` +
          `beside ${fmt(r.ngramBitsPerByte, 3)} for the best n-gram.`;
        status.set('');
      },
      (error: unknown) => status.set(error instanceof Error ? error.message : String(error), 'error'),
    );
  });
  return box;
}

function liveRun(ctx: WidgetContext): HTMLElement {
  const steps = slider({
    label: 'Training steps',
    name: 'gpt-training-steps',
    min: 10,
    max: 400,
    step: 10,
    value: 120,
  });
  const start = button('Start training', 'gpt-training-start');
  const stop = button('Stop', 'gpt-training-stop');
  const progress = progressBar('Training progress');
  const figure = figureBox('gpt-training-live', 'Line chart: loss of the tiny GPT training live, by step');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'gpt-training-live' } });
  const sample = el('p', { className: 'generated', attrs: { 'data-sample': 'gpt-training-live' } });
  sample.hidden = true;
  const status = statusLine('gpt-training-live');
  const losses: number[] = [];
  const showLosses = (): void => {
    summary.dataset['losses'] = JSON.stringify(losses);
  };
  startStop({
    start,
    stop,
    run: async (signal) => {
      sample.hidden = true;
      losses.length = 0;
      showLosses();
      status.set('training…', 'busy');
      progress.set(0);
      const result = await ctx.compute.call(
        'gptTraining.live',
        { steps: steps.value() },
        {
          signal,
          onProgress: (p) => {
            losses[p.step - 1] = p.loss;
            showLosses();
            progress.set(p.step / p.totalSteps);
            status.set(`step ${p.step} of ${p.totalSteps}: loss ${fmt(p.loss, 3)} nats per byte`, 'busy');
            if (p.svg !== undefined) figure.show(p.svg);
          },
        },
      );
      losses.splice(0, losses.length, ...result.losses);
      showLosses();
      figure.show(result.svg);
      summary.textContent =
        `Held-out text: ${fmt(result.heldOutBitsPerByte)} bits per byte after ${result.losses.length} steps ` +
        `(a character 3-gram: ${fmt(result.ngramBitsPerByte)}; guessing: 8.01), ${Math.round(result.tokensPerSecond).toLocaleString('en-US')} bytes per second.`;
      sample.textContent = `Sample: ${result.sample}`;
      sample.hidden = false;
      status.set('done');
    },
    onStopped: () => status.set(`stopped after ${losses.length} steps`),
    onError: (error) => status.set(error.message, 'error'),
    onSettled: () => progress.set(undefined),
  });
  const box = el('div');
  box.append(controlRow(steps.root, start, stop), progress.root, figure.root, summary, sample, status.root);
  return box;
}

export function gptTrainingWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('gpt-training', 'Training a GPT: the loss going down', '10.1');
  const shippedTitle = el('h4', { text: 'The bundled model’s real run' });
  const liveTitle = el('h4', { text: 'Train a tiny GPT yourself (byte by byte, in your browser)' });
  body.append(shippedTitle, shippedCurve(ctx), liveTitle, liveRun(ctx));
  return root;
}
