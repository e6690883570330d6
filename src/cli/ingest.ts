// `vigil ingest FILE`: sends an NDJSON file of events to a running Vigil with a progress bar and a summary,
// retrying every batch until it is acknowledged.
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { VigilClient, sendNdjsonFile, uploadMediaBeside, type RejectedBatch } from '../ingest/index.js';
import { CliError, DEFAULT_PORT, readEnv } from './config.js';


export async function ingestCommand(file: string, opts: { url?: string; key?: string; continueOnError?: boolean; quiet?: boolean }) {
  const env = readEnv();
  const baseUrl = (opts.url ?? env.url ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, '');
  const apiKey = opts.key ?? env.apiKey ?? env.adminKey;
  if (!apiKey) throw new CliError('no API key: pass --key or set VIGIL_API_KEY (a key with the ingest or admin role)');
  if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
  const total = fs.statSync(file).size;
  const interactive = process.stderr.isTTY && !opts.quiet;
  let retries = 0;
  const client = new VigilClient({
    baseUrl,
    apiKey,
    onRetry: (info) => {
      retries += 1;
      if (!interactive && !opts.quiet && retries % 20 === 1) console.error(`retrying ${info.url}: ${info.status ? `HTTP ${info.status}` : info.error}`);
    },
  });

  // Media written beside the file by `vigil simulate --out` goes up first, so events can refer to it.
  const media = await uploadMediaBeside(client, file);
  if (!opts.quiet && media.uploaded + media.present) console.error(`media: ${media.uploaded} uploaded, ${media.present} already present`);

  const bar = interactive ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {percentage}% | {accepted} accepted, {duplicates} duplicates | {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(total, 0, { accepted: 0, duplicates: 0 });
  const rejected: RejectedBatch[] = [];
  const started = Date.now();
  let lastLog = 0;
  const progress = await sendNdjsonFile(client, file, {
    stopOnError: !opts.continueOnError,
    onRejected: (r) => rejected.push(r),
    onProgress: (p) => {
      bar?.update(p.bytes, { accepted: p.accepted, duplicates: p.duplicates });
      if (!interactive && !opts.quiet && Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        console.error(`ingest: ${Math.round((100 * p.bytes) / Math.max(total, 1))}% (${p.accepted} accepted, ${p.duplicates} duplicates)`);
      }
    },
  }).finally(() => bar?.stop());
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${progress.lines} lines: ${progress.accepted} accepted, ${progress.duplicates} duplicates, ${rejected.length} batches refused, ${retries} retries, ${seconds.toFixed(1)} s (${Math.round((progress.accepted + progress.duplicates) / Math.max(seconds, 0.001))} events/s)`,
  );
  for (const r of rejected) console.error(`refused (HTTP ${r.status}) ${r.line ? `at line ${r.line}` : `lines ${r.firstLine}-${r.lastLine}`}: ${r.message}`);
  if (rejected.length) process.exitCode = 1;
}
