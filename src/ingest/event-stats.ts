// The foundation's consumer of the event stream: counts processed events per received minute and type
// (the overview chart) and marks each event processed, exactly once per event even when redelivered.
import { sql } from 'kysely';
import type { Bus, Subscription } from '../bus/bus.js';
import { processOnce } from '../bus/inbox.js';
import type { Db, Executor } from '../store/schema.js';
import { EVENTS_TOPIC, type EventMessage } from './ingest.js';

export const EVENT_STATS_CONSUMER = 'event-stats';

export function minuteOf(iso: string): Date {
  const d = new Date(iso);
  d.setUTCSeconds(0, 0);
  return d;
}

export function startEventStats(deps: { db: Db; bus: Bus; clock: () => Date }): Subscription {
  return deps.bus.subscribe<EventMessage>({
    topic: EVENTS_TOPIC,
    group: EVENT_STATS_CONSUMER,
    concurrency: 8,
    handler: async (delivery) => {
      const m = delivery.payload;
      await processOnce(deps.db, EVENT_STATS_CONSUMER, delivery.id, deps.clock(), async (tx) => {
        await tx
          .insertInto('event_processing')
          .values({ seq: m.seq, processed_at: deps.clock() })
          .onConflict((oc) => oc.column('seq').doUpdateSet({ times: sql`event_processing.times + 1` }))
          .execute();
        await tx
          .insertInto('event_counts')
          .values({ minute: minuteOf(m.received_at), type: m.type, count: 1 })
          .onConflict((oc) => oc.columns(['minute', 'type']).doUpdateSet({ count: sql`event_counts.count + 1` }))
          .execute();
      });
    },
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
