// `npm run bench -- pipeline`: events/s through the whole decision pipeline with 200 generated strategies
// and a 20k-term material package, on simulated platform events.
//  1. In memory, on one core: per batch of 500 events, contexts from an in-memory entity map (attributes,
//     labels, earlier actions) with material hits from the MaterialSet, counter ops planned and applied to
//     the memory counter store, every strategy run, and the actions put through the precedence rules
//     (decideBatch, as the pipeline consumer runs it). Single-threaded: the figure is events/s per core.
//  2. The same rules in json-rules-engine, over the same events in the same run, given the facts Vigil
//     computed for each event (counter values, hit counts, signals, fields): the peer measures rule
//     evaluation alone, which is generous to it. Both must fire the same (event, strategy) pairs.
//  3. Committed: a real Vigil on PostgreSQL with the packages, lists and the 200 strategies stored, the
//     events ingested as fast as it takes them; events/s from the first ingest until the decision
//     pipeline's position reaches the last event. PGlite the same way, for information (not in --quick).
// Figures per core are CPU seconds of this process (it is single-threaded; V8's GC helper threads count
// too), so a busy shared machine slows the wall clock more than them; the wall-clock rates are printed too.
// Flags for looking closer: --vigil-only (the in-memory part), --committed-only (the PostgreSQL part),
// --db-breakdown (ingest alone, then a replica of the pipeline's handler with a timer per step).
// The simulator sends no model scores; seeded ones are added to posts and comments (high for most
// violating items of the model's policy), so signal() conditions have something to read.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import pg from 'pg';
import { sql } from 'kysely';
import type { EventType, PackageScope, VigilEvent } from '../src/domain/index.js';
import { describeEvent, statedLanguage } from '../src/domain/index.js';
import { applyAutomatedActions, resolvePrecedence, type AutomatedAction } from '../src/enforcement/index.js';
import { createLanguageDetector, ingestBatch, type EventMessage } from '../src/ingest/index.js';
import { buildMaterialSetNow, checkedItemsOf, createPackage, importMaterials, type MaterialSet } from '../src/materials/index.js';
import { startVigil, type RunningVigil } from '../src/server/index.js';
import { simulateWithModelScores } from '../src/simulate/index.js';
import { MemoryCounterStore, saveCounterCheckpoint } from '../src/strategies/counters/index.js';
import { loadGuardrailSettings, saveGuardrailSettings, snoozesOf } from '../src/strategies/guardrails/index.js';
import { compileStrategy, type EvalContext } from '../src/strategies/language/index.js';
import { runtime as L } from '../src/strategies/language/runtime.js';
import { decideBatch } from '../src/strategies/pipeline/consumer.js';
import { clearingsOf, loadBatchContext, type BatchContext } from '../src/strategies/pipeline/contexts.js';
import { counterValues, decideEvent, planCounterOps, type PipelineEvent } from '../src/strategies/pipeline/evaluate.js';
import { memoryContexts, MemoryEntityStore, type MemoryEvent } from '../src/strategies/pipeline/memory-contexts.js';
import { buildStrategySet, type StrategySet } from '../src/strategies/runtime/strategy-set.js';
import { createList, createStrategy, setVersionState } from '../src/strategies/store/index.js';
import { compileContextOf, generateRuleSet, listItemsOf, matchableOf, type Cond, type GeneratedRuleSet, type Leaf } from '../src/strategies/testing/generate.js';
import { finish, round, say, type BenchContext } from './harness.js';

const BATCH = 500;
const SEED = 7;

const secondsSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
/** CPU seconds this process has used (every thread: the main one and V8's GC helpers). */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const fmt = (x: number) => Math.round(x).toLocaleString('en');

// ---- the events ---------------------------------------------------------------------------------------

/** Simulator events with the scores the simulated platform's models send (the simulator plays the models). */
function simulate(accounts: number, days: number): Promise<VigilEvent[]> {
  return simulateWithModelScores({ seed: SEED, accounts, days, speed: 'max', images: false, badActorShare: 0.05 });
}

/** The events as ingest would store them: in order, with their stated or detected language. */
async function asStored(events: VigilEvent[]): Promise<MemoryEvent[]> {
  const detector = await createLanguageDetector();
  return events.map((event, i) => {
    const stated = statedLanguage(event);
    const text = stated ? undefined : describeEvent(event).text;
    const detected = text ? detector.detect(text) : undefined;
    return { order: i + 1, event, language: stated ?? detected ?? null, languageDetected: detected !== undefined };
  });
}

// ---- Vigil in memory ------------------------------------------------------------------------------------

interface Built {
  set: StrategySet;
  materials: MaterialSet;
  lists: Map<string, Set<string>>;
}

