// PDQ perceptual image hashing: pdqHash for decoded pixels, pdqHashImage for encoded bytes,
// hammingDistance to compare (a match is distance <= 31 between hashes of quality >= 50).
export { pdqHash, pdqHashDihedral, type PdqResult, type PdqDihedralResult } from './pdq.js';
export { pdqHashImage, pdqHashImageDihedral, decodeForPdq } from './image.js';
export { hammingDistance, isPdqHex } from './hash256.js';
export { DIHEDRAL_VARIANTS, type DihedralVariant } from './dihedral.js';
export type { RgbPixels } from './luma.js';

/** Hamming distance at or under which two PDQ hashes are taken to be the same image. */
export const PDQ_MATCH_DISTANCE = 31;
/** Hashes of lower quality are too flat to match on. */
export const PDQ_MIN_QUALITY = 50;
