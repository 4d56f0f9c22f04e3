import type { OutputStream } from './io';

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Text before the bar. */
  readonly label: string;
  /** Bar width in characters. Default 24. */
  readonly width?: number;
  /** Milliseconds between redraws on a terminal. Default 100. */
  readonly redrawMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** A progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise. */
export interface ProgressBar {
  /** `fraction` in 0…1; `message` such as the live loss. */
  update(fraction: number, message?: string): void;
  /** Draws 100% and ends the line. */
  finish(message?: string): void;
}

export function createProgressBar(stream: OutputStream, options: ProgressBarOptions): ProgressBar {
  const width = options.width ?? 24;
  const redrawMs = options.redrawMs ?? 100;
  const now = options.now ?? Date.now;
  let lastDraw = -Infinity;
  let lastDecile = -1;
  let finished = false;

  const render = (fraction: number, message: string | undefined): string => {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const filled = Math.round(clamped * width);
    const percent = `${Math.floor(clamped * 100)}`.padStart(3);
    return `${options.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}%${message ? ` ${message}` : ''}`;
  };

  return {
    update(fraction, message) {
      if (finished) return;
      if (stream.isTTY) {
        const t = now();
        if (t - lastDraw < redrawMs) return;
        lastDraw = t;
        stream.write(`\r\x1b[2K${render(fraction, message)}`);
      } else {
        const decile = Math.floor(Math.min(1, Math.max(0, fraction)) * 10);
        if (decile <= lastDecile || decile >= 10) return;
        lastDecile = decile;
        stream.write(`${render(fraction, message)}\n`);
      }
    },
    finish(message) {
      if (finished) return;
      finished = true;
      stream.write(`${stream.isTTY ? '\r\x1b[2K' : ''}${render(1, message)}\n`);
    },
  };
}
