// GET /v1/entities (search) and GET /v1/entities/{type}/{id} (an entity with relations, events and media).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ENTITY_TYPES } from '../../domain/index.js';
import { getEntity, relationsOf, searchEntities, type EntityRow } from '../../store/entities.js';
import { listEvents } from '../../store/events.js';
import { READERS } from '../auth.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';
import { eventJson, StoredEventSchema } from './events.js';

const EntityTypeParam = Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t)));
const EntityJson = Type.Object({
  type: Type.String(),
  id: Type.String(),
  attrs: Type.Record(Type.String(), Type.Unknown()),
  labels: Type.Array(Type.String()),
  first_seen: Type.String({ format: 'date-time' }),
  last_seen: Type.String({ format: 'date-time' }),
  event_count: Type.Integer(),
});
const Related = Type.Object({ kind: Type.String(), type: Type.String(), id: Type.String(), last_seen: Type.String({ format: 'date-time' }) });
const MediaJson = Type.Object({
  sha256: Type.String(),
  kind: Type.String(),
  mime: Type.Union([Type.String(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  thumbnail: Type.Boolean(),
});

const entityJson = (e: EntityRow) => ({ ...e, first_seen: e.first_seen.toISOString(), last_seen: e.last_seen.toISOString() });

/** Media hashes referenced by the given event bodies, in order of first mention. */
function mediaHashes(bodies: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const body of bodies) {
    for (const holder of [body.content, body.listing]) {
      const media = (holder as { media?: { sha256: string }[] } | undefined)?.media;
      for (const m of media ?? []) seen.add(m.sha256);
    }
  }
  return [...seen];
}

export function entityRoutes(app: FastifyInstance, s: Services) {
  app.get(
    '/v1/entities',
    {
      config: { roles: READERS },
      schema: {
        tags: ['entities'],
        summary: 'Search entities by type and id prefix, most recently seen first',
        querystring: Type.Object({ type: Type.Optional(EntityTypeParam), q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
        response: { 200: Type.Object({ entities: Type.Array(EntityJson) }), 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query as { type?: string; q?: string; limit: number };
      const rows = await searchEntities(s.db, { type: q.type, prefix: q.q, limit: q.limit });
      return { entities: rows.map(entityJson) };
    },
  );

  app.get(
    '/v1/entities/:type/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['entities'],
        summary: 'An entity with its relations, recent events and media',
        params: Type.Object({ type: EntityTypeParam, id: Type.String() }),
        querystring: Type.Object({ events: Type.Integer({ minimum: 0, maximum: 500, default: 50 }) }),
        response: {
          200: Type.Object({
            entity: EntityJson,
            relations: Type.Object({ outgoing: Type.Array(Related), incoming: Type.Array(Related) }),
            events: Type.Array(StoredEventSchema),
            media: Type.Array(MediaJson),
          }),
          404: ErrorSchema,
        },
      },
    },
    async (request) => {
      const { type, id } = request.params as { type: string; id: string };
      const entity = await getEntity(s.db, type, id);
      if (!entity) throw new HttpError(404, 'not_found', `no ${type} with id ${JSON.stringify(id)}`);
      const [relations, events] = await Promise.all([
        relationsOf(s.db, type, id, 200),
        listEvents(s.db, { entity: { type, id }, limit: (request.query as { events: number }).events }),
      ]);
      const toRelated = (r: { kind: string; type: string; id: string; last_seen: Date }) => ({ ...r, last_seen: r.last_seen.toISOString() });
      const media = await s.media.describe(mediaHashes(events.map((e) => e.body)));
      return {
        entity: entityJson(entity),
        relations: { outgoing: relations.outgoing.map(toRelated), incoming: relations.incoming.map(toRelated) },
        events: events.map(eventJson),
        media,
      };
    },
  );
}
