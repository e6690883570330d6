// The computed priority of a review task: the harm a review is expected to avert per minute of a
// moderator's time, plus deadline pressure.
//
//   priority = likelihood × severity weight × reach factor / expected handle minutes
//              + deadline weight × (elapsed / SLA)²
//
// likelihood   a model score sent with the signal when there is one; otherwise the raising strategy's
//              measured precision as a Beta posterior mean (upheld + a) / (decided + a + b), so a source
//              with few labels starts from its prior (the strategy's declared enqueue priority / 100, or
//              a / (a + b)); reports combine as independent evidence 1 − Π(1 − report likelihood ×
//              reporter weight); the strongest of these counts.
// reach factor 1 + log10(1 + projected views): current views plus view velocity over the horizon; a
//              live stream's current viewers over the horizon instead. Logarithmic so a viral item
//              rises without drowning every severe one.
// handle time  a base per modality plus a rate per second of media.
// Every constant is configuration (review settings → priority); docs/review.md shows the defaults.

export interface PriorityConfig {
  /** Beta prior for a source's precision while it has few verdicts. */
  prior: { a: number; b: number };
  /** Likelihood one report carries from a fully trusted reporter. */
  reportLikelihood: number;
  /** Weight per severity tier (1 most severe); `untiered` when a policy has none. */
  severityWeights: Record<string, number>;
  untieredWeight: number;
  /** How far ahead reach is projected, in minutes. */
  reachHorizonMinutes: number;
  /** Base handle time per modality (seconds) and seconds of review per second of media. */
  handleSeconds: Record<string, number>;
  defaultHandleSeconds: number;
  handleSecondsPerMediaSecond: number;
  /** Points added at the deadline (scaled by the square of the elapsed share of the SLA). */
  deadlineWeight: number;
}

export const DEFAULT_PRIORITY_CONFIG: PriorityConfig = {
  prior: { a: 1, b: 1 },
  reportLikelihood: 0.3,
  severityWeights: { '1': 100, '2': 30, '3': 10, '4': 3 },
  untieredWeight: 1,
  reachHorizonMinutes: 60,
  handleSeconds: { text: 20, image: 30, audio: 60, video: 60, livestream: 90 },
  defaultHandleSeconds: 45,
  handleSecondsPerMediaSecond: 0.5,
  deadlineWeight: 20,
};

export interface LikelihoodEvidence {
  /** A model's probability of violation sent with the event (0..1). */
  modelScore?: number | null;
  /**
   * Verdict counts of each strategy or material that raised the task. `prior` is the source's own prior
   * mean (a strategy's declared enqueue priority / 100), weighted like `prior.a + prior.b` verdicts.
   */
  sources?: readonly { upheld: number; decided: number; prior?: number }[];
  /** Weights (reporter track records, 0..1) of each report. */
  reports?: readonly number[];
}

export function likelihood(e: LikelihoodEvidence, c: PriorityConfig = DEFAULT_PRIORITY_CONFIG): number {
  if (e.modelScore !== undefined && e.modelScore !== null) return clamp01(e.modelScore);
  let p = 0;
  const strength = c.prior.a + c.prior.b;
  for (const s of e.sources ?? []) {
    const a = s.prior === undefined ? c.prior.a : clamp01(s.prior) * strength;
    p = Math.max(p, (s.upheld + a) / (s.decided + strength));
  }
  let none = 1;
  for (const w of e.reports ?? []) none *= 1 - c.reportLikelihood * clamp01(w);
  const fromReports = 1 - none;
  if (!e.sources?.length && !e.reports?.length) return c.prior.a / (c.prior.a + c.prior.b);
  return Math.max(p, fromReports);
}

export interface ReachEvidence {
  views?: number | null;
  /** Views per minute lately. */
  viewVelocity?: number | null;
  /** For a live stream: viewers right now. */
  liveViewers?: number | null;
}

export function projectedReach(r: ReachEvidence, c: PriorityConfig = DEFAULT_PRIORITY_CONFIG): number {
  if (r.liveViewers !== undefined && r.liveViewers !== null) return Math.max(0, r.liveViewers) * c.reachHorizonMinutes;
  return Math.max(0, r.views ?? 0) + Math.max(0, r.viewVelocity ?? 0) * c.reachHorizonMinutes;
}

export function expectedHandleSeconds(modality: string | null, mediaSeconds: number | null, c: PriorityConfig = DEFAULT_PRIORITY_CONFIG): number {
  const base = (modality && c.handleSeconds[modality]) || c.defaultHandleSeconds;
  return base + Math.max(0, mediaSeconds ?? 0) * c.handleSecondsPerMediaSecond;
}

export function severityWeight(tier: number | null, c: PriorityConfig = DEFAULT_PRIORITY_CONFIG): number {
  return tier === null ? c.untieredWeight : (c.severityWeights[String(tier)] ?? c.untieredWeight);
}

export interface PriorityParts {
  likelihood: number;
  severityWeight: number;
  reachFactor: number;
  handleMinutes: number;
  deadlinePressure: number;
  priority: number;
}

export interface PriorityInput {
  evidence: LikelihoodEvidence;
  tier: number | null;
  reach: ReachEvidence;
  modality: string | null;
  mediaSeconds: number | null;
  createdAt: number; // epoch ms
  deadline: number; // epoch ms
  now: number; // epoch ms
}

/** The priority and each factor of it, so the console can show why a task ranks where it does. */
export function computePriority(i: PriorityInput, c: PriorityConfig = DEFAULT_PRIORITY_CONFIG): PriorityParts {
  const p = likelihood(i.evidence, c);
  const sev = severityWeight(i.tier, c);
  const reachFactor = 1 + Math.log10(1 + projectedReach(i.reach, c));
  const handleMinutes = expectedHandleSeconds(i.modality, i.mediaSeconds, c) / 60;
  const sla = Math.max(1, i.deadline - i.createdAt);
  const elapsed = Math.min(2, Math.max(0, (i.now - i.createdAt) / sla));
  const deadlinePressure = c.deadlineWeight * elapsed * elapsed;
  const priority = (p * sev * reachFactor) / handleMinutes + deadlinePressure;
  return { likelihood: p, severityWeight: sev, reachFactor, handleMinutes, deadlinePressure, priority };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
