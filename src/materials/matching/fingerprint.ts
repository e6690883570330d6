// Perceptual fingerprints of media as it arrives: an image's PDQ hash with its 8 rotations and
// mirrorings, a video's frame hashes (one frame a second, through ffmpeg). Stored with the media row, so
// every later event that shows the media is matched against the image and video banks.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { VideoTools } from '../../media/index.js';
import { DIHEDRAL_VARIANTS, pdqHashImageDihedral } from '../pdq/index.js';
import { frameHashesOfVideo } from '../video/index.js';

export interface Fingerprint {
  pdq?: string;
  pdq_quality?: number;
  pdq_dihedral?: string[];
  frame_pdq?: string[];
}

export async function fingerprintMedia(bytes: Buffer, kind: string, videoTools: () => Promise<VideoTools | undefined>): Promise<Fingerprint | undefined> {
  if (kind === 'image') {
    const { hashes, quality } = await pdqHashImageDihedral(bytes);
    return { pdq: hashes.original, pdq_quality: quality, pdq_dihedral: DIHEDRAL_VARIANTS.map((v) => hashes[v]) };
  }
  if (kind !== 'video') return undefined;
  const tools = await videoTools();
  if (!tools) return undefined;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-frames-'));
  try {
    const file = path.join(dir, 'video');
    await fs.writeFile(file, bytes);
    const frames = await frameHashesOfVideo(file, tools);
    return { frame_pdq: frames.map((f) => f.hash) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
