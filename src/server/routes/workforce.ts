// The review workforce over HTTP: moderator profiles and certifications (admins), each moderator's
// exposure meter (their own, or anyone's for admins), and a router round on demand.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import * as review from '../../review/index.js';
import { actorOf, READERS } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const ModeratorParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const CertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), policy: Type.String({ minLength: 1, maxLength: 100 }) });

export function workforceRoutes(app: FastifyInstance, s: Services) {
  const admins = { roles: ['admin'] as const };
  const readers = { roles: READERS };
  const id = (p: unknown) => (p as { id: string }).id;

  app.get('/v1/moderators', { config: readers, schema: { tags: ['workforce'], summary: 'Every moderator profile with certifications' } }, async () => ({ moderators: await review.listModerators(s.db) }));
  app.get('/v1/moderators/:id', { config: readers, schema: { tags: ['workforce'], params: ModeratorParams, response: errors } }, async (req) => review.getModerator(s.db, id(req.params)));
  app.put(
    '/v1/moderators/:id',
    { config: admins, schema: { tags: ['workforce'], summary: "Create or replace a moderator's profile (id = the actor of their API key)", params: ModeratorParams, body: review.ModeratorProfileSchema, response: errors } },
    async (req) => review.saveModerator(s.db, id(req.params), req.body as review.ModeratorProfileInput, actorOf(req), s.clock()),
  );
  app.put(
    '/v1/moderators/:id/certifications/:policy',
    {
      config: admins,
      schema: {
        tags: ['workforce'],
        summary: 'Certify a moderator for a policy, until an expiry or for good',
        params: CertParams,
        body: Type.Object({ expires_at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])) }, { additionalProperties: false }),
        response: errors,
      },
    },
    async (req) => {
      const p = req.params as { id: string; policy: string };
      const at = (req.body as { expires_at?: string | null }).expires_at;
      const expires = at ? new Date(at) : null;
      if (expires && expires <= s.clock()) throw new HttpError(400, 'invalid_expiry', `expires_at ${at} is not in the future`);
      return review.certify(s.db, p.id, p.policy, expires, actorOf(req), s.clock());
    },
  );
  app.delete('/v1/moderators/:id/certifications/:policy', { config: admins, schema: { tags: ['workforce'], summary: 'Revoke a certification', params: CertParams, response: errors } }, async (req) => {
    const p = req.params as { id: string; policy: string };
    return review.revokeCertification(s.db, p.id, p.policy, actorOf(req), s.clock());
  });
  const meter = async (who: string) => {
    const m = await review.exposureMeter(s.db, who, s.clock());
    if (!m) throw new HttpError(404, 'not_found', `no moderator profile ${JSON.stringify(who)}`);
    return { moderator: who, ...m };
  };
  app.get('/v1/me/exposure', { config: readers, schema: { tags: ['workforce'], summary: 'The calling moderator’s exposure meter: each harm category’s budget and what this shift has used', response: errors } }, async (req) => meter(actorOf(req)));
  app.get('/v1/moderators/:id/exposure', { config: admins, schema: { tags: ['workforce'], summary: 'A moderator’s exposure meter', params: ModeratorParams, response: errors } }, async (req) => meter(id(req.params)));
  app.get(
    '/v1/review/queues/:id/thresholds',
    {
      config: readers,
      schema: {
        tags: ['workforce'],
        summary: 'The trade-off between review load and expected missed harm for a queue, and the thresholds its staffed capacity calls for',
        params: ModeratorParams,
        querystring: Type.Object(
          {
            hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 720, default: 24, description: 'Window of received tasks' })),
            wrongful_action_weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 1, description: 'Cost of a wrongful action relative to a missed violation' })),
            capacity: Type.Optional(Type.Integer({ minimum: 0, description: 'What-if: tasks the team could review in the window' })),
          },
          { additionalProperties: false },
        ),
        response: errors,
      },
    },
    async (req) => {
      const q = req.query as { hours?: number; wrongful_action_weight?: number; capacity?: number };
      return review.queueThresholds(s.db, id(req.params), { hours: q.hours ?? 24, wrongfulActionWeight: q.wrongful_action_weight ?? 1, capacity: q.capacity }, s.clock());
    },
  );
  app.post('/v1/review/assign', { config: admins, schema: { tags: ['workforce'], summary: 'Run one assignment round now (the router runs them on its own every few seconds)', response: errors } }, async () =>
    review.runAssignmentRound(s.db, s.clock()),
  );
}
