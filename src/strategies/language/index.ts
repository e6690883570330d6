// The strategy language: parse, check and compile a strategy source (see docs/rules.md).
export { compileStrategy, checkStrategySource, type CompiledCounter, type CompiledStrategy, type StrategyEvaluator, type TraceStep } from './compile.js';
export { itemRoleOf, ENFORCEMENT_VERBS, MAX_COUNTER_WINDOW_MS, type CompileContext, type ResolvedAction, type Verb } from './check.js';
export { StrategyCompileError, formatProblem, type SourceProblem } from './errors.js';
export { EVENT_SHAPES } from './env.js';
export type { EvalContext, EntityView, HitView, PriorAction } from './runtime.js';
