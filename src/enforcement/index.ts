// Enforcement: the action log every capability writes to and the platform reads back.
export * from './actions.js';
export * from './webhooks/index.js';
export * from './precedence.js';
export * from './effects.js';
export * from './revert.js';
export * from './human.js';
export * from './strikes/index.js';
export * from './statements/index.js';
