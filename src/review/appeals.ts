// Appeals: the affected user contests an action within the appeal window (six months by default, as the
// EU DSA requires); a moderator other than the one who decided reviews it, and an overturn reverts it.
import { ConflictError, NotFoundError } from '../catalogue/index.js';
import type { EntityType } from '../domain/index.js';
import { INVERSE_ACTIONS } from '../enforcement/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';
import { loadReviewSettings } from './settings.js';
import { raiseSignals } from './tasks.js';

export class AppealRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppealRefusedError';
  }
}

export interface AppealInput {
  actionSeq: number;
  appellant: string;
  statement: string;
}

export interface AppealRecord {
  id: number;
  action_seq: number;
  entity: { type: string; id: string };
  appellant: string;
  statement: string;
  at: string;
  status: 'open' | 'upheld' | 'overturned';
  task_id: number | null;
  decided_at: string | null;
  decided_by: string | null;
}

type AppealRow = Awaited<ReturnType<typeof appealRows>>[number];
const appealRows = (ex: Executor) => ex.selectFrom('appeals').selectAll().execute();
const toAppeal = (r: AppealRow): AppealRecord => ({
  id: r.id,
  action_seq: Number(r.action_seq),
  entity: { type: r.entity_type, id: r.entity_id },
  appellant: r.appellant,
  statement: r.statement,
  at: r.at.toISOString(),
  status: r.status,
  task_id: r.task_id === null ? null : Number(r.task_id),
  decided_at: r.decided_at?.toISOString() ?? null,
  decided_by: r.decided_by,
});

const HUMAN = new Set(['review', 'appeal', 'manual']);
const DAY_MS = 86_400_000;

export async function fileAppeal(db: Db, input: AppealInput, now: Date): Promise<AppealRecord> {
  const settings = await loadReviewSettings(db);
  return db.transaction().execute(async (tx) => {
    const action = await tx.selectFrom('actions').selectAll().where('seq', '=', input.actionSeq).forUpdate().executeTakeFirst();
    if (!action) throw new NotFoundError(`no action ${input.actionSeq}`);
    if (action.reverts_seq !== null || !INVERSE_ACTIONS[action.action] || action.action === 'label' || action.action === 'unlabel')
      throw new AppealRefusedError(`action ${input.actionSeq} (${action.action}) restricts nothing, so there is nothing to appeal`);
    const reverted = await tx.selectFrom('actions').select('seq').where('reverts_seq', '=', input.actionSeq).executeTakeFirst();
    if (reverted) throw new ConflictError(`action ${input.actionSeq} was already reverted by action ${reverted.seq}`);
    const closes = new Date(action.at.getTime() + settings.appeal_window_days * DAY_MS);
    if (now > closes) throw new AppealRefusedError(`the appeal window for action ${input.actionSeq} closed on ${closes.toISOString()} (${settings.appeal_window_days} days after it was taken)`);
    const existing = await tx.selectFrom('appeals').select(['id', 'status']).where('action_seq', '=', input.actionSeq).executeTakeFirst();
    if (existing) throw new ConflictError(`action ${input.actionSeq} was already appealed (appeal ${existing.id}, ${existing.status})`);
    const appeal = await tx
      .insertInto('appeals')
      .values({ action_seq: input.actionSeq, entity_type: action.entity_type, entity_id: action.entity_id, appellant: input.appellant, statement: input.statement, at: now, task_id: null, decided_at: null, decided_by: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const [raised] = await raiseSignals(
      tx,
      [
        {
          kind: 'appeal',
          entity: { type: action.entity_type as EntityType, id: action.entity_id },
          policy: action.policy_id,
          source: 'appeal',
          actor: input.appellant,
          reason: input.statement,
          appealId: appeal.id,
          excludedModerator: HUMAN.has(action.source) ? action.actor : undefined,
          details: { action_seq: input.actionSeq, action: action.action },
        },
      ],
      now,
    );
    await tx.updateTable('appeals').set({ task_id: raised!.taskId }).where('id', '=', appeal.id).execute();
    await appendAudit(tx, now, { actor: input.appellant, action: 'appeal.file', target_type: action.entity_type, target_id: action.entity_id, details: { appeal: appeal.id, action_seq: input.actionSeq, task: raised!.taskId } });
    return toAppeal({ ...appeal, task_id: raised!.taskId });
  });
}

export async function getAppeal(ex: Executor, id: number): Promise<AppealRecord> {
  const row = await ex.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no appeal ${id}`);
  return toAppeal(row);
}

export async function listAppeals(ex: Executor, options: { status?: AppealRecord['status']; entity?: { type: string; id: string }; limit: number; before?: number }): Promise<AppealRecord[]> {
  let q = ex.selectFrom('appeals').selectAll();
  if (options.status) q = q.where('status', '=', options.status);
  if (options.entity) q = q.where('entity_type', '=', options.entity.type).where('entity_id', '=', options.entity.id);
  if (options.before !== undefined) q = q.where('id', '<', options.before);
  return (await q.orderBy('id', 'desc').limit(options.limit).execute()).map(toAppeal);
}
