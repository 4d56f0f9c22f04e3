/**
 * @chatgpt-explained/nn-core/test: what other packages and apps use to test against nn-core. The
 * backend op suite (float64 references, run on whatever backend is active) lets an app or a new
 * adapter check that a backend computes right, in Node or in a browser.
 */
export {
  OP_CASES,
  OP_TOLERANCE,
  runOpCase,
  runOpSuite,
  type OpCase,
  type OpCaseResult,
  type OpCaseValues,
} from './op-cases';
export { maxRelativeError, seededRandom } from './reference-ops';
