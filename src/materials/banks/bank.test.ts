// The bank against a reference written apart from it: hex strings compared with the PDQ module's own
// hammingDistance, over random clustered banks, random edits and random radii.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../pdq/index.js';
import { HashBank, linearScan, type BankMatch } from './index.js';
import { fromWords, MAX_DISTANCE, popcount128, popcount32, SUBSTRINGS, toWords } from './bits.js';
import { buildIndex, FILTER_WORDS, type Hits, planProbes, Scratch, searchPlanned, substringRadii } from './multi-index.js';
import { PackedHashes } from './store.js';
import { prng } from '../pdq/texture-fixture.js';

const HEX = '0123456789abcdef';
const randomHex = (rand: () => number) => Array.from({ length: 64 }, () => HEX[Math.floor(rand() * 16)]).join('');

/** The hash with `flips` distinct bits inverted. */
function flipBits(hex: string, flips: number, rand: () => number): string {
  const words = toWords(hex);
  const chosen = new Set<number>();
  while (chosen.size < flips) chosen.add(Math.floor(rand() * 256));
  for (const bit of chosen) words[bit >>> 5] ^= 1 << (bit & 31);
  return fromWords(words);
}

/**
 * The hash with `flips` bits inverted, spread as evenly as possible over the 16 substrings (the extra
 * ones in random substrings): the worst case for multi-index hashing, which is exact only if its
 * per-substring radii still catch a difference this evenly spread.
 */
function spreadBits(hex: string, flips: number, rand: () => number): string {
  const words = toWords(hex);
  const order = Array.from({ length: 16 }, (_, t) => t).sort(() => rand() - 0.5);
  for (let t = 0; t < 16; t++) {
    const inThis = Math.floor(flips / 16) + (order[t] < flips % 16 ? 1 : 0);
    const chosen = new Set<number>();
    while (chosen.size < inThis) chosen.add(Math.floor(rand() * 16));
    for (const b of chosen) {
      const bit = t * 16 + b;
      words[bit >>> 5] ^= 1 << (bit & 31);
    }
  }
  return fromWords(words);
}

/** What any correct bank answers: every entry within r, by distance then id. */
function reference(entries: Map<number, string>, hex: string, r: number): BankMatch[] {
  const out: BankMatch[] = [];
  for (const [id, h] of entries) {
    const distance = hammingDistance(h, hex);
    if (distance <= r) out.push({ id, distance });
  }
  return out.sort((a, b) => a.distance - b.distance || a.id - b.id);
}

describe('bit arithmetic', () => {
  it('counts bits as a bit-by-bit loop does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (x) => {
        let naive = 0;
        for (let b = 0; b < 32; b++) naive += (x >>> b) & 1;
        expect(popcount32(x)).toBe(naive);
      }),
    );
  });

  it('counts the bits of four words together as four single counts do', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(word, word, word, word, (a, b, c, d) => {
        expect(popcount128(a, b, c, d)).toBe(popcount32(a) + popcount32(b) + popcount32(c) + popcount32(d));
      }),
    );
    expect(popcount128(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toBe(128);
  });

  it('round-trips hashes through words and keeps distances', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (s1, s2) => {
        const a = randomHex(prng(s1));
        const b = randomHex(prng(s2));
        expect(fromWords(toWords(a))).toBe(a);
        const wa = toWords(a);
        const wb = toWords(b);
        let d = 0;
        for (let w = 0; w < 8; w++) d += popcount32(wa[w] ^ wb[w]);
        expect(d).toBe(hammingDistance(a, b));
      }),
    );
  });

  // A hash missed by every table differs by more than radii[t] bits in each substring t, so by at least
  // sum(radii[t] + 1) bits: that must exceed r (exact), and equal r + 1 (no wider probe than needed).
  it('splits every radius 0..256 into substring radii that are exactly wide enough', () => {
    for (let r = 0; r <= MAX_DISTANCE; r++) {
      const radii = substringRadii(r);
      expect(radii).toHaveLength(SUBSTRINGS);
      expect(radii.reduce((s, x) => s + x + 1, 0)).toBe(r + 1);
    }
    expect([...substringRadii(31)]).toEqual(new Array(16).fill(1));
    expect([...substringRadii(16)]).toEqual([1, ...new Array(15).fill(0)]);
    expect([...substringRadii(3)]).toEqual([0, 0, 0, 0, ...new Array(12).fill(-1)]);
  });
});

