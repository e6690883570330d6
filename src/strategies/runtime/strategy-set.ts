// The strategies running now, compiled once: every live, shadow and rollout version of every strategy
// that is neither paused nor archived, indexed by event type, with their counters merged into one
// global list of slots (equal counters in different strategies are one counter).
import { createHash } from 'node:crypto';
import type { EventType } from '../../domain/index.js';
import type { Executor } from '../../store/schema.js';
import { compileStrategy, type CompiledCounter, type CompiledStrategy, type StrategyEvaluator } from '../language/index.js';
import { loadCompileContext } from '../store/context.js';
import { loadListItems } from '../store/lists.js';

export type RunMode = 'live' | 'shadow' | 'rollout';

export interface ActiveVersion {
  strategyId: string;
  version: number;
  mode: RunMode;
  rolloutPercent: number;
  compiled: CompiledStrategy;
  evaluator: StrategyEvaluator;
  /** Global counter slot of each of the strategy's counters. */
  slots: readonly number[];
}

export interface GlobalCounter {
  slot: number;
  /** The counter's key prefix in the counter store: a short hash of its canonical text. */
  id: string;
  counter: CompiledCounter;
}

export interface StrategySet {
  versions: readonly ActiveVersion[];
  byEventType: ReadonlyMap<EventType, readonly ActiveVersion[]>;
  counters: readonly GlobalCounter[];
  /** Counters that count events of a type. */
  observersOf: ReadonlyMap<EventType, readonly GlobalCounter[]>;
  /** Counters read by some strategy deciding on an event type, with the strategy and local index that reads it. */
  readersOf: ReadonlyMap<EventType, readonly { counter: GlobalCounter; version: ActiveVersion; local: number }[]>;
  lists: ReadonlyMap<string, ReadonlySet<string>>;
  /** Versions that no longer compile against the catalogue (they do not run). */
  broken: readonly { strategyId: string; version: number; error: string }[];
}

export interface VersionSource {
  strategyId: string;
  version: number;
  state: RunMode;
  rolloutPercent: number;
  source: string;
}

export function counterId(canon: string): string {
  return createHash('sha1').update(canon).digest('base64url').slice(0, 12);
}

export function buildStrategySet(sources: readonly VersionSource[], compile: (source: string) => CompiledStrategy, lists: ReadonlyMap<string, ReadonlySet<string>>): StrategySet {
  const counters: GlobalCounter[] = [];
  const bySlot = new Map<string, GlobalCounter>();
  const versions: ActiveVersion[] = [];
  const broken: StrategySet['broken'][number][] = [];
  for (const s of [...sources].sort((a, b) => (a.strategyId < b.strategyId ? -1 : a.strategyId > b.strategyId ? 1 : a.version - b.version))) {
    let compiled: CompiledStrategy;
    try {
      compiled = compile(s.source);
    } catch (err) {
      broken.push({ strategyId: s.strategyId, version: s.version, error: (err as Error).message });
      continue;
    }
    const slots = compiled.counters.map((c) => {
      let g = bySlot.get(c.canon);
      if (!g) {
        g = { slot: counters.length, id: counterId(c.canon), counter: c };
        counters.push(g);
        bySlot.set(c.canon, g);
      }
      return g.slot;
    });
    versions.push({ strategyId: s.strategyId, version: s.version, mode: s.state, rolloutPercent: s.rolloutPercent, compiled, evaluator: compiled.link(slots), slots });
  }
  const byEventType = new Map<EventType, ActiveVersion[]>();
  const readersOf = new Map<EventType, { counter: GlobalCounter; version: ActiveVersion; local: number }[]>();
  for (const v of versions)
    for (const t of v.compiled.on) {
      byEventType.set(t, [...(byEventType.get(t) ?? []), v]);
      const readers = readersOf.get(t) ?? [];
      v.slots.forEach((slot, local) => {
        if (!readers.some((r) => r.counter.slot === slot)) readers.push({ counter: counters[slot]!, version: v, local });
      });
      readersOf.set(t, readers);
    }
  const observersOf = new Map<EventType, GlobalCounter[]>();
  for (const g of counters) for (const t of g.counter.events) observersOf.set(t, [...(observersOf.get(t) ?? []), g]);
  return { versions, byEventType, counters, observersOf, readersOf, lists, broken };
}

/** Loads and compiles the running versions from the store. */
export async function loadStrategySet(ex: Executor): Promise<StrategySet> {
  const rows = await ex
    .selectFrom('strategy_versions as v')
    .innerJoin('strategies as s', 's.id', 'v.strategy_id')
    .select(['v.strategy_id', 'v.version', 'v.state', 'v.rollout_percent', 'v.source'])
    .where('v.state', 'in', ['live', 'shadow', 'rollout'])
    .where('s.paused', '=', false)
    .where('s.archived', '=', false)
    .execute();
  const context = await loadCompileContext(ex);
  const lists = await loadListItems(ex);
  return buildStrategySet(
    rows.map((r) => ({ strategyId: r.strategy_id, version: r.version, state: r.state as RunMode, rolloutPercent: r.rollout_percent, source: r.source })),
    (source) => compileStrategy(source, context),
    lists,
  );
}
