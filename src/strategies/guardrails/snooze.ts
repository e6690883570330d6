// Per-entity snoozes: while one is in force, automated actions on the entity (from one strategy, or all)
// are suppressed, e.g. for a partner account under manual handling or a known false positive.
import { sql } from 'kysely';
import { entityKey, type EntityRef } from '../../domain/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor } from '../../store/schema.js';

export interface Snooze {
  id: number;
  entity: EntityRef;
  strategy_id: string | null;
  until: string;
  reason: string;
  created_at: string;
  created_by: string;
}

export async function snoozeEntity(db: Db, input: { entity: EntityRef; strategy_id?: string | null; until: Date; reason?: string }, actor: string, now: Date): Promise<Snooze> {
  const row = await db
    .insertInto('entity_snoozes')
    .values({ entity_type: input.entity.type, entity_id: input.entity.id, strategy_id: input.strategy_id ?? null, until: input.until, reason: input.reason ?? '', created_at: now, created_by: actor })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(db, now, { actor, action: 'entity.snooze', target_type: input.entity.type, target_id: input.entity.id, details: { strategy: input.strategy_id ?? null, until: input.until.toISOString() } });
  return { id: row.id, entity: input.entity, strategy_id: row.strategy_id, until: row.until.toISOString(), reason: row.reason, created_at: row.created_at.toISOString(), created_by: row.created_by };
}

export async function listSnoozes(ex: Executor, now: Date): Promise<Snooze[]> {
  const rows = await ex.selectFrom('entity_snoozes').selectAll().where('until', '>', now).orderBy('id', 'desc').limit(1000).execute();
  return rows.map((r) => ({ id: r.id, entity: { type: r.entity_type as EntityRef['type'], id: r.entity_id }, strategy_id: r.strategy_id, until: r.until.toISOString(), reason: r.reason, created_at: r.created_at.toISOString(), created_by: r.created_by }));
}

export async function endSnooze(ex: Executor, id: number, now: Date): Promise<boolean> {
  const res = await ex.updateTable('entity_snoozes').set({ until: now }).where('id', '=', id).where('until', '>', now).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Snoozes in force at `now` on any of the entities: entity key -> strategy ids ('*' for all). */
export async function snoozesOf(ex: Executor, refs: readonly EntityRef[], now: Date): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!refs.length) return out;
  const { rows } = await sql<{ entity_type: string; entity_id: string; strategy_id: string | null }>`
    SELECT s.entity_type, s.entity_id, s.strategy_id FROM entity_snoozes s
    JOIN unnest(${refs.map((r) => r.type)}::text[], ${refs.map((r) => r.id)}::text[]) AS r(type, id) ON s.entity_type = r.type AND s.entity_id = r.id
    WHERE s.until > ${now}`.execute(ex);
  for (const r of rows) {
    const key = entityKey({ type: r.entity_type as EntityRef['type'], id: r.entity_id });
    out.set(key, (out.get(key) ?? new Set()).add(r.strategy_id ?? '*'));
  }
  return out;
}
