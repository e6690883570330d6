import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../test/support/db.js';
import type { Database } from '../store/database.js';
import { startOrderedConsumer, type OrderedMessage } from './ordered-log.js';
import { writeOutbox } from './outbox-table.js';

const now = new Date('2026-11-01T00:00:00Z');

describeEachBackend('the ordered log consumer', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
  });
  beforeEach(() => resetDatabase(database.db));
  const running: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const c of running.splice(0)) await c.stop();
  });
  afterAll(() => database.close());

  const publish = (from: number, n: number, topic = 'events') =>
    writeOutbox(database.db, Array.from({ length: n }, (_, i) => ({ topic, key: `k${(from + i) % 7}`, id: `m${from + i}`, payload: { n: from + i } })));
  const applied = async () => (await database.db.selectFrom('audit_log').select('target_id').orderBy('seq').execute()).map((r) => Number(r.target_id));

  it('applies every message once, strictly in publish order across keys, in batches, and resumes from its position', async () => {
    await publish(0, 230);
    const batches: number[] = [];
    let failOnce = true;
    const start = () =>
      startOrderedConsumer<{ n: number }>({
        db: database.db,
        topic: 'events',
        group: 'g',
        maxBatch: 100,
        onError: () => undefined,
        handler: async (tx, messages: OrderedMessage<{ n: number }>[]) => {
          batches.push(messages.length);
          await tx.insertInto('audit_log').values(messages.map((m) => ({ at: now, actor: 't', action: 'applied', target_type: 'x', target_id: String(m.payload.n), details: '{}' }))).execute();
          if (failOnce && messages.some((m) => m.payload.n === 150)) {
            failOnce = false;
            throw new Error('the batch holding 150 fails once');
          }
        },
      });
    await publish(1000, 5, 'other');
    let consumer = start();
    running.push(consumer);
    await consumer.drained();
    expect(await applied()).toEqual(Array.from({ length: 230 }, (_, i) => i));
    expect(batches).toEqual([100, 100, 100, 30]); // the failed batch of 100 was rolled back and read again
    await consumer.stop();
    await publish(230, 20);
    consumer = start();
    running.push(consumer);
    await consumer.drained();
    expect(await applied()).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(await consumer.lag()).toBe(0);
    await consumer.stop();
  });
});
