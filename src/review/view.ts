// What people see of tasks. A moderator's view shows the item, the policy, the material hits and the
// entity's history, and never why the task was raised or how it ranks: so a measurement sample looks
// like any other task and is reviewed blind. The same goes for golden items: their view has the same shape
// and the same kind of content as any task's, and verdicts given on golden items never show in any
// history (they would give golden entities away). A QA re-review hides the verdicts it re-reviews and what
// they enforced, so the second look is independent. Analysts and admins see every signal.
import { NotFoundError } from '../catalogue/index.js';
import type { EntityRef } from '../domain/index.js';
import { listActions, type ActionRecord } from '../enforcement/index.js';
import type { Executor } from '../store/schema.js';
import { DEFAULT_VERDICT_ACTIONS } from './verdicts.js';

const HIDDEN_FROM_MODERATORS = new Set(['enqueue', 'notify']);

export interface MaterialHitView {
  event_id: string;
  field: string;
  package: string;
  material_id: number;
  policy: string;
  severity: number;
  span: [number, number] | null;
  at: string;
}

export interface ReviewView {
  task: { id: number; kind: 'review' | 'appeal'; queue: string; deadline: string; entity: EntityRef; lease: { token: number; expires_at: string | null; holder: string | null } };
  policy: { id: string; name: string; definition: string; severity_tier: number } | null;
  appeal: { id: number; statement: string; appellant: string; at: string; action: ActionRecord } | null;
  hits: MaterialHitView[];
  /** The enforcement a violation applies unless the moderator chooses otherwise. */
  default_actions: readonly string[];
  history: { actions: ActionRecord[]; verdicts: { id: number; at: string; policy: string | null; moderator: string }[]; account: EntityRef | null; account_strikes: number };
}

export async function reviewView(ex: Executor, taskId: number): Promise<ReviewView> {
  const t = await ex.selectFrom('review_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (!t) throw new NotFoundError(`no task ${taskId}`);
  const entity = { type: t.entity_type, id: t.entity_id } as EntityRef;
  const [policy, hits, actions, verdicts, owner] = await Promise.all([
    t.policy_id ? ex.selectFrom('policies').select(['id', 'name', 'definition', 'severity_tier']).where('id', '=', t.policy_id).executeTakeFirst() : undefined,
    ex
      .selectFrom('material_hits')
      .select(['event_id', 'field', 'package_id', 'material_id', 'policy_id', 'severity', 'span_start', 'span_end', 'at'])
      .where('item_type', '=', entity.type)
      .where('item_id', '=', entity.id)
      .where('test', '=', false)
      .orderBy('id', 'desc')
      .limit(100)
      .execute(),
    listActions(ex, { entity, newestFirst: true, limit: 40 }),
    ex
      .selectFrom('review_verdicts as v')
      .innerJoin('review_tasks as vt', 'vt.id', 'v.task_id')
      .select(['v.id', 'v.at', 'v.policy_id', 'v.moderator', 'v.action_seqs'])
      .where('v.entity_type', '=', entity.type)
      .where('v.entity_id', '=', entity.id)
      .where('vt.golden_item_id', 'is', null)
      .$if(t.qa_of_verdict !== null, (q) => q.where('v.id', '<>', Number(t.qa_of_verdict)).where((eb) => eb.or([eb('vt.qa_of_verdict', 'is', null), eb('vt.qa_of_verdict', '<>', Number(t.qa_of_verdict))])))
      .orderBy('v.id', 'desc')
      .limit(10)
      .execute(),
    entity.type === 'account'
      ? Promise.resolve({ src_id: entity.id })
      : ex.selectFrom('relations').select('src_id').where('dst_type', '=', entity.type).where('dst_id', '=', entity.id).where('src_type', '=', 'account').where('kind', 'in', ['owns', 'hosts']).orderBy('first_seen').executeTakeFirst(),
  ]);
  const account = owner ? ({ type: 'account', id: owner.src_id } as EntityRef) : null;
  const hiddenSeqs = new Set<number>();
  if (t.qa_of_verdict !== null) {
    const reviewed = await ex.selectFrom('review_verdicts').select('action_seqs').where('id', '=', Number(t.qa_of_verdict)).executeTakeFirst();
    for (const seq of reviewed?.action_seqs ?? []) hiddenSeqs.add(Number(seq));
  }
  const strikes = account
    ? await ex
        .selectFrom('actions as a')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('a.entity_type', '=', 'account')
        .where('a.entity_id', '=', account.id)
        .where('a.action', '=', 'strike')
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('actions as r').select('r.seq').whereRef('r.reverts_seq', '=', 'a.seq'))))
        .executeTakeFirstOrThrow()
    : { n: 0 };
  let appeal: ReviewView['appeal'] = null;
  if (t.kind === 'appeal' && t.appeal_id !== null) {
    const a = await ex.selectFrom('appeals').selectAll().where('id', '=', Number(t.appeal_id)).executeTakeFirstOrThrow();
    const [action] = await listActions(ex, { after: Number(a.action_seq) - 1, before: Number(a.action_seq) + 1, limit: 1 });
    appeal = { id: a.id, statement: a.statement, appellant: a.appellant, at: a.at.toISOString(), action: action! };
  }
  return {
    task: {
      id: t.id,
      kind: t.kind,
      queue: t.queue_id,
      deadline: t.deadline.toISOString(),
      entity,
      lease: { token: Number(t.lease_token), expires_at: t.lease_expires_at?.toISOString() ?? null, holder: t.lease_holder },
    },
    policy: policy ?? null,
    appeal,
    hits: hits.map((h) => ({
      event_id: h.event_id,
      field: h.field,
      package: h.package_id,
      material_id: Number(h.material_id),
      policy: h.policy_id,
      severity: h.severity,
      span: h.span_start === null || h.span_end === null ? null : [h.span_start, h.span_end],
      at: h.at.toISOString(),
    })),
    default_actions: t.kind === 'appeal' ? [] : (DEFAULT_VERDICT_ACTIONS[entity.type] ?? []),
    // Enqueues and notifications say why a task was raised, which the moderator must not see.
    history: { actions: actions.filter((a) => !HIDDEN_FROM_MODERATORS.has(a.action) && !hiddenSeqs.has(a.seq)).slice(0, 20), verdicts: verdicts.map((v) => ({ id: v.id, at: v.at.toISOString(), policy: v.policy_id, moderator: v.moderator })), account, account_strikes: Number(strikes.n) },
  };
}

