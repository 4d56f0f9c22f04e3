/**
 * Registers tfjs-core's gradient functions with the engine. tfjs-core leaves this to a side-effect
 * import, `@tensorflow/tfjs-core/dist/register_all_gradients`, whose extensionless internal imports
 * only a bundler can follow; nn-core's build bundles it into a lazily loaded chunk, and
 * {@link initBackend} calls this once, so importing nn-core registers nothing.
 */
export async function registerGradients(): Promise<void> {
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
}
