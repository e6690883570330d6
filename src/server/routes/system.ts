// Who am I, API keys (admin), health and Prometheus metrics.
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../../domain/index.js';
import { EVENTS_TOPIC, EVENT_STATS_CONSUMER } from '../../ingest/index.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../store/api-keys.js';
import { appendAudit } from '../../store/audit.js';
import { actorOf, ANY_ROLE } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const KeyInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  teams: Type.Array(Type.String()),
  created_at: Type.String(),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
});

export function systemRoutes(app: FastifyInstance, s: Services) {
  app.get('/v1/me', { config: { roles: ANY_ROLE }, schema: { tags: ['system'], summary: 'The calling key', response: { 200: Type.Object({ id: Type.String(), name: Type.String(), roles: Type.Array(Type.String()), teams: Type.Array(Type.String()), actor: Type.String() }) } } }, async (req) => ({
    id: req.apiKey!.id,
    name: req.apiKey!.name,
    roles: req.apiKey!.roles,
    teams: req.apiKey!.teams ?? [],
    actor: actorOf(req),
  }));

  app.get('/v1/keys', { config: { roles: ['admin'] }, schema: { tags: ['system'], response: { 200: Type.Object({ keys: Type.Array(KeyInfo) }) } } }, async () => ({ keys: await listApiKeys(s.db) }));
  app.post(
    '/v1/keys',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['system'],
        summary: 'Create an API key; the key itself is shown only in this answer',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1 }),
            teams: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_-]{0,62}$' }), { description: 'Review teams of this key\'s moderator' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ key: Type.String(), info: KeyInfo }), 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      const body = req.body as { name: string; roles: Role[]; teams?: string[] };
      const now = s.clock();
      const created = await s.db.transaction().execute(async (tx) => {
        const c = await createApiKey(tx, body.name, body.roles, now, body.teams ?? []);
        await appendAudit(tx, now, { actor: actorOf(req), action: 'key.create', target_type: 'api_key', target_id: c.info.id, details: { roles: body.roles } });
        return c;
      });
      reply.status(201);
      return created;
    },
  );
  app.delete('/v1/keys/:id', { config: { roles: ['admin'] }, schema: { tags: ['system'], params: Type.Object({ id: Type.String() }), response: { 404: ErrorSchema } } }, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await revokeApiKey(s.db, id, s.clock()))) throw new HttpError(404, 'not_found', `no active key with id ${JSON.stringify(id)}`);
    app.forgetApiKeys();
    await appendAudit(s.db, s.clock(), { actor: actorOf(req), action: 'key.revoke', target_type: 'api_key', target_id: id });
    return { revoked: id };
  });

  app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness and database reachability' } }, async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(s.db);
      return { status: 'ok', backend: s.backend, bus: s.bus.kind };
    } catch (err) {
      reply.status(503);
      return { status: 'unavailable', message: (err as Error).message };
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    try {
      s.metrics.busLag.set({ topic: EVENTS_TOPIC, group: EVENT_STATS_CONSUMER }, await s.bus.lag(EVENTS_TOPIC, EVENT_STATS_CONSUMER));
    } catch {
      /* lag is best effort; the rest of the metrics still answer */
    }
    reply.header('content-type', s.metrics.registry.contentType);
    return s.metrics.registry.metrics();
  });
}
