// Webhook endpoints: where enforcement actions are sent, with the secret that signs them and the action
// kinds they want. The secret is generated (or taken from the caller) at creation and returned only then.
import { randomBytes } from 'node:crypto';
import { ACTION_KINDS, type ActionKind } from '../../domain/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor } from '../../store/schema.js';
import { InvalidWebhookError, NotFoundError } from './errors.js';

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  /** Empty: every action kind. */
  action_kinds: ActionKind[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
  /** Deliveries waiting to go out (due, backing off or in flight), and deliveries given up on. */
  pending: number;
  failed: number;
}

export interface EndpointInput {
  url: string;
  description?: string;
  action_kinds?: ActionKind[];
  enabled?: boolean;
  /** A secret of the caller's; one is generated when absent. */
  secret?: string;
}

export type EndpointChanges = Partial<EndpointInput>;

export const MAX_URL_LENGTH = 2048;
export const MIN_SECRET_LENGTH = 16;
export const MAX_SECRET_LENGTH = 256;

export const generateSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;
const generateId = () => `wh_${randomBytes(5).toString('hex')}`;

/** An absolute http(s) URL, in its normalised form. */
export function checkUrl(url: string): string {
  if (url.length > MAX_URL_LENGTH) throw new InvalidWebhookError('url', `url is longer than ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidWebhookError('url', `url "${url}" is not an absolute URL (expected e.g. https://platform.example/vigil/webhooks)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidWebhookError('url', `url must use http or https, not ${parsed.protocol.replace(/:$/, '')}`);
  if (parsed.hash) throw new InvalidWebhookError('url', 'url must not have a #fragment (it is never sent to the server)');
  return parsed.toString();
}

function checkSecret(secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) throw new InvalidWebhookError('secret', `secret must be ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters long`);
  if (/[^\x21-\x7e]/.test(secret)) throw new InvalidWebhookError('secret', 'secret must be printable ASCII without spaces');
  return secret;
}

function checkKinds(kinds: readonly string[]): ActionKind[] {
  const unknown = kinds.filter((k) => !(ACTION_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new InvalidWebhookError('action_kinds', `unknown action kind ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${ACTION_KINDS.join(', ')}`);
  return [...new Set(kinds)] as ActionKind[];
}

type Row = { id: string; url: string; description: string; action_kinds: string[]; enabled: boolean; created_at: Date; updated_at: Date };

async function withCounts(ex: Executor, rows: Row[]): Promise<WebhookEndpoint[]> {
  if (!rows.length) return [];
  const counts = await ex
    .selectFrom('webhook_deliveries')
    .select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('endpoint_id', 'in', rows.map((r) => r.id))
    .where('status', 'in', ['pending', 'failed'])
    .groupBy(['endpoint_id', 'status'])
    .execute();
  const count = (id: string, status: string) => Number(counts.find((c) => c.endpoint_id === id && c.status === status)?.n ?? 0);
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    description: r.description,
    action_kinds: r.action_kinds as ActionKind[],
    enabled: r.enabled,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
    pending: count(r.id, 'pending'),
    failed: count(r.id, 'failed'),
  }));
}

const columns = ['id', 'url', 'description', 'action_kinds', 'enabled', 'created_at', 'updated_at'] as const;

export async function listEndpoints(ex: Executor): Promise<WebhookEndpoint[]> {
  return withCounts(ex, await ex.selectFrom('webhook_endpoints').select(columns).orderBy('created_at').orderBy('id').execute());
}

export async function getEndpoint(ex: Executor, id: string): Promise<WebhookEndpoint> {
  const row = await ex.selectFrom('webhook_endpoints').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`webhook endpoint "${id}" does not exist`);
  return (await withCounts(ex, [row]))[0];
}

/** Creates an endpoint; the answer carries the secret, which is never shown again. */
export async function createEndpoint(db: Db, input: EndpointInput, actor: string, now: Date): Promise<WebhookEndpoint & { secret: string }> {
  const url = checkUrl(input.url);
  const secret = input.secret === undefined ? generateSecret() : checkSecret(input.secret);
  const action_kinds = checkKinds(input.action_kinds ?? []);
  const enabled = input.enabled ?? true;
  const id = generateId();
  return db.transaction().execute(async (tx) => {
    await tx.insertInto('webhook_endpoints').values({ id, url, secret, description: input.description ?? '', action_kinds, enabled, created_at: now, updated_at: now }).execute();
    await appendAudit(tx, now, { actor, action: 'webhook.create', target_type: 'webhook_endpoint', target_id: id, details: { url, action_kinds, enabled } });
    return { ...(await getEndpoint(tx, id)), secret };
  });
}

/** Changes what is given; a new secret signs every delivery sent from now on, including pending ones. */
export async function updateEndpoint(db: Db, id: string, changes: EndpointChanges, actor: string, now: Date): Promise<WebhookEndpoint> {
  const shown: Record<string, unknown> = {};
  if (changes.url !== undefined) shown.url = checkUrl(changes.url);
  if (changes.action_kinds !== undefined) shown.action_kinds = checkKinds(changes.action_kinds);
  if (changes.description !== undefined) shown.description = changes.description;
  if (changes.enabled !== undefined) shown.enabled = changes.enabled;
  const secret = changes.secret === undefined ? {} : { secret: checkSecret(changes.secret) };
  return db.transaction().execute(async (tx) => {
    const updated = await tx.updateTable('webhook_endpoints').set({ ...shown, ...secret, updated_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
    if (!updated) throw new NotFoundError(`webhook endpoint "${id}" does not exist`);
    // The audit log records that the secret changed, never the secret.
    await appendAudit(tx, now, { actor, action: 'webhook.update', target_type: 'webhook_endpoint', target_id: id, details: { ...shown, ...(changes.secret !== undefined ? { secret: 'changed' } : {}) } });
    return getEndpoint(tx, id);
  });
}

/** Removes the endpoint with its delivery log; deliveries still pending are dropped. */
export async function deleteEndpoint(db: Db, id: string, actor: string, now: Date): Promise<WebhookEndpoint> {
  return db.transaction().execute(async (tx) => {
    const endpoint = await getEndpoint(tx, id);
    await tx.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
    await appendAudit(tx, now, { actor, action: 'webhook.delete', target_type: 'webhook_endpoint', target_id: id, details: { url: endpoint.url } });
    return endpoint;
  });
}

/** Whether an endpoint wants actions of this kind. */
export function wantsKind(endpoint: { action_kinds: string[] }, kind: string): boolean {
  return endpoint.action_kinds.length === 0 || endpoint.action_kinds.includes(kind);
}
