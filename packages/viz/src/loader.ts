import type { Loader } from 'vega';
import { VizError } from './errors';

/**
 * A Vega loader that never reaches the network or the file system: figures carry their data inline,
 * and the only URLs they use are the `data:image/png` rasters of heatmaps and decision regions.
 */
export function offlineLoader(operation: string): Loader {
  const refuse = (uri: string): Promise<never> =>
    Promise.reject(
      new VizError('INVALID_ARGUMENT', `${operation}: figures never load ${JSON.stringify(uri.slice(0, 80))}`, {
        argument: 'uri',
        value: uri,
        expected: 'inline data',
      }),
    );
  return {
    load: (uri) => refuse(uri),
    http: (uri) => refuse(uri),
    file: (filename) => refuse(filename),
    sanitize: (uri) => (uri.startsWith('data:image/png;base64,') ? Promise.resolve({ href: uri }) : refuse(uri)),
  };
}
