// Agreement statistics for QA: how often moderators give the same answer, and how much of that is more
// than chance. Pure functions over labels (a policy id, or 'none' for no violation), so they can be
// checked against published worked examples without a database.
//
// Generalisation for Fleiss' kappa with uneven rater counts: Fleiss' formula assumes every item has the
// same number n of ratings. We do not reweight; we use only the items that have exactly n ratings (n is
// given, or else the most common count, ties going to the larger n), and report how many were left out.

export type Label = string;

export interface CohenResult {
  /** Items rated by both raters. */
  n: number;
  /** Observed agreement p_o. */
  observed: number;
  /** Agreement expected by chance from each rater's own label frequencies, p_e. */
  expected: number;
  /** (p_o − p_e) / (1 − p_e); null when p_e = 1 (both raters used one and the same label throughout), where kappa is undefined. */
  kappa: number | null;
}

/** Share of pairs where both labels are equal. */
export function percentAgreement(pairs: readonly (readonly [Label, Label])[]): number {
  if (!pairs.length) return Number.NaN;
  return pairs.filter(([a, b]) => a === b).length / pairs.length;
}

/** Cohen's (1960) kappa for two raters over the same items: one [rater A's label, rater B's label] per item. */
export function cohenKappa(pairs: readonly (readonly [Label, Label])[]): CohenResult {
  const n = pairs.length;
  if (!n) return { n: 0, observed: Number.NaN, expected: Number.NaN, kappa: null };
  const a = new Map<Label, number>();
  const b = new Map<Label, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, count] of a) expected += (count / n) * ((b.get(label) ?? 0) / n);
  return { n, observed, expected, kappa: kappaOf(observed, expected) };
}

export interface FleissResult {
  /** Items used: those with exactly `raters` ratings. */
  n: number;
  /** Ratings per item. */
  raters: number;
  /** Items left out because they had a different number of ratings. */
  excluded: number;
  /** Mean per-item agreement P̄ (also the n-rater percent agreement). */
  observed: number;
  /** Chance agreement P̄_e = Σ_j p_j². */
  expected: number;
  kappa: number | null;
}

/**
 * Fleiss' (1971) kappa from a table of counts: one row per item, one column per category, each cell the
 * number of raters who put the item in that category. Every row must sum to the same n ≥ 2.
 */
export function fleissKappaFromCounts(rows: readonly (readonly number[])[]): FleissResult {
  const N = rows.length;
  if (!N) return { n: 0, raters: 0, excluded: 0, observed: Number.NaN, expected: Number.NaN, kappa: null };
  const raters = rows[0]!.reduce((s, c) => s + c, 0);
  if (raters < 2) throw new RangeError('Fleiss\u2019 kappa needs at least two ratings per item');
  const k = Math.max(...rows.map((r) => r.length));
  const totals = new Array<number>(k).fill(0);
  let sumP = 0;
  for (const [i, row] of rows.entries()) {
    const m = row.reduce((s, c) => s + c, 0);
    if (m !== raters) throw new RangeError(`item ${i} has ${m} ratings, not ${raters}: every item needs the same number`);
    let sq = 0;
    row.forEach((c, j) => {
      totals[j]! += c;
      sq += c * c;
    });
    sumP += (sq - raters) / (raters * (raters - 1));
  }
  const observed = sumP / N;
  const expected = totals.reduce((s, t) => s + (t / (N * raters)) ** 2, 0);
  return { n: N, raters, excluded: 0, observed, expected, kappa: kappaOf(observed, expected) };
}

/** Fleiss' kappa from the labels each item received (see the top comment for items with other rater counts). */
export function fleissKappa(items: readonly (readonly Label[])[], raters?: number): FleissResult {
  const counts = new Map<number, number>();
  for (const it of items) if (it.length >= 2) counts.set(it.length, (counts.get(it.length) ?? 0) + 1);
  const n = raters ?? [...counts.entries()].sort((x, y) => y[1] - x[1] || y[0] - x[0])[0]?.[0];
  if (n === undefined) return { n: 0, raters: 0, excluded: items.length, observed: Number.NaN, expected: Number.NaN, kappa: null };
  const used = items.filter((it) => it.length === n);
  const labels = [...new Set(used.flat())].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const rows = used.map((it) => {
    const row = new Array<number>(labels.length).fill(0);
    for (const l of it) row[index.get(l)!]!++;
    return row;
  });
  return { ...fleissKappaFromCounts(rows), raters: n, excluded: items.length - used.length };
}

function kappaOf(observed: number, expected: number): number | null {
  // Chance agreement of 1 leaves nothing to improve on: kappa is 0/0.
  if (!(expected < 1 - 1e-12)) return null;
  return (observed - expected) / (1 - expected);
}

/**
 * The usual words for a kappa, from Landis & Koch (1977): below 0 poor, up to 0.20 slight, 0.40 fair,
 * 0.60 moderate, 0.80 substantial, above that almost perfect. The bands are a convention, not a test.
 */
export function kappaReading(kappa: number | null): string {
  if (kappa === null || Number.isNaN(kappa)) return 'not defined (too little variety in the answers)';
  if (kappa < 0) return 'poor agreement (worse than chance)';
  if (kappa <= 0.2) return 'slight agreement';
  if (kappa <= 0.4) return 'fair agreement';
  if (kappa <= 0.6) return 'moderate agreement';
  if (kappa <= 0.8) return 'substantial agreement';
  return 'almost perfect agreement';
}