function build(rules: GeneratedRuleSet): Built {
  const context = compileContextOf(rules);
  const lists = listItemsOf(rules);
  const set = buildStrategySet(
    rules.strategies.map((s) => ({ strategyId: s.id, version: 1, state: 'live' as const, rolloutPercent: 0, source: s.source })),
    (source) => compileStrategy(source, context),
    lists,
  );
  if (set.broken.length) throw new Error(`strategies that do not compile: ${set.broken.map((b) => `${b.strategyId}: ${b.error}`).join('; ')}`);
  return { set, materials: buildMaterialSetNow(matchableOf(rules)), lists };
}

interface VigilRun {
  seconds: number;
  cpuSeconds: number;
  /** Per event, the strategies that fired on it. */
  firings: string[][];
  decisions: number;
  actions: number;
}

/** The whole pipeline in memory, as the consumer runs it (decideBatch), timed. */
async function runVigil(b: Built, events: readonly MemoryEvent[]): Promise<VigilRun> {
  const store = new MemoryEntityStore();
  const counters = new MemoryCounterStore();
  const firings = new Array<string[]>(events.length);
  let decisions = 0;
  let actions = 0;
  const cpu = cpuNow();
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = memoryContexts(store, b.materials, b.lists, events.slice(i, i + BATCH));
    const outcome = await decideBatch(b.set, counters, batch);
    for (let j = 0; j < outcome.decisions.length; j++) {
      const ds = outcome.decisions[j]!;
      firings[i + j] = ds.map((d) => d.strategyId);
      decisions += ds.length;
      actions += outcome.applied[j]!.length;
    }
  }
  return { seconds: secondsSince(started), cpuSeconds: cpuNow() - cpu, firings, decisions, actions };
}

const STAGES = ['contexts', 'matching', 'plan', 'counters', 'evaluate', 'precedence'] as const;
type Stage = (typeof STAGES)[number];

/**
 * decideBatch with a timer around each stage, and a hook that sees each event's context and counter
 * values just before its strategies run (for the peer's facts; not timed). Must decide exactly as
 * decideBatch does: its firings are checked against the timed run's.
 */
async function instrumentedBatch(set: StrategySet, counters: MemoryCounterStore, batch: BatchContext, time: Record<Stage, number>, laps: Record<Stage, number>, before?: (i: number, e: PipelineEvent, C: Float64Array) => void): Promise<string[][]> {
  let t = cpuNow();
  const lap = (stage: Stage) => {
    const n = cpuNow();
    time[stage] += n - t;
    laps[stage]++;
    t = n;
  };
  const plan = planCounterOps(set, batch.events);
  lap('plan');
  const results = plan.ops.length ? await counters.apply(plan.ops) : [];
  lap('counters');
  const firings: string[][] = [];
  const clearings = clearingsOf(batch.state);
  const C = new Float64Array(set.counters.length);
  for (let i = 0; i < batch.events.length; i++) {
    const e = batch.events[i]!;
    counterValues(set, plan, results, i, C);
    if (before) {
      before(i, e, C);
      t = cpuNow();
    }
    const ds = decideEvent(set, e, C);
    lap('evaluate');
    const proposals = ds.flatMap((d, decision) =>
      d.applies ? d.actions.map((a) => ({ verb: a.verb, entity: a.entity, policy: d.policy, severity: d.severity, strategyId: d.strategyId, qualifier: a.label ?? a.queue ?? '', decision, planned: a })) : [],
    );
    const resolution = proposals.length ? resolvePrecedence(proposals, clearings) : { applied: [], suppressed: [] };
    for (const p of resolution.applied) {
      const s = batch.state.get(`${p.entity.type}:${p.entity.id}`);
      if (!s) continue;
      s.actions.push({ action: p.verb, policy: p.policy, atMs: e.ctx.timeMs });
      if (p.verb === 'label' && p.planned.label && !s.labels.includes(p.planned.label)) s.labels.push(p.planned.label);
      if (p.verb === 'unlabel' && p.planned.label) s.labels.splice(0, s.labels.length, ...s.labels.filter((l) => l !== p.planned.label));
    }
    lap('precedence');
    firings.push(ds.map((d) => d.strategyId));
  }
  return firings;
}

/** CPU seconds one reading of the CPU clock takes. */
function lapCost(): number {
  const n = 200_000;
  const started = cpuNow();
  let x = 0;
  for (let i = 0; i < n; i++) x += cpuNow();
  return x > 0 ? (cpuNow() - started) / n : 0;
}

