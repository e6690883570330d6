// The decision pipeline: applies the ingested events in ingest order, a batch at a time. For each
// batch, in one transaction with the consumer's position: read entity state and material hits, update
// and read the counters, run every running strategy version, record each decision with its evidence,
// record the material hits, and apply the actions of live and rollout decisions under the precedence rules. A batch is applied
// exactly once; a failed batch is rolled back and applied again (counters are idempotent per event).
import { startOrderedConsumer, type OrderedConsumer } from '../../bus/index.js';
import { applyAutomatedActions, resolvePrecedence, type AutomatedAction, type ProposedAction } from '../../enforcement/index.js';
import { raiseFromActions, raiseFromReportEvents } from '../../review/index.js';
import { EVENTS_TOPIC, type EventMessage } from '../../ingest/index.js';
import type { MaterialsService } from '../../materials/index.js';
import type { Db, Tx } from '../../store/schema.js';
import { MemoryCounterStore, saveCounterCheckpoint, type CounterStore } from '../counters/index.js';
import { capsForBatch, loadCapCounts, loadGuardrailSettings, raiseAlert, snoozesOf, takeFromCaps, type CapCounts, type CapReached, type GuardrailSettings } from '../guardrails/index.js';
import type { StrategiesService } from '../runtime/service.js';
import type { StrategySet } from '../runtime/strategy-set.js';
import { clearingsOf, loadBatchContext, type BatchContext } from './contexts.js';
import { counterValues, decideEvent, planCounterOps, type Decision, type PlannedAction } from './evaluate.js';

export const DECISIONS_GROUP = 'decisions';
export const COUNTER_CHECKPOINT = 'decisions';
/** How stale the guardrail settings and the "any snooze in force" flag may be. */
const GUARDRAILS_TTL_MS = 1000;

export interface PipelineDeps {
  db: Db;
  clock: () => Date;
  materials: MaterialsService;
  strategies: StrategiesService;
  counters: CounterStore;
  /** Memory counters: save a checkpoint after this many events (default 20,000). */
  checkpointEvery?: number;
  maxBatch?: number;
  onError?: (err: unknown, context: string) => void;
  /** Called after each committed batch (metrics, waking the webhook deliverer). */
  onBatch?: (stats: { events: number; decisions: number; actions: number }) => void;
  /** Called inside the batch's transaction after its writes; throwing rolls the batch back (tests). */
  beforeCommit?: (stats: { events: number; decisions: number; actions: number }) => void;
}

interface Proposal extends ProposedAction {
  decision: number;
  planned: PlannedAction;
}

