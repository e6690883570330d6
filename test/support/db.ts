// Test databases cloned from the migrated templates built in global-setup.ts.
// PGlite: one instance per test process (file), loaded from the template dump; reset() empties it between tests.
// PostgreSQL: a fresh database per call, cloned from the template database and dropped afterwards.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { describe, inject } from 'vitest';
import { openDatabase, type Backend, type Database } from '../../src/store/database.js';
import type { Db } from '../../src/store/schema.js';
import { postgresAdminUrl } from './services.js';

export const BACKENDS: Backend[] = ['pglite', 'postgres'];

let sharedPglite: Promise<Database> | undefined;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A migrated PostgreSQL server database of its own; returns its URL. */
export async function createPostgresTestDatabase(): Promise<string> {
  const template = inject('postgresTemplateDb');
  if (!template) throw new Error(inject('postgresSkipReason') ?? 'no PostgreSQL template');
  const name = `vigil_t_${inject('runTag')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return withDatabase(postgresAdminUrl(), name);
}

/** The template dump, for tests that start their own PGlite (e.g. in a data folder). */
export function pgliteTemplate(): Uint8Array {
  return fs.readFileSync(inject('pgliteTemplatePath'));
}

/**
 * A migrated database on `backend`. PGlite is shared by the whole test file (close() is a no-op on it);
 * PostgreSQL gets a new database each call.
 */
export async function testDatabase(backend: Backend): Promise<Database> {
  if (backend === 'pglite') {
    sharedPglite ??= openDatabase({ loadDataDir: pgliteTemplate(), migrate: false });
    const shared = await sharedPglite;
    return { ...shared, close: async () => undefined, dump: shared.dump };
  }
  return openDatabase({ url: await createPostgresTestDatabase(), migrate: false, poolSize: 8 });
}

/** Empties every table but the migration record, so tests on the shared PGlite start clean. */
export async function resetDatabase(db: Db): Promise<void> {
  const { rows } = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`.execute(db);
  if (rows.length) await sql.raw(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`).execute(db);
}

/** Runs a suite once per backend. The PostgreSQL run skips with its reason when the server is absent outside CI. */
export function describeEachBackend(name: string, fn: (backend: Backend) => void): void {
  for (const backend of BACKENDS) {
    const skip = backend === 'postgres' && !inject('postgresTemplateDb');
    (skip ? describe.skip : describe)(`${name} [${backend}]`, () => fn(backend));
  }
}
