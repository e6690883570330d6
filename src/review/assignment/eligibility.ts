// Who may take a waiting task right now: the hard constraints of an assignment round (languages with
// their relaxation over time, policy certification, exclusions, capacity and exposure budgets). The
// solver never offers a pair this module rejects, so a round can only trade value, never safety rules.
import { PROFICIENCIES, type ModeratorState, type Proficiency, type WaitingTask } from './types.js';

/** Rank of a proficiency in PROFICIENCIES (basic 0 < fluent 1 < native 2); -1 for none. */
export function proficiencyRank(level: Proficiency | undefined): number {
  return level === undefined ? -1 : PROFICIENCIES.indexOf(level);
}

/**
 * The language level the task needs at `now`: the step with the largest afterMs that has already passed
 * (the furthest relaxation reached). Null when there is no requirement (no steps, or no language to
 * require). Before its earliest step is reached a task needs that earliest step: relaxation only ever
 * loosens a requirement, it never starts with none.
 */
export function requiredLevel(task: WaitingTask, now: number): Proficiency | null {
  if (task.relaxation.length === 0 || task.language === null) return null;
  const waited = now - task.createdAt;
  let reached: { afterMs: number; level: Proficiency } | null = null;
  let earliest = task.relaxation[0];
  for (const step of task.relaxation) {
    // The steps' order in the array is not trusted: the furthest step reached is the one with the largest afterMs.
    if (step.afterMs <= waited && (reached === null || step.afterMs >= reached.afterMs)) reached = step;
    if (step.afterMs < earliest.afterMs) earliest = step;
  }
  return (reached ?? earliest).level;
}

/** The moderator's level in a language; own keys only, so a language named like an Object method is not found by accident. */
export function languageLevel(moderator: ModeratorState, language: string): Proficiency | undefined {
  return Object.hasOwn(moderator.languages, language) ? moderator.languages[language] : undefined;
}

/** Whether the moderator may be given the task in a round at `now`, ignoring what else the round assigns. */
export function eligible(task: WaitingTask, moderator: ModeratorState, now: number): boolean {
  if (!(moderator.free > 0)) return false;
  if (task.excluded.includes(moderator.id)) return false;
  const level = requiredLevel(task, now);
  if (level !== null && proficiencyRank(languageLevel(moderator, task.language as string)) < proficiencyRank(level)) return false;
  if (task.policy !== null && !moderator.certified.has(task.policy)) return false;
  if (task.harm !== null) {
    // Each exposure item costs one unit of the budget; a category the moderator has no budget for is unlimited.
    if (Object.hasOwn(moderator.exposureLeft, task.harm) && !(moderator.exposureLeft[task.harm] >= 1)) return false;
  }
  return true;
}
