import { expect, it } from 'vitest';
import { Gpt2Error } from '../errors';
import { joinDocuments } from './documents';
import { holdOutTail } from './hold-out';
import { gpt2DecaysWeight } from './weight-decay';

it('holdOutTail cuts after the first line end at or after (1 − fraction) of the text', () => {
  // 10 code units, fraction 0.25: from index ⌊7.5⌋ = 7 the next "\n" is at 8.
  expect(holdOutTail('ab\ncd\nef\ng', { fraction: 0.25 })).toEqual({ train: 'ab\ncd\nef\n', heldOut: 'g' });
  expect(holdOutTail('a\nb\nc\nd\n', { fraction: 0.5 })).toEqual({ train: 'a\nb\nc\n', heldOut: 'd\n' });
  // No line end after the cut point: cut at the code unit.
  expect(holdOutTail('abcdefghij', { fraction: 0.2 })).toEqual({ train: 'abcdefgh', heldOut: 'ij' });
  // Default 5 %: 40 lines of 5 code units; index 190 is in line 38 ("0038\n", 190…194).
  const text = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(4, '0')}\n`).join('');
  const split = holdOutTail(text);
  expect(split.train + split.heldOut).toBe(text);
  expect(split.heldOut).toBe('0039\n');
  expect(() => holdOutTail('abc', { fraction: 1 })).toThrow(Gpt2Error);
  expect(() => holdOutTail(3 as unknown as string)).toThrow(/text must be a string/);
});

it('joinDocuments puts the separator before every document', () => {
  expect(Array.from(joinDocuments([[5, 6], [7], []], 0))).toEqual([0, 5, 6, 0, 7, 0]);
  expect(() => joinDocuments([[1]], -1)).toThrow(Gpt2Error);
});

it('gpt2DecaysWeight decays the block matrices only (minGPT)', () => {
  expect(gpt2DecaysWeight('h.0.attn.c_attn.weight', [8, 24])).toBe(true);
  expect(gpt2DecaysWeight('h.3.mlp.c_proj.weight', [32, 8])).toBe(true);
  expect(gpt2DecaysWeight('lm_head.weight', [50, 8])).toBe(true);
  expect(gpt2DecaysWeight('h.0.attn.c_attn.bias', [24])).toBe(false);
  expect(gpt2DecaysWeight('h.0.ln_1.weight', [8])).toBe(false);
  expect(gpt2DecaysWeight('wte.weight', [50, 8])).toBe(false);
  expect(gpt2DecaysWeight('wpe.weight', [16, 8])).toBe(false);
});

it('holdOutTail never cuts a surrogate pair in two when there is no line end to cut at', () => {
  // 'a😀b' is 4 UTF-16 units; half of it would end between the emoji's two halves.
  expect(holdOutTail('a😀b', { fraction: 0.5 })).toEqual({ train: 'a', heldOut: '😀b' });
  expect(holdOutTail('ab😀', { fraction: 0.5 })).toEqual({ train: 'ab', heldOut: '😀' });
});
