// POST /v1/events (batch ingest, acknowledged after commit) and GET /v1/events (recent events, filters).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ENTITY_TYPES, EventSchema } from '../../domain/index.js';
import { ingestBatch, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, readEventStats, validateBatch } from '../../ingest/index.js';
import { listEvents, type StoredEvent } from '../../store/events.js';
import { READERS } from '../auth.js';
import { ErrorSchema } from '../errors.js';
import type { Services } from '../services.js';

const IngestResponse = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  results: Type.Array(Type.Object({ id: Type.String(), status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate')]), seq: Type.Optional(Type.Integer()) })),
});

export const StoredEventSchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  type: Type.String(),
  event_time: Type.String({ format: 'date-time' }),
  received_at: Type.String({ format: 'date-time' }),
  language: Type.Union([Type.String(), Type.Null()]),
  partition_key: Type.String(),
  body: Type.Record(Type.String(), Type.Unknown()),
});

export const eventJson = (e: StoredEvent) => ({ ...e, event_time: e.event_time.toISOString(), received_at: e.received_at.toISOString() });

export function eventRoutes(app: FastifyInstance, s: Services) {
  app.post(
    '/v1/events',
    {
      config: { roles: ['ingest', 'admin'] },
      bodyLimit: MAX_BATCH_BYTES,
      // Validated by validateBatch, which names the event index and field; the schema here documents it.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['ingest'],
        summary: `Ingest a batch of up to ${MAX_BATCH_EVENTS} events (1 MiB)`,
        description:
          'Acknowledged only after commit. Idempotent by event id: a re-sent id with an identical body is reported as a duplicate; ' +
          'with a different body the whole batch is refused with 409 and the stored event kept. A batch with any invalid event is refused whole (400) and nothing is stored.',
        body: Type.Object({ events: Type.Array(EventSchema, { minItems: 1, maxItems: MAX_BATCH_EVENTS }) }),
        response: { 200: IngestResponse, 400: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema },
      },
    },
    async (request) => {
      const events = validateBatch(request.body);
      const result = await ingestBatch(s, events, s.clock());
      if (result.accepted) s.afterIngest?.();
      s.metrics.eventsIngested.inc({ status: 'accepted' }, result.accepted);
      if (result.duplicates) s.metrics.eventsIngested.inc({ status: 'duplicate' }, result.duplicates);
      return result;
    },
  );

  app.get(
    '/v1/events',
    {
      config: { roles: READERS },
      schema: {
        tags: ['ingest'],
        summary: 'Recent events, newest first (or oldest first after `after_seq`)',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
          type: Type.Optional(Type.String()),
          entity_type: Type.Optional(Type.Union(ENTITY_TYPES.map((t) => Type.Literal(t)))),
          entity_id: Type.Optional(Type.String()),
          before_seq: Type.Optional(Type.Integer()),
          after_seq: Type.Optional(Type.Integer()),
        }),
        response: { 200: Type.Object({ events: Type.Array(StoredEventSchema) }), 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query as { limit: number; type?: string; entity_type?: string; entity_id?: string; before_seq?: number; after_seq?: number };
      const entity = q.entity_type && q.entity_id ? { type: q.entity_type, id: q.entity_id } : undefined;
      const events = await listEvents(s.db, { limit: q.limit, type: q.type, entity, beforeSeq: q.before_seq, afterSeq: q.after_seq });
      return { events: events.map(eventJson) };
    },
  );

  app.get(
    '/v1/stats/events',
    {
      config: { roles: READERS },
      schema: {
        tags: ['ingest'],
        summary: 'Processed events per received minute and type, and totals',
        querystring: Type.Object({ minutes: Type.Integer({ minimum: 1, maximum: 1440, default: 60 }) }),
        response: {
          200: Type.Object({
            now: Type.String(),
            buckets: Type.Array(Type.Object({ minute: Type.String(), type: Type.String(), count: Type.Integer() })),
            totals: Type.Record(Type.String(), Type.Integer()),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (request) => readEventStats(s.db, s.clock(), (request.query as { minutes: number }).minutes),
  );
}
