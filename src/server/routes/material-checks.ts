// Asking the materials directly: try a text, preview a draft material on last week's content, hash and
// match an image. Read-only: nothing here changes a package.
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import { MaterialHitSchema, MaterialInputSchema, SURFACES, type MaterialInput, type Surface } from '../../domain/index.js';
import { checkImage, CheckInputError, previewMaterial, tryText } from '../../materials/index.js';
import { READERS } from '../auth.js';
import { ErrorSchema, errorHandler, HttpError } from '../errors.js';
import type { Services } from '../services.js';

const tags = ['materials'];
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const Surface = Type.Union(SURFACES.map((s) => Type.Literal(s)));
const Lang = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });

const TryBody = Type.Object(
  {
    text: Type.String({ maxLength: 100_000 }),
    language: Type.Optional(Lang),
    surface: Type.Optional(Surface),
    market: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    package_id: Type.Optional(Type.String({ description: 'Only hits of this package' })),
  },
  { additionalProperties: false },
);
const TryResponse = Type.Object({
  normalised: Type.String({ description: 'The text as the matcher reads it (word boundaries as single spaces)' }),
  hidden: Type.Array(Type.Object({ index: Type.Integer({ description: 'Code point index in `text`' }), code_point: Type.String(), name: Type.String() })),
  hits: Type.Array(Type.Intersect([MaterialHitSchema, Type.Object({ value: Type.String() })])),
});
const PreviewBody = Type.Object(
  {
    package_id: Type.String(),
    material: MaterialInputSchema,
    days: Type.Integer({ minimum: 1, maximum: 90, default: 7 }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  },
  { additionalProperties: false },
);
const PreviewResponse = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  scanned: Type.Integer({ description: 'Stored events read (newest first)' }),
  truncated: Type.Boolean({ description: 'More events or hits existed than were read or returned' }),
  hits: Type.Array(
    Type.Object({
      event_id: Type.String(),
      event_time: Type.String({ format: 'date-time' }),
      item_type: Type.String(),
      item_id: Type.String(),
      field: Type.String(),
      text: Type.String({ description: 'The whole text of the field that matched' }),
      start: Type.Optional(Type.Integer()),
      end: Type.Optional(Type.Integer()),
      matched: Type.Optional(Type.String()),
    }),
  ),
});
const ImageResponse = Type.Object({
  sha256: Type.String(),
  pdq: Type.String({ description: 'PDQ hash, 64 hex characters' }),
  quality: Type.Integer({ description: '0-100; hashes under 50 are not matched' }),
  matches: Type.Array(
    Type.Object({ material_id: Type.Integer(), package_id: Type.String(), value: Type.String(), distance: Type.Integer(), policy_id: Type.String(), test: Type.Boolean() }),
  ),
});

const badInput = (err: unknown) => {
  if (err instanceof CheckInputError) throw new HttpError(400, 'invalid_request', err.message);
  throw err;
};

export function materialCheckRoutes(app: FastifyInstance, s: Services) {
  const readers = { roles: READERS };
  app.post(
    '/v1/materials/try',
    { config: readers, schema: { tags, summary: 'Show how the matcher reads a text and what it hits (spans in code points)', body: TryBody, response: { 200: TryResponse, 400: ErrorSchema } } },
    async (req) => tryText(await s.materials.set(), req.body as { text: string; language?: string; surface?: Surface; market?: string; package_id?: string }),
  );
  app.post(
    '/v1/materials/preview',
    {
      config: readers,
      schema: { tags, summary: 'Run a draft material over the last days of stored content, before it goes active', body: PreviewBody, response: { 200: PreviewResponse, 400: ErrorSchema, 404: ErrorSchema } },
    },
    async (req) => {
      const body = req.body as { package_id: string; material: MaterialInput; days: number; limit: number };
      return previewMaterial(s.db, body, s.clock()).catch(badInput);
    },
  );
  app.register(async (scope) => {
    scope.addContentTypeParser(/^image\/[^\s;]+/i, { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((err: FastifyError, request, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ error: 'payload_too_large', message: `the image is larger than ${MAX_IMAGE_BYTES / 2 ** 20} MiB` });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send({ error: 'unsupported_media_type', message: 'send the image bytes with an image/* content type' });
      return errorHandler(err, request, reply);
    });
    scope.post(
      '/v1/hashes/image',
      {
        config: readers,
        schema: {
          tags,
          summary: 'PDQ-hash an image (with its rotations and mirrorings) and match it against the image-hash materials',
          consumes: ['image/*'],
          response: { 200: ImageResponse, 400: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
        },
      },
      async (req) => {
        const bytes = req.body as Buffer;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new HttpError(400, 'invalid_request', 'the body is empty; send the image bytes');
        return checkImage(await s.materials.set(), bytes).catch(badInput);
      },
    );
  });
}
