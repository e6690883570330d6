// What giving a task to a moderator in this round is worth: the objective the assignment solver maximises.
//
//   value = priority × accuracy × speed × sla
//
//   accuracy = moderator.accuracyByPolicy[policy] ?? moderator.accuracy
//       expected harm averted scales with the chance the decision is right.
//   h        = moderator.handleMsByModality[modality] ?? moderator.handleMs   (expected handle time)
//   speed    = 1 / (1 + SPEED_WEIGHT × h / SPEED_REF_MS)
//       a slight preference for faster moderators (5% per minute of handle time): among otherwise equal
//       pairs the round finishes more work, but it never outweighs a real accuracy difference.
//   urgency  = clamp(1 − (deadline − now) / (deadline − createdAt), 0, 1)
//       the share of the task's SLA window already used: 0 when fresh, 1 at (or past) its deadline.
//   sla      = 1 + SLA_WEIGHT × urgency   if now + h <= deadline (this moderator would finish in time)
//            = 1                          otherwise (the deadline is lost with this moderator)
//
// Urgency is the task's, not the pair's: were it computed from the slack left after this moderator's
// handle time, a slower moderator would look more valuable merely for finishing closer to the deadline.
// The moderator enters through the in-time test instead, so a near-deadline task that a fast moderator
// would save and a slow one would miss is worth up to (1 + SLA_WEIGHT)× more with the fast one.
// The value is > 0 whenever priority and accuracy are, increasing in priority, accuracy and urgency
// (up to the deadline), and non-increasing in handle time.
import type { ModeratorState, WaitingTask } from './types.js';

/** How much an at-risk task that will still make its deadline outweighs a fresh one (×2 at the deadline). */
export const SLA_WEIGHT = 1;
export const SPEED_WEIGHT = 0.05;
export const SPEED_REF_MS = 60_000;

export function accuracyFor(task: WaitingTask, moderator: ModeratorState): number {
  return task.policy !== null && Object.hasOwn(moderator.accuracyByPolicy, task.policy) ? moderator.accuracyByPolicy[task.policy] : moderator.accuracy;
}

export function handleMsFor(task: WaitingTask, moderator: ModeratorState): number {
  return task.modality !== null && Object.hasOwn(moderator.handleMsByModality, task.modality) ? moderator.handleMsByModality[task.modality] : moderator.handleMs;
}

export function speedFactor(handleMs: number): number {
  return 1 / (1 + (SPEED_WEIGHT * handleMs) / SPEED_REF_MS);
}

export function urgency(task: WaitingTask, now: number): number {
  const window = Math.max(1, task.deadline - task.createdAt);
  return Math.min(1, Math.max(0, 1 - (task.deadline - now) / window));
}

/** The sla factor for a task of this urgency and a moderator finishing at now + handleMs. */
export function slaFactor(task: WaitingTask, taskUrgency: number, now: number, handleMs: number): number {
  return now + handleMs <= task.deadline ? 1 + SLA_WEIGHT * taskUrgency : 1;
}

/** The round objective of giving `task` to `moderator` at `now` (see the formula above). */
export function pairValue(task: WaitingTask, moderator: ModeratorState, now: number): number {
  const h = handleMsFor(task, moderator);
  return task.priority * accuracyFor(task, moderator) * speedFactor(h) * slaFactor(task, urgency(task, now), now, h);
}
