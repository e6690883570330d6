// Agreement statistics pinned to published worked examples, so the formulae are checked against someone
// else's arithmetic rather than our own.
import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, fleissKappaFromCounts, kappaReading, percentAgreement } from './kappa.js';

/** n copies of a [rater A, rater B] pair. */
const rep = (n: number, a: string, b: string) => Array.from({ length: n }, () => [a, b] as const);

describe("Cohen's kappa", () => {
  // Wikipedia, "Cohen's kappa", section "Simple example": 50 applications, both yes 20, A yes B no 5,
  // A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
  it('matches the Wikipedia simple example: 20/5/10/15 gives p_o 0.7, p_e 0.5, kappa 0.4', () => {
    const r = cohenKappa([...rep(20, 'yes', 'yes'), ...rep(5, 'yes', 'no'), ...rep(10, 'no', 'yes'), ...rep(15, 'no', 'no')]);
    expect(r.n).toBe(50);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });
  // Wikipedia, "Cohen's kappa", section "Same percentages but different numbers": both tables have
  // p_o = 0.60 and give kappa 0.1304 and 0.2593.
  it('matches the Wikipedia "same percentages but different numbers" tables: 0.1304 and 0.2593', () => {
    expect(cohenKappa([...rep(45, 'yes', 'yes'), ...rep(15, 'yes', 'no'), ...rep(25, 'no', 'yes'), ...rep(15, 'no', 'no')]).kappa).toBeCloseTo(0.1304, 4);
    expect(cohenKappa([...rep(25, 'yes', 'yes'), ...rep(35, 'yes', 'no'), ...rep(5, 'no', 'yes'), ...rep(35, 'no', 'no')]).kappa).toBeCloseTo(0.2593, 4);
  });
  it('is 1 for perfect agreement across labels, and undefined (null) when both raters only ever used one label', () => {
    expect(cohenKappa([['hate', 'hate'], ['none', 'none'], ['spam', 'spam']]).kappa).toBe(1);
    expect(cohenKappa([['none', 'none'], ['none', 'none']]).kappa).toBeNull();
    expect(cohenKappa([]).kappa).toBeNull();
  });
  it('is symmetric in the two raters and negative when they disagree systematically', () => {
    const pairs = [...rep(3, 'a', 'b'), ...rep(2, 'b', 'a'), ...rep(1, 'a', 'a')];
    expect(cohenKappa(pairs).kappa).toBeCloseTo(cohenKappa(pairs.map(([x, y]) => [y, x] as const)).kappa!, 12);
    expect(cohenKappa(pairs).kappa!).toBeLessThan(0);
  });
});

describe("Fleiss' kappa", () => {
  // Fleiss (1971)'s worked example as given on Wikipedia, "Fleiss' kappa", section "Worked example":
  // 10 subjects, 14 raters, 5 categories; P̄ = 0.378, P̄_e = 0.213, kappa = 0.210.
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it('matches the Wikipedia worked example: P̄ 0.378, P̄e 0.213, kappa 0.210', () => {
    const r = fleissKappaFromCounts(table);
    expect(r).toMatchObject({ n: 10, raters: 14 });
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
  });
  it('gives the same from labels as from counts, and leaves out items with another number of ratings', () => {
    const cats = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const items = table.map((row) => row.flatMap((c, j) => Array.from({ length: c }, () => cats[j]!)));
    const withOdd = [...items, ['c1', 'c2'], ['c3']];
    const r = fleissKappa(withOdd);
    expect(r.raters).toBe(14);
    expect(r.excluded).toBe(2);
    expect(r.kappa).toBeCloseTo(fleissKappaFromCounts(table).kappa!, 12);
  });
  it('equals Scott\u2019s pi for two raters (Fleiss 1971 generalises it): hand-computed 2x2 case', () => {
    // 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no: pooled yes share = (40+15)/100 = 0.55, p_e = 0.55² + 0.45² = 0.505,
    // p_o = 0.7, pi = (0.7 - 0.505) / 0.495 = 0.39394.
    const items = [...rep(20, 'yes', 'yes'), ...rep(5, 'yes', 'no'), ...rep(10, 'no', 'yes'), ...rep(15, 'no', 'no')].map((p) => [...p]);
    expect(fleissKappa(items).kappa).toBeCloseTo(0.39394, 5);
  });
  it('refuses a count table whose rows have different totals', () => {
    expect(() => fleissKappaFromCounts([[1, 1], [3, 0]])).toThrow(/same number/);
  });
});

describe('percent agreement and the plain-words reading', () => {
  it('counts equal pairs', () => {
    expect(percentAgreement([...rep(3, 'a', 'a'), ...rep(1, 'a', 'b')])).toBe(0.75);
  });
  it('reads kappa in the Landis & Koch (1977) bands', () => {
    expect(kappaReading(0.21)).toBe('fair agreement');
    expect(kappaReading(0.4)).toBe('fair agreement');
    expect(kappaReading(0.5)).toBe('moderate agreement');
    expect(kappaReading(0.9)).toBe('almost perfect agreement');
    expect(kappaReading(-0.1)).toMatch(/poor/);
    expect(kappaReading(null)).toMatch(/not defined/);
  });
});
