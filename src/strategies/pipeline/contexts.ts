// Reads what deciding a batch of events needs from the store, in a few queries for the whole batch:
// the events, the entities around them (stored state with each event's own attributes on top), their
// earlier actions, and the material hits on their items. Views of one entity share their labels and
// action lists, so an action taken on an earlier event of the batch is seen by the later ones.
import { sql } from 'kysely';
import { describeEvent, entityKey, type EntityRef, type VigilEvent } from '../../domain/index.js';
import { CLEARING_ACTIONS, HUMAN_SOURCES, type HumanClearing } from '../../enforcement/index.js';
import { hitRowsOf, type MaterialSet } from '../../materials/index.js';
import type { Executor } from '../../store/schema.js';
import type { EntityView, PriorAction } from '../language/index.js';
import type { PipelineEvent, SpanHit } from './evaluate.js';

export interface StoredEventMeta {
  seq: number;
  id: string;
  type: string;
  eventTime: Date;
}

/** Labels and actions of one entity, shared by every view of it in the batch. */
export interface EntityState {
  ref: EntityRef;
  labels: string[];
  actions: PriorAction[];
  /** The latest human action per policy ('' for none), to tell whether a moderator cleared it. */
  human: Map<string, { action: string; atMs: number }>;
}

export interface BatchContext {
  events: PipelineEvent[];
  /** Every material hit on the batch's items (testing materials included), as material_hits rows. */
  hitRows?: Awaited<ReturnType<typeof hitRowsOf>>;
  meta: StoredEventMeta[];
  state: Map<string, EntityState>;
}

const refsParam = (refs: EntityRef[]) => ({ types: refs.map((r) => r.type), ids: refs.map((r) => r.id) });

export interface EventRow {
  seq: number;
  id: string;
  type: string;
  event_time: Date;
  language: string | null;
  body: unknown;
}

export async function loadBatchContext(ex: Executor, materials: MaterialSet, lists: ReadonlyMap<string, ReadonlySet<string>>, batch: readonly { order: number; seq: number }[]): Promise<BatchContext> {
  if (!batch.length) return { events: [], hitRows: [], meta: [], state: new Map() };
  const rows = await ex.selectFrom('events').select(['seq', 'id', 'type', 'event_time', 'language', 'body']).where('seq', 'in', batch.map((b) => b.seq)).execute();
  const bySeq = new Map(rows.map((r) => [r.seq, r as EventRow]));
  return contextsFor(ex, materials, lists, batch.map((b) => ({ order: b.order, row: bySeq.get(b.seq) })).filter((b): b is { order: number; row: EventRow } => !!b.row));
}

/** Contexts for events given whole (stored ones, or one being decided before it is stored). */
export async function contextsFor(ex: Executor, materials: MaterialSet, lists: ReadonlyMap<string, ReadonlySet<string>>, ordered: readonly { order: number; row: EventRow }[]): Promise<BatchContext> {
  const described = ordered.map((b) => describeEvent(b.row!.body as unknown as VigilEvent));
  const refs = new Map<string, EntityRef>();
  for (const d of described) for (const m of d.mentions) refs.set(entityKey(m), { type: m.type, id: m.id });
  const refList = [...refs.values()];
  const { types, ids } = refsParam(refList);
  // One round trip for the entities and their actions (as [action, policy, source, effective_at ms] in log order).
  const [entities, hitRows] = await Promise.all([
    refList.length
      ? sql<{ type: string; id: string; attrs: Record<string, unknown> | null; labels: string[] | null; first_seen: Date | null; actions: [string, string | null, string, number][] }>`
          SELECT r.type, r.id, e.attrs, e.labels, e.first_seen,
                 coalesce((SELECT json_agg(json_build_array(a.action, a.policy_id, a.source, (extract(epoch FROM a.effective_at) * 1000)::float8) ORDER BY a.seq)
                           FROM actions a WHERE a.entity_type = r.type AND a.entity_id = r.id), '[]'::json) AS actions
          FROM unnest(${types}::text[], ${ids}::text[]) AS r(type, id)
          -- One primary-key probe per entity (OFFSET 0 keeps the planner from turning this into a hash
          -- join over the whole entities table, which it prefers for a thousand refs until the table is large).
          LEFT JOIN LATERAL (SELECT e.attrs, e.labels, e.first_seen FROM entities e WHERE e.type = r.type AND e.id = r.id OFFSET 0) e ON true`.execute(ex)
      : Promise.resolve({ rows: [] }),
    hitRowsOf(
      ex,
      materials,
      ordered.map((b) => ({ seq: b.row!.seq, id: b.row!.id, event_time: b.row!.event_time, language: b.row!.language, body: b.row!.body as unknown as VigilEvent })),
    ),
  ]);
  const stored = new Map(entities.rows.filter((e) => e.first_seen !== null).map((e) => [`${e.type}:${e.id}`, e]));
  const state = new Map<string, EntityState>();
  for (const [key, ref] of refs) state.set(key, { ref, labels: [...(stored.get(key)?.labels ?? [])], actions: [], human: new Map() });
  for (const e of entities.rows) {
    const s = state.get(`${e.type}:${e.id}`)!;
    for (const [action, policy, source, atMs] of e.actions) {
      s.actions.push({ action, policy, atMs });
      if (HUMAN_SOURCES.has(source)) s.human.set(policy ?? '', { action, atMs });
    }
  }
  const hitsBySeq = new Map<number, SpanHit[]>();
  for (const h of hitRows) {
    if (h.test) continue;
    const list = hitsBySeq.get(h.event_seq) ?? [];
    list.push({ material_id: h.material_id, package_id: h.package_id, package_version: h.package_version, policy_id: h.policy_id, severity: h.severity, field: h.field, span_start: h.span_start, span_end: h.span_end, matched: h.matched });
    hitsBySeq.set(h.event_seq, list);
  }
  const events: PipelineEvent[] = ordered.map((b, i) => {
    const row = b.row!;
    const d = described[i]!;
    const roles: Record<string, EntityView> = {};
    for (const m of d.mentions) {
      const key = entityKey(m);
      const s = state.get(key)!;
      const base = stored.get(key);
      roles[m.role] = { type: m.type, id: m.id, attrs: { ...(base?.attrs ?? {}), ...m.attrs }, labels: s.labels, firstSeenMs: base?.first_seen?.getTime() ?? null, actions: s.actions };
    }
    const hits = hitsBySeq.get(row.seq) ?? [];
    return {
      order: b.order,
      seq: row.seq,
      rolloutKey: d.partitionKey,
      hits,
      ctx: { event: row.body as unknown as VigilEvent, timeMs: row.event_time.getTime(), text: d.text ?? '', language: row.language, roles, hits, lists },
    };
  });
  return { events, hitRows, meta: ordered.map((b) => ({ seq: b.row!.seq, id: b.row!.id, type: b.row!.type, eventTime: b.row!.event_time })), state };
}

/** Moderators' clearings of the entities of a batch, as the precedence rules read them. */
export function clearingsOf(state: ReadonlyMap<string, EntityState>): HumanClearing[] {
  const out: HumanClearing[] = [];
  for (const s of state.values()) for (const [policy, last] of s.human) if (CLEARING_ACTIONS.has(last.action)) out.push({ entity: s.ref, policy: policy || null });
  return out;
}
