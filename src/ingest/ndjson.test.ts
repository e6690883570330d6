import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../test/support/app.js';
import { contentCreated, login } from '../../test/support/events.js';
import { VigilClient } from './http-client.js';
import { NdjsonLineError, sendNdjsonFile, uploadMediaBeside } from './ndjson.js';

describe('replaying an NDJSON file (vigil ingest)', () => {
  let vigil: TestVigil;
  let dir: string;
  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ndjson-'));
  });
  afterAll(async () => {
    await vigil?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };

  it('sends every event in batches of at most 1,000 and reports duplicates on a replay', async () => {
    const events = Array.from({ length: 2_345 }, () => login());
    const file = write('ok.ndjson', events.map((e) => JSON.stringify(e)));
    const client = new VigilClient({ baseUrl: vigil.url, apiKey: await vigil.keyFor('ingest') });
    const batches: number[] = [];
    const first = await sendNdjsonFile(client, file, { onProgress: (p) => batches.push(p.accepted) });
    expect(first).toMatchObject({ accepted: 2_345, duplicates: 0, rejectedBatches: 0, lines: 2_345 });
    expect(batches).toEqual([1000, 2000, 2345]);
    const again = await sendNdjsonFile(client, file);
    expect(again).toMatchObject({ accepted: 0, duplicates: 2_345 });
  });

  it('names the file line of an event the server refused, and stops there', async () => {
    const good = contentCreated();
    const bad = { ...contentCreated(), type: 'content.vanished' };
    const file = write('bad.ndjson', [JSON.stringify(login()), '', JSON.stringify(good), JSON.stringify(bad), JSON.stringify(login())]);
    const client = new VigilClient({ baseUrl: vigil.url, apiKey: vigil.adminKey });
    const rejected: { line?: number; status: number; message: string }[] = [];
    const progress = await sendNdjsonFile(client, file, { onRejected: (r) => rejected.push(r) });
    expect(progress.accepted).toBe(0);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ line: 4, status: 400 });
    expect(rejected[0].message).toContain('unknown event type "content.vanished"');
  });

  it('refuses a line that is not JSON with its line and column, before sending it', async () => {
    const file = write('broken.ndjson', [JSON.stringify(login()), '{"id": "x", "type": }']);
    const client = new VigilClient({ baseUrl: vigil.url, apiKey: vigil.adminKey });
    const err = await sendNdjsonFile(client, file).catch((e) => e);
    expect(err).toBeInstanceOf(NdjsonLineError);
    expect(err.message).toMatch(/^line 2, column \d+: not valid JSON/);
  });

  it('keeps retrying while the server is unreachable, and delivers once it answers', async () => {
    const retries: string[] = [];
    let calls = 0;
    // The first three connections fail the way a stopped server fails; then the real server answers.
    const flaky = (async (...args: Parameters<typeof fetch>) => {
      calls += 1;
      if (calls <= 3) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1') });
      return fetch(...args);
    }) as typeof fetch;
    const client = new VigilClient({ baseUrl: vigil.url, apiKey: vigil.adminKey, fetch: flaky, sleep: async () => undefined, onRetry: (info) => retries.push(info.error ?? '') });
    expect(await client.postEvents([login()])).toMatchObject({ ok: true, accepted: 1 });
    expect(retries).toHaveLength(3);
    expect(retries[0]).toContain('ECONNREFUSED');
  });
});

describe('a simulator file replays into Vigil (vigil simulate --out, then vigil ingest)', () => {
  let vigil: TestVigil;
  let dir: string;
  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-replay-'));
  });
  afterAll(async () => {
    await vigil?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts every line and every image, and a second replay is all duplicates', async () => {
    const { simulateToFile } = await import('../simulate/index.js');
    const out = path.join(dir, 'run.ndjson');
    const { stats } = await simulateToFile({ out, config: { seed: 3, accounts: 300, days: 0.05 } });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').length;
    expect(lines).toBe(stats.events);
    const client = new VigilClient({ baseUrl: vigil.url, apiKey: await vigil.keyFor('ingest') });
    const media = await uploadMediaBeside(client, out);
    expect(media.uploaded).toBe(fs.readdirSync(`${out}.media`).length);
    expect(media.uploaded).toBeGreaterThan(0);
    const first = await sendNdjsonFile(client, out);
    expect(first).toMatchObject({ accepted: lines, duplicates: 0, rejectedBatches: 0 });
    expect(await uploadMediaBeside(client, out)).toEqual({ uploaded: 0, present: media.uploaded });
    expect((await sendNdjsonFile(client, out)).duplicates).toBe(lines);
    // Images referenced by events are known to Vigil with thumbnails.
    const withImage = (await vigil.request('GET', '/v1/events?type=content.created&limit=1000')).json.events.find((e: any) => e.body.content.media?.some((m: any) => m.kind === 'image'));
    const sha = withImage.body.content.media.find((m: any) => m.kind === 'image').sha256;
    expect((await vigil.request('GET', `/v1/media/${sha}`)).json).toMatchObject({ sha256: sha, kind: 'image', thumbnail: true });
  }, 120_000);
});
