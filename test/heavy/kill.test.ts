// Kill tests: SIGKILL the server ten times while `vigil ingest` replays 100k events (retrying until each
// batch is acknowledged), restart it each time, and prove every event was stored and processed exactly
// once and the data directory is intact. On the embedded database and on a PostgreSQL server.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachBackend, createPostgresTestDatabase } from '../support/db.js';
import { openDatabase } from '../../src/store/database.js';

const EVENTS = Number(process.env.VIGIL_KILL_EVENTS ?? 100_000);
const KILLS = Number(process.env.VIGIL_KILL_COUNT ?? 10);
const root = path.resolve(import.meta.dirname, '../..');
const vigilBin = path.join(root, 'bin', 'vigil.js');
const ADMIN_KEY = 'vgl_killtest_0123456789abcdefghijklmnop';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function writeEvents(file: string, n: number) {
  const out = fs.openSync(file, 'w');
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const time = new Date(t0 + i * 100).toISOString();
    const author = `acct-${i % 2000}`;
    const e =
      i % 3 === 0
        ? { id: `k-${i}`, type: 'login', time, account: { id: author }, device: { id: `dev-${i % 700}` } }
        : { id: `k-${i}`, type: 'content.created', time, content: { id: `c-${i}`, kind: 'text_post', text: `post number ${i} about cooking`, language: 'en' }, author: { id: author } };
    chunk += `${JSON.stringify(e)}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

async function waitHealthy(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not become healthy`);
}

describeEachBackend('kill test', (backend) => {
  let dir: string;
  let file: string;
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-kill-'));
    file = path.join(dir, 'events.ndjson');
    writeEvents(file, EVENTS);
    if (backend === 'postgres') databaseUrl = await createPostgresTestDatabase();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`stores and processes ${EVENTS} events exactly once across ${KILLS} SIGKILLs`, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_DATABASE_URL: databaseUrl ?? '', VIGIL_NATS_URL: '', VIGIL_PORT: String(port) };
    const log = fs.openSync(path.join(dir, 'server.log'), 'a');
    const startServer = () => spawn(process.execPath, [vigilBin, 'serve', '--data-dir', path.join(dir, 'data')], { env, stdio: ['ignore', log, log] });

    let server: ChildProcess = startServer();
    await waitHealthy(url);
    const ingest = spawn(process.execPath, [vigilBin, 'ingest', file, '--url', url, '--key', ADMIN_KEY, '--quiet'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let ingestOut = '';
    ingest.stdout!.on('data', (d) => (ingestOut += d));
    ingest.stderr!.on('data', (d) => (ingestOut += d));
    const ingestDone = new Promise<number>((resolve) => ingest.on('exit', (code) => resolve(code ?? -1)));

    let kills = 0;
    let finished = false;
    void ingestDone.then(() => (finished = true));
    while (kills < KILLS && !finished) {
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 1500));
      if (finished) break;
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      kills += 1;
      server = startServer();
      await waitHealthy(url);
    }
    expect(await ingestDone, ingestOut).toBe(0);
    expect(kills, 'the ingest finished before all kills happened; raise VIGIL_KILL_EVENTS').toBe(KILLS);

    // Processing catches up after the last restart.
    const deadline = Date.now() + 600_000;
    let total = 0;
    while (Date.now() < deadline) {
      const res = await fetch(`${url}/v1/stats/events?minutes=1`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      total = ((await res.json()) as { total: number }).total;
      if (total >= EVENTS) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(total).toBe(EVENTS);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));

    // Verify directly in the database (after a clean stop: the data directory must open without repair).
    const database = await openDatabase({ url: databaseUrl, dataDir: databaseUrl ? undefined : path.join(dir, 'data', 'db') });
    try {
      const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(database.db)).rows[0];
      expect(await one(sql<{ n: number; ids: number }>`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM events`)).toEqual({ n: EVENTS, ids: EVENTS });
      expect(await one(sql<{ n: number; once: number }>`SELECT count(*)::int AS n, count(*) FILTER (WHERE times = 1)::int AS once FROM event_processing`)).toEqual({ n: EVENTS, once: EVENTS });
      expect(await one(sql<{ s: number }>`SELECT sum(count)::int AS s FROM event_counts`)).toEqual({ s: EVENTS });
      expect(await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM consumer_inbox WHERE consumer = 'event-stats'`)).toEqual({ n: EVENTS });
      // Entity counts agree with the events that mention them (upserts applied exactly once).
      expect(await one(sql<{ s: number }>`SELECT sum(event_count)::int AS s FROM entities WHERE type = 'account'`)).toEqual({ s: EVENTS });
      // Indexes agree with the heap: the same answers through an index-only plan.
      const viaIndex = await database.db.transaction().execute(async (tx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE id >= ''`.execute(tx)).rows[0];
      });
      expect(viaIndex).toEqual({ n: EVENTS });
    } finally {
      await database.close();
    }
  });
});
