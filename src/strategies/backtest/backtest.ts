// Backtests: run one strategy version over stored history with no effects, in ingest order, reading in
// short keyset chunks so live deciding never waits long behind it. Counters are warmed up over the
// longest window before the range, so the first events of the range read what they read live. The
// report: hits (by rule, by day), overlap with what other strategies decided, precision and recall
// against moderators' actions, and the review load it would have created.
import { sql } from 'kysely';
import { NotFoundError } from '../../catalogue/index.js';
import { HUMAN_SOURCES } from '../../enforcement/index.js';
import { EVENTS_TOPIC } from '../../ingest/index.js';
import type { MaterialSet } from '../../materials/index.js';
import type { Db } from '../../store/schema.js';
import { MemoryCounterStore } from '../counters/index.js';
import { compileStrategy } from '../language/index.js';
import { buildStrategySet } from '../runtime/strategy-set.js';
import { loadCompileContext } from '../store/context.js';
import { loadListItems } from '../store/lists.js';
import { contextsFor, type EventRow } from '../pipeline/contexts.js';
import { COUNTER_LATENESS_MS } from '../pipeline/counters.js';
import { counterValues, decideEvent, planCounterOps } from '../pipeline/evaluate.js';

export interface BacktestOptions {
  strategyId: string;
  version: number;
  from: Date;
  to: Date;
  chunk?: number;
  /** Stop after this many events in range (the report says it was cut short). */
  maxEvents?: number;
  onProgress?: (p: { scanned: number; inRange: number; hits: number; at: string | null }) => void;
  /** Every hit, as it is found (the report keeps a sample). */
  onHit?: (hit: BacktestHit) => void;
}

export interface BacktestHit {
  event_id: string;
  event_time: string;
  rule: string;
  entity: { type: string; id: string } | null;
  actions: string[];
}

export interface BacktestReport {
  strategy_id: string;
  version: number;
  from: string;
  to: string;
  events: number;
  hits: number;
  hit_rate: number;
  truncated: boolean;
  by_rule: Record<string, number>;
  by_day: { day: string; events: number; hits: number }[];
  overlap: { strategy_id: string; both: number; only_this: number; only_other: number }[];
  precision: { confirmed: number; overturned: number; value: number | null };
  recall: { found: number; missed: number; value: number | null };
  review_load: Record<string, number>;
  sample: BacktestHit[];
  duration_ms: number;
}

const SAMPLE = 100;
/** Moderator actions that confirm a violation, and ones that say there was none. */
const CONFIRMING = new Set(['remove', 'block', 'suspend', 'strike', 'limit_reach', 'age_gate', 'demonetize', 'interrupt', 'label']);
const CLEARING = new Set(['allow', 'restore', 'unsuspend']);

