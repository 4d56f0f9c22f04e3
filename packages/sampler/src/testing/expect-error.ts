import { SamplerError } from '../errors';

/**
 * For the tests: runs `run` and checks that it throws a SamplerError (recognised by its marker, not
 * `instanceof`) with `code`, naming `argument` (in the field and the message) and holding `value`
 * (NaN equals NaN; arrays compared element by element). Throws a plain Error describing the first
 * mismatch; returns the SamplerError for further checks. No test framework import, so the file is
 * not a test dependency of the package.
 */
export function expectSamplerError(run: () => unknown, code: string, argument: string, value: unknown): SamplerError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  if (!SamplerError.isInstance(caught)) throw new Error(`expected a SamplerError, got ${String(caught)}`);
  const e = caught;
  const fail = (what: string) => new Error(`SamplerError "${e.message}": ${what}`);
  if (e.code !== code) throw fail(`code ${e.code}, expected ${code}`);
  if (e.argument !== argument) throw fail(`argument ${String(e.argument)}, expected ${argument}`);
  if (!same(e.value, value)) throw fail(`value ${String(e.value)}, expected ${String(value)}`);
  const name = argument.replace(/^options\./, '').replace(/\[.*$/, '');
  if (!e.message.includes(name)) throw fail(`the message does not name ${name}`);
  return e;
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => Object.is(x, b[i]));
}
