// Test support for the counter stores: a brute-force reference written apart from them (a list of every
// recorded observation, each answer found by filtering it), and seeded random event streams.
import type { CounterAggregate, CounterOp, CounterStore } from './counter-store.js';

/** Small, fast, seeded (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALE = 2 ** 80;

/**
 * The double nearest the exact sum, by big-integer arithmetic: every value must be a multiple of 2^-80
 * (test values are), so v·2^80 is an exact integer; Number() of a BigInt rounds to nearest, ties to even.
 */
export function exactSum(values: readonly number[]): number {
  let n = 0n;
  for (const v of values) {
    const scaled = v * SCALE;
    if (!Number.isInteger(scaled)) throw new RangeError(`test value ${v} is not a multiple of 2^-80`);
    n += BigInt(scaled);
  }
  const x = Number(n) / SCALE;
  return x === 0 ? 0 : x;
}

interface Recorded {
  seq: number;
  timeMs: number;
  value: number;
  item: string;
}

/** What a correct store answers: the definition, applied literally. */
export class Reference {
  private readonly recorded = new Map<string, Recorded[]>();
  private readonly seen = new Set<string>();

  apply(ops: readonly CounterOp[]): number[] {
    return ops.map((op) => {
      const all = this.recorded.get(op.key) ?? [];
      const inWindow = all.filter((r) => r.seq < op.seq && r.timeMs > op.timeMs - op.windowMs && r.timeMs <= op.timeMs);
      const answer =
        op.aggregate === 'count' ? inWindow.length : op.aggregate === 'sum' ? exactSum(inWindow.map((r) => r.value)) : new Set(inWindow.map((r) => r.item)).size;
      const id = `${op.key}\u0000${op.seq}`;
      if (op.observe && !this.seen.has(id)) {
        this.seen.add(id);
        if (!this.recorded.has(op.key)) this.recorded.set(op.key, all);
        all.push({ seq: op.seq, timeMs: op.timeMs, value: op.value ?? 0, item: op.item ?? '' });
      }
      return answer;
    });
  }

  /** Recorded observations of `key` with time > bound. */
  heldAfter(key: string, bound: number): number {
    return (this.recorded.get(key) ?? []).filter((r) => r.timeMs > bound).length;
  }

  keys(): string[] {
    return [...this.recorded.keys()];
  }

  maxTime(key: string): number {
    return Math.max(...(this.recorded.get(key) ?? []).map((r) => r.timeMs));
  }
}

export interface CounterDef {
  name: string;
  aggregate: CounterAggregate;
  windowMs: number;
  /** How many key values (accounts, devices, streams) the counter sees. */
  instances: number;
  /** Sum: whole amounts (coins), with a rare fraction that turns the key's sums fractional from then on. */
  whole?: boolean;
}

export const MIXED_COUNTERS: CounterDef[] = [
  { name: 'comments', aggregate: 'count', windowMs: 10_000, instances: 4 },
  { name: 'gifts', aggregate: 'sum', windowMs: 6_000, instances: 3 },
  { name: 'accounts', aggregate: 'distinct', windowMs: 15_000, instances: 3 },
  { name: 'hot', aggregate: 'count', windowMs: 2_000, instances: 1 },
  { name: 'coins', aggregate: 'sum', windowMs: 8_000, instances: 3, whole: true },
];

export interface StreamOptions {
  seed: number;
  events: number;
  counters?: CounterDef[];
  lateness: number;
  /** How far behind the latest time so far a late event may be (default: lateness). */
  lateSpan?: number;
  /** Share of events whose time lies up to `lateSpan` behind the latest time so far. */
  lateShare?: number;
  /** Share of events later than lateness (their answers may undercount). */
  tooLateShare?: number;
  startMs?: number;
}

export interface StreamEvent {
  seq: number;
  timeMs: number;
  ops: CounterOp[];
  /** Whether the event is within lateness of the latest event time before it (so its answers are exact). */
  exact: boolean;
}

