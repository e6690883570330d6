// Many banked videos' frames in one HashBank, so "which banked videos match this one" costs one bank
// query per query frame instead of a comparison with every video. The answer is the same vPDQ
// comparison as matchVideo, computed from the frame matches the bank returns.
import { HashBank, WORDS, type HashBankOptions } from '../banks/index.js';
import { PDQ_MIN_QUALITY } from '../pdq/index.js';
import type { FrameHash } from './frames.js';
import { decide, prepareFrames, thresholds, type VideoMatchOptions } from './match.js';

export interface BankedVideoMatch {
  videoId: number;
  matched: boolean;
  queryShare: number;
  candidateShare: number;
}

interface Banked {
  entries: number[];
}

export class VideoBank {
  private readonly frames: HashBank;
  /** Banked frame entry id -> its video. */
  private readonly videoOf = new Map<number, number>();
  private readonly videos = new Map<number, Banked>();
  private nextEntry = 0;

  private readonly minQuality: number;

  /** Frames under minQuality are neither banked nor compared (vPDQ's F), here and in every query. */
  constructor(options: { minQuality?: number; bank?: HashBankOptions } = {}) {
    this.minQuality = options.minQuality ?? PDQ_MIN_QUALITY;
    this.frames = new HashBank(options.bank);
  }

  /** Banked videos. */
  get size(): number {
    return this.videos.size;
  }

  /** Banks a video's frames (its unique hashes of good quality); a known id is replaced. */
  add(videoId: number, frames: readonly FrameHash[]): void {
    if (!Number.isSafeInteger(videoId)) throw new TypeError(`video ids are safe integers, not ${videoId}`);
    const prepared = prepareFrames(frames, this.minQuality);
    this.remove(videoId);
    const entries = prepared.frames.map((_, i) => {
      const entry = this.nextEntry++;
      this.frames.addWords(entry, prepared.words, i * WORDS);
      this.videoOf.set(entry, videoId);
      return entry;
    });
    this.videos.set(videoId, { entries });
  }

  remove(videoId: number): boolean {
    const video = this.videos.get(videoId);
    if (!video) return false;
    for (const entry of video.entries) {
      this.frames.remove(entry);
      this.videoOf.delete(entry);
    }
    this.videos.delete(videoId);
    return true;
  }

  /** Banked videos that match the query video, best candidate share first, then query share, then id. */
  query(frames: readonly FrameHash[], options: Omit<VideoMatchOptions, 'minQuality'> = {}): BankedVideoMatch[] {
    return this.compare(frames, options).filter((m) => m.matched);
  }

  /** Every banked video with at least one frame matching a query frame, whether it matches or not. */
  compare(frames: readonly FrameHash[], options: Omit<VideoMatchOptions, 'minQuality'> = {}): BankedVideoMatch[] {
    const t = thresholds({ ...options, minQuality: this.minQuality });
    const query = prepareFrames(frames, this.minQuality);
    const tally = new Map<number, { queryFrames: number; lastQuery: number; entries: Set<number> }>();
    query.frames.forEach((_, i) => {
      for (const { id: entry } of this.frames.queryWords(query.words.subarray(i * WORDS, (i + 1) * WORDS), t.maxDistance)) {
        const videoId = this.videoOf.get(entry)!;
        let seen = tally.get(videoId);
        if (!seen) tally.set(videoId, (seen = { queryFrames: 0, lastQuery: -1, entries: new Set() }));
        if (seen.lastQuery !== i) {
          seen.queryFrames++;
          seen.lastQuery = i;
        }
        seen.entries.add(entry);
      }
    });
    const nq = query.frames.length;
    return [...tally]
      .map(([videoId, seen]) => {
        const nc = this.videos.get(videoId)!.entries.length;
        const queryShare = seen.queryFrames / nq;
        const candidateShare = seen.entries.size / nc;
        return { videoId, matched: decide(queryShare, candidateShare, nq, nc, t), queryShare, candidateShare };
      })
      .sort((a, b) => b.candidateShare - a.candidateShare || b.queryShare - a.queryShare || a.videoId - b.videoId);
  }
}