describe('bucket filter', () => {
  // The inline words only give a lower bound of the distance: a candidate whose every differing bit
  // lies in them, exactly r of them, is at distance r and must be kept; one bit more and it is out.
  it('keeps a candidate whose inline words differ by exactly the radius', () => {
    const rand = prng(7);
    for (let t = 0; t < SUBSTRINGS; t++) {
      for (const r of [0, 1, 17, 31, 64]) {
        const banked = toWords(randomHex(rand));
        const store = new PackedHashes();
        store.append(1, banked, 0);
        const index = buildIndex(store.lo, store.hi, store.count);
        const radii = new Int8Array(SUBSTRINGS).fill(-1);
        radii[t] = 0; // only table t is probed, so only its filter decides
        for (const flips of [r, r + 1]) {
          const query = banked.slice();
          const chosen = new Set<number>();
          while (chosen.size < flips) chosen.add(Math.floor(rand() * 96));
          for (const b of chosen) query[FILTER_WORDS[t][b >>> 5]] ^= 1 << (b & 31);
          const scratch = new Scratch();
          const hits: Hits = { slots: [], distances: [] };
          expect(planProbes(index, query, radii, scratch)).toBe(1);
          searchPlanned(index, store.lo, store.hi, store.stamps, 1, query, r, scratch, hits);
          expect(hits).toEqual(flips === r ? { slots: [0], distances: [r] } : { slots: [], distances: [] });
          store.resetStamps();
        }
      }
    }
  });

  it("keeps out of each table's inline words the word its key is cut from", () => {
    for (let t = 0; t < SUBSTRINGS; t++) {
      expect(new Set(FILTER_WORDS[t]).size).toBe(3);
      expect(FILTER_WORDS[t]).not.toContain(t >>> 1);
    }
  });
});

