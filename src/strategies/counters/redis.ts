// The shared counter store: counter state in Redis, so several workers read and write the same counters.
// A batch is one script call (redis-script.ts): atomic, one round trip, idempotent per (key, seq).
//
// Keys, per counter key K: <prefix>z:K, <prefix>q:K, <prefix>m:K and (distinct) <prefix>d:K; the letter
// comes before K so no K can produce another K's names. They expire after windowMs + lateness (+ grace)
// without an op. A script touches keys of many counter keys at once, so this needs one Redis (with
// replicas if you like), not a Redis Cluster.
import { Redis } from 'ioredis';
import { checkLateness, checkOp, CounterMismatchError, type CounterAggregate, type CounterOp, type CounterStore, type CounterStoreOptions } from './counter-store.js';
import { COUNTER_SCRIPT } from './redis-script.js';

export interface RedisCounterStoreOptions extends CounterStoreOptions {
  /** A Redis URL; ignored when `client` is given. */
  url?: string;
  /** A connection to use (not closed by close()). */
  client?: Redis;
  /** Prepended to every key (default 'vigil:counters:'). */
  keyPrefix?: string;
  /**
   * Extra idle time before a key expires (ms, default 0). Expiry runs on Redis's clock, not event time:
   * if workers stop for longer than windowMs + lateness and then catch up on a backlog, the keys they
   * need are gone unless this covers the stop.
   */
  expiryGraceMs?: number;
  /**
   * Ops per script call (default 200). A longer batch is split into several calls sent back to back
   * (still one round trip), so one call never holds Redis for long: late events on a hot sum or
   * distinct key cost a pass over the observations between their window and the newest one.
   */
  opsPerCall?: number;
}

const CODE: Record<CounterAggregate, string> = { count: 'c', sum: 's', distinct: 'd' };
const NAME: Record<string, CounterAggregate> = { c: 'count', s: 'sum', d: 'distinct' };
const COMMAND = 'vigilCounters';

type ScriptCall = (numKeys: number, keys: string[], args: (string | number)[]) => Promise<(string | number)[]>;

export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis' as const;
  readonly lateness: number;
  readonly keyPrefix: string;
  private readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly grace: number;
  private readonly opsPerCall: number;

  constructor(options: RedisCounterStoreOptions) {
    this.lateness = checkLateness(options.lateness);
    this.keyPrefix = options.keyPrefix ?? 'vigil:counters:';
    this.grace = checkLateness(options.expiryGraceMs ?? 0);
    this.opsPerCall = Math.max(1, options.opsPerCall ?? 200);
    if (options.client) {
      this.client = options.client;
      this.ownsClient = false;
    } else {
      if (!options.url) throw new TypeError('RedisCounterStore needs a url or a client');
      this.client = new Redis(options.url, { maxRetriesPerRequest: 3 });
      this.ownsClient = true;
    }
    if (!(COMMAND in this.client)) this.client.defineCommand(COMMAND, { lua: COUNTER_SCRIPT });
  }

  async apply(ops: readonly CounterOp[]): Promise<number[]> {
    for (const op of ops) checkOp(op);
    const calls: Promise<number[]>[] = [];
    for (let i = 0; i < ops.length; i += this.opsPerCall) calls.push(this.call(ops.slice(i, i + this.opsPerCall)));
    const parts = await Promise.all(calls);
    return parts.length === 1 ? parts[0] : parts.flat();
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.quit();
  }

  private async call(ops: readonly CounterOp[]): Promise<number[]> {
    const index = new Map<string, number>();
    const keys: string[] = [];
    const args: (string | number)[] = [this.lateness, this.grace];
    const p = this.keyPrefix;
    for (const op of ops) {
      let k = index.get(op.key);
      if (k === undefined) {
        index.set(op.key, (k = index.size + 1));
        keys.push(`${p}z:${op.key}`, `${p}q:${op.key}`, `${p}m:${op.key}`, `${p}d:${op.key}`);
      }
      const payload = !op.observe ? '' : op.aggregate === 'sum' ? String(op.value) : op.aggregate === 'distinct' ? op.item! : '';
      args.push(k, CODE[op.aggregate], op.windowMs, op.timeMs, op.seq, op.observe ? 1 : 0, payload);
    }
    const script = (this.client as unknown as Record<string, ScriptCall>)[COMMAND].bind(this.client);
    try {
      const raw = await script(keys.length, keys, args);
      return raw.map(Number);
    } catch (err) {
      const m = /VIGIL_COUNTER_MISMATCH (\d+) (\w) (\d+)/.exec((err as Error).message);
      if (!m) throw err;
      const mine = ops.filter((o) => index.get(o.key) === Number(m[1]));
      const op = mine.find((o) => CODE[o.aggregate] !== m[2] || o.windowMs !== Number(m[3])) ?? mine[0];
      throw new CounterMismatchError(op.key, `${NAME[m[2]]}/${m[3]}ms`, `${op.aggregate}/${op.windowMs}ms`);
    }
  }
}
