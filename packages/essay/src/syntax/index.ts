/** Essay section 11.2: subject–verb agreement and a syllogism template in the trained GPT. */
export {
  SYNTAX_STEPS,
  QUICK_AGREEMENT,
  QUICK_SYLLOGISM,
  agreementLines,
  syllogismLines,
  agreementVerdict,
} from './tour-steps';
export {
  agreementExperiment,
  agreementRowLabel,
  type AgreementOptions,
  type AgreementResult,
  type AgreementRow,
  type AgreementComparison,
  type AttractorRelation,
} from './agreement';
export {
  AGREEMENT_TEMPLATES,
  AGREEMENT_VERBS,
  agreementPairs,
  type AgreementCondition,
  type AgreementPair,
  type AgreementTemplate,
  type GrammaticalNumber,
  type VerbPair,
} from './agreement-pairs';
export {
  AGREEMENT_SUBJECTS,
  AGREEMENT_ATTRACTORS,
  countNouns,
  frequentNouns,
  type NounPair,
  type NounCount,
} from './nouns';
export {
  syllogismExperiment,
  syllogismPrompts,
  syllogismMargins,
  SYLLOGISM_NOUNS,
  SYLLOGISM_ADJECTIVES,
  SYLLOGISM_NAMES,
  type SyllogismOptions,
  type SyllogismResult,
  type SyllogismRow,
  type SyllogismItem,
  type SyllogismPrompt,
  type SyllogismMeasure,
} from './syllogism';
export { gptScorer, type ContinuationScorer } from './continuation-scorer';
export { kneserNeyTokenScorer, trainingTexts, type KneserNeyTokenScorerOptions } from './ngram-scorer';
export { signTest, type SignTestResult, type SignTestAlternative } from './sign-test';
export { preferenceScore, pairedComparison, type PreferenceScore, type PairedComparison } from './agreement-score';
