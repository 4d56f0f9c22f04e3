/** The parts of a WebGPU adapter's info that tell what it runs on. */
export interface GpuAdapterDescription {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** Marked by the implementation as a fallback (software) adapter. */
  readonly isFallbackAdapter: boolean;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|warp/i;

/**
 * True for adapters that emulate a GPU on the CPU (SwiftShader, lavapipe/llvmpipe, WARP): they run
 * tfjs 9–128× slower than its WASM backend here (`pnpm bench backends`), so `auto` never picks them.
 */
export function isSoftwareAdapter(info: GpuAdapterDescription): boolean {
  return (
    info.isFallbackAdapter ||
    [info.vendor, info.architecture, info.device, info.description].some((s) => SOFTWARE.test(s))
  );
}

/** A short human label: "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6) (software)". */
export function adapterLabel(info: GpuAdapterDescription): string {
  const name =
    info.description ||
    [info.vendor, info.architecture, info.device].filter((s) => s.length > 0).join(' ') ||
    'unnamed adapter';
  return `${name}${isSoftwareAdapter(info) ? ' (software)' : ''}`;
}

/** Reads a GPUAdapter's info whether the runtime exposes `adapter.info` or only `isFallbackAdapter`. */
export function describeAdapter(adapter: GPUAdapter): GpuAdapterDescription {
  const info = adapter.info as Partial<GPUAdapterInfo & { isFallbackAdapter: boolean }> | undefined;
  const legacyFallback = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean(info?.isFallbackAdapter ?? legacyFallback ?? false),
  };
}
