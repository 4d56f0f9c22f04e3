import type { Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { VizError } from './errors';
import { quietLogger } from './quiet-logger';
import { PADDING, VEGA_LITE_CONFIG } from './theme';

/**
 * Compiles a Vega-Lite spec built by this package to Vega, with the package's look. The builders
 * write plain objects (checked by the tests that render them), not Vega-Lite's deep types.
 */
export function compileLite(spec: Record<string, unknown>, operation: string): VegaSpec {
  const { logger, errors } = quietLogger();
  let result: VegaSpec;
  try {
    result = compile({ padding: PADDING, ...spec, config: VEGA_LITE_CONFIG } as TopLevelSpec, { logger }).spec;
  } catch (cause) {
    throw new VizError('RENDER_FAILED', `${operation}: Vega-Lite could not compile the figure: ${String(cause)}`, {
      cause,
    });
  }
  if (errors.length > 0) {
    throw new VizError('RENDER_FAILED', `${operation}: Vega-Lite reported ${String(errors[0])}`, { cause: errors[0] });
  }
  return result;
}
