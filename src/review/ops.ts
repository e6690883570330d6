// The operations view of review: per queue, how deep and how old the open work is, how much of it is
// overdue, and how much of the last day's work met its SLA; and hour-by-hour flow for the charts.
import { sql } from 'kysely';
import type { Executor } from '../store/schema.js';

export interface QueueStats {
  queue: string;
  name: string;
  state: string;
  sla_minutes: number;
  open: number;
  leased: number;
  overdue: number;
  oldest_age_s: number | null;
  done_24h: number;
  sla_met_24h: number | null;
  median_handle_s: number | null;
}

export async function queueStats(ex: Executor, now: Date): Promise<QueueStats[]> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const rows = await sql<{
    id: string; name: string; state: string; sla_minutes: number; open: number; leased: number; overdue: number; oldest: Date | null; done_24h: number; met: number; median_handle_ms: number | null;
  }>`
    SELECT q.id, q.name, q.state, q.sla_minutes,
      (SELECT count(*)::int FROM review_tasks t WHERE t.queue_id = q.id AND t.status = 'open') AS open,
      (SELECT count(*)::int FROM review_tasks t WHERE t.queue_id = q.id AND t.status = 'open' AND t.lease_expires_at > ${now}) AS leased,
      (SELECT count(*)::int FROM review_tasks t WHERE t.queue_id = q.id AND t.status = 'open' AND t.deadline < ${now}) AS overdue,
      (SELECT min(t.created_at) FROM review_tasks t WHERE t.queue_id = q.id AND t.status = 'open') AS oldest,
      (SELECT count(*)::int FROM review_tasks t WHERE t.queue_id = q.id AND t.status = 'done' AND t.closed_at >= ${dayAgo}) AS done_24h,
      (SELECT count(*)::int FROM review_tasks t WHERE t.queue_id = q.id AND t.status = 'done' AND t.closed_at >= ${dayAgo} AND t.closed_at <= t.deadline) AS met,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v.handle_ms) FROM review_verdicts v JOIN review_tasks t ON t.id = v.task_id WHERE t.queue_id = q.id AND v.at >= ${dayAgo} AND v.handle_ms IS NOT NULL) AS median_handle_ms
    FROM queues q WHERE NOT q.archived ORDER BY q.id`.execute(ex);
  return rows.rows.map((r) => ({
    queue: r.id,
    name: r.name,
    state: r.state,
    sla_minutes: r.sla_minutes,
    open: r.open,
    leased: r.leased,
    overdue: r.overdue,
    oldest_age_s: r.oldest ? Math.round((now.getTime() - new Date(r.oldest).getTime()) / 1000) : null,
    done_24h: r.done_24h,
    sla_met_24h: r.done_24h ? r.met / r.done_24h : null,
    median_handle_s: r.median_handle_ms === null ? null : Number(r.median_handle_ms) / 1000,
  }));
}

/** Tasks raised and decided per hour over the last day, for the operations charts. */
export async function reviewFlow(ex: Executor, now: Date, queue?: string): Promise<{ hour: string; raised: number; decided: number; sla_met: number }[]> {
  const since = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 23 * 3_600_000);
  const rows = await sql<{ hour: Date; raised: number; decided: number; sla_met: number }>`
    WITH hours AS (SELECT generate_series(${since}::timestamptz, ${since}::timestamptz + interval '23 hours', interval '1 hour') AS hour)
    SELECT h.hour,
      (SELECT count(*)::int FROM review_tasks t WHERE t.created_at >= h.hour AND t.created_at < h.hour + interval '1 hour' ${queue ? sql`AND t.queue_id = ${queue}` : sql``}) AS raised,
      (SELECT count(*)::int FROM review_tasks t WHERE t.status = 'done' AND t.closed_at >= h.hour AND t.closed_at < h.hour + interval '1 hour' ${queue ? sql`AND t.queue_id = ${queue}` : sql``}) AS decided,
      (SELECT count(*)::int FROM review_tasks t WHERE t.status = 'done' AND t.closed_at >= h.hour AND t.closed_at < h.hour + interval '1 hour' AND t.closed_at <= t.deadline ${queue ? sql`AND t.queue_id = ${queue}` : sql``}) AS sla_met
    FROM hours h ORDER BY h.hour`.execute(ex);
  return rows.rows.map((r) => ({ hour: new Date(r.hour).toISOString(), raised: r.raised, decided: r.decided, sla_met: r.sla_met }));
}
