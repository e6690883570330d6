// Applies pending migrations in order, each in its own transaction under an advisory lock, and records
// them with a checksum so an edited or unknown migration is refused instead of silently diverging.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './schema.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

const MIGRATION_LOCK = 7_141_592; // any constant; all Vigil processes agree on it

export interface MigrationReport {
  applied: number[];
  current: number;
}

const checksum = (m: Migration) => createHash('sha256').update(m.sql).digest('hex');

export async function migrate(db: Db, migrations: Migration[] = MIGRATIONS): Promise<MigrationReport> {
  const applied: number[] = [];
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL)`.execute(tx);
  });
  for (const m of migrations) {
    await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
      const done = await tx.selectFrom('schema_migrations').select(['version', 'checksum']).where('version', '=', m.version).executeTakeFirst();
      if (done) {
        if (done.checksum !== checksum(m)) throw new Error(`migration ${m.version} (${m.name}) was changed after it was applied; add a new migration instead`);
        return;
      }
      await sql.raw(m.sql).execute(tx);
      await tx.insertInto('schema_migrations').values({ version: m.version, name: m.name, checksum: checksum(m), applied_at: new Date() }).execute();
      applied.push(m.version);
    });
  }
  const rows = await db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
  const known = new Set(migrations.map((m) => m.version));
  const unknown = rows.filter((r) => !known.has(r.version));
  if (unknown.length) {
    throw new Error(`the database has migrations this Vigil does not know (${unknown.map((r) => r.version).join(', ')}): it was written by a newer version`);
  }
  return { applied, current: rows.length ? rows[rows.length - 1].version : 0 };
}