/** Material matching alone over the same events (checkedItemsOf and MaterialSet.checkItem), timed. */
function timeMatching(materials: MaterialSet, events: readonly MemoryEvent[]): { seconds: number; hits: number } {
  const media = new Map();
  let hits = 0;
  const started = cpuNow();
  for (const e of events) for (const item of checkedItemsOf(e.event, e.language ?? undefined)) hits += materials.checkItem(item, media).length;
  return { seconds: cpuNow() - started, hits };
}

// ---- the peer: json-rules-engine ---------------------------------------------------------------------

type FactFn = (ctx: EvalContext, C: Float64Array) => unknown;

const OPERATORS: Record<string, string> = {
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '==': 'equal',
  '!=': 'notEqual',
  in: 'in',
  'not in': 'notIn',
  is: 'equal',
  contains: 'textContains',
  starts_with: 'textStartsWith',
  ends_with: 'textEndsWith',
  matches: 'textMatches',
};

/**
 * The generated rules as json-rules-engine rules over facts: one engine per event type holding the rules
 * of the strategies that decide on it (first-rule-wins is irrelevant here: a strategy fires when any of
 * its rules does). Each leaf of a condition is a fact, computed from Vigil's context and counter values.
 */
class Peer {
  readonly engines = new Map<EventType, Engine>();
  private readonly factIds = new Map<string, string>();
  private readonly factFns: FactFn[] = [];
  /** Per event type: the facts its engine reads. */
  private readonly factsOf = new Map<EventType, number[]>();
  rules = 0;

  constructor(
    rules: GeneratedRuleSet,
    private readonly set: StrategySet,
  ) {
    const context = compileContextOf(rules);
    const lists = new Map(rules.lists.map((l) => [l.id, l.items]));
    const regexes = new Map<string, RegExp>();
    for (const s of rules.strategies) {
      const used = new Set<number>();
      const fact = (leaf: Leaf) => {
        const key = JSON.stringify(leaf);
        let id = this.factIds.get(key);
        if (id === undefined) {
          id = `f${this.factFns.length}`;
          this.factIds.set(key, id);
          this.factFns.push(this.factFn(leaf, s.on, context));
        }
        used.add(Number(id.slice(1)));
        return id;
      };
      const convert = (c: Cond): TopLevelCondition | { fact: string; operator: string; value: unknown } => {
        if (c.k === 'all') return { all: c.of.map(convert) };
        if (c.k === 'any') return { any: c.of.map(convert) };
        if (c.k === 'not') return { not: convert(c.of) };
        const v = c.value;
        const value = typeof v === 'object' && !Array.isArray(v) ? ('list' in v ? lists.get(v.list)! : v.ms) : v;
        return { fact: fact(c.leaf), operator: OPERATORS[c.op]!, value };
      };
      for (const type of s.on) {
        let engine = this.engines.get(type);
        if (!engine) {
          engine = new Engine([], { allowUndefinedFacts: true });
          engine.addOperator('textContains', (a: unknown, b: unknown) => L.contains(a, b));
          engine.addOperator('textStartsWith', (a: unknown, b: unknown) => L.startsWith(a, b));
          engine.addOperator('textEndsWith', (a: unknown, b: unknown) => L.endsWith(a, b));
          engine.addOperator('textMatches', (a: unknown, b: string) => {
            let re = regexes.get(b);
            if (!re) regexes.set(b, (re = new RegExp(b, 'i')));
            return typeof a === 'string' && re.test(a);
          });
          this.engines.set(type, engine);
        }
        for (const [i, r] of s.rules.entries()) {
          const c = convert(r.when);
          engine.addRule({ name: `${s.id}/${i}`, conditions: 'fact' in c ? { all: [c] } : c, event: { type: s.id } });
          this.rules++;
        }
      }
      for (const type of s.on) this.factsOf.set(type, [...new Set([...(this.factsOf.get(type) ?? []), ...used])].sort((a, b) => a - b));
    }
  }

