// From raw bytes to the facts Vigil records and the thumbnails it shows, without storing anything:
// the service stores only what this accepted, so refused bytes leave no trace.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UnsupportedMediaError } from './errors.js';
import type { VideoTools } from './ffmpeg.js';
import { imageSize, makeThumbnails } from './images.js';
import { sniff, type MediaKind, type Recognised } from './sniff.js';

export interface Analysis {
  kind: MediaKind;
  mime: string;
  width: number | null;
  height: number | null;
  durationS: number | null;
  /** Absent for audio, and for video when ffmpeg is not installed or no frame could be extracted. */
  thumbnails?: { clear: Buffer; blurred: Buffer };
}

export const ACCEPTED_FORMATS = 'JPEG, PNG, WebP and GIF images; MP4, QuickTime, WebM, Matroska and Ogg video; MP3, WAV, FLAC, Ogg and M4A audio';

/** When a container turns out to hold only audio, its audio media type. */
const AUDIO_MIME_OF: Record<string, string> = {
  'video/mp4': 'audio/mp4',
  'video/quicktime': 'audio/mp4',
  'video/webm': 'audio/webm',
  'video/x-matroska': 'audio/x-matroska',
  'video/ogg': 'audio/ogg',
};

export async function analyseMedia(bytes: Buffer, declaredMime: string | undefined, videoTools: VideoTools | undefined): Promise<Analysis> {
  const sniffed = sniff(bytes);
  if (!sniffed.accepted) {
    const declared = declaredMime ? ` (sent as ${declaredMime})` : '';
    throw new UnsupportedMediaError(sniffed.detected, `unsupported media: the bytes are ${sniffed.detected}${declared}; accepted are ${ACCEPTED_FORMATS}`);
  }
  const found = sniffed.accepted;
  if (found.kind === 'image') {
    const size = await imageSize(bytes, found.mime);
    return { kind: 'image', mime: found.mime, ...size, durationS: null, thumbnails: await makeThumbnails(bytes, found.mime) };
  }
  // Without ffprobe we can only trust the signature: stored as recognised, with no size, duration or thumbnail.
  if (!videoTools) return { kind: found.kind, mime: found.mime, width: null, height: null, durationS: null };
  return withTempFile(bytes, (file) => analyseAudioVideo(file, found, videoTools));
}

async function analyseAudioVideo(file: string, found: Recognised, tools: VideoTools): Promise<Analysis> {
  let probe;
  try {
    probe = await tools.probe(file);
  } catch (err) {
    throw new UnsupportedMediaError(`${found.mime} that cannot be decoded`, `the bytes start like ${found.mime} but cannot be decoded (${(err as Error).message})`);
  }
  if (!probe.hasVideo && !probe.hasAudio) {
    throw new UnsupportedMediaError(`${found.mime} without audio or video streams`, `the bytes are ${found.mime} but hold no audio or video stream`);
  }
  const audioOnly = found.kind === 'audio' || (found.containerMayBeAudioOnly && !probe.hasVideo);
  if (audioOnly) {
    return { kind: 'audio', mime: AUDIO_MIME_OF[found.mime] ?? found.mime, width: null, height: null, durationS: probe.durationS };
  }
  return { kind: 'video', mime: found.mime, width: probe.width, height: probe.height, durationS: probe.durationS, thumbnails: await videoThumbnails(file, tools, probe.durationS) };
}

/**
 * Thumbnails from a frame a quarter in (at most 10 s), since first frames are often black title cards.
 * A video whose frame cannot be extracted is still accepted (the bytes are what matter); it has no thumbnail.
 */
async function videoThumbnails(file: string, tools: VideoTools, durationS: number | null) {
  try {
    const frame = await tools.frame(file, durationS ? Math.min(durationS / 4, 10) : 0);
    return await makeThumbnails(frame, 'image/png');
  } catch {
    return undefined;
  }
}

/** ffmpeg needs a seekable file (an MP4's index may sit at its end), so the bytes go to a private temp folder. */
async function withTempFile<T>(bytes: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-media-'));
  try {
    const file = path.join(dir, 'input');
    await fs.writeFile(file, bytes);
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
