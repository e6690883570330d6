// Daily caps on automated actions, per strategy and per action type. The counts of the current UTC day
// are loaded when the pipeline starts and kept in memory; a batch takes from a copy, which becomes the
// count only when the batch commits.
import { sql } from 'kysely';
import type { Executor } from '../../store/schema.js';
import type { GuardrailSettings } from './settings.js';

export interface CapCounts {
  day: string;
  byStrategy: Map<string, number>;
  byAction: Map<string, number>;
}

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

export async function loadCapCounts(ex: Executor, now: Date): Promise<CapCounts> {
  const day = utcDay(now);
  const { rows } = await sql<{ strategy_id: string; action: string; n: string }>`
    SELECT strategy_id, action, count(*)::text AS n FROM actions
    WHERE source = 'strategy' AND at >= ${new Date(`${day}T00:00:00Z`)} AND reverts_seq IS NULL
    GROUP BY 1, 2`.execute(ex);
  const counts: CapCounts = { day, byStrategy: new Map(), byAction: new Map() };
  for (const r of rows) {
    counts.byStrategy.set(r.strategy_id, (counts.byStrategy.get(r.strategy_id) ?? 0) + Number(r.n));
    counts.byAction.set(r.action, (counts.byAction.get(r.action) ?? 0) + Number(r.n));
  }
  return counts;
}

/** A working copy for one batch; a new UTC day starts from zero. */
export function capsForBatch(counts: CapCounts, now: Date): CapCounts {
  const day = utcDay(now);
  if (day !== counts.day) return { day, byStrategy: new Map(), byAction: new Map() };
  return { day, byStrategy: new Map(counts.byStrategy), byAction: new Map(counts.byAction) };
}

export interface CapReached {
  because: string;
  /** The strategy whose own cap it is, or null for a cap on an action type. */
  strategyId: string | null;
  action: string | null;
  cap: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Takes one action from the caps, or says which cap it would exceed. */
export function takeFromCaps(counts: CapCounts, settings: GuardrailSettings, strategyId: string, action: string): CapReached | null {
  const s = counts.byStrategy.get(strategyId) ?? 0;
  if (settings.strategy_daily_cap > 0 && s >= settings.strategy_daily_cap)
    return { because: `strategy ${strategyId} reached its daily cap of ${plural(settings.strategy_daily_cap, 'action')}`, strategyId, action: null, cap: settings.strategy_daily_cap };
  const cap = settings.action_daily_caps[action];
  const a = counts.byAction.get(action) ?? 0;
  if (cap !== undefined && cap > 0 && a >= cap) return { because: `automated ${action} actions reached their daily cap of ${cap}`, strategyId: null, action, cap };
  counts.byStrategy.set(strategyId, s + 1);
  counts.byAction.set(action, a + 1);
  return null;
}
