import type { FigureSpec } from '@chatgpt-explained/viz';

/** A named figure an experiment returns; apps render it (`renderSvg`, `renderPng`) and save it as `<name>.svg`. */
export interface Figure {
  /** File-name-safe name, e.g. `2.1-letter-counts`. */
  readonly name: string;
  readonly spec: FigureSpec;
}
