// Policies (what is not allowed, how severe, which EU DSA category) and review queues: data admins edit,
// referred to by id everywhere else.
import { Type, type Static } from '@sinclair/typebox';
import { DSA_CATEGORIES } from './dsa.js';

export { DSA_CATEGORIES, type DsaCategory } from './dsa.js';

/** Severity tier 1 is the most severe (e.g. child safety), 4 the least (e.g. spam). */
export const SEVERITY_TIERS = [1, 2, 3, 4] as const;

const Id = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$', description: 'lower_snake_case identifier' });

export const PolicyInputSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    definition: Type.String({ minLength: 1, maxLength: 20_000 }),
    severity_tier: Type.Union(SEVERITY_TIERS.map((t) => Type.Literal(t))),
    dsa_category: Type.Union(DSA_CATEGORIES.map((c) => Type.Literal(c))),
  },
  { additionalProperties: false },
);
export type PolicyInput = Static<typeof PolicyInputSchema>;

export const PolicySchema = Type.Intersect([
  PolicyInputSchema,
  Type.Object({ version: Type.Integer(), updated_at: Type.String({ format: 'date-time' }), updated_by: Type.String(), archived: Type.Boolean() }),
]);
export type Policy = Static<typeof PolicySchema>;

export const QueueInputSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5_000 })),
    policies: Type.Array(Id, { description: 'Policy ids this queue reviews (must exist)' }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { description: 'Languages this queue reviews; empty means any' }),
    sla_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 525_600, description: 'Time to a verdict the queue aims for; a task is due this long after it was raised (default 1440)' })),
    escalation_queue: Type.Optional(Type.Union([Id, Type.Null()], { description: 'Where a moderator escalates a task to' })),
    teams: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_-]{0,62}$' }), { description: 'Teams whose moderators may review it; empty means every moderator' })),
  },
  { additionalProperties: false },
);
export type QueueInput = Static<typeof QueueInputSchema>;

export const QUEUE_STATES = ['active', 'paused', 'draining'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export const QueueSchema = Type.Intersect([
  QueueInputSchema,
  Type.Object({
    sla_minutes: Type.Integer(),
    escalation_queue: Type.Union([Type.String(), Type.Null()]),
    teams: Type.Array(Type.String()),
    state: Type.Union(QUEUE_STATES.map((s) => Type.Literal(s)), { description: 'paused: hands out no tasks; draining: hands out tasks but routing sends it no new ones' }),
    version: Type.Integer(),
    updated_at: Type.String({ format: 'date-time' }),
    updated_by: Type.String(),
    archived: Type.Boolean(),
  }),
]);
export type Queue = Static<typeof QueueSchema>;

export const ROLES = ['admin', 'analyst', 'moderator', 'viewer', 'ingest'] as const;
export type Role = (typeof ROLES)[number];
