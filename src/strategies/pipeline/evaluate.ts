// The pure core of deciding: which counter operations a batch of events needs (in ingest order), and,
// given the counter values, which strategy versions fire on each event, with the actions they plan and
// the evidence they rest on. No store, no clock: the same events and counter values give the same
// decisions live, in a replay and in a backtest.
import { createHash } from 'node:crypto';
import type { EntityRef, EventType } from '../../domain/index.js';
import type { CounterOp } from '../counters/index.js';
import { itemRoleOf, type EvalContext, type TraceStep, type Verb } from '../language/index.js';
import type { ActiveVersion, RunMode, StrategySet } from '../runtime/strategy-set.js';

export interface SpanHit {
  material_id: number;
  package_id: string;
  package_version: number;
  policy_id: string;
  severity: number;
  field: string;
  span_start: number | null;
  span_end: number | null;
  matched: string | null;
}

export interface PipelineEvent {
  /** Position in ingest order; counters count what came before it. */
  order: number;
  seq: number;
  ctx: EvalContext;
  /** The entity rollouts are bucketed by (the event's partition entity). */
  rolloutKey: string;
  hits: readonly SpanHit[];
}

export interface PlannedAction {
  verb: Verb;
  entity: EntityRef;
  label?: string;
  queue?: string;
  priority?: number;
  reason?: string;
  durationMs?: number;
  message?: string;
}

export interface DecisionEvidence {
  conditions: TraceStep[];
  counters: { counter: string; key: string | null; value: number }[];
  hits: SpanHit[];
}

export interface Decision {
  strategyId: string;
  version: number;
  mode: RunMode;
  /** Whether its actions are meant to take effect (live and rollout; not shadow). */
  applies: boolean;
  rule: string;
  policy: string;
  severity: number;
  entity: EntityRef | null;
  actions: PlannedAction[];
  evidence: DecisionEvidence;
}

/** The counter operations for a batch, and where each event finds the values it reads. */
export interface CounterPlan {
  ops: CounterOp[];
  /** Per event: [global slot, op index] pairs. */
  reads: [number, number][][];
}

export function planCounterOps(set: StrategySet, events: readonly PipelineEvent[]): CounterPlan {
  const ops: CounterOp[] = [];
  const reads: [number, number][][] = [];
  // Per global slot, the key and op of the event's own observation (reset after each event).
  const observedKey: (string | undefined)[] = new Array(set.counters.length);
  const observedOp: number[] = new Array(set.counters.length);
  const touched: number[] = [];
  for (const e of events) {
    const type = e.ctx.event.type;
    const mine: [number, number][] = [];
    for (const g of set.observersOf.get(type) ?? []) {
      const key = g.counter.key(e.ctx);
      if (key === null) continue;
      const observe = g.counter.observes(e.ctx);
      const value = g.counter.value(e.ctx);
      if (observe && value === null && g.counter.aggregate !== 'count') continue;
      const op: CounterOp = { key: `${g.id}|${key}`, aggregate: g.counter.aggregate, windowMs: g.counter.windowMs, timeMs: e.ctx.timeMs, seq: e.order, observe };
      if (g.counter.aggregate === 'sum' && observe) op.value = value as number;
      if (g.counter.aggregate === 'distinct' && observe) op.item = String(value);
      observedKey[g.slot] = key;
      observedOp[g.slot] = ops.push(op) - 1;
      touched.push(g.slot);
    }
    for (const r of set.readersOf.get(type) ?? []) {
      const key = r.version.compiled.readKey(e.ctx, r.local);
      if (key === null) continue;
      if (observedKey[r.counter.slot] === key) {
        mine.push([r.counter.slot, observedOp[r.counter.slot]!]);
        continue;
      }
      const c = r.counter.counter;
      mine.push([r.counter.slot, ops.push({ key: `${r.counter.id}|${key}`, aggregate: c.aggregate, windowMs: c.windowMs, timeMs: e.ctx.timeMs, seq: e.order, observe: false }) - 1]);
    }
    for (const slot of touched) observedKey[slot] = undefined;
    touched.length = 0;
    reads.push(mine);
  }
  return { ops, reads };
}

/**
 * The counter values event `i` reads, by global slot (0 where it has no key). `into`: an array to fill
 * instead of a new one (a caller deciding one event after another reuses one).
 */
