// vPDQ comparison on hand-built frame hashes (shares worked out from how the frames were made), against
// a transcription of Meta's reference pseudocode on strings, and VideoBank against matchVideo.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../pdq/index.js';
import { fromWords, toWords } from '../banks/index.js';
import { matchVideo, type VideoMatchOptions } from './match.js';
import { VideoBank } from './video-bank.js';
import type { FrameHash } from './frames.js';
import { prng } from '../pdq/texture-fixture.js';

const randomHash = (rand: () => number) => fromWords(Uint32Array.from({ length: 8 }, () => (rand() * 2 ** 32) >>> 0));

function flip(hash: string, bits: number, rand: () => number): string {
  const words = toWords(hash);
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(rand() * 256));
  for (const bit of chosen) words[bit >>> 5] ^= 1 << (bit & 31);
  return fromWords(words);
}

const video = (hashes: string[], quality = 100): FrameHash[] => hashes.map((hash, frame) => ({ frame, timestamp: frame, hash, quality }));

/**
 * Meta's pseudocode (ThreatExchange vpdq/README.md, "Comparison (Matching) Algorithm") written out
 * as plainly as it reads there: unique frames, quality filter, nested loops with break.
 */
function referenceShares(Q: FrameHash[], C: FrameHash[], D: number, F: number): { q: number; c: number } {
  const unique = (frames: FrameHash[]) => frames.filter((f, i) => frames.findIndex((g) => g.hash === f.hash) === i);
  const q = unique(Q).filter((f) => f.quality >= F);
  const c = unique(C).filter((f) => f.quality >= F);
  let qMatched = 0;
  let cMatched = 0;
  for (const qf of q) {
    for (const cf of c) {
      if (hammingDistance(qf.hash, cf.hash) <= D) {
        qMatched++;
        break;
      }
    }
  }
  for (const cf of c) {
    for (const qf of q) {
      if (hammingDistance(qf.hash, cf.hash) <= D) {
        cMatched++;
        break;
      }
    }
  }
  return { q: q.length ? qMatched / q.length : 0, c: c.length ? cMatched / c.length : 0 };
}

