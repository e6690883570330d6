// The decision pipeline on both storage backends: decisions and actions from ingested events, shadow
// and rollout versions, the human-override rule, exactly-once batches, and counters after a restart.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisUrl, requireService } from '../../../test/support/services.js';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import { createBus, type Bus } from '../../bus/index.js';
import { seedDefaultCatalogue } from '../../catalogue/index.js';
import type { VigilEvent } from '../../domain/index.js';
import { listActions, recordAction } from '../../enforcement/index.js';
import { createLanguageDetector, ingestBatch, type LanguageDetector } from '../../ingest/index.js';
import { MaterialsService } from '../../materials/index.js';
import type { Backend, Database } from '../../store/database.js';
import { StrategiesService } from '../runtime/service.js';
import { checkAutoPause, saveGuardrailSettings, DEFAULT_GUARDRAILS, snoozeEntity, listAlerts } from '../guardrails/index.js';
import { createStrategy, getStrategy, setPaused, setVersionState, saveVersion } from '../store/index.js';
import { startDecisionPipeline, type DecisionPipeline } from './consumer.js';
import { openPipelineCounters } from './counters.js';

const T0 = Date.parse('2026-11-01T12:00:00Z');
const now = () => new Date(T0 + 3_600_000);

const comment = (n: number, author: string, minute: number, text = `hello ${n}`): VigilEvent =>
  ({
    id: `ev-${n}`,
    type: 'comment',
    time: new Date(T0 + minute * 60_000).toISOString(),
    content: { id: `c-${n}`, kind: 'comment', text, language: 'en' },
    author: { id: author },
    target: { type: 'livestream', id: 'ls-1' },
  }) as VigilEvent;

const BURST = `
policy spam
on comment
let recent = count(comment, by: author, window: 10m)
rule burst when recent >= 2 then remove, label author "burst"
`;

/** A migrated database with the default catalogue, a bus, and the services the pipeline runs on; fresh per test. */
function pipelineWorld(backend: Backend) {
  const world = {} as { database: Database; bus: Bus; languages: LanguageDetector; materials: MaterialsService; strategies: StrategiesService; pipelines: DecisionPipeline[] };
  world.pipelines = [];
  beforeAll(async () => {
    world.database = await testDatabase(backend);
    world.languages = await createLanguageDetector();
  });
  beforeEach(async () => {
    await resetDatabase(world.database.db);
    await seedDefaultCatalogue(world.database.db, now());
    world.bus = await createBus({ db: world.database.db });
    world.materials = new MaterialsService(world.database.db);
    world.strategies = new StrategiesService(world.database.db);
  });
  afterEach(async () => {
    for (const p of world.pipelines.splice(0)) await p.stop();
    await world.bus.close();
  });
  afterAll(() => world.database.close());
  return world;
}

