// The baseline: first-in-first-out pulling. Whenever a moderator is free (the one idle longest first),
// they take the oldest waiting task they may review under the same hard skills and exposure budgets as
// Vigil. No priorities, no lookahead, no automation — what most review tools do.
import { eligible } from '../assignment/eligibility.js';
import type { Dispatcher, ModRun, Pick, TaskRun } from './engine.js';

export function fifoDispatcher(): Dispatcher {
  // Arrival order with holes where tasks were taken; compacted when holes dominate, so scans stay short.
  let queue: (TaskRun | null)[] = [];
  let count = 0;
  let holes = 0;
  return {
    name: 'fifo',
    get waiting() {
      return count;
    },
    arrive(task) {
      queue.push(task);
      count++;
    },
    dispatch(idle: readonly ModRun[], now: number): Pick[] {
      const picks: Pick[] = [];
      for (const mod of idle) {
        if (!count) break;
        for (let i = 0; i < queue.length; i++) {
          const task = queue[i];
          if (task && eligible(task.view, mod.state, now)) {
            picks.push({ task, mod });
            queue[i] = null;
            count--;
            holes++;
            break;
          }
        }
      }
      if (holes > 64 && holes > count) {
        queue = queue.filter((t) => t !== null);
        holes = 0;
      }
      return picks;
    },
    tick: () => [],
  };
}
