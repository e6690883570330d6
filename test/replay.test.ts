// Replay equivalence: simulator events decided live by the pipeline, then backtested over the same
// history, give the same decisions (event, strategy, rule), on both storage backends; and every enqueue
// the pipeline took raised a review task signal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoPackage } from '../src/cli/demo.js';
import { ingestBatch } from '../src/ingest/index.js';
import { createSimulation, memorySink } from '../src/simulate/index.js';
import { createStrategy, runBacktest, setVersionState } from '../src/strategies/index.js';
import { eventually, startTestVigil, type TestVigil } from './support/app.js';
import { describeEachBackend } from './support/db.js';

const STRATEGIES: Record<string, string> = {
  bursts: 'policy spam\non comment\nlet recent = count(comment, by: author, window: 10m)\nrule burst when recent >= 3 then remove',
  terms: 'policy hate\non content.created, comment\nrule severe when hits(package: "demo", severity: 2) > 0 then remove, enqueue "general"\nrule any when hits(package: "demo") > 0 then enqueue "general" priority 20',
  gifts: 'policy scam\non gift\nlet value = sum(gift, of: event.gift.value_cents, by: livestream, window: 1m)\nrule spike when value > 3000 then enqueue "commerce"',
  devices: 'policy spam\non login\nrule shared when distinct(login, of: account, by: device, window: 1d) >= 2 then label account "shared-device"',
  chat: 'policy harassment\non comment\nlet per_min = rate(comment, by: target, window: 1m)\nlet short = count(comment, by: target, window: 5m, where: hits() > 0 or length(event.text) < 12)\nrule raid when target.type == "livestream" and per_min >= 3 and short >= 8 then interrupt target',
};

describeEachBackend('replaying history', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  it('gives the decisions the pipeline made live', async () => {
    const { db } = vigil.services;
    await seedDemoPackage(vigil);
    for (const [id, source] of Object.entries(STRATEGIES)) {
      await createStrategy(db, { id, name: id, source }, 'test', new Date());
      await setVersionState(db, id, 1, { state: 'live' }, 'test', new Date());
    }
    await vigil.services.strategies.refresh();
    const sink = memorySink();
    await createSimulation({ seed: 11, accounts: 400, days: 0.08, badActorShare: 0.2, speed: 'max', images: false }).run({ sink, batchSize: 200 });
    const events = sink.events;
    for (let i = 0; i < events.length; i += 500) await ingestBatch(vigil.services, events.slice(i, i + 500), new Date());
    vigil.services.afterIngest?.();
    await eventually(async () => {
      const r = await db.selectFrom('bus_cursors').select('position').where('group_name', '=', 'decisions').executeTakeFirst();
      const last = await db.selectFrom('bus_outbox').select(({ fn }) => fn.max('seq').as('m')).where('topic', '=', 'events').executeTakeFirstOrThrow();
      return r && r.position === Number(last.m);
    }, 60_000);
    const live = (await db.selectFrom('decisions').select(['event_id', 'strategy_id', 'rule']).execute()).map((d) => `${d.strategy_id} ${d.rule} ${d.event_id}`).sort();
    const times = events.map((e) => Date.parse(e.time));
    const from = new Date(Math.min(...times));
    const to = new Date(Math.max(...times) + 1);
    const replayed: string[] = [];
    const materials = await vigil.services.materials.set();
    for (const id of Object.keys(STRATEGIES)) await runBacktest(db, materials, { strategyId: id, version: 1, from, to, chunk: 300, onHit: (h) => replayed.push(`${id} ${h.rule} ${h.event_id}`) });
    // Every strategy fired, so the comparison covers each kind of counter and the material hits.
    for (const id of Object.keys(STRATEGIES)) expect(live.filter((d) => d.startsWith(`${id} `)).length, id).toBeGreaterThan(0);
    expect(replayed.sort()).toEqual(live);

    // Every enqueue the pipeline took became a signal on a review task, in the queue the strategy named,
    // gathered on one task per (entity, policy).
    const enqueues = await db.selectFrom('actions').select(['seq', 'entity_type', 'entity_id', 'policy_id', 'details']).where('action', '=', 'enqueue').execute();
    expect(enqueues.length).toBeGreaterThan(0);
    const signals = await db.selectFrom('review_signals as s').innerJoin('review_tasks as t', 't.id', 's.task_id').select(['s.action_seq', 's.strategy_id', 't.entity_type', 't.entity_id', 't.policy_id', 't.queue_id']).where('s.action_seq', 'is not', null).execute();
    const bySeq = new Map(signals.map((x) => [Number(x.action_seq), x]));
    for (const e of enqueues) {
      const signal = bySeq.get(Number(e.seq));
      expect(signal, `enqueue ${e.seq}`).toMatchObject({ entity_type: e.entity_type, entity_id: e.entity_id, policy_id: e.policy_id, queue_id: (e.details as { queue: string }).queue });
    }
    const tasks = await db.selectFrom('review_tasks').select(['entity_type', 'entity_id', 'policy_id']).where('status', '=', 'open').execute();
    expect(new Set(tasks.map((t) => `${t.entity_type}/${t.entity_id}/${t.policy_id}`)).size).toBe(tasks.length);
    const raisedByStrategies = new Set(signals.map((x) => `${x.entity_type}/${x.entity_id}/${x.policy_id}`));
    expect(raisedByStrategies.size).toBeLessThanOrEqual(enqueues.length);
  }, 180_000);
});
