// Strategies over HTTP: versions and their lifecycle, live checking for the editor, backtests, the shadow
// diff, the decision explorer, reverting a version's actions, named lists, and the synchronous decision.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { EventSchema, SourceProblemSchema, STRATEGY_STATES, StrategyInputSchema, StrategySchema, StrategyVersionSchema, statedLanguage, type StrategyInput, type StrategyState, type VigilEvent } from '../../domain/index.js';
import { revertAction, revertibleCount, revertStrategyVersion } from '../../enforcement/index.js';
import { validateEvent } from '../../ingest/index.js';
import * as strategies from '../../strategies/index.js';
import { actorOf, READERS } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParam = Type.Object({ id: Type.String() });
const VersionParams = Type.Object({ id: Type.String(), version: Type.Integer({ minimum: 1 }) });
const ANALYSTS = ['admin', 'analyst'] as const;
const MAX_BACKTEST_DAYS = 92;

const DecisionSchema = Type.Object({
  id: Type.Integer(),
  event_seq: Type.Integer(),
  event_id: Type.String(),
  event_type: Type.String(),
  event_time: Type.String({ format: 'date-time' }),
  decided_at: Type.String({ format: 'date-time' }),
  strategy_id: Type.String(),
  strategy_version: Type.Integer(),
  rule: Type.String(),
  mode: Type.String(),
  applied: Type.Boolean(),
  policy_id: Type.String(),
  severity: Type.Integer(),
  entity: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  actions: Type.Array(Type.Unknown()),
  evidence: Type.Record(Type.String(), Type.Unknown(), { description: 'conditions (each sub-condition with its value), counters (with keys and values), hits (material spans), suppressed actions' }),
});

const ListSchema = Type.Object({ id: Type.String(), kind: Type.String(), description: Type.String(), size: Type.Integer(), updated_at: Type.String(), updated_by: Type.String() });

