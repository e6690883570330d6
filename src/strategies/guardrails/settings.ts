// Guardrail settings: on by default, changed through the API. Caps bound how much automation can do in
// a day; auto-pause stops a freshly changed strategy that suddenly fires far more than it should.
import { Type, type Static } from '@sinclair/typebox';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor } from '../../store/schema.js';

export const GuardrailSettingsSchema = Type.Object(
  {
    /** Applied actions per strategy per UTC day; beyond it actions are suppressed and an alert raised. 0 = no cap. */
    strategy_daily_cap: Type.Integer({ minimum: 0, default: 10_000 }),
    /** Applied automated actions per action type per UTC day, across strategies. */
    action_daily_caps: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { default: {} }),
    auto_pause: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        /** Only within this long after a version went live or into rollout. */
        within_hours: Type.Number({ minimum: 0, default: 24 }),
        /** Pause when hits exceed this share of the events it evaluated... */
        max_hit_share: Type.Number({ minimum: 0, maximum: 1, default: 0.05 }),
        /** ...or this multiple of its trailing 7-day rate... */
        max_rate_multiple: Type.Number({ minimum: 1, default: 10 }),
        /** ...once it has at least this many hits. */
        min_hits: Type.Integer({ minimum: 1, default: 50 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type GuardrailSettings = Static<typeof GuardrailSettingsSchema>;

export const DEFAULT_GUARDRAILS: GuardrailSettings = {
  strategy_daily_cap: 10_000,
  action_daily_caps: { suspend: 2_000, interrupt: 500, remove: 50_000, block: 50_000 },
  auto_pause: { enabled: true, within_hours: 24, max_hit_share: 0.05, max_rate_multiple: 10, min_hits: 50 },
};

export async function loadGuardrailSettings(ex: Executor): Promise<GuardrailSettings> {
  const row = await ex.selectFrom('guardrail_settings').select('settings').where('id', '=', 1).executeTakeFirst();
  return row ? { ...DEFAULT_GUARDRAILS, ...(row.settings as Partial<GuardrailSettings>) } : DEFAULT_GUARDRAILS;
}

export async function saveGuardrailSettings(db: Db, settings: GuardrailSettings, actor: string, now: Date): Promise<GuardrailSettings> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('guardrail_settings')
      .values({ id: 1, settings: JSON.stringify(settings), updated_at: now, updated_by: actor })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings: JSON.stringify(settings), updated_at: now, updated_by: actor }))
      .execute();
    await appendAudit(tx, now, { actor, action: 'guardrails.update', target_type: 'guardrails', target_id: 'settings', details: settings });
  });
  return settings;
}
