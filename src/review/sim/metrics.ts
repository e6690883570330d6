// What the goals are measured in, from one run's outcomes:
//  - SLA attainment: of the tasks whose deadline falls inside the run (the same set for every dispatcher,
//    so no dispatcher can improve its score by leaving work undone), the share decided by the deadline.
//  - harm-weighted time to action: over truly violating tasks, Σ w × (decision − arrival) / Σ w with
//    w = severity weight × reach factor at arrival (value.ts's 1 + log10(1 + projected reach), so one viral
//    item cannot decide the figure); a task still undecided at the end counts until the end. The decision
//    time is used whether or not it was right; accuracy is its own figure. The same figure with linear
//    reach (severity weight × (1 + projected reach)) sits beside it as a check, since the log factor is also
//    what Vigil's priority uses.
//  - accuracy: share of decisions (reviews and automatic ones) that match the truth; human-only beside it.
//  - throughput (decisions per hour) and mean wait before a review started.
import { projectedReach, severityWeight } from '../value.js';
import type { SimResult } from './engine.js';
import { HOUR, MINUTE, reachAt, type SimTask } from './model.js';

export interface Metrics {
  tasks: number;
  slaTasks: number;
  slaPercent: number;
  harmMinutes: number;
  harmMinutesLinearReach: number;
  accuracyPercent: number;
  humanAccuracyPercent: number;
  decided: number;
  auto: number;
  undecided: number;
  throughputPerHour: number;
  meanWaitMinutes: number;
  /** SLA attainment per tier, for reading where a dispatcher wins or loses. */
  slaPercentByTier: Record<number, number>;
  /** Left undecided at the end per tier: work a dispatcher deferred that the SLA set may not see yet. */
  undecidedByTier: Record<number, number>;
}

export const harmWeight = (t: SimTask) => severityWeight(t.tier) * (1 + Math.log10(1 + projectedReach(reachAt(t, t.arrival))));
export const linearHarmWeight = (t: SimTask) => severityWeight(t.tier) * (1 + projectedReach(reachAt(t, t.arrival)));

const pct = (n: number, d: number) => (d ? (100 * n) / d : NaN);

export function measure(r: SimResult): Metrics {
  let slaTasks = 0, slaHits = 0, harmSum = 0, harmWeights = 0, linSum = 0, linWeights = 0, decided = 0, correct = 0, auto = 0, human = 0, humanCorrect = 0, waits = 0, waitSum = 0;
  const tier: Record<number, { n: number; hit: number }> = {};
  const undecidedByTier: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const o of r.outcomes) {
    const t = o.task;
    if (t.deadline <= r.horizon) {
      slaTasks++;
      const hit = o.decidedAt !== null && o.decidedAt <= t.deadline;
      if (hit) slaHits++;
      tier[t.tier] ??= { n: 0, hit: 0 };
      tier[t.tier].n++;
      if (hit) tier[t.tier].hit++;
    }
    if (t.violating) {
      const w = harmWeight(t), lin = linearHarmWeight(t), waited = (o.decidedAt ?? r.horizon) - t.arrival;
      harmSum += w * waited;
      harmWeights += w;
      linSum += lin * waited;
      linWeights += lin;
    }
    if (o.decidedAt === null) undecidedByTier[t.tier] = (undecidedByTier[t.tier] ?? 0) + 1;
    else {
      decided++;
      if (o.correct) correct++;
      if (o.by === 'auto') auto++;
      else {
        human++;
        if (o.correct) humanCorrect++;
      }
    }
    if (o.startedAt !== null) {
      waits++;
      waitSum += o.startedAt - t.arrival;
    }
  }
  return {
    tasks: r.outcomes.length,
    slaTasks,
    slaPercent: pct(slaHits, slaTasks),
    harmMinutes: harmWeights ? harmSum / harmWeights / MINUTE : 0,
    harmMinutesLinearReach: linWeights ? linSum / linWeights / MINUTE : 0,
    accuracyPercent: pct(correct, decided),
    humanAccuracyPercent: pct(humanCorrect, human),
    decided,
    auto,
    undecided: r.outcomes.length - decided,
    throughputPerHour: decided / (r.horizon / HOUR),
    meanWaitMinutes: waits ? waitSum / waits / MINUTE : 0,
    slaPercentByTier: Object.fromEntries(Object.entries(tier).map(([k, v]) => [k, pct(v.hit, v.n)])),
    undecidedByTier,
  };
}
