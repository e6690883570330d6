// `vigil export`: any table or read-only query as CSV or NDJSON, for analysts' own SQL and Python.
// Straight from the database, or (--url) from a running Vigil, which holds the embedded database's lock.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../store/database.js';
import { exportFormatter, exportQuery, listTables, tableQuery, type ExportFormat } from '../store/export.js';
import { CliError, readEnv } from './config.js';

interface ExportOptions {
  table?: string;
  query?: string;
  format: string;
  out?: string;
  dataDir?: string;
  list?: boolean;
  url?: string;
  key?: string;
}

async function exportOverHttp(opts: ExportOptions, format: ExportFormat) {
  const env = readEnv();
  const apiKey = opts.key ?? env.apiKey ?? env.adminKey;
  if (!apiKey) throw new CliError('no API key: pass --key or set VIGIL_API_KEY (a key with the analyst or admin role)');
  const base = opts.url!.replace(/\/$/, '');
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const res = opts.table
    ? await fetch(`${base}/v1/export/${encodeURIComponent(opts.table)}?format=${format}`, { headers })
    : await fetch(`${base}/v1/export`, { method: 'POST', headers, body: JSON.stringify({ query: opts.query, format }) });
  if (!res.ok || !res.body) throw new CliError(`export refused (HTTP ${res.status}): ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText}`);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), opts.out ? fs.createWriteStream(opts.out) : process.stdout);
}

export async function exportCommand(opts: ExportOptions) {
  if (!['csv', 'ndjson'].includes(opts.format)) throw new CliError(`--format must be csv or ndjson, not ${JSON.stringify(opts.format)}`);
  const format = opts.format as ExportFormat;
  if (!opts.list && !opts.table === !opts.query) throw new CliError('give exactly one of --table NAME or --query SQL (or --list)');
  if (opts.url && !opts.list) return exportOverHttp(opts, format);
  const env = readEnv();
  const url = env.databaseUrl;
  const database = await openDatabase({ url, dataDir: url ? undefined : path.join(path.resolve(opts.dataDir ?? env.dataDir), 'db') });
  try {
    if (opts.list) {
      console.log((await listTables(database.db)).join('\n'));
      return;
    }
    const query = opts.table ? await tableQuery(database.db, opts.table) : opts.query!;
    const out = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
    const formatRows = exportFormatter(format);
    const count = await exportQuery(database.db, query, (rows) => void out.write(formatRows(rows)));
    if (out !== process.stdout) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    console.error(`exported ${count} rows`);
  } finally {
    await database.close();
  }
}
