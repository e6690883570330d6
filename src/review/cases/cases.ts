// Cases: investigations that group entities, review tasks, verdicts, decisions, actions and evidence, with
// notes, an owner, tags and a status (open, or closed with a resolution). Every change is appended to the
// case's timeline (who, when, what; append-only, enforced by a trigger) and to the audit log, in the same
// transaction as the change. Links are checked: an unknown entity, decision, action or media is refused.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { ConflictError, NotFoundError, UnknownReferenceError } from '../../catalogue/index.js';
import { ENTITY_TYPES, entityKey, type EntityRef, type EntityType } from '../../domain/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor, Tx } from '../../store/schema.js';
import { isUniqueViolation } from '../../store/types.js';

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_ITEM_KINDS = ['entity', 'review_task', 'verdict', 'decision', 'action', 'evidence'] as const;
export type CaseItemKind = (typeof CASE_ITEM_KINDS)[number];
export const TIMELINE_KINDS = ['created', 'updated', 'owner_changed', 'item_added', 'item_removed', 'note', 'closed', 'reopened'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type Evidence = { type: 'media'; sha256: string } | { type: 'url'; url: string } | { type: 'text'; text: string };

/** What can be linked to a case. `id` is the review task's or verdict's id, the decision's id, or the action's seq. */
export type CaseItemInput =
  | { kind: 'entity'; entity: EntityRef; note?: string }
  | { kind: 'review_task' | 'verdict' | 'decision' | 'action'; id: number; note?: string }
  | { kind: 'evidence'; evidence: Evidence; note?: string };

export interface CaseItem {
  id: number;
  kind: CaseItemKind;
  /** The item's key within its kind: "type:id" for an entity, the id (seq) as text, or "media:…", "url:…", "text:…". */
  ref: string;
  entity: EntityRef | null;
  /** For review tasks, verdicts, decisions (id) and actions (seq). */
  target_id: number | null;
  evidence: Evidence | null;
  note: string;
  added_at: string;
  added_by: string;
}

export interface CaseRecord {
  id: number;
  title: string;
  description: string;
  owner: string | null;
  status: CaseStatus;
  resolution: string | null;
  tags: string[];
  created_at: string;
  created_by: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  /** Items currently linked. */
  item_count: number;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: string;
  kind: TimelineKind;
  details: Record<string, unknown>;
}

export interface CaseDetail extends CaseRecord {
  items: CaseItem[];
  /** Oldest first, in the order the changes were made. */
  timeline: TimelineEntry[];
}

/** Input the HTTP schema lets through but the case cannot accept (empty title after trimming, a bad tag…). */
export class InvalidCaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCaseError';
  }
}

export const LIMITS = { title: 200, description: 20_000, owner: 200, tag: 50, tags: 20, note: 20_000, resolution: 2_000, url: 2_000 } as const;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_.:/-]*$/u;
const SHA256 = /^[0-9a-f]{64}$/;

function text(value: string, field: string, max: number, required: boolean): string {
  const t = value.trim();
  if (required && !t) throw new InvalidCaseError(`${field} must not be empty`);
  if (t.length > max) throw new InvalidCaseError(`${field} is longer than ${max} characters`);
  return t;
}

function normalizeTags(tags: readonly string[]): string[] {
  const out = [...new Set(tags.map((t) => t.trim()))];
  if (out.length > LIMITS.tags) throw new InvalidCaseError(`at most ${LIMITS.tags} tags`);
  for (const t of out) {
    if (!TAG.test(t) || t.length > LIMITS.tag) throw new InvalidCaseError(`tag ${JSON.stringify(t)} is not valid: letters, digits and _ . : / - up to ${LIMITS.tag} characters, starting with a letter or digit`);
  }
  return out;
}

function normalizeOwner(owner: string | null | undefined): string | null {
  if (owner === undefined || owner === null) return null;
  return text(owner, 'owner', LIMITS.owner, false) || null;
}

// ---- rows to records ----

