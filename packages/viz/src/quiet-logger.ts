import type { ViewOptions } from 'vega';

/** The logger interface Vega and Vega-Lite accept. */
export type VegaLogger = NonNullable<ViewOptions['logger']>;

/**
 * A Vega/Vega-Lite logger that prints nothing (libraries never print) and keeps the errors it is
 * given, so the caller can turn them into a VizError.
 */
export function quietLogger(): { logger: VegaLogger; errors: unknown[] } {
  const errors: unknown[] = [];
  let level = 1; // vega.Error: only errors matter
  const logger: VegaLogger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) {
      errors.push(args.length === 1 ? args[0] : args);
      return logger;
    },
    warn() {
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return { logger, errors };
}
