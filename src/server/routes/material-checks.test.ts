import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findVideoTools } from '../../media/index.js';
import { underCi } from '../../../test/support/services.js';
import { describeEachBackend } from '../../../test/support/db.js';
import { eventually, startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { uid } from '../../../test/support/events.js';
import { pdqHashImage } from '../../materials/pdq/index.js';
import { texturedJpeg } from '../../materials/pdq/texture-fixture.js';
import sharp from 'sharp';

const codePoints = (s: string, start: number, end: number) => Array.from(s).slice(start, end).join('');

describeEachBackend('materials in the event path, try, preview and image lookup', (backend) => {
  let vigil: TestVigil;
  const pkg = uid('pkg').replace(/-/g, '_').toLowerCase();
  const ids: Record<string, number> = {};

  const material = (body: Record<string, unknown>) => ({ languages: [], policy_id: 'spam', severity: 4, match_mode: 'word', exceptions: [], status: 'active', opt_out: [], ...body });

  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    const created = await vigil.request('POST', '/v1/packages', { body: { id: pkg, name: 'Scam words', owner: 'ads integrity', scope: { surfaces: [], markets: [], languages: [] } } });
    expect(created.status, created.text).toBe(201);
    for (const [name, body] of Object.entries({
      money: material({ kind: 'phrase', value: 'free money' }),
      book: material({ kind: 'term', value: 'كتاب', languages: ['ar'] }),
      trial: material({ kind: 'phrase', value: 'crypto giveaway', status: 'testing' }),
      domain: material({ kind: 'domain', value: 'scam-example.com' }),
    })) {
      const res = await vigil.request('POST', `/v1/packages/${pkg}/materials`, { body });
      expect(res.status, res.text).toBe(201);
      ids[name] = res.json.id;
    }
  });
  afterAll(() => vigil?.close());

  it('stores a hit for every material an ingested item matches, with the span of the original text', async () => {
    const text = 'Get FR\u200bEE m0ney now at https://www.scam-example.com/win';
    const contentId = uid('c');
    const events = [
      { id: uid('e'), type: 'content.created', time: new Date().toISOString(), content: { id: contentId, kind: 'text_post', text, language: 'en' }, author: { id: uid('a') } },
      { id: uid('e'), type: 'comment', time: new Date().toISOString(), content: { id: uid('c'), kind: 'comment', text: 'خذ والكتاب معك', language: 'ar' }, author: { id: uid('a') }, target: { type: 'content', id: contentId } },
      { id: uid('e'), type: 'comment', time: new Date().toISOString(), content: { id: uid('c'), kind: 'comment', text: 'a Crypto   Giveaway!', language: 'en' }, author: { id: uid('a') }, target: { type: 'content', id: contentId } },
    ];
    // Materials take effect when the set is rebuilt (polled every second); rebuild now rather than wait.
    await vigil.services.materials.refresh();
    expect((await vigil.request('POST', '/v1/events', { body: { events } })).json.accepted).toBe(3);
    const hits = await eventually(async () => {
      const rows = await vigil.services.db.selectFrom('material_hits').selectAll().where('package_id', '=', pkg).orderBy('id').execute();
      return rows.length >= 4 && rows;
    }, 20_000);
    const byMaterial = new Map(hits.map((h) => [h.material_id, h]));
    const money = byMaterial.get(ids.money)!;
    expect(codePoints(text, money.span_start!, money.span_end!)).toBe('FR\u200bEE m0ney');
    expect(money).toMatchObject({ item_type: 'content', item_id: contentId, surface: 'post', field: 'text', test: false, event_id: events[0].id });
    expect(byMaterial.get(ids.domain)).toMatchObject({ item_id: contentId, test: false });
    const book = byMaterial.get(ids.book)!;
    expect(codePoints('خذ والكتاب معك', book.span_start!, book.span_end!)).toBe('كتاب');
    expect(book.surface).toBe('comment');
    expect(byMaterial.get(ids.trial)).toMatchObject({ test: true, matched: 'Crypto   Giveaway' });
    expect(hits).toHaveLength(4);
  });

  it('shows how a text is read, its hidden characters and its hits (try it)', async () => {
    const text = 'FR\u200bEE m0ney';
    const res = await vigil.request('POST', '/v1/materials/try', { body: { text, language: 'en' } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.normalised).toBe('fre money'); // repeated letters squeezed, as the matcher reads it
    expect(res.json.hidden).toEqual([{ index: 2, code_point: 'U+200B', name: 'ZERO WIDTH SPACE' }]);
    expect(res.json.hits).toEqual([expect.objectContaining({ material_id: ids.money, start: 0, end: 11, value: 'free money', test: false })]);
    const bad = await vigil.request('POST', '/v1/materials/try', { body: { text: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/text/);
  });

  it('previews a draft material over the stored content of the last days without saving it', async () => {
    const before = (await vigil.request('GET', `/v1/packages/${pkg}`)).json.version;
    const res = await vigil.request('POST', '/v1/materials/preview', { body: { package_id: pkg, material: material({ kind: 'term', value: 'now' }) } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.hits.length).toBeGreaterThanOrEqual(1);
    const hit = res.json.hits[0];
    expect(codePoints(hit.text, hit.start, hit.end).toLowerCase()).toBe('now');
    expect((await vigil.request('GET', `/v1/packages/${pkg}`)).json.version).toBe(before);
    const invalid = await vigil.request('POST', '/v1/materials/preview', { body: { package_id: pkg, material: material({ kind: 'pattern', value: '(unclosed' }) } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toMatch(/material\.value/);
  });

  it('hashes an uploaded image and finds the banked copy within distance 31', async () => {
    const banked = await texturedJpeg(5, 95);
    const { hash } = await pdqHashImage(banked);
    const add = await vigil.request('POST', `/v1/packages/${pkg}/materials`, { body: material({ kind: 'image_hash', value: hash, match_mode: 'substring' }) });
    expect(add.status, add.text).toBe(201);
    await vigil.services.materials.refresh();
    const recompressed = await texturedJpeg(5, 40);
    const res = await vigil.request('POST', '/v1/hashes/image', { raw: recompressed, contentType: 'image/jpeg' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.quality).toBeGreaterThanOrEqual(50);
    expect(res.json.matches).toEqual([expect.objectContaining({ material_id: add.json.id, value: hash })]);
    expect(res.json.matches[0].distance).toBeLessThanOrEqual(31);
    const unrelated = await vigil.request('POST', '/v1/hashes/image', { raw: await texturedJpeg(99, 90), contentType: 'image/jpeg' });
    expect(unrelated.json.matches).toEqual([]);
    const notImage = await vigil.request('POST', '/v1/hashes/image', { raw: Buffer.from('hello'), contentType: 'image/png' });
    expect(notImage.status).toBe(400);

    // Media is fingerprinted on arrival; a post showing a mirrored copy hits the banked image through its dihedral variants.
    const mirrored = await sharp(recompressed).flop().jpeg({ quality: 80 }).toBuffer();
    const uploaded = await vigil.request('POST', '/v1/media', { raw: mirrored, contentType: 'image/jpeg' });
    expect(uploaded.status, uploaded.text).toBe(201);
    const sha256 = uploaded.json.sha256;
    const row = await vigil.services.db.selectFrom('media').select(['pdq', 'pdq_quality', 'pdq_dihedral']).where('sha256', '=', sha256).executeTakeFirstOrThrow();
    expect(row.pdq).toBe((await pdqHashImage(mirrored)).hash);
    expect(row.pdq_dihedral).toHaveLength(8);
    const contentId = uid('c');
    const post = { id: uid('e'), type: 'content.created', time: new Date().toISOString(), content: { id: contentId, kind: 'photo', media: [{ sha256, kind: 'image' }] }, author: { id: uid('a') } };
    expect((await vigil.request('POST', '/v1/events', { body: { events: [post] } })).json.accepted).toBe(1);
    const hit = await eventually(() => vigil.services.db.selectFrom('material_hits').selectAll().where('item_id', '=', contentId).executeTakeFirst(), 20_000);
    expect(hit).toMatchObject({ material_id: add.json.id, field: `media:${sha256}`, test: false });
    expect(hit.distance).toBeLessThanOrEqual(31);
  });
});

describeEachBackend('videos fingerprinted on arrival and matched by their frames', (backend) => {
  let vigil: TestVigil;
  const tools = findVideoTools();
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  it('stores a video’s frame hashes and a post showing a re-encoded copy hits the banked video', async (context) => {
    if (!(await tools)) {
      if (underCi()) throw new Error('ffmpeg is required under CI');
      console.warn('[skip] ffmpeg is not installed; video fingerprinting is not tested');
      return context.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-video-'));
    const ffmpeg = (args: string[]) => promisify(execFile)('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10', '-t', '5', '-c:v', 'mpeg4', '-q:v', '2', path.join(dir, 'a.mp4')]);
    await ffmpeg(['-i', path.join(dir, 'a.mp4'), '-vf', 'scale=240:180', '-c:v', 'mpeg4', '-b:v', '200k', path.join(dir, 'b.mp4')]);
    const upload = async (name: string) => (await vigil.request('POST', '/v1/media', { raw: fs.readFileSync(path.join(dir, name)), contentType: 'video/mp4' })).json.sha256 as string;
    const original = await upload('a.mp4');
    const frames = async (sha256: string) => (await vigil.services.db.selectFrom('media').select('frame_pdq').where('sha256', '=', sha256).executeTakeFirstOrThrow()).frame_pdq;
    const bankedFrames = await frames(original);
    expect(bankedFrames?.length).toBeGreaterThanOrEqual(4);

    const pkg = uid('vid').replace(/-/g, '_').toLowerCase();
    await vigil.request('POST', '/v1/packages', { body: { id: pkg, name: 'Known videos', owner: 'video integrity', scope: { surfaces: [], markets: [], languages: [] } } });
    const material = await vigil.request('POST', `/v1/packages/${pkg}/materials`, {
      body: { kind: 'video_hash', value: bankedFrames!.join(','), languages: [], policy_id: 'violence', severity: 1, match_mode: 'substring', exceptions: [], status: 'active', opt_out: [] },
    });
    expect(material.status, material.text).toBe(201);
    await vigil.services.materials.refresh();

    const copy = await upload('b.mp4');
    expect(copy).not.toBe(original);
    const contentId = uid('c');
    const post = { id: uid('e'), type: 'content.created', time: new Date().toISOString(), content: { id: contentId, kind: 'video', media: [{ sha256: copy, kind: 'video' }] }, author: { id: uid('a') } };
    expect((await vigil.request('POST', '/v1/events', { body: { events: [post] } })).json.accepted).toBe(1);
    const hit = await eventually(() => vigil.services.db.selectFrom('material_hits').selectAll().where('item_id', '=', contentId).executeTakeFirst(), 20_000);
    expect(hit).toMatchObject({ material_id: material.json.id, field: `media:${copy}`, policy_id: 'violence' });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
