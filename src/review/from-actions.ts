// Strategy enqueue actions become review signals in the decision pipeline's transaction, so a task exists
// exactly when the decision that asked for it does. A queue the strategy named that no longer takes work
// (archived or draining) falls back to routing, and then to any queue that takes work: the request is never lost.
import type { ActionRecord } from '../enforcement/index.js';
import type { Tx } from '../store/schema.js';
import { raiseSignals, type SignalInput } from './tasks.js';

export function signalFromEnqueue(a: ActionRecord): SignalInput {
  const d = a.details;
  return {
    entity: a.entity,
    policy: a.policy,
    source: a.source === 'strategy' ? 'strategy' : 'manual',
    queue: typeof d.queue === 'string' ? d.queue : undefined,
    priority: typeof d.priority === 'number' ? d.priority : undefined,
    actionSeq: a.seq,
    strategy: a.strategy ? { id: a.strategy.id, version: a.strategy.version, decisionId: a.strategy.decision_id } : undefined,
    actor: a.actor,
    reason: typeof d.reason === 'string' ? d.reason : a.reason,
    anyQueueAsLastResort: true,
  };
}

export async function raiseFromActions(tx: Tx, records: readonly ActionRecord[], now: Date): Promise<number> {
  const enqueues = records.filter((r) => r.action === 'enqueue');
  if (enqueues.length) await raiseSignals(tx, enqueues.map(signalFromEnqueue), now);
  return enqueues.length;
}
