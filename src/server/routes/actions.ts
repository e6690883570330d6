// The action log over HTTP: moderators and admins take manual actions; the platform reads every action back.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ACTION_KINDS, ENTITY_TYPES, type ActionKind, type EntityRef } from '../../domain/index.js';
import { listActions, recordAction, recordBulkAction } from '../../enforcement/index.js';
import { actorOf } from '../auth.js';
import { ErrorSchema } from '../errors.js';
import type { Services } from '../services.js';

const EntityRefSchema = Type.Object({ type: Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t))), id: Type.String({ minLength: 1 }) }, { additionalProperties: false });
export const ActionJson = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  entity: EntityRefSchema,
  action: Type.String(),
  policy: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  actor: Type.String(),
  reason: Type.String(),
  effective_at: Type.String({ format: 'date-time', description: 'When it took effect in platform time: the causing event’s time for strategy actions' }),
  strategy: Type.Union([Type.Object({ id: Type.String(), version: Type.Integer(), decision_id: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'label, queue, priority, duration_ms, message' }),
  reverts_seq: Type.Union([Type.Integer(), Type.Null()]),
  reverted_by: Type.Union([Type.Integer(), Type.Null()]),
});

export function actionRoutes(app: FastifyInstance, s: Services) {
  app.post(
    '/v1/actions',
    {
      config: { roles: ['admin', 'moderator'] },
      schema: {
        tags: ['enforcement'],
        summary: 'Take a manual enforcement action on an entity',
        body: Type.Object(
          {
            entity: EntityRefSchema,
            action: Type.Union(ACTION_KINDS.map((a) => Type.Literal(a))),
            policy: Type.Optional(Type.String()),
            reason: Type.Optional(Type.String({ maxLength: 5000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: ActionJson, 400: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req, reply) => {
      const body = req.body as { entity: EntityRef; action: ActionKind; policy?: string; reason?: string };
      reply.status(201);
      return recordAction(s.db, { ...body, source: 'manual', actor: actorOf(req) }, s.clock());
    },
  );

  app.post(
    '/v1/actions/bulk',
    {
      config: { roles: ['admin', 'moderator'] },
      schema: {
        tags: ['enforcement'],
        summary: 'Take one manual action on many entities at once (all or nothing)',
        body: Type.Object(
          {
            entities: Type.Array(EntityRefSchema, { minItems: 1, maxItems: 1000 }),
            action: Type.Union(ACTION_KINDS.map((a) => Type.Literal(a))),
            policy: Type.Optional(Type.String()),
            reason: Type.String({ minLength: 1, maxLength: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ actions: Type.Array(ActionJson) }), 400: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req, reply) => {
      const body = req.body as { entities: EntityRef[]; action: ActionKind; policy?: string; reason: string };
      reply.status(201);
      return { actions: await recordBulkAction(s.db, { ...body, policy: body.policy ?? null, actor: actorOf(req) }, s.clock()) };
    },
  );

  app.get(
    '/v1/actions',
    {
      config: { roles: ['admin', 'analyst', 'moderator', 'viewer', 'ingest'] },
      schema: {
        tags: ['enforcement'],
        summary: 'Actions in the order they were taken; poll with `after` = the last seq seen. With order=desc, newest first, paging with `before`.',
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0 })),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
          order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }),
          strategy: Type.Optional(Type.String({ description: 'Only actions of this strategy' })),
          version: Type.Optional(Type.Integer({ minimum: 1, description: 'With strategy: only this version' })),
          entity_type: Type.Optional(Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t)))),
          entity_id: Type.Optional(Type.String()),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: { 200: Type.Object({ actions: Type.Array(ActionJson) }), 400: ErrorSchema },
      },
    },
    async (req) => {
      const q = req.query as { after?: number; before?: number; order: 'asc' | 'desc'; strategy?: string; version?: number; entity_type?: EntityRef['type']; entity_id?: string; limit: number };
      const entity = q.entity_type && q.entity_id ? { type: q.entity_type, id: q.entity_id } : undefined;
      const strategy = q.strategy ? { id: q.strategy, version: q.version } : undefined;
      return { actions: await listActions(s.db, { after: q.after, before: q.before, newestFirst: q.order === 'desc', entity, strategy, limit: q.limit }) };
    },
  );
}
