import type { ComputeContext, Sequential } from '@chatgpt-explained/nn-core';
import { readMnist, type MnistData } from '@chatgpt-explained/trainer';
import type { TourContext, TourStep, TourStepResult } from '../tour';
import { digitBlurExperiment, type DigitBlurOptions } from './blur-experiment';
import { digitEmbeddingExperiment, digitOutputsExperiment, type DigitEmbeddingOptions } from './embedding-experiment';
import { loadDigitNet } from './model-file';

/** 4.1 in quick mode: five blur steps. */
export const QUICK_BLUR: DigitBlurOptions = { sigmas: [0, 1, 2, 3, 4] };
/** 8.2 in quick mode: 200 images, PCA and a short UMAP (50 epochs). */
export const QUICK_EMBEDDING: DigitEmbeddingOptions = { count: 200, umapEpochs: 50 };
/** 8.2 in the full tour: 2,000 images. */
export const FULL_EMBEDDING: DigitEmbeddingOptions = { count: 2000 };

const SKIPPED: TourStepResult = {
  lines: ['skipped: the app bundles no MNIST test files or trained digit net'],
  data: { skipped: 'no digit data' },
};

const percent = (p: number) => `${(100 * p).toFixed(p > 0.999 && p < 1 ? 3 : 1)}%`;

/** The shipped net and the test split, read from the app's data; undefined when it has none. */
async function digitInputs(
  context: TourContext,
): Promise<{ net: Sequential; test: MnistData; compute: ComputeContext } | undefined> {
  const { data, compute } = context;
  if (data.digitFiles === undefined || data.digitNetWeights === undefined) return undefined;
  const [files, weights] = await Promise.all([data.digitFiles('test'), data.digitNetWeights()]);
  const test = await readMnist(files);
  const { net } = loadDigitNet(compute, weights);
  return { net, test, compute };
}

/** A digit step: skipped when the data is absent; the net is disposed afterwards. */
function digitStep(
  item: string,
  run: (
    inputs: { net: Sequential; test: MnistData; compute: ComputeContext },
    context: TourContext,
  ) => Promise<TourStepResult>,
): TourStep {
  return {
    item,
    run: async (context) => {
      const inputs = await digitInputs(context);
      if (inputs === undefined) return SKIPPED;
      try {
        return await run(inputs, context);
      } finally {
        inputs.net.dispose();
      }
    },
  };
}

/**
 * The tour steps of the digit net (essay 4.1: a "2" blurred until the net stops seeing it; 8.2: the
 * net's outputs for a 4 and its penultimate-layer "embedding" of test images), on the app's MNIST
 * test files and shipped net (`data.digitFiles`, `data.digitNetWeights`); skipped without them.
 */
export const DIGIT_STEPS: readonly TourStep[] = [
  digitStep('4.1', async ({ net, test, compute }, context) => {
    const { figures, ...data } = await digitBlurExperiment(compute, net, test, context.quick ? QUICK_BLUR : {});
    return {
      lines: [
        `a ${data.label} (test image ${data.index}) blurred: ${data.steps.map((s) => `σ ${s.sigma} → ${s.predicted} (${percent(s.probability)})`).join(', ')}`,
        data.lastRecognisedSigma === null
          ? `the net does not read it as a ${data.label} even unblurred`
          : `still read as a ${data.label} up to σ = ${data.lastRecognisedSigma} pixels`,
      ],
      data,
      figures,
    };
  }),
  digitStep('8.2', async ({ net, test, compute }, context) => {
    const outputs = await digitOutputsExperiment(compute, net, test);
    const embedding = await digitEmbeddingExperiment(compute, net, test, {
      ...(context.quick ? QUICK_EMBEDDING : FULL_EMBEDDING),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      ...(context.onProgress === undefined
        ? {}
        : { onProgress: (fraction: number) => context.onProgress!({ item: '8.2', fraction, message: 'layouts' }) }),
    });
    const { figures: outputFigures, ...outputData } = outputs;
    const { figures: layoutFigures, ...layoutData } = embedding;
    const others = outputs.probabilities.filter((_, d) => d !== outputs.predicted);
    const pcaLayout = embedding.layouts.find((l) => l.method === 'pca' && l.dimensions === 2);
    return {
      lines: [
        `test image ${outputs.index} (a ${outputs.label}): the net reads ${outputs.predicted} with probability ${percent(outputs.probabilities[outputs.predicted]!)}; every other digit ≤ ${Math.max(...others).toExponential(1)}`,
        `pre-softmax values: ${outputs.logits.map((z, d) => `${d}: ${z.toFixed(1)}`).join(', ')}`,
        `${embedding.count} test images' ${embedding.width}-number penultimate vectors laid out by ${embedding.layouts.map((l) => `${l.method.toUpperCase()} ${l.dimensions}-D`).join(', ')}${pcaLayout?.explainedVariance ? ` (PCA 2-D keeps ${(100 * pcaLayout.explainedVariance.reduce((a, b) => a + b, 0)).toFixed(0)}% of the variance)` : ''}`,
      ],
      data: { outputs: outputData, embedding: layoutData },
      figures: [...outputFigures, ...layoutFigures],
    };
  }),
];
