// Exact running sums. A window sum that adds arriving values and subtracts leaving ones in plain floating
// point drifts (0.1 + 0.2 − 0.1 ≠ 0.2), and two stores that add in different orders would disagree. So a
// sum is kept as a Shewchuk expansion (non-overlapping partials, growing in magnitude, as in Python's
// math.fsum) and read correctly rounded: the nearest double to the exact sum, whatever the order of the
// additions. The Lua in redis-script.ts is a line-by-line copy; keep the two in step.

/** Adds x to the expansion `p` in place. */
export function addExact(p: number[], x: number): void {
  let i = 0;
  const n = p.length;
  for (let j = 0; j < n; j++) {
    let y = p[j];
    if (Math.abs(x) < Math.abs(y)) {
      const swap = x;
      x = y;
      y = swap;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) p[i++] = lo;
    x = hi;
  }
  if (i + 1 !== n) p.length = i + 1;
  p[i] = x;
}

/** The double nearest the exact sum the expansion holds (ties to even); 0 for an empty one, never −0. */
export function roundExact(p: readonly number[]): number {
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way case: the partials below decide which way the tie goes.
  if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi === 0 ? 0 : hi;
}
