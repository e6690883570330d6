// Exact sums against big-integer arithmetic: random values of wide-ranging magnitude, removals, and the
// half-way cases where a plain floating-point sum rounds the wrong way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addExact, roundExact } from './exact-sum.js';
import { exactSum } from './test-fixtures.js';

/** m·2^e with e in [-80, 30]: any such double is a multiple of 2^-80, so the reference is exact. */
const value = fc.tuple(fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }), fc.integer({ min: -80, max: 30 })).map(([m, e]) => m * 2 ** e);

const sumOf = (values: readonly number[]) => {
  const p: number[] = [];
  for (const v of values) addExact(p, v);
  return roundExact(p);
};

describe('exact sums', () => {
  it('is the double nearest the exact sum, in any order', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        expect(sumOf(values)).toBe(exactSum(values));
        expect(sumOf([...values].reverse())).toBe(exactSum(values));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes values out exactly (a sliding window adds and subtracts)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.boolean()), { maxLength: 60 }), (pairs) => {
        const p: number[] = [];
        for (const [v] of pairs) addExact(p, v);
        for (const [v, leaves] of pairs) if (leaves) addExact(p, -v);
        expect(roundExact(p)).toBe(exactSum(pairs.filter(([, leaves]) => !leaves).map(([v]) => v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds half-way sums to even, and just past half-way up, where plain addition cannot', () => {
    expect(sumOf([1, 2 ** -53])).toBe(1);
    expect(sumOf([1, 2 ** -53, 2 ** -80])).toBe(1 + 2 ** -52);
    expect(sumOf([2 ** 53, 1, 2 ** -60])).toBe(2 ** 53 + 2);
    expect(sumOf([2 ** 53, 1, -(2 ** -60)])).toBe(2 ** 53);
    expect(sumOf([0.1, 0.2, -0.1])).toBe(exactSum([0.1, 0.2, -0.1]));
    expect(0.1 + 0.2 - 0.1).not.toBe(exactSum([0.1, 0.2, -0.1]));
  });

  it('gives 0, never -0, for an empty or cancelled sum', () => {
    expect(Object.is(sumOf([]), 0)).toBe(true);
    expect(Object.is(sumOf([-0]), 0)).toBe(true);
    expect(Object.is(sumOf([0.3, -0.3]), 0)).toBe(true);
  });
});
