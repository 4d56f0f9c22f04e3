/** Essay 6.1–6.2: a net learning a function live, its curve and learning curve updating as it trains. */
import { button, controlRow, el, select, slider } from '../ui/controls';
import { figureBox, progressBar, statusLine } from '../ui/output';
import { startStop } from '../ui/start-stop';
import { widgetBox, type WidgetContext } from './section';

const loss = (v: number): string => v.toPrecision(3);

/** The live training widget: width, steps, Start and Stop; the net's curve and the loss. */
export function learnFunctionWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('learn-function', 'Watch a net learn a function', '6.1–6.2');
  const width = select({
    label: 'Units per hidden layer',
    name: 'learn-width',
    choices: [4, 8, 16, 32, 64].map((n) => ({ value: String(n), text: String(n) })),
    value: '32',
  });
  const steps = slider({ label: 'Training steps', name: 'learn-steps', min: 100, max: 3000, step: 100, value: 1000 });
  const seed = slider({ label: 'Seed', name: 'learn-seed', min: 1, max: 20, step: 1, value: 1 });
  const start = button('Start training', 'learn-start');
  const stop = button('Stop', 'learn-stop');
  const status = statusLine('learn-function');
  status.set('Press “Start training” to train a fresh net.');
  const bar = progressBar('Training progress');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'learn-function' } });
  const curve = figureBox('learn-curve', 'Line chart: the target function as dots and the net’s curve');
  const lossChart = figureBox('learn-loss', 'Line chart: the loss at each training step, on a log scale');
  let first: number | undefined;
  const show = (step: number, total: number, latest: number): void => {
    summary.textContent = `step ${step} of ${total}; loss at the start ${first === undefined ? '…' : loss(first)}, ${step < total ? 'latest batch' : 'now'} ${loss(latest)}`;
    summary.dataset['lastLoss'] = String(latest);
  };

  startStop({
    start,
    stop,
    run: async (signal) => {
      first = undefined;
      delete summary.dataset['firstLoss'];
      delete summary.dataset['lastLoss'];
      summary.dataset['state'] = 'training';
      const total = steps.value();
      status.set('training…', 'busy');
      bar.set(0);
      const r = await ctx.compute.call(
        'train.learn-function',
        { steps: total, width: Number(width.input.value), seed: seed.value() },
        {
          signal,
          onProgress: (p) => {
            bar.set(p.step / p.totalSteps);
            if (p.fullLoss !== undefined && p.step === 0) {
              first = p.fullLoss;
              summary.dataset['firstLoss'] = String(first);
            }
            show(p.step, p.totalSteps, p.loss);
            if (p.curveSvg !== undefined) curve.show(p.curveSvg);
            if (p.lossSvg !== undefined) lossChart.show(p.lossSvg);
          },
        },
      );
      first = r.initialLoss;
      summary.dataset['firstLoss'] = String(r.initialLoss);
      show(total, total, r.finalLoss);
      summary.dataset['state'] = 'done';
      curve.show(r.curveSvg);
      lossChart.show(r.lossSvg);
      status.set(`Trained: loss fell from ${loss(r.initialLoss)} to ${loss(r.finalLoss)}.`);
    },
    onStopped: () => {
      summary.dataset['state'] = 'stopped';
      status.set('Stopped.');
    },
    onError: (error) => status.set(error.message, 'error'),
    onSettled: () => bar.set(undefined),
  });
  body.append(
    controlRow(width.root, steps.root, seed.root, start, stop),
    summary,
    bar.root,
    status.root,
    curve.root,
    lossChart.root,
  );
  return root;
}
