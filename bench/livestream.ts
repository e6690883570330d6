// `npm run bench -- livestream`: p99 from a triggering event to the applied stream action (the webhook
// received by the platform), with live-stream traffic at >= 5k events/s across >= 1k streams posted over
// HTTP (batches of 250 every 50 ms), and a dashboard-style query load running beside it, on PostgreSQL. The strategy keeps
// per-stream windows (chat rate, share of flagged comments, gift value, new viewers) updated on every
// event and interrupts a stream when its chat turns into a raid.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startVigil } from '../src/server/index.js';
import { createStrategy, setVersionState } from '../src/strategies/index.js';
import { finish, round, say, type BenchContext } from './harness.js';

const PG_ADMIN = process.env.VIGIL_TEST_DATABASE_URL ?? process.env.VIGIL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TICK_MS = 50;

const STRATEGY = `
policy spam
on comment, gift, viewer.joined
let chat_per_min = rate(comment, by: target, window: 1m)
let flagged = count(comment, by: target, window: 1m, where: contains(event.text, "raid"))
let gifts_1m = sum(gift, of: event.gift.value_cents, by: livestream, window: 1m)
let new_viewers = count(viewer.joined, by: livestream, window: 5m, where: age(viewer) < 1d)
rule raid
  when event.type == "comment" and target.type == "livestream" and contains(event.text, "raid") and flagged >= 2 and chat_per_min >= 0
  then interrupt target, notify "chat raid"
rule "gift spike"
  when event.type == "gift" and gifts_1m > 10000000
  then enqueue "commerce" priority 90
rule "viewer flood"
  when event.type == "viewer.joined" and new_viewers > 100000
  then enqueue "general"
`;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

