// Recomputes the computed priority (./value.ts) of open tasks from what the store knows now: the
// signals on each task, the verdict record of the strategies that raised it, the reach of the entity
// (views and their velocity, a stream's viewers) and its media length. Runs when a signal arrives and,
// for every open task, on each assignment round, so a stream gaining viewers rises and a task nearing
// its deadline climbs.
import { sql } from 'kysely';
import type { Executor } from '../store/schema.js';
import { loadReviewSettings, priorityConfigOf } from './settings.js';
import { computePriority, type PriorityInput } from './value.js';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The inputs of each task's priority, read in four queries whatever the number of tasks. */
export async function priorityInputs(ex: Executor, taskIds: readonly number[], now: Date): Promise<Map<number, PriorityInput>> {
  const out = new Map<number, PriorityInput>();
  if (!taskIds.length) return out;
  const ids = [...taskIds];
  const tasks = await ex
    .selectFrom('review_tasks as t')
    .leftJoin('entities as e', (j) => j.onRef('e.type', '=', 't.entity_type').onRef('e.id', '=', 't.entity_id'))
    .select(['t.id', 't.severity_tier', 't.modality', 't.created_at', 't.deadline', 't.entity_type', 'e.attrs', 'e.first_seen'])
    .where('t.id', 'in', ids)
    .execute();
  const signals = await ex.selectFrom('review_signals').select(['task_id', 'source', 'weight', 'strategy_id', 'details']).where('task_id', 'in', ids).execute();
  const strategies = [...new Set(signals.map((s) => s.strategy_id).filter((s): s is string => !!s))];
  const record = new Map<string, { upheld: number; decided: number }>();
  if (strategies.length) {
    // Each decided task a strategy raised counts once, whatever the number of its signals on it.
    const rows = await sql<{ strategy_id: string; decided: number; upheld: number }>`
      SELECT d.strategy_id, count(*)::int AS decided, count(*) FILTER (WHERE v.policy_id IS NOT NULL)::int AS upheld
      FROM (SELECT DISTINCT strategy_id, task_id FROM review_signals WHERE strategy_id = ANY(${strategies}::text[])) d
      JOIN review_verdicts v ON v.task_id = d.task_id
      GROUP BY d.strategy_id`.execute(ex);
    for (const r of rows.rows) record.set(r.strategy_id, { upheld: Number(r.upheld), decided: Number(r.decided) });
  }
  const byTask = new Map<number, typeof signals>();
  for (const s of signals) byTask.set(Number(s.task_id), [...(byTask.get(Number(s.task_id)) ?? []), s]);

  for (const t of tasks) {
    const mine = byTask.get(t.id) ?? [];
    const attrs = (t.attrs ?? {}) as Record<string, unknown>;
    const modelScores = mine.map((s) => num(s.details.model_score)).filter((x): x is number => x !== null);
    const sources = mine
      .filter((s) => s.source !== 'report')
      .map((s) => {
        const declared = num(s.details.priority);
        const counts = (s.strategy_id && record.get(s.strategy_id)) || { upheld: 0, decided: 0 };
        return { ...counts, prior: declared === null ? undefined : declared / 100 };
      });
    const views = num(attrs.views);
    const viewsAt = typeof attrs.views_at === 'string' ? Date.parse(attrs.views_at) : NaN;
    const ageMinutes = t.first_seen && Number.isFinite(viewsAt) ? Math.max(1, (viewsAt - new Date(t.first_seen).getTime()) / 60_000) : null;
    out.set(t.id, {
      evidence: {
        modelScore: modelScores.length ? Math.max(...modelScores) : null,
        sources,
        reports: mine.filter((s) => s.source === 'report').map((s) => s.weight),
      },
      tier: t.severity_tier,
      reach: {
        views,
        // Views per minute since the entity was first seen: a plain average, but it ranks a fresh viral item above an old one.
        viewVelocity: views !== null && ageMinutes !== null ? views / ageMinutes : null,
        liveViewers: t.entity_type === 'livestream' && attrs.status !== 'ended' ? num(attrs.viewers) : null,
      },
      modality: t.modality,
      mediaSeconds: num(attrs.duration_s),
      createdAt: new Date(t.created_at).getTime(),
      deadline: new Date(t.deadline).getTime(),
      now: now.getTime(),
    });
  }
  return out;
}

/**
 * Recomputes and stores the priority (and its parts) of the given tasks. Deadline pressure is only
 * comparable between tasks evaluated at the same moment, so a refresh of single tasks as their signals
 * arrive (`keepPressure`) keeps the pressure the last round gave each task (none for a new one) and
 * changes only the evidence and reach; the router's round evaluates every task's pressure at its one `now`.
 */
export async function refreshPriorities(ex: Executor, taskIds: readonly number[], now: Date, options: { keepPressure?: boolean } = {}): Promise<void> {
  if (!taskIds.length) return;
  const config = priorityConfigOf(await loadReviewSettings(ex));
  const inputs = await priorityInputs(ex, taskIds, now);
  const kept = options.keepPressure
    ? new Map((await ex.selectFrom('review_tasks').select(['id', 'priority_parts']).where('id', 'in', [...taskIds]).execute()).map((t) => [t.id, t.priority_parts.deadlinePressure ?? 0]))
    : undefined;
  const rows = [...inputs].map(([id, input]) => {
    const computed = computePriority(input, config);
    const pressure = kept ? (kept.get(id) ?? 0) : computed.deadlinePressure;
    const parts = { ...computed, deadlinePressure: pressure, priority: computed.priority - computed.deadlinePressure + pressure };
    return { id, priority: parts.priority, parts };
  });
  if (!rows.length) return;
  await sql`
    UPDATE review_tasks t SET priority = x.priority, priority_parts = x.parts
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS x(id bigint, priority double precision, parts jsonb)
    WHERE t.id = x.id`.execute(ex);
}
