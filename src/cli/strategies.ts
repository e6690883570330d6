// `vigil strategies check|push FILE` and `vigil backtest`: work on strategies of a running Vigil from
// files an analyst keeps in version control. Errors print as FILE:LINE:COL, like a compiler's.
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { requestUntilAnswered, type HttpTransportOptions } from '../ingest/index.js';
import { CliError, DEFAULT_PORT, readEnv } from './config.js';

interface Remote {
  url?: string;
  key?: string;
}

interface Problem {
  line: number;
  col: number;
  level: string;
  message: string;
}

function transport(opts: Remote): HttpTransportOptions {
  const env = readEnv();
  const apiKey = opts.key ?? env.apiKey ?? env.adminKey;
  if (!apiKey) throw new CliError('no API key: pass --key or set VIGIL_API_KEY (a key with the analyst or admin role)');
  return { baseUrl: (opts.url ?? env.url ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, ''), apiKey, maxBackoffMs: 5_000 };
}

async function call(t: HttpTransportOptions, method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await requestUntilAnswered(t, method, route, body === undefined ? undefined : JSON.stringify(body));
  let json: any;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = { message: res.text };
  }
  return { status: res.status, json };
}

function readSource(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

const printProblems = (file: string, problems: Problem[]) => {
  for (const p of problems) console.error(`${file}:${p.line}:${p.col}: ${p.level}: ${p.message}`);
};

export async function strategiesCheckCommand(file: string, opts: Remote): Promise<void> {
  const { status, json } = await call(transport(opts), 'POST', '/v1/strategies/check', { source: readSource(file) });
  if (status !== 200) throw new CliError(`check failed: ${json.message}`);
  printProblems(file, json.problems);
  if (!json.ok) throw new CliError(`${file}: ${json.problems.filter((p: Problem) => p.level === 'error').length} error(s)`);
  console.log(`${file}: ok (policy ${json.policy}, severity ${json.severity}, on ${json.on.join(', ')}; ${json.rules.length} rule(s), ${json.counters.length} counter(s))`);
}

export async function strategiesPushCommand(file: string, opts: Remote & { id: string; name?: string; note?: string; state?: string; percent?: string }): Promise<void> {
  const t = transport(opts);
  const source = readSource(file);
  const existing = await call(t, 'GET', `/v1/strategies/${encodeURIComponent(opts.id)}`);
  const saved =
    existing.status === 200
      ? await call(t, 'POST', `/v1/strategies/${encodeURIComponent(opts.id)}/versions`, { name: opts.name ?? existing.json.name, source, note: opts.note })
      : await call(t, 'POST', '/v1/strategies', { id: opts.id, name: opts.name ?? opts.id, source, note: opts.note });
  if (saved.status === 422 && saved.json.problems) {
    printProblems(file, saved.json.problems);
    throw new CliError(`${file}: not saved, the strategy has errors`);
  }
  if (saved.status !== 201) throw new CliError(`saving failed (${saved.status}): ${saved.json.message}`);
  const version = existing.status === 200 ? saved.json.version : 1;
  console.log(`${opts.id}: saved as version ${version} (draft)`);
  if (opts.state) {
    const moved = await call(t, 'POST', `/v1/strategies/${encodeURIComponent(opts.id)}/versions/${version}/state`, { state: opts.state, ...(opts.percent ? { rollout_percent: Number(opts.percent) } : {}) });
    if (moved.status !== 200) throw new CliError(`version ${version} saved, but moving it to ${opts.state} failed: ${moved.json.message}`);
    console.log(`${opts.id}: version ${version} is ${moved.json.state}${moved.json.state === 'rollout' ? ` at ${moved.json.rollout_percent}%` : ''}`);
  }
}

export async function backtestCommand(opts: Remote & { strategy: string; version?: string; from: string; to?: string; json?: boolean; quiet?: boolean }): Promise<void> {
  const t = transport(opts);
  const from = new Date(opts.from);
  const to = opts.to ? new Date(opts.to) : new Date();
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new CliError('--from and --to are times such as 2026-11-01T00:00:00Z');
  let version = opts.version ? Number(opts.version) : undefined;
  if (version === undefined) {
    const s = await call(t, 'GET', `/v1/strategies/${encodeURIComponent(opts.strategy)}`);
    if (s.status !== 200) throw new CliError(s.json.message);
    version = s.json.candidate?.version ?? s.json.live_version ?? s.json.latest_version;
  }
  const res = await fetch(`${t.baseUrl}/v1/strategies/${encodeURIComponent(opts.strategy)}/versions/${version}/backtest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify({ from: from.toISOString(), to: to.toISOString() }),
  }).catch((err: Error) => {
    throw new CliError(`cannot reach Vigil at ${t.baseUrl}: ${(err.cause as Error | undefined)?.message ?? err.message}`);
  });
  if (res.status !== 200) throw new CliError(`backtest refused (${res.status}): ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? ''}`);
  const span = to.getTime() - from.getTime();
  const bar = opts.quiet ? undefined : new cliProgress.SingleBar({ format: 'backtest {bar} {percentage}% | {inRange} events | {hits} hits | at {at}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar?.start(100, 0, { inRange: 0, hits: 0, at: '' });
  let report: any;
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      if (line.progress) {
        const at = line.progress.at ? Date.parse(line.progress.at) : from.getTime();
        bar?.update(Math.max(0, Math.min(100, Math.round((100 * (at - from.getTime())) / span))), { inRange: line.progress.inRange, hits: line.progress.hits, at: line.progress.at ?? '' });
      } else if (line.error) {
        bar?.stop();
        throw new CliError(`backtest failed: ${line.error}`);
      } else report = line.report;
    }
  }
  bar?.update(100);
  bar?.stop();
  if (!report) throw new CliError('the backtest ended without a report');
  if (opts.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const pct = (x: number | null) => (x === null ? 'no verdicts yet' : `${(100 * x).toFixed(1)}%`);
  console.log(`${opts.strategy} v${version} from ${report.from} to ${report.to}${report.truncated ? ' (cut short)' : ''}`);
  console.log(`  ${report.events} events, ${report.hits} hits (${(100 * report.hit_rate).toFixed(2)}%) in ${(report.duration_ms / 1000).toFixed(1)} s`);
  for (const [rule, n] of Object.entries(report.by_rule)) console.log(`  rule ${rule}: ${n}`);
  console.log(`  precision ${pct(report.precision.value)} (${report.precision.confirmed} confirmed, ${report.precision.overturned} overturned); recall ${pct(report.recall.value)}`);
  for (const [queue, n] of Object.entries(report.review_load)) console.log(`  review load: ${n} tasks for ${queue}`);
  for (const o of report.overlap) console.log(`  overlap with ${o.strategy_id}: ${o.both} both, ${o.only_this} only this, ${o.only_other} only ${o.strategy_id}`);
}