describeEachBackend('the decision pipeline', (backend) => {
  const world = pipelineWorld(backend);
  let database: Database;
  let materials: MaterialsService;
  let strategies: StrategiesService;
  beforeEach(() => {
    ({ database, materials, strategies } = world);
  });
  const ingest = (events: VigilEvent[]) => ingestBatch({ db: database.db, bus: world.bus, languages: world.languages }, events, now());
  async function run(options: { failOnce?: boolean } = {}) {
    const set = await strategies.refresh();
    const { store } = await openPipelineCounters({ db: database.db, set, materials: await materials.set() });
    let fail = options.failOnce ?? false;
    const pipeline = startDecisionPipeline({
      db: database.db,
      clock: now,
      materials,
      strategies,
      counters: store,
      checkpointEvery: 3,
      maxBatch: 4,
      onError: () => undefined,
      beforeCommit: () => {
        if (fail) {
          fail = false;
          throw new Error('the first batch fails after writing its decisions');
        }
      },
    });
    world.pipelines.push(pipeline);
    await pipeline.consumer.drained();
    return pipeline;
  }
  const decisions = () => database.db.selectFrom('decisions').selectAll().orderBy('event_seq').orderBy('strategy_id').execute();

  it('decides in ingest order with counters, records the evidence, applies the actions once', async () => {
    await createStrategy(database.db, { id: 'burst', name: 'Comment bursts', source: BURST }, 'analyst', now());
    await setVersionState(database.db, 'burst', 1, { state: 'live' }, 'analyst', now());
    await ingest([comment(1, 'a1', 0), comment(2, 'a1', 1), comment(3, 'a2', 2), comment(4, 'a1', 3), comment(5, 'a1', 20), comment(6, 'a1', 21), comment(7, 'a1', 22)]);
    await run({ failOnce: true });
    const ds = await decisions();
    // a1's third comment within 10 minutes (ev-4), then again at minute 22 (ev-7): ev-5 and ev-6 see an empty window behind them.
    expect(ds.map((d) => d.event_id)).toEqual(['ev-4', 'ev-7']);
    expect(ds[0]).toMatchObject({ strategy_id: 'burst', strategy_version: 1, rule: 'burst', mode: 'live', applied: true, policy_id: 'spam', entity_type: 'content', entity_id: 'c-4' });
    const evidence = ds[0]!.evidence as { conditions: { expr: string; value: unknown }[]; counters: { counter: string; key: string; value: number }[] };
    expect(evidence.counters).toEqual([{ counter: 'count(comment, by: author, window: 10m)', key: 'account:a1', value: 2 }]);
    expect(evidence.conditions.at(-1)).toMatchObject({ expr: 'recent >= 2', value: true });
    const actions = await listActions(database.db, { limit: 100 });
    // The label is taken once: on ev-7 the author already carries it.
    expect(actions.map((a) => [a.action, `${a.entity.type}:${a.entity.id}`, a.details.label ?? null, a.effective_at])).toEqual([
      ['remove', 'content:c-4', null, new Date(T0 + 3 * 60_000).toISOString()],
      ['label', 'account:a1', 'burst', new Date(T0 + 3 * 60_000).toISOString()],
      ['remove', 'content:c-7', null, new Date(T0 + 22 * 60_000).toISOString()],
    ]);
    expect(actions[0]!.strategy).toEqual({ id: 'burst', version: 1, decision_id: Number(ds[0]!.id) });
    const a1 = await database.db.selectFrom('entities').select('labels').where('type', '=', 'account').where('id', '=', 'a1').executeTakeFirstOrThrow();
    expect(a1.labels).toEqual(['burst']);
  });

  it('records shadow decisions without applying them, and buckets a rollout by entity', async () => {
    await createStrategy(database.db, { id: 'burst', name: 'Comment bursts', source: BURST }, 'analyst', now());
    await setVersionState(database.db, 'burst', 1, { state: 'live' }, 'analyst', now());
    await saveVersion(database.db, 'burst', { name: 'Comment bursts', source: BURST.replace('recent >= 2', 'recent >= 1') }, 'analyst', now());
    await setVersionState(database.db, 'burst', 2, { state: 'shadow' }, 'analyst', now());
    await ingest([comment(1, 'a1', 0), comment(2, 'a1', 1), comment(3, 'a1', 2)]);
    await run();
    const ds = await decisions();
    expect(ds.map((d) => [d.event_id, d.strategy_version, d.mode, d.applied])).toEqual([
      ['ev-2', 2, 'shadow', false],
      ['ev-3', 1, 'live', true],
      ['ev-3', 2, 'shadow', false],
    ]);
    expect((await listActions(database.db, { limit: 100 })).map((a) => a.strategy?.version)).toEqual([1, 1]);
  });

  it('lets a moderator’s clearing override the strategy', async () => {
    await createStrategy(database.db, { id: 'burst', name: 'Comment bursts', source: BURST }, 'analyst', now());
    await setVersionState(database.db, 'burst', 1, { state: 'live' }, 'analyst', now());
    await ingest([comment(1, 'a1', 0), comment(2, 'a1', 1)]);
    await recordAction(database.db, { entity: { type: 'account', id: 'a1' }, action: 'allow', policy: 'spam', source: 'review', actor: 'mod-1' }, now());
    await ingest([comment(3, 'a1', 2)]);
    await run();
    const [d] = await decisions();
    expect(d!.event_id).toBe('ev-3');
    // The content removal stands (the clearing was of the account); the label on the cleared account does not.
    expect((d!.evidence as { suppressed: { verb: string; because: string }[] }).suppressed).toEqual([{ verb: 'label', entity: { type: 'account', id: 'a1' }, because: 'a moderator cleared account:a1 for spam' }]);
    expect((await listActions(database.db, { limit: 100 })).map((a) => a.action)).toEqual(['allow', 'remove']);
  });

  it('resumes counters exactly after a restart, from the checkpoint and the events decided since', async () => {
    await createStrategy(database.db, { id: 'burst', name: 'Comment bursts', source: BURST.replace('recent >= 2', 'recent == 5') }, 'analyst', now());
    await setVersionState(database.db, 'burst', 1, { state: 'live' }, 'analyst', now());
    await ingest([1, 2, 3, 4, 5].map((n) => comment(n, 'a1', n)));
    const first = await run();
    await first.stop();
    world.pipelines.splice(0);
    // Five comments are in the window; the checkpoint (every 3 events) holds fewer: the rest are re-applied.
    await ingest([comment(6, 'a1', 6), comment(7, 'a1', 7)]);
    await run();
    expect((await decisions()).map((d) => d.event_id)).toEqual(['ev-6']);
  });
});

