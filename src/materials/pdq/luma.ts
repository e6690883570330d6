// Luminance from RGB pixels: PDQ hashes brightness only, so colour shifts do not move the hash.
export interface RgbPixels {
  width: number;
  height: number;
  /** Row-major pixels; 3 bytes (R, G, B) per pixel unless `channels` says otherwise. */
  data: Uint8Array;
  /** 3 (RGB, the default), 4 (RGBA: alpha is ignored, as the reference does) or 1 (grey). */
  channels?: 1 | 3 | 4;
}

// The standard "Y" weights of YUV, as the PDQ reference uses them.
const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;

/** Row-major float luminance, one value per pixel. */
export function lumaOf(pixels: RgbPixels): Float32Array {
  const { width, height, data } = pixels;
  const channels = pixels.channels ?? 3;
  const count = width * height;
  if (data.length < count * channels) {
    throw new RangeError(`pixel data has ${data.length} bytes; ${width}x${height} with ${channels} channel(s) needs ${count * channels}`);
  }
  const luma = new Float32Array(count);
  if (channels === 1) {
    for (let p = 0; p < count; p++) luma[p] = data[p];
    return luma;
  }
  for (let p = 0, o = 0; p < count; p++, o += channels) {
    luma[p] = LUMA_R * data[o] + LUMA_G * data[o + 1] + LUMA_B * data[o + 2];
  }
  return luma;
}
