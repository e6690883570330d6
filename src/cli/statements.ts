// `vigil statements export [--after N] [--out DIR]`: the statements of reasons of a running Vigil as files
// of at most 100 statements each, every file a body the EU Transparency Database API takes as is
// (POST /api/v1/statements). Files are named by the id range they hold; --after resumes after the last id.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, DEFAULT_PORT, readEnv } from './config.js';

export interface StatementsExportOptions {
  after?: string;
  out?: string;
  url?: string;
  key?: string;
  quiet?: boolean;
}

export interface StatementsExportSummary {
  files: string[];
  statements: number;
  /** The id to pass as --after next time (null when nothing was exported). */
  last: number | null;
}

const idOf = (puid: string) => Number(puid.replace(/^vigil-/, ''));

export async function statementsExportCommand(opts: StatementsExportOptions): Promise<StatementsExportSummary> {
  const env = readEnv();
  const apiKey = opts.key ?? env.apiKey ?? env.adminKey;
  if (!apiKey) throw new CliError('no API key: pass --key or set VIGIL_API_KEY (a key with the admin, analyst or viewer role)');
  const base = (opts.url ?? env.url ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, '');
  let after = 0;
  if (opts.after !== undefined) {
    if (!/^\d+$/.test(opts.after)) throw new CliError(`--after must be a statement id (a whole number), not ${JSON.stringify(opts.after)}`);
    after = Number(opts.after);
  }
  const dir = path.resolve(opts.out ?? '.');
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let count = 0;
  let last: number | null = null;
  for (;;) {
    const res = await fetch(`${base}/v1/statements/export?after=${after}&limit=100`, { headers: { authorization: `Bearer ${apiKey}` } });
    const body = (await res.json().catch(() => ({}))) as { statements?: { puid: string }[]; next_after?: number | null; message?: string };
    if (!res.ok || !body.statements) throw new CliError(`export refused (HTTP ${res.status}): ${body.message ?? res.statusText}`);
    if (!body.statements.length) break;
    const first = idOf(body.statements[0]!.puid);
    last = idOf(body.statements[body.statements.length - 1]!.puid);
    const file = path.join(dir, `statements-${first}-${last}.json`);
    fs.writeFileSync(file, JSON.stringify({ statements: body.statements }, null, 2) + '\n');
    files.push(file);
    count += body.statements.length;
    if (body.next_after === null || body.next_after === undefined) break;
    after = body.next_after;
  }
  if (!opts.quiet) console.log(`${count} statement${count === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'} in ${dir}${last !== null ? `; next time: --after ${last}` : ''}`);
  return { files, statements: count, last };
}
