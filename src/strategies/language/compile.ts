// From source to a runnable strategy: parse, check against the catalogue, and turn the generated code
// into functions once (no per-event tree walking). Equal counters across strategies share one slot of
// the counter store: a strategy is linked to the global slots of its counters before it runs.
import type { EventType } from '../../domain/index.js';
import { Checker, type CompileContext, type CounterFunction, type ResolvedAction } from './check.js';
import { StrategyCompileError, StrategySyntaxError, type SourcePos, type SourceProblem } from './errors.js';
import { parseStrategy } from './parser.js';
import { runtime, type EvalContext } from './runtime.js';

export interface CompiledCounter {
  /** Canonical text: equal counters in any strategies are one counter. */
  canon: string;
  fn: CounterFunction;
  aggregate: 'count' | 'sum' | 'distinct';
  events: ReadonlySet<EventType>;
  windowMs: number;
  /** On a counted event: the key it is counted under (null: not counted), whether it is counted, and what it adds. */
  key(ctx: EvalContext): string | null;
  observes(ctx: EvalContext): boolean;
  value(ctx: EvalContext): number | string | null;
}

export interface TraceStep {
  expr: string;
  line: number;
  col: number;
  value: unknown;
}

export interface StrategyEvaluator {
  /** The index of the first rule that applies, or -1. `C` holds counter values by global slot. */
  decide(ctx: EvalContext, C: ArrayLike<number>): number;
  /** Every sub-condition of the rule's condition as evaluated, in order, with its value: why it fired. */
  explain(ctx: EvalContext, C: ArrayLike<number>, rule: number): TraceStep[];
}

export interface CompiledStrategy {
  policy: string;
  severity: number;
  on: EventType[];
  expiresAt: Date | null;
  description: string;
  rules: { name: string; condition: string | null; actions: ResolvedAction[] }[];
  counters: CompiledCounter[];
  /** The key under which the event being decided reads counter `i` (local index); null: no such entity. */
  readKey(ctx: EvalContext, i: number): string | null;
  packagesUsed: string[];
  warnings: SourceProblem[];
  link(slots: readonly number[]): StrategyEvaluator;
}

type Fn<R> = (ctx: EvalContext) => R;
const makeFn = <R>(body: string, R: unknown[]): Fn<R> => new Function('L', 'R', `"use strict"; return function (ctx) { return ${body}; };`)(runtime, R) as Fn<R>;

/** Checks a source; returns every problem (errors and warnings) without compiling it. */
export function checkStrategySource(source: string, context: CompileContext): SourceProblem[] {
  try {
    return compileStrategy(source, context).warnings;
  } catch (err) {
    if (err instanceof StrategyCompileError) return err.problems;
    throw err;
  }
}

export function compileStrategy(source: string, context: CompileContext): CompiledStrategy {
  let ast;
  try {
    ast = parseStrategy(source);
  } catch (err) {
    if (err instanceof StrategySyntaxError) throw new StrategyCompileError([err.problem]);
    throw err;
  }
  const checker = new Checker(context);
  const { on, rules } = checker.checkStrategy(ast);
  const origin: SourcePos = { line: 1, col: 1, offset: 0 };
  let severity = ast.severity?.value;
  if (!ast.policy) checker.error(origin, 'a strategy names its policy: add a line such as `policy spam`');
  else {
    const policy = context.policies.get(ast.policy.value);
    if (!policy) checker.error(ast.policy.pos, `unknown policy \`${ast.policy.value}\`: one of ${[...context.policies.keys()].join(', ')}`);
    else severity ??= policy.severity_tier;
  }
  if (ast.severity && ![1, 2, 3, 4].includes(ast.severity.value)) checker.error(ast.severity.pos, 'severity is a tier from 1 (most severe) to 4 (least)');
  let expiresAt: Date | null = null;
  if (ast.expires) {
    const t = Date.parse(ast.expires.value);
    if (Number.isNaN(t) || !/\d{4}-\d{2}-\d{2}/.test(ast.expires.value)) checker.error(ast.expires.pos, `\`${ast.expires.value}\` is not a time: write e.g. "2026-12-31T00:00:00Z"`);
    else expiresAt = new Date(t);
  }
  const errors = checker.problems.filter((p) => p.level === 'error');
  if (errors.length) throw new StrategyCompileError(checker.problems.sort((a, b) => a.offset - b.offset));
  const warnings = checker.problems.filter((p) => p.level === 'warning');

  const R = checker.regexes;
  const counters: CompiledCounter[] = checker.counters.map((c) => ({
    canon: c.canon,
    fn: c.fn,
    aggregate: c.fn === 'rate' ? 'count' : c.fn,
    events: new Set(c.events),
    windowMs: c.windowMs,
    key: makeFn<string | null>(c.keyCode, R),
    observes: makeFn<boolean>(c.whereCode, R),
    value: makeFn<number | string | null>(c.valueCode ?? 'null', R),
  }));
  const readKeys = checker.readKeys.map((code) => makeFn<string | null>(code, R));
  const decideBody = rules.map((r, i) => (r.when ? `if (${r.when.code}) return ${i};` : `return ${i};`)).join('\n');
  const explainBodies = rules.map((r) => (r.when ? `${r.when.traced};` : ''));
  const nodes = checker.traceNodes;
  const factory = new Function(
    'L',
    'R',
    'S',
    `"use strict";
     const decide = function (ctx, C) { ${decideBody}\n return -1; };
     const explainers = [${explainBodies.map((b) => `function (ctx, C, T) { ${b} }`).join(',\n')}];
     return { decide, explainers };`,
  ) as (L: unknown, R: unknown, S: readonly number[]) => { decide: StrategyEvaluator['decide']; explainers: ((ctx: EvalContext, C: ArrayLike<number>, T: (id: number, v: unknown) => unknown) => void)[] };

  return {
    policy: ast.policy!.value,
    severity: severity!,
    on,
    expiresAt,
    description: ast.description?.value ?? '',
    rules: rules.map((r) => ({ name: r.name, condition: r.when?.canon ?? null, actions: r.actions })),
    counters,
    readKey: (ctx, i) => readKeys[i]!(ctx),
    packagesUsed: [...checker.packagesUsed],
    warnings,
    link(slots) {
      if (slots.length !== counters.length) throw new Error(`link needs ${counters.length} counter slots, got ${slots.length}`);
      const { decide, explainers } = factory(runtime, R, slots);
      return {
        decide,
        explain(ctx, C, rule) {
          const steps: TraceStep[] = [];
          explainers[rule]?.(ctx, C, (id, value) => {
            const node = nodes[id]!;
            steps.push({ expr: node.canon, line: node.pos.line, col: node.pos.col, value: value instanceof Set ? `list of ${value.size}` : value });
            return value;
          });
          return steps;
        },
      };
    },
  };
}
