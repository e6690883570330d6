// The pure halves of agreement and accuracy: pairs and policies from review groups, the settled outcome of
// a group, and the pooled Beta-posterior estimate, each against counts worked out by hand.
import { describe, expect, it } from 'vitest';
import { computeAccuracy, outcomeObservations, referenceOutcome } from './accuracy.js';
import { agreementReport, type ReviewGroup } from './agreement.js';

const at = new Date('2026-05-01T10:00:00Z');
const group = (id: number, policy: string | null, labels: [string, string | null][], extra: Partial<ReviewGroup> = {}): ReviewGroup => ({
  id,
  policy,
  status: 'agreed',
  k: labels.length,
  reviews: labels.map(([moderator, p], i) => ({ verdictId: id * 10 + i, moderator, policy: p, at })),
  ...extra,
});

describe('agreement from review groups', () => {
  // Wikipedia's "Cohen's kappa" simple example (20/5/10/15, kappa 0.4) spread over 50 double reviews.
  const groups = [
    ...Array.from({ length: 20 }, (_, i) => group(i, 'hate', [['a', 'hate'], ['b', 'hate']])),
    ...Array.from({ length: 5 }, (_, i) => group(100 + i, 'hate', [['a', 'hate'], ['b', null]], { status: 'decided' })),
    ...Array.from({ length: 10 }, (_, i) => group(200 + i, 'hate', [['b', 'hate'], ['a', null]], { status: 'decided' })),
    ...Array.from({ length: 15 }, (_, i) => group(300 + i, 'hate', [['a', null], ['b', null]])),
  ];
  it('gives Cohen per moderator pair, whoever reviewed first', () => {
    const r = agreementReport(groups, { minShared: 10 });
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0]!.moderators).toEqual(['a', 'b']);
    expect(r.pairs[0]!.items).toBe(50);
    expect(r.pairs[0]!.kappa).toBeCloseTo(0.4, 12);
    expect(r.pairs[0]!.reading).toBe('fair agreement');
  });
  it('leaves out pairs with fewer shared items than asked, and groups still collecting from Fleiss', () => {
    expect(agreementReport(groups, { minShared: 51 }).pairs).toEqual([]);
    const r = agreementReport([...groups, group(999, 'hate', [['a', 'hate']], { status: 'collecting' })], { minShared: 1 });
    expect(r.policies).toHaveLength(1);
    // Fleiss with two raters is Scott's pi, for this table worked out by hand in kappa.test.ts: 0.39394.
    expect(r.policies[0]).toMatchObject({ policy: 'hate', items: 50, raters: 2, excluded: 0 });
    expect(r.policies[0]!.kappa).toBeCloseTo(0.39394, 5);
  });
});

describe('settled outcomes and accuracy', () => {
  it('takes the agreed or adjudicated answer, else a strict majority of three or more, else nothing', () => {
    expect(referenceOutcome(group(1, 'hate', [['a', 'hate'], ['b', null]], { outcome: { policy: null } }))).toEqual({ policy: null });
    expect(referenceOutcome(group(2, 'hate', [['a', 'hate'], ['b', null], ['c', 'hate']], { status: 'adjudicating' }))).toEqual({ policy: 'hate' });
    expect(referenceOutcome(group(3, 'hate', [['a', 'hate'], ['b', null], ['c', 'spam']], { status: 'adjudicating' }))).toBeUndefined();
    expect(referenceOutcome(group(4, 'hate', [['a', 'hate'], ['b', null]], { status: 'adjudicating' }))).toBeUndefined();
  });
  it('pools golden, outcome and appeal evidence per moderator and policy into (correct + 1) / (total + 2)', () => {
    const obs = [
      { moderator: 'a', policy: 'hate', kind: 'golden' as const, correct: true },
      { moderator: 'a', policy: 'hate', kind: 'golden' as const, correct: false },
      ...outcomeObservations([group(1, 'hate', [['a', 'hate'], ['b', null]], { status: 'decided', outcome: { policy: null } })]),
      { moderator: 'a', policy: 'hate', kind: 'appeal' as const, correct: false },
      { moderator: 'a', policy: 'spam', kind: 'appeal' as const, correct: true },
    ];
    const rows = computeAccuracy(obs);
    expect(rows.map((r) => [r.moderator, r.policy])).toEqual([['a', 'hate'], ['a', 'spam'], ['b', 'hate']]);
    // a/hate: golden 1 of 2, outcome 0 of 1, one appeal overturned: 1 correct of 4, (1 + 1) / (4 + 2).
    expect(rows[0]).toMatchObject({ golden: { correct: 1, total: 2 }, outcomes: { agreed: 0, total: 1 }, appeals: { overturned: 1, decided: 1 }, correct: 1, total: 4 });
    expect(rows[0]!.estimate).toBeCloseTo(2 / 6, 12);
    expect(rows[1]!.estimate).toBeCloseTo(2 / 3, 12);
    expect(rows[2]).toMatchObject({ outcomes: { agreed: 1, total: 1 }, estimate: 2 / 3 });
    expect(computeAccuracy([])).toEqual([]);
  });
});
