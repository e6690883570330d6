// One counter key in memory: its observations in (time, seq) order, and what lets a read avoid scanning
// its window.
//  - count, and sum while every value is an integer: the window is an index range (found by a few steps
//    from the last read, or by bisection) and the answer its length or a difference of prefix sums.
//  - sum of fractional values, and distinct: a running aggregate over the index range [lo, hi) of the
//    newest read, moved forward by the few entries that enter or leave (amortised O(1) in order). A read
//    behind it (a late event) is answered from the running aggregate corrected by the entries between
//    the two windows, without moving it; several behind in a row move it back.
// Every path ends by taking out entries with seq >= the reader's, which only a redelivery (or a store
// shared by workers running ahead) has, and which costs a scan of the window.
import { addExact, roundExact } from './exact-sum.js';
import type { CounterAggregate } from './counter-store.js';
import { ItemIds } from './item-ids.js';

/** Entries pruned from the front are dropped from the arrays once they are this many and half of them. */
const COMPACT_AT = 1024;
/** Reads behind the running window answered in place before it is moved back to them. */
const BEHIND_BEFORE_MOVE = 3;

// Shared stand-ins for the fields an aggregate does not use; never written to.
const NONE_NUMBERS: number[] = [];
const NONE_IDS = new ItemIds();

export class Series {
  // (A store may hold millions of keys, most with a handful of entries: only what the aggregate uses is allocated.)
  t: number[] = [];
  s: number[] = [];
  v: number[];
  /** Distinct: each entry's item, as an id of `dict`. */
  it: number[];
  head = 0;
  maxT = -Infinity;
  maxSeq = -Infinity;
  /** The running range: entries [lo, hi) are those with time in (runFrom, runTo]. */
  private lo = 0;
  private hi = 0;
  private runFrom = -Infinity;
  private runTo = -Infinity;
  private behind = 0;
  /** Sum: the running range's exact sum (unused while `prefix` is kept). */
  private partials: number[];
  /** Distinct: the item ids, with the running range's multiplicities. */
  readonly dict: ItemIds;
  /**
   * Sum of integers: prefix[k] = v[0] + … + v[k], exact while Σ|v| (`magnitude`) stays a safe integer.
   * Dropped for good (null) at the first value that breaks that; the running partials take over.
   */
  private prefix: number[] | null;
  private magnitude = 0;
  private readonly isCount: boolean;
  private readonly isSum: boolean;
  private readonly isDistinct: boolean;

  constructor(
    readonly aggregate: CounterAggregate,
    readonly windowMs: number,
  ) {
    this.isCount = aggregate === 'count';
    this.isSum = aggregate === 'sum';
    this.isDistinct = aggregate === 'distinct';
    this.v = this.isSum ? [] : NONE_NUMBERS;
    this.partials = this.isSum ? [] : NONE_NUMBERS;
    this.prefix = this.isSum ? [] : null;
    this.it = this.isDistinct ? [] : NONE_NUMBERS;
    this.dict = this.isDistinct ? new ItemIds() : NONE_IDS;
  }

  get size(): number {
    return this.t.length - this.head;
  }

  /** Rebuilds from a snapshot's entries (already in order). */
  static from(aggregate: CounterAggregate, windowMs: number, maxT: number, maxSeq: number, t: number[], s: number[], v: number[], items: string[]): Series {
    const series = new Series(aggregate, windowMs);
    series.t = t;
    series.s = s;
    series.maxT = maxT;
    series.maxSeq = maxSeq;
    if (series.isSum) {
      series.v = v;
      series.rebuildPrefix();
    }
    if (series.isDistinct) series.it = items.map((item) => series.dict.acquire(item));
    return series;
  }

  /** The aggregate over entries with seq < seq and time in (timeMs − windowMs, timeMs]. */
  read(timeMs: number, seq: number): number {
    const from = timeMs - this.windowMs;
    if (this.isCount || this.prefix !== null) {
      this.lo = this.boundNear(from, this.lo);
      this.hi = this.boundNear(timeMs, this.hi);
      this.runFrom = from;
      this.runTo = timeMs;
      return this.indexAnswer(this.lo, this.hi, seq);
    }
    if (timeMs >= this.runTo || this.behind >= BEHIND_BEFORE_MOVE) {
      this.behind = 0;
      this.moveTo(from, timeMs);
      return this.correctedAnswer(this.lo, this.hi, seq);
    }
    this.behind++;
    const i = this.upperBound(from, this.head, this.t.length);
    return this.correctedAnswer(i, this.upperBound(timeMs, i, this.t.length), seq);
  }

  /** Entry k's item (distinct). */
  itemAt(k: number): string {
    return this.dict.names[this.it[k]];
  }

  /** Records an observation; nothing happens for a (time, seq) already held, or one pruning would drop at once. */
  record(timeMs: number, seq: number, value: number, item: string, lateness: number): void {
    if (timeMs <= this.maxT - this.windowMs - lateness) return;
    const T = this.t;
    const S = this.s;
    const n = T.length;
    let p = n;
    if (n > this.head && (T[n - 1] > timeMs || (T[n - 1] === timeMs && S[n - 1] >= seq))) {
      p = this.upperBound(timeMs, this.head, n);
      while (p > this.head && T[p - 1] === timeMs && S[p - 1] >= seq) {
        if (S[p - 1] === seq) return;
        p--;
      }
    }
    if (this.isSum && this.prefix !== null && !(Number.isInteger(value) && this.magnitude + Math.abs(value) <= Number.MAX_SAFE_INTEGER)) this.dropPrefix();
    const id = this.isDistinct ? this.dict.acquire(item) : 0;
    if (p === n) {
      T.push(timeMs);
      S.push(seq);
      if (this.isSum) this.v.push(value);
      else if (this.isDistinct) this.it.push(id);
    } else {
      T.splice(p, 0, timeMs);
      S.splice(p, 0, seq);
      if (this.isSum) this.v.splice(p, 0, value);
      else if (this.isDistinct) this.it.splice(p, 0, id);
    }
    if (this.prefix !== null) this.insertPrefix(p, value);
    if (p < this.lo || (p === this.lo && timeMs <= this.runFrom)) {
      this.lo++;
      this.hi++;
    } else if (p <= this.hi && timeMs <= this.runTo) {
      this.hi++;
      this.include(p);
    }
    if (seq > this.maxSeq) this.maxSeq = seq;
    if (timeMs > this.maxT) {
      this.maxT = timeMs;
      this.prune(timeMs - this.windowMs - lateness);
    }
  }

