// Image bytes for the simulated platform: fresh photos, the fixed set of known-bad images (the same in
// every run, so a material package can ship their hashes), and near-duplicates of them made the way
// re-uploaders make them (resized, recompressed, cropped, flipped).
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { Random } from '../random.js';
import { SIM_POLICIES, type SimPolicy } from '../vocabulary/languages.js';
import { texturedImage, type RgbImage } from './textures.js';

export interface EncodedImage {
  bytes: Buffer;
  sha256: string;
  width: number;
  height: number;
  mime: 'image/jpeg';
}

export const NEAR_DUPLICATE_TRANSFORMS = ['resize', 'recompress', 'crop', 'flip', 'resize+recompress', 'crop+recompress'] as const;
export type NearDuplicateTransform = (typeof NEAR_DUPLICATE_TRANSFORMS)[number];

export interface KnownBadImage extends EncodedImage {
  id: string;
  policy: SimPolicy;
}

/** Fixed, independent of any run's seed: the known-bad set is the same everywhere. */
const KNOWN_BAD_SEED = 0x5eed_bad0;
export const KNOWN_BAD_IMAGE_COUNT = 20;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function encodeJpeg(image: RgbImage, quality: number): Promise<EncodedImage> {
  const bytes = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .jpeg({ quality })
    .toBuffer();
  return { bytes, sha256: sha256Hex(bytes), width: image.width, height: image.height, mime: 'image/jpeg' };
}

/** A new photo for a post or listing. */
export async function freshPhoto(random: Random): Promise<EncodedImage> {
  return encodeJpeg(texturedImage(random), random.int(72, 92));
}

let knownBad: Promise<KnownBadImage[]> | undefined;

/** The known-bad images, generated once per process; each belongs to one policy. */
export function knownBadImages(): Promise<KnownBadImage[]> {
  knownBad ??= (async () => {
    const root = new Random(KNOWN_BAD_SEED);
    const out: KnownBadImage[] = [];
    for (let i = 0; i < KNOWN_BAD_IMAGE_COUNT; i++) {
      const random = root.fork(`known-bad-${i}`);
      const encoded = await encodeJpeg(texturedImage(random), 90);
      out.push({ ...encoded, id: `known-bad-image-${String(i + 1).padStart(2, '0')}`, policy: SIM_POLICIES[i % SIM_POLICIES.length] });
    }
    return out;
  })();
  return knownBad;
}

/** A re-upload of `original`, altered the way `transform` says. */
export async function nearDuplicate(random: Random, original: EncodedImage, transform: NearDuplicateTransform): Promise<EncodedImage> {
  let pipeline = sharp(original.bytes);
  let width = original.width;
  let height = original.height;
  let quality = random.int(80, 92);
  if (transform === 'resize' || transform === 'resize+recompress') {
    const scale = random.between(0.55, 0.85);
    width = Math.round(width * scale);
    height = Math.round(height * scale);
    pipeline = pipeline.resize(width, height);
  }
  if (transform === 'crop' || transform === 'crop+recompress') {
    // Light trims only: PDQ is not built for crops, and a 5% trim already moves half the bits.
    const left = Math.round(width * random.between(0.003, 0.02));
    const top = Math.round(height * random.between(0.003, 0.02));
    const w = Math.round(width * random.between(0.96, 0.99));
    const h = Math.round(height * random.between(0.96, 0.99));
    width = Math.min(w, original.width - left);
    height = Math.min(h, original.height - top);
    pipeline = pipeline.extract({ left, top, width, height });
  }
  if (transform === 'flip') pipeline = pipeline.flop();
  if (transform === 'recompress' || transform.endsWith('+recompress')) quality = random.int(30, 55);
  const bytes = await pipeline.jpeg({ quality }).toBuffer();
  return { bytes, sha256: sha256Hex(bytes), width, height, mime: 'image/jpeg' };
}
