import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachBackend, pgliteTemplate, resetDatabase, testDatabase } from '../../test/support/db.js';
import { openDatabase, type Database } from './database.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { DataDirLockedError } from './lock.js';

describeEachBackend('storage', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
    await resetDatabase(database.db);
  });
  afterAll(() => database.close());

  it('returns bigint, timestamptz, jsonb, text[] and numeric the same way on both backends', async () => {
    const { rows } = await sql<{ big: number; at: Date; doc: unknown; arr: string[]; num: string; nul: null }>`
      SELECT 9007199254740991::int8 AS big, '2026-01-02T03:04:05.678Z'::timestamptz AS at,
             '{"a":[1,"x"]}'::jsonb AS doc, ARRAY['b','a']::text[] AS arr, 1.50::numeric AS num, NULL AS nul`.execute(database.db);
    expect(rows[0]).toEqual({ big: 9007199254740991, at: new Date('2026-01-02T03:04:05.678Z'), doc: { a: [1, 'x'] }, arr: ['b', 'a'], num: '1.50', nul: null });
  });

  it('refuses a bigint past 2^53 instead of rounding it', async () => {
    await expect(sql`SELECT 9007199254740993::int8 AS big`.execute(database.db)).rejects.toThrow(/safe integer/);
  });

  it('orders COLLATE "C" text by code point on both backends', async () => {
    const now = new Date();
    for (const id of ['b', 'B', 'a', 'é', 'Z', '_x']) {
      await database.db.insertInto('api_keys').values({ id, name: id, key_hash: `h-${id}`, roles: [], created_at: now }).execute();
    }
    const rows = await database.db.selectFrom('api_keys').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(['B', 'Z', '_x', 'a', 'b', 'é']);
  });

  it('rolls a failed transaction back completely', async () => {
    const now = new Date();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await tx.insertInto('audit_log').values({ at: now, actor: 't', action: 'rollback-test', target_type: 'x', target_id: '1', details: '{}' }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const count = await database.db.selectFrom('audit_log').where('action', '=', 'rollback-test').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('keeps concurrent transactions apart: one rollback does not undo the other', async () => {
    const now = new Date();
    const ok = database.db.transaction().execute(async (tx) => {
      await tx.insertInto('audit_log').values({ at: now, actor: 'a', action: 'concurrent', target_type: 'x', target_id: 'kept', details: '{}' }).execute();
      await new Promise((r) => setTimeout(r, 20));
      await tx.insertInto('audit_log').values({ at: now, actor: 'a', action: 'concurrent', target_type: 'x', target_id: 'kept2', details: '{}' }).execute();
    });
    const bad = database.db.transaction().execute(async (tx) => {
      await tx.insertInto('audit_log').values({ at: now, actor: 'b', action: 'concurrent', target_type: 'x', target_id: 'lost', details: '{}' }).execute();
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('abort b');
    });
    await Promise.allSettled([ok, bad]);
    const rows = await database.db.selectFrom('audit_log').where('action', '=', 'concurrent').select('target_id').orderBy('target_id').execute();
    expect(rows.map((r) => r.target_id)).toEqual(['kept', 'kept2']);
  });

  it('records applied migrations and is idempotent', async () => {
    const report = await migrate(database.db);
    expect(report.applied).toEqual([]);
    expect(report.current).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    const rows = await database.db.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses a migration whose text changed after it was applied', async () => {
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(database.db, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('refuses a database written by a newer Vigil', async () => {
    await expect(migrate(database.db, [])).rejects.toThrow(/newer version/);
  });
});

describe('embedded database (PGlite worker)', () => {
  it('keeps the event loop turning during a long query', async () => {
    const database = await openDatabase({ loadDataDir: pgliteTemplate(), migrate: false });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const started = Date.now();
      await sql`SELECT count(*) FROM generate_series(1, 3000000) AS g, LATERAL (SELECT md5(g::text)) AS h`.execute(database.db);
      clearInterval(timer);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThan(200);
      // With the query on the main thread there would be no ticks at all while it ran.
      expect(ticks).toBeGreaterThan(elapsed / 10 / 4);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('locks its data directory against a second opener, and persists across reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lock-'));
    const dataDir = path.join(dir, 'db');
    const first = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
      await first.db.insertInto('audit_log').values({ at: new Date(), actor: 't', action: 'persist', target_type: 'x', target_id: '1', details: '{}' }).execute();
    } finally {
      await first.close();
    }
    const second = await openDatabase({ dataDir });
    try {
      const rows = await second.db.selectFrom('audit_log').select('action').execute();
      expect(rows.map((r) => r.action)).toEqual(['persist']);
    } finally {
      await second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lock-'));
    const dataDir = path.join(dir, 'db');
    fs.writeFileSync(`${dataDir}.lock`, '999999999');
    const db = await openDatabase({ dataDir });
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
