// What each moderator can take right now, as the assignment solver sees it: free slots (capacity minus
// what they hold or have reserved), languages, unexpired certifications, expected accuracy per policy,
// expected handle time per modality, and what is left of each exposure budget this shift. Only active
// moderators on shift are offered work by the router.
import { sql } from 'kysely';
import type { Executor } from '../../store/schema.js';
import type { ModeratorState } from '../assignment/types.js';
import { onShift } from './schedule.js';

/** Expected accuracy before a moderator has a record: the mean of a Beta(9, 1) prior. */
export const ACCURACY_PRIOR = { correct: 9, total: 10 };

export interface CapabilityOptions {
  /** Only these moderators (pull); all active ones on shift otherwise (push). */
  only?: string;
  /** Expected accuracy per moderator and policy (./accuracy.ts); the prior mean when absent. */
  accuracy?: ReadonlyMap<string, { overall: number; byPolicy: Record<string, number> }>;
  defaultHandleMs?: number;
  /** Rotation: after this many decisions in a row on items of one harm category, that category rests until they take something else (0: off). */
  rotation?: { after: number; harmCategories: Readonly<Record<string, string>> };
}

/** A moderator's state for a round, with the capacity their free slots were counted from. */
export type StaffedModerator = ModeratorState & { capacity: number };

export async function moderatorStates(ex: Executor, now: Date, options: CapabilityOptions = {}): Promise<StaffedModerator[]> {
  let q = ex.selectFrom('moderators').selectAll().where('active', '=', true);
  if (options.only !== undefined) q = q.where('id', '=', options.only);
  const profiles = (await q.orderBy('id').execute()).filter((m) => options.only !== undefined || onShift(m.schedule, now));
  if (!profiles.length) return [];
  const ids = profiles.map((p) => p.id);
  const [holding, certs, exposure, speed] = await Promise.all([
    sql<{ who: string; n: number }>`
      SELECT COALESCE(CASE WHEN lease_expires_at > ${now} THEN lease_holder END, reserved_for) AS who, count(*)::int AS n
      FROM review_tasks
      WHERE status = 'open' AND ((lease_holder = ANY(${ids}::text[]) AND lease_expires_at > ${now})
                                 OR (reserved_for = ANY(${ids}::text[]) AND reserved_until > ${now} AND (lease_expires_at IS NULL OR lease_expires_at <= ${now})))
      GROUP BY 1`.execute(ex),
    ex.selectFrom('moderator_certifications').select(['moderator', 'policy_id']).where('moderator', 'in', ids).where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now)])).execute(),
    sql<{ moderator: string; category: string; n: number }>`
      SELECT e.moderator, e.category, count(*)::int AS n FROM moderator_exposure e JOIN moderators m ON m.id = e.moderator
      WHERE e.moderator = ANY(${ids}::text[]) AND e.at > ${now}::timestamptz - make_interval(hours => m.shift_hours)
      GROUP BY 1, 2`.execute(ex),
    sql<{ moderator: string; modality: string; ms: number }>`
      SELECT v.moderator, t.modality, avg(v.handle_ms)::float8 AS ms FROM review_verdicts v JOIN review_tasks t ON t.id = v.task_id
      WHERE v.moderator = ANY(${ids}::text[]) AND v.handle_ms IS NOT NULL AND t.modality IS NOT NULL AND v.at > ${now}::timestamptz - interval '30 days'
      GROUP BY 1, 2`.execute(ex),
  ]);
  const held = new Map(holding.rows.map((r) => [r.who, Number(r.n)]));
  const resting = await restingCategories(ex, ids, options.rotation);
  return profiles.map((p) => {
    const used = exposure.rows.filter((e) => e.moderator === p.id);
    const exposureLeft: Record<string, number> = {};
    for (const [category, budget] of Object.entries(p.exposure_budgets)) exposureLeft[category] = Math.max(0, budget - Number(used.find((u) => u.category === category)?.n ?? 0));
    const rest = resting.get(p.id);
    if (rest) exposureLeft[rest] = 0;
    const measured = options.accuracy?.get(p.id);
    const handleMsByModality = Object.fromEntries(speed.rows.filter((s) => s.moderator === p.id).map((s) => [s.modality, Number(s.ms)]));
    return {
      id: p.id,
      free: Math.max(0, p.capacity - (held.get(p.id) ?? 0)),
      capacity: p.capacity,
      languages: p.languages,
      certified: new Set(certs.filter((c) => c.moderator === p.id).map((c) => c.policy_id)),
      accuracyByPolicy: measured?.byPolicy ?? {},
      accuracy: measured?.overall ?? ACCURACY_PRIOR.correct / ACCURACY_PRIOR.total,
      handleMsByModality,
      handleMs: options.defaultHandleMs ?? 45_000,
      exposureLeft,
    };
  });
}

/** Per moderator, the harm category their last `after` decisions all fell in, if they did. */
async function restingCategories(ex: Executor, ids: string[], rotation: CapabilityOptions['rotation']): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!rotation || rotation.after <= 0) return out;
  const { rows } = await sql<{ moderator: string; policies: (string | null)[] }>`
    SELECT m.id AS moderator, ARRAY(
      SELECT t.policy_id FROM review_verdicts v JOIN review_tasks t ON t.id = v.task_id
      WHERE v.moderator = m.id ORDER BY v.at DESC, v.id DESC LIMIT ${rotation.after}) AS policies
    FROM unnest(${ids}::text[]) AS m(id)`.execute(ex);
  for (const r of rows) {
    const categories = r.policies.map((p) => (p ? rotation.harmCategories[p] : undefined));
    const first = categories[0];
    if (first && categories.length === rotation.after && categories.every((c) => c === first)) out.set(r.moderator, first);
  }
  return out;
}

/** Each exposure budget and how much of it this shift has used: the moderator's exposure meter. */
export async function exposureMeter(ex: Executor, moderator: string, now: Date): Promise<{ shift_hours: number; categories: { category: string; budget: number | null; used: number }[] } | undefined> {
  const m = await ex.selectFrom('moderators').select(['exposure_budgets', 'shift_hours']).where('id', '=', moderator).executeTakeFirst();
  if (!m) return undefined;
  const used = await ex
    .selectFrom('moderator_exposure')
    .select(['category', (e) => e.fn.countAll<number>().as('n')])
    .where('moderator', '=', moderator)
    .where('at', '>', new Date(now.getTime() - m.shift_hours * 3_600_000))
    .groupBy('category')
    .execute();
  const categories = new Set([...Object.keys(m.exposure_budgets), ...used.map((u) => u.category)]);
  return {
    shift_hours: m.shift_hours,
    categories: [...categories].sort().map((category) => ({ category, budget: m.exposure_budgets[category] ?? null, used: Number(used.find((u) => u.category === category)?.n ?? 0) })),
  };
}
