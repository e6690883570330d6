// The media service on both backends: hashing, storing, thumbnails and their blur, idempotency, references,
// and refusals that leave no trace. Video with ffmpeg is in video.test.ts.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../test/support/db.js';
import type { Database } from '../store/database.js';
import { InvalidMediaError, UnsupportedMediaError } from './errors.js';
import { createMediaService, type MediaService } from './service.js';
import { createDirectoryMediaStore } from './store.js';
import { edgeEnergy, filesUnder, meanAbsoluteDifference, mp4SignatureOnly, steepestStep, texturedImage, wavBytes } from './test-fixtures.js';

const hex = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');

describeEachBackend('media service', (backend) => {
  let database: Database;
  let root: string;
  let media: MediaService;
  let now: number;
  const clock = () => new Date(now);

  beforeAll(async () => {
    database = await testDatabase(backend);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await resetDatabase(database.db);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-media-test-'));
    now = Date.parse('2026-03-01T12:00:00Z');
    // No ffmpeg here, whatever the machine has: video with ffmpeg is covered in video.test.ts.
    media = createMediaService({ db: database.db, store: createDirectoryMediaStore(root), clock, videoTools: null });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const rowCount = async () => (await database.db.selectFrom('media').select('sha256').execute()).length;

  it('stores an image under its SHA-256, with MD5, size, dimensions and both thumbnails', async () => {
    const png = await texturedImage('png');
    const { media: record, created } = await media.putBytes(png, 'image/png');
    expect(created).toBe(true);
    expect(record).toEqual({
      sha256: hex('sha256', png),
      md5: hex('md5', png),
      kind: 'image',
      mime: 'image/png',
      size_bytes: png.length,
      width: 640,
      height: 480,
      duration_s: null,
      source_url: null,
      stored: true,
      thumbnail: true,
      created_at: new Date('2026-03-01T12:00:00Z'),
    });
    expect((await media.bytes(record.sha256))?.equals(png)).toBe(true);
    expect(await media.get(record.sha256)).toEqual(record);
  });

  it('trusts the bytes, not the declared type, for every accepted image format', async () => {
    for (const [format, mime] of [['jpeg', 'image/jpeg'], ['webp', 'image/webp'], ['gif', 'image/gif']] as const) {
      const { media: record } = await media.putBytes(await texturedImage(format, 200, 100), 'application/octet-stream');
      expect(record, format).toMatchObject({ kind: 'image', mime, width: 200, height: 100, thumbnail: true });
    }
  });

  it('makes a clear JPEG thumbnail of at most 320 px, keeping the aspect ratio', async () => {
    const { media: record } = await media.putBytes(await texturedImage('png'));
    const clear = (await media.thumbnail(record.sha256, 'clear'))!;
    expect(await sharp(clear).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    // Clear means clear: the checkerboard's edges survive.
    expect(await edgeEnergy(clear)).toBeGreaterThan(15);
  });

  it('does not enlarge small images into their thumbnails', async () => {
    const { media: record } = await media.putBytes(await texturedImage('png', 40, 30));
    expect(await sharp((await media.thumbnail(record.sha256, 'clear'))!).metadata()).toMatchObject({ width: 40, height: 30 });
  });

  it('blurs the blurred thumbnail until the texture is gone', async () => {
    const { media: record } = await media.putBytes(await texturedImage('png'));
    const clear = (await media.thumbnail(record.sha256, 'clear'))!;
    const blurred = (await media.thumbnail(record.sha256, 'blurred'))!;
    expect(await sharp(blurred).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect(await meanAbsoluteDifference(clear, blurred)).toBeGreaterThan(20);
    // Less than 2% of the clear thumbnail's edge energy remains (a light sigma-5 blur leaves about 3%).
    expect((await edgeEnergy(blurred)) / (await edgeEnergy(clear))).toBeLessThan(0.02);
  });

  it('blurs so hard that even one large hard edge is smeared over tens of pixels', async () => {
    // A white bar on black: its edges are one-pixel jumps of 255 grey levels in the clear thumbnail.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="640"><rect width="640" height="640"/><rect x="200" y="100" width="240" height="440" fill="white"/></svg>`;
    const { media: record } = await media.putBytes(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(await steepestStep((await media.thumbnail(record.sha256, 'clear'))!)).toBeGreaterThan(200);
    // Sigma 20 leaves steps of about 9; sigma 10 would leave about 14, sigma 2 about 59.
    expect(await steepestStep((await media.thumbnail(record.sha256, 'blurred'))!)).toBeLessThanOrEqual(12);
  });

  it('is idempotent: the same bytes again give the same record, one row and no new files', async () => {
    const png = await texturedImage('png');
    const first = await media.putBytes(png);
    const files = await filesUnder(root);
    now += 60_000;
    const second = await media.putBytes(png, 'image/png');
    expect(second).toEqual({ media: first.media, created: false });
    expect(await rowCount()).toBe(1);
    expect(await filesUnder(root)).toEqual(files);
    expect(files).toHaveLength(3); // original, clear and blurred thumbnails
  });

  it('restores the bytes when the same media is sent again after its file went missing', async () => {
    const png = await texturedImage('png', 64, 64);
    const { media: record } = await media.putBytes(png);
    const store = createDirectoryMediaStore(root);
    await store.delete!(record.sha256);
    expect(await media.bytes(record.sha256)).toBeUndefined();
    expect((await media.putBytes(png)).created).toBe(false);
    expect((await media.bytes(record.sha256))?.equals(png)).toBe(true);
  });

  it('refuses bytes that are not media, naming what they are, and writes nothing', async () => {
    const refusals: [Buffer, string | undefined, RegExp][] = [
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf', /the bytes are pdf document \(application\/pdf\) \(sent as application\/pdf\)/],
      [Buffer.from([0x00, 0x13, 0x37, 0x42, 0x05, 0x99]), undefined, /unknown binary data \(first bytes 00 13 37 42 05 99\)/],
      [Buffer.from('just some text'), 'image/png', /plain text \(sent as image\/png\)/],
    ];
    for (const [input, declared, message] of refusals) {
      const attempt = media.putBytes(input, declared);
      await expect(attempt).rejects.toThrow(UnsupportedMediaError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(await rowCount()).toBe(0);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses an image that starts right but cannot be decoded (truncated), and writes nothing', async () => {
    const png = await texturedImage('png');
    const attempt = media.putBytes(png.subarray(0, png.length / 2));
    await expect(attempt).rejects.toThrow(UnsupportedMediaError);
    await expect(attempt).rejects.toThrow(/image\/png but cannot be decoded/);
    expect(await rowCount()).toBe(0);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses an empty body', async () => {
    await expect(media.putBytes(Buffer.alloc(0))).rejects.toThrow(InvalidMediaError);
    expect(await rowCount()).toBe(0);
  });

  it('stores audio without a thumbnail', async () => {
    const { media: record } = await media.putBytes(wavBytes(1), 'audio/x-wav');
    expect(record).toMatchObject({ kind: 'audio', mime: 'audio/wav', width: null, height: null, stored: true, thumbnail: false });
    expect(await media.thumbnail(record.sha256, 'blurred')).toBeUndefined();
  });

  it('stores video without ffmpeg, saying it has no thumbnail, instead of failing', async () => {
    const bytes = mp4SignatureOnly();
    const { media: record, created } = await media.putBytes(bytes);
    expect(created).toBe(true);
    expect(record).toMatchObject({ kind: 'video', mime: 'video/mp4', stored: true, thumbnail: false, duration_s: null });
    expect((await media.bytes(record.sha256))?.equals(bytes)).toBe(true);
  });

  it('records a reference without bytes, once', async () => {
    const sha256 = 'a'.repeat(64);
    const first = await media.putReference({ url: 'https://cdn.example.com/x.jpg', sha256, kind: 'image' });
    expect(first.created).toBe(true);
    expect(first.media).toMatchObject({ sha256, kind: 'image', stored: false, thumbnail: false, source_url: 'https://cdn.example.com/x.jpg', mime: null, md5: null });
    expect(await media.bytes(sha256)).toBeUndefined();
    expect(await media.thumbnail(sha256, 'blurred')).toBeUndefined();
    const again = await media.putReference({ url: 'https://elsewhere.example/y.jpg', sha256, kind: 'image' });
    expect(again).toEqual({ media: first.media, created: false });
  });

  it('upgrades a reference when its bytes arrive, keeping where it was seen and when', async () => {
    const png = await texturedImage('png', 64, 48);
    const sha256 = hex('sha256', png);
    await media.putReference({ url: 'https://cdn.example.com/p.png', sha256, kind: 'video' });
    now += 3_600_000;
    const { media: record, created } = await media.putBytes(png);
    expect(created).toBe(true);
    expect(record).toMatchObject({ kind: 'image', mime: 'image/png', stored: true, thumbnail: true, width: 64, source_url: 'https://cdn.example.com/p.png' });
    expect(record.created_at).toEqual(new Date('2026-03-01T12:00:00Z'));
  });

  it('leaves stored media alone when a reference to it arrives', async () => {
    const { media: stored } = await media.putBytes(await texturedImage('png', 32, 32));
    const result = await media.putReference({ url: 'https://cdn.example.com/p.png', sha256: stored.sha256, kind: 'audio' });
    expect(result).toEqual({ media: stored, created: false });
  });

  it('refuses malformed references and records nothing', async () => {
    const good = { url: 'https://cdn.example.com/x.jpg', sha256: 'b'.repeat(64), kind: 'image' as const };
    const bad: [object, RegExp][] = [
      [{ sha256: 'B'.repeat(64) }, /sha256 must be 64 lower-case hexadecimal digits/],
      [{ sha256: 'b'.repeat(63) }, /sha256/],
      [{ kind: 'document' }, /kind must be one of image, video, audio/],
      [{ url: 'ftp://example.com/x' }, /url must be http or https, not ftp/],
      [{ url: 'not a url' }, /not an absolute URL/],
      [{ url: `https://example.com/${'x'.repeat(2000)}` }, /at most 2000 characters/],
    ];
    for (const [change, message] of bad) {
      await expect(media.putReference({ ...good, ...change } as typeof good), String(message)).rejects.toThrow(message);
    }
    expect(await rowCount()).toBe(0);
  });

  it('describes known media in the order asked, leaving out unknown and malformed hashes', async () => {
    const { media: image } = await media.putBytes(await texturedImage('png', 30, 20));
    const { media: audio } = await media.putBytes(wavBytes(0.1));
    const ref = 'c'.repeat(64);
    await media.putReference({ url: 'https://x.example/v.mp4', sha256: ref, kind: 'video' });
    const described = await media.describe([audio.sha256, 'd'.repeat(64), 'nonsense', ref, image.sha256, audio.sha256]);
    expect(described).toEqual([
      { sha256: audio.sha256, kind: 'audio', mime: 'audio/wav', width: null, height: null, thumbnail: false },
      { sha256: ref, kind: 'video', mime: null, width: null, height: null, thumbnail: false },
      { sha256: image.sha256, kind: 'image', mime: 'image/png', width: 30, height: 20, thumbnail: true },
    ]);
    expect(await media.describe([])).toEqual([]);
  });
});
