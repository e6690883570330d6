// The review-workforce simulation behind `npm run bench -- review-sim`: a seeded workload and team, FIFO
// pulling and Vigil's priority-plus-solver dispatch over the same event loop, and the metrics.
export { eligible, requiredLevel } from '../assignment/eligibility.js';
export { simulate, taskView, moderatorState, handleMs, decidesCorrectly } from './engine.js';
export type { Dispatcher, ModRun, Outcome, Pick, SimOptions, SimResult, TaskRun, AutoDecision } from './engine.js';
export { fifoDispatcher } from './fifo.js';
export { measure, harmWeight, linearHarmWeight, type Metrics } from './metrics.js';
export * from './model.js';
export { prng } from './random.js';
export { buildScenario, compare, offeredSeconds, type Compared, type ScenarioSpec } from './scenario.js';
export { DEFAULT_THRESHOLDS, priorityNow, vigilDispatcher, type Solver, type Thresholds, type VigilOptions } from './vigil.js';
export { generateWorkforce, staffedSeconds } from './workforce.js';
export { generateWorkload, dailyShape } from './workload.js';
