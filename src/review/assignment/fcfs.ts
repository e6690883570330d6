// First-come-first-served: the baseline the solver replaces. Oldest task first, each to the eligible
// moderator with room left who does it best. Kept to show, in the tests and the benchmark, what an
// optimising round buys over a queue.
import { eligible } from './eligibility.js';
import type { Assignment, ModeratorState, RoundResult, WaitingTask } from './types.js';
import { pairValue } from './value.js';

export function fcfsRound(tasks: readonly WaitingTask[], moderators: readonly ModeratorState[], now: number): RoundResult {
  const free = moderators.map((m) => Math.max(0, Math.floor(m.free)));
  const used = moderators.map(() => new Map<string, number>());
  const order = tasks.map((_, i) => i).sort((a, b) => tasks[a].createdAt - tasks[b].createdAt || a - b);
  const assignments: Assignment[] = [];
  let value = 0;
  for (const i of order) {
    const task = tasks[i];
    let best = -1;
    let bestValue = -Infinity;
    moderators.forEach((m, j) => {
      if (free[j] === 0 || !eligible(task, m, now)) return;
      if (task.harm !== null && Object.hasOwn(m.exposureLeft, task.harm) && (used[j].get(task.harm) ?? 0) + 1 > m.exposureLeft[task.harm]) return;
      const v = pairValue(task, m, now);
      if (v > bestValue) {
        best = j;
        bestValue = v;
      }
    });
    if (best < 0) continue;
    free[best]--;
    if (task.harm !== null) used[best].set(task.harm, (used[best].get(task.harm) ?? 0) + 1);
    assignments.push({ taskId: task.id, moderatorId: moderators[best].id });
    value += bestValue;
  }
  return { assignments, value };
}