  private indexAnswer(i: number, j: number, seq: number): number {
    const later = seq <= this.maxSeq;
    const S = this.s;
    if (this.isCount) {
      let n = j - i;
      if (later) for (let k = i; k < j; k++) if (S[k] >= seq) n--;
      return n;
    }
    const P = this.prefix!;
    let sum = (j > 0 ? P[j - 1] : 0) - (i > 0 ? P[i - 1] : 0);
    if (later) for (let k = i; k < j; k++) if (S[k] >= seq) sum -= this.v[k];
    return sum === 0 ? 0 : sum;
  }

  /** The aggregate over entries [i, j) with seq < seq: the running one corrected, or counted afresh when that is shorter. */
  private correctedAnswer(i: number, j: number, seq: number): number {
    const { lo, hi } = this;
    const later = seq <= this.maxSeq;
    if (i === lo && j === hi && !later) return this.isSum ? roundExact(this.partials) : this.dict.distinct;
    const S = this.s;
    const fresh = lo >= hi || i >= hi || j <= lo || Math.abs(i - lo) + Math.abs(j - hi) >= j - i;
    if (this.isSum) {
      const V = this.v;
      const p = fresh ? [] : this.partials.slice();
      if (fresh) {
        for (let k = i; k < j; k++) if (!later || S[k] < seq) addExact(p, V[k]);
        return roundExact(p);
      }
      for (let k = i; k < lo; k++) addExact(p, V[k]);
      for (let k = lo; k < i; k++) addExact(p, -V[k]);
      for (let k = hi; k < j; k++) addExact(p, V[k]);
      for (let k = j; k < hi; k++) addExact(p, -V[k]);
      if (later) for (let k = i; k < j; k++) if (S[k] >= seq) addExact(p, -V[k]);
      return roundExact(p);
    }
    const I = this.it;
    const d = this.dict;
    if (fresh) {
      for (let k = i; k < j; k++) if (!later || S[k] < seq) d.shift(I[k], 1);
      return d.settleAlone();
    }
    for (let k = i; k < lo; k++) d.shift(I[k], 1);
    for (let k = lo; k < i; k++) d.shift(I[k], -1);
    for (let k = hi; k < j; k++) d.shift(I[k], 1);
    for (let k = j; k < hi; k++) d.shift(I[k], -1);
    if (later) for (let k = i; k < j; k++) if (S[k] >= seq) d.shift(I[k], -1);
    return d.settle();
  }

  /** Moves the running range to (from, to], visiting what enters or leaves it (or building it afresh, if shorter). */
  private moveTo(from: number, to: number): void {
    const T = this.t;
    const n = T.length;
    let lo = this.lo;
    let hi = this.hi;
    if (lo === hi || T[lo] > to || T[hi - 1] <= from) {
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
    this.runFrom = from;
    this.runTo = to;
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

  private include(k: number): void {
    if (this.isSum) {
      if (this.prefix === null) addExact(this.partials, this.v[k]);
    } else if (this.isDistinct) this.dict.add(this.it[k]);
  }

  private exclude(k: number): void {
    if (this.isSum) {
      if (this.prefix === null) addExact(this.partials, -this.v[k]);
    } else if (this.isDistinct) this.dict.remove(this.it[k]);
  }

  private clearRunning(): void {
    if (this.isSum) this.partials = [];
    else if (this.isDistinct) this.dict.clear();
  }

  private insertPrefix(p: number, value: number): void {
    const P = this.prefix!;
    const at = (p > 0 ? P[p - 1] : 0) + value;
    if (p === P.length) P.push(at);
    else {
      P.splice(p, 0, at);
      for (let k = p + 1; k < P.length; k++) P[k] += value;
    }
    this.magnitude += Math.abs(value);
  }

  /** Switches a sum to running partials: from now on the running range starts empty and is built by the next read. */
  private dropPrefix(): void {
    this.prefix = null;
    this.clearRunning();
    this.lo = this.hi = this.head;
    this.runFrom = this.runTo = -Infinity;
  }

  /** Prefix sums (after a restore or a compaction, so from index 0) when every value is an integer and their magnitudes add up to a safe integer. */
  private rebuildPrefix(): void {
    const V = this.v;
    const P = new Array<number>(V.length);
    let sum = 0;
    let magnitude = 0;
    for (let k = 0; k < V.length; k++) {
      magnitude += Math.abs(V[k]);
      if (!Number.isInteger(V[k]) || magnitude > Number.MAX_SAFE_INTEGER) {
        this.prefix = null;
        return;
      }
      P[k] = sum += V[k];
    }
    this.prefix = P;
    this.magnitude = magnitude;
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
      if (this.isDistinct) this.dict.release(this.it[head]);
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
    else if (this.isDistinct) this.it.splice(0, h);
    this.lo -= h;
    this.hi -= h;
    this.head = 0;
    if (this.prefix !== null) this.rebuildPrefix();
  }
}
