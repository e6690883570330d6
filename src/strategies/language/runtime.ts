// What compiled strategies read at run time (the evaluation context) and the small helpers their
// generated code calls. Missing values are null: a comparison with null is false, arithmetic with null
// is null, and null is false where a condition is expected.
import type { VigilEvent } from '../../domain/index.js';

export interface PriorAction {
  action: string;
  policy: string | null;
  atMs: number;
}

/** An entity around the event, as of the event: its stored state with the event's attributes on top. */
export interface EntityView {
  type: string;
  id: string;
  attrs: Readonly<Record<string, unknown>>;
  labels: readonly string[];
  firstSeenMs: number | null;
  /** Enforcement actions on the entity; prior() counts those strictly before the event's time (not the ones it causes). */
  actions: readonly PriorAction[];
}

export interface HitView {
  material_id: number;
  package_id: string;
  policy_id: string;
  severity: number;
}

export interface EvalContext {
  event: VigilEvent;
  timeMs: number;
  /** The event's checked text (title and body of its item), '' when none. */
  text: string;
  language: string | null;
  roles: Readonly<Record<string, EntityView | undefined>>;
  /** Material hits on this event that act (testing materials excluded). */
  hits: readonly HitView[];
  lists: ReadonlyMap<string, ReadonlySet<string>>;
}

type Value = unknown;

const num = (v: Value): number | null => (typeof v === 'number' && !Number.isNaN(v) ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : typeof v === 'boolean' ? Number(v) : null);

function time(v: Value): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

const comparable = (a: Value, b: Value) => a !== null && a !== undefined && b !== null && b !== undefined;

export const runtime = {
  num,
  time,
  truthy: (v: Value) => v === true,
  eq: (a: Value, b: Value) => (a ?? null) === (b ?? null) || (typeof a === 'number' && typeof b === 'string' ? a === num(b) : typeof b === 'number' && typeof a === 'string' ? b === num(a) : false),
  lt: (a: Value, b: Value) => comparable(a, b) && (a as number) < (b as number),
  le: (a: Value, b: Value) => comparable(a, b) && (a as number) <= (b as number),
  gt: (a: Value, b: Value) => comparable(a, b) && (a as number) > (b as number),
  ge: (a: Value, b: Value) => comparable(a, b) && (a as number) >= (b as number),
  add: (a: Value, b: Value) => (comparable(a, b) ? (typeof a === 'string' ? a + String(b) : (a as number) + (b as number)) : null),
  arith: (op: string, a: number | null, b: number | null) => {
    if (a === null || b === null) return null;
    switch (op) {
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? null : a / b;
      default:
        return b === 0 ? null : a % b;
    }
  },
  neg: (a: number | null) => (a === null ? null : -a),
  inside: (x: Value, container: Value) => {
    if (x === null || x === undefined) return false;
    if (container instanceof Set) return container.has(typeof x === 'string' ? x : String(x));
    if (Array.isArray(container)) return container.some((c) => c === x || String(c) === String(x));
    if (typeof container === 'string') return container.includes(String(x));
    return false;
  },
  list: (ctx: EvalContext, id: string) => ctx.lists.get(id) ?? new Set<string>(),
  hits: (ctx: EvalContext, pkg: string | null, policy: string | null, severity: number | null) => {
    let n = 0;
    for (const h of ctx.hits) if ((pkg === null || h.package_id === pkg) && (policy === null || h.policy_id === policy) && (severity === null || h.severity <= severity)) n++;
    return n;
  },
  prior: (ctx: EvalContext, view: EntityView | undefined, action: string | null, windowMs: number, policy: string | null) => {
    if (!view) return 0;
    let n = 0;
    for (const a of view.actions) if ((action === null || a.action === action) && (policy === null || a.policy === policy) && a.atMs < ctx.timeMs && a.atMs >= ctx.timeMs - windowMs) n++;
    return n;
  },
  hasLabel: (view: EntityView | undefined, label: Value) => !!view && view.labels.includes(String(label)),
  age: (ctx: EvalContext, view: EntityView | undefined) => {
    if (!view) return null;
    const created = time(view.attrs.created_at) ?? view.firstSeenMs;
    return created === null ? null : ctx.timeMs - created;
  },
  signal: (ctx: EvalContext, name: string) => {
    const v = ctx.event.signals?.[name];
    return typeof v === 'number' ? v : null;
  },
  str: (v: Value) => (v === null || v === undefined ? null : String(v)),
  lower: (v: Value) => (typeof v === 'string' ? v.toLowerCase() : null),
  upper: (v: Value) => (typeof v === 'string' ? v.toUpperCase() : null),
  length: (v: Value) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : v instanceof Set ? v.size : null),
  contains: (s: Value, sub: Value) => typeof s === 'string' && typeof sub === 'string' && s.toLowerCase().includes(sub.toLowerCase()),
  startsWith: (s: Value, p: Value) => typeof s === 'string' && typeof p === 'string' && s.toLowerCase().startsWith(p.toLowerCase()),
  endsWith: (s: Value, p: Value) => typeof s === 'string' && typeof p === 'string' && s.toLowerCase().endsWith(p.toLowerCase()),
  matches: (s: Value, re: { test(s: string): boolean }) => typeof s === 'string' && re.test(s),
  math: (fn: 'abs' | 'round' | 'floor' | 'ceil', v: number | null) => (v === null ? null : Math[fn](v)),
  min: (...vs: (number | null)[]) => (vs.some((v) => v === null) ? null : Math.min(...(vs as number[]))),
  max: (...vs: (number | null)[]) => (vs.some((v) => v === null) ? null : Math.max(...(vs as number[]))),
  hour: (t: number | null) => (t === null ? null : new Date(t).getUTCHours()),
  weekday: (t: number | null) => (t === null ? null : (new Date(t).getUTCDay() + 6) % 7) /* 0 = Monday */,
  exists: (v: Value) => v !== null && v !== undefined,
  counterKey: (parts: (string | null)[]) => (parts.length === 1 ? parts[0]! : parts.includes(null) ? null : parts.join('|')),
  /** The key an entity or a value contributes to a counter's `by` or a distinct count's `of`. */
  key: (v: Value) => (v === null || v === undefined ? null : typeof v === 'object' && 'type' in (v as object) && 'id' in (v as object) ? `${(v as EntityView).type}:${(v as EntityView).id}` : String(v)),
};
export type Runtime = typeof runtime;
