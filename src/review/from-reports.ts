// Users' reports that arrive as `report` events become review signals in the decision pipeline's
// transaction, each weighted by its reporter's record. A reason that names a policy files the report under
// it; any other reason code opens a task with no policy, which the moderator decides under any policy.
import type { EntityType, VigilEvent } from '../domain/index.js';
import type { Tx } from '../store/schema.js';
import { reporterWeight } from './priority.js';
import { raiseSignals, type SignalInput } from './tasks.js';

type ReportEvent = Extract<VigilEvent, { type: 'report' }>;

export async function raiseFromReportEvents(tx: Tx, events: readonly VigilEvent[], now: Date): Promise<number> {
  const reports = events.filter((e): e is ReportEvent => e.type === 'report');
  if (!reports.length) return 0;
  const policies = new Set((await tx.selectFrom('policies').select('id').where('archived', '=', false).execute()).map((p) => p.id));
  for (const e of reports) {
    const reporter = e.reporter.id;
    const record = await tx.selectFrom('reporters').selectAll().where('reporter', '=', reporter).executeTakeFirst();
    await tx
      .insertInto('reporters')
      .values({ reporter, reports: 1 })
      .onConflict((oc) => oc.column('reporter').doUpdateSet((eb) => ({ reports: eb('reporters.reports', '+', 1) })))
      .execute();
    const signal: SignalInput = {
      entity: { type: e.target.type as EntityType, id: e.target.id },
      policy: policies.has(e.reason) ? e.reason : null,
      source: 'report',
      weight: reporterWeight(record?.upheld ?? 0, record?.rejected ?? 0),
      reporter,
      actor: `event:${e.id}`,
      reason: e.text ? `${e.reason}: ${e.text}` : e.reason,
      details: { event_id: e.id },
      anyQueueAsLastResort: true,
    };
    await raiseSignals(tx, [signal], now);
  }
  return reports.length;
}
