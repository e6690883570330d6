// The delivery queue's state changes, shared by the deliverer, the test ping and manual retries.
// Claiming takes due rows with FOR UPDATE SKIP LOCKED and pushes next_attempt_at past the attempt (a
// lease) before anything is sent, so several Vigil processes share the work and a process that dies
// mid-send leaves the row to be retried once the lease ends. A delivered row is never claimed again.
import { sql } from 'kysely';
import type { Db, Executor } from '../../store/schema.js';

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  /** This attempt's number (1 for the first). */
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints. A delivery waits while an earlier action's
 * delivery to the same endpoint for the same entity is still pending, so those go out in action order.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedDelivery>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND e.enabled
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries p
          WHERE p.endpoint_id = d.endpoint_id AND p.entity_key = d.entity_key AND p.status = 'pending' AND p.action_seq < d.action_seq)
      ORDER BY d.next_attempt_at, d.seq
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries w
    SET attempts = w.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${leaseUntil}
    FROM due, webhook_endpoints e
    WHERE w.id = due.id AND e.id = w.endpoint_id
    RETURNING w.id, w.endpoint_id, w.event_type, w.payload, w.attempts, e.url, e.secret`.execute(db);
  return rows;
}

/** Claims one delivery whatever its state or its endpoint's (the test ping sends at once). */
export async function claimOne(ex: Executor, id: string, now: Date, leaseUntil: Date): Promise<ClaimedDelivery | undefined> {
  const { rows } = await sql<ClaimedDelivery>`
    UPDATE webhook_deliveries w
    SET attempts = w.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${leaseUntil}
    FROM webhook_endpoints e
    WHERE w.id = ${id} AND w.status = 'pending' AND e.id = w.endpoint_id
    RETURNING w.id, w.endpoint_id, w.event_type, w.payload, w.attempts, e.url, e.secret`.execute(ex);
  return rows[0];
}

/** What one attempt came to. */
export type AttemptResult = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/**
 * Records an attempt's outcome. A 2xx marks the delivery delivered even if its lease had run out (the
 * receiver has it); a failure is recorded only while this attempt is still the latest claim, so a slow
 * attempt cannot overwrite a newer one. Returns whether the row changed.
 */
export async function recordAttempt(
  db: Db,
  claim: Pick<ClaimedDelivery, 'id' | 'attempts'>,
  result: AttemptResult,
  now: Date,
  retry: { giveUp: boolean; nextAttemptAt: Date },
): Promise<boolean> {
  if (result.ok) {
    const r = await db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivered', delivered_at: now, last_status_code: result.statusCode, last_error: null, next_attempt_at: now })
      .where('id', '=', claim.id)
      .where('status', '<>', 'delivered')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
  const r = await db
    .updateTable('webhook_deliveries')
    .set({
      status: retry.giveUp ? 'failed' : 'pending',
      next_attempt_at: retry.giveUp ? now : retry.nextAttemptAt,
      last_status_code: result.statusCode,
      last_error: result.error,
    })
    .where('id', '=', claim.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
