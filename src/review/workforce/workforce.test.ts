// The workforce in the store: pull respects a moderator's languages (with relaxation over time),
// certifications and exposure budgets; the router reserves tasks and "next" hands the reservation out;
// only one router runs a round at a time.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import { seedDefaultCatalogue } from '../../catalogue/index.js';
import type { EntityRef } from '../../domain/index.js';
import type { Database } from '../../store/database.js';
import type { Db } from '../../store/schema.js';
import { nextTask, releaseTask, type Moderator } from '../leases.js';
import { createGoldenItem } from '../qa/golden.js';
import { runAssignmentRound } from '../router.js';
import { saveReviewSettings, DEFAULT_REVIEW_SETTINGS } from '../settings.js';
import { raiseSignals } from '../tasks.js';
import { submitVerdict } from '../verdicts.js';
import { moderatorStates, exposureMeter } from './capability.js';
import { certify, getModerator, revokeCertification, saveModerator } from './profiles.js';
import { onShift } from './schedule.js';

const t0 = new Date('2026-05-01T10:00:00Z'); // a Friday
const MIN = 60_000;
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('shifts', () => {
  it('is on shift inside a weekly window, and past midnight for a window that wraps', () => {
    const day = [{ days: [5], start: '08:00', end: '16:00' }];
    expect(onShift(day, t0)).toBe(true);
    expect(onShift(day, new Date('2026-05-01T16:00:00Z'))).toBe(false);
    expect(onShift(day, new Date('2026-05-02T10:00:00Z'))).toBe(false);
    const night = [{ days: [5], start: '22:00', end: '06:00' }];
    expect(onShift(night, new Date('2026-05-01T23:30:00Z'))).toBe(true);
    expect(onShift(night, new Date('2026-05-02T05:59:00Z'))).toBe(true);
    expect(onShift(night, new Date('2026-05-02T06:00:00Z'))).toBe(false);
    expect(onShift([], t0)).toBe(true);
  });
});

