// Strike ladders: per policy (plus 'default' for policies without one), the step an account reaches at
// each count of active strikes and how long a strike counts. Admins edit them as data; every change is a
// new version with who made it, in the audit log too.
import { DEFAULT_LADDER, DEFAULT_POLICY_LADDERS, DEFAULT_STRIKE_LADDER, type LadderInput, type LadderStep } from '../../domain/index.js';
import { NotFoundError, requirePolicies } from '../../catalogue/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor } from '../../store/schema.js';

export class InvalidLadderError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidLadderError';
  }
}

export interface StrikeLadder extends LadderInput {
  /** 'default' or the policy id. */
  ladder: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface LadderVersion extends LadderInput {
  version: number;
  changed_at: string;
  changed_by: string;
}

const MAX_DAYS = 36_500;

/** Checks a ladder and returns it normalised (fields a step's action does not take are refused, not dropped). */
export function validateLadder(input: LadderInput): LadderInput {
  if (!Number.isInteger(input.expiry_days) || input.expiry_days < 1 || input.expiry_days > MAX_DAYS) throw new InvalidLadderError('expiry_days', `must be a whole number of days from 1 to ${MAX_DAYS}`);
  if (!input.steps.length) throw new InvalidLadderError('steps', 'a ladder needs at least one step');
  const steps: LadderStep[] = [];
  input.steps.forEach((step, i) => {
    const at = `steps.${i}`;
    const last = i === input.steps.length - 1;
    if (!Number.isInteger(step.strikes) || step.strikes < 1) throw new InvalidLadderError(`${at}.strikes`, 'must be a whole number of strikes, 1 or more');
    const before = input.steps[i - 1];
    if (before && step.strikes <= before.strikes) throw new InvalidLadderError(`${at}.strikes`, `must be more than the step before (${before.strikes}): steps go up strictly`);
    if (step.duration_days !== undefined && (!Number.isFinite(step.duration_days) || step.duration_days <= 0 || step.duration_days > MAX_DAYS))
      throw new InvalidLadderError(`${at}.duration_days`, `must be a positive number of days up to ${MAX_DAYS}`);
    if (step.features !== undefined && step.action !== 'restrict') throw new InvalidLadderError(`${at}.features`, `only a restrict step limits features, not ${step.action}`);
    if (step.message !== undefined && step.action !== 'warn') throw new InvalidLadderError(`${at}.message`, `only a warn step carries a message, not ${step.action}`);
    switch (step.action) {
      case 'warn':
        if (step.duration_days !== undefined) throw new InvalidLadderError(`${at}.duration_days`, 'a warning has no duration');
        break;
      case 'restrict':
        if (!step.features?.length) throw new InvalidLadderError(`${at}.features`, 'name at least one feature to limit');
        if (new Set(step.features).size !== step.features.length) throw new InvalidLadderError(`${at}.features`, 'a feature is listed twice');
        if (step.duration_days === undefined && !last) throw new InvalidLadderError(`${at}.duration_days`, 'only the last step may be permanent: give these limits a duration');
        break;
      case 'suspend':
        if (step.duration_days === undefined && !last) throw new InvalidLadderError(`${at}.duration_days`, 'only the last step may be permanent: give this suspension a duration');
        break;
      case 'ban':
        if (step.duration_days !== undefined) throw new InvalidLadderError(`${at}.duration_days`, 'a ban is permanent: use suspend for a limited time');
        if (!last) throw new InvalidLadderError(`${at}.action`, 'a ban is permanent, so it can only be the last step');
        break;
    }
    steps.push({ strikes: step.strikes, action: step.action, ...(step.features ? { features: step.features } : {}), ...(step.duration_days !== undefined ? { duration_days: step.duration_days } : {}), ...(step.message !== undefined ? { message: step.message } : {}) });
  });
  return { expiry_days: input.expiry_days, steps };
}

/** The step reached at `count` active strikes: the highest step at or below it (the last one past the top), or none below the first. */
export function stepFor(ladder: Pick<LadderInput, 'steps'>, count: number): LadderStep | null {
  let reached: LadderStep | null = null;
  for (const s of ladder.steps) if (s.strikes <= count) reached = s;
  return reached;
}

type LadderRow = { ladder: string; version: number; expiry_days: number; steps: unknown; updated_at: Date; updated_by: string };
const toLadder = (r: LadderRow): StrikeLadder => ({ ladder: r.ladder, version: r.version, expiry_days: r.expiry_days, steps: r.steps as LadderStep[], updated_at: r.updated_at.toISOString(), updated_by: r.updated_by });

export async function listLadders(ex: Executor): Promise<StrikeLadder[]> {
  const rows = await ex.selectFrom('strike_ladders').selectAll().orderBy('ladder').execute();
  // The default ladder first, then the policies' ladders by id.
  return rows.map(toLadder).sort((a, b) => (a.ladder === DEFAULT_LADDER ? -1 : b.ladder === DEFAULT_LADDER ? 1 : 0));
}

export async function getLadder(ex: Executor, ladder: string): Promise<StrikeLadder | undefined> {
  const row = await ex.selectFrom('strike_ladders').selectAll().where('ladder', '=', ladder).executeTakeFirst();
  return row ? toLadder(row) : undefined;
}

/** The ladder that counts a strike under `policy`: its own, else the default. */
export async function ladderForPolicy(ex: Executor, policy: string): Promise<StrikeLadder> {
  const own = await getLadder(ex, policy);
  if (own) return own;
  const fallback = await getLadder(ex, DEFAULT_LADDER);
  if (!fallback) throw new NotFoundError(`no strike ladder for ${policy} and no default ladder: PUT /v1/strike-ladders/default first`);
  return fallback;
}

export async function ladderVersions(ex: Executor, ladder: string): Promise<LadderVersion[]> {
  const rows = await ex.selectFrom('strike_ladder_versions').selectAll().where('ladder', '=', ladder).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ version: r.version, expiry_days: r.expiry_days, steps: r.steps as LadderStep[], changed_at: r.changed_at.toISOString(), changed_by: r.changed_by }));
}

