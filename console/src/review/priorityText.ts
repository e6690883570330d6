// How a task's priority was reached, in one line an analyst can check by hand against the formula in
// src/review/value.ts. Analysts only: moderators review blind and never see why a task came first.
export interface PriorityParts {
  likelihood?: number;
  severityWeight?: number;
  reachFactor?: number;
  handleMinutes?: number;
  deadlinePressure?: number;
  priority?: number;
}

const n = (x: number | undefined, digits: number) => (x === undefined ? '?' : x.toFixed(digits));
const short = (x: number | undefined) => (x === undefined ? '?' : Number.isInteger(x) ? String(x) : x.toFixed(1));

/** "priority 27.3 = likelihood 0.30 × severity 30 × reach 1.0 / 0.33 min + deadline 0.0"; undefined before the first computation. */
export function priorityText(p: PriorityParts | undefined): string | undefined {
  if (!p || p.priority === undefined) return undefined;
  return `priority ${n(p.priority, 1)} = likelihood ${n(p.likelihood, 2)} × severity ${short(p.severityWeight)} × reach ${n(p.reachFactor, 1)} / ${n(p.handleMinutes, 2)} min + deadline ${n(p.deadlinePressure, 1)}`;
}