export async function runBacktest(db: Db, materials: MaterialSet, options: BacktestOptions): Promise<BacktestReport> {
  const started = performance.now();
  const row = await db.selectFrom('strategy_versions').select(['source']).where('strategy_id', '=', options.strategyId).where('version', '=', options.version).executeTakeFirst();
  if (!row) throw new NotFoundError(`strategy ${options.strategyId} has no version ${options.version}`);
  const context = await loadCompileContext(db);
  const set = buildStrategySet([{ strategyId: options.strategyId, version: options.version, state: 'live', rolloutPercent: 0, source: row.source }], (s) => compileStrategy(s, context), await loadListItems(db));
  if (set.broken.length) throw new Error(set.broken[0]!.error);
  const compiled = set.versions[0]!.compiled;
  const warmup = Math.max(0, ...set.counters.map((c) => c.counter.windowMs));
  const counters = new MemoryCounterStore({ lateness: COUNTER_LATENESS_MS });
  const chunk = options.chunk ?? 500;
  const fromMs = options.from.getTime();
  const toMs = options.to.getTime();

  const report: BacktestReport = {
    strategy_id: options.strategyId,
    version: options.version,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    events: 0,
    hits: 0,
    hit_rate: 0,
    truncated: false,
    by_rule: {},
    by_day: [],
    overlap: [],
    precision: { confirmed: 0, overturned: 0, value: null },
    recall: { found: 0, missed: 0, value: null },
    review_load: {},
    sample: [],
    duration_ms: 0,
  };
  const days = new Map<string, { events: number; hits: number }>();
  const hitEvents = new Set<string>();
  const hitEntities = new Map<string, number>();
  let scanned = 0;
  let after = 0;
  for (;;) {
    // Ingest order is the outbox order; events outside [from - warmup, to) are skipped in SQL.
    const { rows } = await sql<EventRow & { order: string }>`
      SELECT o.seq AS order, e.seq, e.id, e.type, e.event_time, e.language, e.body
      FROM bus_outbox o JOIN events e ON e.seq = (o.payload->>'seq')::bigint
      WHERE o.topic = ${EVENTS_TOPIC} AND o.seq > ${after}
        AND e.event_time >= ${new Date(fromMs - warmup)} AND e.event_time < ${options.to}
        AND e.type = ANY(${[...new Set([...compiled.on, ...set.counters.flatMap((c) => [...c.counter.events])])]}::text[])
      ORDER BY o.seq LIMIT ${chunk}`.execute(db);
    if (!rows.length) break;
    after = Number(rows[rows.length - 1]!.order);
    scanned += rows.length;
    const batch = await contextsFor(db, materials, set.lists, rows.map((r) => ({ order: Number(r.order), row: r })));
    const plan = planCounterOps(set, batch.events);
    const results = plan.ops.length ? await counters.apply(plan.ops) : [];
    batch.events.forEach((e, i) => {
      if (e.ctx.timeMs < fromMs || !compiled.on.includes(e.ctx.event.type)) return;
      report.events++;
      const day = new Date(e.ctx.timeMs).toISOString().slice(0, 10);
      const d = days.get(day) ?? { events: 0, hits: 0 };
      d.events++;
      days.set(day, d);
      const [decision] = decideEvent(set, e, counterValues(set, plan, results, i));
      if (!decision) return;
      report.hits++;
      d.hits++;
      hitEvents.add(batch.meta[i]!.id);
      report.by_rule[decision.rule] = (report.by_rule[decision.rule] ?? 0) + 1;
      if (decision.entity) hitEntities.set(`${decision.entity.type}:${decision.entity.id}`, e.ctx.timeMs);
      for (const a of decision.actions) if (a.verb === 'enqueue') report.review_load[a.queue!] = (report.review_load[a.queue!] ?? 0) + 1;
      const hit = { event_id: batch.meta[i]!.id, event_time: new Date(e.ctx.timeMs).toISOString(), rule: decision.rule, entity: decision.entity, actions: decision.actions.map((a) => `${a.verb} ${a.entity.type}:${a.entity.id}`) };
      options.onHit?.(hit);
      if (report.sample.length < SAMPLE) report.sample.push(hit);
    });
    options.onProgress?.({ scanned, inRange: report.events, hits: report.hits, at: rows.at(-1)!.event_time.toISOString() });
    if (options.maxEvents && report.events >= options.maxEvents) {
      report.truncated = true;
      break;
    }
    // Let live work in between chunks.
    await new Promise((r) => setImmediate(r));
  }
  report.hit_rate = report.events ? report.hits / report.events : 0;
  report.by_day = [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, v]) => ({ day, ...v }));

  // Overlap: what other strategies decided (live or rollout) on the same events.
  const others = await db
    .selectFrom('decisions')
    .select(['strategy_id', 'event_id'])
    .where('strategy_id', '!=', options.strategyId)
    .where('applied', '=', true)
    .where('event_time', '>=', options.from)
    .where('event_time', '<', options.to)
    .execute();
  const byOther = new Map<string, Set<string>>();
  for (const o of others) byOther.set(o.strategy_id, (byOther.get(o.strategy_id) ?? new Set()).add(o.event_id));
  report.overlap = [...byOther.entries()].map(([strategy_id, events]) => {
    const both = [...events].filter((e) => hitEvents.has(e)).length;
    return { strategy_id, both, only_this: hitEvents.size - both, only_other: events.size - both };
  });

  // Ground truth: moderators' latest action per entity for the policy, on entities in range.
  const verdicts = await db
    .selectFrom('actions')
    .select(['entity_type', 'entity_id', 'action', 'seq'])
    .where('source', 'in', [...HUMAN_SOURCES])
    .where('policy_id', '=', compiled.policy)
    .where('effective_at', '>=', options.from)
    .orderBy('seq')
    .execute();
  const latest = new Map<string, string>();
  for (const v of verdicts) if (CONFIRMING.has(v.action) || CLEARING.has(v.action)) latest.set(`${v.entity_type}:${v.entity_id}`, v.action);
  for (const [entity, action] of latest) {
    const hit = hitEntities.has(entity);
    if (CONFIRMING.has(action)) {
      if (hit) report.precision.confirmed++;
      if (hit) report.recall.found++;
      else report.recall.missed++;
    } else if (hit) report.precision.overturned++;
  }
  const judged = report.precision.confirmed + report.precision.overturned;
  report.precision.value = judged ? report.precision.confirmed / judged : null;
  const positives = report.recall.found + report.recall.missed;
  report.recall.value = positives ? report.recall.found / positives : null;
  report.duration_ms = Math.round(performance.now() - started);
  return report;
}
