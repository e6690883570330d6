// Cases over HTTP: create and list investigations, read one with its items and timeline, change it, link and
// unlink items, add notes, close and reopen; and the cases an entity is in. The logic is in review/cases.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { EntityIdSchema, EntityTypeSchema, type EntityRef, type EntityType } from '../../domain/index.js';
import * as cases from '../../review/index.js';
import { actorOf, READERS } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const WRITERS = ['admin', 'analyst', 'moderator'] as const;
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const L = cases.LIMITS;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Entity = Type.Object({ type: EntityTypeSchema, id: EntityIdSchema }, { additionalProperties: false });
const Note = Type.Optional(Type.String({ maxLength: L.note, description: 'Why this item is in the case' }));
const Evidence = Type.Union([
  Type.Object({ type: Type.Literal('media'), sha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'A file in the media store' }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('url'), url: Type.String({ minLength: 1, maxLength: L.url }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('text'), text: Type.String({ minLength: 1, maxLength: L.note }) }, { additionalProperties: false }),
]);
const ItemInput = Type.Union(
  [
    Type.Object({ kind: Type.Literal('entity'), entity: Entity, note: Note }, { additionalProperties: false }),
    Type.Object(
      { kind: Type.Union([Type.Literal('review_task'), Type.Literal('verdict'), Type.Literal('decision'), Type.Literal('action')]), id: Type.Integer({ minimum: 1, description: 'The task, verdict or decision id, or the action seq' }), note: Note },
      { additionalProperties: false },
    ),
    Type.Object({ kind: Type.Literal('evidence'), evidence: Evidence, note: Note }, { additionalProperties: false }),
  ],
  { description: 'An entity, a review task, a verdict, a decision, an action or evidence (media, a URL or text)' },
);
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: L.tag }), { maxItems: L.tags });

