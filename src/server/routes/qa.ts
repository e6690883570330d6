// QA for human review over HTTP: golden items (kept from moderators, or they would stop being blind), the
// agreement between moderators, each moderator's accuracy per policy, and the adjudication of double
// reviews that disagreed. QA is analysts' and admins' work; moderators only ever meet it as ordinary tasks.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ENTITY_TYPES, type EntityRef } from '../../domain/index.js';
import * as review from '../../review/index.js';
import { actorOf } from '../auth.js';
import { ErrorSchema } from '../errors.js';
import type { Services } from '../services.js';

const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const EntityRefSchema = Type.Object({ type: Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t))), id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const PolicyOrNone = Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()], { description: 'A policy id, or null for no violation' });
const Since = Type.Optional(Type.String({ format: 'date-time', description: 'Only verdicts at or after this time' }));

const sinceOf = (q: { since?: string }) => (q.since ? new Date(q.since) : undefined);

export function qaRoutes(app: FastifyInstance, s: Services) {
  const qa = { roles: ['admin', 'analyst'] as const };

  app.post(
    '/v1/qa/golden',
    {
      config: qa,
      schema: {
        tags: ['qa'],
        summary: 'Add a golden item: an entity, the policy its task asks about, and the right answer; moderators get it now and then as an ordinary task',
        body: Type.Object({ entity: EntityRefSchema, policy: Type.String({ minLength: 1, maxLength: 200 }), expected: PolicyOrNone, notes: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 201: Type.Unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { entity: EntityRef; policy: string; expected: string | null; notes?: string };
      const item = await review.createGoldenItem(s.db, { ...b, actor: actorOf(req) }, s.clock());
      reply.status(201);
      return item;
    },
  );
  app.get(
    '/v1/qa/golden',
    {
      config: qa,
      schema: {
        tags: ['qa'],
        summary: 'Golden items, newest first, with how often they were answered and answered right',
        querystring: Type.Object({ include_archived: Type.Boolean({ default: false }), before: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
      },
    },
    async (req) => {
      const q = req.query as { include_archived: boolean; before?: number; limit: number };
      return { items: await review.listGoldenItems(s.db, { includeArchived: q.include_archived, before: q.before, limit: q.limit }) };
    },
  );
  app.post(
    '/v1/qa/golden/:id/archive',
    { config: qa, schema: { tags: ['qa'], summary: 'Stop handing out a golden item (its answers stay counted)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: errors } },
    async (req) => {
      await review.archiveGoldenItem(s.db, (req.params as { id: number }).id, actorOf(req), s.clock());
      return { archived: true };
    },
  );
  app.get(
    '/v1/qa/agreement',
    {
      config: qa,
      schema: {
        tags: ['qa'],
        summary: "Agreement on double-reviewed items: Cohen's kappa per pair of moderators with enough shared items, Fleiss' kappa per policy",
        querystring: Type.Object({ since: Since, min_shared: Type.Integer({ minimum: 1, maximum: 100_000, default: 10, description: 'Pairs of moderators with fewer shared items are left out' }) }),
      },
    },
    async (req) => {
      const q = req.query as { since?: string; min_shared: number };
      return review.reviewAgreement(s.db, { since: sinceOf(q), minShared: q.min_shared });
    },
  );
  app.get(
    '/v1/qa/moderators',
    {
      config: qa,
      schema: {
        tags: ['qa'],
        summary: 'Accuracy per moderator and policy: golden items, agreement with settled outcomes, overturned appeals, and a Beta-posterior estimate',
        querystring: Type.Object({ since: Since }),
      },
    },
    async (req) => ({ moderators: await review.moderatorAccuracy(s.db, { since: sinceOf(req.query as { since?: string }) }) }),
  );
  app.get(
    '/v1/qa/adjudications',
    {
      config: qa,
      schema: {
        tags: ['qa'],
        summary: 'Double reviews, newest first: by default the ones that disagreed and wait for an adjudicator',
        querystring: Type.Object({
          status: Type.Union([Type.Literal('adjudicating'), Type.Literal('collecting'), Type.Literal('agreed'), Type.Literal('decided'), Type.Literal('all')], { default: 'adjudicating' }),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
      },
    },
    async (req) => {
      const q = req.query as { status: 'adjudicating' | 'all'; before?: number; limit: number };
      return { adjudications: await review.listDoubleReviews(s.db, { status: q.status === 'all' ? undefined : q.status, before: q.before, limit: q.limit }) };
    },
  );
  app.post(
    '/v1/qa/adjudications/:verdict_id/decide',
    {
      config: qa,
      schema: {
        tags: ['qa'],
        summary: "Decide a disagreement for good; when the answer differs from the first verdict, that verdict's enforcement is corrected",
        params: Type.Object({ verdict_id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ policy: PolicyOrNone, notes: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false }),
        response: errors,
      },
    },
    async (req) => {
      const b = req.body as { policy: string | null; notes?: string };
      const decided = await review.decideAdjudication(s.db, { verdictId: (req.params as { verdict_id: number }).verdict_id, policy: b.policy, notes: b.notes, actor: actorOf(req) }, s.clock());
      if (decided.corrected.length) s.afterReview?.();
      return decided;
    },
  );
}
