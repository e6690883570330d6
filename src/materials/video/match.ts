// vPDQ's comparison of two videos as Meta's ThreatExchange defines it (vpdq/README.md, and
// match_VPDQ_hash_brute in python-threatexchange): each video a bag of unique frame hashes of good
// quality; the share of query frames with a match in the candidate, the share of candidate frames with
// a match in the query, and a match when both shares reach their thresholds. Frame order is not used.
import { PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY } from '../pdq/index.js';
import { popcount128, toWords, WORDS } from '../banks/index.js';
import type { FrameHash } from './frames.js';

export interface VideoMatchOptions {
  /** Frames this many bits apart or closer match (vPDQ's D). */
  maxDistance?: number;
  /** Default for both share thresholds below. */
  minFrameShare?: number;
  /** vPDQ's P_q: the share of the query's frames that must match (Meta's README example uses 0). */
  minQueryShare?: number;
  /** vPDQ's P_c: the share of the candidate's frames that must match (Meta's README example uses 0.8). */
  minCandidateShare?: number;
  /** vPDQ's F: frames under this PDQ quality are not compared. */
  minQuality?: number;
}

export interface FramePair {
  /** `frame` of the query frame. */
  query: number;
  /** `frame` of its nearest candidate frame (the earliest on a tie). */
  candidate: number;
  distance: number;
}

export interface VideoMatch {
  matched: boolean;
  queryShare: number;
  candidateShare: number;
  /** One per unique query frame that matched, in query order. */
  matchedFrames: FramePair[];
}

/** A video ready to compare: its unique hashes of good quality, in order, packed 8 words each. */
export interface PreparedFrames {
  frames: FrameHash[];
  words: Uint32Array;
}

/** vPDQ's dedupe-then-filter: the first frame of each distinct hash, kept if of quality >= minQuality. */
export function prepareFrames(frames: readonly FrameHash[], minQuality = PDQ_MIN_QUALITY): PreparedFrames {
  const seen = new Set<string>();
  const kept: FrameHash[] = [];
  for (const frame of frames) {
    const hash = frame.hash.toLowerCase();
    if (seen.has(hash)) continue;
    seen.add(hash);
    if (frame.quality >= minQuality) kept.push(frame);
  }
  const words = new Uint32Array(kept.length * WORDS);
  kept.forEach((frame, i) => words.set(toWords(frame.hash), i * WORDS));
  return { frames: kept, words };
}

export interface Thresholds {
  maxDistance: number;
  minQueryShare: number;
  minCandidateShare: number;
  minQuality: number;
}

export function thresholds(options: VideoMatchOptions = {}): Thresholds {
  const { maxDistance = PDQ_MATCH_DISTANCE, minFrameShare = 0.5, minQuality = PDQ_MIN_QUALITY } = options;
  const minQueryShare = options.minQueryShare ?? minFrameShare;
  const minCandidateShare = options.minCandidateShare ?? minFrameShare;
  for (const [name, share] of [['minQueryShare', minQueryShare], ['minCandidateShare', minCandidateShare]] as const) {
    if (!(share >= 0 && share <= 1)) throw new RangeError(`${name} is a share 0..1, not ${share}`);
  }
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 256) throw new RangeError(`maxDistance is an integer 0..256, not ${maxDistance}`);
  return { maxDistance, minQueryShare, minCandidateShare, minQuality };
}

/**
 * Whether both shares reach their thresholds. A video with no frame left to compare matches nothing
 * (the reference divides by zero there).
 */
export function decide(queryShare: number, candidateShare: number, queryFrames: number, candidateFrames: number, t: Thresholds): boolean {
  return queryFrames > 0 && candidateFrames > 0 && queryShare >= t.minQueryShare && candidateShare >= t.minCandidateShare;
}

export function matchVideo(query: readonly FrameHash[], candidate: readonly FrameHash[], options: VideoMatchOptions = {}): VideoMatch {
  const t = thresholds(options);
  const q = prepareFrames(query, t.minQuality);
  const c = prepareFrames(candidate, t.minQuality);
  const nq = q.frames.length;
  const nc = c.frames.length;
  const candidateMatched = new Uint8Array(nc);
  const matchedFrames: FramePair[] = [];
  for (let i = 0; i < nq; i++) {
    let best = -1;
    let bestDistance = t.maxDistance + 1;
    for (let j = 0; j < nc; j++) {
      const d = distanceAt(q.words, i, c.words, j);
      if (d > t.maxDistance) continue;
      candidateMatched[j] = 1;
      if (d < bestDistance) {
        best = j;
        bestDistance = d;
      }
    }
    if (best >= 0) matchedFrames.push({ query: q.frames[i].frame, candidate: c.frames[best].frame, distance: bestDistance });
  }
  const queryShare = nq ? matchedFrames.length / nq : 0;
  const candidateShare = nc ? candidateMatched.reduce((s, m) => s + m, 0) / nc : 0;
  return { matched: decide(queryShare, candidateShare, nq, nc, t), queryShare, candidateShare, matchedFrames };
}

function distanceAt(a: Uint32Array, i: number, b: Uint32Array, j: number): number {
  const x = i * WORDS;
  const y = j * WORDS;
  return (
    popcount128(a[x] ^ b[y], a[x + 1] ^ b[y + 1], a[x + 2] ^ b[y + 2], a[x + 3] ^ b[y + 3]) +
    popcount128(a[x + 4] ^ b[y + 4], a[x + 5] ^ b[y + 5], a[x + 6] ^ b[y + 6], a[x + 7] ^ b[y + 7])
  );
}
