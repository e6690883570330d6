// The simulated platform's vocabulary: policies with their severity tier and exposure category, the
// language and modality mix of a short-video / livestream / shop platform, SLAs, exposure budgets, and
// the task and moderator records both dispatchers work from. The numbers are plausible, not measured;
// they are the same for every dispatcher, which is what the comparison needs.
import type { Proficiency, RelaxationStep } from '../assignment/types.js';
import type { ReachEvidence } from '../value.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface PolicySpec {
  id: string;
  tier: 1 | 2 | 3 | 4;
  /** Exposure category charged to the reviewer's wellbeing budget, or null. */
  harm: string | null;
  /** Share of the review inflow. */
  weight: number;
  /** Only a minority of moderators hold the certification. */
  specialist: boolean;
  /** Judged on nuance of wording: text needs a native speaker at first. */
  nuanced: boolean;
}

export const POLICIES: readonly PolicySpec[] = [
  { id: 'child_safety', tier: 1, harm: 'child_safety', weight: 0.02, specialist: true, nuanced: false },
  { id: 'violent_extremism', tier: 1, harm: 'graphic_violence', weight: 0.02, specialist: true, nuanced: false },
  { id: 'self_harm', tier: 1, harm: 'self_harm', weight: 0.04, specialist: true, nuanced: false },
  { id: 'graphic_violence', tier: 2, harm: 'graphic_violence', weight: 0.06, specialist: false, nuanced: false },
  { id: 'dangerous_goods', tier: 2, harm: null, weight: 0.05, specialist: false, nuanced: false },
  { id: 'hate_speech', tier: 2, harm: null, weight: 0.08, specialist: false, nuanced: true },
  { id: 'scam_fraud', tier: 2, harm: null, weight: 0.08, specialist: false, nuanced: false },
  { id: 'adult_nudity', tier: 3, harm: 'sexual', weight: 0.12, specialist: false, nuanced: false },
  { id: 'harassment', tier: 3, harm: null, weight: 0.15, specialist: false, nuanced: true },
  { id: 'misinformation', tier: 3, harm: null, weight: 0.06, specialist: false, nuanced: true },
  { id: 'counterfeit', tier: 4, harm: null, weight: 0.12, specialist: false, nuanced: false },
  { id: 'spam', tier: 4, harm: null, weight: 0.2, specialist: false, nuanced: false },
];
export const POLICY_BY_ID = new Map(POLICIES.map((p) => [p.id, p]));

/** Skewed the way a global consumer app's inflow is: English first, a long tail after. */
export const LANGUAGE_MIX: readonly (readonly [string, number])[] = [
  ['en', 0.42], ['es', 0.16], ['pt', 0.1], ['ar', 0.08], ['hi', 0.08], ['zh', 0.06], ['id', 0.05], ['fr', 0.05],
];

export const MODALITY_MIX: readonly (readonly [string, number])[] = [
  ['video', 0.42], ['livestream', 0.1], ['image', 0.2], ['text', 0.23], ['audio', 0.05],
];

/** SLA per severity tier; a livestream is capped because the harm is happening now. */
export const SLA_MINUTES: Record<number, number> = { 1: 15, 2: 60, 3: 240, 4: 1440 };
export const LIVESTREAM_SLA_CAP_MINUTES = 30;

/** Items of each category one moderator may see per shift (wellbeing limits). A moderator reviews ~450
 *  items a shift, so these sit above an even share of each category: they stop one person being flooded
 *  with it, and bind for specialists at peaks and in overload. */
export const EXPOSURE_BUDGET_PER_SHIFT: Readonly<Record<string, number>> = {
  child_safety: 30, graphic_violence: 60, self_harm: 40, sexual: 200,
};

/** Accuracy lost and time added when reviewing outside one's native language. */
export const LANGUAGE_ACCURACY_PENALTY: Record<Proficiency, number> = { native: 0, fluent: 0.04, basic: 0.12 };
export const LANGUAGE_SLOWDOWN: Record<Proficiency, number> = { native: 1, fluent: 1.1, basic: 1.3 };

export interface LiveCurve {
  viewersAtArrival: number;
  /** Exponential growth (or decay) of viewers per hour while live. */
  growthPerHour: number;
  endsAt: number;
}

export interface SimTask {
  id: number;
  arrival: number; // ms on the simulated clock
  deadline: number;
  language: string;
  policy: string;
  tier: number;
  harm: string | null;
  modality: string;
  mediaSeconds: number;
  /** The model score sent with the item; calibrated-ish against `violating`. */
  score: number;
  /** Ground truth, seen only by the simulated moderators' correctness and by the metrics. */
  violating: boolean;
  views: number;
  viewVelocity: number;
  live: LiveCurve | null;
  relaxation: RelaxationStep[];
  excluded: string[];
  /** Per-task luck drawn once, so both dispatchers face the same item the same way. */
  handleNoise: number;
  decisionDraw: number;
}

export interface SimModerator {
  id: string;
  languages: Record<string, Proficiency>;
  certified: Set<string>;
  accuracyByPolicy: Record<string, number>;
  accuracy: number;
  /** Multiplier on the expected handle time per modality (< 1 is faster). */
  speed: Record<string, number>;
  shifts: { start: number; end: number }[];
}

export interface Workload {
  tasks: SimTask[];
  horizon: number;
}

export function liveViewersAt(live: LiveCurve, arrival: number, now: number): number {
  if (now >= live.endsAt) return 0;
  return live.viewersAtArrival * Math.exp((live.growthPerHour * Math.max(0, now - arrival)) / HOUR);
}

/** What value.ts projects reach from at `now`: a live stream's current viewers, else views and velocity. */
export function reachAt(t: SimTask, now: number): ReachEvidence {
  if (t.live) return { liveViewers: liveViewersAt(t.live, t.arrival, now) };
  return { views: t.views, viewVelocity: t.viewVelocity };
}
