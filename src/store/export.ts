// Read-only export of any table or query for analysts' own SQL and Python: rows are streamed out in pages
// from a READ ONLY transaction, so an export can never change the data.
import { sql } from 'kysely';
import { stringify } from 'csv-stringify/sync';
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
  // Ordered by the primary key, so the export reads in a stable order and its OFFSET pages neither skip
  // nor repeat rows (the audit log, for one, comes out in seq order).
  const { rows } = await sql<{ attname: string }>`
    SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE i.indrelid = ${`public.${table}`}::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return `SELECT * FROM "${table}"${rows.length ? ` ORDER BY ${rows.map((r) => `"${r.attname}"`).join(', ')}` : ''}`;
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

export type ExportFormat = 'csv' | 'ndjson';

function cell(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** Turns pages of rows into CSV (header from the first page) or NDJSON text, page by page. */
export function exportFormatter(format: ExportFormat): (rows: Record<string, unknown>[]) => string {
  if (format === 'ndjson') return (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  let header: string[] | undefined;
  return (rows) => {
    let out = '';
    if (!header) {
      header = Object.keys(rows[0]);
      out += stringify([header]);
    }
    return out + stringify(rows.map((r) => header!.map((h) => cell(r[h]))));
  };
}

/** Checks that a query plans (syntax, tables, columns) without running it, so a bad one is refused up front. */
export async function checkQuery(db: Db, query: string): Promise<void> {
  const trimmed = query.trim().replace(/;\s*$/, '');
  if (!trimmed) throw new ExportError('the query is empty');
  if (trimmed.includes(';')) throw new ExportError('the query must be a single statement');
  try {
    await sql`EXPLAIN SELECT * FROM (${sql.raw(trimmed)}) AS export_query`.execute(db);
  } catch (err) {
    throw new ExportError(`the query failed: ${(err as Error).message}`);
  }
}
