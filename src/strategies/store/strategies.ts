// Strategies and their versions: every save makes a new immutable version, checked against the
// catalogue; a version moves through draft, shadow, rollout, live and retired. At most one version of a
// strategy is live and at most one is a candidate (shadow or rollout); promoting one retires the one it
// replaces, so a rollback is promoting an earlier version again.
import { sql } from 'kysely';
import { ConflictError, createOnce, NotFoundError } from '../../catalogue/index.js';
import type { Strategy, StrategyInput, StrategyState, StrategyVersion } from '../../domain/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor, Tx } from '../../store/schema.js';
import { compileStrategy, type CompiledStrategy } from '../language/index.js';
import { loadCompileContext } from './context.js';

const ALLOWED: Record<StrategyState, readonly StrategyState[]> = {
  draft: ['shadow', 'rollout', 'live', 'retired'],
  shadow: ['rollout', 'live', 'retired'],
  rollout: ['shadow', 'rollout', 'live', 'retired'],
  live: ['retired'],
  retired: ['shadow', 'rollout', 'live'],
};

export class InvalidTransitionError extends ConflictError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}

type VersionRow = {
  strategy_id: string;
  version: number;
  source: string;
  policy_id: string;
  severity: number;
  event_types: string[];
  state: string;
  rollout_percent: number;
  expires_at: Date | null;
  note: string;
  created_at: Date;
  created_by: string;
  state_changed_at: Date;
  state_changed_by: string;
};

const versionOf = (r: VersionRow): StrategyVersion => ({
  ...r,
  state: r.state as StrategyState,
  expires_at: r.expires_at?.toISOString() ?? null,
  created_at: r.created_at.toISOString(),
  state_changed_at: r.state_changed_at.toISOString(),
});

async function compileAgainstCatalogue(ex: Executor, source: string): Promise<CompiledStrategy> {
  return compileStrategy(source, await loadCompileContext(ex));
}

export async function listStrategies(ex: Executor, options: { includeArchived?: boolean; id?: string } = {}): Promise<Strategy[]> {
  let q = ex.selectFrom('strategies').selectAll();
  if (!options.includeArchived) q = q.where('archived', '=', false);
  if (options.id !== undefined) q = q.where('id', '=', options.id);
  const rows = await q.orderBy('id').execute();
  if (!rows.length) return [];
  const active = await ex
    .selectFrom('strategy_versions')
    .select(['strategy_id', 'version', 'state', 'rollout_percent'])
    .where('state', 'in', ['live', 'shadow', 'rollout'])
    .where(
      'strategy_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const live = active.find((a) => a.strategy_id === r.id && a.state === 'live');
    const candidate = active.find((a) => a.strategy_id === r.id && a.state !== 'live');
    return {
      ...r,
      live_version: live?.version ?? null,
      candidate: candidate ? { version: candidate.version, state: candidate.state, rollout_percent: candidate.rollout_percent } : null,
      created_at: r.created_at.toISOString(),
      updated_at: r.updated_at.toISOString(),
    };
  });
}

export async function getStrategy(ex: Executor, id: string): Promise<Strategy> {
  const [found] = await listStrategies(ex, { includeArchived: true, id });
  if (!found) throw new NotFoundError(`no strategy ${id}`);
  return found;
}

