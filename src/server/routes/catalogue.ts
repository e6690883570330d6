// Policy catalogue and queue registry endpoints: read by every role, edited by admins, versioned.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import * as catalogue from '../../catalogue/index.js';
import { PolicyInputSchema, PolicySchema, QueueInputSchema, QueueSchema, type PolicyInput, type QueueInput } from '../../domain/index.js';
import { actorOf, READERS } from '../auth.js';
import { ErrorSchema } from '../errors.js';
import type { Services } from '../services.js';

const IdParam = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({ include_archived: Type.Boolean({ default: false }) });
const PolicyChanges = Type.Omit(PolicyInputSchema, ['id'], { additionalProperties: false });
const QueueChanges = Type.Omit(QueueInputSchema, ['id'], { additionalProperties: false });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

export function catalogueRoutes(app: FastifyInstance, s: Services) {
  const admin = { roles: ['admin'] as const };
  const readers = { roles: READERS };

  app.get('/v1/policies', { config: readers, schema: { tags: ['policies'], summary: 'The policy catalogue', querystring: ListQuery, response: { 200: Type.Object({ policies: Type.Array(PolicySchema) }) } } }, async (req) => ({
    policies: await catalogue.listPolicies(s.db, { includeArchived: (req.query as { include_archived: boolean }).include_archived }),
  }));
  app.get('/v1/policies/:id', { config: readers, schema: { tags: ['policies'], params: IdParam, response: { 200: PolicySchema, ...errors } } }, async (req) =>
    catalogue.getPolicy(s.db, (req.params as { id: string }).id),
  );
  app.get(
    '/v1/policies/:id/versions',
    { config: readers, schema: { tags: ['policies'], summary: 'Every version of a policy, newest first', params: IdParam, response: { 404: ErrorSchema } } },
    async (req) => ({ versions: await catalogue.policyVersions(s.db, (req.params as { id: string }).id) }),
  );
  app.post('/v1/policies', { config: admin, schema: { tags: ['policies'], body: PolicyInputSchema, response: { 201: PolicySchema, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return catalogue.createPolicy(s.db, req.body as PolicyInput, actorOf(req), s.clock());
  });
  app.put('/v1/policies/:id', { config: admin, schema: { tags: ['policies'], params: IdParam, body: PolicyChanges, response: { 200: PolicySchema, ...errors } } }, async (req) =>
    catalogue.updatePolicy(s.db, (req.params as { id: string }).id, req.body as Omit<PolicyInput, 'id'>, actorOf(req), s.clock()),
  );
  app.delete('/v1/policies/:id', { config: admin, schema: { tags: ['policies'], summary: 'Archive a policy (kept in history)', params: IdParam, response: { 200: PolicySchema, ...errors } } }, async (req) =>
    catalogue.archivePolicy(s.db, (req.params as { id: string }).id, actorOf(req), s.clock()),
  );

  app.get('/v1/queues', { config: readers, schema: { tags: ['queues'], summary: 'The review-queue registry', querystring: ListQuery, response: { 200: Type.Object({ queues: Type.Array(QueueSchema) }) } } }, async (req) => ({
    queues: await catalogue.listQueues(s.db, { includeArchived: (req.query as { include_archived: boolean }).include_archived }),
  }));
  app.get('/v1/queues/:id', { config: readers, schema: { tags: ['queues'], params: IdParam, response: { 200: QueueSchema, ...errors } } }, async (req) =>
    catalogue.getQueue(s.db, (req.params as { id: string }).id),
  );
  app.get(
    '/v1/queues/:id/versions',
    { config: readers, schema: { tags: ['queues'], summary: 'Every version of a queue, newest first', params: IdParam, response: { 404: ErrorSchema } } },
    async (req) => ({ versions: await catalogue.queueVersions(s.db, (req.params as { id: string }).id) }),
  );
  app.post('/v1/queues', { config: admin, schema: { tags: ['queues'], body: QueueInputSchema, response: { 201: QueueSchema, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return catalogue.createQueue(s.db, req.body as QueueInput, actorOf(req), s.clock());
  });
  app.put('/v1/queues/:id', { config: admin, schema: { tags: ['queues'], params: IdParam, body: QueueChanges, response: { 200: QueueSchema, ...errors } } }, async (req) =>
    catalogue.updateQueue(s.db, (req.params as { id: string }).id, req.body as Omit<QueueInput, 'id'>, actorOf(req), s.clock()),
  );
  app.delete('/v1/queues/:id', { config: admin, schema: { tags: ['queues'], summary: 'Archive a queue (kept in history)', params: IdParam, response: { 200: QueueSchema, ...errors } } }, async (req) =>
    catalogue.archiveQueue(s.db, (req.params as { id: string }).id, actorOf(req), s.clock()),
  );
}
