// Assignment rounds for human review: given the waiting tasks and the moderators' free slots, decide who
// reviews what so that the round averts the most expected harm (priority × accuracy, with SLA risk and
// speed) without ever breaking a language, certification, exclusion, capacity or exposure-budget rule.
// The router calls solveRound each round; the review-sim benchmark runs the same solver on its workforce.
export * from './types.js';
export { eligible, requiredLevel, proficiencyRank, languageLevel } from './eligibility.js';
export { pairValue, accuracyFor, handleMsFor, speedFactor, urgency, slaFactor, SLA_WEIGHT, SPEED_WEIGHT, SPEED_REF_MS } from './value.js';
export { solveRound, type SolveOptions, type SolveStats } from './solve.js';
export { fcfsRound } from './fcfs.js';