describeEachBackend('guardrails in the pipeline', (backend) => {
  const world = pipelineWorld(backend);
  let database: Database;
  let materials: MaterialsService;
  let strategies: StrategiesService;
  beforeEach(() => {
    ({ database, materials, strategies } = world);
  });
  const ingest = (events: VigilEvent[]) => ingestBatch({ db: database.db, bus: world.bus, languages: world.languages }, events, now());
  async function run() {
    const set = await strategies.refresh();
    const { store } = await openPipelineCounters({ db: database.db, set, materials: await materials.set() });
    const pipeline = startDecisionPipeline({ db: database.db, clock: now, materials, strategies, counters: store, maxBatch: 3, onError: () => undefined });
    world.pipelines.push(pipeline);
    await pipeline.consumer.drained();
  }
  const EVERY = 'policy spam\non comment\nrule every then remove';

  it('caps a strategy’s actions per day, suppressing the rest with the reason and one alert', async () => {
    await saveGuardrailSettings(database.db, { ...DEFAULT_GUARDRAILS, strategy_daily_cap: 2 }, 'admin', now());
    await createStrategy(database.db, { id: 'every', name: 'Every comment', source: EVERY }, 'analyst', now());
    await setVersionState(database.db, 'every', 1, { state: 'live' }, 'analyst', now());
    await ingest([1, 2, 3, 4, 5].map((n) => comment(n, `a${n}`, n)));
    await run();
    expect((await listActions(database.db, { limit: 100 })).map((a) => a.entity.id)).toEqual(['c-1', 'c-2']);
    const last = await database.db.selectFrom('decisions').select('evidence').where('event_id', '=', 'ev-5').executeTakeFirstOrThrow();
    expect((last.evidence as { suppressed: { because: string }[] }).suppressed[0]!.because).toBe('strategy every reached its daily cap of 2 actions');
    expect((await listAlerts(database.db, { limit: 10 })).map((a) => [a.kind, a.strategy_id, a.details])).toEqual([['cap.reached', 'every', { cap: 2, action: null, day: '2026-11-01' }]]);
  });

  it('gives a snoozed entity no automated actions, and an expired strategy decides nothing', async () => {
    await createStrategy(database.db, { id: 'every', name: 'Every comment', source: EVERY }, 'analyst', now());
    await setVersionState(database.db, 'every', 1, { state: 'live' }, 'analyst', now());
    await createStrategy(database.db, { id: 'old', name: 'Emergency', source: `${EVERY.replace('remove', 'label author "x"')}\nexpires "2026-11-01T12:02:30Z"` }, 'analyst', now());
    await setVersionState(database.db, 'old', 1, { state: 'live' }, 'analyst', now());
    await ingest([comment(1, 'a1', 1), comment(2, 'a2', 2), comment(3, 'a3', 3)]);
    await snoozeEntity(database.db, { entity: { type: 'content', id: 'c-2' }, until: new Date(now().getTime() + 3_600_000), reason: 'partner' }, 'mod', now());
    await run();
    const actions = await listActions(database.db, { limit: 100 });
    expect(actions.filter((a) => a.action === 'remove').map((a) => a.entity.id)).toEqual(['c-1', 'c-3']);
    // The emergency strategy expired at 12:02:30: it labelled the authors of the comments at 12:01 and 12:02 only.
    expect(actions.filter((a) => a.action === 'label').map((a) => a.entity.id)).toEqual(['a1', 'a2']);
  });

  it('auto-pauses a strategy that fires on more than 5% of events soon after going live', async () => {
    await createStrategy(database.db, { id: 'every', name: 'Every comment', source: EVERY }, 'analyst', now());
    await setVersionState(database.db, 'every', 1, { state: 'live' }, 'analyst', new Date(now().getTime() - 60_000));
    await ingest(Array.from({ length: 60 }, (_, i) => comment(i, `a${i}`, i % 50)));
    await run();
    expect(await checkAutoPause(database.db, now())).toEqual(['every']);
    expect(await getStrategy(database.db, 'every')).toMatchObject({ paused: true, paused_reason: expect.stringMatching(/^auto-paused: 60 hits on 60 events/) });
    expect((await listAlerts(database.db, { limit: 10 }))[0]).toMatchObject({ kind: 'strategy.auto_paused', strategy_id: 'every' });
    expect(await checkAutoPause(database.db, now())).toEqual([]);
    // Resumed by a person who looked: the hits before the resume no longer count against it.
    await setPaused(database.db, 'every', false, null, 'analyst', new Date(now().getTime() + 1000));
    expect(await checkAutoPause(database.db, new Date(now().getTime() + 60_000))).toEqual([]);
  });
});