describe('HashBank', () => {
  it('finds identical hashes under every id, nearest first, and forgets removed ids', () => {
    const rand = prng(1);
    const a = randomHex(rand);
    const bank = new HashBank();
    bank.add(3, a);
    bank.add(1, a);
    bank.add(2, flipBits(a, 5, rand));
    bank.add(4, flipBits(a, 32, rand));
    expect(bank.size).toBe(4);
    expect(bank.query(a)).toEqual([
      { id: 1, distance: 0 },
      { id: 3, distance: 0 },
      { id: 2, distance: 5 },
    ]);
    expect(bank.query(a, 32).map((m) => m.id)).toEqual([1, 3, 2, 4]);
    expect(bank.remove(3)).toBe(true);
    expect(bank.remove(3)).toBe(false);
    expect(bank.query(a, 0)).toEqual([{ id: 1, distance: 0 }]);
    expect(bank.size).toBe(3);
  });

  it('re-points an id added again at its new hash', () => {
    const rand = prng(2);
    const [a, b] = [randomHex(rand), randomHex(rand)];
    const bank = new HashBank();
    bank.add(7, a);
    bank.add(7, b);
    expect(bank.size).toBe(1);
    expect(bank.query(a, 0)).toEqual([]);
    expect(bank.query(b, 0)).toEqual([{ id: 7, distance: 0 }]);
  });

  it('refuses malformed hashes, ids and radii', () => {
    const bank = new HashBank();
    expect(() => bank.add(1, 'abc')).toThrow(TypeError);
    expect(() => bank.add(1.5, '0'.repeat(64))).toThrow(TypeError);
    expect(() => bank.query('0'.repeat(64), -1)).toThrow(RangeError);
    expect(() => bank.query('0'.repeat(64), 257)).toThrow(RangeError);
    expect(() => bank.query('0'.repeat(64), 2.5)).toThrow(RangeError);
  });

  it('keeps the best variant per id for a dihedral query', () => {
    const rand = prng(3);
    const original = randomHex(rand);
    const rotated = randomHex(rand);
    const bank = new HashBank();
    bank.add(1, flipBits(rotated, 4, rand));
    bank.add(2, flipBits(original, 9, rand));
    const matches = bank.queryDihedral({ original, rotate90: rotated, rotate180: flipBits(rotated, 2, rand) });
    expect(matches).toEqual([
      { id: 1, distance: 4, variant: 'rotate90' },
      { id: 2, distance: 9, variant: 'original' },
    ]);
  });

  /**
   * Clustered banks as real ones are (a few hundred originals, each with many edited copies of 0..40
   * bits, some exact duplicates), indexed, then edited (new entries unindexed, some removed), queried
   * near banked items, at the radius's edge with the difference spread over all substrings, and at
   * random, at radii 0..64.
   */
  const scenario = fc.record({
    seed: fc.integer(),
    centres: fc.integer({ min: 1, max: 300 }),
    perCentre: fc.integer({ min: 1, max: 30 }),
    added: fc.integer({ min: 0, max: 300 }),
    removedShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    queries: fc.array(
      fc.record({
        kind: fc.constantFrom('near', 'spread', 'random'),
        flips: fc.integer({ min: 0, max: 40 }),
        radius: fc.integer({ min: 0, max: 64 }),
        edge: fc.integer({ min: -1, max: 1 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  });

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

  function run(bank: HashBank, s: Scenario): void {
    const rand = prng(s.seed);
    const entries = new Map<number, string>();
    let nextId = 0;
    const centres = Array.from({ length: s.centres }, () => randomHex(rand));
    const addNear = () => {
      const centre = centres[Math.floor(rand() * centres.length)];
      const hex = rand() < 0.1 ? centre : flipBits(centre, Math.floor(rand() * 41), rand);
      const id = nextId++ * 3 + Math.floor(rand() * 3); // sparse, unordered-looking ids
      bank.add(id, hex);
      entries.set(id, hex);
    };
    for (let i = 0; i < s.centres * s.perCentre; i++) addNear();
    bank.reindex();
    for (let i = 0; i < s.added; i++) addNear();
    for (const id of [...entries.keys()]) {
      if (rand() < s.removedShare) {
        bank.remove(id);
        entries.delete(id);
      }
    }
    expect(bank.size).toBe(entries.size);
    const banked = [...entries.values()];
    for (const q of s.queries) {
      const target = banked[Math.floor(rand() * banked.length)];
      // A spread query sits right at the radius (one bit inside, on, or outside it).
      const hex =
        !target || q.kind === 'random'
          ? randomHex(rand)
          : q.kind === 'near'
            ? flipBits(target, q.flips, rand)
            : spreadBits(target, Math.max(0, q.radius + q.edge), rand);
      const expected = reference(entries, hex, q.radius);
      expect(bank.query(hex, q.radius)).toEqual(expected);
      expect(linearScan(bank, hex, q.radius)).toEqual(expected);
    }
  }

  it('answers exactly as a full comparison does, through the index at every radius', () => {
    fc.assert(
      fc.property(scenario, (s) => run(new HashBank({ scanShare: Infinity, slack: 1 << 30 }), s)),
      { numRuns: 25 },
    );
  });

  it('answers exactly as a full comparison does, with its own choice of index or scan and of rebuilds', () => {
    fc.assert(
      fc.property(scenario, (s) => run(new HashBank({ slack: 64 }), s)),
      { numRuns: 25 },
    );
  });
});
