/** Where widgets show results: rendered figures, status lines, progress bars, tables. */
import { isAborted } from '../worker/client';
import { el } from './controls';

/** A figure box: SVG rendered by the worker (our own viz output) with an accessible name. */
export function figureBox(name: string, label: string): { root: HTMLElement; show(svg: string): void } {
  const root = el('figure', { className: 'figure', attrs: { 'data-figure': name, role: 'img', 'aria-label': label } });
  return {
    root,
    show(svg: string) {
      setFigureSvg(root, svg);
      root.dataset['rendered'] = String(Number(root.dataset['rendered'] ?? '0') + 1);
    },
  };
}

/**
 * Puts a worker-rendered SVG into a figure that has its own accessible name (`role="img"` and an
 * `aria-label`), hiding the SVG's inner structure from assistive technology: Vega marks its groups
 * `graphics-symbol` without names, which screen readers would read as unnamed images.
 */
export function setFigureSvg(figure: HTMLElement, svg: string): void {
  // The SVG comes from our own renderer in our own worker; token texts in it are escaped by Vega.
  figure.innerHTML = svg;
  figure.querySelector('svg')?.setAttribute('aria-hidden', 'true');
}

/** A polite live status line: what is running, what went wrong. */
export function statusLine(name: string): {
  root: HTMLElement;
  set(text: string, state?: 'busy' | 'done' | 'error'): void;
} {
  const root = el('p', { className: 'status', attrs: { 'aria-live': 'polite', 'data-status': name } });
  return {
    root,
    set(text, state = 'done') {
      root.textContent = text;
      root.dataset['state'] = state;
    },
  };
}

/** A labelled progress bar (hidden until first used). */
export function progressBar(label: string): { root: HTMLElement; set(fraction: number | undefined): void } {
  const root = el('progress', { attrs: { max: '1', 'aria-label': label } });
  root.hidden = true;
  return {
    root,
    set(fraction) {
      root.hidden = fraction === undefined;
      if (fraction !== undefined) (root as HTMLProgressElement).value = fraction;
    },
  };
}

/**
 * Runs the latest of a widget's requests only: each `run` cancels the one before it (its rejection
 * is swallowed) and reports other errors through `onError`.
 */
export function latestOnly(onError: (error: Error) => void): (work: (signal: AbortSignal) => Promise<void>) => void {
  let current: AbortController | undefined;
  return (work) => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    work(controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted || isAborted(error)) return;
      onError(error instanceof Error ? error : new Error(String(error)));
    });
  };
}

/** Calls `fn` after `ms` of quiet (for text typed and sliders dragged). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Runs `fn` once, the first time `target` comes near the viewport. */
export function whenVisible(target: Element, fn: () => void): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        fn();
      }
    },
    { rootMargin: '200px' },
  );
  observer.observe(target);
}
