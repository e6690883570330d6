// The HTTP server and the composition root that wires Vigil together.
export { startVigil, type RunningVigil, type VigilOptions } from './vigil.js';
export { buildApp } from './app.js';
export type { Services } from './services.js';
export { createMetrics } from './metrics.js';
