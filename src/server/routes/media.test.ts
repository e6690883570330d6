// The media HTTP endpoints through the real app (app.inject): upload by bytes or reference, reads by role,
// and the 4xx answers to bad input, which record nothing.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { resetDatabase } from '../../../test/support/db.js';
import { createApiKey } from '../../store/api-keys.js';
import { texturedImage, wavBytes } from '../../media/test-fixtures.js';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('media routes', () => {
  let vigil: TestVigil;
  let admin: string;
  let png: Buffer;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    png = await texturedImage('png', 400, 300);
  });
  afterAll(() => vigil?.close());
  beforeEach(async () => {
    await resetDatabase(vigil.services.db);
    for (const role of ['admin', 'analyst', 'moderator', 'viewer', 'ingest'] as const) {
      keys[role] = (await createApiKey(vigil.services.db, `test-${role}`, [role], new Date())).key;
    }
    admin = keys.admin;
  });

  const upload = (payload: Buffer | string, contentType: string | undefined, key = admin) =>
    vigil.app.inject({ method: 'POST', url: '/v1/media', payload, headers: { authorization: `Bearer ${key}`, ...(contentType ? { 'content-type': contentType } : {}) } });
  const get = (url: string, key = admin) => vigil.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const mediaRows = async () => vigil.services.db.selectFrom('media').selectAll().execute();

  it('stores uploaded bytes: 201 with the record, then 200 with the same record for the same bytes', async () => {
    const first = await upload(png, 'image/png');
    expect(first.statusCode).toBe(201);
    const record = first.json();
    expect(record).toMatchObject({
      sha256: sha256Of(png),
      md5: createHash('md5').update(png).digest('hex'),
      kind: 'image',
      mime: 'image/png',
      size_bytes: png.length,
      width: 400,
      height: 300,
      duration_s: null,
      stored: true,
      thumbnail: true,
    });
    const again = await upload(png, 'application/octet-stream', keys.ingest);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(record);
    expect(await mediaRows()).toHaveLength(1);
  });

  it('detects the type from the bytes whatever the Content-Type says', async () => {
    const jpeg = await texturedImage('jpeg', 50, 50);
    const res = await upload(jpeg, 'video/mp4');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'image', mime: 'image/jpeg' });
    expect((await upload(wavBytes(0.2), 'audio/wav')).json()).toMatchObject({ kind: 'audio', mime: 'audio/wav', thumbnail: false });
  });

  it('serves the record, the original bytes, the blurred thumbnail and the clear preview', async () => {
    const sha = sha256Of(png);
    await upload(png, 'image/png');
    const record = await get(`/v1/media/${sha}`, keys.viewer);
    expect(record.statusCode).toBe(200);
    expect(record.json()).toMatchObject({ sha256: sha, mime: 'image/png', created_at: expect.any(String) });

    const content = await get(`/v1/media/${sha}/content`, keys.moderator);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.rawPayload.equals(png)).toBe(true);

    const thumbnail = await get(`/v1/media/${sha}/thumbnail`, keys.viewer);
    const preview = await get(`/v1/media/${sha}/preview`, keys.analyst);
    for (const res of [thumbnail, preview]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(await sharp(res.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    }
    // /thumbnail is the blurred one and /preview the clear one, not the other way round.
    expect(thumbnail.rawPayload.equals((await vigil.services.media.thumbnail(sha, 'blurred'))!)).toBe(true);
    expect(preview.rawPayload.equals((await vigil.services.media.thumbnail(sha, 'clear'))!)).toBe(true);
  });

  it('shows viewers only the blurred thumbnail, and lets ingest keys upload and check but not see media', async () => {
    const sha = sha256Of(png);
    await upload(png, 'image/png', keys.ingest);
    expect((await get(`/v1/media/${sha}/thumbnail`, keys.viewer)).statusCode).toBe(200);
    expect((await get(`/v1/media/${sha}/preview`, keys.viewer)).statusCode).toBe(403);
    expect((await get(`/v1/media/${sha}/content`, keys.viewer)).statusCode).toBe(403);
    expect((await get(`/v1/media/${sha}`, keys.ingest)).statusCode).toBe(200);
    expect((await get(`/v1/media/${sha}/thumbnail`, keys.ingest)).statusCode).toBe(403);
    expect((await get(`/v1/media/${sha}/content`, keys.ingest)).statusCode).toBe(403);
    expect((await upload(png, 'image/png', keys.moderator)).statusCode).toBe(403);
  });

  it('records a JSON reference (201, then 200) whose bytes and thumbnails are not available', async () => {
    const sha = 'e'.repeat(64);
    const body = JSON.stringify({ url: 'https://cdn.example.com/v.mp4', sha256: sha, kind: 'video' });
    const first = await upload(body, 'application/json', keys.ingest);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ sha256: sha, kind: 'video', stored: false, thumbnail: false, source_url: 'https://cdn.example.com/v.mp4' });
    expect((await upload(body, 'application/json')).statusCode).toBe(200);

    const content = await get(`/v1/media/${sha}/content`);
    expect(content.statusCode).toBe(404);
    expect(content.json()).toEqual({ error: 'not_stored', message: expect.stringContaining('https://cdn.example.com/v.mp4') });
    const thumbnail = await get(`/v1/media/${sha}/thumbnail`);
    expect(thumbnail.statusCode).toBe(404);
    expect(thumbnail.json()).toEqual({ error: 'no_thumbnail', message: expect.stringContaining('only by reference') });
  });

  it('answers a malformed hash with 400 and an unknown one with 404, on every read route', async () => {
    for (const suffix of ['', '/content', '/thumbnail', '/preview']) {
      const bad = await get(`/v1/media/${'A'.repeat(64)}${suffix}`);
      expect(bad.statusCode, suffix).toBe(400);
      expect(bad.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('sha256') });
      const unknown = await get(`/v1/media/${'0'.repeat(64)}${suffix}`);
      expect(unknown.statusCode, suffix).toBe(404);
      expect(unknown.json()).toEqual({ error: 'not_found', message: `no media with sha256 ${'0'.repeat(64)}` });
    }
  });

  it('refuses bad uploads with a clear 4xx and records nothing', async () => {
    const cases: { payload: Buffer | string; type?: string; status: number; error: string; message: RegExp }[] = [
      { payload: Buffer.alloc(0), type: 'image/png', status: 400, error: 'invalid_media', message: /body is empty/ },
      { payload: '', type: undefined, status: 400, error: 'invalid_media', message: /body is empty/ },
      { payload: Buffer.from('%PDF-1.7\nstuff'), type: 'image/png', status: 415, error: 'unsupported_media_type', message: /the bytes are pdf document .*\(sent as image\/png\)/ },
      { payload: png.subarray(0, 200), type: 'image/png', status: 415, error: 'unsupported_media_type', message: /image\/png but cannot be decoded/ },
      { payload: 'hello', type: 'text/plain', status: 415, error: 'unsupported_media_type', message: /application\/octet-stream, or a reference as application\/json/ },
      { payload: Buffer.from('x'), type: 'application/zip', status: 415, error: 'unsupported_media_type', message: /send media bytes as image\/\*/ },
      { payload: '{"url":"https://x.example/a","sha256":"abc","kind":"image"}', type: 'application/json', status: 400, error: 'invalid_request', message: /body\.sha256/ },
      { payload: `{"url":"https://x.example/a","sha256":"${'a'.repeat(64)}","kind":"image","extra":1}`, type: 'application/json', status: 400, error: 'invalid_request', message: /extra/ },
      { payload: `{"url":"ftp://x.example/a","sha256":"${'a'.repeat(64)}","kind":"image"}`, type: 'application/json', status: 400, error: 'invalid_media', message: /http or https/ },
      { payload: '{"url":', type: 'application/json', status: 400, error: 'invalid_json', message: /not valid JSON/ },
    ];
    for (const c of cases) {
      const res = await upload(c.payload, c.type);
      expect(res.statusCode, `${c.type}: ${String(c.payload).slice(0, 30)}`).toBe(c.status);
      expect(res.json()).toMatchObject({ error: c.error, message: expect.stringMatching(c.message) });
    }
    expect(await mediaRows()).toEqual([]);
  });

  it('accepts bodies far above the 1 MiB API limit but refuses more than 50 MiB with 413', async () => {
    // A 2,000 × 1,500 PNG of noise is several MiB: over the app-wide limit, within the media one.
    const big = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    expect((await upload(big, 'image/png')).statusCode).toBe(201);

    const tooBig = await upload(Buffer.alloc(50 * 1024 * 1024 + 1, 1), 'video/mp4');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toEqual({ error: 'payload_too_large', message: 'the body is larger than 50 MiB, the most this endpoint accepts' });
    expect(await mediaRows()).toHaveLength(1);
  });

  it('keeps its raw-body parsers to itself: other endpoints still refuse image bodies', async () => {
    const res = await vigil.app.inject({ method: 'POST', url: '/v1/events', payload: png, headers: { authorization: `Bearer ${admin}`, 'content-type': 'image/png' } });
    expect(res.statusCode).toBe(415);
  });

  it('documents both upload forms and the binary responses in the OpenAPI document', async () => {
    const doc = (await vigil.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const post = doc.paths['/v1/media'].post;
    expect(Object.keys(post.requestBody.content).sort()).toEqual(['application/json', 'application/octet-stream', 'audio/*', 'image/*', 'video/*']);
    expect(post.requestBody.content['application/json'].schema.required.sort()).toEqual(['kind', 'sha256', 'url']);
    expect(doc.paths['/v1/media/{sha256}/thumbnail'].get.responses['200'].content['image/jpeg']).toBeDefined();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/v1/media')).sort()).toEqual([
      '/v1/media',
      '/v1/media/{sha256}',
      '/v1/media/{sha256}/content',
      '/v1/media/{sha256}/preview',
      '/v1/media/{sha256}/thumbnail',
    ]);
  });
});
