// STAND-IN SOLVER for the review-sim benchmark until the real assignment round (solveRound in
// src/review/assignment) lands; bench/review-sim.ts imports it in one line, to be swapped at merge, after
// which this file goes. Greedy: the highest-priority task first, to the eligible free moderator most
// accurate on its policy. Same signature and same hard skills as the real solver.
import type { ModeratorState, RoundResult, WaitingTask } from '../../src/review/assignment/types.js';
import { eligible } from '../../src/review/sim/index.js';

export function greedyRound(tasks: WaitingTask[], moderators: ModeratorState[], now: number): RoundResult {
  const free = moderators.map((m) => m.free);
  const taken = new Set<number>();
  const assignments: RoundResult['assignments'] = [];
  let value = 0;
  for (let slots = free.reduce((a, b) => a + b, 0); slots > 0; slots--) {
    // One pass per free slot for the best task some free moderator may take: cheaper than sorting the
    // whole queue when one or two moderators are free, which is the common case.
    let best: WaitingTask | null = null, bestMod = -1;
    for (const t of tasks) {
      if (taken.has(t.id) || (best && t.priority <= best.priority)) continue;
      let pick = -1;
      for (let m = 0; m < moderators.length; m++) {
        if (free[m] <= 0 || !eligible(t, moderators[m], now)) continue;
        if (pick < 0 || accuracyOn(moderators[m], t) > accuracyOn(moderators[pick], t)) pick = m;
      }
      if (pick >= 0) (best = t), (bestMod = pick);
    }
    if (!best) break;
    taken.add(best.id);
    free[bestMod]--;
    assignments.push({ taskId: best.id, moderatorId: moderators[bestMod].id });
    value += best.priority;
  }
  return { assignments, value };
}

function accuracyOn(m: ModeratorState, t: WaitingTask): number {
  const base = (t.policy && m.accuracyByPolicy[t.policy]) || m.accuracy;
  // A native reader breaks ties: the same accuracy read in one's own language is worth more.
  return base + (t.language && m.languages[t.language] === 'native' ? 0.001 : 0);
}
