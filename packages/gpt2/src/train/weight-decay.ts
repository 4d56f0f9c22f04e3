/**
 * Which GPT-2 weights AdamW decays: the matrices of the blocks (and an untied `lm_head`), not the
 * biases, LayerNorm gains and biases, or the token and position embeddings (minGPT's rule; nanoGPT
 * later decays the embeddings too).
 */

/**
 * True for a weight that AdamW's weight decay should shrink: a matrix (rank ≥ 2) other than
 * `wte.weight` and `wpe.weight`. Pass as `adamw({ decay: gpt2DecaysWeight })`.
 *
 * @example
 * gpt2DecaysWeight('h.0.attn.c_attn.weight', [128, 384]); // true
 * gpt2DecaysWeight('h.0.attn.c_attn.bias', [384]); // false
 * gpt2DecaysWeight('wte.weight', [4096, 128]); // false
 */
export function gpt2DecaysWeight(name: string, shape: readonly number[]): boolean {
  return shape.length >= 2 && name !== 'wte.weight' && name !== 'wpe.weight';
}
