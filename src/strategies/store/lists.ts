// Named allow and deny lists that strategies test membership in (`author.id in list("trusted_sellers")`).
// Changing a list touches its updated_at, which makes running strategies reload it.
import { ConflictError, createOnce, NotFoundError } from '../../catalogue/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor } from '../../store/schema.js';

export const LIST_KINDS = ['allow', 'deny'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const MAX_LIST_ITEMS_PER_CALL = 100_000;

export interface NamedList {
  id: string;
  kind: ListKind;
  description: string;
  size: number;
  updated_at: string;
  updated_by: string;
}

export async function listLists(ex: Executor, only?: string): Promise<NamedList[]> {
  let q = ex.selectFrom('lists as l');
  if (only !== undefined) q = q.where('l.id', '=', only);
  const rows = await q
    .leftJoin('list_items as i', 'i.list_id', 'l.id')
    .select(({ fn }) => ['l.id', 'l.kind', 'l.description', 'l.updated_at', 'l.updated_by', fn.count<string>('i.value').as('size')])
    .groupBy(['l.id', 'l.kind', 'l.description', 'l.updated_at', 'l.updated_by'])
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as ListKind, description: r.description, size: Number(r.size), updated_at: r.updated_at.toISOString(), updated_by: r.updated_by }));
}

export async function getList(ex: Executor, id: string): Promise<NamedList & { items: string[] }> {
  const [list] = await listLists(ex, id);
  if (!list) throw new NotFoundError(`no list ${id}`);
  const items = await ex.selectFrom('list_items').select('value').where('list_id', '=', id).orderBy('value').execute();
  return { ...list, items: items.map((i) => i.value) };
}

export async function createList(db: Db, input: { id: string; kind: ListKind; description?: string; items?: string[] }, actor: string, now: Date): Promise<NamedList> {
  await createOnce(`list ${input.id}`, () =>
    db.transaction().execute(async (tx) => {
      await tx.insertInto('lists').values({ id: input.id, kind: input.kind, description: input.description ?? '', updated_at: now, updated_by: actor }).execute();
      await insertItems(tx, input.id, input.items ?? []);
      await appendAudit(tx, now, { actor, action: 'list.create', target_type: 'list', target_id: input.id, details: { items: input.items?.length ?? 0 } });
    }),
  );
  return (await listLists(db, input.id))[0]!;
}

async function insertItems(ex: Executor, id: string, items: string[]) {
  const unique = [...new Set(items)];
  for (let i = 0; i < unique.length; i += 5000)
    await ex
      .insertInto('list_items')
      .values(unique.slice(i, i + 5000).map((value) => ({ list_id: id, value })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** Adds and removes items in one change. */
export async function changeListItems(db: Db, id: string, change: { add?: string[]; remove?: string[] }, actor: string, now: Date): Promise<NamedList> {
  await db.transaction().execute(async (tx) => {
    const found = await tx.selectFrom('lists').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!found) throw new NotFoundError(`no list ${id}`);
    if (change.add?.length) await insertItems(tx, id, change.add);
    if (change.remove?.length) await tx.deleteFrom('list_items').where('list_id', '=', id).where('value', 'in', change.remove).execute();
    await tx.updateTable('lists').set({ updated_at: now, updated_by: actor }).where('id', '=', id).execute();
    await appendAudit(tx, now, { actor, action: 'list.change', target_type: 'list', target_id: id, details: { added: change.add?.length ?? 0, removed: change.remove?.length ?? 0 } });
  });
  return (await listLists(db, id))[0]!;
}

export async function deleteList(db: Db, id: string, actor: string, now: Date): Promise<void> {
  const users = await db.selectFrom('strategy_versions').select(['strategy_id', 'version']).where('state', 'in', ['live', 'shadow', 'rollout']).where('source', 'like', `%list("${id}")%`).execute();
  if (users.length) throw new ConflictError(`list ${id} is used by running strategies: ${users.map((u) => `${u.strategy_id} v${u.version}`).join(', ')}`);
  const res = await db.deleteFrom('lists').where('id', '=', id).executeTakeFirst();
  if (!Number(res.numDeletedRows)) throw new NotFoundError(`no list ${id}`);
  await appendAudit(db, now, { actor, action: 'list.delete', target_type: 'list', target_id: id, details: {} });
}

/** Every list's items, for the running strategies. */
export async function loadListItems(ex: Executor): Promise<Map<string, Set<string>>> {
  const rows = await ex.selectFrom('list_items').select(['list_id', 'value']).execute();
  const out = new Map<string, Set<string>>();
  for (const l of await ex.selectFrom('lists').select('id').execute()) out.set(l.id, new Set());
  for (const r of rows) out.get(r.list_id)!.add(r.value);
  return out;
}
