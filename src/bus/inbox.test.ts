import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../test/support/db.js';
import type { Database } from '../store/database.js';
import type { Delivery } from './bus.js';
import { batchingHandler, processBatchOnce } from './inbox.js';

const d = (id: string, n: number): Delivery<{ n: number }> => ({ topic: 't', key: 'k', id, payload: { n }, attempt: 1 });
const now = new Date('2026-11-01T00:00:00Z');

describeEachBackend('exactly-once batches', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
  });
  beforeEach(() => resetDatabase(database.db));
  afterAll(() => database.close());

  const applied = async () => (await database.db.selectFrom('audit_log').select('target_id').orderBy('target_id').execute()).map((r) => r.target_id);
  const record = (fresh: Delivery<{ n: number }>[]) => async (tx: Parameters<Parameters<typeof processBatchOnce>[4]>[0]) => {
    await tx.insertInto('audit_log').values(fresh.map((f) => ({ at: now, actor: 't', action: 'applied', target_type: 'x', target_id: f.id, details: '{}' }))).execute();
  };

  it('applies each message once across redelivered batches and duplicates inside a batch', async () => {
    const first = await processBatchOnce(database.db, 'c', [d('a', 1), d('b', 2), d('a', 1)], now, (tx, fresh) => record(fresh)(tx));
    expect(first.map((f) => f.id)).toEqual(['a', 'b']);
    const second = await processBatchOnce(database.db, 'c', [d('b', 2), d('c', 3)], now, (tx, fresh) => record(fresh)(tx));
    expect(second.map((f) => f.id)).toEqual(['c']);
    expect(await applied()).toEqual(['a', 'b', 'c']);
    // Another consumer keeps its own record.
    expect((await processBatchOnce(database.db, 'other', [d('a', 1)], now, async () => undefined)).map((f) => f.id)).toEqual(['a']);
  });

  it('records nothing when the effects fail, so a redelivery applies them', async () => {
    await expect(processBatchOnce(database.db, 'c', [d('x', 1)], now, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await processBatchOnce(database.db, 'c', [d('x', 1)], now, (tx, fresh) => record(fresh)(tx))).map((f) => f.id)).toEqual(['x']);
    expect(await applied()).toEqual(['x']);
  });

  it('gathers concurrent deliveries into batches and fails every delivery of a failed batch', async () => {
    const sizes: number[] = [];
    let fail = true;
    const handle = batchingHandler<{ n: number }>(database.db, 'batcher', () => now, async (tx, fresh) => {
      sizes.push(fresh.length);
      if (fail) throw new Error('first batch fails');
      await record(fresh)(tx);
    }, { maxBatch: 50, maxWaitMs: 10 });
    const firstTry = await Promise.allSettled(Array.from({ length: 120 }, (_, i) => handle(d(`m${i}`, i))));
    expect(firstTry.every((r) => r.status === 'rejected')).toBe(true);
    fail = false;
    sizes.length = 0;
    await Promise.all(Array.from({ length: 120 }, (_, i) => handle(d(`m${i}`, i))));
    expect(sizes).toEqual([50, 50, 20]);
    expect((await applied()).length).toBe(120);
  });
});
