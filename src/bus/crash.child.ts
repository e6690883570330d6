// The consumer process crash.test.ts kills: it consumes one topic with the bus on a PostgreSQL server
// and applies a counter effect per message through processOnce, until it is killed. Not part of Vigil.
import { sql } from 'kysely';
import { openDatabase } from '../store/database.js';
import { createBus, processOnce } from './index.js';

const url = process.env.VIGIL_CRASH_DATABASE_URL;
const topic = process.env.VIGIL_CRASH_TOPIC;
if (!url || !topic) throw new Error('VIGIL_CRASH_DATABASE_URL and VIGIL_CRASH_TOPIC must be set');

const database = await openDatabase({ url, migrate: false, poolSize: 6 });
const bus = await createBus({ db: database.db, onError: () => undefined });
const minute = new Date('2026-01-01T00:00:00Z');

bus.subscribe({
  topic,
  group: 'crash',
  concurrency: 8,
  maxAttempts: 1000,
  retryDelayMs: () => 20,
  handler: async (d) => {
    // Every seventh message fails its first attempt before any effect, so retries are parked and found again across kills.
    if (Number(d.id.split('-')[1]) % 7 === 0 && d.attempt === 1) throw new Error('first attempt fails');
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
    await processOnce(database.db, 'crash', d.id, new Date(), async (tx) => {
      await tx
        .insertInto('event_counts')
        .values({ minute, type: d.id, count: 1 })
        .onConflict((oc) => oc.columns(['minute', 'type']).doUpdateSet({ count: sql<number>`event_counts.count + 1` }))
        .execute();
    });
  },
});
process.stdout.write('ready\n');
