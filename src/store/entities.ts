// Reading entities and their neighbourhood for the entity pages and, later, for strategies and review.
import type { Executor } from './schema.js';

export interface EntityRow {
  type: string;
  id: string;
  attrs: Record<string, unknown>;
  labels: string[];
  first_seen: Date;
  last_seen: Date;
  event_count: number;
}

export interface RelatedEntity {
  kind: string;
  type: string;
  id: string;
  last_seen: Date;
}

export async function getEntity(ex: Executor, type: string, id: string): Promise<EntityRow | undefined> {
  return ex.selectFrom('entities').selectAll().where('type', '=', type).where('id', '=', id).executeTakeFirst() as Promise<EntityRow | undefined>;
}

/** Entities of a type whose id starts with `prefix`, most recently seen first. */
export async function searchEntities(ex: Executor, options: { type?: string; prefix?: string; limit: number }): Promise<EntityRow[]> {
  let q = ex.selectFrom('entities').selectAll();
  if (options.type) q = q.where('type', '=', options.type);
  if (options.prefix) {
    const escaped = options.prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where('id', 'like', `${escaped}%`);
  }
  return (await q.orderBy('last_seen', 'desc').limit(options.limit).execute()) as EntityRow[];
}

export async function relationsOf(ex: Executor, type: string, id: string, limit: number): Promise<{ outgoing: RelatedEntity[]; incoming: RelatedEntity[] }> {
  const [outgoing, incoming] = await Promise.all([
    ex
      .selectFrom('relations')
      .select(['kind', 'dst_type as type', 'dst_id as id', 'last_seen'])
      .where('src_type', '=', type)
      .where('src_id', '=', id)
      .orderBy('last_seen', 'desc')
      .limit(limit)
      .execute(),
    ex
      .selectFrom('relations')
      .select(['kind', 'src_type as type', 'src_id as id', 'last_seen'])
      .where('dst_type', '=', type)
      .where('dst_id', '=', id)
      .orderBy('last_seen', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { outgoing: outgoing as RelatedEntity[], incoming: incoming as RelatedEntity[] };
}
