import type { StreamDecoder } from './types';

/**
 * Streaming decode on `TextDecoder`'s stream mode: bytes of a character cut across tokens are held
 * until the character is complete, so no partial character is ever emitted.
 */
export class StreamingDecoder implements StreamDecoder {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(private readonly toBytes: (ids: ArrayLike<number>) => Uint8Array) {}

  write(ids: number | ArrayLike<number>): string {
    const bytes = this.toBytes(typeof ids === 'number' ? [ids] : ids);
    return this.decoder.decode(bytes, { stream: true });
  }

  end(): string {
    return this.decoder.decode();
  }
}
