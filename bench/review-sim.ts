// `npm run bench -- review-sim`: a simulated short-video / livestream / shop platform and a simulated
// review team (languages, certifications, accuracy per policy, speed per modality, exposure budgets),
// dispatched by FIFO pulling under the same hard skills and by Vigil's computed priority plus an
// assignment round, at 80%, 100% and 120% load, same tasks and team for each. Vigil is shown with and
// without its capacity-following thresholds, so what the matching alone gives is visible. Full run: 24 h
// with 100 moderators; --quick: 24 h with 30; --hours=48 for two days, --moderators=N, --seed=N.
import {
  compare, DAY, DEFAULT_THRESHOLDS, HOUR, fifoDispatcher, vigilDispatcher, type Compared, type Metrics, type Solver,
} from '../src/review/sim/index.js';
import { finish, round, say, timed, type BenchContext } from './harness.js';
// The router's own solver: the simulation runs the same rounds Vigil does.
import { solveRound as solver } from '../src/review/assignment/index.js';

/** Which solver ran, by its function’s own name, for the output. */
const solverName = (solver satisfies Solver).name;


const LOADS = [0.8, 1.0, 1.2];
const NAMES = ['fifo', 'vigil', 'vigil+thresholds'] as const;

function table(c: Compared): void {
  say(`load ${Math.round(c.load * 100)}% (offered/staffed ${round(c.realizedLoad * 100, 1)}%), ${c.tasks} tasks`);
  say(`  ${'dispatcher'.padEnd(17)} ${'SLA %'.padStart(6)} ${'t1/t2/t3/t4 SLA %'.padStart(22)} ${'harm min'.padStart(9)} ${'acc %'.padStart(6)} ${'human %'.padStart(8)} ${'auto'.padStart(5)} ${'left t1/t2/t3/t4'.padStart(20)} ${'/hour'.padStart(6)} ${'wait min'.padStart(9)}`);
  for (const name of NAMES) {
    const m = c.results[name];
    const tiers = [1, 2, 3, 4].map((k) => (Number.isNaN(m.slaPercentByTier[k] ?? NaN) ? '-' : String(round(m.slaPercentByTier[k], 1)))).join('/');
    say(`  ${name.padEnd(17)} ${String(round(m.slaPercent, 1)).padStart(6)} ${tiers.padStart(22)} ${String(round(m.harmMinutes, 1)).padStart(9)} ${String(round(m.accuracyPercent, 2)).padStart(6)} ${String(round(m.humanAccuracyPercent, 2)).padStart(8)} ${String(m.auto).padStart(5)} ${[1, 2, 3, 4].map((k) => m.undecidedByTier[k]).join('/').padStart(20)} ${String(round(m.throughputPerHour, 0)).padStart(6)} ${String(round(m.meanWaitMinutes, 1)).padStart(9)}`);
  }
}

export async function main({ quick, args }: BenchContext): Promise<void> {
  const arg = (name: string) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a === undefined ? undefined : Number(a.slice(name.length + 3));
  };
  const moderators = arg('moderators') ?? (quick ? 30 : 100);
  const seed = arg('seed') ?? 1;
  // --hours=48 runs two days, so that the first day's tier-4 items (24 h SLA) enter the SLA figure too.
  const horizon = (arg('hours') ?? 24) * HOUR;
  say(`review-sim: ${moderators} moderators on three 8 h shifts, ${horizon / HOUR} h, seed ${seed}; same tasks and team per load`);
  say(`  solver: ${solverName}${''}`);
  say(`  SLA counts tasks whose deadline falls within the run${horizon <= DAY ? ' (tier 4 has 24 h, so only its live streams, capped at 30 min, count; "left" shows what was deferred)' : ''}`);
  say('  harm = harm-weighted minutes to action over violating items; acc = all decisions, human = reviews only; auto = thresholds');
  const runs: Compared[] = [];
  const { seconds } = await timed(async () => {
    for (const load of LOADS) {
      const c = compare({ seed, moderators, horizon, load }, [
        () => fifoDispatcher(),
        () => vigilDispatcher({ solver }),
        () => vigilDispatcher({ solver, thresholds: DEFAULT_THRESHOLDS }),
      ]);
      table(c);
      runs.push(c);
    }
  });
  const at = (load: number, name: string): Metrics => runs.find((c) => c.load === load)!.results[name];
  const figures = (name: string, suffix: string) => ({
    [`sla_gain_points_120${suffix}`]: round(at(1.2, name).slaPercent - at(1.2, 'fifo').slaPercent, 2),
    [`sla_gain_points_100${suffix}`]: round(at(1.0, name).slaPercent - at(1.0, 'fifo').slaPercent, 2),
    [`sla_gain_points_80${suffix}`]: round(at(0.8, name).slaPercent - at(0.8, 'fifo').slaPercent, 2),
    [`harm_time_ratio${suffix}`]: round(at(1.0, name).harmMinutes / at(1.0, 'fifo').harmMinutes, 3),
    [`harm_time_ratio_linear_reach${suffix}`]: round(at(1.0, name).harmMinutesLinearReach / at(1.0, 'fifo').harmMinutesLinearReach, 3),
    [`harm_time_ratio_80${suffix}`]: round(at(0.8, name).harmMinutes / at(0.8, 'fifo').harmMinutes, 3),
    [`harm_time_ratio_120${suffix}`]: round(at(1.2, name).harmMinutes / at(1.2, 'fifo').harmMinutes, 3),
    [`accuracy_delta_points${suffix}`]: round(at(1.0, name).accuracyPercent - at(1.0, 'fifo').accuracyPercent, 2),
    [`accuracy_delta_points_80${suffix}`]: round(at(0.8, name).accuracyPercent - at(0.8, 'fifo').accuracyPercent, 2),
    [`accuracy_delta_points_120${suffix}`]: round(at(1.2, name).accuracyPercent - at(1.2, 'fifo').accuracyPercent, 2),
  });
  const fifoAt = Object.fromEntries(LOADS.flatMap((l) => {
    const m = at(l, 'fifo'), k = Math.round(l * 100);
    return [[`fifo_sla_${k}`, round(m.slaPercent, 2)], [`fifo_harm_min_${k}`, round(m.harmMinutes, 2)], [`fifo_accuracy_${k}`, round(m.accuracyPercent, 2)], [`fifo_undecided_${k}`, m.undecided]];
  }));
  const vigilAt = Object.fromEntries(LOADS.flatMap((l) => {
    const m = at(l, 'vigil'), k = Math.round(l * 100);
    return [[`vigil_sla_${k}`, round(m.slaPercent, 2)], [`vigil_harm_min_${k}`, round(m.harmMinutes, 2)], [`vigil_accuracy_${k}`, round(m.accuracyPercent, 2)], [`vigil_undecided_${k}`, m.undecided]];
  }));
  say(`headline: matching alone (vigil, no thresholds); harm and accuracy at 100% load; ${round(seconds, 1)} s`);
  finish({
    ...figures('vigil', ''),
    ...figures('vigil+thresholds', '_with_thresholds'),
    ...fifoAt,
    ...vigilAt,
    solver: solverName,
    headline_load_for_harm_and_accuracy: 100,
    moderators,
    seed,
    hours: horizon / 3_600_000,
    seconds: round(seconds, 1),
    quick,
  });
}
