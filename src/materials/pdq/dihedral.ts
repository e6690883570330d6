// The hashes of the 8 rotations and mirrorings of an image, computed from its DCT alone: mirroring a
// 64-sample axis multiplies coefficient f (1-based) by (-1)^f, and a transpose swaps the two axes.
// A matcher that checks all 8 catches flipped and rotated re-uploads at the cost of one hash.
import { PDQ_COEFFS } from './dct.js';

export const DIHEDRAL_VARIANTS = [
  'original',
  /** Clockwise, as sharp's rotate(90). */
  'rotate90',
  'rotate180',
  /** Clockwise 270, i.e. a quarter turn anticlockwise. */
  'rotate270',
  /** Upside down: rows reversed. */
  'mirrorVertical',
  /** Left-right: columns reversed. */
  'mirrorHorizontal',
  /** Rows become columns. */
  'transpose',
  /** Rows become columns, both reversed. */
  'antiTranspose',
] as const;
export type DihedralVariant = (typeof DIHEDRAL_VARIANTS)[number];

const N = PDQ_COEFFS;
// Coefficient index i is frequency i + 1, so an even index has an odd frequency and changes sign.
const signFlippedWhenReversed = (index: number): number => (index & 1 ? 1 : -1);

interface Mapping {
  transpose: boolean;
  rowsReversed: boolean;
  colsReversed: boolean;
}

// What each variant does to the ORIGINAL image's axes, expressed on the coefficient grid.
const MAPPINGS: Record<DihedralVariant, Mapping> = {
  original: { transpose: false, rowsReversed: false, colsReversed: false },
  rotate90: { transpose: true, rowsReversed: true, colsReversed: false },
  rotate180: { transpose: false, rowsReversed: true, colsReversed: true },
  rotate270: { transpose: true, rowsReversed: false, colsReversed: true },
  mirrorVertical: { transpose: false, rowsReversed: true, colsReversed: false },
  mirrorHorizontal: { transpose: false, rowsReversed: false, colsReversed: true },
  transpose: { transpose: true, rowsReversed: false, colsReversed: false },
  antiTranspose: { transpose: true, rowsReversed: true, colsReversed: true },
};

/** The 16x16 coefficients the transformed image would have. */
export function transformCoefficients(coefficients: Float64Array, variant: DihedralVariant): Float64Array {
  const { transpose, rowsReversed, colsReversed } = MAPPINGS[variant];
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let v = coefficients[i * N + j];
      if (rowsReversed) v *= signFlippedWhenReversed(i);
      if (colsReversed) v *= signFlippedWhenReversed(j);
      if (transpose) out[j * N + i] = v;
      else out[i * N + j] = v;
    }
  }
  return out;
}
