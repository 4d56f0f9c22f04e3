/**
 * Essay 5.2: a small net learns which of three points is nearest to each place in the plane (their
 * Voronoi regions). It trains in the worker while the reader watches its regions and loss curve.
 */
import { button, controlRow, el, select, slider } from '../ui/controls';
import { figureBox, progressBar, statusLine } from '../ui/output';
import { startStop } from '../ui/start-stop';
import { widgetBox, type WidgetContext } from './section';

const NETS: Readonly<Record<string, readonly number[]>> = {
  '16x16': [16, 16],
  '4x3': [4, 3],
  '8': [8],
  linear: [],
};

export function nearestPointWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('nearest-point', 'A net learns the nearest point', '5.2');
  const net = select({
    label: 'Hidden layers',
    name: 'nearest-net',
    choices: [
      { value: '16x16', text: 'two layers of 16 (default)' },
      { value: '4x3', text: '4 then 3 (the essay’s small net)' },
      { value: '8', text: 'one layer of 8' },
      { value: 'linear', text: 'none (linear)' },
    ],
    value: '16x16',
  });
  const steps = slider({ label: 'Training steps', name: 'nearest-steps', min: 50, max: 600, step: 50, value: 200 });
  const seed = slider({ label: 'Seed', name: 'nearest-seed', min: 0, max: 9, step: 1, value: 0 });
  const start = button('Start training', 'nearest-start');
  const stop = button('Stop', 'nearest-stop');
  const status = statusLine('nearest-point');
  const progress = progressBar('Training progress');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'nearest-point' } });
  const regions = figureBox('nearest-regions', 'The net’s regions: which point it thinks is nearest at each place');
  const loss = figureBox('nearest-loss', 'Line chart: training loss by step');
  const truth = figureBox('nearest-voronoi', 'The true nearest-point (Voronoi) regions');
  const figures = el('div');
  Object.assign(figures.style, { display: 'flex', flexWrap: 'wrap', gap: '0.5rem' });
  figures.append(regions.root, loss.root, truth.root);

  startStop({
    start,
    stop,
    run: async (signal) => {
      root.dataset['state'] = 'training';
      status.set('training…', 'busy');
      const total = steps.value();
      const result = await ctx.compute.call(
        'nearest.train',
        { hidden: NETS[net.input.value] ?? [16, 16], steps: total, seed: seed.value() },
        {
          signal,
          onProgress: (p) => {
            progress.set(p.step / p.totalSteps);
            if (p.kind === 'loss') {
              status.set(`step ${p.step} of ${p.totalSteps}: loss ${p.loss.toFixed(3)}`, 'busy');
            } else {
              regions.show(p.regionsSvg);
              loss.show(p.lossSvg);
              summary.textContent = `After ${p.step} steps the net agrees with the true nearest point on ${(100 * p.agreement).toFixed(1)}% of the plane.`;
              root.dataset['losses'] = JSON.stringify(p.losses.map((l) => l.loss));
            }
          },
        },
      );
      truth.show(result.voronoiSvg);
      status.set(
        `Done: net ${result.layers.join('→')} (${result.parameters} weights); loss ${result.firstLoss.toFixed(3)} → ${result.lastLoss.toFixed(3)}.`,
      );
      root.dataset['state'] = 'done';
    },
    onStopped: () => {
      status.set('Stopped.');
      root.dataset['state'] = 'stopped';
    },
    onError: (error) => {
      status.set(error.message, 'error');
      root.dataset['state'] = 'error';
    },
    onSettled: () => progress.set(undefined),
  });

  body.append(
    el('p', {
      text: 'Three points A, B, C. The net sees only (x, y) and must answer which point is nearest. Start it and watch its regions take shape.',
    }),
    controlRow(net.root, steps.root, seed.root),
    controlRow(start, stop, progress.root),
    summary,
    figures,
    status.root,
  );
  return root;
}
