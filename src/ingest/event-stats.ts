// The foundation's consumer of the event stream: counts processed events per received minute and type
// (the overview chart) and marks each event processed, exactly once per event even when redelivered.
import { sql } from 'kysely';
import { batchingHandler, type Bus, type Delivery, type Subscription } from '../bus/index.js';
import type { Db, Executor, Tx } from '../store/schema.js';
import { EVENTS_TOPIC, type EventMessage } from './ingest.js';

export const EVENT_STATS_CONSUMER = 'event-stats';

export function minuteOf(iso: string): Date {
  const d = new Date(iso);
  d.setUTCSeconds(0, 0);
  return d;
}

async function applyStats(tx: Tx, deliveries: Delivery<EventMessage>[], now: Date): Promise<void> {
  const processed = deliveries.map((d) => ({ seq: d.payload.seq, processed_at: now }));
  await tx
    .insertInto('event_processing')
    .values(processed)
    .onConflict((oc) => oc.column('seq').doUpdateSet({ times: sql`event_processing.times + 1` }))
    .execute();
  const counts = new Map<string, { minute: Date; type: string; count: number }>();
  for (const { payload } of deliveries) {
    const minute = minuteOf(payload.received_at);
    const key = `${minute.toISOString()}|${payload.type}`;
    const c = counts.get(key) ?? counts.set(key, { minute, type: payload.type, count: 0 }).get(key)!;
    c.count += 1;
  }
  // Sorted, so concurrent consumers on a server lock the rows in the same order.
  const rows = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  await tx
    .insertInto('event_counts')
    .values(rows)
    .onConflict((oc) => oc.columns(['minute', 'type']).doUpdateSet({ count: sql`event_counts.count + excluded.count` }))
    .execute();
}

export function startEventStats(deps: { db: Db; bus: Bus; clock: () => Date }): Subscription {
  return deps.bus.subscribe<EventMessage>({
    topic: EVENTS_TOPIC,
    group: EVENT_STATS_CONSUMER,
    // Order does not matter for counting: take many at once and commit them as one batch.
    concurrency: 512,
    handler: batchingHandler(deps.db, EVENT_STATS_CONSUMER, deps.clock, (tx, fresh) => applyStats(tx, fresh, deps.clock())),
  });
}

export interface EventStatsView {
  now: string;
  buckets: { minute: string; type: string; count: number }[];
  totals: Record<string, number>;
  total: number;
}

export async function readEventStats(ex: Executor, now: Date, minutes: number): Promise<EventStatsView> {
  const since = new Date(minuteOf(now.toISOString()).getTime() - (minutes - 1) * 60_000);
  const [buckets, totals] = await Promise.all([
    ex.selectFrom('event_counts').select(['minute', 'type', 'count']).where('minute', '>=', since).orderBy('minute').orderBy('type').execute(),
    ex.selectFrom('event_counts').select(['type', (eb) => eb.fn.sum<number>('count').as('n')]).groupBy('type').orderBy('type').execute(),
  ]);
  const totalsByType = Object.fromEntries(totals.map((t) => [t.type, Number(t.n)]));
  return {
    now: now.toISOString(),
    buckets: buckets.map((b) => ({ minute: b.minute.toISOString(), type: b.type, count: b.count })),
    totals: totalsByType,
    total: Object.values(totalsByType).reduce((a, b) => a + b, 0),
  };
}
