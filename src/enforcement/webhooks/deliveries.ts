// The delivery log read side (newest first, keyset paging on the insertion order), manual retries of
// deliveries given up on, and the test ping, which is logged like any delivery and sent at once.
import { randomBytes } from 'node:crypto';
import type { Db, Executor } from '../../store/schema.js';
import type { WebhookDeliveryStatus } from '../../store/tables/webhooks.js';
import { appendAudit } from '../../store/audit.js';
import { getEndpoint } from './endpoints.js';
import { ConflictError, NotFoundError } from './errors.js';
import { PING, type PingWebhookPayload } from './outbox.js';
import { claimOne, recordAttempt } from './queue.js';
import { attemptDelivery, DEFAULT_TIMEOUT_MS, type FetchLike } from './send.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const satisfies readonly WebhookDeliveryStatus[];
export const MAX_LOG_PAGE = 500;

export interface WebhookDelivery {
  id: string;
  seq: number;
  endpoint_id: string;
  action_seq: number | null;
  /** "type:id" of the action's entity; null for a ping. */
  entity: string | null;
  event_type: string;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** Pending: when the next attempt is due (or the current attempt's lease ends). */
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Row = {
  id: string;
  seq: number;
  endpoint_id: string;
  action_seq: number | null;
  entity_key: string | null;
  event_type: string;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
};

const toDelivery = (r: Row): WebhookDelivery => ({
  id: r.id,
  seq: r.seq,
  endpoint_id: r.endpoint_id,
  action_seq: r.action_seq,
  entity: r.entity_key,
  event_type: r.event_type,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  next_attempt_at: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  last_attempt_at: iso(r.last_attempt_at),
  last_status_code: r.last_status_code,
  last_error: r.last_error,
  delivered_at: iso(r.delivered_at),
  created_at: r.created_at.toISOString(),
});

export interface DeliveryQuery {
  endpoint?: string;
  status?: WebhookDeliveryStatus;
  /** The `next_after` of the previous page: only deliveries older than it. */
  after?: number;
  limit: number;
}

export async function listDeliveries(ex: Executor, query: DeliveryQuery): Promise<{ deliveries: WebhookDelivery[]; next_after: number | null }> {
  const limit = Math.min(Math.max(1, query.limit), MAX_LOG_PAGE);
  let q = ex.selectFrom('webhook_deliveries').selectAll();
  if (query.endpoint) q = q.where('endpoint_id', '=', query.endpoint);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.after !== undefined) q = q.where('seq', '<', query.after);
  const rows = (await q.orderBy('seq', 'desc').limit(limit + 1).execute()) as Row[];
  const page = rows.slice(0, limit).map(toDelivery);
  return { deliveries: page, next_after: rows.length > limit ? page[page.length - 1].seq : null };
}

export async function getDelivery(ex: Executor, id: string): Promise<WebhookDelivery> {
  const row = await ex.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`webhook delivery "${id}" does not exist`);
  return toDelivery(row as Row);
}

/**
 * Puts a failed delivery back in the queue with a fresh set of attempts, due now (the deliverer sends it
 * once its endpoint is enabled). Only failed deliveries: a pending one is already queued, a delivered one
 * is never sent again.
 */
export async function retryDelivery(db: Db, id: string, actor: string, now: Date): Promise<WebhookDelivery> {
  return db.transaction().execute(async (tx) => {
    const current = await getDelivery(tx, id);
    if (current.status !== 'failed') {
      throw new ConflictError(`webhook delivery "${id}" is ${current.status}; only a failed delivery can be retried${current.status === 'pending' ? ' (this one is still queued)' : ''}`);
    }
    await tx.updateTable('webhook_deliveries').set({ status: 'pending', attempts: 0, next_attempt_at: now }).where('id', '=', id).where('status', '=', 'failed').execute();
    await appendAudit(tx, now, { actor, action: 'webhook.retry', target_type: 'webhook_delivery', target_id: id, details: { endpoint_id: current.endpoint_id, attempts_before: current.attempts } });
    return getDelivery(tx, id);
  });
}

/**
 * Sends a ping to an endpoint now (enabled or not: it is how an admin checks one before enabling it) and
 * logs it as a delivery. One attempt: a ping that fails is marked failed, and can be retried from the log.
 */
export async function sendPing(db: Db, endpointId: string, now: Date, options: { fetch?: FetchLike; timeoutMs?: number; clock?: () => Date } = {}): Promise<WebhookDelivery> {
  await getEndpoint(db, endpointId);
  const id = `${endpointId}.ping.${randomBytes(4).toString('hex')}`;
  const payload: PingWebhookPayload = { id, type: PING, created_at: now.toISOString(), data: { endpoint_id: endpointId } };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const lease = new Date(now.getTime() + timeoutMs + 20_000);
  await db
    .insertInto('webhook_deliveries')
    .values({ id, endpoint_id: endpointId, action_seq: null, entity_key: null, event_type: PING, payload: JSON.stringify(payload), status: 'pending', next_attempt_at: lease, created_at: now })
    .execute();
  const claim = await claimOne(db, id, now, lease);
  if (!claim) throw new NotFoundError(`webhook endpoint "${endpointId}" does not exist`);
  const result = await attemptDelivery(claim, now, { fetch: options.fetch, timeoutMs });
  await recordAttempt(db, claim, result, options.clock?.() ?? now, { giveUp: true, nextAttemptAt: now });
  return getDelivery(db, id);
}
