// User reports: each raises (or joins) the task for the reported entity and policy, weighted by the
// reporter's track record, so that a reporter whose reports are usually upheld moves a task up faster.
import type { EntityRef } from '../domain/index.js';
import type { Db, Executor } from '../store/schema.js';
import { reporterWeight } from './priority.js';
import { raiseSignals, type RaisedSignal } from './tasks.js';

export interface ReportInput {
  entity: EntityRef;
  policy: string;
  reporter: string;
  reason?: string;
  actor: string;
}

export async function reporterRecord(ex: Executor, reporter: string): Promise<{ reporter: string; reports: number; upheld: number; rejected: number; weight: number }> {
  const row = await ex.selectFrom('reporters').selectAll().where('reporter', '=', reporter).executeTakeFirst();
  const upheld = row?.upheld ?? 0;
  const rejected = row?.rejected ?? 0;
  return { reporter, reports: row?.reports ?? 0, upheld, rejected, weight: reporterWeight(upheld, rejected) };
}

export async function fileReport(db: Db, input: ReportInput, now: Date): Promise<RaisedSignal & { weight: number }> {
  return db.transaction().execute(async (tx) => {
    const record = await reporterRecord(tx, input.reporter);
    await tx
      .insertInto('reporters')
      .values({ reporter: input.reporter, reports: 1 })
      .onConflict((oc) => oc.column('reporter').doUpdateSet((eb) => ({ reports: eb('reporters.reports', '+', 1) })))
      .execute();
    const [raised] = await raiseSignals(tx, [{ entity: input.entity, policy: input.policy, source: 'report', weight: record.weight, reporter: input.reporter, actor: input.actor, reason: input.reason ?? '' }], now);
    return { ...raised!, weight: record.weight };
  });
}
