// Audio and video through the system's ffmpeg/ffprobe. Outside CI these skip, saying why, when ffmpeg is
// not installed; under CI (CI=true) a missing ffmpeg fails the run, since CI must install it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase, testDatabase } from '../../test/support/db.js';
import { underCi } from '../../test/support/services.js';
import type { Database } from '../store/database.js';
import { UnsupportedMediaError } from './errors.js';
import { findVideoTools } from './ffmpeg.js';
import { createMediaService, type MediaService } from './service.js';
import { createDirectoryMediaStore } from './store.js';
import { audioOnlyMp4, filesUnder, mp4SignatureOnly, steepestStep, tinyVideo, wavBytes } from './test-fixtures.js';

const tools = await findVideoTools();
const missing = 'ffmpeg and ffprobe are not both installed (apt-get install ffmpeg)';
if (!tools && !underCi()) console.warn(`[skip] ${missing}; the video and audio probing tests are skipped`);

describe('media with ffmpeg', () => {
  it.runIf(underCi())('finds ffmpeg and ffprobe, which CI must install', () => {
    expect(tools, missing).toBeDefined();
  });

  describe.skipIf(!tools)('when installed', () => {
    let database: Database;
    let root: string;
    let media: MediaService;

    beforeAll(async () => {
      database = await testDatabase('pglite');
    });
    afterAll(() => database.close());
    beforeEach(async () => {
      await resetDatabase(database.db);
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-video-test-'));
      media = createMediaService({ db: database.db, store: createDirectoryMediaStore(root), clock: () => new Date(), videoTools: tools });
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('reads size and duration of a video and thumbnails one of its frames, clear and blurred', async () => {
      const { media: record } = await media.putBytes(await tinyVideo());
      expect(record).toMatchObject({ kind: 'video', mime: 'video/mp4', width: 160, height: 120, stored: true, thumbnail: true });
      expect(record.duration_s).toBeCloseTo(2, 1);
      const clear = (await media.thumbnail(record.sha256, 'clear'))!;
      const blurred = (await media.thumbnail(record.sha256, 'blurred'))!;
      expect(await sharp(clear).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
      expect(await sharp(blurred).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
      // The test pattern's colour bars meet in hard edges in the frame; the blurred thumbnail smears them out.
      expect(await steepestStep(clear)).toBeGreaterThan(100);
      expect(await steepestStep(blurred)).toBeLessThanOrEqual(12);
    });

    it('reads the duration of audio and makes no thumbnail for it', async () => {
      const { media: record } = await media.putBytes(wavBytes(1));
      expect(record).toMatchObject({ kind: 'audio', mime: 'audio/wav', thumbnail: false });
      expect(record.duration_s).toBeCloseTo(1, 2);
    });

    it('calls an MP4 that holds only audio audio', async () => {
      const { media: record } = await media.putBytes(await audioOnlyMp4());
      expect(record).toMatchObject({ kind: 'audio', mime: 'audio/mp4', width: null, height: null, thumbnail: false });
      expect(record.duration_s).toBeCloseTo(1, 1);
    });

    it('refuses bytes with a video signature that ffprobe cannot read, and writes nothing', async () => {
      const attempt = media.putBytes(mp4SignatureOnly());
      await expect(attempt).rejects.toThrow(UnsupportedMediaError);
      await expect(attempt).rejects.toThrow(/video\/mp4 but cannot be decoded \(ffprobe could not read it/);
      expect(await database.db.selectFrom('media').select('sha256').execute()).toEqual([]);
      expect(await filesUnder(root)).toEqual([]);
    });
  });
});
