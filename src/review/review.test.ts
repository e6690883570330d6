// Review core on both backends: tasks gather signals per (entity, policy), routing, leases that expire and
// pass on, verdicts recorded once with their enforcement, skips, paused and team-limited queues, appeals
// (window, a different moderator, overturn reverts), reporters' weights, blind measurement samples, and
// precision per strategy and material checked against a direct count of seeded verdicts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../test/support/db.js';
import { createQueue, seedDefaultCatalogue, setQueueState } from '../catalogue/index.js';
import type { EntityRef } from '../domain/index.js';
import { listActions, seedDefaultStrikeLadders } from '../enforcement/index.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/schema.js';
import { AppealRefusedError, fileAppeal } from './appeals.js';
import { LeaseError, nextTask, skipTask, type Moderator } from './leases.js';
import { materialPrecision, strategyPrecision, wilsonInterval } from './precision.js';
import { reporterWeight } from './priority.js';
import { fileReport } from './reports.js';
import { chooseQueue, saveRouting, type QueueForRouting } from './routing.js';
import { drawMeasurementSample, sampleDraw } from './samples.js';
import { saveReviewSettings } from './settings.js';
import { raiseFromActions } from './from-actions.js';
import { raiseSignals } from './tasks.js';
import { submitVerdict } from './verdicts.js';
import { reviewView, taskDetail } from './view.js';

