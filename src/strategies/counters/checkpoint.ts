// Durable checkpoints of the embedded counter store, in the database beside everything else. A checkpoint
// is a snapshot plus the ingest seq it covers: restore it, re-apply the events after that seq (apply is
// idempotent per key and seq), and the counters are where they were.
import type { Executor } from '../../store/schema.js';
import type { CounterStoreOptions } from './counter-store.js';
import { MemoryCounterStore } from './memory.js';

/**
 * Saves `store` under `name` as covering every event up to `seq` (it may hold later ones too). Pass a
 * transaction to save it together with the work it covers.
 */
export async function saveCounterCheckpoint(ex: Executor, name: string, seq: number, store: MemoryCounterStore, now: Date): Promise<void> {
  const state = store.snapshot();
  await ex
    .insertInto('counter_checkpoints')
    .values({ name, seq, state, saved_at: now })
    .onConflict((oc) =>
      // From `excluded`, so the state travels to the server once, not twice.
      oc.column('name').doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), state: eb.ref('excluded.state'), saved_at: eb.ref('excluded.saved_at') })),
    )
    .execute();
}

/** The checkpoint saved under `name`, restored into a new store; undefined when there is none yet. */
export async function loadCounterCheckpoint(ex: Executor, name: string, options: CounterStoreOptions = {}): Promise<{ seq: number; store: MemoryCounterStore; savedAt: Date } | undefined> {
  const row = await ex.selectFrom('counter_checkpoints').select(['seq', 'state', 'saved_at']).where('name', '=', name).executeTakeFirst();
  if (!row) return undefined;
  return { seq: row.seq, store: MemoryCounterStore.restore(row.state, options), savedAt: row.saved_at };
}
