// The PostgreSQL server backend: Kysely over a pg pool, with the same value parsing as the PGlite worker.
import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { OID, parseInt8, parseInt8Array } from '../types.js';

export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: any) => {
        if (oid === OID.int8) return parseInt8;
        if (oid === OID.int8Array) return parseInt8Array;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next checkout reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export function createPostgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}
