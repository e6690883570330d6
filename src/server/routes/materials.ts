// Material packages and materials: read by every reader, edited by admins and analysts, versioned.
// Bulk import takes CSV, JSON, NDJSON or an HMA / ThreatExchange hash file (up to 64 MiB); export
// answers CSV or JSON that import reads back. Hit counts and recent hits per material and package.
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  MATERIAL_KINDS,
  MATERIAL_STATUSES,
  MaterialInputSchema,
  MaterialSchema,
  PackageInputSchema,
  PackageSchema,
  type MaterialInput,
  type MaterialKind,
  type MaterialStatus,
  type PackageInput,
  type Role,
} from '../../domain/index.js';
import * as materials from '../../materials/packages/index.js';
import { actorOf, READERS } from '../auth.js';
import { errorHandler, ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const WRITERS: readonly Role[] = ['admin', 'analyst'];
const MiB = 1024 * 1024;
/** 100,000 terms are about 10 MiB of CSV and 25 MiB of JSON. */
export const MAX_IMPORT_BYTES = 64 * MiB;

const literals = <T extends string>(values: readonly T[], options: { default?: T; description?: string } = {}) => Type.Union(values.map((v) => Type.Literal(v)), options);
const IdParam = Type.Object({ id: Type.String() });
const MaterialIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const PackageChanges = Type.Object(
  { ...Type.Omit(PackageInputSchema, ['id']).properties, archived: Type.Optional(Type.Boolean({ description: 'false restores an archived package' })) },
  { additionalProperties: false },
);
const VersionSchema = Type.Object({ version: Type.Integer(), changed_at: Type.String({ format: 'date-time' }), changed_by: Type.String(), summary: Type.String() });
const MaterialListQuery = Type.Object({
  kind: Type.Optional(literals(MATERIAL_KINDS)),
  status: Type.Optional(literals(MATERIAL_STATUSES)),
  policy_id: Type.Optional(Type.String()),
  language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'text the value contains (case-insensitive)' })),
  cursor: Type.Optional(Type.String({ description: 'next_cursor of the previous page' })),
  limit: Type.Integer({ minimum: 1, maximum: materials.MAX_PAGE, default: 100 }),
});
const ImportQuery = Type.Object({
  mode: literals(materials.IMPORT_MODES, { default: 'merge', description: 'merge: add and update; replace: also retire what the file does not hold' }),
  format: Type.Optional(literals(materials.IMPORT_FORMATS)),
  policy: Type.Optional(Type.String({ description: 'policy of rows that name none (required for format=hma)' })),
  status: Type.Optional(literals(MATERIAL_STATUSES)),
});
const ImportSummarySchema = Type.Object({
  package_id: Type.String(),
  version: Type.Integer(),
  changed_package: Type.Boolean(),
  total: Type.Integer(),
  new: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  retired: Type.Integer(),
  skipped: Type.Integer(),
  summary: Type.String(),
  seconds: Type.Number(),
});
const HitsQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'default: 7 days before to' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
  bucket: literals(['hour', 'day'] as const, { default: 'hour' }),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'how many recent hits' }),
});
const HitsSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  bucket: Type.String(),
  over_time: Type.Array(Type.Object({ at: Type.String(), live: Type.Integer(), test: Type.Integer() })),
  recent: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      event_seq: Type.Integer(),
      event_id: Type.String(),
      item_type: Type.String(),
      item_id: Type.String(),
      surface: Type.String(),
      field: Type.String(),
      material_id: Type.Integer(),
      package_id: Type.String(),
      package_version: Type.Integer(),
      policy_id: Type.String(),
      severity: Type.Integer(),
      test: Type.Boolean(),
      start: Type.Optional(Type.Integer()),
      end: Type.Optional(Type.Integer()),
      matched: Type.Optional(Type.String()),
      distance: Type.Optional(Type.Integer()),
    }),
  ),
});

type HitsQueryT = { from?: string; to?: string; bucket: 'hour' | 'day'; limit: number };

function formatOf(query: { format?: materials.ImportFormat }, contentType: string | undefined): materials.ImportFormat {
  if (query.format) return query.format;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson') return 'ndjson';
  throw new HttpError(415, 'unsupported_media_type', 'send text/csv, application/json or application/x-ndjson, or name the format with ?format=csv|json|ndjson|hma');
}

