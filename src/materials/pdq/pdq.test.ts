// PDQ checked against the published reference hash, and by the properties a perceptual hash must have.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { hammingDistance, pdqHash, pdqHashDihedral, pdqHashImage, PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY } from './index.js';
import { box1d } from './downsample.js';
import { REFERENCE_PNG_BASE64, REFERENCE_PNG_PDQ, REFERENCE_PNG_QUALITY } from './reference-fixture.js';
import { texturedJpeg, texturedPixels } from './texture-fixture.js';

const setBits = (hex: string) => hammingDistance(hex, '0'.repeat(64));

describe('PDQ against the reference', () => {
  it('hashes the published ThreatExchange test PNG to its published hash and quality', async () => {
    const result = await pdqHashImage(Buffer.from(REFERENCE_PNG_BASE64, 'base64'));
    expect(result.hash).toBe(REFERENCE_PNG_PDQ);
    expect(result.quality).toBe(REFERENCE_PNG_QUALITY);
  });

  // The reference's own worked example (comments of its box1DFloat): input 0..15, windows 7 and 8.
  it.each([
    [7, [6 / 4, 10 / 5, 15 / 6, 21 / 7, 28 / 7, 35 / 7, 42 / 7, 49 / 7, 56 / 7, 63 / 7, 70 / 7, 77 / 7, 84 / 7, 75 / 6, 65 / 5, 54 / 4]],
    [8, [10 / 5, 15 / 6, 21 / 7, 28 / 8, 36 / 8, 44 / 8, 52 / 8, 60 / 8, 68 / 8, 76 / 8, 84 / 8, 92 / 8, 84 / 7, 75 / 6, 65 / 5, 54 / 4]],
  ])('box filter of window %i places and shrinks its window as the reference does', (window, expected) => {
    const input = Float32Array.from({ length: 16 }, (_, i) => i);
    const output = new Float32Array(16);
    box1d(input, output, 0, 16, 1, window);
    expected.forEach((value, i) => expect(output[i]).toBeCloseTo(value, 5));
  });
});