type CaseRow = {
  id: number;
  title: string;
  description: string;
  owner: string | null;
  status: 'open' | 'closed';
  resolution: string | null;
  tags: string[];
  created_at: Date;
  created_by: string;
  updated_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  item_count?: number | string;
};
const toCase = (r: CaseRow): CaseRecord => ({
  id: Number(r.id),
  title: r.title,
  description: r.description,
  owner: r.owner,
  status: r.status,
  resolution: r.resolution,
  tags: r.tags,
  created_at: r.created_at.toISOString(),
  created_by: r.created_by,
  updated_at: r.updated_at.toISOString(),
  closed_at: r.closed_at?.toISOString() ?? null,
  closed_by: r.closed_by,
  item_count: Number(r.item_count ?? 0),
});

type ItemRow = { id: number; kind: string; ref: string; entity_type: string | null; entity_id: string | null; evidence: Record<string, unknown> | null; note: string; added_at: Date; added_by: string };
const toItem = (r: ItemRow): CaseItem => ({
  id: Number(r.id),
  kind: r.kind as CaseItemKind,
  ref: r.ref,
  entity: r.entity_type && r.entity_id ? { type: r.entity_type as EntityType, id: r.entity_id } : null,
  target_id: ['review_task', 'verdict', 'decision', 'action'].includes(r.kind) ? Number(r.ref) : null,
  evidence: (r.evidence as Evidence | null) ?? null,
  note: r.note,
  added_at: r.added_at.toISOString(),
  added_by: r.added_by,
});

/** A short human label for an item, kept in the timeline so it still reads after the item is removed. */
export function itemLabel(item: Pick<CaseItem, 'kind' | 'entity' | 'target_id' | 'evidence'>): string {
  switch (item.kind) {
    case 'entity':
      return `${item.entity!.type} ${item.entity!.id}`;
    case 'review_task':
      return `review task #${item.target_id}`;
    case 'verdict':
      return `verdict #${item.target_id}`;
    case 'decision':
      return `decision #${item.target_id}`;
    case 'action':
      return `action #${item.target_id}`;
    case 'evidence': {
      const e = item.evidence!;
      if (e.type === 'media') return `media ${e.sha256.slice(0, 12)}…`;
      if (e.type === 'url') return `link ${e.url}`;
      return `note "${e.text.length > 60 ? `${e.text.slice(0, 57)}…` : e.text}"`;
    }
  }
}

const caseColumns = ['id', 'title', 'description', 'owner', 'status', 'resolution', 'tags', 'created_at', 'created_by', 'updated_at', 'closed_at', 'closed_by'] as const;

// ---- writing helpers ----

async function appendTimeline(tx: Tx, caseId: number, at: Date, actor: string, kind: TimelineKind, details: Record<string, unknown>): Promise<void> {
  await tx.insertInto('case_timeline').values({ case_id: caseId, at, actor, kind, details: JSON.stringify(details) }).execute();
  await appendAudit(tx, at, { actor, action: `case.${kind}`, target_type: 'case', target_id: String(caseId), details });
}

/** Locks the case row for the rest of the transaction, so concurrent changes to one case queue up. */
async function lockCase(tx: Tx, id: number): Promise<CaseRow> {
  const row = await tx.selectFrom('cases').select(caseColumns).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError(`no case ${id}`);
  return row as CaseRow;
}

