// Video and audio travel as references (a URL and the SHA-256 of the file) rather than bytes: a few
// fixed known-bad files are re-uploaded by bad actors, so exact-hash lists have something to find.
import { sha256Hex } from './images.js';
import type { SimPolicy } from '../vocabulary/languages.js';

export interface MediaReference {
  sha256: string;
  kind: 'video' | 'audio';
  url: string;
}

const MEDIA_HOST = 'https://media.vigil-sim.invalid';

export function mediaReference(kind: 'video' | 'audio', uniqueName: string): MediaReference {
  const sha256 = sha256Hex(`vigil-simulate:${kind}:${uniqueName}`);
  return { sha256, kind, url: `${MEDIA_HOST}/${kind}/${sha256}.${kind === 'video' ? 'mp4' : 'm4a'}` };
}

export interface KnownBadVideo extends MediaReference {
  id: string;
  policy: SimPolicy;
}

const KNOWN_BAD_VIDEO_POLICIES: readonly SimPolicy[] = ['violence', 'minor_safety', 'adult', 'hate', 'self_harm', 'violence'];

/** The same in every run, so a material package can list their hashes. */
export const KNOWN_BAD_VIDEOS: readonly KnownBadVideo[] = KNOWN_BAD_VIDEO_POLICIES.map((policy, i) => ({
  ...mediaReference('video', `known-bad-${i + 1}`),
  id: `known-bad-video-${String(i + 1).padStart(2, '0')}`,
  policy,
}));
