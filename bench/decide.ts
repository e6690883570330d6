// `npm run bench -- decide`: synchronous decisions over HTTP (POST /v1/decide) at 32 connections on
// PostgreSQL, req/s and p99, next to a bare node:http handler answering the same requests in the same
// run; PGlite reported too. The strategies are the demo set (terms from the demo package, counters,
// livestream windows); the entities the requests name already exist, with history.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seedDemoPackage, seedDemoStrategies } from '../src/cli/demo.js';
import { ingestBatch } from '../src/ingest/index.js';
import { startVigil, type RunningVigil } from '../src/server/index.js';
import { createSimulation, memorySink } from '../src/simulate/index.js';
import { finish, round, say, type BenchContext } from './harness.js';

const PG_ADMIN = process.env.VIGIL_TEST_DATABASE_URL ?? process.env.VIGIL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = 32;
const here = path.dirname(fileURLToPath(import.meta.url));

interface Load {
  requests: number;
  errors: number;
  per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

function load(url: string, bodiesFile: string, seconds: number, key?: string): Promise<Load> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(here, 'lib', 'http-load.js'), url, bodiesFile, String(CONNECTIONS), String(seconds), key ?? ''], { maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

async function prepare(vigil: RunningVigil, events: unknown[]): Promise<void> {
  await seedDemoPackage(vigil);
  await seedDemoStrategies(vigil);
  for (let i = 0; i < events.length; i += 500) await ingestBatch(vigil.services, events.slice(i, i + 500) as never, new Date());
  vigil.services.afterIngest?.();
  // Let the pipeline take in the history (counters, entity state) before measuring.
  for (;;) {
    const r = await vigil.services.db.selectFrom('bus_cursors').select('position').where('group_name', '=', 'decisions').executeTakeFirst();
    const last = await vigil.services.db.selectFrom('bus_outbox').select(({ fn }) => fn.max('seq').as('m')).where('topic', '=', 'events').executeTakeFirstOrThrow();
    if (r && r.position === Number(last.m)) break;
    await new Promise((res) => setTimeout(res, 200));
  }
}

export async function main(ctx: BenchContext): Promise<void> {
  const seconds = ctx.quick ? 5 : 20;
  const sink = memorySink();
  await createSimulation({ seed: 3, accounts: ctx.quick ? 500 : 2000, days: ctx.quick ? 0.05 : 0.2, speed: 'max', images: false }).run({ sink, batchSize: 500 });
  const history = sink.events;
  // The requests: comments and posts like the history's, by its authors, decided as if they arrived now.
  const asks = history
    .filter((e) => e.type === 'comment' || e.type === 'content.created')
    .slice(0, 2000)
    .map((e, i) => JSON.stringify({ ...e, id: `ask-${i}`, time: new Date().toISOString() }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-decide-'));
  const bodiesFile = path.join(tmp, 'bodies.json');
  fs.writeFileSync(bodiesFile, JSON.stringify(asks));
  say(`decide: ${asks.length} distinct requests (comments and posts) over ${history.length} events of history, ${CONNECTIONS} connections, ${seconds} s each`);

  // The peer: a bare node:http handler that reads the body and answers a small JSON.
  const bare = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ event_id: body.id, verdict: 'allow', actions: [] }));
    });
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareLoad = await load(`http://127.0.0.1:${(bare.address() as { port: number }).port}/v1/decide`, bodiesFile, seconds);
  bare.close();
  say(`  bare node:http: ${Math.round(bareLoad.per_s)} req/s, p50 ${bareLoad.p50_ms.toFixed(2)} ms, p99 ${bareLoad.p99_ms.toFixed(2)} ms`);

  const results: Record<string, Load> = {};
  for (const backend of ['postgres', 'pglite'] as const) {
    let dbName: string | undefined;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    let url: string | undefined;
    if (backend === 'postgres') {
      await admin.connect();
      dbName = `vigil_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${dbName}`);
      const u = new URL(PG_ADMIN);
      u.pathname = `/${dbName}`;
      url = u.toString();
    }
    const vigil = await startVigil({ databaseUrl: url, consoleDir: false });
    try {
      await prepare(vigil, history);
      const l = await load(`${vigil.url}/v1/decide`, bodiesFile, seconds, vigil.adminKey);
      if (l.errors) throw new Error(`${l.errors} requests to /v1/decide failed`);
      results[backend] = l;
      say(`  Vigil /v1/decide on ${backend}: ${Math.round(l.per_s)} req/s (${((100 * l.per_s) / bareLoad.per_s).toFixed(1)}% of bare), p50 ${l.p50_ms.toFixed(2)} ms, p99 ${l.p99_ms.toFixed(2)} ms`);
    } finally {
      await vigil.close();
      if (dbName) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      if (backend === 'postgres') await admin.end();
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const ratio = results.postgres!.per_s / bareLoad.per_s;
  say(`  goal: >= 25% of bare req/s with p99 < 10 ms on PostgreSQL: ${ratio >= 0.25 && results.postgres!.p99_ms < 10 ? 'met' : 'not met'}`);
  finish({
    req_per_s: Math.round(results.postgres!.per_s),
    bare_req_per_s: Math.round(bareLoad.per_s),
    ratio: round(ratio, 3),
    p99_ms: round(results.postgres!.p99_ms, 2),
    pglite_req_per_s: Math.round(results.pglite!.per_s),
    pglite_p99_ms: round(results.pglite!.p99_ms, 2),
  });
}
