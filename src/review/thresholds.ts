// Capacity-following thresholds: when a queue receives more than its staffed team can review within
// its SLA, the items whose outcome a review is least likely to change are decided without one — the
// near-certain ones actioned, the near-zero ones dismissed — so review time goes where it changes
// outcomes. Pure: the curve an operator sees before changing anything, and the thresholds at a capacity.
//
// For an item with likelihood p and harm weight h, deciding without review costs, in expected harm:
//   dismiss: p × h                      (a violation left up)
//   action:  w × (1 − p) × h            (a wrongful action; w = its cost relative to a missed violation)
// The cheaper of the two is what automation would do; a review avoids that cost (taking the moderator's
// verdict as right). Reviewing the items with the largest avoided cost first minimises the expected harm
// left for any review load, and the items left over fall on either side of two likelihood thresholds.

export interface ThresholdItem {
  likelihood: number;
  harm: number;
}

export interface CurvePoint {
  /** Items reviewed, out of the whole window. */
  reviewed: number;
  /** Expected harm left by deciding the rest automatically (in harm-weight units). */
  missedHarm: number;
  /** At or above: actioned without review (null: none is). */
  actionAbove: number | null;
  /** At or below: dismissed without review (null: none is). */
  dismissBelow: number | null;
}

export const autoCost = (i: ThresholdItem, w: number) => Math.min(i.likelihood, w * (1 - i.likelihood)) * i.harm;
/** Likelihood at which actioning and dismissing cost the same: p = w (1 − p). */
export const indifference = (w: number) => w / (1 + w);

/** The trade-off for every review load from none to all, at `points` evenly spaced loads (plus both ends). */
export function thresholdCurve(items: readonly ThresholdItem[], wrongfulActionWeight = 1, points = 20): CurvePoint[] {
  const w = wrongfulActionWeight;
  const byCost = [...items].sort((a, b) => autoCost(b, w) - autoCost(a, w));
  const n = byCost.length;
  // suffix[k] = expected harm of deciding items k..n-1 automatically.
  const suffix = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + autoCost(byCost[k]!, w);
  // Thresholds of the automatic part: the unreviewed items are byCost[k..]; among them the lowest
  // likelihood actioned and the highest dismissed. Computed from the tail, as k grows the tail shrinks.
  const cut = indifference(w);
  const minActioned = new Float64Array(n + 1).fill(Infinity);
  const maxDismissed = new Float64Array(n + 1).fill(-Infinity);
  for (let k = n - 1; k >= 0; k--) {
    const p = byCost[k]!.likelihood;
    minActioned[k] = p >= cut ? Math.min(minActioned[k + 1]!, p) : minActioned[k + 1]!;
    maxDismissed[k] = p < cut ? Math.max(maxDismissed[k + 1]!, p) : maxDismissed[k + 1]!;
  }
  const loads = new Set<number>([0, n]);
  for (let i = 1; i < points; i++) loads.add(Math.round((i * n) / points));
  return [...loads]
    .sort((a, b) => a - b)
    .map((k) => ({
      reviewed: k,
      missedHarm: suffix[k]!,
      actionAbove: Number.isFinite(minActioned[k]!) ? minActioned[k]! : null,
      dismissBelow: Number.isFinite(maxDismissed[k]!) ? maxDismissed[k]! : null,
    }));
}

/** The thresholds when `capacity` of the window's items can be reviewed (all of them when capacity ≥ items). */
export function thresholdsAt(items: readonly ThresholdItem[], capacity: number, wrongfulActionWeight = 1): CurvePoint {
  const k = Math.max(0, Math.min(items.length, Math.floor(capacity)));
  const curve = thresholdCurve(items, wrongfulActionWeight, Math.max(1, items.length));
  return curve.find((c) => c.reviewed === k) ?? curve[curve.length - 1]!;
}

/** Whether an item is decided without review under these thresholds, and which way. */
export function automaticOutcome(likelihood: number, t: Pick<CurvePoint, 'actionAbove' | 'dismissBelow'>): 'action' | 'dismiss' | null {
  if (t.actionAbove !== null && likelihood >= t.actionAbove) return 'action';
  if (t.dismissBelow !== null && likelihood <= t.dismissBelow) return 'dismiss';
  return null;
}
