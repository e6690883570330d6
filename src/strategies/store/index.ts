// Strategies, their versions and lifecycle, and the named lists they read.
export * from './strategies.js';
export * from './lists.js';
export { loadCompileContext } from './context.js';
export * from './decisions.js';
