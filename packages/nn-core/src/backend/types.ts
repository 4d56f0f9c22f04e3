import type * as tfc from '@tensorflow/tfjs-core';

/** The tfjs-core module the backends run under: one engine per app. */
export type TfCore = typeof tfc;

/** Names of the compute backends nn-core knows how to start. */
export type BackendName = 'cpu' | 'wasm' | 'webgpu' | 'webgl' | 'cuda';

/** What a backend may request: a name, or `auto` to let nn-core choose. */
export type BackendRequest = BackendName | 'auto';

/** Every backend name, in the order `auto` considers them. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'cuda', 'wasm', 'webgl', 'cpu'];

/** What a probe found out about a backend without making it the active one. */
export interface BackendProbe {
  /** Whether the backend can be started here. */
  readonly available: boolean;
  /**
   * Runs on a hardware GPU (not a CPU, and not a software or fallback GPU adapter such as
   * SwiftShader or lavapipe, which ran tfjs 9–128× slower than WASM in `pnpm bench backends`).
   */
  readonly hardware: boolean;
  /** One line: why it is unavailable, or what it would run on. */
  readonly reason: string;
}

/** A backend that has been started, checked, and made the active one. */
export interface ComputeContext {
  /** The backend's name in nn-core's registry. */
  readonly backend: BackendName;
  /** tfjs-core's own name for it (`tensorflow` for cuda). */
  readonly tfBackend: string;
  /** Whether it runs on a hardware GPU. */
  readonly hardware: boolean;
  /** One line: why this backend was chosen and what it runs on. */
  readonly reason: string;
  /** The tfjs-core module the backend is registered with; libraries compute through it. */
  readonly tf: TfCore;
}

/**
 * Starts one backend. Adapters live behind `@chatgpt-explained/nn-core/backends/<name>`; only apps
 * import them, and importing one registers nothing: work happens in {@link BackendAdapter.activate}.
 */
export interface BackendAdapter {
  /** The registry name. */
  readonly name: BackendName;
  /** One line for listings: what it is and where it runs. */
  readonly description: string;
  /** Checks whether the backend can start here, without making it active. Never throws. */
  probe(): Promise<BackendProbe>;
  /**
   * Registers the backend with tfjs-core (once), makes it the active one and returns it.
   * Throws {@link NnCoreError} `BACKEND_UNAVAILABLE` naming what is missing.
   */
  activate(tf: TfCore): Promise<ActivatedBackend>;
}

/** What {@link BackendAdapter.activate} returns: the tfjs name and what it runs on. */
export interface ActivatedBackend {
  readonly tfBackend: string;
  readonly hardware: boolean;
  /** What it runs on (the GPU adapter, SIMD support…). */
  readonly detail: string;
}