const CaseJson = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  owner: Nullable(Type.String()),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  resolution: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  created_by: Type.String(),
  updated_at: Type.String({ format: 'date-time' }),
  closed_at: Nullable(Type.String({ format: 'date-time' })),
  closed_by: Nullable(Type.String()),
  item_count: Type.Integer(),
});
const ItemJson = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  ref: Type.String(),
  entity: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  target_id: Nullable(Type.Integer()),
  evidence: Nullable(Type.Record(Type.String(), Type.Unknown())),
  note: Type.String(),
  added_at: Type.String({ format: 'date-time' }),
  added_by: Type.String(),
});
const TimelineJson = Type.Object({ seq: Type.Integer(), at: Type.String({ format: 'date-time' }), actor: Type.String(), kind: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) });
const CaseDetailJson = Type.Composite([CaseJson, Type.Object({ items: Type.Array(ItemJson), timeline: Type.Array(TimelineJson) })]);
const CaseList = Type.Object({ cases: Type.Array(CaseJson), next_before: Nullable(Type.Integer()) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export function caseRoutes(app: FastifyInstance, s: Services) {
  const readers = { roles: READERS };
  const writers = { roles: WRITERS };
  const tags = ['cases'];

  app.post(
    '/v1/cases',
    {
      config: writers,
      schema: {
        tags,
        summary: 'Open a case, optionally with items linked at once',
        body: Type.Object(
          { title: Type.String({ minLength: 1, maxLength: L.title }), description: Type.Optional(Type.String({ maxLength: L.description })), owner: Type.Optional(Nullable(Type.String({ maxLength: L.owner }))), tags: Type.Optional(Tags), items: Type.Optional(Type.Array(ItemInput, { maxItems: 100 })) },
          { additionalProperties: false },
        ),
        response: { 201: CaseDetailJson, ...errors },
      },
    },
    async (req, reply) => {
      const created = await cases.createCase(s.db, req.body as cases.NewCase, actorOf(req), s.clock());
      reply.status(201);
      return created;
    },
  );

  app.get(
    '/v1/cases',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Cases, newest first, filtered by status, owner, linked entity and tag; page with before=next_before',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
            owner: Type.Optional(Type.String({ minLength: 1 })),
            entity_type: Type.Optional(EntityTypeSchema),
            entity_id: Type.Optional(Type.String({ minLength: 1 })),
            tag: Type.Optional(Type.String({ minLength: 1 })),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseList, 400: ErrorSchema },
      },
    },
    async (req) => {
      const q = req.query as { status?: cases.CaseStatus; owner?: string; entity_type?: EntityType; entity_id?: string; tag?: string; before?: number; limit: number };
      if (!q.entity_type !== !q.entity_id) throw new HttpError(400, 'invalid_request', 'give both entity_type and entity_id, or neither');
      const entity: EntityRef | undefined = q.entity_type && q.entity_id ? { type: q.entity_type, id: q.entity_id } : undefined;
      return cases.listCases(s.db, { status: q.status, owner: q.owner, tag: q.tag, entity, before: q.before, limit: q.limit });
    },
  );

  app.get('/v1/cases/:id', { config: readers, schema: { tags, summary: 'A case with its current items and its whole timeline (oldest first)', params: IdParams, response: { 200: CaseDetailJson, ...errors } } }, async (req) =>
    cases.getCase(s.db, (req.params as { id: number }).id),
  );

  app.patch(
    '/v1/cases/:id',
    {
      config: writers,
      schema: {
        tags,
        summary: 'Change the title, description, owner (null: unassigned) or tags',
        params: IdParams,
        body: Type.Object({ title: Type.Optional(Type.String({ minLength: 1, maxLength: L.title })), description: Type.Optional(Type.String({ maxLength: L.description })), owner: Type.Optional(Nullable(Type.String({ maxLength: L.owner }))), tags: Type.Optional(Tags) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: CaseDetailJson, ...errors },
      },
    },
    async (req) => cases.updateCase(s.db, (req.params as { id: number }).id, req.body as cases.CasePatch, actorOf(req), s.clock()),
  );

  app.post('/v1/cases/:id/items', { config: writers, schema: { tags, summary: 'Link an item to an open case (checked to exist)', params: IdParams, body: ItemInput, response: { 201: ItemJson, ...errors } } }, async (req, reply) => {
    const item = await cases.addCaseItem(s.db, (req.params as { id: number }).id, req.body as cases.CaseItemInput, actorOf(req), s.clock());
    reply.status(201);
    return item;
  });

  app.delete(
    '/v1/cases/:id/items/:itemId',
    {
      config: writers,
      schema: { tags, summary: 'Unlink an item from an open case (the timeline keeps it)', params: Type.Object({ id: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) }), querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: L.note })) }), response: errors },
    },
    async (req) => {
      const { id, itemId } = req.params as { id: number; itemId: number };
      await cases.removeCaseItem(s.db, id, itemId, actorOf(req), s.clock(), (req.query as { reason?: string }).reason);
      return { removed: true };
    },
  );

  app.post(
    '/v1/cases/:id/notes',
    { config: writers, schema: { tags, summary: 'Add a note to the timeline', params: IdParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: L.note }) }, { additionalProperties: false }), response: { 201: TimelineJson, ...errors } } },
    async (req, reply) => {
      const entry = await cases.addCaseNote(s.db, (req.params as { id: number }).id, (req.body as { text: string }).text, actorOf(req), s.clock());
      reply.status(201);
      return entry;
    },
  );

  app.post(
    '/v1/cases/:id/close',
    { config: writers, schema: { tags, summary: 'Close an open case with a resolution', params: IdParams, body: Type.Object({ resolution: Type.String({ minLength: 1, maxLength: L.resolution }) }, { additionalProperties: false }), response: { 200: CaseDetailJson, ...errors } } },
    async (req) => cases.closeCase(s.db, (req.params as { id: number }).id, (req.body as { resolution: string }).resolution, actorOf(req), s.clock()),
  );

  app.post(
    '/v1/cases/:id/reopen',
    { config: writers, schema: { tags, summary: 'Reopen a closed case', params: IdParams, body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: L.resolution })) }, { additionalProperties: false }), response: { 200: CaseDetailJson, ...errors } } },
    async (req) => cases.reopenCase(s.db, (req.params as { id: number }).id, (req.body as { reason?: string }).reason ?? '', actorOf(req), s.clock()),
  );

  app.get(
    '/v1/entities/:type/:id/cases',
    { config: readers, schema: { tags, summary: 'The cases an entity is linked to, newest first', params: Type.Object({ type: EntityTypeSchema, id: Type.String({ minLength: 1 }) }), response: { 200: Type.Object({ cases: Type.Array(CaseJson) }), 400: ErrorSchema } } },
    async (req) => ({ cases: await cases.casesOfEntity(s.db, req.params as EntityRef) }),
  );
}
