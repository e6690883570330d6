// How far moderators agree, from the items several of them reviewed independently (double reviews): Cohen's
// kappa per pair of moderators who shared enough items, Fleiss' kappa per policy over items with k reviews.
// Reading the groups from the database is kept apart from the arithmetic, which is pure.
import type { Executor } from '../../store/schema.js';
import type { DoubleReviewStatus } from '../../store/tables/qa.js';
import { cohenKappa, fleissKappa, kappaReading, type Label } from './kappa.js';

/** The label agreement statistics use for a verdict: the violated policy, or 'none'. */
export const labelOf = (policy: string | null): Label => policy ?? 'none';

export interface ReviewGroup {
  /** The first verdict's id. */
  id: number;
  /** The policy the task asked about. */
  policy: string | null;
  status: DoubleReviewStatus;
  k: number;
  /** The agreed or adjudicated answer, when there is one. */
  outcome?: { policy: string | null };
  reviews: { verdictId: number; moderator: string; policy: string | null; at: Date }[];
}

export interface PairAgreement {
  moderators: [string, string];
  items: number;
  observed: number;
  expected: number;
  kappa: number | null;
  reading: string;
}

export interface PolicyAgreement {
  policy: string | null;
  items: number;
  raters: number;
  excluded: number;
  observed: number;
  kappa: number | null;
  reading: string;
}

export function agreementReport(groups: readonly ReviewGroup[], options: { minShared: number }): { pairs: PairAgreement[]; policies: PolicyAgreement[] } {
  const byPair = new Map<string, { moderators: [string, string]; pairs: [Label, Label][] }>();
  for (const g of groups) {
    // One review per moderator per item: the exclusions guarantee it, but a hand-raised extra look must not count twice.
    const seen = new Map<string, Label>();
    for (const r of g.reviews) if (!seen.has(r.moderator)) seen.set(r.moderator, labelOf(r.policy));
    const mods = [...seen.keys()].sort();
    for (let i = 0; i < mods.length; i++)
      for (let j = i + 1; j < mods.length; j++) {
        const key = JSON.stringify([mods[i], mods[j]]);
        const entry = byPair.get(key) ?? { moderators: [mods[i]!, mods[j]!] as [string, string], pairs: [] };
        entry.pairs.push([seen.get(mods[i]!)!, seen.get(mods[j]!)!]);
        byPair.set(key, entry);
      }
  }
  const pairs = [...byPair.values()]
    .filter((p) => p.pairs.length >= options.minShared)
    .map((p) => {
      const c = cohenKappa(p.pairs);
      return { moderators: p.moderators, items: c.n, observed: c.observed, expected: c.expected, kappa: c.kappa, reading: kappaReading(c.kappa) };
    })
    .sort((a, b) => a.moderators.join('\u0000').localeCompare(b.moderators.join('\u0000')));

  const byPolicy = new Map<string | null, Label[][]>();
  // Only finished double reviews: an item still collecting has fewer ratings than it will have.
  for (const g of groups) if (g.status !== 'collecting') byPolicy.set(g.policy, [...(byPolicy.get(g.policy) ?? []), g.reviews.map((r) => labelOf(r.policy))]);
  const policies = [...byPolicy.entries()]
    .map(([policy, items]) => {
      const f = fleissKappa(items);
      return { policy, items: f.n, raters: f.raters, excluded: f.excluded, observed: f.observed, kappa: f.kappa, reading: kappaReading(f.kappa) };
    })
    .sort((a, b) => (a.policy ?? '').localeCompare(b.policy ?? ''));
  return { pairs, policies };
}

/** Every double review with its verdicts (first verdict at or after `since`). */
export async function loadReviewGroups(ex: Executor, options: { since?: Date } = {}): Promise<ReviewGroup[]> {
  let q = ex.selectFrom('qa_double_reviews as d').innerJoin('review_verdicts as f', 'f.id', 'd.verdict_id').select(['d.verdict_id', 'd.task_policy', 'd.status', 'd.k', 'd.outcome_policy']);
  if (options.since) q = q.where('f.at', '>=', options.since);
  const rows = await q.orderBy('d.verdict_id').execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => Number(r.verdict_id));
  const verdicts = await ex
    .selectFrom('review_verdicts as v')
    .innerJoin('review_tasks as t', 't.id', 'v.task_id')
    .select(['v.id', 'v.moderator', 'v.policy_id', 'v.at', 't.qa_of_verdict'])
    .where((eb) => eb.or([eb('v.id', 'in', ids), eb('t.qa_of_verdict', 'in', ids)]))
    .orderBy('v.id')
    .execute();
  const byGroup = new Map<number, ReviewGroup['reviews']>();
  for (const v of verdicts) {
    const group = v.qa_of_verdict !== null && ids.includes(Number(v.qa_of_verdict)) ? Number(v.qa_of_verdict) : Number(v.id);
    byGroup.set(group, [...(byGroup.get(group) ?? []), { verdictId: Number(v.id), moderator: v.moderator, policy: v.policy_id, at: v.at }]);
  }
  return rows.map((r) => ({
    id: Number(r.verdict_id),
    policy: r.task_policy,
    status: r.status,
    k: r.k,
    ...(r.status === 'agreed' || r.status === 'decided' ? { outcome: { policy: r.outcome_policy } } : {}),
    reviews: byGroup.get(Number(r.verdict_id)) ?? [],
  }));
}

export async function reviewAgreement(ex: Executor, options: { since?: Date; minShared: number }) {
  return agreementReport(await loadReviewGroups(ex, options), options);
}