/** Checks the input and that what it points at exists; returns the row to insert (without case and who/when). */
async function resolveItem(ex: Executor, input: CaseItemInput): Promise<{ kind: CaseItemKind; ref: string; entity_type: string | null; entity_id: string | null; evidence: Evidence | null; note: string }> {
  const note = text(input.note ?? '', 'note', LIMITS.note, false);
  const base = { entity_type: null, entity_id: null, evidence: null, note };
  if (!CASE_ITEM_KINDS.includes(input.kind)) throw new InvalidCaseError(`kind must be one of ${CASE_ITEM_KINDS.join(', ')}`);
  switch (input.kind) {
    case 'entity': {
      const { type, id } = input.entity ?? ({} as EntityRef);
      if (!ENTITY_TYPES.includes(type) || typeof id !== 'string' || !id) throw new InvalidCaseError(`entity must be { type: ${ENTITY_TYPES.join('|')}, id }`);
      const known = await ex.selectFrom('entities').select('id').where('type', '=', type).where('id', '=', id).executeTakeFirst();
      if (!known) throw new UnknownReferenceError(`entity ${type}/${id} is not known to Vigil: no event has mentioned it`);
      return { ...base, kind: 'entity', ref: entityKey({ type, id }), entity_type: type, entity_id: id };
    }
    case 'review_task':
    case 'verdict':
    case 'decision':
    case 'action': {
      const id = input.id;
      if (!Number.isSafeInteger(id) || id < 1) throw new InvalidCaseError(`id must be a positive integer`);
      let found = true;
      if (input.kind === 'decision') found = !!(await ex.selectFrom('decisions').select('id').where('id', '=', id).executeTakeFirst());
      else if (input.kind === 'action') found = !!(await ex.selectFrom('actions').select('seq').where('seq', '=', id).executeTakeFirst());
      else if (input.kind === 'review_task') found = !!(await ex.selectFrom('review_tasks').select('id').where('id', '=', id).executeTakeFirst());
      else found = !!(await ex.selectFrom('review_verdicts').select('id').where('id', '=', id).executeTakeFirst());
      const what = { review_task: 'review task', verdict: 'verdict', decision: 'decision', action: 'action (by seq)' }[input.kind];
      if (!found) throw new UnknownReferenceError(`no ${what} ${id}`);
      return { ...base, kind: input.kind, ref: String(id) };
    }
    case 'evidence': {
      const e = input.evidence as Evidence | undefined;
      if (e?.type === 'media') {
        const sha = String(e.sha256 ?? '').toLowerCase();
        if (!SHA256.test(sha)) throw new InvalidCaseError('evidence.sha256 must be 64 hex digits');
        const known = await ex.selectFrom('media').select('sha256').where('sha256', '=', sha).executeTakeFirst();
        if (!known) throw new UnknownReferenceError(`no media ${sha} in the media store`);
        return { ...base, kind: 'evidence', ref: `media:${sha}`, evidence: { type: 'media', sha256: sha } };
      }
      if (e?.type === 'url') {
        const raw = text(String(e.url ?? ''), 'evidence.url', LIMITS.url, true);
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          throw new InvalidCaseError(`evidence.url ${JSON.stringify(raw)} is not a URL`);
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidCaseError('evidence.url must be an http or https URL');
        return { ...base, kind: 'evidence', ref: `url:${url.href}`, evidence: { type: 'url', url: url.href } };
      }
      if (e?.type === 'text') {
        const t = text(String(e.text ?? ''), 'evidence.text', LIMITS.note, true);
        return { ...base, kind: 'evidence', ref: `text:${createHash('md5').update(t).digest('hex')}`, evidence: { type: 'text', text: t } };
      }
      throw new InvalidCaseError('evidence must be { type: "media", sha256 }, { type: "url", url } or { type: "text", text }');
    }
  }
}

async function insertItem(tx: Tx, caseId: number, input: CaseItemInput, actor: string, now: Date): Promise<CaseItem> {
  const resolved = await resolveItem(tx, input);
  const existing = await tx.selectFrom('case_items').select('id').where('case_id', '=', caseId).where('kind', '=', resolved.kind).where('ref', '=', resolved.ref).where('removed_at', 'is', null).executeTakeFirst();
  if (existing) throw new ConflictError(`case ${caseId} already has ${itemLabel(toItem({ ...resolved, id: 0, added_at: now, added_by: actor, evidence: resolved.evidence }))} (item ${existing.id})`);
  let row: ItemRow;
  try {
    row = (await tx
      .insertInto('case_items')
      .values({ case_id: caseId, ...resolved, evidence: resolved.evidence ? JSON.stringify(resolved.evidence) : null, added_at: now, added_by: actor })
      .returningAll()
      .executeTakeFirstOrThrow()) as ItemRow;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`case ${caseId} already has that item`);
    throw err;
  }
  const item = toItem(row);
  await appendTimeline(tx, caseId, now, actor, 'item_added', { item_id: item.id, kind: item.kind, ref: item.ref, label: itemLabel(item), ...(item.note ? { note: item.note } : {}) });
  return item;
}

const touch = (tx: Tx, id: number, now: Date) => tx.updateTable('cases').set({ updated_at: now }).where('id', '=', id).execute();

function refuseIfClosed(row: CaseRow, doing: string) {
  if (row.status === 'closed') throw new ConflictError(`case ${row.id} is closed; reopen it before ${doing}`);
}

// ---- the operations ----

export interface NewCase {
  title: string;
  description?: string;
  owner?: string | null;
  tags?: string[];
  /** Linked at creation, each with its own timeline entry. */
  items?: CaseItemInput[];
}