export interface Guards {
  settings: GuardrailSettings;
  /** A working copy of today's counts: taken from as actions are applied. */
  caps: CapCounts;
  /** Entity key -> snoozed strategy ids ('*' for all). */
  snoozes: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Why guardrails stop an action that precedence let through, or null. Takes from the caps when it passes. */
function guardrailBlock(p: Proposal, guards: Guards | undefined, capsReached: Map<string, CapReached>): string | null {
  if (!guards) return null;
  const snoozed = guards.snoozes.get(`${p.entity.type}:${p.entity.id}`);
  if (snoozed && (snoozed.has('*') || snoozed.has(p.strategyId))) return `${p.entity.type}:${p.entity.id} is snoozed${snoozed.has('*') ? '' : ` for ${p.strategyId}`}`;
  const reached = takeFromCaps(guards.caps, guards.settings, p.strategyId, p.verb);
  if (!reached) return null;
  capsReached.set(reached.because, reached);
  return reached.because;
}

/** Decides a loaded batch in order, updating the shared entity state as actions are taken. Pure but for the counter store. */
export async function decideBatch(
  set: StrategySet,
  counters: CounterStore,
  batch: BatchContext,
  guards?: Guards,
): Promise<{ decisions: Decision[][]; applied: Proposal[][]; suppressed: { action: Proposal; because: string }[][]; capsReached: Map<string, CapReached> }> {
  const capsReached = new Map<string, CapReached>();
  const plan = planCounterOps(set, batch.events);
  const results = plan.ops.length ? await counters.apply(plan.ops) : [];
  const decisions: Decision[][] = [];
  const applied: Proposal[][] = [];
  const suppressed: { action: Proposal; because: string }[][] = [];
  // Moderators' clearings come with the batch (deciding never adds any): read them once, not per event.
  const clearings = clearingsOf(batch.state);
  // One array of counter values, refilled for each event: nothing keeps it past decideEvent.
  const C = new Float64Array(set.counters.length);
  batch.events.forEach((e, i) => {
    const ds = decideEvent(set, e, counterValues(set, plan, results, i, C));
    const proposals: Proposal[] = ds.flatMap((d, decision) =>
      d.applies ? d.actions.map((a) => ({ verb: a.verb, entity: a.entity, policy: d.policy, severity: d.severity, strategyId: d.strategyId, qualifier: a.label ?? a.queue ?? '', decision, planned: a })) : [],
    );
    const resolution = proposals.length ? resolvePrecedence(proposals, clearings) : { applied: [], suppressed: [] };
    const passed: Proposal[] = [];
    for (const p of resolution.applied) {
      const because = guardrailBlock(p, guards, capsReached);
      if (because) resolution.suppressed.push({ action: p, because });
      else passed.push(p);
    }
    resolution.applied = passed;
    for (const p of resolution.applied) {
      const s = batch.state.get(`${p.entity.type}:${p.entity.id}`);
      if (!s) continue;
      s.actions.push({ action: p.verb, policy: p.policy, atMs: e.ctx.timeMs });
      if (p.verb === 'label' && p.planned.label && !s.labels.includes(p.planned.label)) s.labels.push(p.planned.label);
      if (p.verb === 'unlabel' && p.planned.label) s.labels.splice(0, s.labels.length, ...s.labels.filter((l) => l !== p.planned.label));
    }
    decisions.push(ds);
    applied.push(resolution.applied);
    suppressed.push(resolution.suppressed);
  });
  return { decisions, applied, suppressed, capsReached };
}

async function record(tx: Tx, batch: BatchContext, outcome: Awaited<ReturnType<typeof decideBatch>>, now: Date): Promise<{ decisions: number; actions: number }> {
  const rows = outcome.decisions.flatMap((ds, i) =>
    ds.map((d, j) => {
      const meta = batch.meta[i]!;
      const suppressed = outcome.suppressed[i]!.filter((s) => s.action.decision === j).map((s) => ({ verb: s.action.verb, entity: s.action.entity, because: s.because }));
      return {
        event_seq: meta.seq,
        event_id: meta.id,
        event_type: meta.type,
        event_time: meta.eventTime,
        decided_at: now,
        strategy_id: d.strategyId,
        strategy_version: d.version,
        rule: d.rule,
        mode: d.mode,
        applied: d.applies,
        policy_id: d.policy,
        severity: d.severity,
        entity_type: d.entity?.type ?? null,
        entity_id: d.entity?.id ?? null,
        actions: JSON.stringify(d.actions),
        evidence: JSON.stringify({ ...d.evidence, suppressed }),
      };
    }),
  );
  if (!rows.length) return { decisions: 0, actions: 0 };
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await tx.insertInto('decisions').values(rows.slice(i, i + 1000)).returning(['id', 'event_id', 'strategy_id', 'strategy_version']).execute();
    for (const r of inserted) ids.set(`${r.event_id}\u0000${r.strategy_id}\u0000${r.strategy_version}`, r.id);
  }
  const automated: AutomatedAction[] = outcome.applied.flatMap((ps, i) =>
    ps.map((p) => {
      const d = outcome.decisions[i]![p.decision]!;
      const details: Record<string, unknown> = {};
      if (p.planned.label !== undefined) details.label = p.planned.label;
      if (p.planned.queue !== undefined) details.queue = p.planned.queue;
      if (p.planned.priority !== undefined) details.priority = p.planned.priority;
      if (p.planned.reason !== undefined) details.reason = p.planned.reason;
      if (p.planned.durationMs !== undefined) details.duration_ms = p.planned.durationMs;
      if (p.planned.message !== undefined) details.message = p.planned.message;
      return {
        verb: p.verb,
        entity: p.entity,
        policy: d.policy,
        strategyId: d.strategyId,
        version: d.version,
        decisionId: ids.get(`${batch.meta[i]!.id}\u0000${d.strategyId}\u0000${d.version}`)!,
        rule: d.rule,
        effectiveAt: batch.meta[i]!.eventTime,
        details,
      };
    }),
  );
  const records = await applyAutomatedActions(tx, automated, now);
  await raiseFromActions(tx, records, now);
  return { decisions: rows.length, actions: records.length };
}

export interface DecisionPipeline {
  readonly consumer: OrderedConsumer;
  stop(): Promise<void>;
}

