// Moderator profiles an operations lead keeps: languages with proficiency, capacity, schedule,
// exposure budgets, and policy certifications with expiry. Validated at the API edge; every change is
// audited.
import { Type, type Static } from '@sinclair/typebox';
import { NotFoundError, UnknownReferenceError } from '../../catalogue/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor } from '../../store/schema.js';
import { PROFICIENCIES } from '../assignment/types.js';

const Window = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, description: 'ISO weekdays, 1 = Monday' }),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, UTC' }),
    end: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, UTC; before start runs past midnight' }),
  },
  { additionalProperties: false },
);

export const ModeratorProfileSchema = Type.Object(
  {
    display_name: Type.Optional(Type.String({ maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'Tasks held at once' })),
    languages: Type.Record(Type.String({ pattern: '^[a-z]{2,3}$' }), Type.Union(PROFICIENCIES.map((p) => Type.Literal(p))), { additionalProperties: false, description: 'Language (ISO 639 code) → basic, fluent or native' }),
    exposure_budgets: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.Integer({ minimum: 0 }), { additionalProperties: false, description: 'Items per harm category per shift' })),
    schedule: Type.Optional(Type.Array(Window, { description: 'Weekly shifts in UTC; none = always on shift' })),
    shift_hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, description: 'How far back an exposure budget counts' })),
  },
  { additionalProperties: false },
);
export type ModeratorProfileInput = Static<typeof ModeratorProfileSchema>;

export interface ModeratorProfile extends Required<ModeratorProfileInput> {
  id: string;
  certifications: { policy: string; expires_at: string | null; granted_by: string }[];
  updated_at: string;
  updated_by: string;
}

export async function saveModerator(db: Db, id: string, input: ModeratorProfileInput, actor: string, now: Date): Promise<ModeratorProfile> {
  const row = {
    id,
    display_name: input.display_name ?? '',
    active: input.active ?? true,
    capacity: input.capacity ?? 1,
    languages: JSON.stringify(input.languages),
    exposure_budgets: JSON.stringify(input.exposure_budgets ?? {}),
    schedule: JSON.stringify(input.schedule ?? []),
    shift_hours: input.shift_hours ?? 8,
    updated_at: now,
    updated_by: actor,
  };
  await db.transaction().execute(async (tx) => {
    const { id: _id, ...rest } = row;
    await tx.insertInto('moderators').values(row).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
    await appendAudit(tx, now, { actor, action: 'moderator.saved', target_type: 'moderator', target_id: id, details: { ...input } });
  });
  return getModerator(db, id);
}

export async function getModerator(ex: Executor, id: string): Promise<ModeratorProfile> {
  const [m] = await listModerators(ex, id);
  if (!m) throw new NotFoundError(`no moderator profile ${JSON.stringify(id)}`);
  return m;
}

export async function listModerators(ex: Executor, only?: string): Promise<ModeratorProfile[]> {
  let q = ex.selectFrom('moderators').selectAll().orderBy('id');
  if (only !== undefined) q = q.where('id', '=', only);
  const rows = await q.execute();
  if (!rows.length) return [];
  const certs = await ex.selectFrom('moderator_certifications').selectAll().where('moderator', 'in', rows.map((r) => r.id)).orderBy('policy_id').execute();
  return rows.map((r) => ({
    id: r.id,
    display_name: r.display_name,
    active: r.active,
    capacity: r.capacity,
    languages: r.languages,
    exposure_budgets: r.exposure_budgets,
    schedule: r.schedule,
    shift_hours: r.shift_hours,
    certifications: certs.filter((c) => c.moderator === r.id).map((c) => ({ policy: c.policy_id, expires_at: c.expires_at ? new Date(c.expires_at).toISOString() : null, granted_by: c.granted_by })),
    updated_at: new Date(r.updated_at).toISOString(),
    updated_by: r.updated_by,
  }));
}

export async function certify(db: Db, moderator: string, policy: string, expiresAt: Date | null, actor: string, now: Date): Promise<ModeratorProfile> {
  await db.transaction().execute(async (tx) => {
    if (!(await tx.selectFrom('moderators').select('id').where('id', '=', moderator).executeTakeFirst())) throw new NotFoundError(`no moderator profile ${JSON.stringify(moderator)}`);
    const p = await tx.selectFrom('policies').select(['id', 'archived']).where('id', '=', policy).executeTakeFirst();
    if (!p || p.archived) throw new UnknownReferenceError(`unknown policy ${JSON.stringify(policy)}`);
    const values = { moderator, policy_id: policy, granted_at: now, granted_by: actor, expires_at: expiresAt };
    await tx.insertInto('moderator_certifications').values(values).onConflict((oc) => oc.columns(['moderator', 'policy_id']).doUpdateSet({ granted_at: now, granted_by: actor, expires_at: expiresAt })).execute();
    await appendAudit(tx, now, { actor, action: 'moderator.certified', target_type: 'moderator', target_id: moderator, details: { policy, expires_at: expiresAt?.toISOString() ?? null } });
  });
  return getModerator(db, moderator);
}

export async function revokeCertification(db: Db, moderator: string, policy: string, actor: string, now: Date): Promise<ModeratorProfile> {
  await db.transaction().execute(async (tx) => {
    const gone = await tx.deleteFrom('moderator_certifications').where('moderator', '=', moderator).where('policy_id', '=', policy).executeTakeFirst();
    if (!Number(gone.numDeletedRows)) throw new NotFoundError(`moderator ${JSON.stringify(moderator)} holds no certification for ${JSON.stringify(policy)}`);
    await appendAudit(tx, now, { actor, action: 'moderator.certification_revoked', target_type: 'moderator', target_id: moderator, details: { policy } });
  });
  return getModerator(db, moderator);
}
