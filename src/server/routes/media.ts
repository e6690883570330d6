// POST /v1/media (upload bytes, or record a reference by hash and URL) and GET /v1/media/{sha256}
// with /content (original bytes), /thumbnail (blurred, for everyone who reads) and /preview (clear).
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifySchemaCompiler } from 'fastify';
import { ACCEPTED_FORMATS, InvalidMediaError, MAX_MEDIA_BYTES, MEDIA_KINDS, UnsupportedMediaError, type MediaRecord, type MediaReference } from '../../media/index.js';
import type { Role } from '../../domain/index.js';
import { READERS } from '../auth.js';
import { errorHandler, ErrorSchema, HttpError } from '../errors.js';
import type { Services } from '../services.js';

/** Original bytes and clear thumbnails are for people who act on content; viewers get the blurred thumbnail only. */
const SEES_UNBLURRED: readonly Role[] = ['admin', 'analyst', 'moderator'];
const RAW_MEDIA_TYPE = /^(image|video|audio)\/[^\s;]+/i;
const RAW_TYPES_TEXT = 'image/*, video/*, audio/* or application/octet-stream';
const MiB = 1024 * 1024;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'lower-case hex SHA-256 of the bytes' });
const Kind = Type.Union(MEDIA_KINDS.map((k) => Type.Literal(k)));
const MediaRecordJson = Type.Object({
  sha256: Sha256,
  md5: Nullable(Type.String()),
  kind: Kind,
  mime: Nullable(Type.String()),
  size_bytes: Nullable(Type.Integer()),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  duration_s: Nullable(Type.Number()),
  source_url: Nullable(Type.String()),
  stored: Type.Boolean({ description: 'whether Vigil holds the bytes (false for a reference)' }),
  thumbnail: Type.Boolean({ description: 'whether blurred and clear thumbnails exist' }),
  created_at: Type.String({ format: 'date-time' }),
});
const ReferenceBody = Type.Object({ url: Type.String({ maxLength: 2000 }), sha256: Sha256, kind: Kind }, { additionalProperties: false });
const Binary = { type: 'string', format: 'binary' } as const;
const jpeg = (description: string) => ({ description, content: { 'image/jpeg': { schema: Binary } } });

const mediaJson = (m: MediaRecord) => ({ ...m, created_at: m.created_at.toISOString() });

/** The media capability's refusals as HTTP answers: undecodable or unknown bytes are 415, bad requests 400. */
async function answeringMediaErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UnsupportedMediaError) throw new HttpError(415, 'unsupported_media_type', err.message);
    if (err instanceof InvalidMediaError) throw new HttpError(400, 'invalid_media', err.message);
    throw err;
  }
}

const unknownMedia = (sha256: string) => new HttpError(404, 'not_found', `no media with sha256 ${sha256}`);

function sendBytes(reply: FastifyReply, bytes: Buffer, mime: string, cache: string) {
  // The type is one Vigil sniffed and accepts (no HTML or SVG), and nosniff keeps browsers from guessing another.
  return reply.header('content-type', mime).header('x-content-type-options', 'nosniff').header('cache-control', cache).send(bytes);
}

