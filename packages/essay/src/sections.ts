/** One experiment of the essay, as listed in the project's feature list. */
export interface EssayItem {
  /** The item number, e.g. `"2.3"`. */
  readonly id: string;
  /** What the reader sees or computes. */
  readonly title: string;
  /** Text and pictures in the web demo rather than a computation. */
  readonly explainOnly?: boolean;
}

/** One numbered section of the essay. */
export interface EssaySection {
  readonly number: number;
  readonly title: string;
  readonly items: readonly EssayItem[];
}

/**
 * The essay's sections and experiments, in order: the table of contents of the tour, the CLI and
 * the web demo. Which of them can run is decided by the tour's steps, not written here.
 */
export const ESSAY_SECTIONS: readonly EssaySection[] = [
  {
    number: 1,
    title: 'One token at a time',
    items: [
      { id: '1.1', title: 'The most likely next tokens for a prompt, with probabilities' },
      { id: '1.2', title: 'Greedy continuation (temperature 0), which soon loops' },
      { id: '1.3', title: 'Samples at temperature 0.8' },
      { id: '1.4', title: 'Rank against probability on log-log axes (a power law)' },
    ],
  },
  {
    number: 2,
    title: 'Where the probabilities come from',
    items: [
      { id: '2.1', title: 'Letter counts of a text, and English letter frequencies' },
      { id: '2.2', title: 'Random letters by frequency, with spaces, with English word lengths' },
      { id: '2.3', title: 'The letter 2-gram probability matrix' },
      { id: '2.4', title: 'Random "words" from letter n-grams, n = 0…5' },
      { id: '2.5', title: 'Sentences from word frequencies and from word 2-grams' },
      { id: '2.6', title: 'Why n-grams run out: distinct n-grams seen versus possible' },
    ],
  },
  {
    number: 3,
    title: 'What is a model',
    items: [{ id: '3.1', title: 'Fitting fall times with a line, a quadratic, and a poor basis' }],
  },
  {
    number: 4,
    title: 'Models for human-like tasks',
    items: [{ id: '4.1', title: 'Recognising handwritten digits; a "2" blurred step by step' }],
  },
  {
    number: 5,
    title: 'Neural nets',
    items: [
      { id: '5.1', title: 'What one two-input Ramp neuron computes' },
      { id: '5.2', title: 'The nearest-point task: nets of growing size against the Voronoi diagram' },
      { id: '5.3', title: 'The LeNet-style digit net and the cat/dog net', explainOnly: true },
    ],
  },
  {
    number: 6,
    title: 'Machine learning and training',
    items: [
      { id: '6.1', title: 'A 1-input net learning a function from more and more examples' },
      { id: '6.2', title: 'The learning curve' },
      { id: '6.3', title: 'A loss landscape over two weights and the gradient-descent path' },
      { id: '6.4', title: 'Equally good nets that disagree when extrapolating' },
    ],
  },
  {
    number: 7,
    title: 'The practice of training',
    items: [
      { id: '7.1', title: 'Net size: too small fails, big enough fits; the perceptron' },
      { id: '7.2', title: 'Epochs, augmentation, batch size, L1 against L2' },
      { id: '7.3', title: 'Weights quantised to 8 and 4 bits' },
    ],
  },
  {
    number: 8,
    title: 'Embeddings',
    items: [
      { id: '8.1', title: 'Words laid out in 2-D by meaning' },
      { id: '8.2', title: "Image embeddings: the digit net's last layers, projected" },
      { id: '8.3', title: "GPT-2's raw token embeddings and their distances" },
      { id: '8.4', title: 'Tokens rather than words: about 50,000 pieces' },
    ],
  },
  {
    number: 9,
    title: 'Inside ChatGPT (GPT-2)',
    items: [
      { id: '9.1', title: 'Three stages: embeddings, attention blocks, decoding' },
      { id: '9.2', title: 'The token and position embedding matrices' },
      { id: '9.3', title: 'Attention patterns of the first block for "hello, bye"' },
      { id: '9.4', title: 'A block weight matrix, its moving average, weight histograms' },
      { id: '9.5', title: 'Feed-forward per token; the outer loop re-reads the text', explainOnly: true },
    ],
  },
  {
    number: 10,
    title: 'Training ChatGPT',
    items: [
      { id: '10.1', title: 'Training a small GPT by next-token loss' },
      { id: '10.2', title: 'Human feedback and reward models', explainOnly: true },
    ],
  },
  {
    number: 11,
    title: 'What really lets ChatGPT work',
    items: [
      { id: '11.1', title: 'A transformer learning balanced parentheses' },
      { id: '11.2', title: 'Syntax and simple logic as regularities a net picks up' },
    ],
  },
  {
    number: 12,
    title: 'Meaning space and semantic laws of motion',
    items: [
      { id: '12.1', title: 'Word senses separated by context' },
      { id: '12.2', title: 'Analogies as parallel transport' },
      { id: '12.3', title: 'The trajectory of a prompt through feature space' },
    ],
  },
  {
    number: 13,
    title: 'Computational irreducibility',
    items: [{ id: '13.1', title: 'Rule 30, and a net that cannot shortcut it' }],
  },
];
