// A consumer that reads one topic of the outbox log strictly in publish order, in batches, and
// commits each batch's effects together with its position. It exists for work that must see events
// in ingest order (sliding-window counters, replay-equivalent decisions). Every message is published
// to the outbox table whichever bus relays it onward, so this works under both. One process at a
// time holds the group (a group lock); a batch that fails is rolled back and read again.
import { sql } from 'kysely';
import type { Db, Tx } from '../store/schema.js';
import { GroupLocks } from './group-locks.js';
import { OutboxReader, type OutboxRow } from './outbox-table.js';
import { Sleeper } from './sleeper.js';

export type OrderedMessage<T> = Pick<OutboxRow, 'seq' | 'key' | 'id'> & { payload: T };

export interface OrderedConsumerOptions<T> {
  db: Db;
  topic: string;
  group: string;
  /** Applies a batch (in publish order) inside the transaction that also records the new position. */
  handler: (tx: Tx, messages: OrderedMessage<T>[]) => Promise<void>;
  /** Runs before each batch's transaction opens: reads that must not wait behind it (PGlite is one session). */
  prepare?: (messages: OrderedMessage<T>[]) => Promise<void>;
  /** Runs after a batch committed (in-memory state that must follow the database). */
  afterCommit?: (messages: OrderedMessage<T>[]) => void;
  maxBatch?: number;
  idleMs?: number;
  onError?: (err: unknown, context: string) => void;
}

export interface OrderedConsumer {
  /** The position (outbox seq) up to which every message was applied. */
  readonly position: number;
  lag(): Promise<number>;
  /** Looks for new messages now instead of at the next poll. */
  wake(): void;
  /** Resolves once every message published up to now has been applied (tests, benchmarks). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

const FAILURE_BACKOFF_MS = 500;

export function startOrderedConsumer<T>(options: OrderedConsumerOptions<T>): OrderedConsumer {
  const { db, topic, group } = options;
  const maxBatch = options.maxBatch ?? 500;
  const idleMs = options.idleMs ?? 20;
  const onError = options.onError ?? ((err, context) => console.error(`[vigil ordered consumer] ${context}:`, err));
  const locks = new GroupLocks(db, onError);
  const lockName = `ordered:${group}:${topic}`;
  const reader = new OutboxReader(db, topic);
  const sleeper = new Sleeper();
  let position = -1;
  let stopping = false;
  let idleWaiters: (() => void)[] = [];

  async function loadPosition(): Promise<number> {
    // One statement: the row is created or read in the same snapshot.
    const row = await db
      .insertInto('bus_cursors')
      .values({ group_name: group, topic, position: 0 })
      .onConflict((oc) => oc.columns(['group_name', 'topic']).doUpdateSet((eb) => ({ position: eb.ref('bus_cursors.position') })))
      .returning('position')
      .executeTakeFirstOrThrow();
    reader.reset();
    return row.position;
  }

  async function step(): Promise<boolean> {
    if (!locks.holds(lockName)) {
      position = -1;
      if (!(await locks.tryAcquire(lockName))) return false;
    }
    if (position < 0) position = await loadPosition();
    const { rows, full } = await reader.readAfter(position, maxBatch);
    if (!rows.length) return false;
    const last = rows[rows.length - 1]!.seq;
    const from = position;
    const messages = rows.map((r) => ({ seq: r.seq, key: r.key, id: r.id, payload: r.payload as T }));
    await options.prepare?.(messages);
    await db.transaction().execute(async (tx) => {
      await options.handler(tx, messages);
      // Guarded by the old position: if another process took the group meanwhile, this batch rolls back.
      const moved = await sql`UPDATE bus_cursors SET position = ${last} WHERE group_name = ${group} AND topic = ${topic} AND position = ${from}`.execute(tx);
      if (Number(moved.numAffectedRows ?? 0) !== 1) throw new Error(`the position of ${group} on ${topic} moved under this process; giving the batch back`);
    });
    position = last;
    options.afterCommit?.(messages);
    return full;
  }

  const loop = (async () => {
    while (!stopping) {
      try {
        const more = await step();
        if (!more) {
          for (const w of idleWaiters) w();
          idleWaiters = [];
          if (!stopping) await sleeper.sleep(idleMs);
        }
      } catch (err) {
        if (stopping) break;
        onError(err, `applying ${topic} in order for ${group}`);
        position = -1;
        await sleeper.sleep(FAILURE_BACKOFF_MS);
      }
    }
  })();

  return {
    get position() {
      return position;
    },
    wake() {
      sleeper.wake();
    },
    async lag() {
      const { rows } = await sql<{ n: string }>`
        SELECT count(*)::text AS n FROM bus_outbox
        WHERE topic = ${topic} AND seq > coalesce((SELECT position FROM bus_cursors WHERE group_name = ${group} AND topic = ${topic}), 0)`.execute(db);
      return Number(rows[0]!.n);
    },
    async drained() {
      for (;;) {
        await new Promise<void>((resolve) => {
          idleWaiters.push(resolve);
          sleeper.wake();
        });
        if (stopping || (await this.lag()) === 0) return;
      }
    },
    async stop() {
      stopping = true;
      sleeper.wake();
      await loop;
      for (const w of idleWaiters) w();
      await locks.release(lockName).catch(() => undefined);
      await locks.close();
    },
  };
}
