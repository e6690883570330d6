// The hard skills, read from the solver's own shapes: language at the level the task needs after the
// time it has waited, certification for its policy, not excluded, exposure budget left, room to take it.
// FIFO and Vigil share this one definition, so the comparison is between orderings, not between rules.
import { PROFICIENCIES, type ModeratorState, type Proficiency, type WaitingTask } from '../assignment/types.js';

/** The language level a task needs after waiting until `now`; null when any moderator may read it. */
export function requiredLevel(task: Pick<WaitingTask, 'relaxation' | 'createdAt'>, now: number): Proficiency | null {
  if (!task.relaxation.length) return null;
  const waited = now - task.createdAt;
  let level = task.relaxation[0].level; // before the first step applies, its level stands
  for (const step of task.relaxation) if (step.afterMs <= waited) level = step.level;
  return level;
}

export const meets = (have: Proficiency | undefined, need: Proficiency) =>
  have !== undefined && PROFICIENCIES.indexOf(have) >= PROFICIENCIES.indexOf(need);

export function eligible(task: WaitingTask, mod: ModeratorState, now: number): boolean {
  if (mod.free <= 0) return false;
  if (task.policy !== null && !mod.certified.has(task.policy)) return false;
  if (task.excluded.includes(mod.id)) return false;
  if (task.harm !== null && (mod.exposureLeft[task.harm] ?? Infinity) <= 0) return false;
  if (task.language === null) return true;
  const need = requiredLevel(task, now);
  return need === null || meets(mod.languages[task.language], need);
}
