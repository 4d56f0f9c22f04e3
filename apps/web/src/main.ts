import { ESSAY_SECTIONS, TOUR_STEPS, tourPlan } from '@chatgpt-explained/essay';
import { BACKEND_NAMES, initBackend, type BackendRequest } from '@chatgpt-explained/nn-core';
import { browserBackendRegistry } from './browser-backends';

const CHOICES: readonly string[] = ['auto', ...BACKEND_NAMES];

/** `?backend=` of the page's address: a backend name or auto (the default). */
function requestedBackend(): BackendRequest {
  const asked = new URLSearchParams(window.location.search).get('backend') ?? 'auto';
  if (!CHOICES.includes(asked)) {
    throw new Error(`unknown backend "${asked}" in the page address (?backend=); choose one of ${CHOICES.join(', ')}`);
  }
  return asked as BackendRequest;
}

function renderSections(list: HTMLOListElement): void {
  const runnable = new Set(
    tourPlan(TOUR_STEPS)
      .filter((e) => e.runnable)
      .map((e) => e.id),
  );
  for (const section of ESSAY_SECTIONS) {
    const li = document.createElement('li');
    li.value = section.number;
    const title = document.createElement('strong');
    title.textContent = section.title;
    const items = document.createElement('ul');
    for (const item of section.items) {
      const entry = document.createElement('li');
      entry.textContent = `${item.id} ${item.title}`;
      if (!runnable.has(item.id) && !item.explainOnly) entry.className = 'pending';
      items.append(entry);
    }
    li.append(title, items);
    list.append(li);
  }
}

async function start(): Promise<void> {
  const status = document.querySelector<HTMLOutputElement>('#backend-status');
  const select = document.querySelector<HTMLSelectElement>('#backend-select');
  const sections = document.querySelector<HTMLOListElement>('#sections');
  if (!status || !select || !sections) throw new Error('page is missing its backend controls');
  renderSections(sections);

  select.addEventListener('change', () => {
    const url = new URL(window.location.href);
    url.searchParams.set('backend', select.value);
    window.location.assign(url);
  });
  try {
    const request = requestedBackend();
    select.value = request;
    const ctx = await initBackend(browserBackendRegistry(), request);
    status.dataset['state'] = 'ready';
    status.dataset['backend'] = ctx.backend;
    status.textContent = `${ctx.backend}: ${ctx.reason}`;
  } catch (error) {
    status.dataset['state'] = 'error';
    status.textContent = error instanceof Error ? error.message : String(error);
  }
}

void start();
