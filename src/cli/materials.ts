// `vigil materials import FILE --package ID` and `vigil materials export --package ID`: bulk edits of a
// material package on a running Vigil. Import checks the whole file here first (with a progress bar),
// naming the line and column of bad rows, so nothing is sent until it would be accepted.
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { requestUntilAnswered, type HttpTransportOptions } from '../ingest/index.js';
import { ImportError, IMPORT_FORMATS, IMPORT_MODES, EXPORT_FORMATS, parseImport, type ImportFormat, type ImportSummary, type ParsedImport } from '../materials/packages/index.js';
import { MATERIAL_STATUSES } from '../domain/index.js';
import { CliError, DEFAULT_PORT, readEnv } from './config.js';

interface Remote {
  url?: string;
  key?: string;
}
export interface ImportCommandOptions extends Remote {
  package: string;
  format?: string;
  mode?: string;
  policy?: string;
  status?: string;
  quiet?: boolean;
}
export interface ExportCommandOptions extends Remote {
  package: string;
  format?: string;
  out?: string;
}

const CONTENT_TYPES: Record<ImportFormat, string> = { csv: 'text/csv', json: 'application/json', ndjson: 'application/x-ndjson', hma: 'text/plain' };
const EXTENSIONS: Record<string, ImportFormat> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };

function transport(opts: Remote): HttpTransportOptions {
  const env = readEnv();
  const apiKey = opts.key ?? env.apiKey ?? env.adminKey;
  if (!apiKey) throw new CliError('no API key: pass --key or set VIGIL_API_KEY (a key with the analyst or admin role)');
  return { baseUrl: (opts.url ?? env.url ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, ''), apiKey, maxBackoffMs: 5_000 };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

const refusal = (status: number, text: string) => {
  try {
    return `HTTP ${status}: ${(JSON.parse(text) as { message?: string }).message ?? text}`;
  } catch {
    return `HTTP ${status}: ${text.slice(0, 500)}`;
  }
};

/** Reads and checks the file locally, with a bar counting rows read. */
function checkFile(file: string, text: string, format: ImportFormat, opts: ImportCommandOptions, interactive: boolean): ParsedImport {
  const lines = text.split('\n').length;
  const bar = interactive ? new cliProgress.SingleBar({ format: 'checking [{bar}] {value}/{total} rows', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(lines, 0);
  try {
    return parseImport(text, format, { policy_id: opts.policy, status: oneOf('--status', opts.status, MATERIAL_STATUSES), onRows: (rows) => bar?.update(Math.min(rows, lines)) });
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  } finally {
    bar?.stop();
  }
}

/** Policies the server knows, so an unknown policy is named with its row before the upload. */
async function checkPolicies(t: HttpTransportOptions, file: string, parsed: ParsedImport) {
  const res = await requestUntilAnswered(t, 'GET', '/v1/policies');
  if (res.status !== 200) throw new CliError(`cannot read the policies (${refusal(res.status, res.text)})`);
  const known = new Set((JSON.parse(res.text) as { policies: { id: string }[] }).policies.map((p) => p.id));
  const i = parsed.materials.findIndex((m) => m.policy_id !== undefined && !known.has(m.policy_id));
  if (i >= 0) throw new CliError(`${file}: ${parsed.rows[i]} (policy_id): unknown policy ${JSON.stringify(parsed.materials[i].policy_id)}; known: ${[...known].join(', ')}. Nothing was imported`);
}

export async function materialsImportCommand(file: string, opts: ImportCommandOptions): Promise<ImportSummary> {
  const t = transport(opts);
  if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
  const format = oneOf('--format', opts.format, IMPORT_FORMATS) ?? EXTENSIONS[path.extname(file).toLowerCase()];
  if (!format) throw new CliError(`cannot tell the format of ${file} from its name; pass --format ${IMPORT_FORMATS.join('|')}`);
  const mode = oneOf('--mode', opts.mode, IMPORT_MODES) ?? 'merge';
  const interactive = Boolean(process.stderr.isTTY) && !opts.quiet;
  const started = Date.now();

  const text = fs.readFileSync(file, 'utf8');
  const parsed = checkFile(file, text, format, opts, interactive);
  await checkPolicies(t, file, parsed);
  if (!opts.quiet) console.error(`${file}: ${parsed.materials.length} materials checked; sending to ${t.baseUrl}`);

  const query = new URLSearchParams({ mode, format });
  if (opts.policy) query.set('policy', opts.policy);
  if (opts.status) query.set('status', opts.status);
  // Retried on network errors and 5xx until answered: an import is idempotent (the same file again changes nothing).
  const res = await requestUntilAnswered(t, 'POST', `/v1/packages/${encodeURIComponent(opts.package)}/import?${query}`, text, CONTENT_TYPES[format]);
  if (res.status !== 200) throw new CliError(`import refused (${refusal(res.status, res.text)})`);
  const summary = JSON.parse(res.text) as ImportSummary;
  const seconds = (Date.now() - started) / 1000;
  const skipped = summary.skipped ? `, ${summary.skipped} skipped` : '';
  const version = summary.changed_package ? `now at version ${summary.version}` : `unchanged at version ${summary.version}`;
  console.log(
    `${summary.total} materials: ${summary.new} new, ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.retired} retired${skipped}; package ${summary.package_id} ${version}; ${seconds.toFixed(1)} s`,
  );
  return summary;
}

export async function materialsExportCommand(opts: ExportCommandOptions): Promise<void> {
  const t = transport(opts);
  const format = oneOf('--format', opts.format, EXPORT_FORMATS) ?? (opts.out && path.extname(opts.out).toLowerCase() === '.json' ? 'json' : 'csv');
  const res = await requestUntilAnswered(t, 'GET', `/v1/packages/${encodeURIComponent(opts.package)}/export?format=${format}`);
  if (res.status !== 200) throw new CliError(`export refused (${refusal(res.status, res.text)})`);
  if (opts.out) {
    fs.writeFileSync(opts.out, res.text);
    console.error(`wrote ${opts.out}`);
  } else process.stdout.write(res.text);
}
