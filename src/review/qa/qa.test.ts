// QA on both backends: golden items reach moderators blind (same view shape as any task, no trace in
// histories) and enforce nothing; k-of-n double review raises independent re-reviews by other moderators,
// settles agreement, sends disagreement to adjudication, and the adjudication corrects enforcement.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import { seedDefaultCatalogue } from '../../catalogue/index.js';
import type { EntityRef } from '../../domain/index.js';
import { listActions, seedDefaultStrikeLadders } from '../../enforcement/index.js';
import type { Database } from '../../store/database.js';
import type { Db } from '../../store/schema.js';
import { nextTask, skipTask, type Moderator } from '../leases.js';
import { fileReport } from '../reports.js';
import { saveReviewSettings, type QaSettings } from '../settings.js';
import { raiseSignals } from '../tasks.js';
import { submitVerdict } from '../verdicts.js';
import { reviewView, taskDetail } from '../view.js';
import { fileAppeal } from '../appeals.js';
import { moderatorAccuracy } from './accuracy.js';
import { reviewAgreement } from './agreement.js';
import { decideAdjudication, listDoubleReviews, raiseQaReview } from './double.js';
import { createGoldenItem, listGoldenItems } from './golden.js';

const t0 = new Date('2026-05-01T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

/** The shape of a value: object keys (sorted) and array element shapes, with primitives reduced to their type. */
function shape(v: unknown): unknown {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  return typeof v;
}

describeEachBackend('review QA', (backend) => {
  let database: Database;
  let db: Db;
  const alice: Moderator = { id: 'mod:alice', teams: [] };
  const bob: Moderator = { id: 'mod:bob', teams: [] };
  const dave: Moderator = { id: 'mod:dave', teams: [] };
  const always = () => 0;
  const never = () => 0.999;

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

  const qa = (q: Partial<QaSettings>) => saveReviewSettings(db, { lease_seconds: 300, appeal_window_days: 183, qa: { golden_rate: 0, double_review_rate: 0, double_review_k: 2, ...q } }, 'admin', t0);

  async function content(id: string, author: string): Promise<EntityRef> {
    await db.insertInto('entities').values([
      { type: 'content', id, attrs: JSON.stringify({ language: 'en', modality: 'text' }), first_seen: t0, last_seen: t0 },
      { type: 'account', id: author, attrs: '{}', first_seen: t0, last_seen: t0 },
    ]).onConflict((oc) => oc.columns(['type', 'id']).doNothing()).execute();
    await db.insertInto('relations').values({ src_type: 'account', src_id: author, kind: 'owns', dst_type: 'content', dst_id: id, first_seen: t0, last_seen: t0 }).execute();
    return { type: 'content', id };
  }
  const raise = (entity: EntityRef, policy: string) => db.transaction().execute((tx) => raiseSignals(tx, [{ entity, policy, source: 'manual', actor: 'analyst' }], t0));

  it('a golden task is handed out blind: same view shape as any task, kind review, no trace of why', async () => {
    const real = await content('c1', 'u1');
    const gold = await content('c2', 'u2');
    // Both entities were decided before (a spam removal and strike), so both views carry a history.
    await qa({});
    for (const e of [real, gold]) {
      await raise(e, 'spam');
      const l = (await nextTask(db, dave, { random: never }, t0))!;
      await submitVerdict(db, { taskId: l.taskId, token: l.token, moderator: dave.id, policy: 'spam' }, t0);
    }
    await qa({ golden_rate: 0.5 });
    const item = await createGoldenItem(db, { entity: gold, policy: 'hate', expected: 'hate', actor: 'qa-lead' }, t0);
    await raise(real, 'hate');

    const g = (await nextTask(db, alice, { random: always }, t0))!;
    const o = (await nextTask(db, bob, { random: never }, t0))!;
    const gv = await reviewView(db, g.taskId);
    const ov = await reviewView(db, o.taskId);
    expect(gv.task.entity).toEqual(gold);
    expect(ov.task.entity).toEqual(real);
    expect(gv.task.kind).toBe('review');
    expect(gv.history.verdicts).toHaveLength(1);
    expect(gv.history.actions.length).toBeGreaterThan(0);
    expect(shape(gv)).toEqual(shape(ov));
    expect(JSON.stringify(gv)).not.toMatch(/golden|qa/i);
    expect(gv.task.lease.token).toBe(o.token);
    expect(gv.default_actions).toEqual(ov.default_actions);
    expect(gv.policy).toEqual(ov.policy);
    // Due within the queue's SLA, like queued work.
    expect(new Date(gv.task.deadline).getTime()).toBeGreaterThan(t0.getTime());
    expect(new Date(gv.task.deadline).getTime()).toBeLessThanOrEqual(new Date(ov.task.deadline).getTime());
    // Asking again holds the golden task, as with any lease.
    expect((await nextTask(db, alice, { random: always }, later(MIN)))!.taskId).toBe(g.taskId);
    // A report about the golden entity opens or joins the entity's real task, never the golden one.
    const report = await fileReport(db, { entity: gold, policy: 'hate', reporter: 'r1', actor: 'platform' }, t0);
    expect(report.taskId).not.toBe(g.taskId);
    expect(item.answers).toBe(0);
  });

  it("a golden verdict enforces nothing, is scored, and never shows in anyone's history", async () => {
    await qa({ golden_rate: 1 });
    const gold = await content('c3', 'u3');
    await createGoldenItem(db, { entity: gold, policy: 'hate', expected: null, actor: 'qa-lead' }, t0);
    const g = (await nextTask(db, alice, { random: always }, t0))!;
    const v = await submitVerdict(db, { taskId: g.taskId, token: g.token, moderator: alice.id, policy: 'hate' }, t0);
    expect(v.actions).toEqual([]);
    expect(await listActions(db, { entity: gold, limit: 10 })).toEqual([]);
    expect(await listActions(db, { entity: { type: 'account', id: 'u3' }, limit: 10 })).toEqual([]);
    expect(await db.selectFrom('webhook_deliveries').select('id').execute()).toEqual([]);
    const [scored] = await listGoldenItems(db, { limit: 10 });
    expect(scored).toMatchObject({ answers: 1, correct: 0, expected: null });
    // Bob gets the same golden item; alice, having answered it, gets ordinary work (none here).
    expect(await nextTask(db, alice, { random: always }, later(MIN))).toBeUndefined();
    const b = (await nextTask(db, bob, { random: always }, later(MIN)))!;
    expect((await reviewView(db, b.taskId)).history.verdicts).toEqual([]);
    await submitVerdict(db, { taskId: b.taskId, token: b.token, moderator: bob.id, policy: null }, later(MIN));
    expect((await listGoldenItems(db, { limit: 10 }))[0]).toMatchObject({ answers: 2, correct: 1 });
    // The entity's real task shows no golden verdicts either.
    await raise(gold, 'hate');
    const real = (await nextTask(db, dave, { random: never }, later(2 * MIN)))!;
    expect((await reviewView(db, real.taskId)).history.verdicts).toEqual([]);
    // Analysts see what it was.
    expect((await taskDetail(db, g.taskId)).golden_item_id).toBe(scored!.id);
  });

  it('a skipped golden task is cancelled rather than left in a queue; the skipper is not offered it again', async () => {
    await qa({ golden_rate: 1 });
    const gold = await content('c4', 'u4');
    await createGoldenItem(db, { entity: gold, policy: 'spam', expected: 'spam', actor: 'qa-lead' }, t0);
    const g = (await nextTask(db, alice, { random: always }, t0))!;
    await skipTask(db, g.taskId, alice.id, g.token, 'unsure', t0);
    expect(await nextTask(db, alice, { random: always }, t0)).toBeUndefined();
    expect((await taskDetail(db, g.taskId)).status).toBe('cancelled');
    // The skip did not use the golden item up: bob is handed a fresh golden task for it.
    const b = (await nextTask(db, bob, { random: always }, t0))!;
    expect(b.taskId).not.toBe(g.taskId);
    expect((await taskDetail(db, b.taskId)).golden_item_id).toBe((await taskDetail(db, g.taskId)).golden_item_id);
  });

  it('refuses golden items for unknown entities or policies', async () => {
    await expect(createGoldenItem(db, { entity: { type: 'content', id: 'ghost' }, policy: 'hate', expected: null, actor: 'qa' }, t0)).rejects.toThrow(/not known/);
    const c = await content('c5', 'u5');
    await expect(createGoldenItem(db, { entity: c, policy: 'nope', expected: null, actor: 'qa' }, t0)).rejects.toThrow(/unknown policy/);
    await expect(createGoldenItem(db, { entity: c, policy: 'hate', expected: 'nope', actor: 'qa' }, t0)).rejects.toThrow(/unknown policy/);
    expect(await listGoldenItems(db, { limit: 10 })).toEqual([]);
  });

  it('double review: a second, independent moderator; agreement settles it; their verdict enforces nothing', async () => {
    await qa({ double_review_rate: 1 });
    const c = await content('c6', 'u6');
    await raise(c, 'hate');
    const a = (await nextTask(db, alice, { random: never }, t0))!;
    const first = await submitVerdict(db, { taskId: a.taskId, token: a.token, moderator: alice.id, policy: 'hate' }, t0);
    expect(first.actions.length).toBeGreaterThan(0);
    // Alice decided it, so she is never handed the re-review.
    expect(await nextTask(db, alice, { random: never }, t0)).toBeUndefined();
    const b = (await nextTask(db, bob, { random: never }, t0))!;
    const view = await reviewView(db, b.taskId);
    expect(view.task.kind).toBe('review');
    // Independent: bob does not see alice's verdict or what it did.
    expect(view.history.verdicts).toEqual([]);
    expect(view.history.actions).toEqual([]);
    const second = await submitVerdict(db, { taskId: b.taskId, token: b.token, moderator: bob.id, policy: 'hate' }, t0);
    expect(second.actions).toEqual([]);
    const [dr] = await listDoubleReviews(db, { limit: 10 });
    expect(dr).toMatchObject({ verdict_id: first.id, status: 'agreed', outcome: 'hate', reason: 'sampled', k: 2 });
    expect(dr!.reviews.map((r) => r.moderator)).toEqual([alice.id, bob.id]);
    // Nothing further to review: the re-review verdict does not itself start a double review.
    expect(await nextTask(db, dave, { random: never }, t0)).toBeUndefined();
  });

  it('disagreement goes to adjudication; a different adjudicator decides and the first verdict is corrected', async () => {
    await qa({ double_review_rate: 1 });
    const c = await content('c7', 'u7');
    await raise(c, 'hate');
    const a = (await nextTask(db, alice, { random: never }, t0))!;
    const first = await submitVerdict(db, { taskId: a.taskId, token: a.token, moderator: alice.id, policy: 'hate' }, t0);
    const b = (await nextTask(db, bob, { random: never }, t0))!;
    await submitVerdict(db, { taskId: b.taskId, token: b.token, moderator: bob.id, policy: null }, t0);
    expect((await listDoubleReviews(db, { status: 'adjudicating', limit: 10 })).map((d) => d.verdict_id)).toEqual([first.id]);

    await expect(decideAdjudication(db, { verdictId: first.id, policy: null, actor: alice.id }, later(MIN))).rejects.toThrow(/reviewed this item/);
    await expect(decideAdjudication(db, { verdictId: first.id, policy: 'nope', actor: 'lead' }, later(MIN))).rejects.toThrow(/unknown policy/);
    await expect(decideAdjudication(db, { verdictId: 999_999, policy: null, actor: 'lead' }, later(MIN))).rejects.toThrow(/not under double review/);
    const decided = await decideAdjudication(db, { verdictId: first.id, policy: null, actor: 'lead', notes: 'satire' }, later(MIN));
    expect(decided).toMatchObject({ status: 'decided', outcome: null, decided_by: 'lead' });
    // Alice's removal and strike are reverted; the item is cleared.
    const reverted = decided.corrected.filter((x) => x.reverts_seq !== null).map((x) => x.reverts_seq).sort();
    expect(reverted).toEqual(first.actions.filter((x) => x.action === 'remove' || x.action === 'strike').map((x) => x.seq).sort());
    expect(decided.corrected.some((x) => x.action === 'allow')).toBe(true);
    expect(decided.corrected_action_seqs).toEqual(decided.corrected.map((x) => x.seq));
    await expect(decideAdjudication(db, { verdictId: first.id, policy: 'hate', actor: 'lead' }, later(2 * MIN))).rejects.toThrow(/already decided/);
  });

  it('an adjudicated violation after a first verdict of none applies the default enforcement', async () => {
    await qa({ double_review_rate: 1 });
    const c = await content('c8', 'u8');
    await raise(c, 'hate');
    const a = (await nextTask(db, alice, { random: never }, t0))!;
    const first = await submitVerdict(db, { taskId: a.taskId, token: a.token, moderator: alice.id, policy: null }, t0);
    const b = (await nextTask(db, bob, { random: never }, t0))!;
    await submitVerdict(db, { taskId: b.taskId, token: b.token, moderator: bob.id, policy: 'hate' }, t0);
    const decided = await decideAdjudication(db, { verdictId: first.id, policy: 'hate', actor: 'lead' }, later(MIN));
    expect(decided.corrected.map((x) => `${x.action} ${x.entity.type}/${x.entity.id}`)).toEqual(expect.arrayContaining(['remove content/c8', 'strike account/u8']));
  });

  it('severity tier 1 is always double reviewed; k = 3 asks a third moderator, excluding both earlier ones', async () => {
    await qa({ double_review_rate: 0, double_review_k: 3 });
    const c = await content('c9', 'u9');
    await raise(c, 'violence');
    const a = (await nextTask(db, alice, { random: never }, t0))!;
    const first = await submitVerdict(db, { taskId: a.taskId, token: a.token, moderator: alice.id, policy: 'violence' }, t0);
    expect((await listDoubleReviews(db, { limit: 10 }))[0]).toMatchObject({ reason: 'severe', k: 3, status: 'collecting' });
    const b = (await nextTask(db, bob, { random: never }, t0))!;
    await submitVerdict(db, { taskId: b.taskId, token: b.token, moderator: bob.id, policy: 'violence' }, t0);
    expect(await nextTask(db, alice, { random: never }, t0)).toBeUndefined();
    expect(await nextTask(db, bob, { random: never }, t0)).toBeUndefined();
    const d = (await nextTask(db, dave, { random: never }, t0))!;
    await submitVerdict(db, { taskId: d.taskId, token: d.token, moderator: dave.id, policy: 'violence' }, t0);
    expect((await listDoubleReviews(db, { limit: 10 }))[0]).toMatchObject({ verdict_id: first.id, status: 'agreed', outcome: 'violence' });
    expect((await listDoubleReviews(db, { limit: 10 }))[0]!.reviews).toHaveLength(3);
  });

  it('no double review at rate 0 below tier 1; an analyst can still send a verdict for one, but not a re-review or a golden verdict', async () => {
    await qa({ double_review_rate: 0, golden_rate: 0 });
    const c = await content('c10', 'u10');
    await raise(c, 'spam');
    const a = (await nextTask(db, alice, {}, t0))!;
    const first = await submitVerdict(db, { taskId: a.taskId, token: a.token, moderator: alice.id, policy: 'spam' }, t0);
    expect(await listDoubleReviews(db, { limit: 10 })).toEqual([]);
    const raised = await raiseQaReview(db, first.id, 'analyst', t0);
    expect((await listDoubleReviews(db, { limit: 10 }))[0]).toMatchObject({ reason: 'manual' });
    // Asking twice joins the open re-review.
    expect((await raiseQaReview(db, first.id, 'analyst', t0)).taskId).toBe(raised.taskId);
    const b = (await nextTask(db, bob, {}, t0))!;
    expect(b.taskId).toBe(raised.taskId);
    const second = await submitVerdict(db, { taskId: b.taskId, token: b.token, moderator: bob.id, policy: 'spam' }, t0);
    await expect(raiseQaReview(db, second.id, 'analyst', t0)).rejects.toThrow(/itself a QA re-review/);
    await expect(raiseQaReview(db, 999_999, 'analyst', t0)).rejects.toThrow(/no verdict/);
  });

  it('accuracy per moderator and policy from golden answers, settled outcomes and overturned appeals; agreement per pair and policy', async () => {
    await qa({ double_review_rate: 1, golden_rate: 0 });
    const decide = async (m: Moderator, policy: string | null) => {
      const l = (await nextTask(db, m, { random: never }, t0))!;
      return submitVerdict(db, { taskId: l.taskId, token: l.token, moderator: m.id, policy }, t0);
    };
    // Item 1: both say hate (agreed). Item 2: alice hate, bob none, adjudicated none.
    await raise(await content('d1', 'v1'), 'hate');
    await decide(alice, 'hate');
    await decide(bob, 'hate');
    await raise(await content('d2', 'v2'), 'hate');
    const second = await decide(alice, 'hate');
    await decide(bob, null);
    await decideAdjudication(db, { verdictId: second.id, policy: null, actor: 'lead' }, t0);
    // Item 3: alice's removal is appealed and bob overturns it.
    await qa({ double_review_rate: 0, golden_rate: 1 });
    await raise(await content('d3', 'v3'), 'hate');
    await createGoldenItem(db, { entity: await content('d4', 'v4'), policy: 'hate', expected: 'hate', actor: 'qa-lead' }, t0);
    await decide(alice, 'hate'); // the golden item, answered right
    await qa({ double_review_rate: 0, golden_rate: 0 });
    const third = await decide(alice, 'hate');
    const removal = third.actions.find((a) => a.action === 'remove')!;
    await fileAppeal(db, { actionSeq: removal.seq, appellant: 'v3', statement: 'it was a quote' }, later(MIN));
    await decide(bob, null);

    const rows = await moderatorAccuracy(db);
    const a = rows.find((r) => r.moderator === alice.id && r.policy === 'hate')!;
    expect(a).toMatchObject({ golden: { correct: 1, total: 1 }, outcomes: { agreed: 1, total: 2 }, appeals: { overturned: 1, decided: 1 }, correct: 2, total: 4 });
    expect(a.estimate).toBeCloseTo(3 / 6, 12);
    const b = rows.find((r) => r.moderator === bob.id && r.policy === 'hate')!;
    expect(b).toMatchObject({ golden: { correct: 0, total: 0 }, outcomes: { agreed: 2, total: 2 }, appeals: { overturned: 0, decided: 0 }, estimate: 3 / 4 });
    expect(await moderatorAccuracy(db, { since: later(60 * MIN) })).toEqual([]);

    // Alice and bob: [hate, hate] and [hate, none]: p_o = 0.5, p_e = 1 x 0.5, kappa 0.
    const agreement = await reviewAgreement(db, { minShared: 2 });
    expect(agreement.pairs).toEqual([expect.objectContaining({ moderators: [alice.id, bob.id], items: 2, observed: 0.5, kappa: 0 })]);
    expect(agreement.policies).toEqual([expect.objectContaining({ policy: 'hate', items: 2, raters: 2 })]);
    expect((await reviewAgreement(db, { minShared: 3 })).pairs).toEqual([]);
  });
});
