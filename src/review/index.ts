// Human review: tasks raised by strategies, reports, appeals and samples; queues and routing; leases;
// verdicts and their enforcement; appeals; precision fed back from verdicts; the operations view; cases.
export * from './settings.js';
export * from './routing.js';
export * from './priority.js';
export * from './tasks.js';
export * from './from-actions.js';
export * from './from-reports.js';
export * from './reports.js';
export * from './leases.js';
export * from './verdicts.js';
export * from './appeals.js';
export * from './samples.js';
export * from './precision.js';
export * from './ops.js';
export * from './view.js';
export * from './qa/index.js';
export * from './cases/index.js';
