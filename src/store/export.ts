// Read-only export of any table or query for analysts' own SQL and Python: rows are streamed out in pages
// from a READ ONLY transaction, so an export can never change the data.
import { sql } from 'kysely';
import type { Db } from './schema.js';

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

export async function listTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE "C"`.execute(db);
  return rows.map((r) => r.tablename);
}

/** The SQL for exporting a whole table (validated against the catalogue, so no injection). */
export async function tableQuery(db: Db, table: string): Promise<string> {
  if (!IDENT.test(table) || !(await listTables(db)).includes(table)) {
    throw new ExportError(`unknown table ${JSON.stringify(table)}; tables: ${(await listTables(db)).join(', ')}`);
  }
  return `SELECT * FROM "${table}"`;
}

/**
 * Runs `query` in one REPEATABLE READ, READ ONLY transaction (a consistent snapshot that cannot write)
 * and hands its rows to `onPage` in pages of `pageSize`. Returns the row count.
 */
export async function exportQuery(db: Db, query: string, onPage: (rows: Record<string, unknown>[]) => Promise<void> | void, pageSize = 5000): Promise<number> {
  const trimmed = query.trim().replace(/;\s*$/, '');
  if (!trimmed) throw new ExportError('the query is empty');
  if (trimmed.includes(';')) throw new ExportError('the query must be a single statement');
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      let total = 0;
      for (let offset = 0; ; offset += pageSize) {
        let rows: Record<string, unknown>[];
        try {
          ({ rows } = await sql<Record<string, unknown>>`SELECT * FROM (${sql.raw(trimmed)}) AS export_query LIMIT ${pageSize} OFFSET ${offset}`.execute(tx));
        } catch (err) {
          throw new ExportError(`the query failed: ${(err as Error).message}`);
        }
        if (rows.length) await onPage(rows);
        total += rows.length;
        if (rows.length < pageSize) return total;
      }
    });
}
