// Human review over HTTP: the moderator's loop (next task, heartbeat, skip, escalate, verdict), reports and
// appeals from the platform, queues' operations, routing and settings, samples, and precision from verdicts.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setQueueState } from '../../catalogue/index.js';
import { ENTITY_TYPES, QUEUE_STATES, type EntityRef, type QueueState } from '../../domain/index.js';
import * as review from '../../review/index.js';
import { actorOf, READERS } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const EntityRefSchema = Type.Object({ type: Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t))), id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const TaskParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Token = Type.Integer({ minimum: 0, description: 'The lease token "next task" returned' });

const moderatorOf = (req: FastifyRequest): review.Moderator => ({ id: actorOf(req), teams: req.apiKey?.teams ?? [] });
const taskId = (req: FastifyRequest) => (req.params as { id: number }).id;

export function reviewRoutes(app: FastifyInstance, s: Services) {
  const readers = { roles: READERS };
  const moderators = { roles: ['admin', 'moderator'] as const };
  const analysts = { roles: ['admin', 'analyst'] as const };
  const platform = { roles: ['admin', 'ingest'] as const };

  // The moderator's loop.
  app.post(
    '/v1/review/next',
    {
      config: moderators,
      schema: {
        tags: ['review'],
        summary: 'Lease the next task to the calling moderator (their current one if they hold one); 204 when none is eligible',
        body: Type.Optional(Type.Object({ queue: Type.Optional(Type.String()) }, { additionalProperties: false })),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      const queue = (req.body as { queue?: string } | undefined)?.queue;
      const lease = await review.nextTask(s.db, moderatorOf(req), { queue }, s.clock());
      if (!lease) return reply.status(204).send();
      return { lease: { task_id: lease.taskId, token: lease.token, expires_at: lease.expiresAt.toISOString() }, view: await review.reviewView(s.db, lease.taskId) };
    },
  );
  app.get('/v1/review/tasks/:id/view', { config: moderators, schema: { tags: ['review'], summary: 'What the moderator holding the task sees', params: TaskParams, response: errors } }, async (req) => {
    const view = await review.reviewView(s.db, taskId(req));
    if (view.task.lease.holder !== actorOf(req) && !req.apiKey?.roles.includes('admin')) throw new HttpError(403, 'not_your_task', `you do not hold task ${taskId(req)}; take tasks with POST /v1/review/next`);
    return view;
  });
  app.post('/v1/review/tasks/:id/heartbeat', { config: moderators, schema: { tags: ['review'], summary: 'Renew the lease while the moderator works', params: TaskParams, body: Type.Object({ token: Token }, { additionalProperties: false }), response: errors } }, async (req) => {
    const lease = await review.heartbeat(s.db, taskId(req), actorOf(req), (req.body as { token: number }).token, s.clock());
    return { task_id: lease.taskId, token: lease.token, expires_at: lease.expiresAt.toISOString() };
  });
  app.post('/v1/review/tasks/:id/release', { config: moderators, schema: { tags: ['review'], summary: 'Give the task back to its queue', params: TaskParams, body: Type.Object({ token: Token }, { additionalProperties: false }), response: errors } }, async (req) => {
    await review.releaseTask(s.db, taskId(req), actorOf(req), (req.body as { token: number }).token, s.clock());
    return { released: true };
  });
  app.post(
    '/v1/review/tasks/:id/skip',
    { config: moderators, schema: { tags: ['review'], summary: 'Skip the task with a reason; it returns to the queue for someone else', params: TaskParams, body: Type.Object({ token: Token, reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }), response: errors } },
    async (req) => {
      const b = req.body as { token: number; reason: string };
      await review.skipTask(s.db, taskId(req), actorOf(req), b.token, b.reason, s.clock());
      return { skipped: true };
    },
  );
  app.post(
    '/v1/review/tasks/:id/escalate',
    { config: moderators, schema: { tags: ['review'], summary: "Move the task to its queue's escalation queue", params: TaskParams, body: Type.Object({ token: Token, reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }), response: errors } },
    async (req) => {
      const b = req.body as { token: number; reason: string };
      return review.escalateTask(s.db, taskId(req), actorOf(req), b.token, b.reason, s.clock());
    },
  );
  app.post(
    '/v1/review/tasks/:id/verdict',
    {
      config: moderators,
      schema: {
        tags: ['review'],
        summary: 'Decide the task: the violated policy (or null for none), with its enforcement',
        params: TaskParams,
        body: Type.Object(
          {
            token: Token,
            policy: Type.Union([Type.String(), Type.Null()]),
            actions: Type.Optional(Type.Array(Type.Union(review.VERDICT_ACTIONS.map((a) => Type.Literal(a))), { uniqueItems: true })),
            notes: Type.Optional(Type.String({ maxLength: 5000 })),
            handle_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { token: number; policy: string | null; actions?: review.VerdictAction[]; notes?: string; handle_ms?: number };
      const verdict = await review.submitVerdict(s.db, { taskId: taskId(req), token: b.token, moderator: actorOf(req), policy: b.policy, actions: b.actions, notes: b.notes, handleMs: b.handle_ms }, s.clock());
      s.afterReview?.();
      reply.status(201);
      return verdict;
    },
  );

  // Tasks as analysts see them.
  app.get(
    '/v1/review/tasks',
    {
      config: analysts,
      schema: {
        tags: ['review'],
        summary: 'Tasks, newest first',
        querystring: Type.Object({
          queue: Type.Optional(Type.String()),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')])),
          kind: Type.Optional(Type.Union([Type.Literal('review'), Type.Literal('appeal')])),
          entity_type: Type.Optional(Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t)))),
          entity_id: Type.Optional(Type.String()),
          before: Type.Optional(Type.Integer()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
      },
    },
    async (req) => {
      const q = req.query as { queue?: string; status?: string; kind?: string; entity_type?: EntityRef['type']; entity_id?: string; before?: number; limit: number };
      if ((q.entity_type === undefined) !== (q.entity_id === undefined)) throw new HttpError(400, 'invalid_request', 'give entity_type and entity_id together');
      return { tasks: await review.listTasks(s.db, { ...q, entity: q.entity_type ? { type: q.entity_type, id: q.entity_id! } : undefined }) };
    },
  );
  app.get('/v1/review/tasks/:id', { config: analysts, schema: { tags: ['review'], summary: 'A task with every signal that raised it and its verdict', params: TaskParams, response: errors } }, async (req) => review.taskDetail(s.db, taskId(req)));
  app.post(
    '/v1/review/tasks',
    {
      config: analysts,
      schema: {
        tags: ['review'],
        summary: 'Raise a task by hand, or a QA re-review of an entity',
        body: Type.Object(
          { entity: EntityRefSchema, policy: Type.String(), source: Type.Union([Type.Literal('manual'), Type.Literal('qa')], { default: 'manual' }), queue: Type.Optional(Type.String()), priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { entity: EntityRef; policy: string; source: 'manual' | 'qa'; queue?: string; priority?: number; reason?: string };
      const raised = await s.db.transaction().execute((tx) => review.raiseSignals(tx, [{ ...b, actor: actorOf(req) }], s.clock()));
      reply.status(201);
      return raised[0];
    },
  );

  // From the platform: reports and appeals.
  app.post(
    '/v1/reports',
    {
      config: platform,
      schema: {
        tags: ['review'],
        summary: "A user's report of an entity under a policy; it raises or joins the entity's task, weighted by the reporter's record",
        body: Type.Object({ entity: EntityRefSchema, policy: Type.String(), reporter: Type.String({ minLength: 1, maxLength: 200 }), reason: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false }),
        response: { 201: Type.Unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { entity: EntityRef; policy: string; reporter: string; reason?: string };
      await requireKnownEntity(s, b.entity);
      await requirePolicy(s, b.policy);
      reply.status(201);
      return review.fileReport(s.db, { ...b, actor: actorOf(req) }, s.clock());
    },
  );
  app.post(
    '/v1/review/qa',
    { config: analysts, schema: { tags: ['review'], summary: 'Send a decided item back for an independent QA re-review by a different moderator', body: Type.Object({ verdict_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), response: { 201: Type.Unknown(), ...errors } } },
    async (req, reply) => {
      reply.status(201);
      return review.raiseQaReview(s.db, (req.body as { verdict_id: number }).verdict_id, actorOf(req), s.clock());
    },
  );
  app.get('/v1/reporters/:reporter', { config: analysts, schema: { tags: ['review'], summary: "A reporter's track record and weight", params: Type.Object({ reporter: Type.String() }) } }, async (req) => review.reporterRecord(s.db, (req.params as { reporter: string }).reporter));
  app.post(
    '/v1/appeals',
    {
      config: platform,
      schema: {
        tags: ['review'],
        summary: 'The affected user appeals an action within the appeal window; a moderator other than the one who decided reviews it',
        body: Type.Object({ action_seq: Type.Integer({ minimum: 1 }), appellant: Type.String({ minLength: 1, maxLength: 200 }), statement: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
        response: { 201: Type.Unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { action_seq: number; appellant: string; statement: string };
      const appeal = await review.fileAppeal(s.db, { actionSeq: b.action_seq, appellant: b.appellant, statement: b.statement }, s.clock());
      reply.status(201);
      return appeal;
    },
  );
  app.get(
    '/v1/appeals',
    { config: readers, schema: { tags: ['review'], summary: 'Appeals, newest first', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('overturned')])), before: Type.Optional(Type.Integer()), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }) } },
    async (req) => ({ appeals: await review.listAppeals(s.db, req.query as { status?: 'open'; before?: number; limit: number }) }),
  );
  app.get('/v1/appeals/:id', { config: readers, schema: { tags: ['review'], params: TaskParams, response: errors } }, async (req) => review.getAppeal(s.db, taskId(req)));

  // Operations.
  app.get('/v1/review/queues', { config: readers, schema: { tags: ['review'], summary: 'Every queue with its depth, age, overdue work and SLA attainment over the last day' } }, async () => ({ queues: await review.queueStats(s.db, s.clock()) }));
  app.get('/v1/review/flow', { config: readers, schema: { tags: ['review'], summary: 'Tasks raised and decided per hour over the last day', querystring: Type.Object({ queue: Type.Optional(Type.String()) }) } }, async (req) => ({
    hours: await review.reviewFlow(s.db, s.clock(), (req.query as { queue?: string }).queue),
  }));
  app.post(
    '/v1/queues/:id/state',
    { config: analysts, schema: { tags: ['review'], summary: 'Pause a queue, drain it, or make it active again', params: Type.Object({ id: Type.String() }), body: Type.Object({ state: Type.Union(QUEUE_STATES.map((q) => Type.Literal(q))) }, { additionalProperties: false }), response: errors } },
    async (req) => setQueueState(s.db, (req.params as { id: string }).id, (req.body as { state: QueueState }).state, actorOf(req), s.clock()),
  );
  app.get('/v1/review/routes', { config: readers, schema: { tags: ['review'], summary: 'Routing rules, first match wins', response: { 200: Type.Object({ rules: Type.Array(review.RouteRuleSchema) }) } } }, async () => ({ rules: (await review.loadRouting(s.db)).rules }));
  app.put(
    '/v1/review/routes',
    { config: { roles: ['admin'] }, schema: { tags: ['review'], summary: 'Replace the routing rules', body: Type.Object({ rules: Type.Array(review.RouteRuleSchema, { maxItems: 1000 }) }, { additionalProperties: false }), response: errors } },
    async (req) => ({ rules: await review.saveRouting(s.db, (req.body as { rules: review.RouteRule[] }).rules, actorOf(req), s.clock()) }),
  );
  app.get('/v1/review/settings', { config: readers, schema: { tags: ['review'], response: { 200: review.ReviewSettingsSchema } } }, async () => review.loadReviewSettings(s.db));
  app.put('/v1/review/settings', { config: { roles: ['admin'] }, schema: { tags: ['review'], body: review.ReviewSettingsSchema, response: { 200: review.ReviewSettingsSchema, ...errors } } }, async (req) =>
    review.saveReviewSettings(s.db, req.body as review.ReviewSettings, actorOf(req), s.clock()),
  );
  app.post(
    '/v1/review/samples',
    {
      config: analysts,
      schema: {
        tags: ['review'],
        summary: 'Draw a measurement sample of content first seen in a period, each item with the given probability, for blind review',
        body: Type.Object(
          { policy: Type.String(), probability: Type.Number({ exclusiveMinimum: 0, maximum: 1 }), since: Type.String({ format: 'date-time' }), until: Type.String({ format: 'date-time' }), seed: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ population: Type.Integer(), drawn: Type.Integer(), seed: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { policy: string; probability: number; since: string; until: string; seed?: string };
      const since = new Date(b.since);
      const until = new Date(b.until);
      if (!(since < until)) throw new HttpError(400, 'invalid_period', '`since` must be before `until`');
      await requirePolicy(s, b.policy);
      const seed = b.seed ?? `${b.policy}:${b.since}:${b.until}`;
      const result = await review.drawMeasurementSample(s.db, { policy: b.policy, probability: b.probability, since, until, seed, actor: actorOf(req) }, s.clock());
      reply.status(201);
      return { ...result, seed };
    },
  );
  app.get(
    '/v1/review/precision',
    {
      config: readers,
      schema: {
        tags: ['review'],
        summary: 'Precision from moderators\u2019 verdicts with 95% Wilson intervals, per strategy (and version), material or package',
        querystring: Type.Object({
          by: Type.Union([Type.Literal('strategy'), Type.Literal('strategy_version'), Type.Literal('material'), Type.Literal('package')]),
          strategy: Type.Optional(Type.String()),
          package: Type.Optional(Type.String()),
          material: Type.Optional(Type.Integer()),
        }),
      },
    },
    async (req) => {
      const q = req.query as { by: 'strategy' | 'strategy_version' | 'material' | 'package'; strategy?: string; package?: string; material?: number };
      const rows =
        q.by === 'strategy' || q.by === 'strategy_version'
          ? await review.strategyPrecision(s.db, { strategy: q.strategy, byVersion: q.by === 'strategy_version' })
          : await review.materialPrecision(s.db, { by: q.by, package: q.package, material: q.material });
      return { by: q.by, confidence: 0.95, rows };
    },
  );
}

async function requireKnownEntity(s: Services, e: EntityRef) {
  const known = await s.db.selectFrom('entities').select('id').where('type', '=', e.type).where('id', '=', e.id).executeTakeFirst();
  if (!known) throw new HttpError(422, 'unknown_reference', `entity ${e.type}/${e.id} is not known to Vigil: no event has mentioned it`);
}

async function requirePolicy(s: Services, id: string) {
  const p = await s.db.selectFrom('policies').select('id').where('id', '=', id).where('archived', '=', false).executeTakeFirst();
  if (!p) throw new HttpError(422, 'unknown_reference', `unknown policy ${JSON.stringify(id)}`);
}
