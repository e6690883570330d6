// Alerts guardrails raise (a strategy paused, a cap reached), for the console and the operator.
import type { Executor } from '../../store/schema.js';

export interface AlertInput {
  kind: string;
  strategy_id: string | null;
  message: string;
  details?: Record<string, unknown>;
}

export async function raiseAlert(ex: Executor, now: Date, alert: AlertInput): Promise<void> {
  await ex.insertInto('alerts').values({ at: now, kind: alert.kind, strategy_id: alert.strategy_id, message: alert.message, details: JSON.stringify(alert.details ?? {}), acknowledged_at: null, acknowledged_by: null }).execute();
}

export async function listAlerts(ex: Executor, options: { open?: boolean; limit: number }) {
  let q = ex.selectFrom('alerts').selectAll();
  if (options.open) q = q.where('acknowledged_at', 'is', null);
  const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), acknowledged_at: r.acknowledged_at?.toISOString() ?? null }));
}

export async function countOpenAlerts(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('alerts').select(({ fn }) => fn.countAll<string>().as('n')).where('acknowledged_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function acknowledgeAlert(ex: Executor, id: number, actor: string, now: Date): Promise<boolean> {
  const res = await ex.updateTable('alerts').set({ acknowledged_at: now, acknowledged_by: actor }).where('id', '=', id).where('acknowledged_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
