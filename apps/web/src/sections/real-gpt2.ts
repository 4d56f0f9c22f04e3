/**
 * Essay 9.1: real GPT-2 (124M) from the Hugging Face Hub, on the reader's request only. Nothing is
 * fetched from the Hub until the button is pressed; the files are then kept in this browser (Cache
 * Storage), so a reload loads them without the network. Once loaded, the page's GPT widgets use it;
 * the reader can switch them back to the bundled model.
 */
import { button, controlRow, el, select, textField } from '../ui/controls';
import { debounce, latestOnly, progressBar, statusLine, whenVisible } from '../ui/output';
import { isAborted } from '../worker/client';
import type { HubLoadProgress } from '../worker/tasks/hub';
import { widgetBox, type WidgetContext } from './section';

/** The Hub's address, unless the page's `?hub=` names another (tests point it at a local server). */
const DEFAULT_ENDPOINT = 'https://huggingface.co';
/** GPT-2 124M on the Hub. */
const MODEL_ID = 'openai-community/gpt2';

/** The Hub address from `?hub=`, or the default; undefined with a reason when it is not http(s). */
function hubEndpoint(): { endpoint: string } | { error: string } {
  const asked = new URLSearchParams(window.location.search).get('hub');
  if (asked === null || asked === '') return { endpoint: DEFAULT_ENDPOINT };
  try {
    const url = new URL(asked);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { endpoint: url.href.replace(/\/+$/, '') };
  } catch {
    // reported below
  }
  return { error: `?hub= must be an http(s) address; got ${JSON.stringify(asked)}` };
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

export function realGpt2Widget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('real-gpt2', 'Real GPT-2 (124M) in your browser', '9.1');
  const found = hubEndpoint();
  const endpoint = 'endpoint' in found ? found.endpoint : DEFAULT_ENDPOINT;
  const host = new URL(endpoint).host;
  const model = { endpoint, id: MODEL_ID };
  const note = el('p', {
    text:
      `OpenAI's GPT-2 (124 million parameters, about 550 MB) comes from ${host} only when you press the button; ` +
      'it is then kept in this browser, so it downloads once. Until then nothing is fetched from another site.',
  });
  const download = button(`Download GPT-2 (124M) from ${host}`, 'hub-download');
  const cancel = button('Cancel', 'hub-cancel');
  cancel.disabled = true;
  const remove = button('Delete the stored copy', 'hub-remove');
  remove.hidden = true;
  const progress = progressBar('GPT-2 download progress');
  const status = statusLine('real-gpt2');
  const loadedLine = el('p', { className: 'summary', attrs: { 'data-summary': 'real-gpt2' } });
  const choice = select({
    label: 'GPT used by the GPT widgets on this page',
    name: 'hub-choice',
    choices: [
      { value: 'bundled', text: 'bundled corpus-gpt2 (small)' },
      { value: 'hub', text: 'GPT-2 124M (from the Hub)' },
    ],
    value: 'bundled',
  });
  const hubOption = choice.input.querySelector<HTMLOptionElement>('option[value="hub"]')!;
  hubOption.disabled = true;
  choice.input.style.maxWidth = '100%';
  const prompt = textField({
    label: 'Prompt for GPT-2',
    name: 'hub-prompt',
    value: 'The best thing about AI is its ability to',
  });
  const table = el('table', { className: 'probabilities', attrs: { 'data-table': 'real-gpt2' } });
  table.append(el('caption', { text: 'Next token' }));
  const tbody = el('tbody');
  table.append(tbody);
  table.hidden = true;
  /** What appears once a model is loaded: the choice of GPT for the page's widgets, and a prompt. */
  const loadedBox = el('div');
  loadedBox.hidden = true;
  if ('error' in found) status.set(found.error, 'error');

  const showStored = (stored: boolean): void => {
    download.textContent = stored ? `Load GPT-2 (124M), stored in this browser` : `Download GPT-2 (124M) from ${host}`;
    remove.hidden = !stored;
    root.dataset['stored'] = String(stored);
  };
  const next = latestOnly((error) => status.set(error.message, 'error'));
  const predict = (): void =>
    next(async (signal) => {
      status.set('predicting…', 'busy');
      const result = await ctx.compute.call('hub.next', { ...model, prompt: prompt.input.value }, { signal });
      tbody.replaceChildren(
        ...result.tokens.map((t) => {
          const row = el('tr', { attrs: { 'data-token-id': String(t.id), 'data-probability': String(t.probability) } });
          row.append(
            el('th', { text: JSON.stringify(t.text), attrs: { scope: 'row' } }),
            el('td', { text: `${(100 * t.probability).toFixed(2)}%` }),
          );
          return row;
        }),
      );
      table.hidden = false;
      status.set(`${result.promptIds.length} prompt tokens`);
    });

  let controller: AbortController | undefined;
  download.addEventListener('click', () => {
    if ('error' in found) return;
    controller = new AbortController();
    const mine = controller;
    download.disabled = true;
    cancel.disabled = false;
    status.set('starting…', 'busy');
    progress.set(0);
    const onProgress = (p: HubLoadProgress): void => {
      if (p.phase === 'load') {
        progress.set(1);
        status.set('loading the model into memory…', 'busy');
        return;
      }
      progress.set(p.total ? p.done / p.total : undefined);
      status.set(
        p.total
          ? `downloading ${p.file}: ${mb(p.done)} of ${mb(p.total)} MB`
          : `downloading ${p.file}: ${mb(p.done)} MB`,
        'busy',
      );
      root.dataset['downloaded'] = String(p.done);
      if (p.total) root.dataset['total'] = String(p.total);
    };
    ctx.compute
      .call('hub.load', model, { signal: mine.signal, onProgress })
      .then(
        (loaded) => {
          loadedLine.textContent = `Loaded ${loaded.label}${loaded.fromCache ? ', from this browser’s storage' : ''}.`;
          status.set('');
          root.dataset['loaded'] = 'true';
          hubOption.disabled = false;
          choice.input.value = 'hub';
          ctx.gptChoice.set({ kind: 'hub', ...model });
          showStored(true);
          loadedBox.hidden = false;
          predict();
        },
        (error: unknown) => {
          progress.set(undefined);
          if (mine.signal.aborted || isAborted(error)) status.set('Download cancelled; nothing was stored.');
          else status.set(error instanceof Error ? error.message : String(error), 'error');
        },
      )
      .finally(() => {
        download.disabled = false;
        cancel.disabled = true;
        controller = undefined;
      });
  });
  cancel.addEventListener('click', () => controller?.abort());
  remove.addEventListener('click', () => {
    // The GPT widgets go back to the bundled model first, so the worker can free the Hub one.
    ctx.gptChoice.set({ kind: 'bundled' });
    choice.input.value = 'bundled';
    hubOption.disabled = true;
    ctx.compute.call('hub.remove', model).then(
      (result) => {
        showStored(false);
        loadedLine.textContent = '';
        delete root.dataset['loaded'];
        loadedBox.hidden = true;
        status.set(`The stored copy is deleted${result.freed ? ' and the loaded model freed from memory' : ''}.`);
      },
      (error: unknown) => status.set(error instanceof Error ? error.message : String(error), 'error'),
    );
  });
  choice.input.addEventListener('change', () =>
    ctx.gptChoice.set(choice.input.value === 'hub' ? { kind: 'hub', ...model } : { kind: 'bundled' }),
  );
  prompt.input.addEventListener('input', debounce(predict, 250));
  body.append(note, controlRow(download, cancel, remove), progress.root, status.root, loadedLine, loadedBox);
  loadedBox.append(controlRow(choice.root), controlRow(prompt.root), table);
  // Only this browser's storage is read here; the Hub is asked nothing until the button is pressed.
  whenVisible(root, () => {
    if ('error' in found) return;
    ctx.compute.call('hub.stored', model).then(
      (r) => showStored(r.stored),
      (error: unknown) => status.set(error instanceof Error ? error.message : String(error), 'error'),
    );
  });
  return root;
}