export async function createCase(db: Db, input: NewCase, actor: string, now: Date): Promise<CaseDetail> {
  const title = text(input.title, 'title', LIMITS.title, true);
  const description = text(input.description ?? '', 'description', LIMITS.description, false);
  const owner = normalizeOwner(input.owner);
  const tags = normalizeTags(input.tags ?? []);
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('cases').values({ title, description, owner, tags, created_at: now, created_by: actor, updated_at: now, closed_at: null, closed_by: null, resolution: null }).returning('id').executeTakeFirstOrThrow();
    const caseId = Number(row.id);
    await appendTimeline(tx, caseId, now, actor, 'created', { title, owner, tags });
    for (const item of input.items ?? []) await insertItem(tx, caseId, item, actor, now);
    return caseId;
  });
  return getCase(db, id);
}

export interface CaseFilter {
  status?: CaseStatus;
  owner?: string;
  entity?: EntityRef;
  tag?: string;
  /** Keyset paging, newest first: cases with id below this. */
  before?: number;
  limit: number;
}

function withItemCount(ex: Executor) {
  return ex
    .selectFrom('cases as c')
    .select(caseColumns.map((c) => `c.${c}` as const))
    .select((eb) => eb.selectFrom('case_items as i').select(eb.fn.countAll().as('n')).whereRef('i.case_id', '=', 'c.id').where('i.removed_at', 'is', null).as('item_count'));
}

/** Cases matching every given filter, newest first; `next_before` pages on (null on the last page). */
export async function listCases(ex: Executor, f: CaseFilter): Promise<{ cases: CaseRecord[]; next_before: number | null }> {
  let q = withItemCount(ex);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.owner) q = q.where('c.owner', '=', f.owner);
  if (f.tag) q = q.where(sql<boolean>`c.tags @> ARRAY[${f.tag}]::text[]`);
  if (f.entity) {
    const ref = entityKey(f.entity);
    q = q.where((eb) => eb.exists(eb.selectFrom('case_items as e').select('e.id').whereRef('e.case_id', '=', 'c.id').where('e.kind', '=', 'entity').where('e.ref', '=', ref).where('e.removed_at', 'is', null)));
  }
  if (f.before !== undefined) q = q.where('c.id', '<', f.before);
  const rows = (await q.orderBy('c.id', 'desc').limit(f.limit + 1).execute()) as CaseRow[];
  const cases = rows.slice(0, f.limit).map(toCase);
  return { cases, next_before: rows.length > f.limit ? cases[cases.length - 1].id : null };
}

/** The cases an entity is currently linked to, newest first. */
export async function casesOfEntity(ex: Executor, entity: EntityRef, limit = 100): Promise<CaseRecord[]> {
  return (await listCases(ex, { entity, limit })).cases;
}

export async function getCase(ex: Executor, id: number): Promise<CaseDetail> {
  const row = (await withItemCount(ex).where('c.id', '=', id).executeTakeFirst()) as CaseRow | undefined;
  if (!row) throw new NotFoundError(`no case ${id}`);
  const items = await ex.selectFrom('case_items').selectAll().where('case_id', '=', id).where('removed_at', 'is', null).orderBy('id').execute();
  const timeline = await ex.selectFrom('case_timeline').selectAll().where('case_id', '=', id).orderBy('seq').execute();
  return {
    ...toCase(row),
    items: items.map((r) => toItem(r as ItemRow)),
    timeline: timeline.map((t) => ({ seq: Number(t.seq), at: t.at.toISOString(), actor: t.actor, kind: t.kind as TimelineKind, details: t.details })),
  };
}

export interface CasePatch {
  title?: string;
  description?: string;
  owner?: string | null;
  tags?: string[];
}

