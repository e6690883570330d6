// Multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with Multi-Index
// Hashing", CVPR 2012): the 256 bits cut into 16 substrings of 16 bits, one bucket table per substring.
// Two hashes within r bits agree closely on at least one substring, so a search probes few buckets.
import { MASKS_BY_WEIGHT, popcount128, storedSubstringOf, SUBSTRING_KEYS, SUBSTRINGS, substringOf } from './bits.js';
import { DEAD } from './store.js';

/** Per substring table, the slots sorted by that substring's value (a counting sort, CSR layout). */
export interface MultiIndex {
  /** Slots [0, indexed) are in the tables. */
  indexed: number;
  /** Table t's bucket for key k is slots[t * indexed + offsets[t * (KEYS + 1) + k] ..+1). */
  offsets: Uint32Array;
  slots: Uint32Array;
}

/** No slot indexed; its tables are never read (a search starts only when `indexed` > 0). */
export const EMPTY_INDEX: MultiIndex = { indexed: 0, offsets: new Uint32Array(0), slots: new Uint32Array(0) };

export function buildIndex(lo: Uint32Array, hi: Uint32Array, count: number): MultiIndex {
  if (count === 0) return EMPTY_INDEX;
  const offsets = new Uint32Array(SUBSTRINGS * (SUBSTRING_KEYS + 1));
  const slots = new Uint32Array(SUBSTRINGS * count);
  const cursor = new Uint32Array(SUBSTRING_KEYS);
  for (let t = 0; t < SUBSTRINGS; t++) {
    const base = t * (SUBSTRING_KEYS + 1);
    for (let s = 0; s < count; s++) offsets[base + storedSubstringOf(lo, hi, s, t) + 1]++;
    for (let k = 1; k <= SUBSTRING_KEYS; k++) offsets[base + k] += offsets[base + k - 1];
    cursor.set(offsets.subarray(base, base + SUBSTRING_KEYS));
    const into = t * count;
    for (let s = 0; s < count; s++) slots[into + cursor[storedSubstringOf(lo, hi, s, t)]++] = s;
  }
  return { indexed: count, offsets, slots };
}

/**
 * The search radius of each substring table for a full radius r (-1: table not searched). With
 * r = 16q + a (0 <= a < 16), any hash within r differs by at most q bits in one of the first a + 1
 * substrings or by at most q - 1 in one of the others, else it would differ by at least
 * (a + 1)(q + 1) + (15 - a)q = r + 1 bits (the paper's Proposition 1, sharpened as in its section 3.2).
 */
export function substringRadii(r: number): Int8Array {
  const q = Math.floor(r / SUBSTRINGS);
  const a = r - q * SUBSTRINGS;
  return Int8Array.from({ length: SUBSTRINGS }, (_, t) => Math.min(16, t <= a ? q : q - 1));
}

/** Buffers a search reuses from query to query: the bucket ranges to visit. */
export class Scratch {
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  ranges = 0;
  touched = 0;
}

/**
 * Finds the buckets the query probes (into scratch.starts/ends) and returns how many slots they hold,
 * repeats across tables included: the cost of searching through the index rather than scanning.
 */
export function planProbes(index: MultiIndex, query: Uint32Array, radii: Int8Array, scratch: Scratch): number {
  const { masks, upTo } = MASKS_BY_WEIGHT;
  const { offsets, indexed } = index;
  let probes = 0;
  for (let t = 0; t < SUBSTRINGS; t++) if (radii[t] >= 0) probes += upTo[radii[t]];
  if (scratch.starts.length < probes) {
    scratch.starts = new Uint32Array(probes);
    scratch.ends = new Uint32Array(probes);
  }
  const { starts, ends } = scratch;
  let n = 0;
  let volume = 0;
  for (let t = 0; t < SUBSTRINGS; t++) {
    if (radii[t] < 0) continue;
    const base = t * (SUBSTRING_KEYS + 1);
    const into = t * indexed;
    const key = substringOf(query, 0, t);
    const count = upTo[radii[t]];
    for (let p = 0; p < count; p++) {
      const k = base + (key ^ masks[p]);
      const start = offsets[k];
      const end = offsets[k + 1];
      if (start === end) continue;
      starts[n] = into + start;
      ends[n++] = into + end;
      volume += end - start;
    }
  }
  scratch.ranges = n;
  return volume;
}

/** Matches found by a search: parallel lists of slots and distances. */
export interface Hits {
  slots: number[];
  distances: number[];
}

/**
 * Adds to `hits` every live slot within r of the query in the buckets planProbes chose, each once
 * (its stamp is set to `epoch` when reported). Two passes, because the slow part is memory: first
 * load each candidate's low half in a tight loop, so the processor overlaps many cache misses, then
 * compute the distances from cache.
 */
export function searchPlanned(index: MultiIndex, lo: Uint32Array, hi: Uint32Array, stamps: Uint32Array, epoch: number, query: Uint32Array, r: number, scratch: Scratch, hits: Hits): void {
  const { starts, ends, ranges } = scratch;
  const slots = index.slots;
  let touched = 0;
  for (let p = 0; p < ranges; p++) {
    const end = ends[p];
    for (let i = starts[p]; i < end; i++) touched ^= lo[slots[i] << 2];
  }
  scratch.touched = touched; // an observable result, so the loading loop is not optimised away
  const q0 = query[0], q1 = query[1], q2 = query[2], q3 = query[3], q4 = query[4], q5 = query[5], q6 = query[6], q7 = query[7];
  for (let p = 0; p < ranges; p++) {
    const end = ends[p];
    for (let i = starts[p]; i < end; i++) {
      const slot = slots[i];
      // A shift, not `* HALF`: slots come out of a Uint32Array, and V8 multiplies those as doubles.
      const o = slot << 2;
      let d = popcount128(lo[o] ^ q0, lo[o + 1] ^ q1, lo[o + 2] ^ q2, lo[o + 3] ^ q3);
      if (d > r) continue;
      d += popcount128(hi[o] ^ q4, hi[o + 1] ^ q5, hi[o + 2] ^ q6, hi[o + 3] ^ q7);
      if (d > r) continue;
      const stamp = stamps[slot];
      if (stamp === epoch || stamp === DEAD) continue;
      stamps[slot] = epoch;
      hits.slots.push(slot);
      hits.distances.push(d);
    }
  }
}
