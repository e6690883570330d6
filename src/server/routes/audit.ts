// The audit log over HTTP: filtered pages newest first (keyset paging), and the same filters exported as
// CSV or NDJSON, streamed from a read-only snapshot. The queries are in store/audit.ts.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AUDIT_COLUMNS, exportAudit, queryAudit, type AuditFilter } from '../../store/audit.js';
import { exportFormatter, type ExportFormat } from '../../store/export.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const Filters = {
  actor: Type.Optional(Type.String({ minLength: 1, description: 'Exactly this actor' })),
  action: Type.Optional(Type.String({ minLength: 1, description: 'Actions starting with this, e.g. `queue.` or `case.close`' })),
  target_type: Type.Optional(Type.String({ minLength: 1 })),
  target_id: Type.Optional(Type.String({ minLength: 1 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this time' })),
};
const FilterQuery = Type.Object(Filters, { additionalProperties: false });
const PageQuery = Type.Object({ ...Filters, before: Type.Optional(Type.Integer({ minimum: 1, description: 'The previous page’s next_before' })), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }, { additionalProperties: false });
const ExportQuery = Type.Object({ ...Filters, format: Type.Union([Type.Literal('csv'), Type.Literal('ndjson')], { default: 'csv' }) }, { additionalProperties: false });

const EntryJson = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  action: Type.String(),
  target_type: Type.String(),
  target_id: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

function toFilter(q: Static<typeof FilterQuery>): AuditFilter {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) throw new HttpError(400, 'invalid_range', '`from` must be before `to`');
  return { actor: q.actor, action: q.action, target_type: q.target_type, target_id: q.target_id, from, to };
}

export function auditRoutes(app: FastifyInstance, s: Services) {
  const roles = ['admin', 'analyst'] as const;
  app.get(
    '/v1/audit',
    {
      config: { roles },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by actor, action prefix, target and time; page with before=next_before',
        querystring: PageQuery,
        response: { 200: Type.Object({ entries: Type.Array(EntryJson), next_before: Type.Union([Type.Integer(), Type.Null()]) }), 400: ErrorSchema },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof PageQuery>;
      return queryAudit(s.db, { ...toFilter(q), before: q.before, limit: q.limit });
    },
  );
  app.get(
    '/v1/audit/export',
    { config: { roles }, schema: { tags: ['audit'], summary: 'The filtered audit log as CSV or NDJSON, newest first, streamed', querystring: ExportQuery, response: { 400: ErrorSchema } } },
    async (req, reply) => {
      const q = req.query as Static<typeof ExportQuery>;
      const filter = toFilter(q);
      const format: ExportFormat = q.format;
      const out = new PassThrough();
      const formatRows = exportFormatter(format);
      exportAudit(s.db, filter, async (rows) => {
        if (!out.write(formatRows(rows))) await once(out, 'drain');
      }).then(
        // An empty CSV still has its header, so tools read it as a table with no rows.
        (count) => out.end(count === 0 && format === 'csv' ? `${AUDIT_COLUMNS.join(',')}\n` : undefined),
        (err) => out.destroy(err),
      );
      const stamp = s.clock().toISOString().slice(0, 19).replace(/[-:]/g, '');
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
      reply.header('content-disposition', `attachment; filename="vigil-audit-${stamp}.${format === 'csv' ? 'csv' : 'ndjson'}"`);
      return reply.send(out);
    },
  );
}
