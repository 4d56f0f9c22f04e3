/** Essay section 13.1: computational irreducibility, rule 30, and a net that cannot shortcut it. */
export {
  MAX_AUTOMATON_CELLS,
  centreColumn,
  ruleTable,
  runAutomaton,
  stepRow,
  type AutomatonBoundary,
  type AutomatonOptions,
  type AutomatonRun,
  type AutomatonStart,
} from './automaton';
export { lightConeData, type LightConeData, type LightConeDataOptions } from './light-cone';
export {
  DEFAULT_STEPS_AHEAD,
  stepsAheadExperiment,
  type StepsAheadOptions,
  type StepsAheadResult,
  type StepsAheadRow,
} from './steps-ahead';
export { automatonFigure, stepsAheadFigure } from './figures';
export { automatonLines, stepsAheadLines } from './summary';
export { IRREDUCIBILITY_STEPS, QUICK_STEPS_AHEAD, RULE30_PICTURE_STEPS } from './tour-steps';
