// Guardrails over HTTP: their settings, the alerts they raise, and per-entity snoozes.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ENTITY_TYPES, type EntityRef } from '../../domain/index.js';
import * as guardrails from '../../strategies/index.js';
import { actorOf, READERS } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const errors = { 400: ErrorSchema, 404: ErrorSchema };

export function guardrailRoutes(app: FastifyInstance, s: Services) {
  const readers = { roles: READERS };
  const analysts = { roles: ['admin', 'analyst'] as const };
  app.get('/v1/guardrails', { config: readers, schema: { tags: ['guardrails'], summary: 'Daily caps and auto-pause settings', response: { 200: guardrails.GuardrailSettingsSchema } } }, async () => guardrails.loadGuardrailSettings(s.db));
  app.put('/v1/guardrails', { config: { roles: ['admin'] }, schema: { tags: ['guardrails'], body: guardrails.GuardrailSettingsSchema, response: { 200: guardrails.GuardrailSettingsSchema, ...errors } } }, async (req) =>
    guardrails.saveGuardrailSettings(s.db, req.body as guardrails.GuardrailSettings, actorOf(req), s.clock()),
  );
  app.get('/v1/alerts', { config: readers, schema: { tags: ['guardrails'], summary: 'Alerts raised by guardrails, newest first', querystring: Type.Object({ open: Type.Boolean({ default: false }), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }) } }, async (req) => ({
    alerts: await guardrails.listAlerts(s.db, req.query as { open: boolean; limit: number }),
    open_count: await guardrails.countOpenAlerts(s.db),
  }));
  app.post('/v1/alerts/:id/acknowledge', { config: analysts, schema: { tags: ['guardrails'], params: Type.Object({ id: Type.Integer() }), response: errors } }, async (req) => {
    if (!(await guardrails.acknowledgeAlert(s.db, (req.params as { id: number }).id, actorOf(req), s.clock()))) throw new HttpError(404, 'not_found', 'no open alert with that id');
    return { acknowledged: true };
  });
  app.get('/v1/snoozes', { config: readers, schema: { tags: ['guardrails'], summary: 'Snoozes in force' } }, async () => ({ snoozes: await guardrails.listSnoozes(s.db, s.clock()) }));
  app.post(
    '/v1/snoozes',
    {
      config: { roles: ['admin', 'analyst', 'moderator'] },
      schema: {
        tags: ['guardrails'],
        summary: 'Snooze automated actions on an entity until a time (from one strategy, or all)',
        body: Type.Object(
          { entity: Type.Object({ type: Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t))), id: Type.String({ minLength: 1 }) }, { additionalProperties: false }), strategy_id: Type.Optional(Type.String()), until: Type.String({ format: 'date-time' }), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { entity: EntityRef; strategy_id?: string; until: string; reason?: string };
      const until = new Date(b.until);
      if (until <= s.clock()) throw new HttpError(400, 'invalid_until', '`until` must be in the future');
      if (b.strategy_id) await guardrails.getStrategy(s.db, b.strategy_id);
      reply.status(201);
      return guardrails.snoozeEntity(s.db, { ...b, until }, actorOf(req), s.clock());
    },
  );
  app.delete('/v1/snoozes/:id', { config: { roles: ['admin', 'analyst', 'moderator'] }, schema: { tags: ['guardrails'], params: Type.Object({ id: Type.Integer() }), response: errors } }, async (req) => {
    if (!(await guardrails.endSnooze(s.db, (req.params as { id: number }).id, s.clock()))) throw new HttpError(404, 'not_found', 'no snooze in force with that id');
    return { ended: true };
  });
}
