// 256-bit hashes as 64 hex characters, in the reference's text layout: bit k (k = row * 16 + column
// of the 16x16 coefficients) has value 2^k and the hex string is that number, most significant first.

const HEX_CHARS = 64;
const NIBBLE_BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Sets bit k when coefficient k is above the median of all 256 (the lower median, as the reference). */
export function bitsAboveMedian(coefficients: Float64Array): string {
  const sorted = Float64Array.from(coefficients).sort();
  const median = sorted[(coefficients.length >> 1) - 1];
  const nibbles = new Array<number>(HEX_CHARS).fill(0);
  for (let k = 0; k < coefficients.length; k++) {
    if (coefficients[k] > median) nibbles[HEX_CHARS - 1 - (k >> 2)] |= 1 << (k & 3);
  }
  return nibbles.map((n) => n.toString(16)).join('');
}

export function isPdqHex(value: string): boolean {
  return /^[0-9a-f]{64}$/i.test(value);
}

/** Number of differing bits between two 64-hex-character hashes. */
export function hammingDistance(a: string, b: string): number {
  if (!isPdqHex(a) || !isPdqHex(b)) throw new TypeError('hammingDistance expects two 64-character hex PDQ hashes');
  let distance = 0;
  for (let i = 0; i < HEX_CHARS; i++) distance += NIBBLE_BITS[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return distance;
}

export const EMPTY_HASH = '0'.repeat(HEX_CHARS);
