// Restart of the embedded store through the checkpoint table, on both database backends: restore the
// last checkpoint, re-apply the events after its seq (some of which the lost process had applied), go on.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { describeEachBackend, testDatabase } from '../../../test/support/db.js';
import { loadCounterCheckpoint, saveCounterCheckpoint } from './checkpoint.js';
import { MemoryCounterStore } from './memory.js';
import { applyBoth, batches, opsOf, prng, randomStream, Reference } from './test-fixtures.js';

const LATENESS = 20_000;

describeEachBackend('counter checkpoints', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
  });
  afterAll(async () => {
    await database.close();
  });

  it('a store restored from its checkpoint replays the events after it and goes on exactly', async () => {
    const name = `pipeline-${backend}-replay`;
    const reference = new Reference();
    const rand = prng(606);
    const all = batches(randomStream({ seed: 606, events: 900, lateness: LATENESS }), rand);
    const [checkpointAt, crashAt] = [40, 55];
    const lost = new MemoryCounterStore({ lateness: LATENESS });
    const answered: number[][] = [];
    for (const [i, batch] of all.slice(0, crashAt).entries()) {
      const { got, want, all: every } = await applyBoth(lost, reference, batch);
      expect(got).toEqual(want);
      if (i === checkpointAt - 1) {
        const seq = batch[batch.length - 1].seq;
        await database.db.transaction().execute((tx) => saveCounterCheckpoint(tx, name, seq, lost, new Date('2026-01-01T00:00:00Z')));
      }
      if (i >= checkpointAt) answered.push(every.got);
    }

    const loaded = await loadCounterCheckpoint(database.db, name, { lateness: LATENESS });
    expect(loaded?.seq).toBe(all[checkpointAt - 1].at(-1)!.seq);
    expect(loaded?.savedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const store = loaded!.store;
    for (const [i, batch] of all.slice(checkpointAt, crashAt).entries()) expect(store.applySync(opsOf(batch))).toEqual(answered[i]);
    for (const batch of all.slice(crashAt)) {
      const { got, want } = await applyBoth(store, reference, batch);
      expect(got).toEqual(want);
    }
  });

  it('keeps a large state byte for byte; a later save replaces the checkpoint; an unknown name has none', async () => {
    const name = `pipeline-${backend}-large`;
    const store = new MemoryCounterStore();
    const rand = prng(1);
    const ops = Array.from({ length: 200_000 }, (_, i) => ({
      key: i % 3 === 0 ? 'gift|hot' : `acct|${i % 5000}`,
      aggregate: i % 3 === 0 ? ('sum' as const) : ('distinct' as const),
      windowMs: 60_000,
      timeMs: 1_700_000_000_000 + Math.floor(i / 5),
      seq: i + 1,
      observe: true,
      value: Math.round(rand() * 10_000) / 100,
      item: `device-${Math.floor(rand() * 100)}`,
    }));
    store.applySync(ops.slice(0, 1000));
    await saveCounterCheckpoint(database.db, name, 1000, store, new Date());
    store.applySync(ops.slice(1000));
    await saveCounterCheckpoint(database.db, name, 200_000, store, new Date());
    const loaded = await loadCounterCheckpoint(database.db, name);
    expect(loaded?.seq).toBe(200_000);
    expect(loaded!.store.snapshot().equals(store.snapshot())).toBe(true);
    expect(await loadCounterCheckpoint(database.db, `${name}-never`)).toBeUndefined();
  });
});
