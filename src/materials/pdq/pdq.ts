// PDQ, Meta's 256-bit perceptual image hash, implemented from the published algorithm (ThreatExchange
// `pdq/`): luminance, Jarosz tent-filter downsample to 64x64, DCT frequencies 1..16 x 1..16, one bit
// per coefficient above the median, and a quality score from the 64x64 image's gradients.
import { lumaOf, type RgbPixels } from './luma.js';
import { downsampleTo64 } from './downsample.js';
import { qualityOf } from './quality.js';
import { dct16 } from './dct.js';
import { bitsAboveMedian, EMPTY_HASH } from './hash256.js';
import { DIHEDRAL_VARIANTS, transformCoefficients, type DihedralVariant } from './dihedral.js';

export interface PdqResult {
  /** 64 lower-case hex characters. */
  hash: string;
  /** 0..100; hashes under 50 are too flat to match reliably. */
  quality: number;
}

export interface PdqDihedralResult {
  hashes: Record<DihedralVariant, string>;
  quality: number;
}

// Below this size the reference declines to hash: an all-zero hash with quality 0.
const MIN_HASHABLE_DIMENSION = 5;

function coefficientsOf(pixels: RgbPixels): { coefficients: Float64Array; quality: number } | undefined {
  if (pixels.width < MIN_HASHABLE_DIMENSION || pixels.height < MIN_HASHABLE_DIMENSION) return undefined;
  const grid = downsampleTo64(lumaOf(pixels), pixels.height, pixels.width);
  return { coefficients: dct16(grid), quality: qualityOf(grid) };
}

export function pdqHash(pixels: RgbPixels): PdqResult {
  const computed = coefficientsOf(pixels);
  if (!computed) return { hash: EMPTY_HASH, quality: 0 };
  return { hash: bitsAboveMedian(computed.coefficients), quality: computed.quality };
}

/** The hashes the image would have under each of the 8 rotations and mirrorings, for one DCT. */
export function pdqHashDihedral(pixels: RgbPixels): PdqDihedralResult {
  const computed = coefficientsOf(pixels);
  const hashes = {} as Record<DihedralVariant, string>;
  for (const variant of DIHEDRAL_VARIANTS) {
    hashes[variant] = computed ? bitsAboveMedian(transformCoefficients(computed.coefficients, variant)) : EMPTY_HASH;
  }
  return { hashes, quality: computed?.quality ?? 0 };
}
