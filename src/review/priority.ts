// A task's priority from its signals, recomputed whenever a signal arrives. Severity sets the floor; on
// top comes the strongest reason to look: a strategy's enqueue priority (0–100), the reports (each
// weighted by its reporter's track record, 20 points per fully trusted report, up to 100), or an appeal.
// Review optimisation replaces this with likelihood x severity x reach / handle time.

export interface PrioritySignal {
  source: string;
  weight: number;
  /** A strategy's or a person's explicit priority (0–100). */
  priority?: number;
}

export const APPEAL_PRIORITY = 60;
export const REPORT_POINTS = 20;

export function severityFloor(tier: number | null): number {
  return tier === null ? 10 : 10 * (5 - tier);
}

export function taskPriority(tier: number | null, signals: readonly PrioritySignal[]): number {
  let strongest = 0;
  let reports = 0;
  for (const s of signals) {
    if (s.source === 'report') reports += s.weight;
    else if (s.source === 'appeal') strongest = Math.max(strongest, APPEAL_PRIORITY);
    else if (s.priority !== undefined) strongest = Math.max(strongest, s.priority);
  }
  return severityFloor(tier) + Math.max(strongest, Math.min(100, REPORT_POINTS * reports));
}

/** A reporter's weight: the mean of a Beta(1, 1) prior updated with their upheld and rejected reports. */
export function reporterWeight(upheld: number, rejected: number): number {
  return (upheld + 1) / (upheld + rejected + 2);
}
