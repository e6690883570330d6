// One counter key in memory: its observations in (time, seq) order, and a running aggregate over the
// index range [lo, hi) that the last read asked for. A read moves the two ends to its own window, so an
// in-order stream pays for the few entries that enter or leave, never for the whole window; a late event
// pays for the distance the ends travel (or a fresh build of its window, when that is shorter).
import { addExact, roundExact } from './exact-sum.js';
import type { CounterAggregate } from './counter-store.js';

/** Entries pruned from the front are dropped from the arrays once they are this many and half of them. */
const COMPACT_AT = 1024;

// Shared stand-ins for the fields an aggregate does not use; never written to.
const NONE_NUMBERS: number[] = [];
const NONE_STRINGS: string[] = [];
const NONE_COUNTS = new Map<string, number>();

export class Series {
  /** Times, seqs and (sum) values or (distinct) items, index-aligned; entries before `head` are pruned. */
  // (A store may hold millions of keys, most with a handful of entries: only what the aggregate uses is allocated.)
  t: number[] = [];
  s: number[] = [];
  v: number[];
  items: string[];
  head = 0;
  private lo = 0;
  private hi = 0;
  /** Sum: the running window's exact sum. */
  private partials: number[];
  /** Distinct: multiplicity of each item in the running window. */
  private readonly counts: Map<string, number>;
  maxT = -Infinity;
  maxSeq = -Infinity;
  private readonly isSum: boolean;
  private readonly isDistinct: boolean;

  constructor(
    readonly aggregate: CounterAggregate,
    readonly windowMs: number,
  ) {
    this.isSum = aggregate === 'sum';
    this.isDistinct = aggregate === 'distinct';
    this.v = this.isSum ? [] : NONE_NUMBERS;
    this.partials = this.isSum ? [] : NONE_NUMBERS;
    this.items = this.isDistinct ? [] : NONE_STRINGS;
    this.counts = this.isDistinct ? new Map() : NONE_COUNTS;
  }

  get size(): number {
    return this.t.length - this.head;
  }

  /** The aggregate over entries with seq < seq and time in (timeMs − windowMs, timeMs]; leaves the running range on that window. */
  read(timeMs: number, seq: number): number {
    this.moveTo(timeMs - this.windowMs, timeMs);
    if (seq > this.maxSeq) return this.running();
    return this.runningBefore(seq);
  }

  /**
   * Records an observation after `read(timeMs, seq)` (the running range is its window, where the new entry
   * belongs). Nothing happens for a (time, seq) already held, or for an entry pruning would drop at once.
   */
  record(timeMs: number, seq: number, value: number, item: string, lateness: number): void {
    if (timeMs <= this.maxT - this.windowMs - lateness) return;
    const T = this.t;
    const S = this.s;
    // Entries after (timeMs, seq) in the window share its time: look back over those only.
    let p = this.hi;
    while (p > this.lo && T[p - 1] === timeMs && S[p - 1] >= seq) {
      if (S[p - 1] === seq) return;
      p--;
    }
    if (p === T.length) {
      T.push(timeMs);
      S.push(seq);
      if (this.isSum) this.v.push(value);
      else if (this.isDistinct) this.items.push(item);
    } else {
      T.splice(p, 0, timeMs);
      S.splice(p, 0, seq);
      if (this.isSum) this.v.splice(p, 0, value);
      else if (this.isDistinct) this.items.splice(p, 0, item);
    }
    this.hi++;
    this.include(p);
    if (seq > this.maxSeq) this.maxSeq = seq;
    if (timeMs > this.maxT) {
      this.maxT = timeMs;
      this.prune(timeMs - this.windowMs - lateness);
    }
  }

  /** Rebuilds from a snapshot's entries (already in order); the running range starts empty. */
  static from(aggregate: CounterAggregate, windowMs: number, maxT: number, maxSeq: number, t: number[], s: number[], v: number[], items: string[]): Series {
    const series = new Series(aggregate, windowMs);
    series.t = t;
    series.s = s;
    series.v = v;
    series.items = items;
    series.maxT = maxT;
    series.maxSeq = maxSeq;
    return series;
  }

