// Platform webhooks over HTTP (admins only): endpoints with their secret (shown once, at creation), a
// test ping, the delivery log with keyset paging, and manual retries of deliveries given up on.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ACTION_KINDS, type Role } from '../../domain/index.js';
import * as webhooks from '../../enforcement/webhooks/index.js';
import { actorOf } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const ADMINS: readonly Role[] = ['admin'];
const tags = ['webhooks'];
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const ActionKinds = Type.Array(Type.Union(ACTION_KINDS.map((k) => Type.Literal(k))), { uniqueItems: true, description: 'action kinds sent to this endpoint; empty: every kind' });
const Url = Type.String({ minLength: 1, maxLength: webhooks.MAX_URL_LENGTH, description: 'an absolute http or https URL' });
const Secret = Type.String({ minLength: webhooks.MIN_SECRET_LENGTH, maxLength: webhooks.MAX_SECRET_LENGTH, description: 'the signing secret; generated when absent' });
const Description = Type.String({ maxLength: 1000 });

const EndpointSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  action_kinds: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
  pending: Type.Integer({ description: 'deliveries waiting: due, backing off or in flight' }),
  failed: Type.Integer({ description: 'deliveries given up on (retry them from the log)' }),
});
const CreatedEndpointSchema = Type.Object({ ...EndpointSchema.properties, secret: Type.String({ description: 'shown only in this answer' }) });
const EndpointInput = Type.Object({ url: Url, description: Type.Optional(Description), action_kinds: Type.Optional(ActionKinds), enabled: Type.Optional(Type.Boolean()), secret: Type.Optional(Secret) }, { additionalProperties: false });
const EndpointReplacement = Type.Object(
  { url: Url, description: Description, action_kinds: ActionKinds, enabled: Type.Boolean(), secret: Type.Optional({ ...Secret, description: 'a new signing secret; absent: keep the current one' }) },
  { additionalProperties: false },
);
const DeliverySchema = Type.Object({
  id: Type.String({ description: 'stable: every attempt sends it as vigil-delivery-id' }),
  seq: Type.Integer(),
  endpoint_id: Type.String(),
  action_seq: Type.Union([Type.Integer(), Type.Null()]),
  entity: Type.Union([Type.String(), Type.Null()], { description: '"type:id" of the action’s entity' }),
  event_type: Type.String(),
  payload: Type.Object({}, { additionalProperties: true, description: 'the JSON body every attempt sends' }),
  status: Type.Union(webhooks.DELIVERY_STATUSES.map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  next_attempt_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_attempt_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_status_code: Type.Union([Type.Integer(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  delivered_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
});
const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const LogQuery = Type.Object({
  endpoint: Type.Optional(Type.String({ minLength: 1, description: 'one endpoint’s deliveries' })),
  status: Type.Optional(Type.Union(webhooks.DELIVERY_STATUSES.map((s) => Type.Literal(s)))),
  after: Type.Optional(Type.Integer({ minimum: 1, description: 'next_after of the previous page: older deliveries' })),
  limit: Type.Integer({ minimum: 1, maximum: webhooks.MAX_LOG_PAGE, default: 50 }),
});

/** Domain refusals become 400s naming the field, like the schema's own. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof webhooks.InvalidWebhookError) throw new HttpError(400, 'invalid_webhook', `body.${err.field}: ${err.message}`);
    throw err;
  }
}

export function webhookRoutes(app: FastifyInstance, s: Services) {
  const config = { roles: ADMINS };

  app.get('/v1/webhooks', { config, schema: { tags, summary: 'Webhook endpoints, with their pending and failed deliveries', response: { 200: Type.Object({ endpoints: Type.Array(EndpointSchema) }) } } }, async () => ({
    endpoints: await webhooks.listEndpoints(s.db),
  }));
  app.post(
    '/v1/webhooks',
    { config, schema: { tags, summary: 'Create a webhook endpoint; its secret is in this answer only', body: EndpointInput, response: { 201: CreatedEndpointSchema, ...errors } } },
    async (req, reply) => {
      const created = await refusing(() => webhooks.createEndpoint(s.db, req.body as webhooks.EndpointInput, actorOf(req), s.clock()));
      reply.status(201);
      return created;
    },
  );

  // The delivery log's static paths are registered before /v1/webhooks/:id, and win over it anyway.
  app.get(
    '/v1/webhooks/deliveries',
    {
      config,
      schema: {
        tags,
        summary: 'The delivery log, newest first; page with `after` = the previous answer’s next_after',
        querystring: LogQuery,
        response: { 200: Type.Object({ deliveries: Type.Array(DeliverySchema), next_after: Type.Union([Type.Integer(), Type.Null()]) }), ...errors },
      },
    },
    async (req) => webhooks.listDeliveries(s.db, req.query as webhooks.DeliveryQuery),
  );
  app.get('/v1/webhooks/deliveries/:id', { config, schema: { tags, summary: 'One delivery with its payload', params: IdParam, response: { 200: DeliverySchema, ...errors } } }, async (req) =>
    webhooks.getDelivery(s.db, (req.params as { id: string }).id),
  );
  app.post(
    '/v1/webhooks/deliveries/:id/retry',
    { config, schema: { tags, summary: 'Queue a failed delivery again (same id and body, a fresh set of attempts)', params: IdParam, response: { 200: DeliverySchema, ...errors } } },
    async (req) => webhooks.retryDelivery(s.db, (req.params as { id: string }).id, actorOf(req), s.clock()),
  );

  app.get('/v1/webhooks/:id', { config, schema: { tags, params: IdParam, response: { 200: EndpointSchema, ...errors } } }, async (req) => webhooks.getEndpoint(s.db, (req.params as { id: string }).id));
  app.put(
    '/v1/webhooks/:id',
    { config, schema: { tags, summary: 'Replace an endpoint’s settings (URL, description, action kinds, enabled), optionally with a new secret', params: IdParam, body: EndpointReplacement, response: { 200: EndpointSchema, ...errors } } },
    async (req) => refusing(() => webhooks.updateEndpoint(s.db, (req.params as { id: string }).id, req.body as webhooks.EndpointChanges, actorOf(req), s.clock())),
  );
  app.delete('/v1/webhooks/:id', { config, schema: { tags, summary: 'Delete an endpoint and its delivery log (pending deliveries are dropped)', params: IdParam, response: { 200: EndpointSchema, ...errors } } }, async (req) =>
    webhooks.deleteEndpoint(s.db, (req.params as { id: string }).id, actorOf(req), s.clock()),
  );
  app.post(
    '/v1/webhooks/:id/test',
    { config, schema: { tags, summary: 'Send a ping to the endpoint now (even a disabled one) and answer with its logged delivery', params: IdParam, response: { 200: DeliverySchema, ...errors } } },
    async (req) => webhooks.sendPing(s.db, (req.params as { id: string }).id, s.clock(), { clock: s.clock }),
  );
}
