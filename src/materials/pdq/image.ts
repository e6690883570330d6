// PDQ of encoded image bytes (JPEG, PNG, WebP, GIF, ...): decoded with sharp, alpha dropped, and
// shrunk to fit 512x512 first as the reference tools do, since the tent filter on a full-size photo
// costs far more than it changes the hash.
import sharp from 'sharp';
import { pdqHash, pdqHashDihedral, type PdqDihedralResult, type PdqResult } from './pdq.js';
import type { RgbPixels } from './luma.js';

const DOWNSAMPLE_LIMIT = 512;

export async function decodeForPdq(bytes: Buffer | Uint8Array): Promise<RgbPixels> {
  // keepIccProfile: hash the stored pixel values, without a colour-profile conversion the
  // reference implementations do not make.
  const { data, info } = await sharp(bytes, { failOn: 'error' })
    .keepIccProfile()
    .removeAlpha()
    .toColourspace('srgb')
    .resize(DOWNSAMPLE_LIMIT, DOWNSAMPLE_LIMIT, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data, channels: info.channels as 1 | 3 | 4 };
}

export async function pdqHashImage(bytes: Buffer | Uint8Array): Promise<PdqResult> {
  return pdqHash(await decodeForPdq(bytes));
}

export async function pdqHashImageDihedral(bytes: Buffer | Uint8Array): Promise<PdqDihedralResult> {
  return pdqHashDihedral(await decodeForPdq(bytes));
}
