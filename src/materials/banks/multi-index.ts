// Multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with Multi-Index
// Hashing", CVPR 2012): the 256 bits cut into 16 substrings of 16 bits, one bucket table per substring.
// Two hashes within r bits agree closely on at least one substring, so a search probes few buckets.
// Each bucket entry carries, next to its slot, three more words of the hash: a probe then rejects
// almost every unrelated candidate from the bucket's own contiguous memory, and only the few left
// cost a random access to the full hash in the store.
import { HALF, MASKS_BY_WEIGHT, popcount128, popcount96, SUBSTRING_KEYS, SUBSTRINGS, substringOf } from './bits.js';
import { DEAD } from './store.js';

/** Words per bucket entry: the slot, then its hash's words FILTER_WORDS[t]. */
export const ENTRY = 4;

/**
 * The three words table t keeps inline: the three after the word its key is cut from (so none of them
 * repeats the key bits, which the probe already bounds). An unrelated hash differs in ~48 of these 96
 * bits, and in more than 31 of them all but about once in 3,000.
 */
export const FILTER_WORDS: readonly (readonly [number, number, number])[] = Array.from({ length: SUBSTRINGS }, (_, t) => {
  const w = t >>> 1;
  return [(w + 1) & 7, (w + 2) & 7, (w + 3) & 7] as const;
});

/** Per substring table, the slots sorted by that substring's value (a counting sort, CSR layout). */
export interface MultiIndex {
  /** Slots [0, indexed) are in the tables. */
  indexed: number;
  /** Table t's bucket for key k is entries tables[t][ENTRY * offsets[t * (KEYS + 1) + k] ..+1). */
  offsets: Uint32Array;
  /** One array per table (so no single array outgrows the typed-array limit), ENTRY words an entry. */
  tables: Uint32Array[];
}

/** No slot indexed; its tables are never read (a search starts only when `indexed` > 0). */
export const EMPTY_INDEX: MultiIndex = { indexed: 0, offsets: new Uint32Array(0), tables: [] };

const wordOf = (lo: Uint32Array, hi: Uint32Array, slot: number, w: number): number => (w < HALF ? lo[slot * HALF + w] : hi[slot * HALF + w - HALF]);

