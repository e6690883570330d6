// The read side of decisions: the explorer's list and detail (why did this fire), and per-strategy hit
// counts over the last day for the strategy list and its sparkline.
import { sql } from 'kysely';
import { NotFoundError } from '../../catalogue/index.js';
import type { Db, Executor } from '../../store/schema.js';

export interface DecisionRecord {
  id: number;
  event_seq: number;
  event_id: string;
  event_type: string;
  event_time: string;
  decided_at: string;
  strategy_id: string;
  strategy_version: number;
  rule: string;
  mode: string;
  applied: boolean;
  policy_id: string;
  severity: number;
  entity: { type: string; id: string } | null;
  actions: unknown[];
  evidence: Record<string, unknown>;
}

export interface DecisionFilter {
  strategy?: string;
  version?: number;
  mode?: string;
  entity?: { type: string; id: string };
  event_id?: string;
  /** Keyset paging: decisions with id below this (newest first). */
  before?: number;
  limit: number;
}

type Row = Omit<DecisionRecord, 'event_time' | 'decided_at' | 'entity'> & { event_time: Date; decided_at: Date; entity_type: string | null; entity_id: string | null };
const toRecord = ({ entity_type, entity_id, ...r }: Row): DecisionRecord => ({
  ...r,
  event_time: r.event_time.toISOString(),
  decided_at: r.decided_at.toISOString(),
  entity: entity_type && entity_id ? { type: entity_type, id: entity_id } : null,
});

export async function listDecisions(ex: Executor, f: DecisionFilter): Promise<DecisionRecord[]> {
  let q = ex.selectFrom('decisions').selectAll();
  if (f.strategy) q = q.where('strategy_id', '=', f.strategy);
  if (f.version !== undefined) q = q.where('strategy_version', '=', f.version);
  if (f.mode) q = q.where('mode', '=', f.mode);
  if (f.entity) q = q.where('entity_type', '=', f.entity.type).where('entity_id', '=', f.entity.id);
  if (f.event_id) q = q.where('event_id', '=', f.event_id);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => toRecord(r as unknown as Row));
}

export async function getDecision(ex: Executor, id: number): Promise<DecisionRecord> {
  const row = await ex.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no decision ${id}`);
  return toRecord(row as unknown as Row);
}

export interface StrategyActivity {
  strategy_id: string;
  /** Decisions per hour over the last 24 hours, oldest first (applied and shadow apart). */
  hourly: { applied: number[]; shadow: number[] };
  applied_24h: number;
  shadow_24h: number;
}

export async function strategyActivity(ex: Executor, now: Date): Promise<StrategyActivity[]> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const { rows } = await sql<{ strategy_id: string; applied: boolean; hour: number; n: string }>`
    SELECT strategy_id, applied, floor(extract(epoch FROM (decided_at - ${since}::timestamptz)) / 3600)::int AS hour, count(*)::text AS n
    FROM decisions WHERE decided_at >= ${since} AND decided_at <= ${now}
    GROUP BY 1, 2, 3`.execute(ex);
  const out = new Map<string, StrategyActivity>();
  for (const r of rows) {
    const a = out.get(r.strategy_id) ?? { strategy_id: r.strategy_id, hourly: { applied: Array(24).fill(0), shadow: Array(24).fill(0) }, applied_24h: 0, shadow_24h: 0 };
    const hour = Math.min(23, Math.max(0, r.hour));
    if (r.applied) {
      a.hourly.applied[hour] += Number(r.n);
      a.applied_24h += Number(r.n);
    } else {
      a.hourly.shadow[hour] += Number(r.n);
      a.shadow_24h += Number(r.n);
    }
    out.set(r.strategy_id, a);
  }
  return [...out.values()];
}

/** Shadow beside live: on the events both versions saw, where they agree and where they differ. Counts and rows come from one snapshot. */
export async function shadowDiff(db: Db, strategyId: string, shadowVersion: number, limit: number) {
  return db.transaction().setIsolationLevel('repeatable read').execute((tx) => shadowDiffIn(tx, strategyId, shadowVersion, limit));
}

async function shadowDiffIn(ex: Executor, strategyId: string, shadowVersion: number, limit: number) {
  const { rows } = await sql<{ event_id: string; event_time: Date; live_rule: string | null; shadow_rule: string | null; entity_type: string | null; entity_id: string | null }>`
    WITH s AS (SELECT event_id, event_time, rule, entity_type, entity_id FROM decisions WHERE strategy_id = ${strategyId} AND strategy_version = ${shadowVersion}),
         l AS (SELECT event_id, event_time, rule, entity_type, entity_id FROM decisions WHERE strategy_id = ${strategyId} AND mode = 'live'
               AND event_time >= coalesce((SELECT min(event_time) FROM s), now()))
    SELECT coalesce(s.event_id, l.event_id) AS event_id, coalesce(s.event_time, l.event_time) AS event_time, l.rule AS live_rule, s.rule AS shadow_rule,
           coalesce(s.entity_type, l.entity_type) AS entity_type, coalesce(s.entity_id, l.entity_id) AS entity_id
    FROM s FULL JOIN l ON s.event_id = l.event_id
    ORDER BY 2 DESC LIMIT ${limit}`.execute(ex);
  const counts = await sql<{ both: string; only_shadow: string; only_live: string }>`
    WITH s AS (SELECT event_id, event_time FROM decisions WHERE strategy_id = ${strategyId} AND strategy_version = ${shadowVersion}),
         l AS (SELECT event_id FROM decisions WHERE strategy_id = ${strategyId} AND mode = 'live' AND event_time >= coalesce((SELECT min(event_time) FROM s), now()))
    SELECT count(*) FILTER (WHERE s.event_id IS NOT NULL AND l.event_id IS NOT NULL)::text AS both,
           count(*) FILTER (WHERE l.event_id IS NULL)::text AS only_shadow,
           count(*) FILTER (WHERE s.event_id IS NULL)::text AS only_live
    FROM s FULL JOIN l ON s.event_id = l.event_id`.execute(ex);
  const c = counts.rows[0]!;
  return {
    both: Number(c.both),
    only_shadow: Number(c.only_shadow),
    only_live: Number(c.only_live),
    rows: rows.map((r) => ({ ...r, event_time: r.event_time.toISOString(), entity: r.entity_type && r.entity_id ? { type: r.entity_type, id: r.entity_id } : null })),
  };
}
