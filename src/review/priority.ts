// A reporter's weight: how much a report from them counts towards a task's likelihood of violation
// (./value.ts combines the reports on a task).

/** The mean of a Beta(1, 1) prior updated with their upheld and rejected reports. */
export function reporterWeight(upheld: number, rejected: number): number {
  return (upheld + 1) / (upheld + rejected + 2);
}
