// The review API on both backends against a running Vigil: a report raises a task; a moderator leases,
// heartbeats and decides it; the platform appeals and another moderator overturns it; bad input gets a
// 4xx with a message and changes nothing; queues' operations, routing, settings, samples and precision.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../store/api-keys.js';
import { eventually, startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { describeEachBackend } from '../../../test/support/db.js';
import { contentCreated, uid } from '../../../test/support/events.js';

describeEachBackend('review API', (backend) => {
  let vigil: TestVigil;
  let mod1: string;
  let mod2: string;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    mod1 = (await createApiKey(vigil.services.db, 'mod-one', ['moderator'], new Date())).key;
    mod2 = (await createApiKey(vigil.services.db, 'mod-two', ['moderator'], new Date())).key;
  });
  afterAll(() => vigil?.close());

  async function content(text = 'buy followers now'): Promise<{ type: 'content'; id: string; author: string }> {
    const contentId = uid('c');
    const authorId = uid('u');
    expect((await vigil.request('POST', '/v1/events', { body: { events: [contentCreated({ contentId, authorId, text })] } })).status).toBe(200);
    return { type: 'content', id: contentId, author: authorId };
  }
  const counts = async () => {
    const { db } = vigil.services;
    const [tasks, verdicts, actions, appeals] = await Promise.all(['review_tasks', 'review_verdicts', 'actions', 'appeals'].map((t) => db.selectFrom(t as 'actions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()));
    return [tasks, verdicts, actions, appeals].map((r) => Number(r!.n));
  };

  it('a report raises a task that a moderator leases, renews and decides; the platform appeals and another moderator overturns', async () => {
    const item = await content();
    const report = await vigil.request('POST', '/v1/reports', { body: { entity: { type: 'content', id: item.id }, policy: 'spam', reporter: 'user-7', reason: 'spam link' } });
    expect(report.status, report.text).toBe(201);
    const next = await vigil.request('POST', '/v1/review/next', { key: mod1, body: {} });
    expect(next.status, next.text).toBe(200);
    expect(next.json.view).toMatchObject({ task: { id: report.json.taskId, entity: { type: 'content', id: item.id } }, policy: { id: 'spam' } });
    const { task_id, token } = next.json.lease;
    // Another moderator cannot see or decide it.
    expect((await vigil.request('GET', `/v1/review/tasks/${task_id}/view`, { key: mod2 })).status).toBe(403);
    const stolen = await vigil.request('POST', `/v1/review/tasks/${task_id}/verdict`, { key: mod2, body: { token, policy: 'spam' } });
    expect(stolen.status).toBe(409);
    expect(stolen.json.message).toMatch(/lease on task/);
    expect((await vigil.request('POST', `/v1/review/tasks/${task_id}/heartbeat`, { key: mod1, body: { token } })).status).toBe(200);
    const contradictory = await vigil.request('POST', `/v1/review/tasks/${task_id}/verdict`, { key: mod1, body: { token, policy: null, actions: ['remove'] } });
    expect([contradictory.status, contradictory.json.message]).toEqual([400, 'a verdict of no violation takes no enforcement actions']);
    const verdict = await vigil.request('POST', `/v1/review/tasks/${task_id}/verdict`, { key: mod1, body: { token, policy: 'spam', notes: 'follower selling', handle_ms: 4200 } });
    expect(verdict.status, verdict.text).toBe(201);
    const removal = verdict.json.actions.find((a: { action: string }) => a.action === 'remove');
    expect(removal).toMatchObject({ entity: { type: 'content', id: item.id }, source: 'review', policy: 'spam' });
    expect(verdict.json.actions.map((a: { action: string; entity: { id: string } }) => `${a.action} ${a.entity.id}`)).toContain(`strike ${item.author}`);
    // The removal carries a statement of reasons citing the user's notice.
    const statement = await vigil.request('GET', `/v1/statements/${removal.seq}`);
    expect(statement.status, statement.text).toBe(200);
    expect(JSON.stringify(statement.json)).toContain('SOURCE_ARTICLE_16');

    const ingest = await vigil.keyFor('ingest');
    const appeal = await vigil.request('POST', '/v1/appeals', { key: ingest, body: { action_seq: removal.seq, appellant: item.author, statement: 'I was selling my own art' } });
    expect(appeal.status, appeal.text).toBe(201);
    expect((await vigil.request('POST', '/v1/review/next', { key: mod1, body: {} })).status).toBe(204);
    const second = await vigil.request('POST', '/v1/review/next', { key: mod2, body: {} });
    expect(second.json.view.appeal).toMatchObject({ statement: 'I was selling my own art', action: { seq: removal.seq } });
    const overturn = await vigil.request('POST', `/v1/review/tasks/${second.json.lease.task_id}/verdict`, { key: mod2, body: { token: second.json.lease.token, policy: null } });
    expect(overturn.status, overturn.text).toBe(201);
    expect(overturn.json.appeal.status).toBe('overturned');
    expect((await vigil.request('GET', `/v1/appeals/${appeal.json.id}`)).json).toMatchObject({ status: 'overturned', decided_by: expect.stringContaining('mod-two') });
    const log = await vigil.request('GET', `/v1/actions?entity_type=content&entity_id=${item.id}`);
    expect(log.json.actions.map((a: { action: string }) => a.action)).toEqual(['remove', 'restore', 'allow']);
    expect((await vigil.request('GET', '/v1/review/precision?by=strategy')).status).toBe(200);

    // QA: the first verdict goes back for a re-review that its own moderator is not handed.
    const qa = await vigil.request('POST', '/v1/review/qa', { body: { verdict_id: verdict.json.id } });
    expect(qa.status, qa.text).toBe(201);
    expect((await vigil.request('POST', '/v1/review/next', { key: mod1, body: {} })).status).toBe(204);
    const qaLease = await vigil.request('POST', '/v1/review/next', { key: mod2, body: {} });
    expect(qaLease.json.lease.task_id).toBe(qa.json.taskId);
    await vigil.request('POST', `/v1/review/tasks/${qa.json.taskId}/release`, { key: mod2, body: { token: qaLease.json.lease.token } });
    expect((await vigil.request('POST', '/v1/review/qa', { body: { verdict_id: 999_999 } })).status).toBe(404);
  });

  it('turns report events from the platform into report signals, one task per item and policy', async () => {
    const item = await content();
    const report = (reporter: string, reason: string) => ({ id: uid('evt'), type: 'report', time: '2026-11-01T10:05:00Z', reporter: { id: reporter }, target: { type: 'content', id: item.id }, reason, text: 'saw this' });
    const posted = await vigil.request('POST', '/v1/events', { body: { events: [report('rep-a', 'spam'), report('rep-b', 'spam'), report('rep-c', 'not_a_policy_code')] } });
    expect(posted.status, posted.text).toBe(200);
    vigil.services.afterIngest?.();
    const tasks = await eventually(async () => {
      const r = await vigil.request('GET', `/v1/review/tasks?entity_type=content&entity_id=${item.id}`);
      return r.json.tasks.length === 2 ? r.json.tasks : undefined;
    });
    const spam = tasks.find((t: { policy: string | null }) => t.policy === 'spam');
    const detail = await vigil.request('GET', `/v1/review/tasks/${spam.id}`);
    expect(detail.json.signals.map((x: { source: string; reporter: string }) => `${x.source}:${x.reporter}`)).toEqual(['report:rep-a', 'report:rep-b']);
    expect(tasks.find((t: { policy: string | null }) => t.policy === null)).toBeDefined();
  });

  it('takes one action on many entities at once, or none when one is unknown', async () => {
    const a = await content();
    const b = await content();
    const refused = await vigil.request('POST', '/v1/actions/bulk', { body: { entities: [{ type: 'content', id: a.id }, { type: 'content', id: 'ghost' }], action: 'remove', policy: 'spam', reason: 'ring' } });
    expect(refused.status).toBe(422);
    expect(refused.json.message).toMatch(/content\/ghost is not known/);
    expect((await vigil.request('GET', `/v1/actions?entity_type=content&entity_id=${a.id}`)).json.actions).toEqual([]);
    const bulk = await vigil.request('POST', '/v1/actions/bulk', { body: { entities: [{ type: 'content', id: a.id }, { type: 'content', id: b.id }, { type: 'content', id: a.id }], action: 'remove', policy: 'spam', reason: 'ring' } });
    expect(bulk.status, bulk.text).toBe(201);
    expect(bulk.json.actions.map((x: { entity: { id: string } }) => x.entity.id)).toEqual([a.id, b.id]);
  });

  it('refuses bad input with a message and changes nothing', async () => {
    const item = await content();
    const ingest = await vigil.keyFor('ingest');
    const before = await counts();
    const refusals: [string, string, unknown, number, RegExp, string?][] = [
      ['POST', '/v1/reports', { entity: { type: 'content', id: 'never-seen' }, policy: 'spam', reporter: 'r' }, 422, /not known to Vigil/],
      ['POST', '/v1/reports', { entity: { type: 'content', id: item.id }, policy: 'no_such_policy', reporter: 'r' }, 422, /unknown policy/],
      ['POST', '/v1/reports', { entity: { type: 'planet', id: item.id }, policy: 'spam', reporter: 'r' }, 400, /entity\.type/],
      ['POST', '/v1/reports', { entity: { type: 'content', id: item.id }, policy: 'spam' }, 400, /reporter/],
      ['POST', '/v1/appeals', { action_seq: 99_999_999, appellant: 'a', statement: 's' }, 404, /no action 99999999/, ingest],
      ['POST', '/v1/appeals', { action_seq: 1, appellant: 'a', statement: '' }, 400, /statement/, ingest],
      ['POST', '/v1/review/tasks/999999/verdict', { token: 1, policy: 'spam' }, 409, /task 999999 does not exist/],
      ['POST', '/v1/review/tasks/1/verdict', { token: 1, policy: 'spam', actions: ['explode'] }, 400, /actions/],
      ['POST', '/v1/review/tasks/1/skip', { token: 1, reason: '' }, 400, /reason/],
      ['PUT', '/v1/review/routes', { rules: [{ queue: 'nope' }] }, 422, /rule 1: unknown queue/],
      ['PUT', '/v1/review/routes', { rules: [{ queue: 'general', language: 'English' }] }, 400, /language/],
      ['PUT', '/v1/review/settings', { lease_seconds: 5, appeal_window_days: 183 }, 400, /lease_seconds/],
      ['POST', '/v1/queues/general/state', { state: 'sleeping' }, 400, /state/],
      ['POST', '/v1/review/samples', { policy: 'spam', probability: 1.5, since: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' }, 400, /probability/],
      ['POST', '/v1/review/samples', { policy: 'spam', probability: 0.1, since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 400, /since/],
    ];
    for (const [method, path, body, status, message, key] of refusals) {
      const res = await vigil.request(method, path, { body, ...(key ? { key } : {}) });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}: ${res.text}`).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    expect((await vigil.request('GET', '/v1/review/precision?by=everything')).status).toBe(400);
    expect(await counts()).toEqual(before);
    expect((await vigil.request('GET', '/v1/review/routes')).json.rules).toEqual([]);
  });

  it('shows queue operations, pauses a queue, and a paused queue hands out nothing', async () => {
    const item = await content();
    await vigil.request('POST', '/v1/reports', { body: { entity: { type: 'content', id: item.id }, policy: 'adult', reporter: 'r2' } });
    const stats = await vigil.request('GET', '/v1/review/queues');
    const general = stats.json.queues.find((q: { queue: string }) => q.queue === 'general');
    expect(general.open).toBeGreaterThanOrEqual(1);
    expect((await vigil.request('POST', '/v1/queues/general/state', { body: { state: 'paused' } })).json.state).toBe('paused');
    expect((await vigil.request('POST', '/v1/review/next', { key: mod1, body: { queue: 'general' } })).status).toBe(204);
    await vigil.request('POST', '/v1/queues/general/state', { body: { state: 'active' } });
    const next = await vigil.request('POST', '/v1/review/next', { key: mod1, body: { queue: 'general' } });
    expect(next.status).toBe(200);
    await vigil.request('POST', `/v1/review/tasks/${next.json.lease.task_id}/release`, { key: mod1, body: { token: next.json.lease.token } });
    const flow = await vigil.request('GET', '/v1/review/flow');
    expect(flow.json.hours).toHaveLength(24);
    expect(flow.json.hours.reduce((n: number, h: { raised: number }) => n + h.raised, 0)).toBeGreaterThanOrEqual(1);
  });
});
