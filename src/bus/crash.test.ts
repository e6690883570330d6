// Crash safety of the outbox bus on a PostgreSQL server: consumer processes are killed with SIGKILL at
// random moments while messages keep coming; in the end every message must have had its effect exactly
// once (at-least-once delivery plus processOnce). PGlite cannot be shared between processes and
// JetStream redelivers a killed consumer's messages only after its 30 s ack wait, so this runs on the
// outbox bus on PostgreSQL alone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createPostgresTestDatabase } from '../../test/support/db.js';
import { openDatabase, type Database } from '../store/database.js';
import { createBus, type Bus, type BusMessage } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TOPIC = 'crash.events';
const BATCH = 100;

describe.skipIf(!inject('postgresTemplateDb'))('outbox bus on PostgreSQL, consumers killed with SIGKILL', () => {
  let url: string;
  let database: Database;
  let bus: Bus;
  let childScript: string;

  beforeAll(async () => {
    url = await createPostgresTestDatabase();
    database = await openDatabase({ url, migrate: false });
    bus = await createBus({ db: database.db });
    // Bundled next to node_modules so the child resolves the same packages.
    const outDir = path.resolve(here, '../../node_modules/.cache/vigil-bus-crash');
    childScript = path.join(outDir, `child-${process.pid}.mjs`);
    await build({ entryPoints: [path.join(here, 'crash.child.ts')], outfile: childScript, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'silent' });
  });
  afterAll(async () => {
    await bus?.close();
    await database?.close();
    fs.rmSync(childScript, { force: true });
  });

  function startConsumer() {
    const child = spawn(process.execPath, [childScript], {
      env: { ...process.env, VIGIL_CRASH_DATABASE_URL: url, VIGIL_CRASH_TOPIC: TOPIC },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code, signal) => reject(new Error(`consumer exited before it was ready (${code ?? signal})`)));
    });
    return { child, ready, exited };
  }

  let published = 0;
  async function publishBatch(): Promise<void> {
    const messages: BusMessage[] = Array.from({ length: BATCH }, (_, i) => {
      const n = published + i;
      return { topic: TOPIC, key: `key${n % 37}`, id: `m-${n}`, payload: { n } };
    });
    await database.db.transaction().execute((tx) => bus.publish(tx, messages));
    published += BATCH;
  }

  it('applies every message exactly once however often its consumer is killed', async () => {
    for (let round = 0; round < 6; round++) {
      await publishBatch();
      await publishBatch();
      const consumer = startConsumer();
      await consumer.ready;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 300));
      consumer.child.kill('SIGKILL');
      await consumer.exited;
    }
    await publishBatch();
    const last = startConsumer();
    try {
      await last.ready;
      await vi.waitFor(async () => expect(await bus.lag(TOPIC, 'crash')).toBe(0), { timeout: 30_000, interval: 50 });
    } finally {
      last.child.kill('SIGKILL');
      await last.exited;
    }
    const counts = await database.db.selectFrom('event_counts').select(['type', 'count']).execute();
    expect(counts).toHaveLength(published);
    expect(counts.filter((c) => c.count !== 1)).toEqual([]);
    expect(await database.db.selectFrom('bus_dead_letters').selectAll().execute()).toEqual([]);
  }, 60_000);
});