export interface TaskSummary {
  id: number;
  kind: 'review' | 'appeal';
  entity: EntityRef;
  policy: string | null;
  queue: string;
  status: string;
  priority: number;
  deadline: string;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  lease_holder: string | null;
  lease_expires_at: string | null;
  sample_probability: number | null;
  skips: number;
  escalations: number;
  /** QA marks, for analysts: a golden item's task, or a QA re-review of a verdict. */
  golden_item_id: number | null;
  qa_of_verdict: number | null;
}

type TaskRow = Awaited<ReturnType<typeof taskRows>>[number];
const taskRows = (ex: Executor) => ex.selectFrom('review_tasks').selectAll().execute();
const toSummary = (t: TaskRow): TaskSummary => ({
  id: t.id,
  kind: t.kind,
  entity: { type: t.entity_type, id: t.entity_id } as EntityRef,
  policy: t.policy_id,
  queue: t.queue_id,
  status: t.status,
  priority: t.priority,
  deadline: t.deadline.toISOString(),
  created_at: t.created_at.toISOString(),
  closed_at: t.closed_at?.toISOString() ?? null,
  closed_by: t.closed_by,
  lease_holder: t.lease_holder,
  lease_expires_at: t.lease_expires_at?.toISOString() ?? null,
  sample_probability: t.sample_probability,
  skips: t.skips,
  escalations: t.escalations,
  golden_item_id: t.golden_item_id === null ? null : Number(t.golden_item_id),
  qa_of_verdict: t.qa_of_verdict === null ? null : Number(t.qa_of_verdict),
});

export async function listTasks(ex: Executor, f: { queue?: string; status?: string; entity?: EntityRef; kind?: string; limit: number; before?: number }): Promise<TaskSummary[]> {
  let q = ex.selectFrom('review_tasks').selectAll();
  if (f.queue) q = q.where('queue_id', '=', f.queue);
  if (f.status) q = q.where('status', '=', f.status as 'open');
  if (f.kind) q = q.where('kind', '=', f.kind as 'review');
  if (f.entity) q = q.where('entity_type', '=', f.entity.type).where('entity_id', '=', f.entity.id);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  return (await q.orderBy('id', 'desc').limit(f.limit).execute()).map(toSummary);
}

export async function taskDetail(ex: Executor, id: number) {
  const t = await ex.selectFrom('review_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw new NotFoundError(`no task ${id}`);
  const [signals, verdict] = await Promise.all([
    ex.selectFrom('review_signals').selectAll().where('task_id', '=', id).orderBy('id').execute(),
    ex.selectFrom('review_verdicts').selectAll().where('task_id', '=', id).executeTakeFirst(),
  ]);
  return {
    ...toSummary(t),
    // How the priority was reached, for analysts asking why a task came first; never in the moderator's view.
    priority_parts: t.priority_parts,
    signals: signals.map((s) => ({
      id: s.id,
      at: s.at.toISOString(),
      source: s.source,
      weight: s.weight,
      action_seq: s.action_seq === null ? null : Number(s.action_seq),
      strategy: s.strategy_id ? { id: s.strategy_id, version: s.strategy_version, decision_id: s.decision_id === null ? null : Number(s.decision_id) } : null,
      reporter: s.reporter,
      actor: s.actor,
      reason: s.reason,
      details: s.details,
    })),
    verdict: verdict
      ? { id: verdict.id, at: verdict.at.toISOString(), moderator: verdict.moderator, policy: verdict.policy_id, action_seqs: verdict.action_seqs.map(Number), notes: verdict.notes, handle_ms: verdict.handle_ms }
      : null,
  };
}
