import type { BackendAdapter, BackendName, TfCore } from '../backend/types';
import { firstLine, loadBackendPackage, setActive } from './load-package';

/** A backend that is one tfjs package to import and one tfjs backend name to start. */
export interface PackageBackendSpec {
  readonly name: BackendName;
  readonly description: string;
  /** The npm package the backend lives in. */
  readonly packageName: string;
  /** A literal `import()` of that package (bundlers and the boundary check must see it). */
  readonly load: () => Promise<unknown>;
  /** What to run when it is missing, and why that may fail. */
  readonly installHint: string;
  /** The name the package registers with tfjs. */
  readonly tfBackend: string;
  /** Whether it runs on a hardware GPU, as far as can be told before starting it. */
  readonly hardware: boolean;
  /** What it runs on, for listings. */
  readonly detail: string;
  /** What it really runs on, read from the started backend (where that can differ from the above). */
  readonly started?: (tf: TfCore) => { readonly hardware: boolean; readonly detail: string };
}

/** The adapter for a {@link PackageBackendSpec}: available when its package loads. */
export function packageBackend(spec: PackageBackendSpec): BackendAdapter {
  const load = () => loadBackendPackage(spec.name, spec.packageName, spec.load, spec.installHint);
  return {
    name: spec.name,
    description: spec.description,
    async probe() {
      try {
        await load();
        return { available: true, hardware: spec.hardware, reason: spec.detail };
      } catch (error) {
        return { available: false, hardware: false, reason: firstLine(error) };
      }
    },
    async activate(tf) {
      await load();
      await setActive(tf, spec.name, spec.tfBackend);
      const { hardware, detail } = spec.started?.(tf) ?? spec;
      return { tfBackend: spec.tfBackend, hardware, detail };
    },
  };
}
