/** The essay's sections on the page, in order, each with its live widgets. */
import { attentionWidget } from './attention';
import { digitCanvasWidget } from './digits';
import { gptTrainingWidget } from './gpt-training';
import { hiddenStatesWidget } from './hidden-states';
import { learnFunctionWidget } from './learn-function';
import { lettersWidget } from './letters';
import { lossLandscapeWidget } from './loss-landscape';
import { meaningWidget } from './meaning';
import { modelFitWidget } from './model-fit';
import { nearestPointWidget } from './nearest-point';
import { nextTokenWidget } from './next-token';
import { ngramWidget } from './ngrams';
import { parensWidget } from './parens';
import { practiceWidget } from './practice';
import { realGpt2Widget } from './real-gpt2';
import { rule30Widget } from './rule30';
import type { SectionView, WidgetContext } from './section';
import { wordMapWidget } from './word-map';

/** A section whose widgets are listed as factories, appended in order. */
function section(
  number: number,
  title: string,
  intro: string,
  widgets: readonly ((ctx: WidgetContext) => HTMLElement)[],
): SectionView {
  return {
    number,
    title,
    intro,
    mount(body, ctx) {
      for (const make of widgets) body.append(make(ctx));
    },
  };
}

export const SECTIONS: readonly SectionView[] = [
  section(
    1,
    'One token at a time',
    'A language model gives, for the text so far, a probability for every possible next token. Type a prompt and pick the next token by its probability, with a temperature.',
    [nextTokenWidget],
  ),
  section(
    2,
    'Where do the probabilities come from?',
    'Count letters, then pairs, then longer runs of letters and words, and generate text from the counts.',
    [lettersWidget, ngramWidget],
  ),
  section(
    3,
    'What is a model?',
    'A model is a formula with parameters fitted to data: fit a curve to measurements and see what each choice of formula predicts.',
    [modelFitWidget],
  ),
  section(
    4,
    'Models for human-like tasks',
    'Recognising a handwritten digit is a task with no formula: a trained net does it. Draw a digit and watch the net read it.',
    [digitCanvasWidget],
  ),
  section(
    5,
    'Neural nets',
    'A net of simple neurons carves the plane into regions: train one to say which of three points is nearest.',
    [nearestPointWidget],
  ),
  section(
    6,
    'Machine learning, and the training of neural nets',
    'Training moves the weights downhill on the loss: watch a net learn a function, and gradient descent on a loss landscape.',
    [learnFunctionWidget, lossLandscapeWidget],
  ),
  section(
    7,
    'The practice and lore of neural net training',
    'Net size, data, batch size and epochs all change what training gets to.',
    [practiceWidget],
  ),
  section(8, 'The concept of embeddings', 'Words become points in a space where similar words sit close together.', [
    wordMapWidget,
  ]),
  section(
    9,
    'Inside ChatGPT',
    'A GPT is embeddings, then blocks of attention and feed-forward layers. See every block’s attention heads and every layer’s hidden state for your text.',
    [attentionWidget, hiddenStatesWidget, realGpt2Widget],
  ),
  section(
    10,
    'The training of ChatGPT',
    'A GPT learns by predicting the next token of real text, billions of times; here, a small one on a few books.',
    [gptTrainingWidget],
  ),
  section(
    11,
    'What really lets ChatGPT work?',
    'A transformer trained on balanced parentheses learns when a string may end, as far as it has seen.',
    [parensWidget],
  ),
  section(
    12,
    'Meaning space and semantic laws of motion',
    'Text traces a path through the model’s space of meanings.',
    [meaningWidget],
  ),
  section(
    13,
    'Computational irreducibility',
    'Rule 30 is one line of logic, yet its pattern seems to need every step computed: draw it, then ask a net to predict k steps ahead.',
    [rule30Widget],
  ),
];
