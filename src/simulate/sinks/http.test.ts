// The HTTP sink and action source against a real local server: batching, retries, auth, paging.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { VigilEvent } from '../../domain/index.js';
import { httpActionSource } from '../actions.js';
import { httpSink, HttpRejectedError, MAX_BATCH_BYTES, splitIntoBatches } from './http.js';

type Handler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;
let server: http.Server | undefined;

async function serve(handler: Handler): Promise<string> {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const login = (n: number, padding = 0): VigilEvent => ({ id: `e${n}`, time: '2025-03-03T00:00:00.000Z', type: 'login', account: { id: `a${n}`, display_name: 'x'.repeat(padding) } });
const noSleep = async () => {};

describe('httpSink', () => {
  it('posts every event once, in order, in batches of at most 1000 and under 1 MB, retrying 503 and 429', async () => {
    const received: string[] = [];
    const bodySizes: number[] = [];
    let calls = 0;
    const url = await serve((req, body, res) => {
      calls++;
      expect(req.headers.authorization).toBe('Bearer k3y');
      if (calls === 1) return res.writeHead(503).end('busy');
      if (calls === 2) return res.writeHead(429, { 'retry-after': '0' }).end('slow down');
      const parsed = JSON.parse(body.toString()) as { events: VigilEvent[] };
      bodySizes.push(body.length);
      expect(parsed.events.length).toBeLessThanOrEqual(1000);
      for (const e of parsed.events) received.push(e.id);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
    const retries: number[] = [];
    const sink = httpSink({ baseUrl: url, apiKey: 'k3y', sleep: noSleep, onRetry: (r) => retries.push(r.status ?? 0) });
    const events = Array.from({ length: 2500 }, (_, i) => login(i));
    await sink.send(events);
    expect(retries).toEqual([503, 429]);
    expect(received).toEqual(events.map((e) => e.id));
    expect(bodySizes.length).toBe(3);
    for (const size of bodySizes) expect(size).toBeLessThan(MAX_BATCH_BYTES);
  });

  it('keeps retrying through network errors until acknowledged', async () => {
    let attempts = 0;
    const fakeFetch: typeof fetch = async () => {
      attempts++;
      if (attempts < 4) throw new TypeError('fetch failed: ECONNREFUSED');
      return new Response('{}', { status: 200 });
    };
    await httpSink({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', fetch: fakeFetch, sleep: noSleep }).send([login(1)]);
    expect(attempts).toBe(4);
  });

  it('fails at once on a 4xx other than 429: the batch is wrong, not the weather', async () => {
    let calls = 0;
    const url = await serve((_req, _body, res) => {
      calls++;
      res.writeHead(400).end('{"error":"event 0: field time: bad"}');
    });
    await expect(httpSink({ baseUrl: url, apiKey: 'k', sleep: noSleep }).send([login(1)])).rejects.toBeInstanceOf(HttpRejectedError);
    expect(calls).toBe(1);
  });

  it('uploads media as raw bytes with their content type and returns the server’s sha256', async () => {
    const url = await serve((req, body, res) => {
      expect(req.url).toBe('/v1/media');
      expect(req.headers['content-type']).toBe('image/jpeg');
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sha256: `len${body.length}` }));
    });
    expect(await httpSink({ baseUrl: url, apiKey: 'k' }).putMedia!(Buffer.from([1, 2, 3]), 'image', 'image/jpeg')).toEqual({ sha256: 'len3' });
  });

  it('splits by size as well as by count', () => {
    const events = Array.from({ length: 30 }, (_, i) => login(i, 100_000));
    const bodies = splitIntoBatches(events);
    expect(bodies.length).toBeGreaterThan(2);
    for (const b of bodies) expect(Buffer.byteLength(b)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(bodies.flatMap((b) => (JSON.parse(b) as { events: VigilEvent[] }).events.map((e) => e.id))).toEqual(events.map((e) => e.id));
  });
});

describe('httpActionSource', () => {
  it('pages through /v1/actions after the last seq with the API key, and resumes after errors', async () => {
    const log = Array.from({ length: 5 }, (_, i) => ({ seq: i + 1, at: '2025-03-03T00:00:00.000Z', entity: { type: 'content', id: `c${i}` }, action: 'remove' }));
    const asked: string[] = [];
    let failNext = false;
    const url = await serve((req, _body, res) => {
      asked.push(req.url!);
      expect(req.headers.authorization).toBe('Bearer abc');
      if (failNext) return (failNext = false), res.writeHead(500).end('oops');
      const u = new URL(req.url!, 'http://x');
      const after = Number(u.searchParams.get('after'));
      const limit = Number(u.searchParams.get('limit'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ actions: log.filter((a) => a.seq > after).slice(0, limit) }));
    });
    const errors: Error[] = [];
    const source = httpActionSource({ baseUrl: url, apiKey: 'abc', pageSize: 2, onError: (e) => errors.push(e) });
    expect((await source.poll()).map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual(['/v1/actions?after=0&limit=2', '/v1/actions?after=2&limit=2', '/v1/actions?after=4&limit=2']);
    expect(await source.poll()).toEqual([]);
    log.push({ seq: 6, at: '2025-03-03T00:01:00.000Z', entity: { type: 'account', id: 'a1' }, action: 'suspend' });
    failNext = true;
    expect(await source.poll()).toEqual([]);
    expect(errors.length).toBe(1);
    expect((await source.poll()).map((a) => a.seq)).toEqual([6]);
  });
});
