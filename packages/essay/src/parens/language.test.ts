/**
 * The parentheses language against references outside it: Catalan numbers from their closed form,
 * brute force over every string of a length, hand-worked shapes, and the sampling frequencies the
 * process's definition implies.
 */
import { mulberry32 } from '@chatgpt-explained/trainer';
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import {
  PARENS_PROCESS,
  PARENS_SPLIT,
  checkParensText,
  countBalanced,
  enumerateBalanced,
  isBalanced,
  isHeldOut,
  isParensPrefix,
  parensIds,
  parensProcess,
  parensShape,
  parensSplit,
  sampleBalanced,
  sampleParens,
} from './language';

/** C(n) = (2n)! / ((n + 1)! n!), in exact integers. */
function catalan(n: number): number {
  const factorial = (k: number) => {
    let r = 1n;
    for (let i = 2n; i <= BigInt(k); i++) r *= i;
    return r;
  };
  return Number(factorial(2 * n) / (factorial(n + 1) * factorial(n)));
}

/** Every string of `(` and `)` of `length` characters, by counting in binary. */
function allStrings(length: number): string[] {
  const out: string[] = [];
  for (let bits = 0; bits < 1 << length; bits++) {
    let s = '';
    for (let i = length - 1; i >= 0; i--) s += (bits >> i) & 1 ? ')' : '(';
    out.push(s);
  }
  return out;
}

/** Balanced by the textbook stack definition: push on `(`, pop on `)`, never pop empty, end empty. */
function stackBalanced(s: string): boolean {
  const stack: string[] = [];
  for (const c of s) {
    if (c === '(') stack.push(c);
    else if (stack.pop() === undefined) return false;
  }
  return stack.length === 0;
}

function errorOf(fn: () => unknown): EssayError {
  try {
    fn();
  } catch (error) {
    if (EssayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an EssayError');
}

describe('the balanced-parentheses language', () => {
  it('counts the balanced strings of each length as the Catalan numbers', () => {
    for (let n = 0; n <= 16; n++) expect(countBalanced(2 * n), `length ${2 * n}`).toBe(catalan(n));
    expect(countBalanced(7)).toBe(0);
    // The first values, written out: 1, 1, 2, 5, 14, 42, 132, 429, 1430.
    expect([0, 2, 4, 6, 8, 10, 12, 14, 16].map(countBalanced)).toEqual([1, 1, 2, 5, 14, 42, 132, 429, 1430]);
  });

  it('enumerates exactly the strings a stack accepts, for every length up to 14', () => {
    for (let length = 0; length <= 14; length++) {
      const expected = allStrings(length).filter(stackBalanced).sort();
      expect(enumerateBalanced(length), `length ${length}`).toEqual(expected);
      for (const s of allStrings(length)) expect(isBalanced(s)).toBe(stackBalanced(s));
    }
    expect(enumerateBalanced(6)).toEqual(['((()))', '(()())', '(())()', '()(())', '()()()']);
  });

  it('tells prefixes of the language from strings that no completion can save', () => {
    expect(isParensPrefix('(()')).toBe(true);
    expect(isBalanced('(()')).toBe(false);
    expect(isParensPrefix('())(')).toBe(false);
    expect(isBalanced(')(')).toBe(false);
    expect(isBalanced('')).toBe(true);
    expect(parensShape('(()(()))')).toEqual({ length: 8, depth: 0, maxDepth: 3, minDepth: 0 });
    expect(parensShape('())(')).toEqual({ length: 4, depth: 0, maxDepth: 1, minDepth: -1 });
    expect(parensIds('(()')).toEqual([0, 0, 1]);
  });

  it('draws balanced strings of one length uniformly', () => {
    const rng = mulberry32(3);
    const counts = new Map<string, number>();
    const draws = 21_000;
    for (let i = 0; i < draws; i++) {
      const s = sampleBalanced(8, rng);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(enumerateBalanced(8));
    // 14 strings, 1,500 expected each; the binomial's σ is about 37.
    for (const [s, c] of counts) expect(Math.abs(c - draws / 14), s).toBeLessThan(5 * 37);
  });

  it('samples the process with the probabilities it is defined by', () => {
    const process = parensProcess();
    const rng = mulberry32(11);
    let endsAtZero = 0;
    let choicesAtZero = 0;
    let opensInside = 0;
    let choicesInside = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = sampleParens(process, rng);
      expect(isBalanced(s) && s.length > 0 && s.length <= process.maxLength, s).toBe(true);
      let depth = 0;
      for (let k = 0; k <= s.length; k++) {
        const canOpen = k + depth + 2 <= process.maxLength;
        if (k > 0 && depth === 0 && canOpen) {
          choicesAtZero++;
          if (k === s.length) endsAtZero++;
        } else if (depth > 0 && canOpen) {
          choicesInside++;
          if (s[k] === '(') opensInside++;
        }
        if (k < s.length) depth += s[k] === '(' ? 1 : -1;
      }
    }
    expect(Math.abs(endsAtZero / choicesAtZero - PARENS_PROCESS.endProbability)).toBeLessThan(0.01);
    expect(Math.abs(opensInside / choicesInside - PARENS_PROCESS.openProbability)).toBeLessThan(0.01);
  });

  it('holds out a fixed tenth of the strings, a different tenth for another seed', () => {
    const all = [2, 4, 6, 8, 10, 12, 14, 16, 18].flatMap(enumerateBalanced);
    const held = all.filter((s) => isHeldOut(s, PARENS_SPLIT));
    expect(Math.abs(held.length / all.length - 0.1)).toBeLessThan(0.01);
    expect(all.filter((s) => isHeldOut(s, PARENS_SPLIT))).toEqual(held);
    const other = all.filter((s) => isHeldOut(s, parensSplit({ seed: 2 })));
    const overlap = other.filter((s) => held.includes(s)).length;
    // Independent tenths overlap in about a hundredth.
    expect(overlap / all.length).toBeLessThan(0.03);
  });

  it('refuses bad input with errors that name the argument and the value', () => {
    const text = errorOf(() => checkParensText('op', 'prefix', '(a)'));
    expect(text.code).toBe('INVALID_ARGUMENT');
    expect(text.argument).toBe('prefix');
    expect(text.message).toContain('"a" at index 1');
    expect(errorOf(() => parensProcess({ maxLength: 7 })).argument).toBe('maxLength');
    expect(errorOf(() => parensProcess({ endProbability: 1 })).argument).toBe('endProbability');
    expect(errorOf(() => parensSplit({ heldOutFraction: 0 })).argument).toBe('heldOutFraction');
    expect(errorOf(() => sampleBalanced(5, Math.random)).argument).toBe('length');
    expect(errorOf(() => countBalanced(-1)).value).toBe(-1);
  });
});