/** Changes title, description, tags ('updated' entry with before and after) and owner ('owner_changed'). */
export async function updateCase(db: Db, id: number, patch: CasePatch, actor: string, now: Date): Promise<CaseDetail> {
  const next: { title?: string; description?: string; tags?: string[]; owner?: string | null } = {};
  if (patch.title !== undefined) next.title = text(patch.title, 'title', LIMITS.title, true);
  if (patch.description !== undefined) next.description = text(patch.description, 'description', LIMITS.description, false);
  if (patch.tags !== undefined) next.tags = normalizeTags(patch.tags);
  if (patch.owner !== undefined) next.owner = normalizeOwner(patch.owner);
  await db.transaction().execute(async (tx) => {
    const row = await lockCase(tx, id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (next.title !== undefined && next.title !== row.title) changes.title = { from: row.title, to: next.title };
    if (next.description !== undefined && next.description !== row.description) changes.description = { from: row.description, to: next.description };
    if (next.tags !== undefined && JSON.stringify(next.tags) !== JSON.stringify(row.tags)) changes.tags = { from: row.tags, to: next.tags };
    const ownerChanged = next.owner !== undefined && next.owner !== row.owner;
    if (!Object.keys(changes).length && !ownerChanged) return;
    await tx
      .updateTable('cases')
      .set({ ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])), ...(ownerChanged ? { owner: next.owner } : {}), updated_at: now })
      .where('id', '=', id)
      .execute();
    if (Object.keys(changes).length) await appendTimeline(tx, id, now, actor, 'updated', { changes });
    if (ownerChanged) await appendTimeline(tx, id, now, actor, 'owner_changed', { from: row.owner, to: next.owner });
  });
  return getCase(db, id);
}

export async function addCaseItem(db: Db, id: number, input: CaseItemInput, actor: string, now: Date): Promise<CaseItem> {
  return db.transaction().execute(async (tx) => {
    refuseIfClosed(await lockCase(tx, id), 'adding items');
    const item = await insertItem(tx, id, input, actor, now);
    await touch(tx, id, now);
    return item;
  });
}

export async function removeCaseItem(db: Db, id: number, itemId: number, actor: string, now: Date, reason = ''): Promise<void> {
  await db.transaction().execute(async (tx) => {
    refuseIfClosed(await lockCase(tx, id), 'removing items');
    const row = await tx.selectFrom('case_items').selectAll().where('id', '=', itemId).where('case_id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
    if (!row) throw new NotFoundError(`case ${id} has no item ${itemId}`);
    await tx.updateTable('case_items').set({ removed_at: now, removed_by: actor }).where('id', '=', itemId).execute();
    const item = toItem(row as ItemRow);
    const why = text(reason, 'reason', LIMITS.note, false);
    await appendTimeline(tx, id, now, actor, 'item_removed', { item_id: item.id, kind: item.kind, ref: item.ref, label: itemLabel(item), ...(why ? { reason: why } : {}) });
    await touch(tx, id, now);
  });
}

/** Notes are timeline entries of kind 'note'; they can be added to closed cases too. */
export async function addCaseNote(db: Db, id: number, note: string, actor: string, now: Date): Promise<TimelineEntry> {
  const body = text(note, 'note', LIMITS.note, true);
  return db.transaction().execute(async (tx) => {
    await lockCase(tx, id);
    await appendTimeline(tx, id, now, actor, 'note', { text: body });
    await touch(tx, id, now);
    const t = await tx.selectFrom('case_timeline').selectAll().where('case_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    return { seq: Number(t.seq), at: t.at.toISOString(), actor: t.actor, kind: 'note', details: t.details };
  });
}

export async function closeCase(db: Db, id: number, resolution: string, actor: string, now: Date): Promise<CaseDetail> {
  const why = text(resolution, 'resolution', LIMITS.resolution, true);
  await db.transaction().execute(async (tx) => {
    const row = await lockCase(tx, id);
    if (row.status === 'closed') throw new ConflictError(`case ${id} is already closed`);
    await tx.updateTable('cases').set({ status: 'closed', resolution: why, closed_at: now, closed_by: actor, updated_at: now }).where('id', '=', id).execute();
    await appendTimeline(tx, id, now, actor, 'closed', { resolution: why });
  });
  return getCase(db, id);
}

export async function reopenCase(db: Db, id: number, reason: string, actor: string, now: Date): Promise<CaseDetail> {
  const why = text(reason, 'reason', LIMITS.resolution, false);
  await db.transaction().execute(async (tx) => {
    const row = await lockCase(tx, id);
    if (row.status === 'open') throw new ConflictError(`case ${id} is already open`);
    await tx.updateTable('cases').set({ status: 'open', resolution: null, closed_at: null, closed_by: null, updated_at: now }).where('id', '=', id).execute();
    await appendTimeline(tx, id, now, actor, 'reopened', { previous_resolution: row.resolution, ...(why ? { reason: why } : {}) });
  });
  return getCase(db, id);
}