export function startDecisionPipeline(deps: PipelineDeps): DecisionPipeline {
  const checkpointEvery = deps.checkpointEvery ?? 20_000;
  let sinceCheckpoint = 0;
  let prepared: { set: StrategySet; settings: GuardrailSettings } | undefined;
  let guardrailsRead: { atMs: number; settings: GuardrailSettings; anySnooze: boolean } | undefined;
  let caps: CapCounts | undefined;
  let pendingCaps: CapCounts | undefined;
  const alerted = new Set<string>();
  let pendingAlerts: string[] = [];
  let pendingStats: { events: number; decisions: number; actions: number } | undefined;
  const consumer = startOrderedConsumer<EventMessage>({
    db: deps.db,
    topic: EVENTS_TOPIC,
    group: DECISIONS_GROUP,
    maxBatch: deps.maxBatch ?? 500,
    onError: deps.onError,
    // The material set and the strategies are (re)built before the transaction opens: building reads the store.
    prepare: async () => {
      await deps.materials.set();
      // Settings, and whether any snooze is in force, are read at most once a second, not per batch.
      const nowMs = deps.clock().getTime();
      if (!guardrailsRead || nowMs - guardrailsRead.atMs >= GUARDRAILS_TTL_MS || nowMs < guardrailsRead.atMs) {
        const anySnooze = await deps.db.selectFrom('entity_snoozes').select('id').where('until', '>', new Date(nowMs)).limit(1).executeTakeFirst();
        guardrailsRead = { atMs: nowMs, settings: await loadGuardrailSettings(deps.db), anySnooze: !!anySnooze };
      }
      prepared = { set: await deps.strategies.set(), settings: guardrailsRead.settings };
      caps ??= await loadCapCounts(deps.db, deps.clock());
    },
    afterCommit: () => {
      if (pendingStats) deps.onBatch?.(pendingStats);
      pendingStats = undefined;
      if (pendingCaps) caps = pendingCaps;
      for (const a of pendingAlerts) alerted.add(a);
      pendingAlerts = [];
    },
    handler: async (tx, messages) => {
      const set = prepared!.set;
      const now = deps.clock();
      const batch = await loadBatchContext(tx, deps.materials.ready!, set.lists, messages.map((m) => ({ order: m.seq, seq: m.payload.seq })));
      const guards: Guards = { settings: prepared!.settings, caps: capsForBatch(caps!, now), snoozes: guardrailsRead!.anySnooze ? await snoozesOf(tx, [...batch.state.values()].map((s) => s.ref), now) : new Map() };
      const outcome = await decideBatch(set, deps.counters, batch, guards);
      // The hits are recorded here, matched once for deciding and for measuring each material's precision.
      const hitRows = batch.hitRows ?? [];
      for (let i = 0; i < hitRows.length; i += 1000) await tx.insertInto('material_hits').values(hitRows.slice(i, i + 1000)).execute();
      pendingCaps = guards.caps;
      pendingAlerts = [];
      for (const reached of outcome.capsReached.values()) {
        const key = `${guards.caps.day}:${reached.because}`;
        if (alerted.has(key) || pendingAlerts.includes(key)) continue;
        pendingAlerts.push(key);
        await raiseAlert(tx, now, { kind: 'cap.reached', strategy_id: reached.strategyId, message: `${reached.because}; further actions today are recorded in decisions, not applied`, details: { cap: reached.cap, action: reached.action, day: guards.caps.day } });
      }
      const counts = await record(tx, batch, outcome, now);
      await raiseFromReportEvents(tx, batch.events.map((e) => e.ctx.event), now);
      sinceCheckpoint += messages.length;
      if (deps.counters instanceof MemoryCounterStore && sinceCheckpoint >= checkpointEvery) {
        await saveCounterCheckpoint(tx, COUNTER_CHECKPOINT, messages[messages.length - 1]!.seq, deps.counters, now);
        sinceCheckpoint = 0;
      }
      pendingStats = { events: messages.length, ...counts };
      deps.beforeCommit?.(pendingStats);
    },
  });
  return {
    consumer,
    async stop() {
      await consumer.stop();
      // A checkpoint at the last applied position makes the next start replay nothing.
      if (deps.counters instanceof MemoryCounterStore && consumer.position > 0) await saveCounterCheckpoint(deps.db, COUNTER_CHECKPOINT, consumer.position, deps.counters, deps.clock()).catch((err) => deps.onError?.(err, 'saving the counter checkpoint'));
    },
  };
}
