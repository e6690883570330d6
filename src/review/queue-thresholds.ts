// A queue's capacity-following thresholds from the store: the likelihood and harm of the tasks it
// received over a window, the capacity its staffed moderators have over the same window, and the
// trade-off curve (./thresholds.ts) an operator reads before turning automatic decisions on.
import { NotFoundError } from '../catalogue/index.js';
import type { Executor } from '../store/schema.js';
import { thresholdCurve, thresholdsAt, type CurvePoint } from './thresholds.js';
import { moderatorStates } from './workforce/capability.js';

/** The actor automatic decisions are recorded under (./auto-decide.ts). */
export const AUTO_DECIDER = 'vigil:thresholds';

export interface QueueThresholds {
  queue: string;
  window_hours: number;
  wrongful_action_weight: number;
  /** Tasks the queue received in the window. */
  received: number;
  /** Tasks decided by moderators in the window: what the team actually reviewed. */
  decided: number;
  /** What the moderators on shift now, certified for the queue, could review over a window this long (null without profiles). */
  staffed_capacity: number | null;
  /** The capacity the recommendation uses: staffed when known, else what was decided. */
  capacity: number;
  recommended: CurvePoint;
  curve: CurvePoint[];
}

export async function queueThresholds(ex: Executor, queueId: string, options: { hours: number; wrongfulActionWeight: number; capacity?: number }, now: Date): Promise<QueueThresholds> {
  const queue = await ex.selectFrom('queues').select(['id', 'policies']).where('id', '=', queueId).executeTakeFirst();
  if (!queue) throw new NotFoundError(`no queue ${JSON.stringify(queueId)}`);
  const since = new Date(now.getTime() - options.hours * 3_600_000);
  const tasks = await ex
    .selectFrom('review_tasks')
    .select(['priority_parts', 'status', 'closed_at', 'closed_by'])
    .where('queue_id', '=', queueId)
    .where('kind', '=', 'review')
    .where('created_at', '>=', since)
    .where('golden_item_id', 'is', null)
    .where('qa_of_verdict', 'is', null)
    .execute();
  const items = tasks.map((t) => ({ likelihood: t.priority_parts.likelihood ?? 0.5, harm: (t.priority_parts.severityWeight ?? 1) * (t.priority_parts.reachFactor ?? 1) }));
  // Only people's decisions measure the team: automation's own would otherwise raise the capacity it follows.
  const decided = tasks.filter((t) => t.status === 'done' && t.closed_by !== AUTO_DECIDER).length;
  const staff = (await moderatorStates(ex, now)).filter((m) => queue.policies.some((p) => m.certified.has(p)));
  // Each slot turns over once per expected handle time.
  const staffed = staff.length ? staff.reduce((sum, m) => sum + m.capacity * ((options.hours * 3_600_000) / m.handleMs), 0) : null;
  const capacity = options.capacity ?? staffed ?? decided;
  return {
    queue: queueId,
    window_hours: options.hours,
    wrongful_action_weight: options.wrongfulActionWeight,
    received: items.length,
    decided,
    staffed_capacity: staffed === null ? null : Math.floor(staffed),
    capacity: Math.floor(capacity),
    recommended: thresholdsAt(items, capacity, options.wrongfulActionWeight),
    curve: thresholdCurve(items, options.wrongfulActionWeight, 20),
  };
}
