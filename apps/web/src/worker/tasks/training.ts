/** Tasks of essay sections 3, 6 and 7: fitting a model, training nets, and the practice of training. */
import { task } from '../task';
import { fitFallTimes, type FallFitInput, type FallFitOutput } from './training-fit';
import { descendLandscape, type LandscapeInput, type LandscapeOutput } from './training-landscape';
import { learnFunctionLive, type LearnInput, type LearnOutput, type LearnProgress } from './training-learn';
import { trainNetSize, type NetSizeInput, type NetSizeOutput, type NetSizeProgress } from './training-practice';

export const trainingTasks = {
  /** Essay 3.1: the fall times fitted by least squares with the formula the reader picks. */
  'fit.fall-times': task<FallFitInput, FallFitOutput>(fitFallTimes),
  /** Essay 6.1–6.2: a net learning a 1-D function, its curve and loss sent as it trains. */
  'train.learn-function': task<LearnInput, LearnOutput, LearnProgress>(learnFunctionLive),
  /** Essay 6.3: the loss landscape of the two-weight net and a gradient-descent path on it. */
  'train.landscape': task<LandscapeInput, LandscapeOutput>(descendLandscape),
  /** Essay 7.1: a net of the reader's size fitted to a wiggly function. */
  'train.net-size': task<NetSizeInput, NetSizeOutput, NetSizeProgress>(trainNetSize),
};