export function mediaRoutes(app: FastifyInstance, s: Services) {
  // A plugin of its own so the raw-body parsers and the 50 MiB limit apply to these routes only.
  app.register(async (scope) => {
    const parseRaw = { parseAs: 'buffer' as const, bodyLimit: MAX_MEDIA_BYTES };
    scope.addContentTypeParser(RAW_MEDIA_TYPE, parseRaw, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('application/octet-stream', parseRaw, (_request, body, done) => done(null, body));
    scope.setErrorHandler((err: FastifyError, request, reply) => {
      // The app-wide messages speak of event batches; these say what the media endpoint accepts.
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const limit = RAW_MEDIA_TYPE.test(request.headers['content-type'] ?? '') || request.headers['content-type'] === 'application/octet-stream' ? MAX_MEDIA_BYTES / MiB : 1;
        return reply.status(413).send({ error: 'payload_too_large', message: `the body is larger than ${limit} MiB, the most this endpoint accepts` });
      }
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.status(415).send({ error: 'unsupported_media_type', message: `send media bytes as ${RAW_TYPES_TEXT}, or a reference as application/json` });
      }
      return errorHandler(err, request, reply);
    });

    // Only the JSON reference body has a schema to check; raw bytes are checked by the media capability.
    const parentCompiler = scope.validatorCompiler;
    if (!parentCompiler) throw new Error('the app must set its validator compiler before the media routes');
    const acceptAnything = () => true;
    const jsonBodyOnly: FastifySchemaCompiler<unknown> = (route) => (route.httpPart === 'body' && route.contentType !== 'application/json' ? acceptAnything : parentCompiler(route));

    scope.post(
      '/v1/media',
      {
        config: { roles: ['ingest', 'admin'] },
        validatorCompiler: jsonBodyOnly,
        schema: {
          tags: ['media'],
          summary: `Upload media bytes (up to ${MAX_MEDIA_BYTES / MiB} MiB), or record a reference by hash and URL`,
          description:
            `Bytes: send them as the body with Content-Type ${RAW_TYPES_TEXT}. The type is detected from the bytes, not the header. ` +
            `Accepted: ${ACCEPTED_FORMATS}. Stored by SHA-256 (idempotent); images and video (when ffmpeg is installed) get a clear and a blurred thumbnail. ` +
            'Reference: send JSON `{ url, sha256, kind }` to record media Vigil does not hold. ' +
            '201 when something new was recorded (a new hash, or the bytes of a known reference), 200 when it was already there.',
          body: {
            content: {
              'application/json': { schema: ReferenceBody },
              'image/*': { schema: Binary },
              'video/*': { schema: Binary },
              'audio/*': { schema: Binary },
              'application/octet-stream': { schema: Binary },
            },
          },
          response: { 200: MediaRecordJson, 201: MediaRecordJson, 400: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const contentType = request.headers['content-type'];
        const result = await answeringMediaErrors(async () => {
          if (Buffer.isBuffer(body)) return s.media.putBytes(body, contentType);
          if (body === undefined || body === null) throw new InvalidMediaError(`the body is empty; send media bytes as ${RAW_TYPES_TEXT}, or a JSON reference`);
          if (typeof body !== 'object') throw new HttpError(415, 'unsupported_media_type', `send media bytes as ${RAW_TYPES_TEXT}, or a reference as application/json`);
          return s.media.putReference(body as MediaReference);
        });
        return reply.status(result.created ? 201 : 200).send(mediaJson(result.media));
      },
    );

    const params = Type.Object({ sha256: Sha256 });
    type Params = { sha256: string };

    scope.get(
      '/v1/media/:sha256',
      {
        // The platform (ingest keys) asks too, to skip uploading bytes Vigil already has.
        config: { roles: [...READERS, 'ingest'] },
        schema: { tags: ['media'], summary: 'What Vigil knows about a medium', params, response: { 200: MediaRecordJson, 400: ErrorSchema, 404: ErrorSchema } },
      },
      async (request) => {
        const { sha256 } = request.params as Params;
        const media = await s.media.get(sha256);
        if (!media) throw unknownMedia(sha256);
        return mediaJson(media);
      },
    );

    scope.get(
      '/v1/media/:sha256/content',
      {
        config: { roles: SEES_UNBLURRED },
        schema: {
          tags: ['media'],
          summary: 'The original bytes, unblurred',
          params,
          response: { 200: { description: 'the bytes, with their detected media type', content: { 'application/octet-stream': { schema: Binary } } }, 400: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { sha256 } = request.params as Params;
        const media = await s.media.get(sha256);
        if (!media) throw unknownMedia(sha256);
        const bytes = media.stored ? await s.media.bytes(sha256) : undefined;
        if (!bytes || !media.mime) {
          const where = media.source_url ? ` (seen at ${media.source_url})` : '';
          throw new HttpError(404, 'not_stored', `media ${sha256} is known only by reference; Vigil does not hold its bytes${where}`);
        }
        // Content-addressed: the bytes under this hash can never change.
        return sendBytes(reply, bytes, media.mime, 'private, max-age=31536000, immutable');
      },
    );

    const thumbnailRoute = (suffix: string, variant: 'blurred' | 'clear', roles: readonly Role[], summary: string) =>
      scope.get(
        `/v1/media/:sha256/${suffix}`,
        {
          config: { roles },
          schema: { tags: ['media'], summary, params, response: { 200: jpeg(`${variant} JPEG, at most 320 px`), 400: ErrorSchema, 404: ErrorSchema } },
        },
        async (request, reply) => {
          const { sha256 } = request.params as Params;
          const thumbnail = await s.media.thumbnail(sha256, variant);
          if (!thumbnail) {
            const media = await s.media.get(sha256);
            if (!media) throw unknownMedia(sha256);
            throw new HttpError(404, 'no_thumbnail', `media ${sha256} has no thumbnail (${whyNoThumbnail(media)})`);
          }
          // A day, not forever: thumbnails may be remade if the thumbnail recipe changes.
          return sendBytes(reply, thumbnail, 'image/jpeg', 'private, max-age=86400');
        },
      );
    thumbnailRoute('thumbnail', 'blurred', READERS, 'Blurred thumbnail (JPEG): safe to show by default');
    thumbnailRoute('preview', 'clear', SEES_UNBLURRED, 'Clear thumbnail (JPEG), for reviewers who choose to unblur');
  });
}

function whyNoThumbnail(media: MediaRecord): string {
  if (!media.stored) return 'it is known only by reference';
  if (media.kind === 'audio') return 'audio has none';
  return 'no frame could be extracted; ffmpeg may not be installed';
}
