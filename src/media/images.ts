// Image decoding with sharp: confirms the signature's format and reads the size, and makes the two
// thumbnails every visual medium gets: a clear one, and a blurred one that moderators see by default.
import sharp, { type Metadata } from 'sharp';
import { UnsupportedMediaError } from './errors.js';

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX_PX = 320;
/**
 * Gaussian sigma of the blurred thumbnail, applied at thumbnail size. At 320 px, sigma 20 leaves colour
 * masses and nothing recognisable (faces, text, body parts): moderator wellbeing, see docs on review.
 */
export const BLUR_SIGMA = 20;

const SHARP_FORMAT_OF: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

/** Width and height of an image whose signature said `mime`; refuses bytes sharp reads as something else. */
export async function imageSize(bytes: Buffer, mime: string): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (err) {
    throw undecodable(mime, err);
  }
  if (meta.format !== SHARP_FORMAT_OF[mime] || !meta.width || !meta.height) {
    throw new UnsupportedMediaError(`${mime} signature, but decoded as ${meta.format ?? 'nothing'}`, `the bytes start like ${mime} but do not decode as one`);
  }
  // EXIF orientations 5-8 rotate by 90°: report the size as displayed, like the thumbnails.
  const turned = (meta.orientation ?? 1) >= 5;
  return turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

/**
 * Both thumbnails as JPEG. Decodes the whole image (first frame of an animation), so truncated or corrupt
 * bytes are refused here, before anything is stored. Metadata (EXIF, GPS) is not copied into thumbnails.
 */
export async function makeThumbnails(image: Buffer, mime: string): Promise<{ clear: Buffer; blurred: Buffer }> {
  try {
    const clear = await sharp(image)
      .rotate()
      .resize({ width: THUMBNAIL_MAX_PX, height: THUMBNAIL_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
    // Blurred from the small clear thumbnail, so the blur strength is the same whatever the original size.
    const blurred = await sharp(clear).blur(BLUR_SIGMA).jpeg({ quality: 70 }).toBuffer();
    return { clear, blurred };
  } catch (err) {
    throw undecodable(mime, err);
  }
}

function undecodable(mime: string, err: unknown): UnsupportedMediaError {
  const reason = (err as Error).message.split('\n')[0].trim();
  return new UnsupportedMediaError(`${mime} that cannot be decoded`, `the bytes start like ${mime} but cannot be decoded (${reason})`);
}
