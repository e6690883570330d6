// 256-bit PDQ hashes as eight 32-bit words, and the bit arithmetic the bank runs on: popcount,
// word distance, the 16-bit substrings multi-index hashing keys on, and masks of few set bits.
import { isPdqHex } from '../pdq/index.js';

export const WORDS = 8;
/** Words in each half of a stored hash (see store.ts). */
export const HALF = 4;
export const SUBSTRINGS = 16;
export const SUBSTRING_BITS = 16;
export const SUBSTRING_KEYS = 1 << SUBSTRING_BITS;
export const MAX_DISTANCE = 256;

/** Set bits of a 32-bit value (SWAR: pairs, nibbles, bytes, then a multiply sums the bytes). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Set bits of four 32-bit values together: each is reduced to 4-bit counts separately, then the counts
 * are added in place (a nibble holds up to 8, a byte up to 32, the total up to 128), which saves a
 * third of the operations of four popcount32 calls on the distance hot path.
 */
export function popcount128(a: number, b: number, c: number, d: number): number {
  a -= (a >>> 1) & 0x55555555;
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  b -= (b >>> 1) & 0x55555555;
  b = (b & 0x33333333) + ((b >>> 2) & 0x33333333);
  c -= (c >>> 1) & 0x55555555;
  c = (c & 0x33333333) + ((c >>> 2) & 0x33333333);
  d -= (d >>> 1) & 0x55555555;
  d = (d & 0x33333333) + ((d >>> 2) & 0x33333333);
  let x = a + b;
  let y = c + d;
  x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
  y = (y & 0x0f0f0f0f) + ((y >>> 4) & 0x0f0f0f0f);
  return Math.imul(x + y, 0x01010101) >>> 24;
}

/** Set bits of three 32-bit values together, as popcount128 does (the bucket filter's partial distance). */
export function popcount96(a: number, b: number, c: number): number {
  a -= (a >>> 1) & 0x55555555;
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  b -= (b >>> 1) & 0x55555555;
  b = (b & 0x33333333) + ((b >>> 2) & 0x33333333);
  c -= (c >>> 1) & 0x55555555;
  c = (c & 0x33333333) + ((c >>> 2) & 0x33333333);
  let x = a + b;
  x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
  c = (c & 0x0f0f0f0f) + ((c >>> 4) & 0x0f0f0f0f);
  return Math.imul(x + c, 0x01010101) >>> 24;
}

/**
 * Writes the hash into `out` at `offset` as 8 words, word w holding bits 32w..32w+31 (the hex text is
 * the 256-bit number, most significant digit first, so word 0 is the last 8 characters).
 */
export function writeWords(hashHex: string, out: Uint32Array, offset: number): void {
  if (!isPdqHex(hashHex)) throw new TypeError('expected a 64-character hex PDQ hash');
  for (let w = 0; w < WORDS; w++) out[offset + w] = parseInt(hashHex.slice(56 - 8 * w, 64 - 8 * w), 16);
}

export function toWords(hashHex: string): Uint32Array {
  const out = new Uint32Array(WORDS);
  writeWords(hashHex, out, 0);
  return out;
}

export function fromWords(words: Uint32Array, offset = 0): string {
  let hex = '';
  for (let w = WORDS - 1; w >= 0; w--) hex += words[offset + w].toString(16).padStart(8, '0');
  return hex;
}

/** Substring t (0..15) of the 8-word hash at `words[offset..]`: bits 16t..16t+15. */
export const substringOf = (words: Uint32Array, offset: number, t: number): number => (words[offset + (t >>> 1)] >>> ((t & 1) << 4)) & 0xffff;

/** Every 16-bit mask ordered by number of set bits; those with at most w bits are the first `upTo[w]`. */
export const MASKS_BY_WEIGHT: { masks: Uint16Array; upTo: Uint32Array } = (() => {
  const all = Array.from({ length: SUBSTRING_KEYS }, (_, m) => m).sort((x, y) => popcount32(x) - popcount32(y) || x - y);
  const upTo = new Uint32Array(SUBSTRING_BITS + 1);
  for (const m of all) upTo[popcount32(m)]++;
  for (let w = 1; w <= SUBSTRING_BITS; w++) upTo[w] += upTo[w - 1];
  return { masks: Uint16Array.from(all), upTo };
})();