const redis = await requireService('Redis', redisUrl());

describe.runIf(redis.run)('the decision pipeline with counters in Redis', () => {
  let database: Database;
  let bus: Bus;
  let languages: LanguageDetector;
  const prefix = `vigil:test:${randomBytes(4).toString('hex')}:`;
  beforeAll(async () => {
    database = await testDatabase('pglite');
    await resetDatabase(database.db);
    await seedDefaultCatalogue(database.db, now());
    languages = await createLanguageDetector();
    bus = await createBus({ db: database.db });
  });
  afterAll(async () => {
    const client = new Redis(redisUrl());
    const keys = await client.keys(`${prefix}*`);
    if (keys.length) await client.del(...keys);
    await client.quit();
    await bus.close();
    await database.close();
  });

  it('shares counter state between pipeline owners: a second one continues where the first stopped', async () => {
    const materials = new MaterialsService(database.db);
    const strategies = new StrategiesService(database.db);
    await createStrategy(database.db, { id: 'burst', name: 'Comment bursts', source: BURST.replace('recent >= 2', 'recent == 5') }, 'analyst', now());
    await setVersionState(database.db, 'burst', 1, { state: 'live' }, 'analyst', now());
    const run = async () => {
      const set = await strategies.refresh();
      const { store } = await openPipelineCounters({ db: database.db, redisUrl: redisUrl(), redisKeyPrefix: prefix, set, materials: await materials.set() });
      expect(store.kind).toBe('redis');
      const pipeline = startDecisionPipeline({ db: database.db, clock: now, materials, strategies, counters: store, maxBatch: 2, onError: () => undefined });
      await pipeline.consumer.drained();
      await pipeline.stop();
      await store.close();
    };
    await ingestBatch({ db: database.db, bus, languages }, [1, 2, 3, 4, 5].map((n) => comment(n, 'a1', n)), now());
    await run();
    await ingestBatch({ db: database.db, bus, languages }, [comment(6, 'a1', 6), comment(7, 'a1', 7)], now());
    await run();
    expect((await database.db.selectFrom('decisions').select('event_id').execute()).map((d) => d.event_id)).toEqual(['ev-6']);
    // Nothing was checkpointed: the state lives in Redis.
    expect(await database.db.selectFrom('counter_checkpoints').selectAll().execute()).toEqual([]);
  });
});

describe('rollout buckets', () => {
  it('are stable per entity and close to the percentage', async () => {
    const { inRollout } = await import('./evaluate.js');
    const keys = Array.from({ length: 10_000 }, (_, i) => `account:a${i}`);
    const share = keys.filter((k) => inRollout('s', k, 20)).length / keys.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    expect(keys.filter((k) => inRollout('s', k, 20))).toEqual(keys.filter((k) => inRollout('s', k, 20)));
    // A larger percentage keeps every entity already in.
    expect(keys.filter((k) => inRollout('s', k, 20)).every((k) => inRollout('s', k, 50))).toBe(true);
  });
});