const t0 = new Date('2026-05-01T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;
const DAY = 86_400_000;

describe('Wilson score interval', () => {
  it('matches Newcombe (1998), Table I, method 3: 81/263 gives 0.2553 to 0.3662', () => {
    const i = wilsonInterval(81, 263);
    expect(i.low).toBeCloseTo(0.2553, 4);
    expect(i.high).toBeCloseTo(0.3662, 4);
  });
  it('matches hand-computed values at the edges: 0/10 and 10/10 (formula of Wilson 1927, computed in Python)', () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.27753, 5);
    expect(wilsonInterval(10, 10).low).toBeCloseTo(0.72247, 5);
    expect(wilsonInterval(8, 10)).toMatchObject({ low: expect.closeTo(0.49016, 5), high: expect.closeTo(0.94332, 5) });
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('routing', () => {
  const q = (id: string, policies: string[], languages: string[] = [], extra: Partial<QueueForRouting> = {}): QueueForRouting => ({ id, policies, languages, escalation_queue: null, state: 'active', archived: false, ...extra });
  const queues = [q('hate_en', ['hate'], ['en'], { escalation_queue: 'appeals' }), q('hate_any', ['hate']), q('vip', ['hate']), q('appeals', []), q('drained', ['hate'], [], { state: 'draining' })];
  const task = { kind: 'review' as const, policy: 'hate', modality: 'video', language: 'en', market: 'DE', severityTier: 2 };
  it('takes the first matching rule, passing over rules whose queue is draining', () => {
    expect(chooseQueue([{ policy: 'hate', market: 'DE', queue: 'drained' }, { policy: 'hate', severity_tiers: [1, 2], queue: 'vip' }], queues, task)).toBe('vip');
    expect(chooseQueue([{ policy: 'hate', severity_tiers: [1], queue: 'vip' }], queues, task)).toBe('hate_en');
  });
  it('falls back to the registry: the queue for the language, then one for any language', () => {
    expect(chooseQueue([], queues, task)).toBe('hate_en');
    expect(chooseQueue([], queues, { ...task, language: 'fr' })).toBe('hate_any');
    expect(chooseQueue([], queues, { ...task, policy: 'spam' })).toBeUndefined();
  });
  it('sends appeals to the escalation queue unless a rule for appeals says otherwise', () => {
    expect(chooseQueue([], queues, { ...task, kind: 'appeal' })).toBe('appeals');
    expect(chooseQueue([{ task_kind: 'appeal', queue: 'vip' }], queues, { ...task, kind: 'appeal' })).toBe('vip');
  });
});

describeEachBackend('review core', (backend) => {
  let database: Database;
  let db: Db;
  const alice: Moderator = { id: 'mod:alice', teams: [] };
  const bob: Moderator = { id: 'mod:bob', teams: [] };
  const carol: Moderator = { id: 'mod:carol', teams: ['minors'] };

  beforeAll(async () => {
    database = await testDatabase(backend);
    db = database.db;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    await seedDefaultCatalogue(db, t0);
    await seedDefaultStrikeLadders(db, t0);
  });

  async function content(id: string, author: string, attrs: Record<string, unknown> = { language: 'en', modality: 'text' }): Promise<EntityRef> {
    await db.insertInto('entities').values([
      { type: 'content', id, attrs: JSON.stringify(attrs), first_seen: t0, last_seen: t0 },
      { type: 'account', id: author, attrs: '{}', first_seen: t0, last_seen: t0 },
    ]).onConflict((oc) => oc.columns(['type', 'id']).doNothing()).execute();
    await db.insertInto('relations').values({ src_type: 'account', src_id: author, kind: 'owns', dst_type: 'content', dst_id: id, first_seen: t0, last_seen: t0 }).execute();
    return { type: 'content', id };
  }
  const raise = (entity: EntityRef, policy: string, extra: Partial<Parameters<typeof raiseSignals>[1][number]> = {}, now = t0) =>
    db.transaction().execute((tx) => raiseSignals(tx, [{ entity, policy, source: 'manual', actor: 'analyst', ...extra }], now));
  async function strategyAction(entity: EntityRef, verb: string, policy: string, strategyId = 's1') {
    return db.insertInto('actions').values({ at: t0, effective_at: t0, entity_type: entity.type, entity_id: entity.id, action: verb, policy_id: policy, source: 'strategy', actor: `strategy:${strategyId}@1`, reason: 'rule', reverts_seq: null, strategy_id: strategyId, strategy_version: 1, decision_id: null, details: '{}' }).returningAll().executeTakeFirstOrThrow();
  }

  it('gathers every signal about an (entity, policy) on one open task and raises its priority', async () => {
    const c = await content('c1', 'u1');
    const first = await raise(c, 'hate', { source: 'strategy', priority: 30 });
    const report = await fileReport(db, { entity: c, policy: 'hate', reporter: 'r1', actor: 'platform' }, t0);
    const other = await raise(c, 'spam');
    expect(first[0]!.created).toBe(true);
    expect(report.taskId).toBe(first[0]!.taskId);
    expect(report.created).toBe(false);
    expect(other[0]!.taskId).not.toBe(first[0]!.taskId);
    const detail = await taskDetail(db, first[0]!.taskId);
    expect(detail.signals.map((s) => s.source)).toEqual(['strategy', 'report']);
    // Computed priority (value.ts, default constants): likelihood = max(the strategy's declared 30 as its
    // prior mean with no verdicts yet = 0.3, one new reporter 1 − (1 − 0.3 × 0.5) = 0.15) = 0.3; hate is
    // tier 2, weight 30; no views, reach factor 1; a text item takes 20 s = 1/3 min; no deadline pressure
    // at creation: 0.3 × 30 × 1 / (1/3) = 27.
    expect(detail.priority).toBeCloseTo(27, 9);
    expect(detail.queue).toBe('speech_en');
    expect(new Date(detail.deadline).getTime()).toBe(t0.getTime() + 1440 * MIN);
  });

  it('routes by the rules an admin saves, and refuses a rule naming an unknown queue', async () => {
    const c = await content('c2', 'u1', { language: 'en', modality: 'video', market: 'BR' });
    await saveRouting(db, [{ policy: 'hate', market: 'BR', queue: 'speech_es' }], 'admin', t0);
    const [r] = await raise(c, 'hate');
    expect((await taskDetail(db, r!.taskId)).queue).toBe('speech_es');
    await expect(saveRouting(db, [{ queue: 'nope' }], 'admin', t0)).rejects.toThrow(/rule 1: unknown queue/);
  });

  it('leases the top task to one moderator at a time; an expired lease passes on and the old token can no longer decide', async () => {
    const low = await raise(await content('c3', 'u1'), 'spam');
    const high = await raise(await content('c4', 'u2'), 'hate', { priority: 90 });
    const a = await nextTask(db, alice, {}, t0);
    expect(a!.taskId).toBe(high[0]!.taskId);
    // Asking again holds the same task.
    expect((await nextTask(db, alice, {}, later(MIN)))!.taskId).toBe(a!.taskId);
    const b = await nextTask(db, bob, {}, later(MIN));
    expect(b!.taskId).toBe(low[0]!.taskId);
    expect(await nextTask(db, { id: 'mod:dave', teams: [] }, {}, later(MIN))).toBeUndefined();
    // Alice's lease (renewed at +1 min) lapses at +6 min; Dave takes it over.
    const d = await nextTask(db, { id: 'mod:dave', teams: [] }, {}, later(7 * MIN));
    expect(d!.taskId).toBe(a!.taskId);
    expect(d!.token).toBeGreaterThan(a!.token);
    await expect(submitVerdict(db, { taskId: a!.taskId, token: a!.token, moderator: alice.id, policy: 'hate' }, later(8 * MIN))).rejects.toThrow(LeaseError);
    const v = await submitVerdict(db, { taskId: d!.taskId, token: d!.token, moderator: 'mod:dave', policy: 'hate' }, later(8 * MIN));
    expect(v.policy).toBe('hate');
    await expect(submitVerdict(db, { taskId: d!.taskId, token: d!.token, moderator: 'mod:dave', policy: 'hate' }, later(9 * MIN))).rejects.toThrow(/already decided/);
    expect(await db.selectFrom('review_verdicts').select('id').where('task_id', '=', d!.taskId).execute()).toHaveLength(1);
  });

  it('a violation removes the content and strikes its author through the ladder; no violation undoes automation and clears it', async () => {
    const bad = await content('c5', 'u5');
    const fine = await content('c6', 'u6');
    const auto = await strategyAction(fine, 'remove', 'spam');
    await raise(bad, 'hate', { priority: 50 });
    await raise(fine, 'spam');
    const l1 = (await nextTask(db, alice, {}, t0))!;
    const v1 = await submitVerdict(db, { taskId: l1.taskId, token: l1.token, moderator: alice.id, policy: 'hate', notes: 'slur at a group' }, t0);
    expect(v1.actions.map((a) => `${a.action} ${a.entity.type}/${a.entity.id}`)).toEqual(['remove content/c5', 'strike account/u5', 'warn account/u5']);
    expect(v1.actions.every((a) => a.source === 'review' && a.actor === alice.id)).toBe(true);
    const l2 = (await nextTask(db, alice, {}, t0))!;
    const v2 = await submitVerdict(db, { taskId: l2.taskId, token: l2.token, moderator: alice.id, policy: null }, t0);
    expect(v2.actions.map((a) => [a.action, a.reverts_seq])).toEqual([['restore', auto.seq], ['allow', null]]);
    // The platform is told of every action through the webhook outbox (no endpoint here, so nothing queued) and the log has them.
    expect((await listActions(db, { entity: fine, limit: 10 })).map((a) => a.action)).toEqual(['remove', 'restore', 'allow']);
  });

  it('a skipped task goes to someone else; paused queues hand out nothing; team queues only to their team', async () => {
    const c = await content('c7', 'u7');
    await raise(c, 'spam');
    const l = (await nextTask(db, alice, {}, t0))!;
    await skipTask(db, l.taskId, alice.id, l.token, 'not my language', t0);
    expect(await nextTask(db, alice, {}, t0)).toBeUndefined();
    expect((await nextTask(db, bob, {}, t0))!.taskId).toBe(l.taskId);

    await createQueue(db, { id: 'minors_team', name: 'Minors', policies: [], languages: [], teams: ['minors'] }, 'admin', t0);
    const m = await content('c8', 'u8');
    await raise(m, 'minor_safety', { queue: 'minors_team' });
    expect(await nextTask(db, alice, { queue: 'minors_team' }, t0)).toBeUndefined();
    await setQueueState(db, 'minors_team', 'paused', 'admin', t0);
    expect(await nextTask(db, carol, {}, t0)).toBeUndefined();
    await setQueueState(db, 'minors_team', 'active', 'admin', t0);
    expect((await nextTask(db, carol, {}, t0))!.taskId).toBeGreaterThan(0);
  });

  it('appeals: within the window only, reviewed by another moderator, and an overturn reverts the removal and the strike', async () => {
    const c = await content('c9', 'u9');
    await raise(c, 'hate');
    const l = (await nextTask(db, alice, {}, t0))!;
    const v = await submitVerdict(db, { taskId: l.taskId, token: l.token, moderator: alice.id, policy: 'hate' }, t0);
    const removal = v.actions.find((a) => a.action === 'remove')!;
    await expect(fileAppeal(db, { actionSeq: removal.seq, appellant: 'u9', statement: 'satire' }, new Date(t0.getTime() + 184 * DAY))).rejects.toThrow(AppealRefusedError);
    await saveReviewSettings(db, { lease_seconds: 300, appeal_window_days: 200 }, 'admin', t0);
    const appeal = await fileAppeal(db, { actionSeq: removal.seq, appellant: 'u9', statement: 'satire' }, new Date(t0.getTime() + 184 * DAY));
    await expect(fileAppeal(db, { actionSeq: removal.seq, appellant: 'u9', statement: 'again' }, later(DAY))).rejects.toThrow(/already appealed/);
    const now = new Date(t0.getTime() + 185 * DAY);
    expect(await nextTask(db, alice, {}, now)).toBeUndefined();
    const b = (await nextTask(db, bob, {}, now))!;
    expect(b.taskId).toBe(appeal.task_id);
    const view = await reviewView(db, b.taskId);
    expect(view.appeal).toMatchObject({ statement: 'satire', action: { seq: removal.seq } });
    const decided = await submitVerdict(db, { taskId: b.taskId, token: b.token, moderator: bob.id, policy: null }, now);
    expect(decided.appeal).toEqual({ id: appeal.id, status: 'overturned' });
    const reverted = decided.actions.filter((a) => a.reverts_seq !== null).map((a) => a.reverts_seq).sort((x, y) => x! - y!);
    expect(reverted).toEqual(v.actions.filter((a) => a.action !== 'warn').map((a) => a.seq).sort((x, y) => x - y));
    const strike = await db.selectFrom('strikes').select('reverted_at').executeTakeFirstOrThrow();
    expect(strike.reverted_at).not.toBeNull();
  });

  it('weights a reporter by their record: upheld reports raise it, rejected ones lower it', async () => {
    for (const [i, policy] of [['a', 'hate'], ['b', 'hate'], ['c', 'spam']] as const) {
      const c = await content(`rc${i}`, `ru${i}`);
      await fileReport(db, { entity: c, policy, reporter: 'reporter-1', actor: 'platform' }, t0);
    }
    for (const verdict of ['hate', 'hate', null]) {
      const l = (await nextTask(db, alice, {}, t0))!;
      await submitVerdict(db, { taskId: l.taskId, token: l.token, moderator: alice.id, policy: verdict }, t0);
    }
    const c = await content('rcd', 'rud');
    const r = await fileReport(db, { entity: c, policy: 'spam', reporter: 'reporter-1', actor: 'platform' }, t0);
    expect(r.weight).toBeCloseTo(reporterWeight(2, 1), 10);
    expect(r.weight).toBeCloseTo(3 / 5, 10);
  });

  it('draws a reproducible measurement sample whose tasks look like any other to the moderator', async () => {
    for (let i = 0; i < 200; i++) await db.insertInto('entities').values({ type: 'content', id: `m${i}`, attrs: '{}', first_seen: t0, last_seen: t0 }).execute();
    const expected = Array.from({ length: 200 }, (_, i) => `m${i}`).filter((id) => sampleDraw('seed-1', 'content', id) < 0.1).length;
    const drawn = await drawMeasurementSample(db, { policy: 'spam', probability: 0.1, since: later(-DAY), until: later(DAY), seed: 'seed-1', actor: 'analyst' }, t0);
    expect(drawn).toEqual({ population: 200, drawn: expected });
    expect(expected).toBeGreaterThan(5);
    const tasks = await db.selectFrom('review_tasks').select(['id', 'sample_probability']).execute();
    expect(tasks.every((t) => t.sample_probability === 0.1)).toBe(true);
    const view = await reviewView(db, tasks[0]!.id);
    expect(JSON.stringify(view)).not.toMatch(/measurement|sample|probability|priority|signal/);
  });

  it("a strategy's enqueue raises the task in its queue, and the moderator's view does not show it", async () => {
    const c = await content('q1', 'qu1');
    const action = await db.insertInto('actions').values({ at: t0, effective_at: t0, entity_type: 'content', entity_id: 'q1', action: 'enqueue', policy_id: 'scam', source: 'strategy', actor: 'strategy:s9@1', reason: 'crypto doubling', reverts_seq: null, strategy_id: 's9', strategy_version: 1, decision_id: null, details: JSON.stringify({ queue: 'general', priority: 70 }) }).returningAll().executeTakeFirstOrThrow();
    const records = await listActions(db, { entity: c, limit: 5 });
    await db.transaction().execute((tx) => raiseFromActions(tx, records, t0));
    const [task] = await db.selectFrom('review_tasks').selectAll().execute();
    // The declared priority 70 is the strategy's prior likelihood 0.7; scam is tier 2 (weight 30); a text item, 1/3 min: 0.7 × 30 × 3 = 63.
    expect(task).toMatchObject({ queue_id: 'general', policy_id: 'scam' });
    expect(task.priority).toBeCloseTo(63, 9);
    const view = await reviewView(db, task!.id);
    expect(view.history.actions.map((a) => a.seq)).not.toContain(action.seq);
    expect(JSON.stringify(view)).not.toMatch(/enqueue|crypto doubling|s9/);
    expect(view.default_actions).toEqual(['remove', 'strike']);
  });

  it('precision per strategy, version and material equals a direct count over seeded verdicts', async () => {
    // 12 items: strategy s1 v1 raised 0..5, s1 v2 raised 6..8, s2 raised 6..11; material 7 (hate) hit 0..7, material 8 (spam) hit 4..11.
    const verdictFor = (i: number) => (i % 3 === 0 ? null : i % 4 === 0 ? 'spam' : 'hate');
    for (let i = 0; i < 12; i++) {
      const c = await content(`p${i}`, `pu${i}`);
      if (i < 6) await raise(c, 'hate', { source: 'strategy', strategy: { id: 's1', version: 1, decisionId: null } });
      else if (i < 9) await raise(c, 'hate', { source: 'strategy', strategy: { id: 's1', version: 2, decisionId: null } });
      if (i >= 6) await raise(c, 'hate', { source: 'strategy', strategy: { id: 's2', version: 1, decisionId: null } });
      const hit = (material: number, policy: string) => ({ event_seq: i, event_id: `e${i}`, item_type: 'content', item_id: c.id, surface: 'comment', field: 'text', material_id: material, package_id: policy === 'hate' ? 'pk_hate' : 'pk_spam', package_version: 1, policy_id: policy, severity: 2, test: false, span_start: 0, span_end: 3, at: t0 });
      if (i < 8) await db.insertInto('material_hits').values(hit(7, 'hate')).execute();
      if (i >= 4) await db.insertInto('material_hits').values(hit(8, 'spam')).execute();
    }
    for (let i = 0; i < 12; i++) {
      const l = (await nextTask(db, alice, {}, later(MIN)))!;
      const task = await taskDetail(db, l.taskId);
      await submitVerdict(db, { taskId: l.taskId, token: l.token, moderator: alice.id, policy: verdictFor(Number(task.entity.id.slice(1))) }, later(MIN));
    }
    const count = (ids: number[], want: string) => ({ judged: ids.length, confirmed: ids.filter((i) => verdictFor(i) === want).length });
    const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
    const byStrategy = Object.fromEntries((await strategyPrecision(db)).map((r) => [r.key.strategy, r]));
    expect(byStrategy.s1).toMatchObject(count(range(0, 9), 'hate'));
    expect(byStrategy.s2).toMatchObject(count(range(6, 12), 'hate'));
    const byVersion = await strategyPrecision(db, { strategy: 's1', byVersion: true });
    expect(byVersion.map((r) => [r.key.version, r.judged, r.confirmed])).toEqual([[1, ...Object.values(count(range(0, 6), 'hate'))], [2, ...Object.values(count(range(6, 9), 'hate'))]]);
    expect(byStrategy.s1!.interval).toEqual(wilsonInterval(byStrategy.s1!.confirmed, byStrategy.s1!.judged));
    // A material is judged by verdicts about its policy: the task's (hate) or the verdict's.
    const byMaterial = Object.fromEntries((await materialPrecision(db, { by: 'material' })).map((r) => [r.key.material, r]));
    expect(byMaterial[7]).toMatchObject(count(range(0, 8), 'hate'));
    expect(byMaterial[8]).toMatchObject(count(range(4, 12).filter((i) => verdictFor(i) === 'spam'), 'spam'));
    const byPackage = Object.fromEntries((await materialPrecision(db, { by: 'package' })).map((r) => [r.key.package, r]));
    expect(byPackage.pk_hate).toMatchObject({ judged: byMaterial[7]!.judged, confirmed: byMaterial[7]!.confirmed });
  });
});