describeEachBackend('workforce', (backend) => {
  let database: Database;
  let db: Db;
  const me = (id: string): Moderator => ({ id, teams: [] });

  beforeAll(async () => {
    database = await testDatabase(backend);
    db = database.db;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    await seedDefaultCatalogue(db, t0);
  });

  async function item(id: string, policy: string, language = 'en', when = t0): Promise<number> {
    const ref: EntityRef = { type: 'content', id };
    await db.insertInto('entities').values({ type: 'content', id, attrs: JSON.stringify({ language, modality: 'text' }), first_seen: when, last_seen: when }).execute();
    const [r] = await db.transaction().execute((tx) => raiseSignals(tx, [{ entity: ref, policy, source: 'manual', actor: 'analyst' }], when));
    return r!.taskId;
  }

  it('keeps profiles and certifications, and refuses an unknown policy or moderator', async () => {
    await saveModerator(db, 'mod:ana', { languages: { es: 'native', en: 'fluent' }, capacity: 2, exposure_budgets: { graphic_violence: 3 } }, 'admin', t0);
    await certify(db, 'mod:ana', 'hate', at(30 * 24 * 60 * MIN), 'admin', t0);
    const p = await getModerator(db, 'mod:ana');
    expect(p).toMatchObject({ capacity: 2, languages: { es: 'native', en: 'fluent' }, certifications: [{ policy: 'hate', granted_by: 'admin' }] });
    await expect(certify(db, 'mod:ana', 'nope', null, 'admin', t0)).rejects.toThrow(/unknown policy "nope"/);
    await expect(certify(db, 'mod:nobody', 'hate', null, 'admin', t0)).rejects.toThrow(/no moderator profile "mod:nobody"/);
    await revokeCertification(db, 'mod:ana', 'hate', 'admin', t0);
    expect((await getModerator(db, 'mod:ana')).certifications).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('action').where('target_type', '=', 'moderator').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['moderator.saved', 'moderator.certified', 'moderator.certification_revoked']);
  });

  it('pull gives a native-only task to a fluent speaker only after the relaxation wait (ten minutes by default)', async () => {
    await saveModerator(db, 'mod:fluent', { languages: { ar: 'fluent' } }, 'admin', t0);
    await certify(db, 'mod:fluent', 'hate', null, 'admin', t0);
    const task = await item('c-ar', 'hate', 'ar');
    expect(await nextTask(db, me('mod:fluent'), {}, at(10 * MIN - 1000))).toBeUndefined();
    expect((await nextTask(db, me('mod:fluent'), {}, at(10 * MIN)))?.taskId).toBe(task);
  });

  it('pull reaches a task deep in the queue for a moderator whose language is rare', async () => {
    await saveModerator(db, 'mod:ar', { languages: { ar: 'native' } }, 'admin', t0);
    await certify(db, 'mod:ar', 'spam', null, 'admin', t0);
    // 250 English tasks rank above the one Arabic task: more than pull's 200 candidates.
    const ids = Array.from({ length: 250 }, (_, i) => `en-${i}`);
    await db.insertInto('entities').values(ids.map((id) => ({ type: 'content', id, attrs: JSON.stringify({ language: 'en', modality: 'text' }), first_seen: t0, last_seen: t0 }))).execute();
    await db.transaction().execute((tx) => raiseSignals(tx, ids.map((id) => ({ entity: { type: 'content' as const, id }, policy: 'spam', source: 'manual' as const, actor: 'analyst', details: { model_score: 0.99 } })), t0));
    const arabic = await item('ar-1', 'spam', 'ar');
    expect((await nextTask(db, me('mod:ar'), {}, at(MIN)))?.taskId).toBe(arabic);
  });

  it('pull needs an unexpired certification for the task’s policy', async () => {
    await saveModerator(db, 'mod:new', { languages: { en: 'native' } }, 'admin', t0);
    const task = await item('c-hate', 'hate');
    expect(await nextTask(db, me('mod:new'), {}, t0)).toBeUndefined();
    await certify(db, 'mod:new', 'hate', at(5 * MIN), 'admin', t0);
    expect((await nextTask(db, me('mod:new'), {}, at(MIN)))?.taskId).toBe(task);
    const lease = (await nextTask(db, me('mod:new'), {}, at(MIN)))!;
    await releaseTask(db, lease.taskId, 'mod:new', lease.token, at(2 * MIN));
    // Expired at minute 5.
    expect(await nextTask(db, me('mod:new'), {}, at(6 * MIN))).toBeUndefined();
  });

  it('never shows a moderator more items of a harm category per shift than their budget', async () => {
    await saveModerator(db, 'mod:g', { languages: { en: 'native' }, exposure_budgets: { graphic_violence: 2 }, shift_hours: 8 }, 'admin', t0);
    for (const p of ['violence', 'spam']) await certify(db, 'mod:g', p, null, 'admin', t0);
    const violent = [await item('v1', 'violence'), await item('v2', 'violence'), await item('v3', 'violence')];
    const spam = await item('s1', 'spam');
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const lease = await nextTask(db, me('mod:g'), {}, at(i * MIN));
      if (!lease) break;
      seen.push(lease.taskId);
      await submitVerdict(db, { taskId: lease.taskId, moderator: 'mod:g', token: lease.token, policy: null }, at(i * MIN + 30_000));
    }
    // Violence (tier 1) ranks first; after two the budget is spent and the spam item comes next; the third violent item waits.
    expect(seen.slice(0, 2).sort()).toEqual(violent.slice(0, 2).sort());
    expect(seen[2]).toBe(spam);
    expect(seen).toHaveLength(3);
    expect(await exposureMeter(db, 'mod:g', at(5 * MIN))).toEqual({ shift_hours: 8, categories: [{ category: 'graphic_violence', budget: 2, used: 2 }] });
    // A new shift (8 hours on) has the budget back.
    expect((await nextTask(db, me('mod:g'), {}, at(8 * 60 * MIN + MIN)))?.taskId).toBe(violent[2]);
  });

  it('rotates: after two violent items in a row the next is other work, and violent work resumes after it', async () => {
    await saveReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, assignment: { rotation_after: 2 } }, 'admin', t0);
    await saveModerator(db, 'mod:r', { languages: { en: 'native' } }, 'admin', t0);
    for (const p of ['violence', 'spam']) await certify(db, 'mod:r', p, null, 'admin', t0);
    const violent = [await item('rv1', 'violence'), await item('rv2', 'violence'), await item('rv3', 'violence')];
    const spam = await item('rs1', 'spam');
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const lease = (await nextTask(db, me('mod:r'), {}, at(i * MIN)))!;
      seen.push(lease.taskId);
      await submitVerdict(db, { taskId: lease.taskId, moderator: 'mod:r', token: lease.token, policy: null }, at(i * MIN + 30_000));
    }
    expect(seen.slice(0, 2).sort()).toEqual(violent.slice(0, 2).sort());
    expect(seen[2]).toBe(spam);
    expect(seen[3]).toBe(violent[2]);
  });

  it('rotation never idles a moderator: with only the resting category left, they get it', async () => {
    await saveReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, assignment: { rotation_after: 1 } }, 'admin', t0);
    await saveModerator(db, 'mod:r', { languages: { en: 'native' } }, 'admin', t0);
    await certify(db, 'mod:r', 'violence', null, 'admin', t0);
    const [a, b] = [await item('rv1', 'violence'), await item('rv2', 'violence')];
    const first = (await nextTask(db, me('mod:r'), {}, t0))!;
    await submitVerdict(db, { taskId: first.taskId, moderator: 'mod:r', token: first.token, policy: null }, at(MIN));
    expect((await nextTask(db, me('mod:r'), {}, at(2 * MIN)))?.taskId).toBe(first.taskId === a ? b : a);
  });

  it('golden items respect a profile: none past the exposure budget, and each one shown counts against it', async () => {
    await saveReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, qa: { golden_rate: 1, double_review_rate: 0, double_review_k: 2 } }, 'admin', t0);
    await saveModerator(db, 'mod:g', { languages: { en: 'native' }, exposure_budgets: { graphic_violence: 1 } }, 'admin', t0);
    await certify(db, 'mod:g', 'violence', null, 'admin', t0);
    for (const id of ['gold-1', 'gold-2']) {
      await db.insertInto('entities').values({ type: 'content', id, attrs: JSON.stringify({ language: 'en', modality: 'video' }), first_seen: t0, last_seen: t0 }).execute();
      await createGoldenItem(db, { entity: { type: 'content', id }, policy: 'violence', expected: 'violence', actor: 'qa-lead' }, t0);
    }
    const first = (await nextTask(db, me('mod:g'), { random: () => 0 }, at(MIN)))!;
    expect((await db.selectFrom('review_tasks').select('golden_item_id').where('id', '=', first.taskId).executeTakeFirstOrThrow()).golden_item_id).not.toBeNull();
    expect(await exposureMeter(db, 'mod:g', at(MIN))).toMatchObject({ categories: [{ category: 'graphic_violence', budget: 1, used: 1 }] });
    await submitVerdict(db, { taskId: first.taskId, moderator: 'mod:g', token: first.token, policy: 'violence' }, at(2 * MIN));
    // The budget is spent: the second golden item is not injected.
    expect(await nextTask(db, me('mod:g'), { random: () => 0 }, at(3 * MIN))).toBeUndefined();
  });

  it('the router reserves each task for the moderator who can take it, and next hands out the reservation', async () => {
    await saveModerator(db, 'mod:es', { languages: { es: 'native' } }, 'admin', t0);
    await saveModerator(db, 'mod:en', { languages: { en: 'native' } }, 'admin', t0);
    for (const m of ['mod:es', 'mod:en']) await certify(db, m, 'hate', null, 'admin', t0);
    const es = await item('c-es', 'hate', 'es');
    const en = await item('c-en', 'hate', 'en');
    const round = await runAssignmentRound(db, at(MIN));
    expect(round).toMatchObject({ ran: true, moderators: 2, waiting: 2, reserved: 2 });
    const reserved = await db.selectFrom('review_tasks').select(['id', 'reserved_for']).orderBy('id').execute();
    expect(reserved).toEqual([{ id: es, reserved_for: 'mod:es' }, { id: en, reserved_for: 'mod:en' }]);
    // Someone without a profile does not take a task reserved for another.
    expect(await nextTask(db, me('mod:walkin'), {}, at(MIN))).toBeUndefined();
    expect((await nextTask(db, me('mod:en'), {}, at(MIN)))?.taskId).toBe(en);
    // A moderator holding their capacity gets nothing more in the next round.
    expect((await moderatorStates(db, at(MIN))).find((m) => m.id === 'mod:en')?.free).toBe(0);
  });

  it('auto-decides, in an opted-in queue with no staffed capacity, the sure tasks both ways, never samples, and leaves other queues alone', async () => {
    await saveReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, assignment: { auto_decide: { general: {} } } }, 'admin', t0);
    const scored = async (id: string, policy: string, score: number, extra: Record<string, unknown> = {}) => {
      await db.insertInto('entities').values({ type: 'content', id, attrs: JSON.stringify({ language: 'en', modality: 'text' }), first_seen: t0, last_seen: t0 }).execute();
      const [r] = await db.transaction().execute((tx) => raiseSignals(tx, [{ entity: { type: 'content', id }, policy, source: 'manual', actor: 'analyst', details: { model_score: score }, ...extra }], t0));
      return r!.taskId;
    };
    const sure = await scored('a-sure', 'spam', 0.99);
    const clean = await scored('a-clean', 'spam', 0.01);
    const sample = await scored('a-sample', 'adult', 0.99, { source: 'measurement', sampleProbability: 0.1 });
    const elsewhere = await scored('a-hate', 'hate', 0.99);
    const round = await runAssignmentRound(db, at(MIN));
    expect(round).toMatchObject({ ran: true, auto_actioned: 1, auto_dismissed: 1 });
    const tasks = await db.selectFrom('review_tasks').select(['id', 'status', 'closed_by']).orderBy('id').execute();
    expect(tasks).toEqual([
      { id: sure, status: 'done', closed_by: 'vigil:thresholds' },
      { id: clean, status: 'cancelled', closed_by: 'vigil:thresholds' },
      { id: sample, status: 'open', closed_by: null },
      { id: elsewhere, status: 'open', closed_by: null },
    ]);
    const actions = await db.selectFrom('actions').select(['entity_id', 'action', 'source', 'actor']).where('actor', '=', 'vigil:thresholds').execute();
    expect(actions).toEqual([{ entity_id: 'a-sure', action: 'remove', source: 'strategy', actor: 'vigil:thresholds' }]);
    const statement = await db.selectFrom('statements').select('tdb').where('entity_id', '=', 'a-sure').executeTakeFirstOrThrow();
    expect(statement.tdb).toMatchObject({ automated_decision: 'AUTOMATED_DECISION_FULLY', automated_detection: 'Yes' });
  });

  it('a signal does not give its task deadline pressure the others lack: equal tasks stay in deadline order until a round', async () => {
    const first = await item('p-1', 'spam');
    const second = await item('p-2', 'spam', 'en', at(MIN));
    // A signal on the second task an hour later: same evidence as before, evaluated at a later moment.
    await db.transaction().execute((tx) => raiseSignals(tx, [{ entity: { type: 'content', id: 'p-2' }, policy: 'spam', source: 'manual', actor: 'analyst' }], at(60 * MIN)));
    const rows = await db.selectFrom('review_tasks').select(['id', 'priority']).orderBy('priority', 'desc').orderBy('deadline').execute();
    expect(rows.map((r) => r.id)).toEqual([first, second]);
    // A round evaluates both at one moment: the older task has the more pressure.
    await runAssignmentRound(db, at(61 * MIN));
    const after = await db.selectFrom('review_tasks').select(['id', 'priority']).orderBy('priority', 'desc').execute();
    expect(after.map((r) => r.id)).toEqual([first, second]);
    expect(after[0]!.priority).toBeGreaterThan(after[1]!.priority);
  });

  it('a round recomputes priorities: a stream gaining viewers rises, also with no profiles', async () => {
    await db.insertInto('entities').values({ type: 'livestream', id: 'ls-1', attrs: JSON.stringify({ viewers: 10 }), first_seen: t0, last_seen: t0 }).execute();
    const [r] = await db.transaction().execute((tx) => raiseSignals(tx, [{ entity: { type: 'livestream', id: 'ls-1' }, policy: 'violence', source: 'manual', actor: 'analyst' }], t0));
    const priority = async () => (await db.selectFrom('review_tasks').select(['priority', 'priority_parts']).where('id', '=', r!.taskId).executeTakeFirstOrThrow());
    const before = await priority();
    // 10 viewers over a 60-minute horizon: reach factor 1 + log10(601).
    expect(before.priority_parts.reachFactor).toBeCloseTo(1 + Math.log10(601), 9);
    await db.updateTable('entities').set({ attrs: JSON.stringify({ viewers: 5000 }) }).where('id', '=', 'ls-1').execute();
    await runAssignmentRound(db, at(MIN));
    const after = await priority();
    expect(after.priority_parts.reachFactor).toBeCloseTo(1 + Math.log10(300_001), 9);
    expect(after.priority).toBeGreaterThan(before.priority);
  });

  it('skips the round while another process holds the router lock', async () => {
    await saveModerator(db, 'mod:en', { languages: { en: 'native' } }, 'admin', t0);
    await certify(db, 'mod:en', 'spam', null, 'admin', t0);
    await item('c1', 'spam');
    // PGlite is one connection in one process: a second router cannot exist there.
    if (backend !== 'postgres') return expect((await runAssignmentRound(db, at(MIN))).ran).toBe(true);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('vigil.review.router'))`.execute(tx);
      locked();
      await held;
    });
    await isLocked;
    expect(await runAssignmentRound(db, at(MIN))).toMatchObject({ ran: false, reserved: 0 });
    release();
    await holder;
    expect(await runAssignmentRound(db, at(MIN))).toMatchObject({ ran: true, reserved: 1 });
  });

  it('accepts the settings that shape assignment and priority, and rejects nothing it needs', async () => {
    await saveReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, assignment: { language_relaxation: [{ after_minutes: 0, level: 'fluent' }] } }, 'admin', t0);
    await saveModerator(db, 'mod:fluent', { languages: { ar: 'fluent' } }, 'admin', t0);
    await certify(db, 'mod:fluent', 'hate', null, 'admin', t0);
    const task = await item('c-ar', 'hate', 'ar');
    expect((await nextTask(db, me('mod:fluent'), {}, t0))?.taskId).toBe(task);
  });
});