describe('PDQ properties', () => {
  it('gives distance 0 for the same image and sets exactly half the bits (median threshold)', () => {
    const a = pdqHash(texturedPixels(1));
    const b = pdqHash(texturedPixels(1));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hammingDistance(a.hash, b.hash)).toBe(0);
    expect(setBits(a.hash)).toBe(128);
  });

  it('matches a resized and recompressed JPEG of a textured image (distance <= 31)', async () => {
    for (const seed of [2, 3, 4]) {
      const original = await pdqHashImage(await texturedJpeg(seed, 92));
      const smaller = await sharp(await texturedJpeg(seed, 92)).resize(200, 200).jpeg({ quality: 45 }).toBuffer();
      const larger = await sharp(await texturedJpeg(seed, 92)).resize(480, 480).jpeg({ quality: 60 }).toBuffer();
      expect(hammingDistance(original.hash, (await pdqHashImage(smaller)).hash)).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
      expect(hammingDistance(original.hash, (await pdqHashImage(larger)).hash)).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
    }
  });

  const cropEachSide = async (jpeg: Buffer, share: number) => {
    const side = 320; // texturedJpeg's size
    const m = Math.round(side * share);
    return sharp(jpeg).extract({ left: m, top: m, width: side - 2 * m, height: side - 2 * m }).jpeg({ quality: 90 }).toBuffer();
  };

  // PDQ tolerates little cropping: its 16 frequencies per axis shift phase with the frame. Measured here
  // 12..28 bits for 1% off each side and 80..96 for 5% (8 textures), and alike on two real photos (20..22, 82..86).
  it('matches a crop of 1% off each side of a textured image (distance <= 31)', async () => {
    for (const seed of [2, 3, 4]) {
      const jpeg = await texturedJpeg(seed, 92);
      const cropped = await cropEachSide(jpeg, 0.01);
      expect(hammingDistance((await pdqHashImage(jpeg)).hash, (await pdqHashImage(cropped)).hash)).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
    }
  });

  it('does not match a crop of 5% off each side: a known limit of PDQ, so crops need other signals', async () => {
    for (const seed of [2, 3, 4]) {
      const jpeg = await texturedJpeg(seed, 92);
      const cropped = await cropEachSide(jpeg, 0.05);
      expect(hammingDistance((await pdqHashImage(jpeg)).hash, (await pdqHashImage(cropped)).hash)).toBeGreaterThan(PDQ_MATCH_DISTANCE);
    }
  });

  it('hashes the same encoded bytes to the same hash and quality every time', async () => {
    const jpeg = await texturedJpeg(8);
    const first = await pdqHashImage(jpeg);
    const second = await pdqHashImage(Buffer.from(jpeg));
    expect(second).toEqual(first);
  });

  it('keeps unrelated textured images far apart (around 128 bits)', () => {
    const hashes = [10, 11, 12, 13, 14, 15].map((seed) => pdqHash(texturedPixels(seed)).hash);
    const distances: number[] = [];
    for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) distances.push(hammingDistance(hashes[i], hashes[j]));
    expect(Math.min(...distances)).toBeGreaterThan(70);
    const mean = distances.reduce((s, d) => s + d, 0) / distances.length;
    expect(mean).toBeGreaterThan(105);
    expect(mean).toBeLessThan(150);
  });

  it('rates a flat image below the quality threshold and a textured one above it', () => {
    const flat = { width: 100, height: 80, data: new Uint8Array(100 * 80 * 3).fill(137) };
    expect(pdqHash(flat).quality).toBeLessThan(PDQ_MIN_QUALITY);
    expect(pdqHash(texturedPixels(5)).quality).toBeGreaterThanOrEqual(PDQ_MIN_QUALITY);
  });

  it('declines images under 5 pixels a side, as the reference does', () => {
    expect(pdqHash({ width: 4, height: 40, data: new Uint8Array(4 * 40 * 3).fill(9) })).toEqual({ hash: '0'.repeat(64), quality: 0 });
  });

  it('puts a horizontally flipped image far away, and the dihedral variant brings it back', async () => {
    const jpeg = await texturedJpeg(6);
    const flipped = await sharp(jpeg).flop().toBuffer();
    const original = await pdqHashImage(jpeg);
    const flippedHash = (await pdqHashImage(flipped)).hash;
    expect(hammingDistance(original.hash, flippedHash)).toBeGreaterThan(PDQ_MATCH_DISTANCE);
    const pixels = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const variants = pdqHashDihedral({ width: pixels.info.width, height: pixels.info.height, data: pixels.data });
    expect(variants.hashes.original).toBe(original.hash);
    expect(hammingDistance(variants.hashes.mirrorHorizontal, flippedHash)).toBeLessThanOrEqual(PDQ_MATCH_DISTANCE);
  });

  // One sharp operation per step: sharp reorders rotate and flip within a single pipeline.
  it.each([
    ['rotate90', ['rotate90']],
    ['rotate180', ['rotate180']],
    ['rotate270', ['rotate270']],
    ['mirrorVertical', ['flip']],
    ['mirrorHorizontal', ['flop']],
    ['transpose', ['rotate90', 'flop']],
    ['antiTranspose', ['rotate90', 'flip']],
  ] as const)('predicts the hash of the %s image from the original DCT', async (variant, steps) => {
    // 320 = 64 x 5: an odd box window and centred samples make the downsample exactly symmetric,
    // so the prediction is exact; at other sizes it is off by a fraction of a cell.
    const pixels = texturedPixels(7, 320, 320);
    let image = { width: pixels.width, height: pixels.height, data: Buffer.from(pixels.data) };
    for (const step of steps) {
      const s = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
      const next = step === 'flip' ? s.flip() : step === 'flop' ? s.flop() : s.rotate(Number(step.slice(6)));
      const { data, info } = await next.raw().toBuffer({ resolveWithObject: true });
      image = { width: info.width, height: info.height, data };
    }
    const actual = pdqHash(image).hash;
    const predicted = pdqHashDihedral(pixels).hashes[variant];
    expect(hammingDistance(actual, predicted)).toBeLessThanOrEqual(2);
    expect(hammingDistance(actual, pdqHash(pixels).hash)).toBeGreaterThan(PDQ_MATCH_DISTANCE);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits and rejects malformed hashes', () => {
    expect(hammingDistance('0'.repeat(64), 'f'.repeat(64))).toBe(256);
    expect(hammingDistance('0'.repeat(63) + '1', '0'.repeat(64))).toBe(1);
    expect(hammingDistance('8' + '0'.repeat(63), '0'.repeat(64))).toBe(1);
    expect(() => hammingDistance('abc', '0'.repeat(64))).toThrow(TypeError);
  });
});
