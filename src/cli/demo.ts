// The demo behind `npm start`: the simulated platform, in the same process, feeding Vigil through the same
// validation and intake as HTTP, and reading Vigil's action log back so the loop closes.
import type { RunningVigil } from '../server/index.js';
import { ingestBatch, validateBatch } from '../ingest/index.js';
import { listActions } from '../enforcement/index.js';
import { NotFoundError } from '../catalogue/index.js';
import { createPackage, getPackage, importMaterials } from '../materials/index.js';
import { createStrategy, listStrategies, setVersionState } from '../strategies/index.js';
import { createSimulation, DEMO_PACKAGE_ID, demoTermList, groundTruthPathInDataDir, systemClock, type ActionSource, type EventSink } from '../simulate/index.js';

export interface DemoOptions {
  dataDir: string;
  seed?: string;
  accounts?: string;
  speed?: string;
}

function inProcessSink(vigil: RunningVigil): EventSink {
  const s = vigil.services;
  return {
    async putMedia(bytes, _kind, mime) {
      const { media } = await s.media.putBytes(bytes, mime);
      return { sha256: media.sha256 };
    },
    async send(events) {
      await ingestBatch(s, validateBatch({ events }), s.clock());
    },
    async close() {},
  };
}

function inProcessActions(vigil: RunningVigil): ActionSource {
  let after: number | undefined;
  return {
    async poll() {
      if (after === undefined) {
        // Only actions taken from now on concern this run's world.
        const last = await vigil.services.db.selectFrom('actions').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
        after = Number(last?.seq ?? 0);
      }
      const actions = await listActions(vigil.services.db, { after, limit: 1000 });
      if (actions.length) after = actions[actions.length - 1].seq;
      return actions;
    },
  };
}

/**
 * The demo material package: the simulator's known terms in four languages, active, so the simulated
 * platform's violations leave hits from the first minute. Filled once (again only if it is empty); an
 * analyst's edits are kept.
 */
export async function seedDemoPackage(vigil: RunningVigil): Promise<void> {
  const { db, clock } = vigil.services;
  try {
    if ((await getPackage(db, DEMO_PACKAGE_ID)).material_count > 0) return;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const scope = { surfaces: [], markets: [], languages: [] };
    const description = 'Known violating terms in English, Arabic, Spanish and Chinese, shipped with the demo.';
    await createPackage(db, { id: DEMO_PACKAGE_ID, name: 'Demo terms', description, owner: 'vigil demo', scope }, 'demo', clock());
  }
  // A term shared by two languages ("sexting", "pro ana") is one material in both.
  const byValue = new Map<string, { kind: string; value: string; languages: string[]; policy_id: string; match_mode: string; status: string }>();
  for (const t of demoTermList()) {
    const row = byValue.get(t.term);
    if (row) row.languages = [...new Set([...row.languages, t.language])];
    else byValue.set(t.term, { kind: /\s/.test(t.term) ? 'phrase' : 'term', value: t.term, languages: [t.language], policy_id: t.policy, match_mode: 'word', status: 'active' });
  }
  const rows = [...byValue.values()];
  await importMaterials(db, DEMO_PACKAGE_ID, JSON.stringify(rows), { format: 'json', mode: 'merge' }, 'demo', clock());
  await vigil.services.materials.refresh();
}

