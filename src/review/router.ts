// Push assignment: every round the router recomputes the priority of open tasks, reads what each
// moderator on shift can take, solves the round as a matching problem (./assignment) and reserves the
// chosen task for each moderator for a short while; "next task" hands out the reservation first. One
// router at a time: the round runs under a transaction-scoped advisory lock that other processes try
// and skip, so several Vigil processes on one PostgreSQL server can all run the loop.
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../store/schema.js';
import { eligible, solveRound, type ModeratorState, type WaitingTask } from './assignment/index.js';
import { autoDecide } from './auto-decide.js';
import { refreshPriorities } from './reprioritise.js';
import { barredModerators } from './takeable.js';
import { assignmentConfigOf, loadReviewSettings, type AssignmentConfig } from './settings.js';
import { expectedAccuracy } from './workforce/accuracy.js';
import { moderatorStates } from './workforce/capability.js';

/** How many of the top waiting tasks one round considers. */
export const ROUND_TASK_LIMIT = 10_000;
/** How many open tasks (most urgent first) a round recomputes the priority of. */
export const REFRESH_LIMIT = 5_000;

export interface RoundReport {
  /** False when another process held the router lock and this one skipped the round. */
  ran: boolean;
  waiting: number;
  moderators: number;
  reserved: number;
  /** Tasks decided without review by capacity-following thresholds (./auto-decide.ts). */
  auto_actioned: number;
  auto_dismissed: number;
  solve_ms: number;
}

interface WaitingRow {
  id: number;
  priority: number;
  created_at: Date;
  deadline: Date;
  language: string | null;
  policy_id: string | null;
  modality: string | null;
  excluded_moderator: string | null;
  barred: string[];
}

/**
 * Pull for one moderator: besides teams and queue, the hard rules SQL can check (certification, a
 * language they read at all, a harm category with budget left) narrow the candidates, so a moderator
 * whose skills are rare is not starved by a long head of tasks they could never take; the level a
 * task's language needs now and the exclusions are checked by `eligible`.
 */
interface PullFilter {
  moderator: string;
  teams: readonly string[];
  queue?: string;
  certified: string[];
  languages: string[];
  spentPolicies: string[];
}

/** Open tasks nobody holds or has reserved, in queues handing out work (teams are checked per moderator). */
async function waitingTasks(ex: Executor, now: Date, limit: number, only?: PullFilter): Promise<(WaitingRow & { queue_id: string; queue_teams: string[] })[]> {
  const rows = await sql<WaitingRow & { queue_id: string; queue_teams: string[] }>`
    SELECT t.id, t.priority, t.created_at, t.deadline, t.language, t.policy_id, t.modality, t.excluded_moderator, ${barredModerators} AS barred, t.queue_id, q.teams AS queue_teams
    FROM review_tasks t JOIN queues q ON q.id = t.queue_id
    WHERE t.status = 'open' AND (t.lease_expires_at IS NULL OR t.lease_expires_at <= ${now})
      AND (t.reserved_until IS NULL OR t.reserved_until <= ${now} ${only ? sql`OR t.reserved_for = ${only.moderator}` : sql``})
      AND q.state <> 'paused' AND NOT q.archived AND t.golden_item_id IS NULL
      ${only ? sql`AND (cardinality(q.teams) = 0 OR q.teams && ${[...only.teams]}::text[])
                  AND (${only.queue ?? null}::text IS NULL OR t.queue_id = ${only.queue ?? null})
                  AND (t.policy_id IS NULL OR t.policy_id = ANY(${only.certified}::text[]))
                  AND NOT (t.policy_id = ANY(${only.spentPolicies}::text[]))
                  AND (t.language IS NULL OR t.language = ANY(${only.languages}::text[]))` : sql``}
    ORDER BY t.priority DESC, t.deadline, t.id
    LIMIT ${limit}`.execute(ex);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id), priority: Number(r.priority) }));
}

export function toWaitingTask(r: WaitingRow, config: AssignmentConfig, now: Date): WaitingTask {
  return {
    id: r.id,
    // The computed priority can be 0 (no evidence, no reach); the solver wants it positive.
    priority: Math.max(1e-6, r.priority),
    createdAt: new Date(r.created_at).getTime(),
    deadline: new Date(r.deadline).getTime(),
    language: r.language,
    policy: r.policy_id,
    modality: r.modality,
    harm: (r.policy_id && config.harmCategories[r.policy_id]) || null,
    relaxation: r.language ? config.relaxation : [],
    excluded: [...(r.excluded_moderator ? [r.excluded_moderator] : []), ...r.barred],
  };
}

