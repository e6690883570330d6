// Seeded randomness for the review simulation, so one seed replays one day exactly and both dispatchers
// can be compared on the very same tasks and the very same per-task luck.

export type Rand = () => number;

/** mulberry32: tiny, fast and good enough for a simulation; never Math.random, so runs replay. */
export function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(r: Rand): number {
  // Box-Muller; 1 - r() keeps the log away from zero.
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export const lognormal = (r: Rand, median: number, sigma: number) => median * Math.exp(sigma * normal(r));

/** A multiplicative noise factor whose mean is 1, so it spreads durations without biasing the load. */
export const meanOneNoise = (r: Rand, sigma: number) => Math.exp(sigma * normal(r) - (sigma * sigma) / 2);

export const exponential = (r: Rand, mean: number) => -mean * Math.log(1 - r());

export function pickWeighted<T>(r: Rand, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