describe('matchVideo', () => {
  const rand = prng(11);
  const [a, b, c, d, e, f] = Array.from({ length: 6 }, () => randomHash(rand));
  // Made to sit at known distances: 10 bits, exactly 31 (in), exactly 32 (out).
  const a10 = flip(a, 10, rand);
  const b31 = flip(b, 31, rand);
  const c32 = flip(c, 32, rand);

  it('counts query and candidate frames with a match within 31 bits, 31 included and 32 not', () => {
    // Unrelated random hashes are ~128 bits apart; the shares below rely on that, so check it.
    for (const [x, y] of [[a, b], [a, d], [d, e], [d, f], [b, f], [c, e]]) expect(hammingDistance(x, y)).toBeGreaterThan(64);
    const result = matchVideo(video([a, b, c, d]), video([a10, b31, c32, e, f]));
    // Query: a and b match, c (32 bits) and d do not: 2 of 4. Candidate: a10 and b31: 2 of 5.
    expect(result.queryShare).toBe(2 / 4);
    expect(result.candidateShare).toBe(2 / 5);
    expect(result.matched).toBe(false); // 0.4 < 0.5
    expect(result.matchedFrames).toEqual([
      { query: 0, candidate: 0, distance: 10 },
      { query: 1, candidate: 1, distance: 31 },
    ]);
    expect(matchVideo(video([a, b, c, d]), video([a10, b31, c32, e, f]), { minCandidateShare: 0.4 }).matched).toBe(true);
    expect(matchVideo(video([a, b, c, d]), video([a10, b31, c32, e, f]), { maxDistance: 32 }).queryShare).toBe(3 / 4);
  });

  it('counts each distinct hash once and leaves out frames of low quality', () => {
    const query = [...video([a, a, a, d]), { frame: 4, timestamp: 4, hash: e, quality: 49 }];
    const result = matchVideo(query, video([a10, f]));
    // Unique good frames of the query: a, d (e is under quality 50): a matches, so 1 of 2.
    expect(result.queryShare).toBe(1 / 2);
    expect(result.candidateShare).toBe(1 / 2);
    expect(result.matched).toBe(true);
  });

  it('matches nothing when a side has no frame left to compare', () => {
    expect(matchVideo(video([a], 10), video([a]))).toEqual({ matched: false, queryShare: 0, candidateShare: 0, matchedFrames: [] });
    expect(matchVideo([], video([a])).matched).toBe(false);
  });

  it('pairs each matched query frame with its nearest candidate frame, the earliest on a tie', () => {
    const [near1, near2] = [flip(a, 3, rand), flip(a, 3, rand)];
    // Frame 2 repeats frame 1 and is dropped; frames 1 and 3 tie at 3 bits.
    const result = matchVideo(video([a]), video([a10, near1, near1, near2]));
    expect(result.matchedFrames).toEqual([{ query: 0, candidate: 1, distance: 3 }]);
    expect(result.candidateShare).toBe(3 / 3);
  });

  it('gives the shares of the reference pseudocode', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 10, max: 50 }), (seed, nq, nc, D) => {
        const r = prng(seed);
        // A few scenes; frames are noisy copies of them (0..40 bits), with repeats and some low quality.
        const scenes = Array.from({ length: 4 }, () => randomHash(r));
        const frames = (n: number) => {
          const out: FrameHash[] = [];
          for (let frame = 0; frame < n; frame++) {
            const repeat = out.length > 0 && r() < 0.2;
            const hash = repeat ? out[Math.floor(r() * out.length)].hash : flip(scenes[Math.floor(r() * 4)], Math.floor(r() * 41), r);
            out.push({ frame, timestamp: frame, hash, quality: r() < 0.15 ? 30 : 90 });
          }
          return out;
        };
        const Q = frames(nq);
        const C = frames(nc);
        const expected = referenceShares(Q, C, D, 50);
        const actual = matchVideo(Q, C, { maxDistance: D });
        expect(actual.queryShare).toBeCloseTo(expected.q, 12);
        expect(actual.candidateShare).toBeCloseTo(expected.c, 12);
        expect(actual.matched).toBe(expected.q >= 0.5 && expected.c >= 0.5 && nq > 0 && nc > 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('VideoBank', () => {
  it('finds the banked videos matchVideo would match, with the same shares', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<VideoMatchOptions>({}, { minQueryShare: 0, minCandidateShare: 0.8 }, { maxDistance: 20, minFrameShare: 0.3 }),
        fc.boolean(),
        (seed, videos, options, indexed) => {
          const r = prng(seed);
          const scenes = Array.from({ length: 10 }, () => randomHash(r));
          const makeVideo = () => video(Array.from({ length: 1 + Math.floor(r() * 10) }, () => flip(scenes[Math.floor(r() * 10)], Math.floor(r() * 40), r)), r() < 0.1 ? 20 : 80);
          // Small banks are scanned; slack 0 makes this one index its frames at every query instead.
          const bank = new VideoBank(indexed ? { bank: { slack: 0 } } : {});
          const banked = new Map<number, FrameHash[]>();
          for (let v = 0; v < videos; v++) {
            const frames = makeVideo();
            banked.set(v * 10, frames);
            bank.add(v * 10, frames);
          }
          // Replace one and remove one, so the bank has forgotten frames too.
          const replaced = makeVideo();
          bank.add(0, replaced);
          banked.set(0, replaced);
          if (videos > 1) {
            bank.remove(10);
            banked.delete(10);
          }
          expect(bank.size).toBe(banked.size);
          const query = makeVideo();
          const expected = [...banked]
            .map(([videoId, frames]) => ({ videoId, result: matchVideo(query, frames, options) }))
            .filter(({ result }) => result.matchedFrames.length > 0)
            .map(({ videoId, result }) => ({ videoId, matched: result.matched, queryShare: result.queryShare, candidateShare: result.candidateShare }))
            .sort((x, y) => y.candidateShare - x.candidateShare || y.queryShare - x.queryShare || x.videoId - y.videoId);
          expect(bank.compare(query, options)).toEqual(expected);
          expect(bank.query(query, options)).toEqual(expected.filter((m) => m.matched));
        },
      ),
      { numRuns: 150 },
    );
  });
});