  private moveTo(from: number, to: number): void {
    const T = this.t;
    const n = T.length;
    let lo = this.lo;
    let hi = this.hi;
    if (!this.isSum && !this.isDistinct) {
      // A count is the range's length: only the ends matter, and they are found without visiting what lies between.
      this.lo = this.boundNear(from, lo);
      this.hi = this.boundNear(to, hi);
      return;
    }
    if (lo === hi || T[lo] > to || T[hi - 1] <= from) {
      // The window shares nothing with the running range: build it afresh.
      this.clearRunning();
      lo = this.upperBound(from, this.head, n);
      hi = n > 0 && T[n - 1] <= to ? n : this.upperBound(to, lo, n);
      for (let k = lo; k < hi; k++) this.include(k);
    } else {
      // Grow before shrinking, so the range never turns inside out.
      while (hi < n && T[hi] <= to) this.include(hi++);
      while (lo > this.head && T[lo - 1] > from) this.include(--lo);
      while (hi > lo && T[hi - 1] > to) this.exclude(--hi);
      while (lo < hi && T[lo] <= from) this.exclude(lo++);
    }
    this.lo = lo;
    this.hi = hi;
  }

  /** The first index from head whose time is > x, looked for by a few steps from `guess` and then by bisection. */
  private boundNear(x: number, guess: number): number {
    const T = this.t;
    const n = T.length;
    let i = guess;
    for (let step = 0; step < 8; step++) {
      if (i < n && T[i] <= x) i++;
      else if (i > this.head && T[i - 1] > x) i--;
      else return i;
    }
    return this.upperBound(x, this.head, n);
  }

  /** The first index in [start, end) whose time is > x (or end). */
  private upperBound(x: number, start: number, end: number): number {
    const T = this.t;
    while (start < end) {
      const mid = (start + end) >>> 1;
      if (T[mid] <= x) start = mid + 1;
      else end = mid;
    }
    return start;
  }

  private running(): number {
    if (this.isSum) return roundExact(this.partials);
    if (this.isDistinct) return this.counts.size;
    return this.hi - this.lo;
  }

  /** The running aggregate without the entries whose seq is >= seq (a redelivery, or another worker ran ahead). */
  private runningBefore(seq: number): number {
    const S = this.s;
    if (this.isSum) {
      const p = this.partials.slice();
      for (let k = this.lo; k < this.hi; k++) if (S[k] >= seq) addExact(p, -this.v[k]);
      return roundExact(p);
    }
    if (this.isDistinct) {
      const later = new Map<string, number>();
      for (let k = this.lo; k < this.hi; k++) if (S[k] >= seq) later.set(this.items[k], (later.get(this.items[k]) ?? 0) + 1);
      let gone = 0;
      for (const [item, n] of later) if (this.counts.get(item) === n) gone++;
      return this.counts.size - gone;
    }
    let n = this.hi - this.lo;
    for (let k = this.lo; k < this.hi; k++) if (S[k] >= seq) n--;
    return n;
  }

  private include(k: number): void {
    if (this.isSum) addExact(this.partials, this.v[k]);
    else if (this.isDistinct) {
      const item = this.items[k];
      this.counts.set(item, (this.counts.get(item) ?? 0) + 1);
    }
  }

  private exclude(k: number): void {
    if (this.isSum) addExact(this.partials, -this.v[k]);
    else if (this.isDistinct) {
      const item = this.items[k];
      const n = this.counts.get(item)! - 1;
      if (n === 0) this.counts.delete(item);
      else this.counts.set(item, n);
    }
  }

  private clearRunning(): void {
    if (this.isSum) this.partials = [];
    else if (this.isDistinct) this.counts.clear();
  }

  /** Drops entries at or before `bound`, taking them out of the running range first. */
  private prune(bound: number): void {
    const T = this.t;
    const n = T.length;
    let head = this.head;
    while (head < n && T[head] <= bound) {
      if (this.lo === head) {
        if (this.hi > head) this.exclude(head);
        else this.hi++;
        this.lo++;
      }
      head++;
    }
    this.head = head;
    if (head >= COMPACT_AT && head * 2 >= n) this.compact();
  }

  private compact(): void {
    const h = this.head;
    this.t.splice(0, h);
    this.s.splice(0, h);
    if (this.isSum) this.v.splice(0, h);
    else if (this.isDistinct) this.items.splice(0, h);
    this.lo -= h;
    this.hi -= h;
    this.head = 0;
  }
}
