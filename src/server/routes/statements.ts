// Statements of reasons over HTTP: read them (newest first, by entity, policy or action), export them in
// the EU Transparency Database API's JSON, 100 at most per batch, and change the platform-wide settings
// they are built with (admins).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ENTITY_TYPES, type EntityRef, type Role } from '../../domain/index.js';
import { TERRITORIAL_SCOPE_CODES, type TerritorialScopeCode } from '../../domain/dsa.js';
import * as statements from '../../enforcement/index.js';
import { actorOf } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const READERS: readonly Role[] = ['admin', 'analyst', 'viewer'];
const tags = ['statements'];

const TdbJson = Type.Object({}, { additionalProperties: true, description: 'exactly the fields of the Transparency Database statement schema (v2)' });
const StatementJson = Type.Object({
  id: Type.Integer({ description: 'the seq of the action it explains' }),
  puid: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  entity: Type.Object({ type: Type.String(), id: Type.String() }),
  policy: Type.String(),
  action: Type.String(),
  statement: TdbJson,
});
const SettingsJson = Type.Object(
  {
    territorial_scope: Type.Array(Type.Union(TERRITORIAL_SCOPE_CODES.map((c) => Type.Literal(c))), { minItems: 1, description: 'EU/EEA country codes the platform’s restrictions apply in' }),
    terms_url: Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()], { description: 'the terms and conditions, sent as decision_ground_reference_url' }),
  },
  { additionalProperties: false },
);

export function statementRoutes(app: FastifyInstance, s: Services) {
  app.get(
    '/v1/statements',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: 'Statements of reasons, newest first; page on with before = next_before',
        querystring: Type.Object({
          entity_type: Type.Optional(Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t)))),
          entity_id: Type.Optional(Type.String({ minLength: 1 })),
          policy: Type.Optional(Type.String({ minLength: 1 })),
          action: Type.Optional(Type.Integer({ minimum: 1, description: 'the statement of this action' })),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Integer({ minimum: 1, maximum: statements.MAX_STATEMENT_PAGE, default: 50 }),
        }),
        response: { 200: Type.Object({ statements: Type.Array(StatementJson), next_before: Type.Union([Type.Integer(), Type.Null()]) }), 400: ErrorSchema },
      },
    },
    async (req) => {
      const q = req.query as { entity_type?: EntityRef['type']; entity_id?: string; policy?: string; action?: number; before?: number; limit: number };
      if (Boolean(q.entity_type) !== Boolean(q.entity_id)) throw new HttpError(400, 'invalid_request', 'querystring: entity_type and entity_id go together');
      const entity = q.entity_type && q.entity_id ? { type: q.entity_type, id: q.entity_id } : undefined;
      return statements.listStatements(s.db, { entity, policy: q.policy, action: q.action, before: q.before, limit: q.limit });
    },
  );

  app.get(
    '/v1/statements/export',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: 'A batch for the Transparency Database API (POST it as is to /api/v1/statements): oldest first after `after`; ask again with after = next_after until it is null',
        querystring: Type.Object({
          after: Type.Integer({ minimum: 0, default: 0 }),
          limit: Type.Integer({ minimum: 1, maximum: statements.EXPORT_BATCH_MAX, default: statements.EXPORT_BATCH_MAX }),
        }),
        response: { 200: Type.Object({ statements: Type.Array(TdbJson), next_after: Type.Union([Type.Integer(), Type.Null()]) }), 400: ErrorSchema },
      },
    },
    async (req) => {
      const q = req.query as { after: number; limit: number };
      return statements.exportStatements(s.db, q);
    },
  );

  app.get('/v1/statements/settings', { config: { roles: READERS }, schema: { tags, summary: 'The platform-wide settings statements are built with', response: { 200: SettingsJson } } }, async () =>
    statements.loadStatementSettings(s.db),
  );
  app.put(
    '/v1/statements/settings',
    { config: { roles: ['admin'] }, schema: { tags, summary: 'Replace the platform-wide statement settings (applies to statements written from now on)', body: SettingsJson, response: { 200: SettingsJson, 400: ErrorSchema } } },
    async (req) => {
      const body = req.body as { territorial_scope: TerritorialScopeCode[]; terms_url: string | null };
      try {
        return await statements.saveStatementSettings(s.db, body, actorOf(req), s.clock());
      } catch (err) {
        if (err instanceof statements.InvalidStatementSettingsError) throw new HttpError(400, 'invalid_settings', `body.${err.field}: ${err.message}`);
        throw err;
      }
    },
  );

  app.get(
    '/v1/statements/:id',
    {
      config: { roles: READERS },
      schema: { tags, summary: 'One statement of reasons (its id is the seq of its action)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: StatementJson, 400: ErrorSchema, 404: ErrorSchema } },
    },
    async (req) => {
      const { id } = req.params as { id: number };
      const found = await statements.getStatement(s.db, id);
      if (!found) throw new HttpError(404, 'not_found', `no statement of reasons for action ${id}`);
      return found;
    },
  );
}