export function buildIndex(lo: Uint32Array, hi: Uint32Array, count: number): MultiIndex {
  if (count === 0) return EMPTY_INDEX;
  const offsets = new Uint32Array(SUBSTRINGS * (SUBSTRING_KEYS + 1));
  const tables: Uint32Array[] = [];
  const cursor = new Uint32Array(SUBSTRING_KEYS);
  for (let t = 0; t < SUBSTRINGS; t++) {
    const base = t * (SUBSTRING_KEYS + 1);
    const keyWord = t >>> 1;
    const shift = (t & 1) << 4;
    for (let s = 0; s < count; s++) offsets[base + ((wordOf(lo, hi, s, keyWord) >>> shift) & 0xffff) + 1]++;
    for (let k = 1; k <= SUBSTRING_KEYS; k++) offsets[base + k] += offsets[base + k - 1];
    cursor.set(offsets.subarray(base, base + SUBSTRING_KEYS));
    const table = new Uint32Array(count * ENTRY);
    const [wa, wb, wc] = FILTER_WORDS[t];
    for (let s = 0; s < count; s++) {
      const e = cursor[(wordOf(lo, hi, s, keyWord) >>> shift) & 0xffff]++ * ENTRY;
      table[e] = s;
      table[e + 1] = wordOf(lo, hi, s, wa);
      table[e + 2] = wordOf(lo, hi, s, wb);
      table[e + 3] = wordOf(lo, hi, s, wc);
    }
    tables.push(table);
  }
  return { indexed: count, offsets, tables };
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

/** Buffers a search reuses from query to query: the bucket ranges to visit, in table order. */
export class Scratch {
  /** Entry ranges [starts, ends) in words of table `tables[i]`. */
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  tables = new Uint8Array(1024);
  ranges = 0;
  touched = 0;
}

/**
 * Finds the buckets the query probes (into scratch) and returns how many entries they hold, repeats
 * across tables included: the cost of searching through the index rather than scanning.
 */
export function planProbes(index: MultiIndex, query: Uint32Array, radii: Int8Array, scratch: Scratch): number {
  const { masks, upTo } = MASKS_BY_WEIGHT;
  const { offsets } = index;
  let probes = 0;
  for (let t = 0; t < SUBSTRINGS; t++) if (radii[t] >= 0) probes += upTo[radii[t]];
  if (scratch.starts.length < probes) {
    scratch.starts = new Uint32Array(probes);
    scratch.ends = new Uint32Array(probes);
    scratch.tables = new Uint8Array(probes);
  }
  const { starts, ends, tables } = scratch;
  let n = 0;
  let volume = 0;
  for (let t = 0; t < SUBSTRINGS; t++) {
    if (radii[t] < 0) continue;
    const base = t * (SUBSTRING_KEYS + 1);
    const key = substringOf(query, 0, t);
    const count = upTo[radii[t]];
    for (let p = 0; p < count; p++) {
      const k = base + (key ^ masks[p]);
      const start = offsets[k];
      const end = offsets[k + 1];
      if (start === end) continue;
      starts[n] = start * ENTRY;
      ends[n] = end * ENTRY;
      tables[n++] = t;
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
 * Adds to `hits` every live slot within r of the query in the buckets planProbes chose, each once.
 * A candidate whose three inline words already differ in more than r bits is dropped there; a partial
 * distance is a lower bound of the full one, so nothing within r is lost. The rest are stamped with
 * `epoch` when first examined (matched or not), so a slot found again through another table costs one
 * stamp read, not a second fetch of its full hash. Two passes, because the slow part is memory: first
 * load one word of every cache line of the probed buckets in a tight loop, so the processor overlaps
 * the misses (and page walks: the tables are large), then filter from cache.
 */
export function searchPlanned(index: MultiIndex, lo: Uint32Array, hi: Uint32Array, stamps: Uint32Array, epoch: number, query: Uint32Array, r: number, scratch: Scratch, hits: Hits): void {
  const { starts, ends, tables, ranges } = scratch;
  let touched = 0;
  for (let p = 0; p < ranges; p++) {
    const table = index.tables[tables[p]];
    const end = ends[p];
    for (let e = starts[p]; e < end; e += LINE) touched ^= table[e];
    touched ^= table[end - 1]; // the bucket's last line, when it does not start on a line boundary
  }
  scratch.touched = touched; // an observable result, so the loading loop is not optimised away
  const q0 = query[0], q1 = query[1], q2 = query[2], q3 = query[3], q4 = query[4], q5 = query[5], q6 = query[6], q7 = query[7];
  let current = -1;
  let table: Uint32Array = EMPTY_TABLE;
  let qa = 0, qb = 0, qc = 0;
  for (let p = 0; p < ranges; p++) {
    if (tables[p] !== current) {
      current = tables[p];
      table = index.tables[current];
      const [wa, wb, wc] = FILTER_WORDS[current];
      qa = query[wa];
      qb = query[wb];
      qc = query[wc];
    }
    const end = ends[p];
    for (let e = starts[p]; e < end; e += ENTRY) {
      if (popcount96(table[e + 1] ^ qa, table[e + 2] ^ qb, table[e + 3] ^ qc) > r) continue;
      const slot = table[e];
      const stamp = stamps[slot];
      if (stamp === epoch || stamp === DEAD) continue;
      stamps[slot] = epoch;
      // A shift, not `* HALF`: slots come out of a Uint32Array, and V8 multiplies those as doubles.
      const o = slot << 2;
      let d = popcount128(lo[o] ^ q0, lo[o + 1] ^ q1, lo[o + 2] ^ q2, lo[o + 3] ^ q3);
      if (d > r) continue;
      d += popcount128(hi[o] ^ q4, hi[o + 1] ^ q5, hi[o + 2] ^ q6, hi[o + 3] ^ q7);
      if (d > r) continue;
      hits.slots.push(slot);
      hits.distances.push(d);
    }
  }
}

const EMPTY_TABLE = new Uint32Array(0);
/** Words in a 64-byte cache line. */
const LINE = 16;
