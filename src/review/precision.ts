// Ground truth flowing back: moderators' verdicts joined to the strategies that raised the tasks and to
// the materials that hit the items, as precision with a Wilson score interval (95%).
// A strategy is right on a task when the verdict names the task's policy; a material is judged by every
// review verdict on an item it hit that concerned its policy (the task's or the verdict's) and is right
// when the verdict names its policy. Appeal verdicts are left out: they judge a decision, not the item.
// Golden items and QA re-reviews are left out too: they measure moderators, and would count an item twice.
import { sql } from 'kysely';
import type { Executor } from '../store/schema.js';

/** The two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for k successes in n trials (Wilson 1927); [0, 1] when n is 0. */
export function wilsonInterval(k: number, n: number, z = Z95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { low: Math.max(0, (centre - spread) / denom), high: Math.min(1, (centre + spread) / denom) };
}

export interface PrecisionRow {
  key: Record<string, string | number>;
  judged: number;
  confirmed: number;
  precision: number | null;
  interval: Interval;
}

const row = (key: PrecisionRow['key'], judged: number, confirmed: number): PrecisionRow => ({ key, judged, confirmed, precision: judged ? confirmed / judged : null, interval: wilsonInterval(confirmed, judged) });

export async function strategyPrecision(ex: Executor, options: { strategy?: string; byVersion?: boolean } = {}): Promise<PrecisionRow[]> {
  const version = options.byVersion ? sql`s.strategy_version` : sql`0`;
  const rows = await sql<{ strategy_id: string; version: number; judged: number; confirmed: number }>`
    SELECT strategy_id, version, count(*)::int AS judged, count(*) FILTER (WHERE confirmed)::int AS confirmed FROM (
      SELECT DISTINCT s.strategy_id, ${version} AS version, v.id, (v.policy_id IS NOT NULL AND v.policy_id = COALESCE(t.policy_id, v.policy_id)) AS confirmed
      FROM review_signals s JOIN review_tasks t ON t.id = s.task_id AND t.kind = 'review' AND t.golden_item_id IS NULL AND t.qa_of_verdict IS NULL JOIN review_verdicts v ON v.task_id = t.id
      WHERE s.strategy_id IS NOT NULL ${options.strategy ? sql`AND s.strategy_id = ${options.strategy}` : sql``}) j
    GROUP BY strategy_id, version ORDER BY strategy_id, version`.execute(ex);
  return rows.rows.map((r) => row(options.byVersion ? { strategy: r.strategy_id, version: Number(r.version) } : { strategy: r.strategy_id }, Number(r.judged), Number(r.confirmed)));
}

export async function materialPrecision(ex: Executor, options: { by: 'material' | 'package'; package?: string; material?: number }): Promise<PrecisionRow[]> {
  const key = options.by === 'material' ? sql`h.material_id::text` : sql`h.package_id`;
  const rows = await sql<{ k: string; package_id: string; judged: number; confirmed: number }>`
    SELECT k, package_id, count(*)::int AS judged, count(*) FILTER (WHERE confirmed)::int AS confirmed FROM (
      SELECT ${key} AS k, h.package_id, v.id, COALESCE(bool_or(v.policy_id = h.policy_id), false) AS confirmed
      FROM review_verdicts v JOIN review_tasks t ON t.id = v.task_id AND t.kind = 'review' AND t.golden_item_id IS NULL AND t.qa_of_verdict IS NULL
      JOIN material_hits h ON h.item_type = v.entity_type AND h.item_id = v.entity_id AND h.at <= v.at
      WHERE (h.policy_id = v.task_policy OR h.policy_id = v.policy_id)
        ${options.package ? sql`AND h.package_id = ${options.package}` : sql``}
        ${options.material !== undefined ? sql`AND h.material_id = ${options.material}` : sql``}
      GROUP BY 1, 2, 3) j
    GROUP BY k, package_id ORDER BY package_id, k`.execute(ex);
  return rows.rows.map((r) => row(options.by === 'material' ? { material: Number(r.k), package: r.package_id } : { package: r.package_id }, Number(r.judged), Number(r.confirmed)));
}
