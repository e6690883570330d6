// vPDQ on real videos made with ffmpeg's test sources: a re-encoded copy and a clip match, different
// videos do not. Outside CI these skip, saying why, when ffmpeg is not installed; under CI (CI=true) a
// missing ffmpeg fails the run, since CI must install it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { underCi } from '../../../test/support/services.js';
import { findVideoTools, ToolError } from '../../media/ffmpeg.js';
import { frameHashesOfVideo, matchVideo, VideoBank, type FrameHash } from './index.js';

const tools = await findVideoTools();
const missing = 'ffmpeg and ffprobe are not both installed (apt-get install ffmpeg)';
if (!tools && !underCi()) console.warn(`[skip] ${missing}; the vPDQ video tests are skipped`);

const ffmpeg = (args: string[]) => promisify(execFile)('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);

describe('vPDQ on videos', () => {
  it.runIf(underCi())('finds ffmpeg and ffprobe, which CI must install', () => {
    expect(tools, missing).toBeDefined();
  });

  describe.skipIf(!tools)('with ffmpeg', () => {
    let dir: string;
    const file = (name: string) => path.join(dir, name);
    const hashes: Record<string, FrameHash[]> = {};

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-vpdq-test-'));
      const source = (spec: string, name: string) => ffmpeg(['-f', 'lavfi', '-i', spec, '-t', '6', '-c:v', 'mpeg4', '-q:v', '2', file(name)]);
      await source('testsrc2=size=320x240:rate=5', 'pattern.mp4');
      await source('mandelbrot=size=320x240:rate=5', 'fractal.mp4');
      await source('life=size=320x240:rate=5:mold=10:ratio=0.3', 'life.mp4');
      await source('color=c=gray:size=320x240:rate=5', 'flat.mp4');
      // The same video smaller and at a low bitrate, and seconds 2..5 of it on their own.
      await ffmpeg(['-i', file('pattern.mp4'), '-vf', 'scale=240:180', '-c:v', 'mpeg4', '-b:v', '150k', file('pattern-small.mp4')]);
      await ffmpeg(['-ss', '2', '-i', file('pattern.mp4'), '-t', '3', '-c:v', 'mpeg4', '-q:v', '2', file('pattern-clip.mp4')]);
      await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', file('tone.wav')]);
      for (const name of ['pattern', 'pattern-small', 'pattern-clip', 'fractal', 'life']) hashes[name] = await frameHashesOfVideo(file(`${name}.mp4`), tools!);
    }, 120_000);
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('hashes one frame a second, each of good quality', () => {
      expect(hashes.pattern.map((f) => f.timestamp)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(hashes.pattern.map((f) => f.frame)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const f of hashes.pattern) {
        expect(f.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(f.quality).toBeGreaterThanOrEqual(50);
      }
    });

    it('matches a smaller re-encoded copy, frame by frame', () => {
      const result = matchVideo(hashes['pattern-small'], hashes.pattern);
      expect(result.matched).toBe(true);
      expect(result.queryShare).toBeGreaterThanOrEqual(5 / 6);
      expect(result.candidateShare).toBeGreaterThanOrEqual(5 / 6);
      // The matches are the frames at the same time, not just any frame.
      for (const pair of result.matchedFrames) expect(pair.candidate).toBe(pair.query);
    });

    it('matches a clip: all of the clip is in the video, and it is half of the video', () => {
      const result = matchVideo(hashes['pattern-clip'], hashes.pattern);
      expect(result.queryShare).toBe(1);
      expect(result.candidateShare).toBe(3 / 6); // the clip's 3 seconds of the video's 6
      expect(result.matched).toBe(true);
      expect(matchVideo(hashes['pattern-clip'], hashes.pattern, { minCandidateShare: 0.8 }).matched).toBe(false);
      expect(result.matchedFrames.map((p) => [p.query, p.candidate])).toEqual([
        [0, 2],
        [1, 3],
        [2, 4],
      ]);
    });

    it('does not match different videos', () => {
      for (const [a, b] of [
        ['pattern', 'fractal'],
        ['pattern', 'life'],
        ['fractal', 'life'],
      ]) {
        const result = matchVideo(hashes[a], hashes[b]);
        expect(result.matched, `${a} vs ${b}`).toBe(false);
        expect(result.queryShare, `${a} vs ${b}`).toBe(0);
      }
    });

    it('finds the banked original for the copy and the clip, and nothing for an unbanked video', () => {
      const bank = new VideoBank();
      bank.add(1, hashes.pattern);
      bank.add(2, hashes.fractal);
      bank.add(3, hashes.life);
      expect(bank.query(hashes['pattern-small']).map((m) => m.videoId)).toEqual([1]);
      expect(bank.query(hashes['pattern-clip'])).toEqual([{ videoId: 1, matched: true, queryShare: 1, candidateShare: 0.5 }]);
      bank.remove(1);
      expect(bank.query(hashes['pattern-small'])).toEqual([]);
    });

    it('spreads maxFrames over the whole video', async () => {
      const frames = await frameHashesOfVideo(file('pattern.mp4'), tools!, { maxFrames: 3 });
      expect(frames.map((f) => f.timestamp)).toEqual([0, 2, 4]);
      expect(frames.map((f) => f.hash)).toEqual([0, 2, 4].map((i) => hashes.pattern[i].hash));
    });

    it('drops frames too flat to match on', async () => {
      expect(await frameHashesOfVideo(file('flat.mp4'), tools!)).toEqual([]);
      expect((await frameHashesOfVideo(file('flat.mp4'), tools!, { minQuality: 0 })).length).toBe(6);
    });

    it('refuses audio and files ffmpeg cannot read', async () => {
      await expect(frameHashesOfVideo(file('tone.wav'), tools!)).rejects.toThrow(ToolError);
      fs.writeFileSync(file('junk.mp4'), 'not a video');
      await expect(frameHashesOfVideo(file('junk.mp4'), tools!)).rejects.toThrow();
    });
  });
});