export async function listVersions(ex: Executor, id: string): Promise<StrategyVersion[]> {
  await getStrategy(ex, id);
  const rows = await ex.selectFrom('strategy_versions').selectAll().where('strategy_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map((r) => versionOf(r as VersionRow));
}

export async function getVersion(ex: Executor, id: string, version: number): Promise<StrategyVersion> {
  const row = await ex.selectFrom('strategy_versions').selectAll().where('strategy_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (!row) throw new NotFoundError(`strategy ${id} has no version ${version}`);
  return versionOf(row as VersionRow);
}

async function insertVersion(tx: Tx, id: string, version: number, source: string, compiled: CompiledStrategy, note: string, actor: string, now: Date) {
  await tx
    .insertInto('strategy_versions')
    .values({
      strategy_id: id,
      version,
      source,
      policy_id: compiled.policy,
      severity: compiled.severity,
      event_types: compiled.on,
      state: 'draft',
      expires_at: compiled.expiresAt,
      note,
      created_at: now,
      created_by: actor,
      state_changed_at: now,
      state_changed_by: actor,
    })
    .execute();
}

/** Creates a strategy with its first version, a draft. Throws StrategyCompileError when the source has errors. */
export async function createStrategy(db: Db, input: StrategyInput, actor: string, now: Date): Promise<Strategy> {
  const compiled = await compileAgainstCatalogue(db, input.source);
  await createOnce(`strategy ${input.id}`, () =>
    db.transaction().execute(async (tx) => {
      await tx
        .insertInto('strategies')
        .values({ id: input.id, name: input.name, description: input.description ?? '', policy_id: compiled.policy, latest_version: 1, created_at: now, created_by: actor, updated_at: now, paused_reason: null })
        .execute();
      await insertVersion(tx, input.id, 1, input.source, compiled, input.note ?? '', actor, now);
      await appendAudit(tx, now, { actor, action: 'strategy.create', target_type: 'strategy', target_id: input.id, details: { version: 1 } });
    }),
  );
  return getStrategy(db, input.id);
}

/** Saves a new version (a draft) of a strategy; name and description may change with it. */
export async function saveVersion(db: Db, id: string, input: Omit<StrategyInput, 'id'>, actor: string, now: Date): Promise<StrategyVersion> {
  const compiled = await compileAgainstCatalogue(db, input.source);
  const version = await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('strategies').select(['latest_version', 'archived']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError(`no strategy ${id}`);
    if (row.archived) throw new ConflictError(`strategy ${id} is archived`);
    const next = row.latest_version + 1;
    await insertVersion(tx, id, next, input.source, compiled, input.note ?? '', actor, now);
    await tx.updateTable('strategies').set({ latest_version: next, name: input.name, description: input.description ?? '', policy_id: compiled.policy, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(tx, now, { actor, action: 'strategy.version', target_type: 'strategy', target_id: id, details: { version: next } });
    return next;
  });
  return getVersion(db, id, version);
}

/**
 * Moves a version to a state. Going live retires the live version; becoming the candidate (shadow or
 * rollout) retires the current candidate. The source is checked again, since the catalogue may have changed.
 */
export async function setVersionState(db: Db, id: string, version: number, target: { state: StrategyState; rollout_percent?: number }, actor: string, now: Date): Promise<StrategyVersion> {
  const current = await getVersion(db, id, version);
  if (!ALLOWED[current.state].includes(target.state)) throw new InvalidTransitionError(`version ${version} of ${id} is ${current.state}; it can become ${ALLOWED[current.state].join(', ') || 'nothing else'}`);
  if (target.state === 'rollout' && (target.rollout_percent === undefined || target.rollout_percent < 1 || target.rollout_percent > 99))
    throw new InvalidTransitionError('a rollout needs rollout_percent between 1 and 99 (100 is going live)');
  if (target.state !== 'retired') await compileAgainstCatalogue(db, current.source);
  await db.transaction().execute(async (tx) => {
    await tx.selectFrom('strategies').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const replaced = target.state === 'live' ? ['live'] : target.state === 'shadow' || target.state === 'rollout' ? ['shadow', 'rollout'] : [];
    if (replaced.length)
      await tx
        .updateTable('strategy_versions')
        .set({ state: 'retired', state_changed_at: now, state_changed_by: actor })
        .where('strategy_id', '=', id)
        .where('version', '!=', version)
        .where('state', 'in', replaced)
        .execute();
    await tx
      .updateTable('strategy_versions')
      .set({ state: target.state, rollout_percent: target.state === 'rollout' ? target.rollout_percent! : 0, state_changed_at: now, state_changed_by: actor })
      .where('strategy_id', '=', id)
      .where('version', '=', version)
      .execute();
    await tx.updateTable('strategies').set({ updated_at: now }).where('id', '=', id).execute();
    await appendAudit(tx, now, { actor, action: `strategy.${target.state}`, target_type: 'strategy', target_id: id, details: { version, from: current.state, rollout_percent: target.rollout_percent ?? null } });
  });
  return getVersion(db, id, version);
}

/** Pauses (a guardrail or a person) or resumes a strategy: a paused strategy decides nothing. */
export async function setPaused(ex: Executor, id: string, paused: boolean, reason: string | null, actor: string, now: Date): Promise<void> {
  const res = await ex.updateTable('strategies').set({ paused, paused_reason: paused ? reason : null, updated_at: now }).where('id', '=', id).executeTakeFirst();
  if (!Number(res.numUpdatedRows)) throw new NotFoundError(`no strategy ${id}`);
  await appendAudit(ex, now, { actor, action: paused ? 'strategy.pause' : 'strategy.resume', target_type: 'strategy', target_id: id, details: { reason } });
}

/** Changes whenever anything the running strategy set depends on changes (versions, states, pauses, lists). */
export async function strategiesGeneration(ex: Executor): Promise<string> {
  const { rows } = await sql<{ g: string | null }>`
    SELECT md5(
      coalesce((SELECT string_agg(strategy_id || ':' || version || ':' || state || ':' || rollout_percent, ',' ORDER BY strategy_id, version) FROM strategy_versions WHERE state IN ('shadow', 'rollout', 'live')), '')
      || '|' || coalesce((SELECT string_agg(id || ':' || paused::text, ',' ORDER BY id) FROM strategies), '')
      || '|' || coalesce((SELECT string_agg(id || ':' || updated_at::text, ',' ORDER BY id) FROM lists), '')
    ) AS g`.execute(ex);
  return rows[0]?.g ?? '';
}
