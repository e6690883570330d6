// Expected accuracy for the capability model from what QA measured (golden items, settled double
// reviews, decided appeals: ../qa/accuracy.ts), with a Beta(9, 1) prior rather than QA's Beta(1, 1):
// routing must not treat a new moderator as a coin flip, while QA's own report stays neutral.
import type { Executor } from '../../store/schema.js';
import { moderatorAccuracy } from '../qa/accuracy.js';
import { ACCURACY_PRIOR } from './capability.js';

export type AccuracyMap = Map<string, { overall: number; byPolicy: Record<string, number> }>;

const posterior = (correct: number, total: number) => (correct + ACCURACY_PRIOR.correct) / (total + ACCURACY_PRIOR.total);

/** Per moderator: overall and per-policy expected accuracy from the last `days` of QA evidence. */
export async function expectedAccuracy(ex: Executor, now: Date, days = 90): Promise<AccuracyMap> {
  const rows = await moderatorAccuracy(ex, { since: new Date(now.getTime() - days * 86_400_000) });
  const out: AccuracyMap = new Map();
  const totals = new Map<string, { correct: number; total: number }>();
  for (const r of rows) {
    const entry = out.get(r.moderator) ?? { overall: 0, byPolicy: {} };
    if (r.policy) entry.byPolicy[r.policy] = posterior(r.correct, r.total);
    out.set(r.moderator, entry);
    const t = totals.get(r.moderator) ?? { correct: 0, total: 0 };
    totals.set(r.moderator, { correct: t.correct + r.correct, total: t.total + r.total });
  }
  for (const [m, t] of totals) out.get(m)!.overall = posterior(t.correct, t.total);
  return out;
}
