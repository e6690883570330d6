// The review inflow of one simulated period: a Poisson process whose rate follows a daily shape, each
// item with a language, policy and tier, modality and media length, a model score whose truth rate rises
// with it, reach (views and velocity, or live viewers that change while the stream runs), an SLA from its
// tier, the language requirement and its relaxation, and the odd appeal that excludes a moderator.
import type { RelaxationStep } from '../assignment/types.js';
import { expectedHandleSeconds } from '../value.js';
import {
  HOUR, LANGUAGE_MIX, LIVESTREAM_SLA_CAP_MINUTES, MINUTE, MODALITY_MIX, POLICIES, SLA_MINUTES,
  type PolicySpec, type SimTask, type Workload,
} from './model.js';
import { exponential, lognormal, meanOneNoise, normal, pickWeighted, prng, type Rand } from './random.js';

export interface WorkloadSpec {
  seed: number;
  horizon: number; // ms
  /** Mean arrivals per hour over a day; the daily shape moves the rate around it. */
  ratePerHour: number;
  /** Moderator ids an appeal may exclude (the one who decided first). */
  moderatorIds: readonly string[];
}

/** Relative arrival rate by hour of day, mean 1: quiet mornings, an evening peak at 20:00. */
export function dailyShape(t: number): number {
  const hour = (t / HOUR) % 24;
  return 1 + 0.45 * Math.cos((2 * Math.PI * (hour - 20)) / 24);
}
const SHAPE_MAX = 1.45;

const POLICY_MIX = POLICIES.map((p) => [p, p.weight] as const);
const APPEAL_SHARE = 0.04;

function mediaSeconds(r: Rand, modality: string): number {
  switch (modality) {
    case 'video': return Math.min(600, Math.round(lognormal(r, 30, 0.8)));
    case 'livestream': return Math.round(60 + r() * 120); // the clip window a reviewer watches
    case 'audio': return Math.min(600, Math.round(lognormal(r, 45, 0.7)));
    default: return 0;
  }
}

function relaxation(policy: PolicySpec, modality: string): RelaxationStep[] {
  // Wording decides nuanced text policies, so a native speaker first, a fluent one after ten minutes;
  // an image mostly speaks for itself, so a basic reader of its caption will do.
  if (modality === 'text' && policy.nuanced) return [{ afterMs: 0, level: 'native' }, { afterMs: 10 * MINUTE, level: 'fluent' }];
  if (modality === 'image') return [{ afterMs: 0, level: 'basic' }];
  return [{ afterMs: 0, level: 'fluent' }];
}

function task(r: Rand, id: number, arrival: number, moderatorIds: readonly string[]): SimTask {
  const language = pickWeighted(r, LANGUAGE_MIX);
  const modality = pickWeighted(r, MODALITY_MIX);
  const policy = pickWeighted(r, POLICY_MIX);
  // A logistic score; truth follows it with a little slack at both ends, so "near-certain" is ~97% right.
  const score = 1 / (1 + Math.exp(-(-0.4 + 2.5 * normal(r))));
  const violating = r() < 0.02 + 0.96 * score;
  const isLive = modality === 'livestream';
  const views = isLive ? 0 : Math.round(lognormal(r, 300, 2.2));
  const viewVelocity = isLive ? 0 : views * r() * 0.01;
  const live = isLive
    ? { viewersAtArrival: Math.round(lognormal(r, 150, 1.6)), growthPerHour: normal(r) * 0.8, endsAt: arrival + exponential(r, 40 * MINUTE) }
    : null;
  const slaMin = isLive ? Math.min(SLA_MINUTES[policy.tier], LIVESTREAM_SLA_CAP_MINUTES) : SLA_MINUTES[policy.tier];
  const excluded = r() < APPEAL_SHARE && moderatorIds.length ? [moderatorIds[Math.floor(r() * moderatorIds.length)]] : [];
  return {
    id, arrival, deadline: arrival + slaMin * MINUTE, language, policy: policy.id, tier: policy.tier, harm: policy.harm,
    modality, mediaSeconds: mediaSeconds(r, modality), score, violating, views, viewVelocity, live,
    relaxation: relaxation(policy, modality), excluded, handleNoise: meanOneNoise(r, 0.4), decisionDraw: r(),
  };
}

/** Arrivals by thinning a homogeneous process at the peak rate; deterministic for the seed. */
export function generateWorkload(spec: WorkloadSpec): Workload {
  const r = prng(spec.seed);
  const peakPerMs = (spec.ratePerHour * SHAPE_MAX) / HOUR;
  const tasks: SimTask[] = [];
  let t = 0;
  for (;;) {
    t += exponential(r, 1 / peakPerMs);
    if (t >= spec.horizon) break;
    if (r() * SHAPE_MAX >= dailyShape(t)) continue;
    tasks.push(task(r, tasks.length + 1, Math.floor(t), spec.moderatorIds));
  }
  return { tasks, horizon: spec.horizon };
}

let memo: number | undefined;

/** Mean expected handle seconds of one item, estimated once from a fixed sample, to size arrival rates. */
export function meanTaskSeconds(): number {
  if (memo !== undefined) return memo;
  const r = prng(7);
  const samples = 20_000;
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    const t = task(r, i, 0, []);
    sum += expectedHandleSeconds(t.modality, t.mediaSeconds);
  }
  return (memo = sum / samples);
}
