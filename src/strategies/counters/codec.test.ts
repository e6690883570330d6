// The snapshot byte form gives back every number and string exactly, and small numbers stay small.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './codec.js';

describe('snapshot codec', () => {
  it('gives back any double (−0 as 0), any unsigned integer below 2^53 and any string', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 100))), fc.array(fc.maxSafeNat()), fc.array(fc.string({ unit: 'binary' })), (nums, uints, strs) => {
        const w = new ByteWriter(4);
        for (const x of nums) w.num(x);
        for (const u of uints) w.uint(u);
        for (const s of strs) w.str(s);
        const r = new ByteReader(w.finish());
        for (const x of nums) expect(r.num()).toBe(x === 0 ? 0 : x);
        for (const u of uints) expect(r.uint()).toBe(u);
        for (const s of strs) expect(r.str()).toBe(s);
        expect(r.done).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('writes small integers in one byte and short decimals in a few, and refuses truncated input', () => {
    const w = new ByteWriter();
    for (const x of [0, 1, -1, 31, -32]) w.num(x);
    const bytes = w.finish();
    expect(bytes.length).toBe(5);
    const amounts = new ByteWriter();
    for (const x of [12.34, -0.5, 1099511627776.25]) amounts.num(x);
    const written = amounts.finish();
    expect(written.length).toBeLessThan(3 * 9 - 10);
    const back = new ByteReader(written);
    expect([back.num(), back.num(), back.num()]).toEqual([12.34, -0.5, 1099511627776.25]);
    const big = new ByteWriter();
    big.num(Math.PI);
    big.str('héllo');
    const cut = big.finish().subarray(0, 6);
    const r = new ByteReader(cut);
    expect(() => r.num()).toThrow(/truncated/);
  });
});
