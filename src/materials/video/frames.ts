// vPDQ's hash of a video: frames sampled at a fixed rate by the system's ffmpeg, each hashed with PDQ,
// frames too flat to match on dropped. Frames stream through as PPM and are hashed as they arrive.
import { spawn } from 'node:child_process';
import { ToolError, type VideoTools } from '../../media/ffmpeg.js';
import { pdqHash, PDQ_MIN_QUALITY, type RgbPixels } from '../pdq/index.js';
import { PpmSplitter } from './ppm.js';

export interface FrameHash {
  /** Index of the sampled frame (0, 1, ...), before frames of low quality were dropped. */
  frame: number;
  /** Seconds from the start: frame / rate, the rate the frames were sampled at. */
  timestamp: number;
  /** PDQ, 64 hex characters. */
  hash: string;
  /** PDQ quality, 0..100. */
  quality: number;
}

export interface FrameHashOptions {
  /** Frames sampled per second (vPDQ's usual 1). Lowered for long videos so maxFrames covers all of it. */
  fps?: number;
  /** At most this many frames are sampled. */
  maxFrames?: number;
  /** Frames under this PDQ quality are left out. */
  minQuality?: number;
  /** The ffmpeg binary. */
  ffmpeg?: string;
  timeoutMs?: number;
}

/** The same bound decodeForPdq puts on images: PDQ samples down to 64x64, larger buys nothing. */
const MAX_SIDE = 512;

export async function frameHashesOfVideo(file: string, tools: Pick<VideoTools, 'probe'>, options: FrameHashOptions = {}): Promise<FrameHash[]> {
  const { fps = 1, maxFrames = 600, minQuality = PDQ_MIN_QUALITY, ffmpeg = 'ffmpeg', timeoutMs = 300_000 } = options;
  if (!(fps > 0) || !Number.isFinite(fps)) throw new RangeError(`fps must be positive, not ${fps}`);
  if (!Number.isSafeInteger(maxFrames) || maxFrames < 1) throw new RangeError(`maxFrames must be a positive integer, not ${maxFrames}`);
  const probe = await tools.probe(file);
  if (!probe.hasVideo) throw new ToolError('the file has no video stream');
  // Spread the frames over the whole video rather than hash only its beginning; rounded so ffmpeg is
  // given the very rate the timestamps are computed from.
  const rate = Number((probe.durationS ? Math.min(fps, maxFrames / probe.durationS) : fps).toPrecision(6));
  const hashes: FrameHash[] = [];
  let index = 0;
  await streamFrames(ffmpeg, frameArgs(file, rate, maxFrames), timeoutMs, (pixels) => {
    const { hash, quality } = pdqHash(pixels);
    if (quality >= minQuality) hashes.push({ frame: index, timestamp: round3(index / rate), hash, quality });
    index++;
  });
  return hashes;
}

/**
 * ffmpeg's fps filter with round=up keeps, for each instant k / rate, the last frame at or before it:
 * the frame on screen at that instant, so `timestamp` is true and two copies of a video sample the
 * same moments (the default rounding takes a frame up to half an interval later instead).
 */
export function frameArgs(file: string, rate: number, maxFrames: number): string[] {
  const scale = `scale='min(iw,${MAX_SIDE})':'min(ih,${MAX_SIDE})':force_original_aspect_ratio=decrease`;
  return ['-v', 'error', '-nostdin', '-i', file, '-an', '-sn', '-dn', '-vf', `fps=${rate}:round=up,${scale}`, '-frames:v', String(maxFrames), '-f', 'image2pipe', '-vcodec', 'ppm', '-pix_fmt', 'rgb24', '-'];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function streamFrames(command: string, args: string[], timeoutMs: number, onFrame: (pixels: RgbPixels) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const splitter = new PpmSplitter();
    let stderr = '';
    let failure: Error | undefined;
    const stop = (err: Error) => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new ToolError(`${command} took longer than ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      try {
        for (const pixels of splitter.push(chunk)) onFrame(pixels);
      } catch (err) {
        stop(err as Error);
      }
    });
    // Only the head of stderr is kept: it is for the error message.
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new ToolError(`could not run ${command}: ${err.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (!failure && code !== 0) failure = new ToolError(`ffmpeg could not read the video: ${stderr.trim().split('\n')[0] || `exit code ${code}`}`);
      if (!failure) {
        try {
          splitter.end();
        } catch (err) {
          failure = err as Error;
        }
      }
      if (failure) reject(failure);
      else resolve();
    });
  });
}