/** Amounts with fractions that do not add up exactly in floating point, some negative, a few large. */
function amount(rand: () => number): number {
  const r = rand();
  if (r < 0.4) return Math.round(rand() * 100000) / 100;
  if (r < 0.6) return Math.floor(rand() * 50);
  if (r < 0.7) return -Math.round(rand() * 1000) / 10;
  if (r < 0.8) return 0.1 * Math.floor(rand() * 7);
  if (r < 0.9) return 2 ** 40 + Math.round(rand() * 100) / 4;
  return Math.round(rand() * 3) / 3;
}

export function randomStream(o: StreamOptions): StreamEvent[] {
  const rand = prng(o.seed);
  const counters = o.counters ?? MIXED_COUNTERS;
  // (The empty item too: a store must not take it for a freed slot.)
  const items = Array.from({ length: 12 }, (_, i) => (i === 5 ? '' : `acct:${i}:${i % 3 === 0 ? 'é✓' : 'x'}`));
  const events: StreamEvent[] = [];
  let seq = 1000;
  let clock = o.startMs ?? 1_700_000_000_000;
  let latest = clock;
  for (let e = 0; e < o.events; e++) {
    seq += 1 + Math.floor(rand() * 3);
    const jump = rand();
    clock += jump < 0.02 ? 30_000 + Math.floor(rand() * 20_000) : jump < 0.3 ? 0 : Math.floor(rand() * 400);
    let timeMs = clock;
    let exact = true;
    const r = rand();
    if (r < (o.tooLateShare ?? 0)) {
      timeMs = latest - o.lateness - 1 - Math.floor(rand() * 20_000);
      exact = false;
    } else if (r < (o.tooLateShare ?? 0) + (o.lateShare ?? 0.2)) {
      const span = o.lateSpan ?? o.lateness;
      // A third of late events sit right at the edge, where pruning one step too early would show.
      timeMs = latest - (rand() < 0.3 ? span - Math.floor(rand() * 3) : Math.floor(rand() * (span + 1)));
    }
    latest = Math.max(latest, timeMs);
    const ops: CounterOp[] = [];
    const used = new Set<string>();
    const nOps = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < nOps; k++) {
      const c = counters[Math.floor(rand() * counters.length)];
      const key = `${c.name}|${Math.floor(rand() * c.instances)}`;
      if (used.has(key)) continue;
      used.add(key);
      const observe = rand() < 0.75;
      const op: CounterOp = { key, aggregate: c.aggregate, windowMs: c.windowMs, timeMs, seq, observe };
      if (c.aggregate === 'sum') op.value = c.whole && rand() > 0.002 ? Math.floor(rand() * 2000) - 300 : amount(rand);
      if (c.aggregate === 'distinct') op.item = items[Math.floor(rand() * items.length)];
      ops.push(op);
    }
    events.push({ seq, timeMs, ops, exact });
  }
  return events;
}

/** Consecutive events grouped into apply() batches of 1–maxEvents events. */
export function batches(events: readonly StreamEvent[], rand: () => number, maxEvents = 8): StreamEvent[][] {
  const out: StreamEvent[][] = [];
  for (let i = 0; i < events.length; ) {
    const n = 1 + Math.floor(rand() * maxEvents);
    out.push(events.slice(i, i + n));
    i += n;
  }
  return out;
}

export const opsOf = (batch: readonly StreamEvent[]): CounterOp[] => batch.flatMap((e) => e.ops);

/**
 * Applies `batch` to the store and to the reference and returns both answers, restricted to the ops
 * whose events are exact (all of them, in streams without too-late events).
 */
export async function applyBoth(store: CounterStore, reference: Reference, batch: readonly StreamEvent[]): Promise<{ got: number[]; want: number[]; all: { got: number[]; want: number[] } }> {
  const ops = opsOf(batch);
  const want = reference.apply(ops);
  const got = await store.apply(ops);
  const exact = batch.flatMap((e) => e.ops.map(() => e.exact));
  return { got: got.filter((_, i) => exact[i]), want: want.filter((_, i) => exact[i]), all: { got, want } };
}