/** One router round at `now`. Safe to call from every process: only the lock holder does the work. */
export async function runAssignmentRound(db: Db, now: Date): Promise<RoundReport> {
  const config = assignmentConfigOf(await loadReviewSettings(db));
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ got: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext('vigil.review.router')) AS got`.execute(tx);
    if (!rows[0]?.got) return { ran: false, waiting: 0, moderators: 0, reserved: 0, auto_actioned: 0, auto_dismissed: 0, solve_ms: 0 };
    // Deadline pressure and live audiences move priorities between signals: refresh the most urgent open
    // tasks every round, also for pull without profiles (it hands out by the stored priority).
    const open = await tx.selectFrom('review_tasks').select('id').where('status', '=', 'open').orderBy('deadline').limit(REFRESH_LIMIT).execute();
    await refreshPriorities(tx, open.map((t) => t.id), now);
    const staff = await moderatorStates(tx, now, { rotation: { after: config.rotationAfter, harmCategories: config.harmCategories } });
    const autoQueues = Object.keys(config.autoDecide).length;
    // Without profiles or automatic decisions there is nothing to route: pull works as it always did.
    if (!staff.length && !autoQueues) return { ran: true, waiting: 0, moderators: 0, reserved: 0, auto_actioned: 0, auto_dismissed: 0, solve_ms: 0 };
    const decided = autoQueues ? await autoDecide(tx, config, now) : { actioned: 0, dismissed: 0 };
    const free = staff.filter((m) => m.free > 0);
    if (!free.length) return { ran: true, waiting: 0, moderators: 0, reserved: 0, auto_actioned: decided.actioned, auto_dismissed: decided.dismissed, solve_ms: 0 };
    const accuracy = await expectedAccuracy(tx, now);
    const moderators = free.map((m) => {
      const measured = accuracy.get(m.id);
      return measured ? { ...m, accuracy: measured.overall, accuracyByPolicy: measured.byPolicy } : m;
    });
    const rowsWaiting = await waitingTasks(tx, now, ROUND_TASK_LIMIT);
    const teamsOf = await moderatorTeams(tx, moderators.map((m) => m.id));
    // Team-limited queues: a moderator outside the team is excluded from the task like an appeal's first moderator.
    const tasks = rowsWaiting.map((r) => {
      const t = toWaitingTask(r, config, now);
      if (!r.queue_teams.length) return t;
      return { ...t, excluded: [...t.excluded, ...moderators.filter((m) => !(teamsOf.get(m.id) ?? []).some((team) => r.queue_teams.includes(team))).map((m) => m.id)] };
    });
    const started = process.hrtime.bigint();
    const result = solveRound(tasks, moderators, now.getTime());
    const solveMs = Number(process.hrtime.bigint() - started) / 1e6;
    await reserve(tx, result.assignments, new Date(now.getTime() + config.reservationSeconds * 1000));
    return { ran: true, waiting: tasks.length, moderators: moderators.length, reserved: result.assignments.length, auto_actioned: decided.actioned, auto_dismissed: decided.dismissed, solve_ms: solveMs };
  });
}

/** A moderator is the actor of their API key (`key:<id>:<name>`); their teams are the key's. */
async function moderatorTeams(ex: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const keyOf = new Map(ids.map((id) => [id, /^key:([^:]+):/.exec(id)?.[1]]));
  const keyIds = [...new Set([...keyOf.values()].filter((k): k is string => !!k))];
  if (!keyIds.length) return new Map();
  const keys = await ex.selectFrom('api_keys').select(['id', 'teams']).where('id', 'in', keyIds).where('revoked_at', 'is', null).execute();
  const teams = new Map(keys.map((k) => [k.id, k.teams]));
  return new Map(ids.map((id) => [id, teams.get(keyOf.get(id) ?? '') ?? []]));
}

async function reserve(tx: Tx, assignments: readonly { taskId: number; moderatorId: string }[], until: Date): Promise<void> {
  if (!assignments.length) return;
  await sql`
    UPDATE review_tasks t SET reserved_for = x.moderator, reserved_until = ${until}
    FROM jsonb_to_recordset(${JSON.stringify(assignments.map((a) => ({ id: a.taskId, moderator: a.moderatorId })))}::text::jsonb) AS x(id bigint, moderator text)
    WHERE t.id = x.id AND t.status = 'open'`.execute(tx);
}

/**
 * Pull with a profile: the best task this moderator may take by the same rules the router applies (a task
 * reserved for them first, then the top eligible one). Undefined when they have no profile: pull then
 * works as review core always did, so a team without profiles keeps working.
 */
export async function pickForModerator(tx: Tx, moderator: { id: string; teams: readonly string[] }, queue: string | undefined, config: AssignmentConfig, now: Date): Promise<number | null | undefined> {
  const [state] = await moderatorStates(tx, now, { only: moderator.id, rotation: { after: config.rotationAfter, harmCategories: config.harmCategories } });
  if (!state) return undefined;
  const reserved = await tx
    .selectFrom('review_tasks')
    .select('id')
    .where('status', '=', 'open')
    .where('reserved_for', '=', moderator.id)
    .where('reserved_until', '>', now)
    .where((w) => w.or([w('lease_expires_at', 'is', null), w('lease_expires_at', '<=', now)]))
    .$if(queue !== undefined, (q) => q.where('queue_id', '=', queue!))
    .orderBy('priority', 'desc')
    .executeTakeFirst();
  if (reserved) return reserved.id;
  // Capacity is the router's concern; pull always lets a moderator take one task when they ask.
  const first = async (s: ModeratorState) => {
    const spent = Object.keys(config.harmCategories).filter((policy) => Object.hasOwn(s.exposureLeft, config.harmCategories[policy]!) && !(s.exposureLeft[config.harmCategories[policy]!]! >= 1));
    const filter = { moderator: moderator.id, teams: moderator.teams, queue, certified: [...s.certified], languages: Object.keys(s.languages), spentPolicies: spent };
    const candidates = await waitingTasks(tx, now, 200, filter);
    return candidates.find((r) => eligible(toWaitingTask(r, config, now), { ...s, free: Math.max(1, s.free) }, now.getTime()))?.id;
  };
  const found = await first(state);
  if (found !== undefined) return found;
  // Rotation asks for other work first; when there is none, the resting category is better than idling (budgets still hold).
  const [unrotated] = await moderatorStates(tx, now, { only: moderator.id });
  return unrotated ? ((await first(unrotated)) ?? null) : null;
}

/**
 * What a moderator with a profile may be handed outside the queue (a golden item): the same eligibility
 * as any task of that policy and language raised now. Undefined without a profile.
 */
export async function eligibilityOf(tx: Tx, moderatorId: string, config: AssignmentConfig, now: Date): Promise<((item: { policy: string; language: string | null; modality: string | null }) => boolean) | undefined> {
  const [state] = await moderatorStates(tx, now, { only: moderatorId, rotation: { after: config.rotationAfter, harmCategories: config.harmCategories } });
  if (!state) return undefined;
  const asking = { ...state, free: Math.max(1, state.free) };
  return (item) =>
    eligible(
      { id: 0, priority: 1, createdAt: now.getTime(), deadline: now.getTime(), language: item.language, policy: item.policy, modality: item.modality, harm: config.harmCategories[item.policy] ?? null, relaxation: item.language ? config.relaxation : [], excluded: [] },
      asking,
      now.getTime(),
    );
}

/** Runs a round every `everyMs` (the settings' round_seconds by default) in this process; rounds never overlap. */
export function startAssignmentRouter(deps: { db: Db; clock: () => Date; everyMs?: number; onError?: (err: unknown, context: string) => void }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = runAssignmentRound(deps.db, deps.clock())
      .catch((err) => deps.onError?.(err, 'review assignment round'))
      .finally(() => (busy = false));
  };
  const ready = deps.everyMs !== undefined ? Promise.resolve(deps.everyMs) : loadReviewSettings(deps.db).then((s) => assignmentConfigOf(s).roundSeconds * 1000);
  const started = ready.then((ms) => (timer = setInterval(tick, ms))).catch((err) => deps.onError?.(err, 'review assignment router start'));
  return {
    async stop() {
      await started;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
