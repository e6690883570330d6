// The embedded counter store: every key's observations in this process's memory (see series.ts), made
// durable by snapshots the pipeline saves as checkpoints (checkpoint.ts) and replays on top of.
import { ByteReader, ByteWriter } from './codec.js';
import { checkLateness, checkOp, CounterMismatchError, type CounterAggregate, type CounterOp, type CounterStore, type CounterStoreOptions } from './counter-store.js';
import { Series } from './series.js';

/** 2 dropped the latest-time field of 1, which is still read (and ignored). */
const SNAPSHOT_VERSION = 2;
const AGGREGATES: readonly CounterAggregate[] = ['count', 'sum', 'distinct'];
/** Idle keys are looked for once this many ops (or as many as there are keys, if more) have gone by. */
const SWEEP_EVERY = 65_536;
/** The sweep's clock is the earliest time among this many latest ops (a power of two). */
const CLOCK_OPS = 64;

export interface MemoryCounterStats {
  keys: number;
  observations: number;
}

export class MemoryCounterStore implements CounterStore {
  readonly kind = 'memory' as const;
  readonly lateness: number;
  private readonly series = new Map<string, Series>();
  /**
   * The times of the latest ops. Idle keys are dropped by the earliest of them, not by the latest time
   * ever seen, so one event with a wild clock (a phone set to next year) cannot empty the store.
   */
  private readonly recent = new Float64Array(CLOCK_OPS).fill(-Infinity);
  private opsSeen = 0;
  private sinceSweep = 0;

  constructor(options: CounterStoreOptions = {}) {
    this.lateness = checkLateness(options.lateness);
  }

  apply(ops: readonly CounterOp[]): Promise<number[]> {
    try {
      return Promise.resolve(this.applySync(ops));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** apply() without the promise, for a caller on the hot path. */
  applySync(ops: readonly CounterOp[]): number[] {
    for (const op of ops) checkOp(op);
    const out = new Array<number>(ops.length);
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      this.recent[this.opsSeen++ & (CLOCK_OPS - 1)] = op.timeMs;
      let series = this.series.get(op.key);
      if (series === undefined) {
        out[i] = 0;
        if (!op.observe) continue;
        series = new Series(op.aggregate, op.windowMs);
        this.series.set(op.key, series);
      } else if (series.aggregate !== op.aggregate || series.windowMs !== op.windowMs) {
        throw new CounterMismatchError(op.key, `${series.aggregate}/${series.windowMs}ms`, `${op.aggregate}/${op.windowMs}ms`);
      }
      out[i] = series.read(op.timeMs, op.seq);
      if (op.observe) series.record(op.timeMs, op.seq, op.value ?? 0, op.item ?? '', this.lateness);
    }
    this.sinceSweep += ops.length;
    if (this.sinceSweep >= SWEEP_EVERY && this.sinceSweep >= this.series.size) this.sweep();
    return out;
  }

  async close(): Promise<void> {}

  stats(): MemoryCounterStats {
    let observations = 0;
    for (const s of this.series.values()) observations += s.size;
    return { keys: this.series.size, observations };
  }

  /**
   * Drops keys whose every observation is too old for any event within lateness of the recent ops'
   * times: an event that late on such a key would read an undercount anyway.
   */
  sweep(): void {
    this.sinceSweep = 0;
    let clock = Infinity;
    for (const t of this.recent) clock = Math.min(clock, t);
    for (const [key, s] of this.series) if (s.maxT <= clock - s.windowMs - this.lateness) this.series.delete(key);
  }

  /** The whole state as bytes, for a checkpoint. Synchronous, so it is one consistent moment of this store. */
  snapshot(): Buffer {
    const w = new ByteWriter(64 + this.stats().observations * 6);
    w.byte(SNAPSHOT_VERSION);
    w.uint(this.series.size);
    for (const [key, s] of this.series) {
      w.str(key);
      w.byte(AGGREGATES.indexOf(s.aggregate));
      w.num(s.windowMs);
      w.num(s.maxT);
      w.num(s.maxSeq);
      const { t, s: seqs, v, head } = s;
      const n = t.length;
      w.uint(n - head);
      let prevT = 0;
      let prevS = 0;
      for (let k = head; k < n; k++) {
        // Times are in order (the first difference is from 0 and may be negative); seqs mostly are.
        if (k === head) w.num(t[k]);
        else w.uint(t[k] - prevT);
        w.num(seqs[k] - prevS);
        prevT = t[k];
        prevS = seqs[k];
      }
      if (s.aggregate === 'sum') for (let k = head; k < n; k++) w.num(v[k]);
      else if (s.aggregate === 'distinct') {
        // Items repeat (the same account on a device): each is written once and referred to by number.
        const ids = new Map<string, number>();
        const refs = new Array<number>(n - head);
        for (let k = head; k < n; k++) {
          const item = s.itemAt(k);
          let id = ids.get(item);
          if (id === undefined) ids.set(item, (id = ids.size));
          refs[k - head] = id;
        }
        w.uint(ids.size);
        for (const item of ids.keys()) w.str(item);
        for (const id of refs) w.uint(id);
      }
    }
    return w.finish();
  }

  /** A store holding what `snapshot()` wrote; `options` may differ from the original's (e.g. a new lateness). */
  static restore(state: Uint8Array, options: CounterStoreOptions = {}): MemoryCounterStore {
    const store = new MemoryCounterStore(options);
    const r = new ByteReader(state);
    const version = r.byte();
    if (version !== SNAPSHOT_VERSION && version !== 1) throw new RangeError(`counter snapshot version ${version} is not one this Vigil reads (${SNAPSHOT_VERSION})`);
    if (version === 1 && r.num() === 1) r.num();
    const keys = r.uint();
    for (let i = 0; i < keys; i++) {
      const key = r.str();
      const aggregate = AGGREGATES[r.byte()];
      if (!aggregate) throw new RangeError('counter snapshot has an unknown aggregate');
      const windowMs = r.num();
      const maxT = r.num();
      const maxSeq = r.num();
      const n = r.uint();
      const t = new Array<number>(n);
      const s = new Array<number>(n);
      let prevT = 0;
      let prevS = 0;
      for (let k = 0; k < n; k++) {
        t[k] = prevT = k === 0 ? r.num() : prevT + r.uint();
        s[k] = prevS += r.num();
      }
      const v: number[] = [];
      const items: string[] = [];
      if (aggregate === 'sum') for (let k = 0; k < n; k++) v.push(r.num());
      else if (aggregate === 'distinct') {
        const dict = Array.from({ length: r.uint() }, () => r.str());
        for (let k = 0; k < n; k++) {
          const item = dict[r.uint()];
          if (item === undefined) throw new RangeError('counter snapshot refers to an unknown item');
          items.push(item);
        }
      }
      store.series.set(key, Series.from(aggregate, windowMs, maxT, maxSeq, t, s, v, items));
    }
    if (!r.done) throw new RangeError('counter snapshot has trailing bytes');
    return store;
  }
}
