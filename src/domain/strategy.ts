// Strategies as the API and the console see them: immutable versions with a lifecycle state.
import { Type, type Static } from '@sinclair/typebox';

/** draft: saved, not running. shadow: decisions recorded, never applied. rollout: applied for a percentage of entities. live: applied. retired: stopped. */
export const STRATEGY_STATES = ['draft', 'shadow', 'rollout', 'live', 'retired'] as const;
export type StrategyState = (typeof STRATEGY_STATES)[number];

export const StrategyIdSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,99}$', description: 'Lower-case letters, digits, _ . -' });

export const StrategyVersionSchema = Type.Object({
  strategy_id: Type.String(),
  version: Type.Integer(),
  source: Type.String(),
  policy_id: Type.String(),
  severity: Type.Integer(),
  event_types: Type.Array(Type.String()),
  state: Type.Union(STRATEGY_STATES.map((s) => Type.Literal(s))),
  rollout_percent: Type.Integer(),
  expires_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  note: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  created_by: Type.String(),
  state_changed_at: Type.String({ format: 'date-time' }),
  state_changed_by: Type.String(),
});
export type StrategyVersion = Static<typeof StrategyVersionSchema>;

export const StrategySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  policy_id: Type.String(),
  latest_version: Type.Integer(),
  live_version: Type.Union([Type.Integer(), Type.Null()]),
  candidate: Type.Union([Type.Object({ version: Type.Integer(), state: Type.String(), rollout_percent: Type.Integer() }), Type.Null()]),
  paused: Type.Boolean(),
  paused_reason: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  created_by: Type.String(),
  updated_at: Type.String({ format: 'date-time' }),
});
export type Strategy = Static<typeof StrategySchema>;

export const StrategyInputSchema = Type.Object(
  {
    id: StrategyIdSchema,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    source: Type.String({ minLength: 1, maxLength: 200_000, description: 'The strategy in the rule language (docs/rules.md)' }),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'What this version changes' })),
  },
  { additionalProperties: false },
);
export type StrategyInput = Static<typeof StrategyInputSchema>;

export const SourceProblemSchema = Type.Object({
  line: Type.Integer(),
  col: Type.Integer(),
  offset: Type.Integer(),
  level: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
});
