// Auto-pause: within a set time after a version went live (or into rollout), a strategy whose hits exceed
// a share of the events it evaluated, or a multiple of its trailing 7-day rate, is paused and an alert
// raised. The rule is a pure function of counts; the watcher gathers the counts every so often.
import { sql } from 'kysely';
import type { Db } from '../../store/schema.js';
import { setPaused } from '../store/strategies.js';
import { raiseAlert } from './alerts.js';
import { loadGuardrailSettings, type GuardrailSettings } from './settings.js';

export interface PauseInputs {
  hits: number;
  evaluated: number;
  /** Hits of the strategy in the 7 days before the version went live. */
  trailingHits7d: number;
  /** Time since the version went live. */
  elapsedMs: number;
}

const WEEK_MS = 7 * 86_400_000;

/** Why the strategy must be paused, or null. */
export function pauseReason(p: PauseInputs, s: GuardrailSettings['auto_pause']): string | null {
  if (!s.enabled || p.hits < s.min_hits || p.elapsedMs > s.within_hours * 3_600_000) return null;
  if (p.evaluated > 0 && p.hits / p.evaluated > s.max_hit_share)
    return `${p.hits} hits on ${p.evaluated} events (${((100 * p.hits) / p.evaluated).toFixed(1)}%) within ${Math.round(p.elapsedMs / 60_000)} minutes of going live: more than ${(100 * s.max_hit_share).toFixed(1)}%`;
  if (p.trailingHits7d > 0) {
    const expected = (p.trailingHits7d / WEEK_MS) * Math.max(p.elapsedMs, 60_000);
    if (p.hits > s.max_rate_multiple * expected) return `${p.hits} hits where its trailing 7-day rate predicts ${expected.toFixed(1)}: more than ${s.max_rate_multiple}x`;
  }
  return null;
}

/** Checks every strategy that went live or into rollout recently; pauses those past the limits. Returns the paused ids. */
export async function checkAutoPause(db: Db, now: Date): Promise<string[]> {
  const settings = await loadGuardrailSettings(db);
  if (!settings.auto_pause.enabled) return [];
  const since = new Date(now.getTime() - settings.auto_pause.within_hours * 3_600_000);
  const recent = await db
    .selectFrom('strategy_versions as v')
    .innerJoin('strategies as s', 's.id', 'v.strategy_id')
    .select(['v.strategy_id', 'v.version', 'v.state_changed_at', 'v.event_types'])
    .where('v.state', 'in', ['live', 'rollout'])
    .where('v.state_changed_at', '>=', since)
    .where('s.paused', '=', false)
    .execute();
  const paused: string[] = [];
  for (const v of recent) {
    // A person who resumed the strategy has seen its hits: count from the resume on, not from going live.
    const resumed = await db.selectFrom('audit_log').select(({ fn }) => fn.max('at').as('at')).where('action', '=', 'strategy.resume').where('target_type', '=', 'strategy').where('target_id', '=', v.strategy_id).executeTakeFirst();
    const since = resumed?.at && new Date(resumed.at) > v.state_changed_at ? new Date(resumed.at) : v.state_changed_at;
    const { rows } = await sql<{ hits: string; evaluated: string; trailing: string }>`
      SELECT (SELECT count(*) FROM decisions WHERE strategy_id = ${v.strategy_id} AND strategy_version = ${v.version} AND applied AND decided_at >= ${since})::text AS hits,
             (SELECT count(*) FROM events WHERE type = ANY(${v.event_types}::text[]) AND received_at >= ${since})::text AS evaluated,
             (SELECT count(*) FROM decisions WHERE strategy_id = ${v.strategy_id} AND applied AND decided_at >= ${new Date(v.state_changed_at.getTime() - WEEK_MS)} AND decided_at < ${v.state_changed_at})::text AS trailing`.execute(db);
    const r = rows[0]!;
    const reason = pauseReason({ hits: Number(r.hits), evaluated: Number(r.evaluated), trailingHits7d: Number(r.trailing), elapsedMs: now.getTime() - since.getTime() }, settings.auto_pause);
    if (!reason) continue;
    await db.transaction().execute(async (tx) => {
      await setPaused(tx, v.strategy_id, true, `auto-paused: ${reason}`, 'guardrail', now);
      await raiseAlert(tx, now, { kind: 'strategy.auto_paused', strategy_id: v.strategy_id, message: `Strategy ${v.strategy_id} v${v.version} was paused: ${reason}`, details: { version: v.version } });
    });
    paused.push(v.strategy_id);
  }
  return paused;
}

/** Runs checkAutoPause every `everyMs` until stopped. */
export function startAutoPauseWatcher(deps: { db: Db; clock: () => Date; everyMs?: number; onPaused?: (ids: string[]) => void; onError?: (err: unknown, context: string) => void }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = checkAutoPause(deps.db, deps.clock())
      .then((ids) => ids.length && deps.onPaused?.(ids))
      .catch((err) => deps.onError?.(err, 'guardrail auto-pause check'));
  }, deps.everyMs ?? 15_000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
