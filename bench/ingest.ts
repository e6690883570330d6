// `npm run bench -- ingest`: events/s end to end over HTTP (validation, idempotency check, entity upserts,
// bus hand-off, acknowledgement after commit) into PGlite and into PostgreSQL, next to a raw batched
// INSERT of the same rows into a table shaped like `events`, in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { startVigil } from '../src/server/index.js';
import type { Db } from '../src/store/schema.js';
import { prepare, worldRows, type Prepared } from '../src/ingest/ingest.js';
import { eventRowsJson } from '../src/store/events.js';
import type { VigilEvent } from '../src/domain/index.js';
import { finish, round, say, timed, type BenchContext } from './harness.js';

const BATCH = 1000;
const CONCURRENCY = 4;

/** A platform-like mix: many events per account, shared devices, comments on content, livestream gifts. */
function makeEvents(n: number, seed: number): VigilEvent[] {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pick = (k: number) => Math.floor(rand() * k);
  const accounts = Math.max(100, Math.floor(n / 20));
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  const words = ['great', 'video', 'love', 'this', 'wow', 'amazing', 'buy', 'now', 'hola', 'que', 'bonito', 'stream', 'follow', 'me', 'today'];
  const text = () => Array.from({ length: 6 + pick(10) }, () => words[pick(words.length)]).join(' ');
  const events: VigilEvent[] = [];
  for (let i = 0; i < n; i++) {
    const time = new Date(t0 + i * 50).toISOString();
    const author = { id: `acct-${pick(accounts)}` };
    const r = rand();
    const id = `bench-${seed}-${i}`;
    if (r < 0.35) events.push({ id, type: 'content.created', time, content: { id: `c-${seed}-${i}`, kind: 'video', text: text(), language: 'en' }, author });
    else if (r < 0.7) events.push({ id, type: 'comment', time, content: { id: `cm-${seed}-${i}`, kind: 'comment', text: text(), language: 'en' }, author, target: { type: 'content', id: `c-${seed}-${pick(i + 1)}` } });
    else if (r < 0.85) events.push({ id, type: 'login', time, account: author, device: { id: `dev-${pick(accounts / 2)}` }, ip: { id: `10.0.${pick(255)}.${pick(255)}` } });
    else events.push({ id, type: 'gift', time, livestream: { id: `live-${pick(50)}` }, sender: author, gift: { name: 'rose', value_cents: 100 + pick(1000), currency: 'USD' } });
  }
  return events;
}

