/**
 * @chatgpt-explained/gpt2: gPT-2 on nn-core: Hugging Face checkpoints, KV-cached generation, attention and hidden states.
 */
export { Gpt2Error, type Gpt2ErrorCode, type Gpt2ErrorDetails } from './errors';
