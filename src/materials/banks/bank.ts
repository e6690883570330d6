// HashBank: PDQ hashes held in memory, searched by Hamming radius through a multi-index that returns
// exactly what a full scan would. Writes append cheaply; the index is rebuilt lazily, by the query
// that finds enough entries added or removed since the last build.
import { DIHEDRAL_VARIANTS, type DihedralVariant } from '../pdq/index.js';
import { MAX_DISTANCE, toWords, WORDS } from './bits.js';
import { buildIndex, EMPTY_INDEX, type Hits, type MultiIndex, planProbes, Scratch, searchPlanned, substringRadii } from './multi-index.js';
import { scanRange } from './linear.js';
import { DEAD, PackedHashes } from './store.js';

export interface BankMatch {
  id: number;
  distance: number;
}

export interface DihedralMatch extends BankMatch {
  /** Which of the query's variants came closest (the first in DIHEDRAL_VARIANTS order on a tie). */
  variant: DihedralVariant;
}

export interface HashBankOptions {
  /**
   * Scan instead of probing when the probed buckets hold more than this share of the indexed slots:
   * a probed entry costs a read of its bucket and, when its inline words do not reject it (most do up
   * to radius ~31, few at wide radii), a random memory access; a scanned one a sequential read. The
   * default is where the two took the same time on 1M clustered hashes (radius ~56), measured before
   * buckets carried inline words. Tests set Infinity to force the index at every radius.
   */
  scanShare?: number;
  /** Unindexed or removed entries tolerated before a query rebuilds (at least; it also scales with size). */
  slack?: number;
}

const RADII = Array.from({ length: MAX_DISTANCE + 1 }, (_, r) => substringRadii(r));

export class HashBank {
  private readonly store = new PackedHashes();
  private index: MultiIndex = EMPTY_INDEX;
  private readonly scratch = new Scratch();
  private epoch = 0;
  private readonly scanShare: number;
  private readonly slack: number;

  constructor(options: HashBankOptions = {}) {
    this.scanShare = options.scanShare ?? 0.12;
    this.slack = options.slack ?? 4096;
  }

  get size(): number {
    return this.store.live;
  }

  has(id: number): boolean {
    return this.store.slotOf.has(id);
  }

  /** Adds an entry; an id already present is re-pointed at the new hash. Ids are safe integers. */
  add(id: number, hashHex: string): void {
    this.addWords(id, toWords(hashHex));
  }

  /** As add, for a hash already in words: the 8 at `words[offset..]`. */
  addWords(id: number, words: Uint32Array, offset = 0): void {
    if (!Number.isSafeInteger(id)) throw new TypeError(`bank ids are safe integers, not ${id}`);
    if (offset < 0 || offset + WORDS > words.length) throw new RangeError('a hash is 8 words');
    this.store.kill(id);
    this.store.append(id, words, offset);
  }

  /** False when the id was not in the bank. */
  remove(id: number): boolean {
    return this.store.kill(id);
  }

  /** Compacts and indexes every entry now (queries do this themselves once enough has changed). */
  reindex(): void {
    if (this.store.count > this.store.live) this.store.compact();
    this.index = EMPTY_INDEX; // the old tables can be collected while the new ones are built
    this.index = buildIndex(this.store.lo, this.store.hi, this.store.count);
  }

  /** Entries within maxDistance bits of the hash, nearest first, then by id. */
  query(hashHex: string, maxDistance = 31): BankMatch[] {
    return this.queryWords(toWords(hashHex), maxDistance);
  }

  /** As query, for a hash already in words (see bits.toWords): no string work per call. */
  queryWords(query: Uint32Array, maxDistance = 31): BankMatch[] {
    checkRadius(maxDistance);
    this.refresh();
    const hits: Hits = { slots: [], distances: [] };
    const { index, store, scratch } = this;
    const { lo, hi, stamps } = store;
    if (index.indexed > 0) {
      const volume = planProbes(index, query, RADII[maxDistance], scratch);
      if (volume > index.indexed * this.scanShare) scanRange(lo, hi, stamps, 0, index.indexed, query, maxDistance, hits);
      else searchPlanned(index, lo, hi, stamps, this.nextEpoch(), query, maxDistance, scratch, hits);
    }
    scanRange(lo, hi, stamps, index.indexed, store.count, query, maxDistance, hits);
    return this.sorted(hits);
  }

  /** The reference: every entry compared, no index. Same answer as query, by construction slower. */
  linearScan(hashHex: string, maxDistance = 31): BankMatch[] {
    checkRadius(maxDistance);
    const hits: Hits = { slots: [], distances: [] };
    const { lo, hi, stamps, count } = this.store;
    scanRange(lo, hi, stamps, 0, count, toWords(hashHex), maxDistance, hits);
    return this.sorted(hits);
  }

  /** For a query's 8 rotations and mirrorings (pdqHashDihedral): each entry once, at its best distance. */
  queryDihedral(hashes: Partial<Record<DihedralVariant, string>>, maxDistance = 31): DihedralMatch[] {
    const best = new Map<number, DihedralMatch>();
    for (const variant of DIHEDRAL_VARIANTS) {
      const hash = hashes[variant];
      if (hash === undefined) continue;
      for (const { id, distance } of this.query(hash, maxDistance)) {
        const seen = best.get(id);
        if (!seen || distance < seen.distance) best.set(id, { id, distance, variant });
      }
    }
    return [...best.values()].sort(byDistanceThenId);
  }

  private refresh(): void {
    const { count, live } = this.store;
    const pending = count - this.index.indexed;
    const tolerated = Math.max(this.slack, count >>> 3);
    if (pending > tolerated || count - live > Math.max(this.slack, count >>> 2)) this.reindex();
  }

  private nextEpoch(): number {
    if (++this.epoch >= DEAD) {
      this.store.resetStamps();
      this.epoch = 1;
    }
    return this.epoch;
  }

  private sorted(hits: Hits): BankMatch[] {
    const ids = this.store.ids;
    return hits.slots.map((slot, i) => ({ id: ids[slot], distance: hits.distances[i] })).sort(byDistanceThenId);
  }
}

/** Every entry of `bank` within maxDistance of the hash, by full scan: the reference query must equal. */
export const linearScan = (bank: HashBank, hashHex: string, maxDistance = 31): BankMatch[] => bank.linearScan(hashHex, maxDistance);

const byDistanceThenId = (a: BankMatch, b: BankMatch) => a.distance - b.distance || a.id - b.id;

function checkRadius(r: number): void {
  if (!Number.isInteger(r) || r < 0 || r > MAX_DISTANCE) throw new RangeError(`maxDistance is an integer 0..${MAX_DISTANCE}, not ${r}`);
}
