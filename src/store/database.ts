// Opens Vigil's database: PGlite in a worker thread by default (data under a locked folder), or a
// PostgreSQL server when a URL is given. Everything above this file sees only the Kysely `Db`.
import { Kysely } from 'kysely';
import type { Db } from './schema.js';
import { PgliteWorkerClient } from './pglite/client.js';
import { PgliteWorkerDialect } from './pglite/dialect.js';
import { createPostgresDialect, createPostgresPool } from './postgres/dialect.js';
import { lockDataDir } from './lock.js';
import { migrate } from './migrate.js';

export type Backend = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly backend: Backend;
  /** Where the data lives, for logs: a folder, "memory", or the server URL without its password. */
  readonly location: string;
  /** PGlite only: a tar dump of the data directory (used to clone a migrated test template). */
  dump?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL server URL; when absent, the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string;
  /** PGlite: start from this dump of a data directory. */
  loadDataDir?: Uint8Array;
  /** Apply pending migrations after opening (default true). */
  migrate?: boolean;
  /** Server pool size. */
  poolSize?: number;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql server';
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  let database: Database;
  if (options.url) {
    const pool = createPostgresPool(options.url, options.poolSize);
    const db: Db = new Kysely({ dialect: createPostgresDialect(pool) });
    database = { db, backend: 'postgres', location: redact(options.url), close: () => db.destroy() };
  } else {
    const lock = options.dataDir ? lockDataDir(options.dataDir) : undefined;
    try {
      const client = await PgliteWorkerClient.start({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
      const db: Db = new Kysely({ dialect: new PgliteWorkerDialect(client) });
      database = {
        db,
        backend: 'pglite',
        location: options.dataDir ?? 'memory',
        dump: () => client.dump(),
        close: async () => {
          await db.destroy();
          lock?.release();
        },
      };
    } catch (err) {
      lock?.release();
      throw err;
    }
  }
  if (options.migrate !== false) {
    try {
      await migrate(database.db);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}
