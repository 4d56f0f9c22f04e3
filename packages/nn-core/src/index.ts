/**
 * @chatgpt-explained/nn-core: layers and models on `@tensorflow/tfjs-core`, computed on a backend
 * the app chooses and passes in.
 *
 * Backend adapters are not exported here: apps import them from
 * `@chatgpt-explained/nn-core/backends/<name>` (cpu, wasm, webgpu, webgl, cuda), put them in a
 * registry and start one with {@link initBackend}. Nothing in this package registers a backend on
 * import.
 *
 * @example
 * ```ts
 * import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
 * import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
 * import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
 *
 * const registry = createBackendRegistry([wasmBackend(), cpuBackend()]);
 * const ctx = await initBackend(registry, 'auto');
 * console.log(ctx.reason); // "auto chose wasm: WebAssembly SIMD, single thread; passed over …"
 * ```
 */
export { NnCoreError, type NnCoreErrorCode, type NnCoreErrorDetails } from './errors';
export {
  BACKEND_NAMES,
  type ActivatedBackend,
  type BackendAdapter,
  type BackendName,
  type BackendProbe,
  type BackendRequest,
  type ComputeContext,
  type TfCore,
} from './backend/types';
export { createBackendRegistry, type BackendRegistry } from './backend/registry';
export { checkActiveBackend } from './backend/check';
export { tensorByteLimit, type TensorByteLimit } from './backend/tensor-limit';
export {
  initBackend,
  listBackends,
  type BackendOptions,
  type BackendStatus,
  type InitializedBackend,
  type SkippedBackend,
} from './backend/select';
export { Layer, type ApplyOptions, type CallContext, type InitializeOptions, type NamedWeight } from './layers/layer';
export { initialValues, type Initializer } from './layers/init';
export { ACTIVATIONS, activate, geluTanh, type ActivationName } from './layers/activation-functions';
export { Activation, gelu, ramp, relu, sigmoid, softmax, tanh } from './layers/activation';
export { Dense, dense, type DenseOptions } from './layers/dense';
export { Sequential, sequential } from './layers/sequential';
export { Conv2D, conv2d, type Conv2DOptions } from './layers/conv2d';
export { AvgPool2D, MaxPool2D, avgPool2d, maxPool2d, type Pool2DOptions } from './layers/pooling';
export { type Padding } from './layers/options';
export { Flatten, flatten } from './layers/flatten';
export { LayerNorm, layerNorm, type LayerNormOptions } from './layers/layer-norm';
export { Embedding, embedding, type EmbeddingOptions } from './layers/embedding';
export { Dropout, dropout, type DropoutOptions } from './layers/dropout';
export { causalAttention, type CausalAttentionOptions, type CausalAttentionResult } from './layers/causal-attention';
export {
  CausalSelfAttention,
  causalSelfAttention,
  type CausalSelfAttentionOptions,
} from './layers/causal-self-attention';
export { Mlp, mlp, type MlpOptions } from './layers/mlp';
export { TransformerBlock, transformerBlock, type TransformerBlockOptions } from './layers/transformer-block';
export { runWithCapture, type CaptureOptions, type CaptureResult } from './model/capture';
export {
  decodeSafetensors,
  encodeSafetensors,
  entryToFloat32,
  type SafetensorsDtype,
  type SafetensorsEntry,
  type SafetensorsFile,
  type SafetensorsInput,
} from './model/safetensors';
export { loadWeights, saveWeights, type LoadWeightsOptions } from './model/weights-file';
export {
  QUANT_MAX,
  dequantize,
  quantizeWeights,
  quantizedCodes,
  type QuantizationBits,
  type QuantizeOptions,
  type QuantizedTensor,
  type QuantizedTensor4,
  type QuantizedTensor8,
} from './quantize/quantized-tensor';
export { quantizedMatMul } from './quantize/quantized-matmul';
export {
  createQuantKernel,
  loadQuantKernel,
  loadQuantKernelModule,
  type QuantKernel,
  type QuantKernelOptions,
  type QuantMatrix,
  type QuantMatrixOptions,
} from './quantize/kernel/quant-kernel';
export { quantLinear } from './quantize/kernel/quant-linear';
export { quantizeLayers, type QuantizeLayersOptions, type QuantizedLayerInfo } from './quantize/quantize-layers';
export {
  measureQuantization,
  roundTripWeights,
  type RoundTripOptions,
  type WeightQuantizationStats,
  type WeightValues,
} from './quantize/round-trip';
