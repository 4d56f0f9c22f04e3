/** Produces the blocks of one kind of text, one after another. */
export interface BlockSource {
  /**
   * The next block: about `targetBytes` UTF-8 bytes (at least that many, up to the end of a line),
   * ending with a line end. Successive blocks never repeat one another.
   */
  next(targetBytes: number): string;
}

/** UTF-8 length of a string, in bytes. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
