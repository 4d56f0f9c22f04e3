/**
 * Sampled continuations of essay 1.2–1.3: a few continuations of the prompt, by temperature, top-k
 * and top-p, each from its own seed (the same settings give the same texts).
 */
import { button, controlRow, el, slider, textField } from '../../ui/controls';
import { debounce, latestOnly, statusLine } from '../../ui/output';
import type { GptChoice } from '../../worker/gpt-models';
import type { WidgetContext } from '../section';

/** Continuations shown, and tokens in each. */
export const SAMPLES = 3;
export const SAMPLE_TOKENS = 20;

/** The settings a set of samples was made with, as its `data-key` (for tests: wait for this key). */
export function samplesKey(s: {
  prompt: string;
  temperature: number;
  topK: number;
  topP: number;
  seed: number;
}): string {
  return JSON.stringify([s.prompt, s.temperature, s.topK, s.topP, s.seed]);
}

/** The samples' controls and list; `update(prompt, choice)` makes new ones (the latest request wins). */
export function samplesPanel(ctx: WidgetContext): {
  root: HTMLElement;
  update(prompt: string, choice: GptChoice): void;
} {
  const root = el('div', { className: 'samples' });
  const temperature = slider({
    label: 'Temperature',
    name: 'temperature',
    min: 0,
    max: 2,
    step: 0.05,
    value: 0.8,
    format: (v) => (v === 0 ? '0 (always the likeliest)' : v.toFixed(2)),
  });
  const topK = slider({
    label: 'Top-k',
    name: 'top-k',
    min: 0,
    max: 100,
    step: 1,
    value: 0,
    format: (v) => (v === 0 ? 'off (all tokens)' : `the ${v} likeliest`),
  });
  const topP = slider({
    label: 'Top-p',
    name: 'top-p',
    min: 0.05,
    max: 1,
    step: 0.05,
    value: 1,
    format: (v) => (v === 1 ? 'off (1)' : v.toFixed(2)),
  });
  const seed = textField({ label: 'Seed', name: 'seed', value: '1' });
  seed.input.setAttribute('type', 'number');
  seed.input.setAttribute('min', '0');
  seed.input.setAttribute('step', '1');
  seed.input.setAttribute('inputmode', 'numeric');
  seed.root.className = 'control';
  const again = button('New samples', 'new-samples');
  const status = statusLine('samples');
  const list = el('ol', { className: 'sample-list', attrs: { 'data-samples': 'next-token' } });
  const heading = el('h4', { text: `${SAMPLES} continuations of ${SAMPLE_TOKENS} tokens, sampled` });

  let last: { prompt: string; choice: GptChoice } | undefined;
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const settings = () => ({
    temperature: temperature.value(),
    topK: topK.value(),
    topP: topP.value(),
    seed: Math.max(0, Math.floor(Number(seed.input.value) || 0)),
  });
  const item = (prompt: string, text: string, seedOf: number): HTMLLIElement => {
    const li = el('li', { className: 'generated', attrs: { 'data-seed': String(seedOf) } });
    li.append(el('strong', { text: prompt }), text);
    return li;
  };
  const update = (prompt: string, choice: GptChoice): void => {
    last = { prompt, choice };
    const s = settings();
    run(async (signal) => {
      status.set('sampling…', 'busy');
      list.dataset['state'] = 'busy';
      const items: HTMLLIElement[] = [];
      const result = await ctx.compute.call(
        'gpt.samples',
        { choice, prompt, ...s, samples: SAMPLES, maxTokens: SAMPLE_TOKENS },
        {
          signal,
          onProgress: (p) => {
            items[p.index] = item(prompt, p.text, p.seed);
            list.replaceChildren(...items.filter(Boolean));
          },
        },
      );
      list.replaceChildren(...result.samples.map((r) => item(prompt, r.text, r.seed)));
      list.dataset['texts'] = JSON.stringify(result.samples.map((r) => r.text));
      list.dataset['key'] = samplesKey({ prompt, ...s });
      list.dataset['state'] = 'done';
      status.set('');
    });
  };
  const rerun = debounce(() => last && update(last.prompt, last.choice), 200);
  for (const control of [temperature, topK, topP]) control.input.addEventListener('input', rerun);
  seed.input.addEventListener('input', rerun);
  again.addEventListener('click', () => {
    seed.input.value = String(settings().seed + SAMPLES);
    rerun();
  });
  root.append(heading, controlRow(temperature.root, topK.root, topP.root, seed.root, again), list, status.root);
  return { root, update };
}
