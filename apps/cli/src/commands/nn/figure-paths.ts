import { extname } from 'node:path';

/**
 * The file for another figure of the same command beside `path`: `fig.png` with suffix `errors`
 * is `fig-errors.png`.
 */
export function siblingFigurePath(path: string, suffix: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-${suffix}${ext}`;
}
