/**
 * @chatgpt-explained/tokenizer: gPT-2 byte-level BPE with exact parity to OpenAI's gpt2 encoding, character and word tokenizers, and BPE training.
 */
export { TokenizerError, type TokenizerErrorCode, type TokenizerErrorDetails } from './errors';
