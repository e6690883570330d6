// `vigil export`: any table or read-only query as CSV or NDJSON, for analysts' own SQL and Python.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { openDatabase } from '../store/database.js';
import { exportQuery, listTables, tableQuery } from '../store/export.js';
import { CliError, readEnv } from './config.js';

function cell(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

export async function exportCommand(opts: { table?: string; query?: string; format: string; out?: string; dataDir?: string; databaseUrl?: string; list?: boolean }) {
  if (!['csv', 'ndjson'].includes(opts.format)) throw new CliError(`--format must be csv or ndjson, not ${JSON.stringify(opts.format)}`);
  const env = readEnv();
  const url = opts.databaseUrl ?? env.databaseUrl;
  const database = await openDatabase({ url, dataDir: url ? undefined : path.join(path.resolve(opts.dataDir ?? env.dataDir), 'db') });
  try {
    if (opts.list) {
      console.log((await listTables(database.db)).join('\n'));
      return;
    }
    if (!opts.table === !opts.query) throw new CliError('give exactly one of --table NAME or --query SQL (or --list)');
    const query = opts.table ? await tableQuery(database.db, opts.table) : opts.query!;
    const out = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
    let header: string[] | undefined;
    const count = await exportQuery(database.db, query, (rows) => {
      if (opts.format === 'ndjson') {
        out.write(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
        return;
      }
      if (!header) {
        header = Object.keys(rows[0]);
        out.write(stringify([header]));
      }
      out.write(stringify(rows.map((r) => header!.map((h) => cell(r[h])))));
    });
    if (out !== process.stdout) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    console.error(`exported ${count} rows`);
  } finally {
    await database.close();
  }
}
