// The plain scan: every live slot in a range compared with the query. It is the bank's fallback for
// wide radii and unindexed slots, and the reference its index must agree with.
import { HALF, popcount128 } from './bits.js';
import { DEAD } from './store.js';
import type { Hits } from './multi-index.js';

export function scanRange(lo: Uint32Array, hi: Uint32Array, stamps: Uint32Array, from: number, to: number, query: Uint32Array, r: number, hits: Hits): void {
  const q0 = query[0], q1 = query[1], q2 = query[2], q3 = query[3], q4 = query[4], q5 = query[5], q6 = query[6], q7 = query[7];
  for (let slot = from; slot < to; slot++) {
    const o = slot * HALF;
    let d = popcount128(lo[o] ^ q0, lo[o + 1] ^ q1, lo[o + 2] ^ q2, lo[o + 3] ^ q3);
    if (d > r) continue;
    d += popcount128(hi[o] ^ q4, hi[o + 1] ^ q5, hi[o + 2] ^ q6, hi[o + 3] ^ q7);
    if (d > r || stamps[slot] === DEAD) continue;
    hits.slots.push(slot);
    hits.distances.push(d);
  }
}
