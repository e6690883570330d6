// Each moderator's accuracy per policy, for the capability model: how they did on golden items, how often
// they matched the settled outcome of items several moderators reviewed (agreed, adjudicated, or a strict
// majority), and how often an appeal overturned what they decided. The three are pooled into one Beta(1, 1)
// posterior mean, (correct + 1) / (total + 2), which stays near 1/2 for a moderator with little evidence
// instead of jumping to 0 or 1. The queries only gather observations; the arithmetic is pure.
import { sql } from 'kysely';
import type { Executor } from '../../store/schema.js';
import { labelOf, loadReviewGroups, type ReviewGroup } from './agreement.js';

export interface AccuracyObservation {
  moderator: string;
  /** The policy the task asked about. */
  policy: string | null;
  kind: 'golden' | 'outcome' | 'appeal';
  correct: boolean;
}

export interface ModeratorAccuracy {
  moderator: string;
  policy: string | null;
  golden: { correct: number; total: number };
  /** Agreement with settled outcomes of multiply reviewed items. */
  outcomes: { agreed: number; total: number };
  /** Their verdicts whose actions were appealed and decided, and how many were overturned. */
  appeals: { overturned: number; decided: number };
  correct: number;
  total: number;
  /** Beta-posterior mean accuracy, (correct + 1) / (total + 2). */
  estimate: number;
}

/** The answer a group settled on: agreed or adjudicated, else a strict majority of three or more reviews, else none. */
export function referenceOutcome(group: Pick<ReviewGroup, 'outcome' | 'reviews'>): { policy: string | null } | undefined {
  if (group.outcome) return group.outcome;
  if (group.reviews.length < 3) return undefined;
  const counts = new Map<string, number>();
  for (const r of group.reviews) counts.set(labelOf(r.policy), (counts.get(labelOf(r.policy)) ?? 0) + 1);
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!top || top[1] * 2 <= group.reviews.length) return undefined;
  return { policy: group.reviews.find((r) => labelOf(r.policy) === top[0])!.policy };
}

export function outcomeObservations(groups: readonly ReviewGroup[]): AccuracyObservation[] {
  return groups.flatMap((g) => {
    const ref = referenceOutcome(g);
    return ref ? g.reviews.map((r) => ({ moderator: r.moderator, policy: g.policy, kind: 'outcome' as const, correct: r.policy === ref.policy })) : [];
  });
}

export function computeAccuracy(observations: readonly AccuracyObservation[]): ModeratorAccuracy[] {
  const rows = new Map<string, ModeratorAccuracy>();
  for (const o of observations) {
    const key = JSON.stringify([o.moderator, o.policy]);
    let row = rows.get(key);
    if (!row) {
      row = { moderator: o.moderator, policy: o.policy, golden: { correct: 0, total: 0 }, outcomes: { agreed: 0, total: 0 }, appeals: { overturned: 0, decided: 0 }, correct: 0, total: 0, estimate: 0.5 };
      rows.set(key, row);
    }
    if (o.kind === 'golden') {
      row.golden.total++;
      if (o.correct) row.golden.correct++;
    } else if (o.kind === 'outcome') {
      row.outcomes.total++;
      if (o.correct) row.outcomes.agreed++;
    } else {
      row.appeals.decided++;
      if (!o.correct) row.appeals.overturned++;
    }
    row.total++;
    if (o.correct) row.correct++;
    row.estimate = (row.correct + 1) / (row.total + 2);
  }
  return [...rows.values()].sort((a, b) => a.moderator.localeCompare(b.moderator) || (a.policy ?? '').localeCompare(b.policy ?? ''));
}

export async function moderatorAccuracy(ex: Executor, options: { since?: Date } = {}): Promise<ModeratorAccuracy[]> {
  const since = options.since ? sql`AND v.at >= ${options.since}` : sql``;
  const golden = await sql<{ moderator: string; policy: string; correct: boolean }>`
    SELECT v.moderator, g.policy_id AS policy, (v.policy_id IS NOT DISTINCT FROM g.expected_policy) AS correct
    FROM review_verdicts v JOIN review_tasks t ON t.id = v.task_id JOIN qa_golden_items g ON g.id = t.golden_item_id
    WHERE true ${since}`.execute(ex);
  // A verdict counts once however many of its actions were appealed: overturned if any appeal was.
  const appeals = await sql<{ moderator: string; policy: string | null; overturned: boolean }>`
    SELECT v.moderator, v.task_policy AS policy, bool_or(a.status = 'overturned') AS overturned
    FROM review_verdicts v JOIN review_tasks t ON t.id = v.task_id AND t.kind = 'review'
    JOIN appeals a ON a.action_seq = ANY(v.action_seqs) AND a.status <> 'open'
    WHERE true ${since}
    GROUP BY v.id, v.moderator, v.task_policy`.execute(ex);
  const groups = await loadReviewGroups(ex, options);
  return computeAccuracy([
    ...golden.rows.map((r) => ({ moderator: r.moderator, policy: r.policy, kind: 'golden' as const, correct: !!r.correct })),
    ...outcomeObservations(groups),
    ...appeals.rows.map((r) => ({ moderator: r.moderator, policy: r.policy, kind: 'appeal' as const, correct: !r.overturned })),
  ]);
}
