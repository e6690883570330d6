// Export for analysts over HTTP (the embedded database is locked to the running server, so this is how
// a table or a read-only query reaches SQL and Python tools while Vigil runs).
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkQuery, exportFormatter, exportQuery, ExportError, tableQuery, type ExportFormat } from '../../store/export.js';
import { ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const Format = Type.Union([Type.Literal('csv'), Type.Literal('ndjson')], { default: 'csv' });

async function stream(s: Services, reply: FastifyReply, query: string, format: ExportFormat) {
  try {
    await checkQuery(s.db, query);
  } catch (err) {
    throw new HttpError(400, 'invalid_query', (err as Error).message);
  }
  const out = new PassThrough();
  const format_ = exportFormatter(format);
  exportQuery(s.db, query, async (rows) => {
    if (!out.write(format_(rows))) await once(out, 'drain');
  }).then(
    () => out.end(),
    (err) => out.destroy(err),
  );
  reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
  return reply.send(out);
}

export function exportRoutes(app: FastifyInstance, s: Services) {
  const roles = ['admin', 'analyst'] as const;
  app.get(
    '/v1/export/:table',
    {
      config: { roles },
      schema: { tags: ['export'], summary: 'A whole table as CSV or NDJSON', params: Type.Object({ table: Type.String() }), querystring: Type.Object({ format: Format }), response: { 400: ErrorSchema } },
    },
    async (req, reply) => {
      const { table } = req.params as { table: string };
      let query: string;
      try {
        query = await tableQuery(s.db, table);
      } catch (err) {
        if (err instanceof ExportError) throw new HttpError(404, 'not_found', err.message);
        throw err;
      }
      return stream(s, reply, query, (req.query as { format: ExportFormat }).format);
    },
  );
  app.post(
    '/v1/export',
    {
      config: { roles },
      schema: {
        tags: ['export'],
        summary: 'The result of one read-only SQL query as CSV or NDJSON (runs in a READ ONLY snapshot)',
        body: Type.Object({ query: Type.String({ minLength: 1, maxLength: 100_000 }), format: Format }, { additionalProperties: false }),
        response: { 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      const body = req.body as { query: string; format: ExportFormat };
      return stream(s, reply, body.query, body.format);
    },
  );
}
