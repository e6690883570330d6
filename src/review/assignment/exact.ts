// The exact optimum of a small round, computed independently of the solver: the round as a linear program
// (one variable per eligible pair; task ≤ 1, moderator ≤ free, moderator × category ≤ budget) handed to the
// yalps simplex. The constraint matrix is that of a network flow, hence totally unimodular, so the LP optimum
// is integral; the result says whether it was, and the benchmark and tests refuse to compare against one that is not.
import { solve, type Coefficients } from 'yalps';
import { eligible } from './eligibility.js';
import type { Assignment, ModeratorState, RoundResult, WaitingTask } from './types.js';
import { pairValue } from './value.js';

export interface ExactResult extends RoundResult {
  /** Every variable of the LP optimum within 1e-6 of 0 or 1. */
  integral: boolean;
  status: string;
}

export function exactRound(tasks: readonly WaitingTask[], moderators: readonly ModeratorState[], now: number): ExactResult {
  const variables = new Map<string, Coefficients>();
  const pairs = new Map<string, [number, number]>();
  const constraints = new Map<string, { max: number }>();
  moderators.forEach((m, j) => {
    constraints.set(`m${j}`, { max: Math.max(0, Math.floor(m.free)) });
    for (const [harm, left] of Object.entries(m.exposureLeft)) constraints.set(`c${j}:${harm}`, { max: Math.max(0, Math.floor(left)) });
  });
  tasks.forEach((task, i) => {
    constraints.set(`t${i}`, { max: 1 });
    moderators.forEach((m, j) => {
      if (!eligible(task, m, now)) return;
      const coefficients: Record<string, number> = { value: pairValue(task, m, now), [`t${i}`]: 1, [`m${j}`]: 1 };
      if (task.harm !== null && Object.hasOwn(m.exposureLeft, task.harm)) coefficients[`c${j}:${task.harm}`] = 1;
      variables.set(`x${i}_${j}`, coefficients);
      pairs.set(`x${i}_${j}`, [i, j]);
    });
  });
  const solution = solve({ direction: 'maximize', objective: 'value', constraints, variables }, { maxPivots: 1_000_000 });
  const assignments: Assignment[] = [];
  let integral = solution.status === 'optimal';
  let value = 0;
  for (const [name, x] of solution.variables) {
    if (Math.abs(x - Math.round(x)) > 1e-6) integral = false;
    if (x < 0.5) continue;
    const [i, j] = pairs.get(name) as [number, number];
    assignments.push({ taskId: tasks[i].id, moderatorId: moderators[j].id });
    value += pairValue(tasks[i], moderators[j], now);
  }
  return { assignments, value, integral, status: solution.status };
}
