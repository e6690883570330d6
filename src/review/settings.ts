// Review settings an admin changes without code: how long a lease lasts, how long an appeal stays possible,
// and how much QA (golden items, double review) is mixed into moderators' work.
import { Type, type Static } from '@sinclair/typebox';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';

export const ReviewSettingsSchema = Type.Object(
  {
    lease_seconds: Type.Integer({ minimum: 30, maximum: 3600, description: 'How long "next task" holds a task for a moderator before it returns to the queue; each heartbeat renews it' }),
    appeal_window_days: Type.Integer({ minimum: 1, maximum: 3650, description: 'How long after an action the affected user may appeal it (the EU DSA asks for at least six months)' }),
    qa: Type.Optional(
      Type.Object(
        {
          golden_rate: Type.Number({ minimum: 0, maximum: 1, description: 'Chance that "next task" hands a moderator a golden item (an item with a known answer) instead of queued work' }),
          double_review_rate: Type.Number({ minimum: 0, maximum: 1, description: 'Share of ordinary verdicts sent for independent review by other moderators; severity tier 1 verdicts always are' }),
          double_review_k: Type.Integer({ minimum: 2, maximum: 5, description: 'Independent verdicts per double-reviewed item, the first included' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ReviewSettings = Static<typeof ReviewSettingsSchema>;
export type QaSettings = NonNullable<ReviewSettings['qa']>;

export const DEFAULT_QA_SETTINGS: QaSettings = { golden_rate: 0.02, double_review_rate: 0.05, double_review_k: 2 };
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings & { qa: QaSettings } = { lease_seconds: 300, appeal_window_days: 183, qa: DEFAULT_QA_SETTINGS };

export async function loadReviewSettings(ex: Executor): Promise<ReviewSettings & { qa: QaSettings }> {
  const row = await ex.selectFrom('review_settings').select('settings').executeTakeFirst();
  const saved = row?.settings as Partial<ReviewSettings> | undefined;
  return { ...DEFAULT_REVIEW_SETTINGS, ...saved, qa: { ...DEFAULT_QA_SETTINGS, ...saved?.qa } };
}

export async function saveReviewSettings(db: Db, settings: ReviewSettings, actor: string, now: Date): Promise<ReviewSettings> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('review_settings')
      .values({ settings: JSON.stringify(settings), updated_at: now, updated_by: actor })
      .onConflict((oc) => oc.column('singleton').doUpdateSet({ settings: JSON.stringify(settings), updated_at: now, updated_by: actor }))
      .execute();
    await appendAudit(tx, now, { actor, action: 'review.settings', target_type: 'review_settings', target_id: 'review', details: { ...settings } });
  });
  return settings;
}
