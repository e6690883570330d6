// `npm run bench -- assignment`: one review assignment round of 10,000 waiting tasks and 1,000 free slots
// (400 moderators with 1, 2, 3 or 4 free slots, a hundred each) timed on one core, computation only; the
// first-come-first-served objective on the same round for comparison; and the solver's objective against
// the exact optimum (an LP solved by yalps) on random 200-task × 50-moderator rounds. Rounds come from the
// seeded generator the tests use: skewed languages with relaxing requirements, 20 policies, 6 harm
// categories with small budgets, accuracies 0.8–0.98, Pareto priorities, deadlines from 15 min to a day.
import os from 'node:os';
import { fcfsRound, solveRound, type SolveStats } from '../src/review/assignment/index.js';
import { exactRound } from '../src/review/assignment/exact.js';
import { randomRound } from '../src/review/assignment/instances.js';
import { finish, round, say, type BenchContext } from './harness.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function measure<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

export async function main(ctx: BenchContext): Promise<void> {
  const repetitions = ctx.quick ? 5 : 21;
  const smallRounds = ctx.quick ? 8 : 40;

  const big = randomRound(1, { tasks: 10_000, moderators: 400 });
  const slots = big.moderators.reduce((n, m) => n + m.free, 0);
  say(`large round: ${big.tasks.length} tasks, ${big.moderators.length} moderators, ${slots} free slots`);
  // Warm-up, not measured: the first rounds run while V8 is still compiling the solver's hot loops, and the
  // router solves a round every few seconds, so the steady state is the figure that matters.
  for (let r = 0; r < 3; r++) solveRound(big.tasks, big.moderators, big.now);
  const wall: number[] = [];
  const cpu: number[] = [];
  let value = 0;
  let assigned = 0;
  for (let r = 0; r < repetitions; r++) {
    const run = measure(() => solveRound(big.tasks, big.moderators, big.now));
    wall.push(run.ms);
    cpu.push(run.cpuMs);
    value = run.value.value;
    assigned = run.value.assignments.length;
  }
  const stats = {} as SolveStats;
  solveRound(big.tasks, big.moderators, big.now, { stats });
  say(`  solver: median ${round(median(wall), 1)} ms, max ${round(Math.max(...wall), 1)} ms (process cpu median ${round(median(cpu), 1)} ms, GC and compiler threads included) over ${repetitions} rounds; ${assigned} assigned, objective ${round(value, 2)}`);
  say(`  search: ${stats.augmentations} augmentations, ${stats.settled} tasks settled, ${stats.relaxations} exchange relaxations, ${stats.candidateScans} candidate scans over ${stats.scanned} tasks`);
  const fcfs = measure(() => fcfsRound(big.tasks, big.moderators, big.now));
  say(`  first-come-first-served: ${fcfs.value.assignments.length} assigned, objective ${round(fcfs.value.value, 2)} (the solver's is ${round(value / fcfs.value.value, 2)}×) in ${round(fcfs.ms, 1)} ms`);
  let unprunedGap: number | null = null;
  let unprunedMs: number | null = null;
  if (!ctx.quick) {
    // The same search without exchange pruning is exact (the tests check it against the LP): what does pruning give away here?
    const exact = measure(() => solveRound(big.tasks, big.moderators, big.now, { exchangeCandidates: Infinity }));
    unprunedGap = ((exact.value.value - value) / exact.value.value) * 100;
    unprunedMs = exact.ms;
    say(`  unpruned (exact) search: objective ${round(exact.value.value, 2)} in ${round(exact.ms, 0)} ms; the default is ${round(unprunedGap, 3)}% below it`);
  }

  say(`exact optimum on ${smallRounds} random rounds of 200 tasks × 50 moderators (yalps LP):`);
  const gaps: number[] = [];
  let nonIntegral = 0;
  let lpMs = 0;
  let solverMs = 0;
  for (let i = 0; i < smallRounds; i++) {
    const r = randomRound(10_000 + i, { tasks: 200, moderators: 50 });
    const lp = measure(() => exactRound(r.tasks, r.moderators, r.now));
    const solved = measure(() => solveRound(r.tasks, r.moderators, r.now));
    lpMs += lp.ms;
    solverMs += solved.ms;
    if (lp.value.status !== 'optimal' || !lp.value.integral) {
      nonIntegral++;
      continue;
    }
    gaps.push(((lp.value.value - solved.value.value) / lp.value.value) * 100);
  }
  const meanGap = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
  const maxGap = Math.max(0, ...gaps);
  say(`  gap to the optimum: mean ${round(meanGap, 4)}%, max ${round(maxGap, 4)}% (${gaps.filter((g) => g < 1e-7).length} of ${gaps.length} exactly optimal; ${nonIntegral} LP results unusable); solver ${round(solverMs / smallRounds, 1)} ms, LP ${round(lpMs / smallRounds, 0)} ms per round`);

  finish({
    round_ms: round(median(wall), 1),
    round_ms_max: round(Math.max(...wall), 1),
    round_cpu_ms: round(median(cpu), 1),
    tasks: big.tasks.length,
    moderators: big.moderators.length,
    slots,
    assigned,
    objective: round(value, 2),
    fcfs_objective: round(fcfs.value.value, 2),
    vs_fcfs: round(value / fcfs.value.value, 3),
    unpruned_gap_pct: unprunedGap === null ? null : round(unprunedGap, 4),
    unpruned_ms: unprunedMs === null ? null : round(unprunedMs, 0),
    optimality_gap_pct: round(maxGap, 4),
    optimality_gap_mean_pct: round(meanGap, 4),
    exact_rounds: gaps.length,
    // Wall-clock round_ms counts time the core spent on other processes; on a shared machine the load says how much.
    load_avg_1m: round(os.loadavg()[0], 2),
    quick: ctx.quick,
  });
}
