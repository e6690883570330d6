// Opens the counter store the pipeline decides with. Redis (VIGIL_REDIS_URL) holds its own state. The
// embedded store starts from its last checkpoint and re-applies the events decided since (their
// observations were in memory only), so after a restart every counter reads exactly what it would have.
import { sql } from 'kysely';
import { EVENTS_TOPIC, type EventMessage } from '../../ingest/index.js';
import type { MaterialSet } from '../../materials/index.js';
import type { Db } from '../../store/schema.js';
import { createCounterStore, loadCounterCheckpoint, MemoryCounterStore, type CounterStore } from '../counters/index.js';
import type { StrategySet } from '../runtime/strategy-set.js';
import { loadBatchContext } from './contexts.js';
import { COUNTER_CHECKPOINT, DECISIONS_GROUP } from './consumer.js';
import { planCounterOps } from './evaluate.js';

const REPLAY_CHUNK = 1000;
/**
 * How late (behind the newest event of its key) an event may arrive and still read exact counters, for
 * the pipeline and for backtests alike (they must agree for a replay to equal live). Memory per key is
 * what arrives in its window plus this.
 */
export const COUNTER_LATENESS_MS = 10 * 60_000;

export async function openPipelineCounters(options: { db: Db; redisUrl?: string; redisKeyPrefix?: string; set: StrategySet; materials: MaterialSet }): Promise<{ store: CounterStore; replayed: number }> {
  if (options.redisUrl) return { store: createCounterStore({ redisUrl: options.redisUrl, keyPrefix: options.redisKeyPrefix, lateness: COUNTER_LATENESS_MS }), replayed: 0 };
  const checkpoint = await loadCounterCheckpoint(options.db, COUNTER_CHECKPOINT, { lateness: COUNTER_LATENESS_MS });
  const store = checkpoint?.store ?? new MemoryCounterStore({ lateness: COUNTER_LATENESS_MS });
  const cursor = await options.db.selectFrom('bus_cursors').select('position').where('group_name', '=', DECISIONS_GROUP).where('topic', '=', EVENTS_TOPIC).executeTakeFirst();
  const replayed = await replayCounters(options.db, store, checkpoint?.seq ?? 0, cursor?.position ?? 0, options.set, options.materials);
  return { store, replayed };
}

/** Re-applies the counter observations of the events in (from, to] in ingest order; returns how many events. */
export async function replayCounters(db: Db, store: CounterStore, from: number, to: number, set: StrategySet, materials: MaterialSet): Promise<number> {
  if (!set.counters.length) return 0;
  let after = from;
  let n = 0;
  while (after < to) {
    const { rows } = await sql<{ seq: number; payload: EventMessage }>`
      SELECT seq, payload FROM bus_outbox WHERE topic = ${EVENTS_TOPIC} AND seq > ${after} AND seq <= ${to} ORDER BY seq LIMIT ${REPLAY_CHUNK}`.execute(db);
    if (!rows.length) break;
    const batch = await loadBatchContext(db, materials, set.lists, rows.map((r) => ({ order: Number(r.seq), seq: r.payload.seq })));
    const plan = planCounterOps(set, batch.events);
    if (plan.ops.length) await store.apply(plan.ops);
    n += rows.length;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return n;
}
