// Strike ladders, strikes and seller penalties over HTTP: admins edit ladders; moderators and admins give
// manual strikes and penalties; everyone who reads reads ladders and an entity's strikes.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LADDER, ENTITY_TYPES, LadderInputSchema, LadderStepSchema, SELLER_PENALTIES, type EntityRef, type LadderInput, type SellerPenalty } from '../../domain/index.js';
import { applySellerPenalty, applyStrike, getLadder, ladderForPolicy, ladderVersions, listLadders, listStrikes, saveLadder } from '../../enforcement/index.js';
import { getPolicy } from '../../catalogue/index.js';
import { actorOf, READERS } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';
import { ActionJson } from './actions.js';

const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const EntityRefSchema = Type.Object({ type: Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t))), id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const LadderJson = Type.Object({
  ladder: Type.String({ description: "'default' or the policy id" }),
  version: Type.Integer(),
  expiry_days: Type.Integer(),
  steps: Type.Array(LadderStepSchema),
  updated_at: Type.String({ format: 'date-time' }),
  updated_by: Type.String(),
});
const StrikeJson = Type.Object({
  id: Type.Integer(),
  account: EntityRefSchema,
  policy: Type.String(),
  ladder: Type.String(),
  ladder_version: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  expires_at: Type.String({ format: 'date-time' }),
  source: Type.String(),
  actor: Type.String(),
  reason: Type.String(),
  cause: Type.Object({ action_seq: Type.Union([Type.Integer(), Type.Null()]), verdict_id: Type.Union([Type.Integer(), Type.Null()]) }),
  action_seq: Type.Integer(),
  count: Type.Integer({ description: 'Active strikes under the ladder when given, itself included' }),
  step: Type.Union([LadderStepSchema, Type.Null()], { description: 'The ladder step that count reached' }),
  step_action_seqs: Type.Array(Type.Integer()),
  reverted_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reverted_by: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('reverted')])),
});
const Reason = Type.String({ minLength: 1, maxLength: 5000 });

export function strikeRoutes(app: FastifyInstance, s: Services) {
  const enforcers = { roles: ['admin', 'moderator'] as const };
  app.get('/v1/strike-ladders', { config: { roles: READERS }, schema: { tags: ['enforcement'], summary: 'Strike ladders: the default and each policy’s own', response: { 200: Type.Object({ ladders: Type.Array(LadderJson) }) } } }, async () => ({
    ladders: await listLadders(s.db),
  }));

  app.get(
    '/v1/strike-ladders/:policy',
    {
      config: { roles: READERS },
      schema: {
        tags: ['enforcement'],
        summary: "The ladder in effect for a policy ('default' for the default ladder), whether it is the policy's own, and its versions",
        params: Type.Object({ policy: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Object({ ladder: LadderJson, own: Type.Boolean(), versions: Type.Array(Type.Unknown()) }), ...errors },
      },
    },
    async (req) => {
      const { policy } = req.params as { policy: string };
      if (policy !== DEFAULT_LADDER) await getPolicy(s.db, policy);
      const ladder = policy === DEFAULT_LADDER ? await getLadder(s.db, DEFAULT_LADDER) : await ladderForPolicy(s.db, policy);
      if (!ladder) throw new HttpError(404, 'not_found', 'no default strike ladder');
      return { ladder, own: ladder.ladder === policy, versions: await ladderVersions(s.db, policy) };
    },
  );

  app.put(
    '/v1/strike-ladders/:policy',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['enforcement'],
        summary: "Replace a policy's ladder ('default' for the default ladder) with a new version",
        params: Type.Object({ policy: Type.String({ minLength: 1, maxLength: 200 }) }),
        body: LadderInputSchema,
        response: { 200: LadderJson, ...errors },
      },
    },
    async (req) => saveLadder(s.db, (req.params as { policy: string }).policy, req.body as LadderInput, actorOf(req), s.clock()),
  );

  app.get(
    '/v1/entities/:type/:id/strikes',
    {
      config: { roles: READERS },
      schema: {
        tags: ['enforcement'],
        summary: 'The strikes of an entity, newest first: active, expired and reverted, each with the step it reached',
        params: Type.Object({ type: Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t))), id: Type.String() }),
        response: { 200: Type.Object({ strikes: Type.Array(StrikeJson), active: Type.Object({}, { additionalProperties: Type.Integer(), description: 'Active strikes per ladder' }) }), ...errors },
      },
    },
    async (req) => {
      const entity = req.params as EntityRef;
      const strikes = await listStrikes(s.db, entity, s.clock());
      const active: Record<string, number> = {};
      for (const st of strikes) if (st.state === 'active') active[st.ladder] = (active[st.ladder] ?? 0) + 1;
      return { strikes, active };
    },
  );

  app.post(
    '/v1/strikes',
    {
      config: enforcers,
      schema: {
        tags: ['enforcement'],
        summary: 'Give an account a manual strike under a policy: the ladder step it reaches is applied',
        body: Type.Object(
          {
            account: EntityRefSchema,
            policy: Type.String({ minLength: 1 }),
            reason: Reason,
            cause: Type.Optional(Type.Object({ action_seq: Type.Optional(Type.Integer({ minimum: 1 })), verdict_id: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ strike: StrikeJson, actions: Type.Array(ActionJson) }), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { account: EntityRef; policy: string; reason: string; cause?: { action_seq?: number; verdict_id?: number } };
      const now = s.clock();
      const result = await s.db.transaction().execute((tx) => applyStrike(tx, { ...b, source: 'manual', actor: actorOf(req), now }));
      reply.status(201);
      return result;
    },
  );

  app.post(
    '/v1/penalties',
    {
      config: enforcers,
      schema: {
        tags: ['enforcement'],
        summary: 'Apply a seller penalty: remove a listing, suspend a shop, hold or release payouts',
        body: Type.Object(
          {
            target: EntityRefSchema,
            penalty: Type.Union(SELLER_PENALTIES.map((p) => Type.Literal(p))),
            policy: Type.Optional(Type.String({ minLength: 1 })),
            reason: Reason,
            until: Type.Optional(Type.String({ format: 'date-time', description: 'suspend_shop and payout_hold: when it ends by itself' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ actions: Type.Array(ActionJson) }), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { target: EntityRef; penalty: SellerPenalty; policy?: string; reason: string; until?: string };
      const now = s.clock();
      const result = await s.db.transaction().execute((tx) => applySellerPenalty(tx, { ...b, until: b.until ? new Date(b.until) : undefined, source: 'manual', actor: actorOf(req), now }));
      reply.status(201);
      return result;
    },
  );
}
