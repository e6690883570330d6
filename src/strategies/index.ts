// Strategies: the rule language, counters, the running set, the decision pipeline and the lifecycle.
export * from './language/index.js';
export * from './store/index.js';
export { StrategiesService, type StrategiesServiceOptions } from './runtime/service.js';
export { buildStrategySet, loadStrategySet, type StrategySet, type ActiveVersion, type RunMode } from './runtime/strategy-set.js';
export * from './pipeline/index.js';
export { createCounterStore, MemoryCounterStore, type CounterStore } from './counters/index.js';
export * from './backtest/index.js';
export * from './guardrails/index.js';
