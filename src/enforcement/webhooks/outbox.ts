// The webhook outbox: one delivery row per (action, enabled endpoint that wants its kind), written in
// the caller's transaction, so a delivery exists exactly when its action does. The row holds the whole
// payload: every attempt sends the same id and the same body.
import type { Executor } from '../../store/schema.js';
import type { ActionRecord } from '../actions.js';
import { wantsKind } from './endpoints.js';

export const ACTION_CREATED = 'action.created';
export const PING = 'ping';

/** The body of an action delivery. */
export interface ActionWebhookPayload {
  id: string;
  type: typeof ACTION_CREATED;
  created_at: string;
  data: { action: ActionRecord };
}

/** The body of a test delivery. */
export interface PingWebhookPayload {
  id: string;
  type: typeof PING;
  created_at: string;
  data: { endpoint_id: string };
}

const INSERT_CHUNK = 1000;

/** Stable: the same endpoint and action always give the same id, so enqueueing twice is harmless. */
export const actionDeliveryId = (endpointId: string, actionSeq: number) => `${endpointId}.a${actionSeq}`;
export const entityKey = (action: Pick<ActionRecord, 'entity'>) => `${action.entity.type}:${action.entity.id}`;

/** Inserts the deliveries of these actions in the caller's transaction; returns how many. */
export async function enqueueActionWebhooks(tx: Executor, actions: readonly ActionRecord[], now: Date): Promise<number> {
  if (!actions.length) return 0;
  const endpoints = await tx.selectFrom('webhook_endpoints').select(['id', 'action_kinds']).where('enabled', '=', true).orderBy('id').execute();
  if (!endpoints.length) return 0;
  const rows = [];
  for (const action of actions) {
    for (const endpoint of endpoints) {
      if (!wantsKind(endpoint, action.action)) continue;
      const id = actionDeliveryId(endpoint.id, action.seq);
      const payload: ActionWebhookPayload = { id, type: ACTION_CREATED, created_at: now.toISOString(), data: { action } };
      rows.push({
        id,
        endpoint_id: endpoint.id,
        action_seq: action.seq,
        entity_key: entityKey(action),
        event_type: ACTION_CREATED,
        payload: JSON.stringify(payload),
        status: 'pending' as const,
        next_attempt_at: now,
        created_at: now,
      });
    }
  }
  let count = 0;
  // Chunks keep a large batch of actions under the protocol's limit of bound parameters per statement.
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const inserted = await tx
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    count += Number(inserted.numInsertedOrUpdatedRows ?? 0);
  }
  return count;
}
