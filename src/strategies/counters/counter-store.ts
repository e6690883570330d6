// The contract every counter store keeps: exact sliding-window aggregates over the observations recorded
// before an event (by ingest sequence), idempotent per (key, seq) so redeliveries and replays are harmless.

export type CounterAggregate = 'count' | 'sum' | 'distinct';

export interface CounterOp {
  /**
   * Counter identity plus key values, e.g. 'c3f9|account:a1'. Opaque to the store, but a key always
   * comes with the same aggregate and windowMs (they are part of the counter's identity); a store
   * refuses an op that disagrees with what it holds for the key.
   */
  key: string;
  aggregate: CounterAggregate;
  /** A positive integer. */
  windowMs: number;
  /** The event's time (ms since epoch, an integer). The window is (timeMs - windowMs, timeMs]. */
  timeMs: number;
  /** The event's ingest sequence number (a safe integer): strictly increasing in ingest order. */
  seq: number;
  /** Whether this event is itself counted (it passes the counter's filter). It is recorded after the read. */
  observe: boolean;
  /** For sum: the amount this event adds (any finite number; sums are exact, see exact-sum.ts). */
  value?: number;
  /** For distinct: the item this event contributes (e.g. an account id). */
  item?: string;
}

export interface CounterStore {
  readonly kind: 'memory' | 'redis';
  /**
   * For each op in order: the aggregate over recorded observations of op.key with seq < op.seq and time
   * in the window; then records op's observation when op.observe. Recording is idempotent per (key, seq):
   * applying the same op twice (a redelivery or a replay after restart) changes nothing.
   */
  apply(ops: readonly CounterOp[]): Promise<number[]>;
  close(): Promise<void>;
}

export interface CounterStoreOptions {
  /**
   * How far behind its key's latest observed time an event may be and still read an exact answer
   * (ms, default 1 hour). Observations at or before (latest observed time − windowMs − lateness) are
   * pruned, so an event later than that reads an undercount, and is not recorded itself. Memory per key
   * is what arrives in windowMs + lateness.
   */
  lateness?: number;
}

export const DEFAULT_LATENESS_MS = 3_600_000;

/** Rejects an op the stores cannot answer exactly; both stores check the same way, so they fail alike. */
export function checkOp(op: CounterOp): void {
  if (op.aggregate !== 'count' && op.aggregate !== 'sum' && op.aggregate !== 'distinct') throw new TypeError(`counter ${op.key}: unknown aggregate ${String(op.aggregate)}`);
  if (!Number.isSafeInteger(op.windowMs) || op.windowMs <= 0) throw new RangeError(`counter ${op.key}: windowMs must be a positive integer, got ${op.windowMs}`);
  if (!Number.isSafeInteger(op.timeMs)) throw new RangeError(`counter ${op.key}: timeMs must be an integer, got ${op.timeMs}`);
  if (!Number.isSafeInteger(op.seq)) throw new RangeError(`counter ${op.key}: seq must be a safe integer, got ${op.seq}`);
  if (!op.observe) return;
  if (op.aggregate === 'sum' && !Number.isFinite(op.value)) throw new RangeError(`counter ${op.key}: a sum observation needs a finite value, got ${op.value}`);
  if (op.aggregate === 'distinct' && typeof op.item !== 'string') throw new TypeError(`counter ${op.key}: a distinct observation needs an item`);
}

export function checkLateness(lateness: number | undefined): number {
  const l = lateness ?? DEFAULT_LATENESS_MS;
  if (!Number.isSafeInteger(l) || l < 0) throw new RangeError(`counter lateness must be a non-negative integer (ms), got ${lateness}`);
  return l;
}

export class CounterMismatchError extends Error {
  constructor(key: string, held: string, got: string) {
    super(`counter key ${key} holds ${held} but the op asks for ${got}: a key must keep one aggregate and window`);
    this.name = 'CounterMismatchError';
  }
}
