// Capacity-following thresholds on small windows worked out by hand.
import { describe, expect, it } from 'vitest';
import { automaticOutcome, thresholdCurve, thresholdsAt } from './thresholds.js';

// Four items, harm 1 each, wrongful actions cost as much as misses (w = 1): automatic costs are
// min(p, 1 − p): 0.02 → 0.02, 0.5 → 0.5, 0.6 → 0.4, 0.97 → 0.03.
const items = [0.02, 0.5, 0.6, 0.97].map((likelihood) => ({ likelihood, harm: 1 }));

describe('capacity-following thresholds', () => {
  it('reviews the items whose outcome is least certain first and leaves the sure ones to automation', () => {
    const curve = thresholdCurve(items, 1, 4);
    expect(curve.map((c) => c.reviewed)).toEqual([0, 1, 2, 3, 4]);
    // Nothing reviewed: 0.02 + 0.5 + 0.4 + 0.03 = 0.95; then 0.5 is reviewed (0.45 left), then 0.6 (0.05), then 0.97 (0.02), then all.
    expect(curve.map((c) => c.missedHarm)).toEqual([expect.closeTo(0.95, 12), expect.closeTo(0.45, 12), expect.closeTo(0.05, 12), expect.closeTo(0.02, 12), 0]);
    // Two reviewed (0.5 and 0.6): 0.97 is actioned, 0.02 dismissed.
    expect(curve[2]).toMatchObject({ actionAbove: 0.97, dismissBelow: 0.02 });
    expect(curve[4]).toMatchObject({ actionAbove: null, dismissBelow: null });
  });

  it('follows capacity: fewer reviewers push both thresholds toward the middle', () => {
    expect(thresholdsAt(items, 4)).toMatchObject({ reviewed: 4, actionAbove: null, dismissBelow: null });
    expect(thresholdsAt(items, 1)).toMatchObject({ reviewed: 1, actionAbove: 0.6, dismissBelow: 0.02 });
    // At p = 0.5 both ways cost the same; the tie goes to action.
    expect(thresholdsAt(items, 0)).toMatchObject({ reviewed: 0, actionAbove: 0.5, dismissBelow: 0.02 });
    expect(automaticOutcome(0.7, thresholdsAt(items, 1))).toBe('action');
    expect(automaticOutcome(0.3, thresholdsAt(items, 1))).toBe(null);
    expect(automaticOutcome(0.01, thresholdsAt(items, 1))).toBe('dismiss');
  });

  it('weighs severe items: a harmful item is reviewed before a mild one of the same likelihood', () => {
    const curve = thresholdCurve([{ likelihood: 0.9, harm: 100 }, { likelihood: 0.5, harm: 1 }], 1, 2);
    // 0.1 × 100 = 10 beats 0.5 × 1: the severe item is reviewed first, leaving 0.5.
    expect(curve[1]!.missedHarm).toBeCloseTo(0.5, 12);
  });

  it('moves the indifference point when a wrongful action costs more than a miss', () => {
    // w = 4: acting costs 4(1 − p), so p = 0.6 is now dismissed (0.6 < 1.6) when left to automation.
    const t = thresholdsAt([{ likelihood: 0.6, harm: 1 }, { likelihood: 0.99, harm: 1 }], 0, 4);
    expect(t).toMatchObject({ dismissBelow: 0.6, actionAbove: 0.99 });
  });
});
