// Strike ladders and seller penalties: the shapes every capability and the console agree on, and the
// default ladder a fresh Vigil starts with. The logic lives in src/enforcement/strikes.
import { Type, type Static } from '@sinclair/typebox';

/** What a ladder step does to the account. */
export const LADDER_STEP_ACTIONS = ['warn', 'restrict', 'suspend', 'ban'] as const;
export type LadderStepAction = (typeof LADDER_STEP_ACTIONS)[number];

/** The ladder key of the ladder that applies to policies without one of their own. */
export const DEFAULT_LADDER = 'default';

export const LadderStepSchema = Type.Object(
  {
    strikes: Type.Integer({ description: 'Reached at this many active strikes (1 or more; strictly increasing along the ladder)' }),
    action: Type.Union(LADDER_STEP_ACTIONS.map((a) => Type.Literal(a))),
    features: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { description: 'restrict: the features limited, e.g. live, comment, sell', maxItems: 50 })),
    duration_days: Type.Optional(Type.Number({ description: 'restrict and suspend: how long; absent means permanent (last step only)' })),
    message: Type.Optional(Type.String({ maxLength: 2000, description: 'warn: the text shown to the account' })),
  },
  { additionalProperties: false },
);
export type LadderStep = Static<typeof LadderStepSchema>;

export const LadderInputSchema = Type.Object(
  {
    expiry_days: Type.Integer({ description: 'A strike stops counting this many days after it was given' }),
    steps: Type.Array(LadderStepSchema, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type LadderInput = Static<typeof LadderInputSchema>;

export const SELLER_PENALTIES = ['remove_listing', 'suspend_shop', 'payout_hold', 'release_payout'] as const;
export type SellerPenalty = (typeof SELLER_PENALTIES)[number];

export const STRIKE_SOURCES = ['review', 'appeal', 'manual', 'strategy'] as const;
export type StrikeSource = (typeof STRIKE_SOURCES)[number];

/** 1 → warning, 2 → 7 days without live, posting and selling, 3 → 30-day suspension, 4 → ban; strikes count for 90 days. */
export const DEFAULT_STRIKE_LADDER: LadderInput = {
  expiry_days: 90,
  steps: [
    { strikes: 1, action: 'warn', message: 'Your account broke a community rule. Further violations lead to limits on your account.' },
    { strikes: 2, action: 'restrict', features: ['live', 'post', 'sell'], duration_days: 7 },
    { strikes: 3, action: 'suspend', duration_days: 30 },
    { strikes: 4, action: 'ban' },
  ],
};

/** Policies severe enough to skip the ladder: one strike bans (only seeded when the policy exists). */
export const DEFAULT_POLICY_LADDERS: Record<string, LadderInput> = {
  minor_safety: { expiry_days: 365, steps: [{ strikes: 1, action: 'ban' }] },
};
