import { renderSvg, type FigureSpec } from '@chatgpt-explained/viz';
import { extname, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { UsageError } from './usage-error';

/** The figure formats `--out` accepts, by file extension. */
export const FIGURE_FORMATS = ['.svg', '.png'] as const;

/**
 * Checks an `--out` file name before any work is done: it must end in .svg or .png. Returns the
 * absolute path.
 */
export function checkFigurePath(cwd: string, file: string): string {
  const ext = extname(file).toLowerCase();
  if (!(FIGURE_FORMATS as readonly string[]).includes(ext)) {
    throw new UsageError(`option '--out <file>' argument '${file}' must end in .svg or .png`);
  }
  return resolve(cwd, file);
}

/** Renders a figure to `path` (SVG or PNG by its extension), written atomically. */
export async function writeFigure(spec: FigureSpec, path: string): Promise<void> {
  if (extname(path).toLowerCase() === '.png') {
    // The PNG renderer is Node-only and loads a native rasteriser: import it only when needed.
    const { renderPng } = await import('@chatgpt-explained/viz/png');
    await writeFileAtomic(path, await renderPng(spec, { scale: 2 }));
    return;
  }
  await writeFileAtomic(path, await renderSvg(spec));
}
