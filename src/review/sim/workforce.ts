// The simulated review team: moderators on three eight-hour shifts staffed in proportion to the work each
// shift brings, each with a native language (the mix follows the inflow's, every language covered on
// every shift), second languages, certifications, accuracy per policy and speed per modality.
// Two things a staffing plan would ensure, and the simulation does too, because without them items no
// dispatcher can review (nobody on shift may) dominate every dispatcher's figures alike and hide the
// ordering being compared:
//  - one native speaker of every language on every shift holds every certification (the shift's leads);
//  - a specialist (tier-1) policy is certified to enough of the team that its exposure category's budgets
//    cover 1.25x the forecast volume at 100% load; at 120% and at the evening peak they still bind.
// Exposure budgets are per shift and live in the engine.
import type { Proficiency } from '../assignment/types.js';
import { DAY, EXPOSURE_BUDGET_PER_SHIFT, HOUR, LANGUAGE_MIX, MODALITY_MIX, POLICIES, type PolicySpec, type SimModerator } from './model.js';
import { clamp, meanOneNoise, normal, pickWeighted, prng, type Rand } from './random.js';
import { dailyShape, meanTaskSeconds } from './workload.js';

export interface WorkforceSpec {
  seed: number;
  size: number;
  horizon: number; // ms; shifts repeat daily within it
}

const SHIFT_HOURS = 8;
const SHIFT_STARTS = [0, 8, 16];

/** Each shift's share of a day's arrivals, so staffing follows the forecast as a planner would set it. */
function shiftShares(): number[] {
  return SHIFT_STARTS.map((start) => {
    let s = 0;
    for (let m = 0; m < SHIFT_HOURS * 60; m++) s += dailyShape((start * 60 + m) * 60_000);
    return s;
  });
}

/** Splits n by weights with largest remainders, so small teams still sum to n. */
export function apportion(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (n * w) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < n - out.reduce((a, b) => a + b, 0); k++) out[order[k][1]]++;
  return out;
}

function nativeLanguages(count: number): string[] {
  // One native speaker of every language first when the shift is big enough, the rest by the mix.
  const langs = LANGUAGE_MIX.map(([l]) => l);
  const floor = count >= langs.length ? langs.slice() : [];
  const rest = apportion(count - floor.length, LANGUAGE_MIX.map(([, w]) => w));
  return [...floor, ...langs.flatMap((l, i) => Array<string>(rest[i]).fill(l))];
}

function languages(r: Rand, native: string): Record<string, Proficiency> {
  const out: Record<string, Proficiency> = { [native]: 'native' };
  if (native !== 'en' && r() < 0.7) out.en = 'fluent';
  const others = LANGUAGE_MIX.filter(([l]) => !out[l]);
  const x = r();
  if (x < 0.15) out[pickWeighted(r, others)] = 'fluent';
  else if (x < 0.35) out[pickWeighted(r, others)] = 'basic';
  return out;
}

/** Share of moderators certified for a specialist policy, so its category's budgets cover the forecast. */
export function specialistShare(p: PolicySpec, secondsPerTask: number): number {
  if (!p.harm || !(p.harm in EXPOSURE_BUDGET_PER_SHIFT)) return 0.3;
  const itemsPerModeratorShift = (SHIFT_HOURS * 3600) / secondsPerTask;
  const categoryShare = POLICIES.filter((q) => q.harm === p.harm).reduce((s, q) => s + q.weight, 0);
  return Math.min(1, (1.25 * itemsPerModeratorShift * categoryShare) / EXPOSURE_BUDGET_PER_SHIFT[p.harm]);
}

function moderator(r: Rand, id: string, native: string, shiftIndex: number, lead: boolean, horizon: number, shares: Map<string, number>): SimModerator {
  const base = clamp(0.93 + 0.025 * normal(r), 0.8, 0.99);
  const certified = new Set<string>();
  const accuracyByPolicy: Record<string, number> = {};
  POLICIES.forEach((p) => {
    const holds = lead || r() < (p.specialist ? shares.get(p.id)! : 0.92);
    if (holds) certified.add(p.id);
    accuracyByPolicy[p.id] = clamp(base + 0.025 * normal(r) + (p.specialist && holds ? 0.02 : 0), 0.7, 0.995);
  });
  const overall = meanOneNoise(r, 0.2);
  const speed = Object.fromEntries(MODALITY_MIX.map(([m]) => [m, overall * meanOneNoise(r, 0.25)]));
  const shifts: SimModerator['shifts'] = [];
  for (let day = 0; day * DAY < horizon; day++) {
    const start = day * DAY + SHIFT_STARTS[shiftIndex] * HOUR;
    if (start < horizon) shifts.push({ start, end: Math.min(horizon, start + SHIFT_HOURS * HOUR) });
  }
  return { id, languages: languages(r, native), certified, accuracyByPolicy, accuracy: base, speed, shifts };
}

export function generateWorkforce(spec: WorkforceSpec): SimModerator[] {
  const r = prng(spec.seed);
  const perShift = apportion(spec.size, shiftShares());
  const secondsPerTask = meanTaskSeconds();
  const shares = new Map(POLICIES.map((p) => [p.id, specialistShare(p, secondsPerTask)]));
  const out: SimModerator[] = [];
  perShift.forEach((count, shiftIndex) => {
    nativeLanguages(count).forEach((native, slot) => {
      // nativeLanguages puts one speaker of each language first: they are the shift's specialist leads.
      const lead = count >= LANGUAGE_MIX.length && slot < LANGUAGE_MIX.length;
      out.push(moderator(r, `mod-${String(out.length + 1).padStart(3, '0')}`, native, shiftIndex, lead, spec.horizon, shares));
    });
  });
  return out;
}

/** Moderator-seconds on shift within the horizon: the staffed capacity that load is measured against. */
export function staffedSeconds(team: readonly SimModerator[]): number {
  return team.reduce((s, m) => s + m.shifts.reduce((a, sh) => a + (sh.end - sh.start) / 1000, 0), 0);
}

/** The team's mean speed multiplier per modality, to turn expected handle times into offered work. */
export function meanSpeed(team: readonly SimModerator[]): Record<string, number> {
  return Object.fromEntries(MODALITY_MIX.map(([m]) => [m, team.reduce((s, x) => s + x.speed[m], 0) / team.length]));
}
