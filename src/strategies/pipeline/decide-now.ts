// The synchronous path: decide one event as it stands, before (or without) storing it. Counters are read,
// not updated (the event is counted when it is ingested), and nothing is recorded or applied: the
// platform gets the verdict and the reasons within its latency budget, and ingests the event as usual.
import type { VigilEvent } from '../../domain/index.js';
import type { MaterialSet } from '../../materials/index.js';
import type { Executor } from '../../store/schema.js';
import type { CounterStore } from '../counters/index.js';
import type { StrategySet } from '../runtime/strategy-set.js';
import { contextsFor } from './contexts.js';
import { counterValues, decideEvent, planCounterOps, type Decision } from './evaluate.js';

/** Later than any ingested event: a read sees every observation recorded so far. */
const AFTER_EVERYTHING = Number.MAX_SAFE_INTEGER;

export async function decideNow(ex: Executor, set: StrategySet, materials: MaterialSet, counters: CounterStore, event: VigilEvent, language: string | null): Promise<Decision[]> {
  const row = { seq: -1, id: event.id, type: event.type, event_time: new Date(event.time), language, body: event };
  const batch = await contextsFor(ex, materials, set.lists, [{ order: AFTER_EVERYTHING, row }]);
  const plan = planCounterOps(set, batch.events);
  for (const op of plan.ops) op.observe = false;
  const results = plan.ops.length ? await counters.apply(plan.ops) : [];
  return decideEvent(set, batch.events[0]!, counterValues(set, plan, results, 0));
}
