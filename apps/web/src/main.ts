/**
 * The page: starts the compute worker on the backend in `?backend=` (auto by default), shows which
 * one runs and why, and builds each essay section with its live widgets.
 */
import { ESSAY_SECTIONS } from '@chatgpt-explained/essay';
import { BACKEND_NAMES, type BackendRequest } from '@chatgpt-explained/nn-core';
import { SECTIONS } from './sections/index';
import { GptChoiceStore } from './ui/gpt-choice';
import { ComputeClient } from './worker/client';

const CHOICES: readonly string[] = ['auto', ...BACKEND_NAMES];

/** `?backend=` of the page's address: a backend name or auto (the default). */
function requestedBackend(): BackendRequest {
  const asked = new URLSearchParams(window.location.search).get('backend') ?? 'auto';
  if (!CHOICES.includes(asked)) {
    throw new Error(`unknown backend "${asked}" in the page address (?backend=); choose one of ${CHOICES.join(', ')}`);
  }
  return asked as BackendRequest;
}

/** The table of contents: every essay section, linked where the page has it. */
function renderContents(list: HTMLOListElement): void {
  const onPage = new Set(SECTIONS.map((s) => s.number));
  for (const section of ESSAY_SECTIONS) {
    const li = document.createElement('li');
    li.value = section.number;
    if (onPage.has(section.number)) {
      const link = document.createElement('a');
      link.href = `#section-${section.number}`;
      link.textContent = section.title;
      li.append(link);
    } else {
      li.textContent = section.title;
      li.className = 'pending';
    }
    list.append(li);
  }
}

function renderSections(main: HTMLElement, compute: ComputeClient): void {
  const gptChoice = new GptChoiceStore();
  for (const view of SECTIONS) {
    const section = document.createElement('section');
    section.id = `section-${view.number}`;
    section.dataset['section'] = String(view.number);
    const heading = document.createElement('h2');
    heading.id = `section-${view.number}-title`;
    heading.textContent = `${view.number}. ${view.title}`;
    section.setAttribute('aria-labelledby', heading.id);
    const intro = document.createElement('p');
    intro.className = 'intro';
    intro.textContent = view.intro;
    section.append(heading, intro);
    view.mount(section, { compute, gptChoice });
    main.append(section);
  }
}

function start(): void {
  const status = document.querySelector<HTMLOutputElement>('#backend-status');
  const select = document.querySelector<HTMLSelectElement>('#backend-select');
  const contents = document.querySelector<HTMLOListElement>('#sections');
  const main = document.querySelector<HTMLElement>('main');
  if (!status || !select || !contents || !main) throw new Error('page is missing its backend controls');
  renderContents(contents);
  select.addEventListener('change', () => {
    const url = new URL(window.location.href);
    url.searchParams.set('backend', select.value);
    window.location.assign(url);
  });
  let request: BackendRequest;
  try {
    request = requestedBackend();
  } catch (error) {
    status.dataset['state'] = 'error';
    status.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  select.value = request;
  const worker = new Worker(new URL('./worker/compute.worker.ts', import.meta.url), { type: 'module' });
  const compute = new ComputeClient(worker, request);
  renderSections(main, compute);
  compute.ready.then(
    (ready) => {
      status.dataset['state'] = 'ready';
      status.dataset['backend'] = ready.backend;
      status.textContent = `${ready.backend}: ${ready.reason}`;
    },
    (error: unknown) => {
      status.dataset['state'] = 'error';
      status.textContent = error instanceof Error ? error.message : String(error);
    },
  );
}

start();
