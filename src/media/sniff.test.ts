// Signature sniffing: accepted formats are recognised, refused ones are named.
import { describe, expect, it } from 'vitest';
import { sniff } from './sniff.js';
import { mp4SignatureOnly, texturedImage, wavBytes } from './test-fixtures.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const oggPage = (codecHeader: string) => bytes('OggS', Array(24).fill(0), codecHeader);

describe('sniff', () => {
  it('recognises the accepted image formats from real encodings', async () => {
    for (const [format, mime] of [['png', 'image/png'], ['jpeg', 'image/jpeg'], ['webp', 'image/webp'], ['gif', 'image/gif']] as const) {
      expect(sniff(await texturedImage(format, 32, 32)).accepted, format).toMatchObject({ kind: 'image', mime });
    }
  });

  it('recognises audio and video containers by their signatures', () => {
    const cases: [Buffer, string, string][] = [
      [mp4SignatureOnly(), 'video', 'video/mp4'],
      [bytes([0, 0, 0, 0x18], 'ftypqt  ', Array(16).fill(0)), 'video', 'video/quicktime'],
      [bytes([0, 0, 0, 0x18], 'ftypM4A ', Array(16).fill(0)), 'audio', 'audio/mp4'],
      [bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'), 'video', 'video/webm'],
      [bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'), 'video', 'video/x-matroska'],
      [oggPage('\x80theora'), 'video', 'video/ogg'],
      [oggPage('OpusHead'), 'audio', 'audio/ogg'],
      [wavBytes(0.01), 'audio', 'audio/wav'],
      [bytes('fLaC', [0, 0, 0, 0x22]), 'audio', 'audio/flac'],
      [bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio', 'audio/mpeg'],
      [bytes([0xff, 0xfb, 0x90, 0x64]), 'audio', 'audio/mpeg'],
    ];
    for (const [input, kind, mime] of cases) expect(sniff(input).accepted, mime).toMatchObject({ kind, mime });
  });

  it('names what it recognised when it refuses', () => {
    const cases: [Buffer, RegExp][] = [
      [bytes('%PDF-1.7\n'), /pdf/],
      [bytes([0x50, 0x4b, 0x03, 0x04]), /zip/],
      [bytes('II*\0'), /tiff/],
      [bytes([0, 0, 0, 0x18], 'ftypheic'), /heic/],
      [bytes([0, 0, 0, 0x18], 'ftypavif'), /avif/],
      [bytes('RIFF', [0, 0, 0, 0], 'AVI '), /avi/],
      [bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), /svg/],
      [bytes('<!DOCTYPE html><html>'), /html/],
      [bytes('{"hello": "world"}'), /text/],
      [bytes([0x00, 0x13, 0x37, 0x42, 0x05]), /unknown binary data \(first bytes 00 13 37 42 05\)/],
      [bytes([0xff, 0xfb, 0xf0, 0x64]), /unknown/], // frame sync with an invalid bitrate is not MP3
    ];
    for (const [input, detected] of cases) {
      const result = sniff(input);
      expect(result.accepted, String(detected)).toBeUndefined();
      expect('detected' in result && result.detected).toMatch(detected);
    }
  });
});