export function strategyRoutes(app: FastifyInstance, s: Services) {
  const readers = { roles: READERS };
  const analysts = { roles: ANALYSTS };

  app.get('/v1/strategies', { config: readers, schema: { tags: ['strategies'], summary: 'Strategies with their live and candidate versions and their last 24 hours', querystring: Type.Object({ include_archived: Type.Boolean({ default: false }) }) } }, async (req) => {
    const [list, activity] = await Promise.all([strategies.listStrategies(s.db, { includeArchived: (req.query as { include_archived: boolean }).include_archived }), strategies.strategyActivity(s.db, s.clock())]);
    return { strategies: list.map((st) => ({ ...st, activity: activity.find((a) => a.strategy_id === st.id) ?? null })) };
  });
  app.post('/v1/strategies', { config: analysts, schema: { tags: ['strategies'], summary: 'Create a strategy; its first version is a draft', body: StrategyInputSchema, response: { 201: StrategySchema, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return strategies.createStrategy(s.db, req.body as StrategyInput, actorOf(req), s.clock());
  });
  app.post(
    '/v1/strategies/check',
    {
      config: analysts,
      schema: {
        tags: ['strategies'],
        summary: 'Check a source without saving it: every error and warning at its line and column, and what it compiles to',
        body: Type.Object({ source: Type.String({ maxLength: 200_000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ok: Type.Boolean(), problems: Type.Array(SourceProblemSchema), policy: Type.Optional(Type.String()), severity: Type.Optional(Type.Integer()), on: Type.Optional(Type.Array(Type.String())), rules: Type.Optional(Type.Array(Type.Object({ name: Type.String(), condition: Type.Union([Type.String(), Type.Null()]), actions: Type.Array(Type.Unknown()) }))), counters: Type.Optional(Type.Array(Type.String())) }) },
      },
    },
    async (req) => {
      const context = await strategies.loadCompileContext(s.db);
      try {
        const c = strategies.compileStrategy((req.body as { source: string }).source, context);
        return { ok: true, problems: c.warnings, policy: c.policy, severity: c.severity, on: c.on, rules: c.rules, counters: c.counters.map((k) => k.canon) };
      } catch (err) {
        if (err instanceof strategies.StrategyCompileError) return { ok: false, problems: err.problems };
        throw err;
      }
    },
  );
  app.get('/v1/strategies/:id', { config: readers, schema: { tags: ['strategies'], params: IdParam, response: { 200: StrategySchema, ...errors } } }, async (req) => strategies.getStrategy(s.db, (req.params as { id: string }).id));
  app.get('/v1/strategies/:id/versions', { config: readers, schema: { tags: ['strategies'], summary: 'Every version, newest first', params: IdParam, response: { 200: Type.Object({ versions: Type.Array(StrategyVersionSchema) }), ...errors } } }, async (req) => ({
    versions: await strategies.listVersions(s.db, (req.params as { id: string }).id),
  }));
  app.get('/v1/strategies/:id/versions/:version', { config: readers, schema: { tags: ['strategies'], params: VersionParams, response: { 200: StrategyVersionSchema, ...errors } } }, async (req) => {
    const p = req.params as { id: string; version: number };
    return strategies.getVersion(s.db, p.id, p.version);
  });
  app.post(
    '/v1/strategies/:id/versions',
    { config: analysts, schema: { tags: ['strategies'], summary: 'Save a new version (a draft)', params: IdParam, body: Type.Omit(StrategyInputSchema, ['id'], { additionalProperties: false }), response: { 201: StrategyVersionSchema, ...errors } } },
    async (req, reply) => {
      reply.status(201);
      return strategies.saveVersion(s.db, (req.params as { id: string }).id, req.body as Omit<StrategyInput, 'id'>, actorOf(req), s.clock());
    },
  );
  app.post(
    '/v1/strategies/:id/versions/:version/state',
    {
      config: analysts,
      schema: {
        tags: ['strategies'],
        summary: 'Move a version through its lifecycle: shadow, rollout (with a percentage), live, retired. Going live retires the live version; making an earlier version live again is the rollback.',
        params: VersionParams,
        body: Type.Object({ state: Type.Union(STRATEGY_STATES.filter((x) => x !== 'draft').map((x) => Type.Literal(x))), rollout_percent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })) }, { additionalProperties: false }),
        response: { 200: StrategyVersionSchema, ...errors },
      },
    },
    async (req) => {
      const p = req.params as { id: string; version: number };
      const b = req.body as { state: StrategyState; rollout_percent?: number };
      const v = await strategies.setVersionState(s.db, p.id, p.version, b, actorOf(req), s.clock());
      await s.strategies.refresh();
      return v;
    },
  );
  app.post(
    '/v1/strategies/:id/pause',
    { config: analysts, schema: { tags: ['strategies'], summary: 'Pause or resume a strategy: a paused strategy decides nothing', params: IdParam, body: Type.Object({ paused: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }), response: { 200: StrategySchema, ...errors } } },
    async (req) => {
      const id = (req.params as { id: string }).id;
      const b = req.body as { paused: boolean; reason?: string };
      await strategies.setPaused(s.db, id, b.paused, b.reason ?? 'paused by hand', actorOf(req), s.clock());
      await s.strategies.refresh();
      return strategies.getStrategy(s.db, id);
    },
  );
  app.post(
    '/v1/strategies/:id/versions/:version/revert',
    { config: analysts, schema: { tags: ['strategies'], summary: 'Revert everything this version did: every action of it not yet reverted, as one operation', params: VersionParams, response: { 200: Type.Object({ reverted: Type.Integer() }), ...errors } } },
    async (req) => {
      const p = req.params as { id: string; version: number };
      await strategies.getVersion(s.db, p.id, p.version);
      return revertStrategyVersion(s.db, p.id, p.version, actorOf(req), s.clock());
    },
  );
  app.get(
    '/v1/strategies/:id/versions/:version/revert',
    { config: readers, schema: { tags: ['strategies'], summary: 'How many actions a revert of this version would undo now (a dry run)', params: VersionParams, response: { 200: Type.Object({ revertible: Type.Integer() }), ...errors } } },
    async (req) => {
      const p = req.params as { id: string; version: number };
      await strategies.getVersion(s.db, p.id, p.version);
      return { revertible: await revertibleCount(s.db, p.id, p.version) };
    },
  );
  app.post(
    '/v1/strategies/:id/versions/:version/backtest',
    {
      config: analysts,
      schema: {
        tags: ['strategies'],
        summary: 'Run a version over stored history with no effects: hits, overlap with other strategies, precision and recall against moderators, review load. With `Accept: application/x-ndjson` progress lines stream before the report.',
        params: VersionParams,
        body: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }), max_events: Type.Optional(Type.Integer({ minimum: 1, maximum: 5_000_000 })) }, { additionalProperties: false }),
        response: { 404: ErrorSchema, 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      const p = req.params as { id: string; version: number };
      const b = req.body as { from: string; to: string; max_events?: number };
      const from = new Date(b.from);
      const to = new Date(b.to);
      if (!(from < to)) throw new HttpError(400, 'invalid_range', '`from` must be before `to`');
      if (to.getTime() - from.getTime() > MAX_BACKTEST_DAYS * 86_400_000) throw new HttpError(400, 'invalid_range', `a backtest over HTTP covers at most ${MAX_BACKTEST_DAYS} days; use \`vigil backtest\` for longer`);
      const options = { strategyId: p.id, version: p.version, from, to, maxEvents: b.max_events ?? 1_000_000 };
      await strategies.getVersion(s.db, p.id, p.version);
      if (!String(req.headers.accept ?? '').includes('application/x-ndjson')) return strategies.runBacktest(s.db, await s.materials.set(), options);
      // Streamed: one progress line per chunk, then the report as the last line (the CLI draws a progress bar from it).
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson' });
      try {
        const report = await strategies.runBacktest(s.db, await s.materials.set(), { ...options, onProgress: (progress) => reply.raw.write(`${JSON.stringify({ progress })}\n`) });
        reply.raw.end(`${JSON.stringify({ report })}\n`);
      } catch (err) {
        reply.raw.end(`${JSON.stringify({ error: (err as Error).message })}\n`);
      }
    },
  );
  app.get(
    '/v1/strategies/:id/versions/:version/shadow-diff',
    { config: readers, schema: { tags: ['strategies'], summary: 'A shadow version beside the live one: agreements and differences', params: VersionParams, querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }) } },
    async (req) => {
      const p = req.params as { id: string; version: number };
      await strategies.getVersion(s.db, p.id, p.version);
      return strategies.shadowDiff(s.db, p.id, p.version, (req.query as { limit: number }).limit);
    },
  );

  app.get(
    '/v1/decisions',
    {
      config: readers,
      schema: {
        tags: ['strategies'],
        summary: 'Decisions, newest first: page with `before` = the last id seen',
        querystring: Type.Object({
          strategy: Type.Optional(Type.String()),
          version: Type.Optional(Type.Integer()),
          mode: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('shadow'), Type.Literal('rollout')])),
          entity_type: Type.Optional(Type.String()),
          entity_id: Type.Optional(Type.String()),
          event_id: Type.Optional(Type.String()),
          before: Type.Optional(Type.Integer()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        }),
        response: { 200: Type.Object({ decisions: Type.Array(DecisionSchema) }) },
      },
    },
    async (req) => {
      const q = req.query as { strategy?: string; version?: number; mode?: string; entity_type?: string; entity_id?: string; event_id?: string; before?: number; limit: number };
      const entity = q.entity_type && q.entity_id ? { type: q.entity_type, id: q.entity_id } : undefined;
      return { decisions: await strategies.listDecisions(s.db, { ...q, entity }) };
    },
  );
  app.get('/v1/decisions/:id', { config: readers, schema: { tags: ['strategies'], summary: 'One decision with its full trace', params: Type.Object({ id: Type.Integer() }), response: { 200: DecisionSchema, ...errors } } }, async (req) =>
    strategies.getDecision(s.db, (req.params as { id: number }).id),
  );

  app.post(
    '/v1/actions/:seq/revert',
    { config: { roles: ['admin', 'analyst', 'moderator'] }, schema: { tags: ['enforcement'], summary: 'Revert one action (a new action that undoes it)', params: Type.Object({ seq: Type.Integer() }), body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })), response: { 201: Type.Unknown(), ...errors } } },
    async (req, reply) => {
      reply.status(201);
      return revertAction(s.db, (req.params as { seq: number }).seq, actorOf(req), (req.body as { reason?: string } | undefined)?.reason ?? 'reverted', s.clock());
    },
  );

  app.post(
    '/v1/decide',
    {
      config: { roles: ['admin', 'analyst', 'ingest'] },
      schema: {
        tags: ['strategies'],
        summary: 'Decide one event now, synchronously: the live strategies’ verdict and reasons, with nothing recorded (ingest the event through /v1/events as usual). Answers within `budget_ms`: past it, the verdict is `undecided`.',
        querystring: Type.Object({ budget_ms: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }) }),
        body: EventSchema,
        response: { 400: ErrorSchema },
      },
      // The schemas above document the request; the event is checked by the ingest validator (clearer messages), the query below.
      validatorCompiler: () => () => true,
    },
    async (req) => {
      const event = validateEvent(req.body, 0);
      // This route's validator is switched off (the event validator gives better messages), so the query is checked here.
      const rawBudget = (req.query as { budget_ms?: string }).budget_ms;
      const budgetMs = rawBudget === undefined ? 1000 : Number(rawBudget);
      if (!Number.isInteger(budgetMs) || budgetMs < 1 || budgetMs > 10_000) throw new HttpError(400, 'invalid_request', 'querystring.budget_ms: must be an integer from 1 to 10000 (milliseconds)');
      const set = await s.strategies.set();
      const deciding = strategies.decideNow(s.db, set, await s.materials.set(), s.counters, event, statedLanguage(event) ?? null);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budgetMs)));
      const outcome = await Promise.race([deciding, late]).finally(() => clearTimeout(timer));
      // Past the budget the platform gets an answer anyway and applies its own default; deciding finishes unseen.
      if (outcome === 'late') {
        deciding.catch(() => undefined);
        return { event_id: event.id, verdict: 'undecided', reason: `no decision within ${budgetMs} ms`, actions: [], decisions: [] };
      }
      const decisions = outcome.filter((d) => d.mode !== 'shadow');
      const actions = decisions.flatMap((d) => d.actions.map((a) => ({ ...a, policy: d.policy, strategy: d.strategyId, version: d.version })));
      const verdict = actions.some((a) => a.verb === 'allow') ? 'allow' : actions.some((a) => a.verb === 'block' || a.verb === 'remove') ? 'block' : actions.length ? 'act' : 'allow';
      return { event_id: event.id, verdict, actions, decisions: decisions.map((d) => ({ strategy_id: d.strategyId, version: d.version, mode: d.mode, rule: d.rule, policy: d.policy, severity: d.severity, evidence: d.evidence })) };
    },
  );

  app.get('/v1/lists', { config: readers, schema: { tags: ['lists'], summary: 'Named allow and deny lists strategies read', response: { 200: Type.Object({ lists: Type.Array(ListSchema) }) } } }, async () => ({ lists: await strategies.listLists(s.db) }));
  app.get('/v1/lists/:id', { config: readers, schema: { tags: ['lists'], params: IdParam, response: errors } }, async (req) => strategies.getList(s.db, (req.params as { id: string }).id));
  app.post(
    '/v1/lists',
    {
      config: analysts,
      schema: {
        tags: ['lists'],
        body: Type.Object(
          { id: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,99}$' }), kind: Type.Union(strategies.LIST_KINDS.map((k) => Type.Literal(k))), description: Type.Optional(Type.String({ maxLength: 2000 })), items: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: strategies.MAX_LIST_ITEMS_PER_CALL })) },
          { additionalProperties: false },
        ),
        response: { 201: ListSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      const list = await strategies.createList(s.db, req.body as { id: string; kind: strategies.ListKind; description?: string; items?: string[] }, actorOf(req), s.clock());
      await s.strategies.refresh();
      return list;
    },
  );
  app.patch(
    '/v1/lists/:id',
    {
      config: analysts,
      schema: {
        tags: ['lists'],
        summary: 'Add and remove items',
        params: IdParam,
        body: Type.Object({ add: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: strategies.MAX_LIST_ITEMS_PER_CALL })), remove: Type.Optional(Type.Array(Type.String(), { maxItems: strategies.MAX_LIST_ITEMS_PER_CALL })) }, { additionalProperties: false }),
        response: { 200: ListSchema, ...errors },
      },
    },
    async (req) => {
      const list = await strategies.changeListItems(s.db, (req.params as { id: string }).id, req.body as { add?: string[]; remove?: string[] }, actorOf(req), s.clock());
      await s.strategies.refresh();
      return list;
    },
  );
  app.delete('/v1/lists/:id', { config: analysts, schema: { tags: ['lists'], params: IdParam, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await strategies.deleteList(s.db, (req.params as { id: string }).id, actorOf(req), s.clock());
    await s.strategies.refresh();
    reply.status(204);
  });
}
