// The PPM splitter on streams cut at every kind of boundary: the frames must come out byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePpmHeader, PpmError, PpmSplitter } from './ppm.js';

const ascii = (s: string) => new TextEncoder().encode(s);

function ppm(width: number, height: number, fill: (i: number) => number, header = `P6\n${width} ${height}\n255\n`): { bytes: Uint8Array; pixels: Uint8Array } {
  const pixels = Uint8Array.from({ length: width * height * 3 }, (_, i) => fill(i));
  const head = ascii(header);
  const bytes = new Uint8Array(head.length + pixels.length);
  bytes.set(head);
  bytes.set(pixels, head.length);
  return { bytes, pixels };
}

describe('PPM splitter', () => {
  it('reads a header with comments and any whitespace, and waits for one cut short', () => {
    const header = 'P6 # made by hand\n 3\t2\r\n255\n';
    // The header is the whole string: it ends with the one whitespace byte after maxval.
    expect(parsePpmHeader(ascii(header + '\x00\x01'))).toEqual({ width: 3, height: 2, length: header.length });
    expect(parsePpmHeader(ascii('P6\n3 2\n25'))).toBeUndefined();
    expect(parsePpmHeader(ascii('P6\n3 2\n255'))).toBeUndefined();
    expect(() => parsePpmHeader(ascii('P5\n3 2\n255\n'))).toThrow(PpmError);
    expect(() => parsePpmHeader(ascii('P6\n3 2\n65535\n'))).toThrow(PpmError);
    expect(() => parsePpmHeader(ascii('P6\n3x 2\n255\n'))).toThrow(PpmError);
  });

  it('gives back every image of a stream however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ w: fc.integer({ min: 1, max: 7 }), h: fc.integer({ min: 1, max: 5 }), seed: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        (images, cuts) => {
          const made = images.map(({ w, h, seed }) => ppm(w, h, (i) => (i * 7 + seed) & 255));
          const stream = Uint8Array.from(made.flatMap((m) => [...m.bytes]));
          const splitter = new PpmSplitter();
          const out: Uint8Array[] = [];
          let at = 0;
          for (let k = 0; at < stream.length; k++) {
            const size = cuts[k % cuts.length];
            for (const frame of splitter.push(stream.subarray(at, at + size))) out.push(frame.data);
            at += size;
          }
          splitter.end();
          expect(out).toEqual(made.map((m) => m.pixels));
        },
      ),
    );
  });

  it('refuses a stream that stops inside an image', () => {
    const splitter = new PpmSplitter();
    const { bytes } = ppm(4, 4, () => 9);
    expect(splitter.push(bytes.subarray(0, bytes.length - 1))).toEqual([]);
    expect(() => splitter.end()).toThrow(PpmError);
  });
});