/** The demo strategies: what an analyst would start from, live (and one in shadow) from the first minute. */
export const DEMO_STRATEGIES: { id: string; name: string; state: 'live' | 'shadow'; source: string }[] = [
  {
    id: 'hate-terms',
    name: 'Hate and harassment terms in posts and comments',
    state: 'live',
    source: `policy hate
description "Hate and harassment terms from the demo package: remove the item and send it to review"
on content.created, comment
rule "hate term"
  when hits(package: "demo", policy: "hate") > 0
  then remove, enqueue "speech_en" priority 70 reason "hate term"
rule "harassment term"
  when hits(package: "demo", policy: "harassment") > 0
  then limit_reach, enqueue "speech_en" priority 50 reason "harassment term"
`,
  },
  {
    id: 'scam-terms',
    name: 'Scam terms from new accounts',
    state: 'live',
    source: `policy scam
on content.created, comment
rule "scam term from a new account"
  when hits(package: "demo", policy: "scam") > 0 and age(author) < 7d
  then remove, enqueue "commerce" priority 60
rule "scam term"
  when hits(package: "demo", policy: "scam") > 0
  then enqueue "commerce" priority 30
`,
  },
  {
    id: 'comment-bursts',
    name: 'Comment bursts from one account',
    state: 'live',
    source: `policy spam
on comment
let recent = count(comment, by: author, window: 10m)
rule burst
  when recent >= 20
  then limit_reach, label author "bursty"
`,
  },
  {
    id: 'livestream-raids',
    name: 'Livestream chat raids',
    state: 'live',
    source: `policy harassment
on comment
let chat_per_min = rate(comment, by: target, window: 1m)
let flagged = count(comment, by: target, window: 5m, where: hits(package: "demo") > 0)
rule raid
  when target.type == "livestream" and flagged >= 5 and chat_per_min >= 10
  then interrupt target, notify "chat raid in progress"
`,
  },
  {
    id: 'gift-spikes',
    name: 'Gift value spikes into one stream',
    state: 'live',
    source: `policy scam
on gift
let value_1m = sum(gift, of: event.gift.value_cents, by: livestream, window: 1m)
let senders_per_card = distinct(gift, of: sender, by: payment_instrument, window: 1d)
rule "card shared by senders"
  when senders_per_card >= 3
  then enqueue "commerce" priority 80 reason "one card, many senders"
rule spike
  when value_1m > 20000
  then enqueue "commerce" priority 60
`,
  },
  {
    id: 'shared-devices',
    name: 'Many accounts on one device',
    state: 'shadow',
    source: `policy spam
on login, account.created
let accounts = distinct([login, account.created], of: account, by: device, window: 1d)
rule farm
  when accounts >= 5
  then label account "device-farm", enqueue "general" priority 40
`,
  },
];

/** Creates the demo strategies once (never over an analyst's edits: only when there are none at all). */
export async function seedDemoStrategies(vigil: RunningVigil): Promise<void> {
  const { db, clock } = vigil.services;
  if ((await listStrategies(db, { includeArchived: true })).length) return;
  for (const s of DEMO_STRATEGIES) {
    await createStrategy(db, { id: s.id, name: s.name, source: s.source, note: 'shipped with the demo' }, 'vigil demo', clock());
    await setVersionState(db, s.id, 1, { state: s.state }, 'vigil demo', clock());
  }
  await vigil.services.strategies.refresh();
}

export async function startDemoSimulation(vigil: RunningVigil, options: DemoOptions): Promise<() => Promise<void>> {
  await seedDemoPackage(vigil);
  await seedDemoStrategies(vigil);
  const startedAt = new Date();
  const simulation = createSimulation({
    seed: options.seed ? Number(options.seed) : 1,
    accounts: options.accounts ? Number(options.accounts) : 20_000,
    speed: options.speed ? Number(options.speed) : 10,
    days: 30,
    start: startedAt.toISOString(),
    // Each start is a new stretch of the simulated platform: fresh ids, so replays never collide.
    idPrefix: `d${startedAt.getTime().toString(36)}`,
  });
  const controller = new AbortController();
  let events = 0;
  const run = simulation
    .run({
      sink: inProcessSink(vigil),
      actions: inProcessActions(vigil),
      clock: systemClock(),
      groundTruthPath: groundTruthPathInDataDir(options.dataDir),
      signal: controller.signal,
      onProgress: (p) => (events = p.events),
    })
    .catch((err: Error) => {
      if (!controller.signal.aborted) console.error(`  simulated platform stopped: ${err.message}`);
    });
  console.log('  The simulated platform is feeding events in; open the console to watch them arrive.');
  const ticker = setInterval(() => {
    const line = `  simulated platform: ${events.toLocaleString('en')} events sent`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line} `);
    else console.log(line);
  }, process.stdout.isTTY ? 2_000 : 30_000);
  ticker.unref();
  return async () => {
    clearInterval(ticker);
    controller.abort();
    await run;
  };
}
