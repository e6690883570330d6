// Exactly-once effects over an at-least-once bus: a consumer applies a message's effects and records its id
// in one transaction; a redelivered message finds its id recorded and is skipped.
import { sql } from 'kysely';
import type { Db, Tx } from '../store/schema.js';
import type { Delivery } from './bus.js';

/** Runs `apply` unless `consumer` already processed `messageId`. Returns whether it ran. */
export async function processOnce(db: Db, consumer: string, messageId: string, now: Date, apply: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('consumer_inbox')
      .values({ consumer, message_id: messageId, processed_at: now })
      .onConflict((oc) => oc.columns(['consumer', 'message_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await apply(tx);
    return true;
  });
}

/**
 * The batch form of processOnce: records every id in one statement and applies effects for the ones not
 * processed before, all in one transaction. Returns the deliveries whose effects were applied.
 */
export async function processBatchOnce<T>(db: Db, consumer: string, deliveries: Delivery<T>[], now: Date, apply: (tx: Tx, fresh: Delivery<T>[]) => Promise<void>): Promise<Delivery<T>[]> {
  if (!deliveries.length) return [];
  return db.transaction().execute(async (tx) => {
    const ids = [...new Set(deliveries.map((d) => d.id))];
    const { rows } = await sql<{ message_id: string }>`
      INSERT INTO consumer_inbox (consumer, message_id, processed_at)
      SELECT ${consumer}, id, ${now} FROM unnest(${ids}::text[]) AS id
      ON CONFLICT (consumer, message_id) DO NOTHING
      RETURNING message_id`.execute(tx);
    const inserted = new Set(rows.map((r) => r.message_id));
    const seen = new Set<string>();
    const fresh = deliveries.filter((d) => inserted.has(d.id) && !seen.has(d.id) && seen.add(d.id));
    if (fresh.length) await apply(tx, fresh);
    return fresh;
  });
}

export interface BatchingOptions {
  /** Flush when this many deliveries are waiting. */
  maxBatch?: number;
  /** Flush at the latest this long after the first delivery arrived. */
  maxWaitMs?: number;
}

/**
 * A bus handler that gathers concurrent deliveries into one exactly-once transaction. Each delivery is
 * acknowledged (its handler call resolves) only after the batch that holds it committed; if the batch
 * fails, every delivery in it fails and the bus redelivers them. Subscribe with a high concurrency.
 */
export function batchingHandler<T>(
  db: Db,
  consumer: string,
  clock: () => Date,
  apply: (tx: Tx, fresh: Delivery<T>[]) => Promise<void>,
  options: BatchingOptions = {},
): (delivery: Delivery<T>) => Promise<void> {
  const maxBatch = options.maxBatch ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 20;
  let waiting: { delivery: Delivery<T>; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    if (!batch.length) return;
    processBatchOnce(db, consumer, batch.map((w) => w.delivery), clock(), apply).then(
      () => batch.forEach((w) => w.resolve()),
      (err) => batch.forEach((w) => w.reject(err)),
    );
  };
  return (delivery) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ delivery, resolve, reject });
      if (waiting.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, maxWaitMs);
    });
}