export function counterValues(set: StrategySet, plan: CounterPlan, results: readonly number[], i: number, into?: Float64Array): Float64Array {
  const C = into ? into.fill(0) : new Float64Array(set.counters.length);
  for (const [slot, op] of plan.reads[i]!) C[slot] = results[op]!;
  return C;
}

export function inRollout(strategyId: string, rolloutKey: string, percent: number): boolean {
  const h = createHash('sha1').update(`${strategyId}\u0000${rolloutKey}`).digest();
  return h.readUInt32BE(0) % 100 < percent;
}

function planActions(v: ActiveVersion, rule: number, ctx: EvalContext): PlannedAction[] {
  const type = ctx.event.type as EventType;
  const out: PlannedAction[] = [];
  for (const a of v.compiled.rules[rule]!.actions) {
    const role = a.roles[type];
    const view = role ? ctx.roles[role] : undefined;
    if (!view) continue;
    // Labelling what already carries the label (or unlabelling what does not) would change nothing.
    if (a.verb === 'label' && a.label !== undefined && view.labels.includes(a.label)) continue;
    if (a.verb === 'unlabel' && a.label !== undefined && !view.labels.includes(a.label)) continue;
    const planned: PlannedAction = { verb: a.verb, entity: { type: view.type as EntityRef['type'], id: view.id } };
    if (a.label !== undefined) planned.label = a.label;
    if (a.queue !== undefined) planned.queue = a.queue;
    if (a.priority !== undefined) planned.priority = a.priority;
    if (a.reason !== undefined) planned.reason = a.reason;
    if (a.durationMs !== undefined) planned.durationMs = a.durationMs;
    if (a.message !== undefined) planned.message = a.message;
    out.push(planned);
  }
  return out;
}

/** Per list of versions (one event type's): the first rollout version of each strategy that has one. */
const rolloutsByList = new WeakMap<readonly ActiveVersion[], ReadonlyMap<string, ActiveVersion>>();
function rolloutsOf(versions: readonly ActiveVersion[]): ReadonlyMap<string, ActiveVersion> {
  let rollouts = rolloutsByList.get(versions);
  if (!rollouts) {
    const found = new Map<string, ActiveVersion>();
    for (const o of versions) if (o.mode === 'rollout' && !found.has(o.strategyId)) found.set(o.strategyId, o);
    rolloutsByList.set(versions, (rollouts = found));
  }
  return rollouts;
}

/** Every version that fires on one event, in strategy order. */
export function decideEvent(set: StrategySet, e: PipelineEvent, C: Float64Array): Decision[] {
  const type = e.ctx.event.type as EventType;
  const versions = set.byEventType.get(type);
  if (!versions) return [];
  const decisions: Decision[] = [];
  const itemRole = itemRoleOf(type);
  const item = itemRole ? e.ctx.roles[itemRole] : undefined;
  // A strategy's live version yields to its rollout version for the entities in the rollout.
  const rollouts = rolloutsOf(versions);
  for (const v of versions) {
    const expires = v.compiled.expiresAt;
    if (expires && e.ctx.timeMs >= expires.getTime()) continue;
    if (v.mode === 'rollout' && !inRollout(v.strategyId, e.rolloutKey, v.rolloutPercent)) continue;
    if (v.mode === 'live' && rollouts.size) {
      const rollout = rollouts.get(v.strategyId);
      if (rollout && !(rollout.compiled.expiresAt && e.ctx.timeMs >= rollout.compiled.expiresAt.getTime()) && inRollout(v.strategyId, e.rolloutKey, rollout.rolloutPercent)) continue;
    }
    const rule = v.evaluator.decide(e.ctx, C);
    if (rule < 0) continue;
    decisions.push({
      strategyId: v.strategyId,
      version: v.version,
      mode: v.mode,
      applies: v.mode !== 'shadow',
      rule: v.compiled.rules[rule]!.name,
      policy: v.compiled.policy,
      severity: v.compiled.severity,
      entity: item ? { type: item.type as EntityRef['type'], id: item.id } : null,
      actions: planActions(v, rule, e.ctx),
      evidence: {
        conditions: v.evaluator.explain(e.ctx, C, rule),
        counters: v.compiled.counters.map((c, local) => ({ counter: c.canon, key: v.compiled.readKey(e.ctx, local), value: C[v.slots[local]!]! })),
        hits: e.hits.filter((h) => !v.compiled.packagesUsed.length || v.compiled.packagesUsed.includes(h.package_id) || h.policy_id === v.compiled.policy),
      },
    });
  }
  return decisions;
}
