// QA for human review: agreement statistics, golden items injected blind into moderators' work, k-of-n
// double review with adjudication, and moderators' accuracy built from all three.
export * from './kappa.js';
export * from './golden.js';
export * from './double.js';
export * from './agreement.js';
export * from './accuracy.js';
