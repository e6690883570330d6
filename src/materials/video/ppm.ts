// Splits a stream of binary PPM images (P6, 8-bit RGB: what `ffmpeg -f image2pipe -vcodec ppm` writes)
// into frames as the bytes arrive, so a long video is hashed frame by frame and never held whole.
import type { RgbPixels } from '../pdq/index.js';

export class PpmError extends Error {}

/** A header is a few dozen bytes; more than this without one means the stream is not PPM. */
const MAX_HEADER_BYTES = 1024;
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;

interface Header {
  width: number;
  height: number;
  /** Bytes the header takes, including the one whitespace byte before the pixels. */
  length: number;
}

/** The header at the start of `bytes`, or undefined while it is still incomplete. */
export function parsePpmHeader(bytes: Uint8Array): Header | undefined {
  const fields: number[] = [];
  let i = 0;
  if (bytes.length < 2) return undefined;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x36) throw new PpmError('not a binary PPM (P6) image');
  i = 2;
  while (fields.length < 3) {
    while (i < bytes.length && (isSpace(bytes[i]) || bytes[i] === 0x23)) {
      if (bytes[i] === 0x23) while (i < bytes.length && bytes[i] !== 0x0a) i++; // a comment, to the end of its line
      else i++;
    }
    const start = i;
    while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
    if (i === bytes.length) return undefined; // the number (or what follows it) has not arrived yet
    if (i === start || !isSpace(bytes[i])) throw new PpmError('malformed PPM header');
    fields.push(Number(new TextDecoder().decode(bytes.subarray(start, i))));
  }
  const [width, height, maxval] = fields;
  if (maxval !== 255) throw new PpmError(`only 8-bit PPM is read, not maxval ${maxval}`);
  if (width < 1 || height < 1) throw new PpmError(`PPM of ${width}x${height} pixels`);
  return { width, height, length: i + 1 };
}

/** Feed it chunks in order; it hands back each complete image as RGB pixels. */
export class PpmSplitter {
  private pending: Uint8Array = new Uint8Array(0);
  private frame: { pixels: RgbPixels; filled: number } | undefined;

  push(chunk: Uint8Array): RgbPixels[] {
    const done: RgbPixels[] = [];
    let bytes = this.pending.length ? concat(this.pending, chunk) : chunk;
    this.pending = new Uint8Array(0);
    while (bytes.length > 0) {
      if (!this.frame) {
        const header = parsePpmHeader(bytes);
        if (!header) {
          if (bytes.length > MAX_HEADER_BYTES) throw new PpmError('no PPM header in the first kilobyte');
          this.pending = bytes.slice();
          break;
        }
        const { width, height } = header;
        this.frame = { pixels: { width, height, data: new Uint8Array(width * height * 3), channels: 3 }, filled: 0 };
        bytes = bytes.subarray(header.length);
      }
      const { pixels } = this.frame;
      const take = Math.min(bytes.length, pixels.data.length - this.frame.filled);
      pixels.data.set(bytes.subarray(0, take), this.frame.filled);
      this.frame.filled += take;
      bytes = bytes.subarray(take);
      if (this.frame.filled === pixels.data.length) {
        done.push(pixels);
        this.frame = undefined;
      }
    }
    return done;
  }

  /** Throws when the stream stopped inside an image. */
  end(): void {
    if (this.frame || this.pending.length) throw new PpmError('the PPM stream ended inside an image');
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
