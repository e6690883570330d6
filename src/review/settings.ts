// Review settings an admin changes without code: how long a lease lasts and how long an appeal stays possible.
import { Type, type Static } from '@sinclair/typebox';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';

export const ReviewSettingsSchema = Type.Object(
  {
    lease_seconds: Type.Integer({ minimum: 30, maximum: 3600, description: 'How long "next task" holds a task for a moderator before it returns to the queue; each heartbeat renews it' }),
    appeal_window_days: Type.Integer({ minimum: 1, maximum: 3650, description: 'How long after an action the affected user may appeal it (the EU DSA asks for at least six months)' }),
  },
  { additionalProperties: false },
);
export type ReviewSettings = Static<typeof ReviewSettingsSchema>;

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { lease_seconds: 300, appeal_window_days: 183 };

export async function loadReviewSettings(ex: Executor): Promise<ReviewSettings> {
  const row = await ex.selectFrom('review_settings').select('settings').executeTakeFirst();
  return { ...DEFAULT_REVIEW_SETTINGS, ...(row?.settings as Partial<ReviewSettings> | undefined) };
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
