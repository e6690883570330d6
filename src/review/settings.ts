// Review settings an admin changes without code: how long a lease lasts, how long an appeal stays
// possible, every constant of the computed priority (./value.ts), push assignment, and how much QA
// (golden items, double review) is mixed into moderators' work.
import { Type, type Static } from '@sinclair/typebox';
import { PROFICIENCIES, type RelaxationStep } from './assignment/types.js';
import { DEFAULT_PRIORITY_CONFIG, type PriorityConfig } from './value.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';

export const ReviewSettingsSchema = Type.Object(
  {
    lease_seconds: Type.Integer({ minimum: 30, maximum: 3600, description: 'How long "next task" holds a task for a moderator before it returns to the queue; each heartbeat renews it' }),
    appeal_window_days: Type.Integer({ minimum: 1, maximum: 3650, description: 'How long after an action the affected user may appeal it (the EU DSA asks for at least six months)' }),
    priority: Type.Optional(
      Type.Object(
        {
          prior_a: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Beta prior of a source’s precision: pseudo-upheld verdicts' })),
          prior_b: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Beta prior of a source’s precision: pseudo-rejected verdicts' })),
          report_likelihood: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Likelihood of violation one report from a fully trusted reporter carries' })),
          severity_weights: Type.Optional(Type.Record(Type.String({ pattern: '^[1-9]$' }), Type.Number({ minimum: 0 }), { description: 'Weight per severity tier (1 = most severe)' })),
          untiered_weight: Type.Optional(Type.Number({ minimum: 0 })),
          reach_horizon_minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 10_080, description: 'How far ahead reach is projected' })),
          handle_seconds: Type.Optional(Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0 }), { description: 'Expected handle time per modality' })),
          default_handle_seconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          handle_seconds_per_media_second: Type.Optional(Type.Number({ minimum: 0 })),
          deadline_weight: Type.Optional(Type.Number({ minimum: 0, description: 'Points a task gains at its deadline' })),
        },
        { additionalProperties: false, description: 'Constants of the computed priority; absent ones keep their defaults (docs/review.md)' },
      ),
    ),
    assignment: Type.Optional(
      Type.Object(
        {
          language_relaxation: Type.Optional(
            Type.Array(Type.Object({ after_minutes: Type.Number({ minimum: 0 }), level: Type.Union(PROFICIENCIES.map((l) => Type.Literal(l))) }, { additionalProperties: false }), {
              minItems: 1,
              description: 'The language proficiency a task needs after waiting so long (e.g. native, then fluent after 10 minutes)',
            }),
          ),
          reservation_seconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 3600, description: 'How long the router keeps a task for the moderator it chose' })),
          round_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, description: 'How often the router solves a round' })),
          auto_decide: Type.Optional(
            Type.Record(
              Type.String({ minLength: 1 }),
              Type.Object(
                {
                  wrongful_action_weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Cost of a wrongful action relative to a missed violation' })),
                  window_hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 720, description: 'Window of received tasks the thresholds are read from' })),
                },
                { additionalProperties: false },
              ),
              { description: 'Queues whose waiting tasks outside the capacity-following thresholds are decided automatically (off for every queue not named)' },
            ),
          ),
          rotation_after: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'After this many decisions in a row on one harm category, a moderator gets other work first (0: off)' })),
          harm_categories: Type.Optional(Type.Record(Type.String(), Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), { description: 'Policy → the harm category its items count against in exposure budgets' })),
        },
        { additionalProperties: false, description: 'Push assignment: skill relaxation, reservations, exposure categories (docs/review.md)' },
      ),
    ),
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

/** The priority constants in force: the defaults with the settings' overrides on top. */
export function priorityConfigOf(settings: ReviewSettings): PriorityConfig {
  const p = settings.priority ?? {};
  const d = DEFAULT_PRIORITY_CONFIG;
  return {
    prior: { a: p.prior_a ?? d.prior.a, b: p.prior_b ?? d.prior.b },
    reportLikelihood: p.report_likelihood ?? d.reportLikelihood,
    severityWeights: { ...d.severityWeights, ...p.severity_weights },
    untieredWeight: p.untiered_weight ?? d.untieredWeight,
    reachHorizonMinutes: p.reach_horizon_minutes ?? d.reachHorizonMinutes,
    handleSeconds: { ...d.handleSeconds, ...p.handle_seconds },
    defaultHandleSeconds: p.default_handle_seconds ?? d.defaultHandleSeconds,
    handleSecondsPerMediaSecond: p.handle_seconds_per_media_second ?? d.handleSecondsPerMediaSecond,
    deadlineWeight: p.deadline_weight ?? d.deadlineWeight,
  };
}

export interface AssignmentConfig {
  relaxation: RelaxationStep[];
  reservationSeconds: number;
  roundSeconds: number;
  harmCategories: Record<string, string>;
  rotationAfter: number;
  autoDecide: Record<string, { wrongfulActionWeight: number; windowHours: number }>;
}

/** The seeded policies whose items wear on a moderator, by the category their budgets count. */
export const DEFAULT_HARM_CATEGORIES: Record<string, string> = { violence: 'graphic_violence', self_harm: 'self_harm', minor_safety: 'child_safety', adult: 'sexual_content', hate: 'hate_speech' };

export function assignmentConfigOf(settings: ReviewSettings): AssignmentConfig {
  const a = settings.assignment ?? {};
  const steps = a.language_relaxation ?? [
    { after_minutes: 0, level: 'native' as const },
    { after_minutes: 10, level: 'fluent' as const },
  ];
  return {
    relaxation: steps.map((s) => ({ afterMs: s.after_minutes * 60_000, level: s.level })).sort((x, y) => x.afterMs - y.afterMs),
    reservationSeconds: a.reservation_seconds ?? 120,
    roundSeconds: a.round_seconds ?? 10,
    harmCategories: a.harm_categories ?? DEFAULT_HARM_CATEGORIES,
    rotationAfter: a.rotation_after ?? 5,
    autoDecide: Object.fromEntries(Object.entries(a.auto_decide ?? {}).map(([q, o]) => [q, { wrongfulActionWeight: o.wrongful_action_weight ?? 1, windowHours: o.window_hours ?? 24 }])),
  };
}

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
