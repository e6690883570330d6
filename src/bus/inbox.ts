// Exactly-once effects over an at-least-once bus: a consumer applies a message's effects and records its id
// in one transaction; a redelivered message finds its id recorded and is skipped.
import type { Db, Tx } from '../store/schema.js';

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
