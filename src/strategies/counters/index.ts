// Sliding-window counters for strategy rules ("comments by this author in 10 minutes"): exact, replayable
// stores behind one interface. In memory with checkpoints by default; in Redis when workers share them.
import type { CounterStoreOptions } from './counter-store.js';
import { MemoryCounterStore } from './memory.js';
import { RedisCounterStore } from './redis.js';

export { checkOp, CounterMismatchError, DEFAULT_LATENESS_MS, type CounterAggregate, type CounterOp, type CounterStore, type CounterStoreOptions } from './counter-store.js';
export { MemoryCounterStore, type MemoryCounterStats } from './memory.js';
export { RedisCounterStore, type RedisCounterStoreOptions } from './redis.js';
export { loadCounterCheckpoint, saveCounterCheckpoint } from './checkpoint.js';

export interface CreateCounterStoreOptions extends CounterStoreOptions {
  /** VIGIL_REDIS_URL: when set, counters live in Redis and are shared by every worker using it. */
  redisUrl?: string;
  /** Redis key prefix (default 'vigil:counters:'). */
  keyPrefix?: string;
}

/** Redis when a URL is given, otherwise the embedded memory store (which the caller checkpoints). */
export function createCounterStore(options: CreateCounterStoreOptions = {}): MemoryCounterStore | RedisCounterStore {
  if (options.redisUrl) return new RedisCounterStore({ url: options.redisUrl, keyPrefix: options.keyPrefix, lateness: options.lateness });
  return new MemoryCounterStore({ lateness: options.lateness });
}