export async function main(ctx: BenchContext): Promise<void> {
  const streams = ctx.quick ? 1000 : 1000;
  const rate = ctx.quick ? 5000 : 5000;
  const seconds = ctx.quick ? 15 : 50;
  // Traffic runs from the start; raids begin after a warm-up (JIT, caches, the first checkpoint), so the
  // figure is the steady state's.
  const warmupSeconds = 5;
  const triggersPerSecond = 4;
  const dbName = `vigil_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${dbName}`;

  // The platform: receives webhooks and notes when each stream's interrupt arrived.
  const arrived = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const a = body.data?.action;
        if (a?.action === 'interrupt' && !arrived.has(a.entity.id)) arrived.set(a.entity.id, at);
      } catch {
        /* a ping */
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;

  const vigil = await startVigil({ databaseUrl: url.toString(), consoleDir: false });
  const key = vigil.adminKey!;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${vigil.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  try {
    await api('POST', '/v1/webhooks', { url: receiverUrl, action_kinds: ['interrupt'] });
    const db = vigil.services.db;
    await createStrategy(db, { id: 'live-raids', name: 'Livestream raids', source: STRATEGY }, 'bench', new Date());
    await setVersionState(db, 'live-raids', 1, { state: 'live' }, 'bench', new Date());
    await vigil.services.strategies.refresh();

    let seq = 0;
    const nextId = () => `e${++seq}`;
    const pick = (n: number) => Math.floor(Math.random() * n);
    const words = ['hi', 'love', 'this', 'stream', 'wow', 'gg', 'lol', 'nice', 'hello', 'from', 'madrid', 'cairo'];
    const chat = () => Array.from({ length: 3 + pick(6) }, () => words[pick(words.length)]).join(' ');
    const background = (n: number) => {
      const now = new Date().toISOString();
      return Array.from({ length: n }, () => {
        const r = Math.random();
        const stream = `ls-${pick(streams)}`;
        const id = nextId();
        if (r < 0.8) return { id, type: 'comment', time: now, content: { id: `c${id}`, kind: 'comment', text: chat(), language: 'en' }, author: { id: `u${pick(200_000)}` }, target: { type: 'livestream', id: stream } };
        if (r < 0.9) return { id, type: 'gift', time: now, livestream: { id: stream }, sender: { id: `u${pick(200_000)}` }, gift: { name: 'rose', value_cents: 100 + pick(500), currency: 'USD' } };
        return { id, type: 'viewer.joined', time: now, livestream: { id: stream }, viewer: { id: `u${pick(200_000)}`, created_at: now } };
      });
    };
    const raid = (stream: string) => {
      const id = nextId();
      return { id, type: 'comment', time: new Date().toISOString(), content: { id: `c${id}`, kind: 'comment', text: 'join the raid now', language: 'en' }, author: { id: `r${pick(1000)}` }, target: { type: 'livestream', id: stream } };
    };

    // Dashboard-style reads beside the traffic.
    let stopDash = false;
    let dashQueries = 0;
    const dashboard = async (path: string) => {
      while (!stopDash) {
        await api('GET', path).catch(() => undefined);
        dashQueries++;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const dash = ['/v1/stats/events', '/v1/decisions?limit=50', '/v1/strategies', '/v1/webhooks/deliveries?limit=50', '/v1/actions?limit=100'].map(dashboard);

    say(`livestream: ${rate} events/s across ${streams} streams for ${seconds} s on PostgreSQL (raids from ${warmupSeconds} s on), ${triggersPerSecond} raids/s, dashboard reads beside`);
    const triggers = new Map<string, number>();
    const armed: string[] = [];
    let sent = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let late = 0;
    const started = performance.now();
    const perTick = (rate * TICK_MS) / 1000;
    let raidNo = 0;
    for (let tick = 0; performance.now() - started < seconds * 1000; tick++) {
      const due = started + tick * TICK_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else late++;
      const events: unknown[] = background(perTick);
      let trigger: string | undefined;
      // A raid: two flagged comments arm a fresh stream; the next one, a few ticks later, triggers.
      if (tick * TICK_MS >= warmupSeconds * 1000 && tick % Math.round(1000 / TICK_MS / triggersPerSecond) === 0) {
        if (armed.length) {
          trigger = armed.shift()!;
          events.push(raid(trigger));
        }
        const fresh = `ls-raid-${raidNo++}`;
        events.push(raid(fresh), raid(fresh));
        armed.push(fresh);
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const postedAt = performance.now();
      if (trigger) triggers.set(trigger, postedAt);
      void api('POST', '/v1/events', { events })
        .then(() => (sent += events.length))
        .finally(() => inFlight--);
    }
    const sendSeconds = (performance.now() - started) / 1000;
    while (inFlight) await new Promise((r) => setTimeout(r, 10));
    // Let the last triggers come through.
    const deadline = performance.now() + 15_000;
    while (performance.now() < deadline && [...triggers.keys()].some((s) => !arrived.has(s))) await new Promise((r) => setTimeout(r, 50));
    stopDash = true;
    await Promise.all(dash);

    const latencies = [...triggers.entries()].filter(([s]) => arrived.has(s)).map(([s, t]) => arrived.get(s)! - t);
    const missing = [...triggers.keys()].filter((s) => !arrived.has(s)).length;
    const achieved = sent / sendSeconds;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    say(`  sent ${sent} events in ${sendSeconds.toFixed(1)} s: ${Math.round(achieved)} events/s (${late} ticks late, up to ${maxInFlight} batches in flight)`);
    say(`  ${latencies.length} triggers measured, ${missing} without an interrupt within 15 s; ${dashQueries} dashboard reads`);
    say(`  trigger to webhook received: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (goal: p99 < 250 ms)`);
    finish({ events_per_s: Math.round(achieved), streams: streams + raidNo, triggers: latencies.length, missing, p50_ms: round(p50, 1), p99_ms: round(p99, 1), goal_met: p99 < 250 && missing === 0 && achieved >= 5000 * 0.95 });
  } finally {
    await vigil.close();
    receiver.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}