async function postAll(url: string, key: string, bodies: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      const json = (await res.json()) as { accepted?: number; message?: string };
      if (res.status !== 200 || json.accepted !== BATCH) throw new Error(`batch not accepted: ${res.status} ${json.message}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const LIKE_TABLES = ['events', 'entities', 'relations', 'bus_outbox'] as const;

/**
 * The same rows Vigil writes for each batch (events with their entity references, entities, relations, bus messages),
 * computed by the same pure functions beforehand, then written with plain batched INSERTs into copies of
 * the tables (same columns and indexes): no HTTP, no validation, no idempotency check, and entities and
 * relations seen in an earlier batch are skipped (ON CONFLICT DO NOTHING) rather than merged.
 */
async function rawInsert(db: Db, events: VigilEvent[], onlyEvents: boolean): Promise<void> {
  const suffix = onlyEvents ? 'raw_events_only' : 'raw';
  for (const t of LIKE_TABLES) await sql.raw(`CREATE TABLE ${t}_${suffix} (LIKE ${t} INCLUDING ALL)`).execute(db);
  const languages = { detect: () => undefined };
  const receivedAt = new Date().toISOString();
  const batches: Prepared[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(prepare(events.slice(i, i + BATCH), languages, receivedAt).prepared);
  const planned = batches.map((prepared) => ({ prepared, eventsJson: eventRowsJson(prepared.map((p) => p.row)) }));
  const t = (name: string) => sql.raw(`${name}_${suffix}`);
  let next = 0;
  const worker = async () => {
    while (next < planned.length) {
      const { prepared, eventsJson } = planned[next++];
      await db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ id: string; seq: number }>`
          INSERT INTO ${t('events')} (id, type, event_time, received_at, partition_key, language, language_detected, body, body_hash, refs)
          SELECT x.id, x.type, x.event_time, x.received_at, x.partition_key, x.language, x.language_detected, x.body, x.body_hash,
                 ARRAY(SELECT jsonb_array_elements_text(x.refs))
          FROM jsonb_to_recordset(${eventsJson}::text::jsonb) AS x(id text, type text, event_time timestamptz, received_at timestamptz,
            partition_key text, language text, language_detected boolean, body jsonb, body_hash text, refs jsonb)
          RETURNING id, seq`.execute(tx);
        if (onlyEvents) return;
        const seqs = new Map(rows.map((r) => [r.id, r.seq]));
        const world = worldRows(prepared);
        await sql`INSERT INTO ${t('entities')} (type, id, attrs, first_seen, last_seen, event_count)
          SELECT x.type, x.id, x.attrs, x.first_seen, x.last_seen, x.event_count
          FROM jsonb_to_recordset(${JSON.stringify(world.entities)}::text::jsonb) AS x(type text, id text, attrs jsonb, first_seen timestamptz, last_seen timestamptz, event_count bigint)
          ON CONFLICT DO NOTHING`.execute(tx);
        await sql`INSERT INTO ${t('relations')} (src_type, src_id, kind, dst_type, dst_id, first_seen, last_seen)
          SELECT x.src_type, x.src_id, x.kind, x.dst_type, x.dst_id, x.first_seen, x.last_seen
          FROM jsonb_to_recordset(${JSON.stringify(world.relations)}::text::jsonb) AS x(src_type text, src_id text, kind text, dst_type text, dst_id text, first_seen timestamptz, last_seen timestamptz)
          ON CONFLICT DO NOTHING`.execute(tx);
        const messages = prepared.map((p) => ({ topic: 'events', key: p.row.partition_key, id: p.event.id, payload: JSON.stringify({ seq: seqs.get(p.event.id), id: p.event.id, type: p.event.type }) }));
        await sql`INSERT INTO ${t('bus_outbox')} (topic, partition_key, message_id, payload)
          SELECT m.topic, m.partition_key, m.message_id, m.payload::jsonb
          FROM unnest(${messages.map((m) => m.topic)}::text[], ${messages.map((m) => m.key)}::text[], ${messages.map((m) => m.id)}::text[], ${messages.map((m) => m.payload)}::text[])
            AS m(topic, partition_key, message_id, payload)`.execute(tx);
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function measure(backend: 'pglite' | 'postgres', n: number, seed: number) {
  const events = makeEvents(n, seed);
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push(JSON.stringify({ events: events.slice(i, i + BATCH) }));
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  const adminUrl = process.env.VIGIL_TEST_DATABASE_URL ?? process.env.VIGIL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `vigil_bench_${process.pid}_${seed}`;
  if (backend === 'postgres') {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  }
  const vigil = await startVigil({ port: 0, databaseUrl, dataDir, consoleDir: false, startConsumers: false });
  try {
    const key = vigil.adminKey!;
    // Warm-up: JIT, prepared paths, entity cache; not counted.
    await postAll(vigil.url, key, [JSON.stringify({ events: makeEvents(BATCH, seed + 1000) })]);
    const vigilRun = await timed(() => postAll(vigil.url, key, bodies));
    const rawRun = await timed(() => rawInsert(vigil.services.db, events, false));
    const eventsOnlyRun = await timed(() => rawInsert(vigil.services.db, events, true));
    const vigilRate = n / vigilRun.seconds;
    const rawRate = n / rawRun.seconds;
    const eventsOnlyRate = n / eventsOnlyRun.seconds;
    say(
      `${backend.padEnd(8)} vigil ${Math.round(vigilRate).toLocaleString('en')} events/s (${round(vigilRun.seconds)} s) | ` +
        `raw INSERT of the same rows ${Math.round(rawRate).toLocaleString('en')} events/s (${round(rawRun.seconds)} s), ratio ${round(vigilRate / rawRate, 3)} | ` +
        `raw INSERT of the event rows alone ${Math.round(eventsOnlyRate).toLocaleString('en')} events/s, ratio ${round(vigilRate / eventsOnlyRate, 3)}`,
    );
    return { vigilRate, rawRate, eventsOnlyRate };
  } finally {
    await vigil.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

export async function main(ctx: BenchContext) {
  const n = ctx.quick ? 10_000 : 100_000;
  say(`ingest benchmark: ${n.toLocaleString('en')} events in batches of ${BATCH}, ${CONCURRENCY} concurrent requests, consumers off`);
  const lite = await measure('pglite', n, 1);
  const server = await measure('postgres', n, 2);
  const ratio = Math.min(lite.vigilRate / lite.rawRate, server.vigilRate / server.rawRate);
  finish({
    events: n,
    pglite_events_per_s: Math.round(lite.vigilRate),
    pglite_raw_rows_per_s: Math.round(lite.rawRate),
    pg_events_per_s: Math.round(server.vigilRate),
    pg_raw_rows_per_s: Math.round(server.rawRate),
    pglite_raw_events_only_per_s: Math.round(lite.eventsOnlyRate),
    pg_raw_events_only_per_s: Math.round(server.eventsOnlyRate),
    ratio_events_only: round(Math.min(lite.vigilRate / lite.eventsOnlyRate, server.vigilRate / server.eventsOnlyRate), 3),
    ratio: round(ratio, 3),
  });
}
