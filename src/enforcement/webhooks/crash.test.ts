// No duplicate delivery after a crash, with real processes: deliverer processes (crash.child.ts) are
// killed with SIGKILL while actions keep being recorded, some of them exactly while the receiver holds a
// request unanswered, and restarted. In the end every action reached the receiver; no delivery that was
// committed as delivered was ever sent again; the only repeats are of deliveries whose 2xx had not been
// committed, with the same id and body; and each entity's actions arrived in order. On PGlite the
// database is a data folder the child and this test open in turn; on PostgreSQL both keep it open.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresTestDatabase, describeEachBackend } from '../../../test/support/db.js';
import type { EntityRef } from '../../domain/index.js';
import { openDatabase, type Database } from '../../store/database.js';
import type { Db } from '../../store/schema.js';
import { recordAction } from '../actions.js';
import { createEndpoint } from './endpoints.js';
import { actionDeliveryId } from './outbox.js';
import { verifyWebhookSignature } from './signature.js';
import { startReceiver, type Received, type Receiver } from './test-fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = 6;
const ACTIONS_PER_ROUND = 40;
const ENTITIES = 8;
/** The child's lease (crash.child.ts). */
const LEASE_MS = 1500;

describeEachBackend('webhook deliverer killed with SIGKILL', (backend) => {
  let dir: string;
  let childScript: string;
  let env: Record<string, string>;
  let shared: Database | undefined;
  let receiver: Receiver;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-webhook-crash-'));
    // Bundled next to node_modules so the child resolves the same packages; the PGlite worker thread is
    // loaded from beside the bundle.
    const outDir = path.resolve(here, '../../../node_modules/.cache/vigil-webhook-crash');
    childScript = path.join(outDir, `child-${process.pid}-${backend}.mjs`);
    await build({ entryPoints: [path.join(here, 'crash.child.ts')], outfile: childScript, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'silent' });
    fs.copyFileSync(path.resolve(here, '../../store/pglite/worker.js'), path.join(outDir, 'worker.js'));
    if (backend === 'postgres') {
      const url = await createPostgresTestDatabase();
      shared = await openDatabase({ url, migrate: false });
      env = { VIGIL_WEBHOOK_CRASH_DATABASE_URL: url };
    } else {
      env = { VIGIL_WEBHOOK_CRASH_DATA_DIR: path.join(dir, 'db') };
      await (await openDatabase({ dataDir: path.join(dir, 'db') })).close();
    }
  });
  afterAll(async () => {
    await receiver?.close();
    await shared?.close();
    fs.rmSync(childScript, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** PGlite is one process at a time: the test opens the folder only while no child runs. */
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (shared) return fn(shared.db);
    const database = await openDatabase({ dataDir: path.join(dir, 'db'), migrate: false });
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }

  function startChild() {
    const child = spawn(process.execPath, [childScript], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code, signal) => reject(new Error(`deliverer exited before it was ready (${code ?? signal})`)));
    });
    return { child, ready, exited };
  }

  it('delivers every action, never resends a delivery committed as delivered, and keeps each entity in order', async () => {
    let child: ChildProcess | undefined;
    let endpointId = '';
    let secret = '';
    /** Deliveries the receiver held unanswered when it killed the sender. */
    const cutOff: Received[] = [];
    let killAtRequest = 0;
    let roundRequests = 0;
    const valid = new Map<number, boolean>();
    receiver = await startReceiver(async (r) => {
      valid.set(r.n, verifyWebhookSignature(secret, r.headers['vigil-signature'] as string, r.headers['vigil-timestamp'] as string, r.body, new Date()));
      roundRequests += 1;
      if (killAtRequest && roundRequests === killAtRequest && child) {
        // Mid-send: the receiver has the request, the sender dies before it sees an answer.
        killAtRequest = 0;
        cutOff.push(r);
        const dying = child;
        dying.kill('SIGKILL');
        await new Promise((resolve) => dying.once('exit', resolve));
        return 200;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
      // Every fifth delivery is refused once, so retries are parked in the queue across kills.
      return receiver.byId(r.id).length === 1 && Number(r.json.data.action?.seq) % 5 === 0 ? 500 : 200;
    });

    const entities: EntityRef[] = Array.from({ length: ENTITIES }, (_, i) => ({ type: 'account', id: `crash-acct-${i}` }));
    const expected: { id: string; seq: number; entity: string }[] = [];
    /** Delivery id → how many times the receiver had it when a snapshot first saw it committed as delivered. */
    const committedAt = new Map<string, number>();

    async function snapshot(db: Db) {
      const delivered = await db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'delivered').execute();
      for (const { id } of delivered) {
        const count = receiver.byId(id).length;
        if (!committedAt.has(id)) committedAt.set(id, count);
        expect(count, `delivery ${id} was sent again after it was committed as delivered`).toBe(committedAt.get(id));
      }
    }

    await withDb(async (db) => {
      const now = new Date();
      await db.insertInto('entities').values(entities.map((e) => ({ type: e.type, id: e.id, attrs: '{}', first_seen: now, last_seen: now }))).execute();
      const ep = await createEndpoint(db, { url: receiver.url }, 'test', now);
      endpointId = ep.id;
      secret = ep.secret;
    });

    for (let round = 0; round <= ROUNDS; round++) {
      await withDb(async (db) => {
        await snapshot(db);
        for (let i = 0; i < ACTIONS_PER_ROUND; i++) {
          const entity = entities[(round * ACTIONS_PER_ROUND + i) % ENTITIES];
          const action = await recordAction(db, { entity, action: i % 3 ? 'label' : 'strike', source: 'manual', actor: 'crash-test' }, new Date());
          expected.push({ id: actionDeliveryId(endpointId, action.seq), seq: action.seq, entity: entity.id });
        }
      });
      const run = startChild();
      child = run.child;
      await run.ready;
      roundRequests = 0;
      if (round === ROUNDS) break;
      if (round % 2 === 0) killAtRequest = 5 + Math.floor(Math.random() * 20);
      else setTimeout(() => run.child.kill('SIGKILL'), 100 + Math.random() * 300);
      await run.exited;
      killAtRequest = 0;
    }

    // The last deliverer runs until every delivery has been answered 2xx and nothing more came for twice
    // the lease (a 2xx answered just before a kill was never committed: it comes again once its lease
    // ends), then stops cleanly. PGlite cannot be read while the child has it, so the receiver decides.
    const answered = (id: string) => receiver.byId(id).some((r) => r.status !== undefined && r.status < 300);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (expected.every((e) => answered(e.id)) && Date.now() - receiver.lastActivity >= LEASE_MS * 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const last = child!;
    const lastExit = new Promise((resolve) => last.once('exit', resolve));
    last.kill('SIGTERM');
    await lastExit;

    await withDb(async (db) => {
      await snapshot(db);
      const rows = await db.selectFrom('webhook_deliveries').select(['id', 'status']).execute();
      expect(rows).toHaveLength(expected.length);
      expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
    });
    expect(expected).toHaveLength((ROUNDS + 1) * ACTIONS_PER_ROUND);
    expect(cutOff.length).toBe(ROUNDS / 2);

    for (const { id } of expected) {
      const got = receiver.byId(id);
      // None lost, each answered 2xx, every copy the same body with a valid signature.
      expect(answered(id), `delivery ${id} never reached the receiver`).toBe(true);
      expect(new Set(got.map((r) => r.body)).size, `delivery ${id} changed its body`).toBe(1);
      expect(got.every((r) => valid.get(r.n)), `delivery ${id} carried a bad signature`).toBe(true);
      // Nothing was sent after the delivered state was committed.
      expect(got.length, `delivery ${id} was sent again after it was committed as delivered`).toBe(committedAt.get(id));
    }
    // A request cut off by the kill had no committed answer: it was sent again, with the same id and body.
    for (const r of cutOff) {
      const copies = receiver.byId(r.id);
      expect(copies.indexOf(r)).toBeLessThan(copies.length - 1);
      expect(copies.at(-1)!.body).toBe(r.body);
    }
    // Per entity, each action was first sent only after the one before it had been answered 2xx.
    for (const entity of entities) {
      const mine = expected.filter((e) => e.entity === entity.id).sort((a, b) => a.seq - b.seq);
      for (let i = 1; i < mine.length; i++) {
        const before = receiver.byId(mine[i - 1].id).find((r) => r.status !== undefined && r.status < 300)!;
        expect(receiver.byId(mine[i].id)[0].n, `${mine[i].id} went out before ${mine[i - 1].id} was answered`).toBeGreaterThan(before.answeredAt!);
      }
    }
  }, 180_000);
});
