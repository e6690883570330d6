// Recording statements of reasons in the caller's transaction (one multi-row insert per batch of actions),
// reading them back newest first, and exporting them oldest first in the TDB API's batches.
import { sql } from 'kysely';
import type { EntityRef } from '../../domain/index.js';
import { isRestrictingVerb } from '../../domain/dsa.js';
import type { Executor, Tx } from '../../store/schema.js';
import type { ActionRecord } from '../actions.js';
import { buildStatement, type StatementContext, type StatementEntity, type StatementPolicy } from './build.js';
import { DEFAULT_STATEMENT_SETTINGS, type StatementSettings } from './settings.js';
import { TDB_FIELDS, type StatementRecord, type TdbStatement } from './types.js';
import { assertValidStatement } from './validate.js';

/** The TDB API takes at most 100 statements per call. */
export const EXPORT_BATCH_MAX = 100;
export const MAX_STATEMENT_PAGE = 200;

export interface StatementItem extends StatementContext {
  action: ActionRecord;
}

const INSERT_CHUNK = 1000;

/**
 * Stores the statement of reasons of every restricting action that names a policy, in the caller's
 * transaction; other actions get none. Each statement is validated against the TDB rules first: an
 * invalid one is a bug and throws, rolling the transaction back. Defaults: strategy actions are detected
 * and decided fully automatically; manual, review and appeal actions are not automated; the source is the
 * platform's own initiative (SOURCE_VOLUNTARY).
 */
export async function recordStatements(tx: Tx, items: readonly StatementItem[], now: Date): Promise<void> {
  const due = items.filter((i) => i.action.policy !== null && isRestrictingVerb(i.action.action) && i.action.reverts_seq === null);
  if (!due.length) return;
  const policyIds = [...new Set(due.map((i) => i.action.policy!))];
  const entityKeys = new Map<string, EntityRef>();
  for (const i of due) entityKeys.set(`${i.action.entity.type}\u0000${i.action.entity.id}`, i.action.entity);
  // The policies, the entities and the settings in one round trip: this runs in every pipeline batch.
  const tuples = sql.join([...entityKeys.values()].map((r) => sql`(${r.type}, ${r.id})`));
  const { rows: found } = await sql<{ settings: Partial<StatementSettings> | null; policies: StatementPolicy[] | null; entities: (Omit<StatementEntity, 'first_seen'> & { id: string; first_seen: string })[] | null }>`
    SELECT
      (SELECT settings FROM statement_settings WHERE id = 1) AS settings,
      (SELECT json_agg(json_build_object('id', id, 'name', name, 'definition', definition, 'dsa_category', dsa_category, 'version', version))
         FROM policies WHERE id IN (${sql.join(policyIds)})) AS policies,
      (SELECT json_agg(json_build_object('type', type, 'id', id, 'attrs', attrs, 'first_seen', first_seen))
         FROM entities WHERE (type, id) IN (${tuples})) AS entities`.execute(tx);
  const got = found[0]!;
  const settings: StatementSettings = { ...DEFAULT_STATEMENT_SETTINGS, ...(got.settings ?? {}) };
  const policyById = new Map<string, StatementPolicy>((got.policies ?? []).map((p) => [p.id, p]));
  const entityByKey = new Map<string, StatementEntity>((got.entities ?? []).map((e) => [`${e.type}\u0000${e.id}`, { type: e.type, attrs: e.attrs, first_seen: new Date(e.first_seen) }]));
  const rows = [];
  for (const item of due) {
    const { action } = item;
    const policy = policyById.get(action.policy!);
    if (!policy) throw new Error(`action ${action.seq} names policy ${action.policy}, which does not exist`);
    const statement = buildStatement({ ...item, policy, entity: entityByKey.get(`${action.entity.type}\u0000${action.entity.id}`), settings });
    if (!statement) continue;
    assertValidStatement(statement);
    rows.push({
      id: action.seq,
      puid: statement.puid,
      created_at: now,
      entity_type: action.entity.type,
      entity_id: action.entity.id,
      policy_id: policy.id,
      action: action.action,
      tdb: JSON.stringify(statement),
    });
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await tx
      .insertInto('statements')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
}

/** The TDB fields in the schema's order (jsonb keeps its own key order). */
export function orderedStatement(tdb: Record<string, unknown>): TdbStatement {
  const out: Record<string, unknown> = {};
  for (const k of TDB_FIELDS) if (tdb[k] !== undefined && tdb[k] !== null) out[k] = tdb[k];
  return out as unknown as TdbStatement;
}

type Row = { id: number; puid: string; created_at: Date; entity_type: string; entity_id: string; policy_id: string; action: string; tdb: Record<string, unknown> };
const toRecord = (r: Row): StatementRecord => ({
  id: Number(r.id),
  puid: r.puid,
  created_at: r.created_at.toISOString(),
  entity: { type: r.entity_type, id: r.entity_id },
  policy: r.policy_id,
  action: r.action,
  statement: orderedStatement(r.tdb),
});

export interface StatementFilter {
  entity?: EntityRef;
  policy?: string;
  /** The seq of the action it explains. */
  action?: number;
  /** Keyset paging: statements older than this id. */
  before?: number;
  limit: number;
}

/** Newest first; `next_before` pages on to older ones (null: no more). */
export async function listStatements(ex: Executor, f: StatementFilter): Promise<{ statements: StatementRecord[]; next_before: number | null }> {
  let q = ex.selectFrom('statements').selectAll();
  if (f.entity) q = q.where('entity_type', '=', f.entity.type).where('entity_id', '=', f.entity.id);
  if (f.policy) q = q.where('policy_id', '=', f.policy);
  if (f.action !== undefined) q = q.where('id', '=', f.action);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  const rows = (await q.orderBy('id', 'desc').limit(f.limit + 1).execute()) as Row[];
  const page = rows.slice(0, f.limit).map(toRecord);
  return { statements: page, next_before: rows.length > f.limit ? page[page.length - 1]!.id : null };
}

export async function getStatement(ex: Executor, id: number): Promise<StatementRecord | undefined> {
  const row = await ex.selectFrom('statements').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row as Row) : undefined;
}

/**
 * One batch for the TDB API, oldest first after `after`: exactly the TDB fields of each statement, and
 * `next_after` to ask for the next batch with (null when this batch is the last one now).
 */
export async function exportStatements(ex: Executor, options: { after?: number; limit?: number }): Promise<{ statements: TdbStatement[]; next_after: number | null }> {
  const limit = options.limit ?? EXPORT_BATCH_MAX;
  if (!Number.isInteger(limit) || limit < 1 || limit > EXPORT_BATCH_MAX) throw new RangeError(`limit must be 1 to ${EXPORT_BATCH_MAX}`);
  const rows = await ex
    .selectFrom('statements')
    .select(['id', 'tdb'])
    .where('id', '>', options.after ?? 0)
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const batch = rows.slice(0, limit);
  return { statements: batch.map((r) => orderedStatement(r.tdb)), next_after: rows.length > limit ? Number(batch[batch.length - 1]!.id) : null };
}
