/**
 * What the `digits` commands share: the bundled MNIST split, the trained net (`--model` or the
 * shipped one) and the backend.
 */
import { loadDigitNet, type LoadedDigitNet } from '@chatgpt-explained/essay';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { readMnist, type MnistData } from '@chatgpt-explained/trainer';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileEssayData } from '../../essay-data';
import type { CommandContext } from '../../main';
import { UsageError } from '../../usage-error';

/** One split of the bundled MNIST files. */
export async function bundledDigits(split: 'train' | 'test'): Promise<MnistData> {
  return readMnist(await fileEssayData().digitFiles!(split));
}

/** The net of `--model PATH`, or the shipped `data/models/digits-lenet/model.safetensors`. */
export async function loadNet(
  context: CommandContext,
  compute: ComputeContext,
  model: string | undefined,
): Promise<LoadedDigitNet> {
  let bytes: Uint8Array;
  if (model === undefined) {
    bytes = await fileEssayData().digitNetWeights!();
  } else {
    const path = resolve(context.io.cwd, model);
    try {
      const buffer = await readFile(path);
      bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      throw new UsageError(
        `--model: cannot read '${model}' (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  }
  return loadDigitNet(compute, bytes);
}
