// Real media generated for tests (sharp for images, a hand-written WAV, ffmpeg's test source for video)
// and the pixel measures the blur tests use. Only tests import this.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

/**
 * A 640×480 image full of edges: a checkerboard of 16 px squares in shifting colours, crossed by thin
 * diagonal stripes, so a blurred copy is easy to tell from a sharp one.
 */
export function texturedRaw(width = 640, height = 480): { data: Buffer; width: number; height: number } {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dark = ((x >> 4) + (y >> 4)) % 2 === 0;
      const stripe = (x + y) % 24 < 3;
      const i = (y * width + x) * 3;
      data[i] = stripe ? 255 : dark ? 20 : 230;
      data[i + 1] = stripe ? 0 : dark ? (x * 255) / width : 200;
      data[i + 2] = stripe ? 0 : dark ? (y * 255) / height : 40;
    }
  }
  return { data, width, height };
}

export async function texturedImage(format: 'png' | 'jpeg' | 'webp' | 'gif', width = 640, height = 480): Promise<Buffer> {
  const raw = texturedRaw(width, height);
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

/** A valid PCM WAV file: `seconds` of a 440 Hz tone, 8 kHz mono 16-bit. */
export function wavBytes(seconds = 1): Buffer {
  const rate = 8000;
  const samples = Math.round(seconds * rate);
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) out.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return out;
}

/** Bytes with an MP4 signature and nothing decodable behind it. */
export function mp4SignatureOnly(): Buffer {
  return Buffer.concat([Buffer.from('00000018667479706973736f6d0000020069736f6d', 'hex'), Buffer.from('isom'), Buffer.alloc(64, 7)]);
}

/** A 2-second 160×120 MP4 of ffmpeg's test pattern with a tone, made by the system's ffmpeg. */
export function tinyVideo(): Promise<Buffer> {
  return withFfmpeg('clip.mp4', [
    ...['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'],
    ...['-c:v', 'mpeg4', '-c:a', 'aac', '-shortest'],
  ]);
}

/** A 1-second MP4 holding only an AAC tone: the same container as video, but audio. */
export function audioOnlyMp4(): Promise<Buffer> {
  return withFfmpeg('tone.mp4', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac']);
}

async function withFfmpeg(name: string, args: string[]): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-media-fixture-'));
  try {
    const file = path.join(dir, name);
    await promisify(execFile)('ffmpeg', ['-v', 'error', '-nostdin', ...args, file]);
    return await fs.readFile(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function grey(image: Buffer, size?: { width: number; height: number }) {
  const { data, info } = await sharp(image)
    .resize(size ? { width: size.width, height: size.height, fit: 'fill' } : undefined)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean absolute difference between horizontally and vertically neighbouring pixels (0-255): how much edge there is. */
export async function edgeEnergy(image: Buffer): Promise<number> {
  const { data, width, height } = await grey(image);
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height - 1; y++) {
    for (let x = 0; x < width - 1; x++) {
      const p = data[y * width + x];
      sum += Math.abs(p - data[y * width + x + 1]) + Math.abs(p - data[(y + 1) * width + x]);
      n += 2;
    }
  }
  return sum / n;
}

/** The largest grey-level step between neighbouring pixels (0-255): how sharp the sharpest edge still is. */
export async function steepestStep(image: Buffer): Promise<number> {
  const { data, width, height } = await grey(image);
  let max = 0;
  for (let y = 0; y < height - 1; y++) {
    for (let x = 0; x < width - 1; x++) {
      const p = data[y * width + x];
      max = Math.max(max, Math.abs(p - data[y * width + x + 1]), Math.abs(p - data[(y + 1) * width + x]));
    }
  }
  return max;
}

/** Mean absolute difference of grey levels (0-255) between two images, the second scaled to the first's size. */
export async function meanAbsoluteDifference(a: Buffer, b: Buffer): Promise<number> {
  const first = await grey(a);
  const second = await grey(b, first);
  let sum = 0;
  for (let i = 0; i < first.data.length; i++) sum += Math.abs(first.data[i] - second.data[i]);
  return sum / first.data.length;
}

/** Every file under `dir`, relative paths (for "nothing was written" checks). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
