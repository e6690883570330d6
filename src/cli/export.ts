// `vigil export`: any table or read-only query as CSV or NDJSON, for analysts' own SQL and Python, and the
// audit log with its filters (--audit). Straight from the database, or (--url) from a running Vigil, which
// holds the embedded database's lock.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../store/database.js';
import { AUDIT_COLUMNS, exportAudit, type AuditFilter } from '../store/audit.js';
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
  /** The audit log, filtered by these (all optional). */
  audit?: boolean;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

function timeOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) throw new CliError(`${flag} must be a time such as 2026-05-01T00:00:00Z, not ${JSON.stringify(value)}`);
  return t.toISOString();
}

/** The audit filters given on the command line, as the API's query parameters. */
function auditParams(opts: ExportOptions): Record<string, string> {
  const params: Record<string, string | undefined> = { actor: opts.actor, action: opts.action, target_type: opts.targetType, target_id: opts.targetId, from: timeOption(opts.from, '--from'), to: timeOption(opts.to, '--to') };
  if (params.from && params.to && params.from >= params.to) throw new CliError('--from must be before --to');
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

async function exportOverHttp(opts: ExportOptions, format: ExportFormat) {
  const env = readEnv();
  const apiKey = opts.key ?? env.apiKey ?? env.adminKey;
  if (!apiKey) throw new CliError('no API key: pass --key or set VIGIL_API_KEY (a key with the analyst or admin role)');
  const base = opts.url!.replace(/\/$/, '');
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const res = opts.audit
    ? await fetch(`${base}/v1/audit/export?${new URLSearchParams({ ...auditParams(opts), format })}`, { headers })
    : opts.table
    ? await fetch(`${base}/v1/export/${encodeURIComponent(opts.table)}?format=${format}`, { headers })
    : await fetch(`${base}/v1/export`, { method: 'POST', headers, body: JSON.stringify({ query: opts.query, format }) });
  if (!res.ok || !res.body) throw new CliError(`export refused (HTTP ${res.status}): ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText}`);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), opts.out ? fs.createWriteStream(opts.out) : process.stdout);
}

export async function exportCommand(opts: ExportOptions) {
  if (!['csv', 'ndjson'].includes(opts.format)) throw new CliError(`--format must be csv or ndjson, not ${JSON.stringify(opts.format)}`);
  const format = opts.format as ExportFormat;
  if (!opts.list && [opts.table, opts.query, opts.audit].filter(Boolean).length !== 1) throw new CliError('give exactly one of --table NAME, --query SQL or --audit (or --list)');
  if (!opts.audit && [opts.actor, opts.action, opts.targetType, opts.targetId, opts.from, opts.to].some((v) => v !== undefined)) throw new CliError('--actor, --action, --target-type, --target-id, --from and --to filter --audit only');
  const audit = opts.audit ? auditParams(opts) : undefined;
  if (opts.url && !opts.list) return exportOverHttp(opts, format);
  const env = readEnv();
  const url = env.databaseUrl;
  const database = await openDatabase({ url, dataDir: url ? undefined : path.join(path.resolve(opts.dataDir ?? env.dataDir), 'db') });
  try {
    if (opts.list) {
      console.log((await listTables(database.db)).join('\n'));
      return;
    }
    const out = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
    const formatRows = exportFormatter(format);
    let count: number;
    if (audit) {
      const filter: AuditFilter = { ...audit, from: audit.from ? new Date(audit.from) : undefined, to: audit.to ? new Date(audit.to) : undefined };
      count = await exportAudit(database.db, filter, (rows) => void out.write(formatRows(rows)));
      if (count === 0 && format === 'csv') out.write(`${AUDIT_COLUMNS.join(',')}\n`);
    } else {
      const query = opts.table ? await tableQuery(database.db, opts.table) : opts.query!;
      count = await exportQuery(database.db, query, (rows) => void out.write(formatRows(rows)));
    }
    if (out !== process.stdout) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    console.error(`exported ${count} rows`);
  } finally {
    await database.close();
  }
}