  /** The fact a leaf is, computed as Vigil's generated code computes it. */
  private factFn(leaf: Leaf, on: EventType[], context: ReturnType<typeof compileContextOf>): FactFn {
    switch (leaf.k) {
      case 'counter': {
        // The counter's global slot: compile the call alone to get its canonical text.
        const canon = compileStrategy(`policy spam\non ${on.join(', ')}\nrule r when ${leaf.expr} > 0 then enqueue "general"`, context).counters[0]!.canon;
        const slot = this.set.counters.find((g) => g.counter.canon === canon)!.slot;
        const per = leaf.rate;
        return per === undefined ? (_ctx, C) => C[slot] : (_ctx, C) => C[slot]! / per;
      }
      case 'hits':
        return (ctx) => L.hits(ctx, leaf.package, leaf.policy, leaf.severity);
      case 'signal':
        return (ctx) => L.signal(ctx, leaf.name);
      case 'field': {
        const { role, field, type } = leaf;
        if (field === 'id' || field === 'type') return (ctx) => L.str(ctx.roles[role]?.[field] ?? null);
        if (type === 'number') return (ctx) => L.num(ctx.roles[role]?.attrs[field] ?? null);
        if (type === 'bool') return (ctx) => (ctx.roles[role]?.attrs[field] ?? null) === true;
        return (ctx) => L.str(ctx.roles[role]?.attrs[field] ?? null);
      }
      case 'event': {
        if (leaf.path === 'language') return (ctx) => ctx.language;
        const parts = leaf.path.split('.');
        const raw = (ctx: EvalContext) => (parts.reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], ctx.event) ?? null);
        if (leaf.type === 'number') return (ctx) => L.num(raw(ctx));
        if (leaf.type === 'bool') return (ctx) => raw(ctx) === true;
        return (ctx) => L.str(raw(ctx));
      }
      case 'text':
        return (ctx) => ctx.text;
      case 'text_length':
        return (ctx) => L.length(ctx.text);
      case 'age':
        return (ctx) => L.age(ctx, ctx.roles[leaf.role]);
      case 'prior':
        return (ctx) => L.prior(ctx, ctx.roles[leaf.role], leaf.action, leaf.windowMs, leaf.policy);
      case 'label':
        return (ctx) => L.hasLabel(ctx.roles[leaf.role], leaf.label);
      case 'hour':
        return (ctx) => L.hour(ctx.timeMs);
    }
  }

  /** The facts of one event for its type's engine (undefined: no strategy decides on this type). */
  facts(ctx: EvalContext, C: Float64Array): Record<string, unknown> | undefined {
    const ids = this.factsOf.get(ctx.event.type as EventType);
    if (!ids) return undefined;
    const out: Record<string, unknown> = {};
    for (const i of ids) out[`f${i}`] = this.factFns[i]!(ctx, C);
    return out;
  }

  async run(type: EventType, facts: Record<string, unknown>): Promise<string[]> {
    const { events } = await this.engines.get(type)!.run(facts);
    return [...new Set(events.map((e) => e.type))];
  }
}

interface ReplayResult {
  stages: Record<Stage, number>;
  /** CPU seconds, and wall seconds, of the peer's runs. */
  peerSeconds: number;
  peerWall: number;
  peerEvents: number;
  peerFirings: (string[] | undefined)[];
  replayFirings: string[][];
}

/**
 * The second pass: the pipeline again from fresh state with a timer per stage; each batch's facts are
 * taken as Vigil decides, then the peer runs over that batch (timed on its own).
 */
async function replay(b: Built, peer: Peer | undefined, events: readonly MemoryEvent[], peerEvents: number): Promise<ReplayResult> {
  const store = new MemoryEntityStore();
  const counters = new MemoryCounterStore();
  const stages = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const laps = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const replayFirings: string[][] = [];
  const peerFirings: (string[] | undefined)[] = [];
  let peerSeconds = 0;
  let peerWall = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    let t = cpuNow();
    const batch = memoryContexts(store, b.materials, b.lists, events.slice(i, i + BATCH));
    stages.contexts += cpuNow() - t;
    laps.contexts++;
    const withPeer = peer && i < peerEvents;
    const facts: (Record<string, unknown> | undefined)[] = [];
    replayFirings.push(...(await instrumentedBatch(b.set, counters, batch, stages, laps, withPeer ? (_j, e, C) => facts.push(peer.facts(e.ctx, C)) : undefined)));
    if (!withPeer) continue;
    t = cpuNow();
    const wall = process.hrtime.bigint();
    for (let j = 0; j < batch.events.length; j++) {
      const f = facts[j];
      peerFirings.push(f ? await peer.run(batch.events[j]!.ctx.event.type as EventType, f) : []);
    }
    peerSeconds += cpuNow() - t;
    peerWall += secondsSince(wall);
  }
  // Each reading of the CPU clock costs a little (a system call): take it out of the stage it landed in.
  const cost = lapCost();
  for (const k of STAGES) stages[k] = Math.max(0, stages[k] - laps[k] * cost);
  return { stages, peerSeconds, peerWall, peerEvents: peerFirings.length, peerFirings, replayFirings };
}