/** Creates or replaces a ladder ('default' or a known policy) as a new version; returns it. */
export async function saveLadder(db: Db, ladder: string, input: LadderInput, actor: string, now: Date): Promise<StrikeLadder> {
  const valid = validateLadder(input);
  return db.transaction().execute(async (tx) => {
    if (ladder !== DEFAULT_LADDER) await requirePolicies(tx, [ladder]);
    const current = await tx.selectFrom('strike_ladders').select('version').where('ladder', '=', ladder).forUpdate().executeTakeFirst();
    const version = (current?.version ?? 0) + 1;
    const values = { ladder, version, expiry_days: valid.expiry_days, steps: JSON.stringify(valid.steps), updated_at: now, updated_by: actor };
    await tx
      .insertInto('strike_ladders')
      .values(values)
      .onConflict((oc) => oc.column('ladder').doUpdateSet({ version, expiry_days: valid.expiry_days, steps: values.steps, updated_at: now, updated_by: actor }))
      .execute();
    await tx.insertInto('strike_ladder_versions').values({ ladder, version, expiry_days: valid.expiry_days, steps: values.steps, changed_at: now, changed_by: actor }).execute();
    await appendAudit(tx, now, { actor, action: 'strike_ladder.save', target_type: 'strike_ladder', target_id: ladder, details: { version, expiry_days: valid.expiry_days, steps: valid.steps.length } });
    return { ladder, version, ...valid, updated_at: now.toISOString(), updated_by: actor };
  });
}

/** Installs the default ladder, and the ladders of default policies that exist, where none is stored yet (never overwrites edits). */
export async function seedDefaultStrikeLadders(db: Db, now: Date): Promise<{ ladders: number }> {
  let ladders = 0;
  const wanted: [string, LadderInput][] = [[DEFAULT_LADDER, DEFAULT_STRIKE_LADDER], ...Object.entries(DEFAULT_POLICY_LADDERS)];
  for (const [ladder, input] of wanted) {
    if (await getLadder(db, ladder)) continue;
    if (ladder !== DEFAULT_LADDER && !(await db.selectFrom('policies').select('id').where('id', '=', ladder).executeTakeFirst())) continue;
    const valid = validateLadder(input);
    // Several processes may start at once: the one that inserts first seeds, the others skip.
    const inserted = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('strike_ladders')
        .values({ ladder, version: 1, expiry_days: valid.expiry_days, steps: JSON.stringify(valid.steps), updated_at: now, updated_by: 'system' })
        .onConflict((oc) => oc.column('ladder').doNothing())
        .returning('ladder')
        .executeTakeFirst();
      if (row) await tx.insertInto('strike_ladder_versions').values({ ladder, version: 1, expiry_days: valid.expiry_days, steps: JSON.stringify(valid.steps), changed_at: now, changed_by: 'system' }).execute();
      return Boolean(row);
    });
    if (inserted) ladders += 1;
  }
  return { ladders };
}