export function materialRoutes(app: FastifyInstance, s: Services) {
  const readers = { roles: READERS };
  const writers = { roles: WRITERS };
  const tags = ['materials'];

  app.get(
    '/v1/packages',
    { config: readers, schema: { tags, summary: 'Material packages', querystring: Type.Object({ include_archived: Type.Boolean({ default: false }) }), response: { 200: Type.Object({ packages: Type.Array(PackageSchema) }) } } },
    async (req) => ({ packages: await materials.listPackages(s.db, { includeArchived: (req.query as { include_archived: boolean }).include_archived }) }),
  );
  app.post('/v1/packages', { config: writers, schema: { tags, summary: 'Create a material package', body: PackageInputSchema, response: { 201: PackageSchema, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return materials.createPackage(s.db, req.body as PackageInput, actorOf(req), s.clock());
  });
  app.get('/v1/packages/:id', { config: readers, schema: { tags, params: IdParam, response: { 200: PackageSchema, ...errors } } }, async (req) =>
    materials.getPackage(s.db, (req.params as { id: string }).id),
  );
  app.put('/v1/packages/:id', { config: writers, schema: { tags, summary: 'Edit a package (a new version)', params: IdParam, body: PackageChanges, response: { 200: PackageSchema, ...errors } } }, async (req) =>
    materials.updatePackage(s.db, (req.params as { id: string }).id, req.body as materials.PackageChanges, actorOf(req), s.clock()),
  );
  app.delete('/v1/packages/:id', { config: writers, schema: { tags, summary: 'Archive a package: its materials stop matching (kept in history)', params: IdParam, response: { 200: PackageSchema, ...errors } } }, async (req) =>
    materials.archivePackage(s.db, (req.params as { id: string }).id, actorOf(req), s.clock()),
  );
  app.get(
    '/v1/packages/:id/versions',
    { config: readers, schema: { tags, summary: 'Every version of a package, newest first, with what changed', params: IdParam, response: { 200: Type.Object({ versions: Type.Array(VersionSchema) }), 404: ErrorSchema } } },
    async (req) => ({ versions: await materials.packageVersions(s.db, (req.params as { id: string }).id) }),
  );

  app.get(
    '/v1/packages/:id/materials',
    {
      config: readers,
      schema: { tags, summary: 'A page of a package’s materials, in id order, with filters', params: IdParam, querystring: MaterialListQuery, response: { 200: Type.Object({ materials: Type.Array(MaterialSchema), next_cursor: Type.Union([Type.String(), Type.Null()]) }), ...errors } },
    },
    async (req) => {
      const q = req.query as { kind?: MaterialKind; status?: MaterialStatus; policy_id?: string; language?: string; q?: string; cursor?: string; limit: number };
      return materials.listMaterials(s.db, (req.params as { id: string }).id, q);
    },
  );
  app.post(
    '/v1/packages/:id/materials',
    { config: writers, schema: { tags, summary: 'Add a material (a new package version)', params: IdParam, body: MaterialInputSchema, response: { 201: MaterialSchema, ...errors } } },
    async (req, reply) => {
      reply.status(201);
      return materials.addMaterial(s.db, (req.params as { id: string }).id, req.body as MaterialInput, actorOf(req), s.clock());
    },
  );
  app.get('/v1/materials/:id', { config: readers, schema: { tags, params: MaterialIdParam, response: { 200: MaterialSchema, ...errors } } }, async (req) =>
    materials.getMaterial(s.db, (req.params as { id: number }).id),
  );
  app.put(
    '/v1/materials/:id',
    { config: writers, schema: { tags, summary: 'Replace a material’s content (a new package version)', params: MaterialIdParam, body: MaterialInputSchema, response: { 200: MaterialSchema, ...errors } } },
    async (req) => materials.updateMaterial(s.db, (req.params as { id: number }).id, req.body as MaterialInput, actorOf(req), s.clock()),
  );
  app.delete(
    '/v1/materials/:id',
    { config: writers, schema: { tags, summary: 'Retire a material: it stops matching (kept, with its history)', params: MaterialIdParam, response: { 200: MaterialSchema, ...errors } } },
    async (req) => materials.retireMaterial(s.db, (req.params as { id: number }).id, actorOf(req), s.clock()),
  );
  app.get(
    '/v1/materials/:id/history',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Every version of a material, newest first',
        params: MaterialIdParam,
        response: { 200: Type.Object({ history: Type.Array(Type.Object({ package_version: Type.Integer(), changed_at: Type.String(), changed_by: Type.String(), material: MaterialSchema })) }), ...errors },
      },
    },
    async (req) => ({ history: await materials.materialHistory(s.db, (req.params as { id: number }).id) }),
  );

  app.get(
    '/v1/packages/:id/export',
    {
      config: readers,
      schema: {
        tags,
        summary: 'The package’s materials as CSV or JSON, in the shape import reads',
        params: IdParam,
        querystring: Type.Object({ format: literals(materials.EXPORT_FORMATS, { default: 'csv' }) }),
        response: { 200: { description: 'CSV with a header, or a JSON array of materials', content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array' } } } }, ...errors },
      },
    },
    async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const format = (req.query as { format: materials.ExportFormat }).format;
      const body = await materials.exportPackage(s.db, id, format);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${id}.${format}"`)
        .send(body);
    },
  );

  const hits = (target: (params: unknown) => materials.HitTarget) => async (req: { params: unknown; query: unknown }) => {
    const q = req.query as HitsQueryT;
    const to = q.to ? new Date(q.to) : s.clock();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
    const t = target(req.params);
    if (t.packageId !== undefined) await materials.getPackage(s.db, t.packageId);
    else await materials.getMaterial(s.db, t.materialId);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      bucket: q.bucket,
      over_time: await materials.hitsOverTime(s.db, { ...t, from, to, bucket: q.bucket }),
      recent: await materials.recentHits(s.db, { ...t, limit: q.limit }),
    };
  };
  const hitsSchema = (params: typeof IdParam | typeof MaterialIdParam, what: string) => ({
    tags,
    summary: `Hits of ${what}: counts per hour or day split test/live, and the latest hits`,
    params,
    querystring: HitsQuery,
    response: { 200: HitsSchema, ...errors },
  });
  app.get('/v1/materials/:id/hits', { config: readers, schema: hitsSchema(MaterialIdParam, 'a material') }, hits((p) => ({ materialId: (p as { id: number }).id })));
  app.get('/v1/packages/:id/hits', { config: readers, schema: hitsSchema(IdParam, 'a package') }, hits((p) => ({ packageId: (p as { id: string }).id })));

  // Import lives in a plugin of its own so its raw-text parsers and its 64 MiB limit apply to it alone.
  app.register(async (scope) => {
    const raw = { parseAs: 'string' as const, bodyLimit: MAX_IMPORT_BYTES };
    const keep = (_req: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => done(null, body);
    // JSON arrives as text too: import reads it itself to name the index and field of a bad material.
    scope.removeContentTypeParser('application/json');
    for (const type of ['application/json', 'text/csv', 'application/x-ndjson', 'text/plain']) scope.addContentTypeParser(type, raw, keep);
    scope.setErrorHandler((err: FastifyError, request, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ error: 'payload_too_large', message: `the import is larger than ${MAX_IMPORT_BYTES / MiB} MiB; split it into several files` });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send({ error: 'unsupported_media_type', message: 'send text/csv, application/json, application/x-ndjson or text/plain (with ?format=hma)' });
      return errorHandler(err, request, reply);
    });
    const parentCompiler = scope.validatorCompiler;
    if (!parentCompiler) throw new Error('the app must set its validator compiler before the material routes');
    const acceptAnything = () => true;
    const text = { type: 'string' } as const;
    scope.post(
      '/v1/packages/:id/import',
      {
        config: writers,
        bodyLimit: MAX_IMPORT_BYTES,
        // The body is read and checked by the import itself; these schemas document it.
        validatorCompiler: (route) => (route.httpPart === 'body' ? acceptAnything : parentCompiler(route)),
        schema: {
          tags,
          summary: `Import materials in bulk (up to ${materials.MAX_IMPORT_ROWS} rows, ${MAX_IMPORT_BYTES / MiB} MiB) as one package version`,
          description:
            'Formats: CSV with a header naming the columns (`' + materials.CSV_COLUMNS.join(',') + '`; lists separated by `|`), a JSON array of materials, NDJSON, ' +
            'or (`format=hma`) an HMA / ThreatExchange hash file (`collab,signal_type,signal_str,category,tags` with a header, `hash,id,added_on,tags` without, or one `signal_type signal` per line). ' +
            'A material the package already has keeps what its row leaves out (a missing column or key, an empty status, severity, match_mode or policy_id cell); ' +
            'a new one takes the defaults: severity the policy’s tier, match_mode word, status `status` (default testing), policy_id `policy`. ' +
            'An empty note, within, max_distance, min_frame_share or list cell (or JSON null) clears it. ' +
            '`mode=merge` updates materials with the same kind, value and near and adds the rest; `mode=replace` also retires materials the file does not hold. ' +
            'Every row is checked first: one bad row refuses the whole import (400, naming the line and column, or index and field) and nothing changes.',
          params: IdParam,
          querystring: ImportQuery,
          body: { content: { 'text/csv': { schema: text }, 'application/json': { schema: { type: 'array' } }, 'application/x-ndjson': { schema: text }, 'text/plain': { schema: text } } },
          response: { 200: ImportSummarySchema, ...errors, 413: ErrorSchema, 415: ErrorSchema },
        },
      },
      async (req) => {
        const started = performance.now();
        const q = req.query as { mode: materials.ImportMode; format?: materials.ImportFormat; policy?: string; status?: MaterialStatus };
        const format = formatOf(q, req.headers['content-type']);
        const body = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
        if (!body.trim()) throw new HttpError(400, 'invalid_import', 'the body is empty; send the file to import');
        const summary = await materials.importMaterials(s.db, (req.params as { id: string }).id, body, { format, mode: q.mode, policy: q.policy, status: q.status }, actorOf(req), s.clock());
        return { ...summary, seconds: Math.round(performance.now() - started) / 1000 };
      },
    );
  });
}