/** Pairs (event, strategy) fired by both, and those fired by one only. */
function agreement(a: readonly (readonly string[] | undefined)[], b: readonly (readonly string[] | undefined)[], n: number) {
  let both = 0;
  const differ: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = new Set(a[i] ?? []);
    const y = new Set(b[i] ?? []);
    for (const s of x) if (y.has(s)) both++;
      else differ.push(`event ${i + 1}: ${s} only in the first`);
    for (const s of y) if (!x.has(s)) differ.push(`event ${i + 1}: ${s} only in the second`);
  }
  return { both, differ };
}

// ---- committed to a database -----------------------------------------------------------------------

const ADMIN_URL = process.env.VIGIL_TEST_DATABASE_URL ?? process.env.VIGIL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface CommittedRun {
  events: number;
  setupSeconds: number;
  /** From the first ingest until the decision pipeline's position reached the last event. */
  seconds: number;
  ingestSeconds: number;
  decisions: number;
  actions: number;
  /** Strategies the guardrails paused during the run (firing on too large a share of events). */
  paused: number;
}

/** A fresh database (PostgreSQL: `vigil_bench_<random>`, dropped afterwards; PGlite: in memory) with a Vigil on it. */
async function withVigil<T>(backend: 'postgres' | 'pglite', options: { startConsumers: boolean }, fn: (vigil: RunningVigil) => Promise<T>): Promise<T> {
  let databaseUrl: string | undefined;
  const name = `vigil_bench_${randomBytes(5).toString('hex')}`;
  if (backend === 'postgres') {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  try {
    const vigil = await startVigil({ port: 0, databaseUrl, consoleDir: false, startConsumers: options.startConsumers });
    try {
      return await fn(vigil);
    } finally {
      await vigil.close();
    }
  } finally {
    if (backend === 'postgres') await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/**
 * Stores the packages, lists and strategies (all live) through the store functions; returns the running set.
 * Auto-pause is turned off: it watches strategies in their first 24 hours live, and here all 200 went live
 * a moment ago (in steady state they have been live for longer and it checks none of them).
 */
async function storeRules(vigil: RunningVigil, rules: GeneratedRuleSet): Promise<StrategySet> {
  const { db, clock } = vigil.services;
  const guardrails = await loadGuardrailSettings(db);
  await saveGuardrailSettings(db, { ...guardrails, auto_pause: { ...guardrails.auto_pause, enabled: false } }, 'bench', clock());
  for (const p of rules.packages) {
    await createPackage(db, { id: p.id, name: p.name, description: p.description, owner: 'bench', scope: p.scope as PackageScope }, 'bench', clock());
    await importMaterials(db, p.id, JSON.stringify(p.materials), { format: 'json', mode: 'merge' }, 'bench', clock());
  }
  for (const l of rules.lists) await createList(db, { id: l.id, kind: l.kind, description: l.description, items: l.items }, 'bench', clock());
  for (const s of rules.strategies) {
    await createStrategy(db, { id: s.id, name: s.name, source: s.source }, 'bench', clock());
    await setVersionState(db, s.id, 1, { state: 'live' }, 'bench', clock());
  }
  await vigil.services.materials.refresh();
  const set = await vigil.services.strategies.refresh();
  if (set.versions.length !== rules.strategies.length) throw new Error(`${set.versions.length} strategies running, expected ${rules.strategies.length}`);
  return set;
}

/** Ingests in batches of 1,000, one at a time (two at once can deadlock on the entities rows; see BENCHMARKS.md). */
async function ingestAll(vigil: RunningVigil, events: VigilEvent[]): Promise<void> {
  const { db, clock, bus, languages } = vigil.services;
  for (let i = 0; i < events.length; i += 1000) await ingestBatch({ db, bus, languages }, events.slice(i, i + 1000), clock());
}

/** A real Vigil with the rule set stored; ingests the events and waits until every one is decided and committed. */
async function committed(backend: 'postgres' | 'pglite', rules: GeneratedRuleSet, events: VigilEvent[]): Promise<CommittedRun> {
  return withVigil(backend, { startConsumers: true }, async (vigil) => {
    const { db } = vigil.services;
    let t = process.hrtime.bigint();
    await storeRules(vigil, rules);
    const setupSeconds = secondsSince(t);
    t = process.hrtime.bigint();
    await ingestAll(vigil, events);
    const ingestSeconds = secondsSince(t);
    const last = await sql<{ seq: string }>`SELECT max(seq) AS seq FROM bus_outbox WHERE topic = 'events'`.execute(db);
    const target = Number(last.rows[0]!.seq);
    for (;;) {
      const row = await db.selectFrom('bus_cursors').select('position').where('group_name', '=', 'decisions').where('topic', '=', 'events').executeTakeFirst();
      if (row && Number(row.position) >= target) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = secondsSince(t);
    const count = async (q: string) => Number((await sql<{ n: string }>`${sql.raw(q)}`.execute(db)).rows[0]!.n);
    return {
      events: events.length,
      setupSeconds,
      seconds,
      ingestSeconds,
      decisions: await count('SELECT count(*) AS n FROM decisions'),
      actions: await count('SELECT count(*) AS n FROM actions'),
      paused: await count('SELECT count(*) AS n FROM strategies WHERE paused'),
    };
  });
}

const DB_STEPS = ['load', 'snoozes', 'decide', 'hits', 'decisions', 'actions', 'checkpoint', 'commit'] as const;

/**
 * Where the committed pipeline's time goes: the events ingested first (consumers off), then the decision
 * pipeline's handler step by step (a replica of consumer.ts with a timer per step; caps and alerts left
 * out), each batch of 500 committed, from one process.
 */
async function dbBreakdown(rules: GeneratedRuleSet, events: VigilEvent[]): Promise<{ ingestRate: number; rate: number; ms: Record<(typeof DB_STEPS)[number], number> }> {
  return withVigil('postgres', { startConsumers: false }, async (vigil) => {
    const { db, clock, materials } = vigil.services;
    const set = await storeRules(vigil, rules);
    let t = process.hrtime.bigint();
    await ingestAll(vigil, events);
    const ingestRate = events.length / secondsSince(t);
    const messages = await db.selectFrom('bus_outbox').select(['seq', 'payload']).where('topic', '=', 'events').orderBy('seq').execute();
    const ms = Object.fromEntries(DB_STEPS.map((k) => [k, 0])) as Record<(typeof DB_STEPS)[number], number>;
    const counters = new MemoryCounterStore();
    let sinceCheckpoint = 0;
    t = process.hrtime.bigint();
    for (let i = 0; i < messages.length; i += BATCH) {
      let at = performance.now();
      const lap = (k: (typeof DB_STEPS)[number]) => {
        const n = performance.now();
        ms[k] += n - at;
        at = n;
      };
      const slice = messages.slice(i, i + BATCH);
      await db.transaction().execute(async (tx) => {
        const now = clock();
        const batch = await loadBatchContext(tx, materials.ready!, set.lists, slice.map((m) => ({ order: Number(m.seq), seq: (m.payload as EventMessage).seq })));
        lap('load');
        await snoozesOf(tx, [...batch.state.values()].map((s) => s.ref), now);
        lap('snoozes');
        const outcome = await decideBatch(set, counters, batch);
        lap('decide');
        const hitRows = batch.hitRows ?? [];
        for (let k = 0; k < hitRows.length; k += 1000) await tx.insertInto('material_hits').values(hitRows.slice(k, k + 1000)).execute();
        lap('hits');
        const rows = outcome.decisions.flatMap((ds, k) =>
          ds.map((d) => ({ event_seq: batch.meta[k]!.seq, event_id: batch.meta[k]!.id, event_type: batch.meta[k]!.type, event_time: batch.meta[k]!.eventTime, decided_at: now, strategy_id: d.strategyId, strategy_version: d.version, rule: d.rule, mode: d.mode, applied: d.applies, policy_id: d.policy, severity: d.severity, entity_type: d.entity?.type ?? null, entity_id: d.entity?.id ?? null, actions: JSON.stringify(d.actions), evidence: JSON.stringify({ ...d.evidence, suppressed: [] }) })),
        );
        const ids = new Map<string, number>();
        for (let k = 0; k < rows.length; k += 1000) for (const r of await tx.insertInto('decisions').values(rows.slice(k, k + 1000)).returning(['id', 'event_id', 'strategy_id']).execute()) ids.set(`${r.event_id}\u0000${r.strategy_id}`, r.id);
        lap('decisions');
        const automated: AutomatedAction[] = outcome.applied.flatMap((ps, k) =>
          ps.map((p) => {
            const d = outcome.decisions[k]![p.decision]!;
            return { verb: p.verb, entity: p.entity, policy: d.policy, strategyId: d.strategyId, version: d.version, decisionId: ids.get(`${batch.meta[k]!.id}\u0000${d.strategyId}`)!, rule: d.rule, effectiveAt: batch.meta[k]!.eventTime, details: p.planned.label === undefined ? {} : { label: p.planned.label } };
          }),
        );
        await applyAutomatedActions(tx, automated, now);
        lap('actions');
        if ((sinceCheckpoint += slice.length) >= 20_000) {
          await saveCounterCheckpoint(tx, 'bench', Number(slice[slice.length - 1]!.seq), counters, now);
          sinceCheckpoint = 0;
        }
        lap('checkpoint');
      });
      lap('commit');
    }
    const rate = messages.length / secondsSince(t);
    const batches = Math.ceil(messages.length / BATCH);
    for (const k of DB_STEPS) ms[k] /= batches;
    return { ingestRate, rate, ms };
  });
}

// ---- the run ---------------------------------------------------------------------------------------------

export async function main({ quick, args }: BenchContext): Promise<void> {
  const accounts = quick ? 800 : 12_000;
  const days = 0.25;
  let t = process.hrtime.bigint();
  const simulated = await simulate(accounts, days);
  const events = await asStored(simulated);
  const types = new Map<string, number>();
  for (const e of simulated) types.set(e.type, (types.get(e.type) ?? 0) + 1);
  say(`pipeline: ${fmt(events.length)} simulated events (${accounts.toLocaleString('en')} accounts, ${days * 24} h; ${[...types].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}), made in ${round(secondsSince(t), 1)} s`);

  t = process.hrtime.bigint();
  const accountIds = simulated.flatMap((e) => ('author' in e && e.author ? [e.author.id] : 'host' in e ? [e.host.id] : []));
  const deviceIds = simulated.flatMap((e) => ('device' in e && e.device ? [e.device.id] : []));
  const rules = generateRuleSet({ seed: SEED, ids: { accounts: accountIds, devices: deviceIds } });
  const b = build(rules);
  const terms = rules.packages.reduce((n, p) => n + p.materials.length, 0);
  say(`rule set: ${rules.strategies.length} strategies (${b.set.versions.reduce((n, v) => n + v.compiled.rules.length, 0)} rules, ${b.set.counters.length} distinct counters), ${fmt(terms)} terms in ${rules.packages.length} packages, ${rules.lists.length} lists; compiled and built in ${round(secondsSince(t), 2)} s`);

  const committedEvents = simulated.slice(0, quick ? 6_000 : 100_000);
  const describeCommitted = (label: string, run: CommittedRun, inMemory?: number) =>
    `${label}: ${fmt(run.events / run.seconds)} events/s committed (${fmt(run.events)} events ingested in ${round(run.ingestSeconds, 1)} s, every one decided and committed after ${round(run.seconds, 1)} s; ` +
    `${fmt(run.decisions)} decisions stored${inMemory === undefined ? '' : ` (in memory over the same events: ${fmt(inMemory)})`}, ${fmt(run.actions)} actions, ${run.paused} strategies paused by the guardrails; rules stored in ${round(run.setupSeconds, 1)} s beforehand)`;
  if (args.includes('--committed-only')) {
    say(describeCommitted('PostgreSQL', await committed('postgres', rules, committedEvents)));
    return;
  }
  if (args.includes('--db-breakdown')) {
    const d = await dbBreakdown(rules, committedEvents);
    const total = DB_STEPS.reduce((n, k) => n + d.ms[k], 0);
    say(`PostgreSQL, ingest alone: ${fmt(d.ingestRate)} events/s; then the pipeline's steps alone (a replica of its handler, batches of ${BATCH}): ${fmt(d.rate)} events/s`);
    say(`  per batch: ${DB_STEPS.map((k) => `${k} ${round(d.ms[k], 1)} ms (${Math.round((d.ms[k] / total) * 100)}%)`).join(', ')}`);
    return;
  }

  // Warm-up on a slice with state of its own (JIT), then the timed run from fresh state.
  await runVigil(b, events.slice(0, Math.min(events.length, 20_000)));
  // Three timed runs (each from fresh state); the median is the figure, as the machine may be shared.
  const runs: VigilRun[] = [];
  for (let k = 0; k < 3; k++) runs.push(await runVigil(b, events));
  const vigil = [...runs].sort((x, y) => x.cpuSeconds - y.cpuSeconds)[1]!;
  // Per core: the loop is single-threaded, so events over the CPU seconds the process used for it (GC
  // helper threads included). The wall-clock rate is printed beside it: on a shared machine it is lower.
  const rate = events.length / vigil.cpuSeconds;
  const wallRate = events.length / vigil.seconds;
  if (process.env.PIPELINE_DEBUG) {
    const by = new Map<string, number>();
    for (const f of vigil.firings) for (const id of f) by.set(id, (by.get(id) ?? 0) + 1);
    for (const [id, n] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 40)) say(`  ${id}: ${n}`);
    say(`  strategies that fired: ${by.size}`);
  }
  say(`vigil in memory, one thread: ${fmt(rate)} events/s per core, median of 3 runs (${runs.map((r) => fmt(events.length / r.cpuSeconds)).join(', ')}; ${round(vigil.cpuSeconds, 2)} CPU s incl. GC threads; ${fmt(wallRate)} events/s by the wall clock, ${round(vigil.seconds, 2)} s, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores); ${fmt(vigil.decisions)} decisions, ${fmt(vigil.actions)} actions applied`);

  if (args.includes('--vigil-only')) return;

  // The peer, and the stage breakdown, in a second pass.
  t = process.hrtime.bigint();
  const peer = new Peer(rules, b.set);
  const peerEvents = quick ? 3_000 : 60_000;
  say(`json-rules-engine: ${peer.rules} rules in ${peer.engines.size} engines (one per event type) built in ${round(secondsSince(t), 2)} s; run over the first ${fmt(Math.min(peerEvents, events.length))} events with the facts Vigil computed for them`);
  {
    // Warm-up for the peer too.
    const warm = new Peer(rules, b.set);
    await replay(b, warm, events.slice(0, 2_000), 2_000);
  }
  const second = await replay(b, peer, events, peerEvents);
  const same = agreement(vigil.firings, second.replayFirings, events.length);
  if (same.differ.length) throw new Error(`the instrumented pass decided differently from decideBatch: ${same.differ.slice(0, 5).join('; ')}`);
  const agree = agreement(vigil.firings, second.peerFirings, second.peerEvents);
  const peerRate = second.peerEvents / second.peerSeconds;
  const ratio = rate / peerRate;
  say(`json-rules-engine: ${fmt(peerRate)} events/s per core over ${fmt(second.peerEvents)} events (${fmt(second.peerEvents / second.peerWall)} by the wall clock; rule evaluation only, on facts Vigil computed: generous to the peer)`);
  say(`agreement: ${fmt(agree.both)} (event, strategy) firings by both, ${agree.differ.length} by one only`);
  if (agree.differ.length) throw new Error(`Vigil and json-rules-engine disagree, so the comparison is meaningless: ${agree.differ.slice(0, 10).join('; ')}`);
  say(`ratio: ${round(ratio, 1)}x json-rules-engine`);

  const matching = timeMatching(b.materials, events);
  const stages = { ...second.stages, contexts: second.stages.contexts - matching.seconds, matching: matching.seconds };
  const total = STAGES.reduce((s, k) => s + stages[k], 0);
  // Like for like: Vigil's strategy evaluation alone (the evaluate stage) against the peer's rule evaluation.
  const evaluationRatio = (second.peerSeconds / second.peerEvents) / (stages.evaluate / events.length);
  say(`where the time goes (CPU µs per event; second pass with a timer per stage, matching measured apart, ${fmt(matching.hits)} hits): ${STAGES.map((k) => `${k} ${round((stages[k] / events.length) * 1e6, 1)} µs/event (${Math.round((stages[k] / total) * 100)}%)`).join(', ')}; together ${round((total / events.length) * 1e6, 1)} µs/event (the timed run: ${round((vigil.cpuSeconds / events.length) * 1e6, 1)})`);

  say(`evaluation alone: Vigil ${round((stages.evaluate / events.length) * 1e6, 1)} µs/event (every strategy of the event's type, evidence of the firing ones included) against json-rules-engine ${round((second.peerSeconds / second.peerEvents) * 1e6, 1)} µs/event: ${round(evaluationRatio, 1)}x`);

  // Committed.
  const decidedInMemory = vigil.firings.slice(0, committedEvents.length).reduce((n, f) => n + f.length, 0);
  const onPg = await committed('postgres', rules, committedEvents);
  const pgRate = onPg.events / onPg.seconds;
  say(describeCommitted('PostgreSQL', onPg, decidedInMemory));
  // PGlite for information; left out of --quick, whose budget its setup (the rules stored again) would exceed.
  const onLite = quick ? undefined : await committed('pglite', rules, committedEvents.slice(0, 30_000));
  const liteRate = onLite ? onLite.events / onLite.seconds : null;
  say(onLite ? describeCommitted('PGlite (for information)', onLite) : 'PGlite: left out of --quick');

  finish({
    events: events.length,
    strategies: rules.strategies.length,
    terms,
    events_per_s_per_core: Math.round(rate),
    wall_events_per_s: Math.round(wallRate),
    peer_events_per_s: Math.round(peerRate),
    ratio: round(ratio, 1),
    evaluation_ratio: round(evaluationRatio, 1),
    agreement: agree.both,
    disagreements: agree.differ.length,
    committed_events_per_s: Math.round(pgRate),
    committed_events: onPg.events,
    pglite_committed_events_per_s: liteRate === null ? null : Math.round(liteRate),
    ...Object.fromEntries(STAGES.map((k) => [`us_per_event_${k}`, round((stages[k] / events.length) * 1e6, 1)])),
    quick,
  });
}
