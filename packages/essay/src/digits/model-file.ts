/**
 * The digit net as a safetensors file: float32 weights by their dotted names (`conv1.weight`, …)
 * and the net's config in the metadata, so a file alone rebuilds the net.
 */
import {
  decodeSafetensors,
  loadWeights,
  saveWeights,
  type ComputeContext,
  type Sequential,
} from '@chatgpt-explained/nn-core';
import { EssayError } from '../errors';
import { createDigitNet, digitNetConfig, type DigitNetConfig } from './lenet';

/** The metadata key holding the JSON of the {@link DigitNetConfig}. */
export const DIGIT_NET_CONFIG_KEY = 'digit_net_config';
/** The metadata key naming the format, and its value. */
export const DIGIT_NET_FORMAT_KEY = 'format';
export const DIGIT_NET_FORMAT = 'chatgpt-explained/digit-net';

/** Writes the net's weights and config (plus any other string metadata) as safetensors bytes. */
export async function saveDigitNet(
  net: Sequential,
  config: DigitNetConfig,
  metadata: Readonly<Record<string, string>> = {},
): Promise<Uint8Array> {
  return saveWeights(net, {
    ...metadata,
    [DIGIT_NET_FORMAT_KEY]: DIGIT_NET_FORMAT,
    [DIGIT_NET_CONFIG_KEY]: JSON.stringify(digitNetConfig(config)),
  });
}

/** A net read by {@link loadDigitNet}. */
export interface LoadedDigitNet {
  readonly net: Sequential;
  readonly config: DigitNetConfig;
  /** All of the file's string metadata. */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Rebuilds a net from {@link saveDigitNet}'s bytes: the config from the metadata, every weight
 * checked by name and shape (nn-core's `loadWeights`). Throws `INVALID_ARGUMENT` naming `bytes` when
 * the file is not a digit net; nn-core's `FORMAT_INVALID`, `NAME_UNKNOWN` or `SHAPE_MISMATCH` when
 * its tensors do not fit. The caller disposes the net.
 */
export function loadDigitNet(compute: ComputeContext, bytes: Uint8Array): LoadedDigitNet {
  const config = readMetadataConfig(bytes);
  const net = createDigitNet(config);
  try {
    compute.tf.tidy(() => {
      net.initialize({ seed: 0 });
    });
    const metadata = loadWeights(net, bytes);
    return { net, config, metadata };
  } catch (error) {
    net.dispose();
    throw error;
  }
}

function readMetadataConfig(bytes: Uint8Array): DigitNetConfig {
  const op = 'loadDigitNet';
  const metadata = decodeSafetensors(bytes).metadata; // FORMAT_INVALID for bytes that are not safetensors
  const raw = metadata[DIGIT_NET_CONFIG_KEY];
  if (typeof raw !== 'string') {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: the file's metadata has no "${DIGIT_NET_CONFIG_KEY}"; it is not a digit net`,
      { argument: 'bytes', value: Object.keys(metadata), expected: `metadata with ${DIGIT_NET_CONFIG_KEY}` },
    );
  }
  try {
    return digitNetConfig(JSON.parse(raw) as Partial<DigitNetConfig>);
  } catch (error) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: "${DIGIT_NET_CONFIG_KEY}" is not a valid config: ${raw}`, {
      argument: 'bytes',
      value: raw,
      expected: 'a DigitNetConfig as JSON',
      cause: error,
    });
  }
}
