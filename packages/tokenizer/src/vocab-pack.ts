import { TokenTable } from './bpe/token-table';

/**
 * A vocabulary of contiguous ids packed for shipping in a JavaScript module: every token's bytes
 * back to back, and every token's length, both in base64. Unpacking is one `atob` per field.
 */
export interface PackedVocabulary {
  /** Number of ordinary tokens (ids 0 … tokenCount - 1). */
  readonly tokenCount: number;
  /** base64 of all tokens' bytes in id order. */
  readonly bytes: string;
  /** base64 of one byte per token: its length (1 … 255). */
  readonly lengths: string;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Packs tokens (ids 0 … n-1, each 1 … 255 bytes long). */
export function packVocabulary(tokens: readonly Uint8Array[]): PackedVocabulary {
  const lengths = new Uint8Array(tokens.length);
  let total = 0;
  tokens.forEach((token, id) => {
    if (token.length < 1 || token.length > 255)
      throw new RangeError(`token ${id} has ${token.length} bytes; 1 … 255 can be packed`);
    lengths[id] = token.length;
    total += token.length;
  });
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const token of tokens) {
    bytes.set(token, offset);
    offset += token.length;
  }
  return { tokenCount: tokens.length, bytes: toBase64(bytes), lengths: toBase64(lengths) };
}

/** The token table of a packed vocabulary. */
export function unpackVocabulary(packed: PackedVocabulary): TokenTable {
  const bytes = fromBase64(packed.bytes);
  const lengths = fromBase64(packed.lengths);
  const offsets = new Uint32Array(packed.tokenCount + 1);
  let total = 0;
  for (let id = 0; id < packed.tokenCount; id++) {
    offsets[id] = total;
    total += lengths[id]!;
  }
  offsets[packed.tokenCount] = total;
  return new TokenTable(bytes, offsets);
}
