// The QA API on both backends: golden items created and listed by analysts (never shown to moderators),
// a golden task decided over HTTP enforcing nothing, a double review that disagrees going to adjudication
// and being decided, agreement and accuracy read back; bad input gets a 4xx with a message and changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../store/api-keys.js';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { describeEachBackend } from '../../../test/support/db.js';
import { contentCreated, uid } from '../../../test/support/events.js';

describeEachBackend('QA API', (backend) => {
  let vigil: TestVigil;
  let mod1: string;
  let mod2: string;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    mod1 = (await createApiKey(vigil.services.db, 'mod-one', ['moderator'], new Date())).key;
    mod2 = (await createApiKey(vigil.services.db, 'mod-two', ['moderator'], new Date())).key;
  });
  afterAll(() => vigil?.close());

  async function content(text = 'buy followers now'): Promise<{ type: 'content'; id: string }> {
    const contentId = uid('c');
    expect((await vigil.request('POST', '/v1/events', { body: { events: [contentCreated({ contentId, authorId: uid('u'), text })] } })).status).toBe(200);
    return { type: 'content', id: contentId };
  }
  const settings = (qa: { golden_rate: number; double_review_rate: number; double_review_k?: number }) =>
    vigil.request('PUT', '/v1/review/settings', { body: { lease_seconds: 300, appeal_window_days: 183, qa: { double_review_k: 2, ...qa } } });
  const goldenCount = async () => Number((await vigil.services.db.selectFrom('qa_golden_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('golden items: bad input is refused with a message and creates nothing; moderators cannot list them; a golden verdict enforces nothing', async () => {
    const item = await content();
    for (const [body, status, message] of [
      [{ entity: item, policy: 'spam' }, 400, /expected/],
      [{ entity: { type: 'content', id: 'never-seen' }, policy: 'spam', expected: 'spam' }, 422, /not known to Vigil/],
      [{ entity: item, policy: 'no_such_policy', expected: null }, 422, /unknown policy/],
      [{ entity: item, policy: 'spam', expected: 'nope' }, 422, /unknown policy/],
      [{ entity: item, policy: 'spam', expected: null, extra: 1 }, 400, /extra|additional/],
    ] as const) {
      const res = await vigil.request('POST', '/v1/qa/golden', { body });
      expect(res.status, res.text).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    expect(await goldenCount()).toBe(0);
    const created = await vigil.request('POST', '/v1/qa/golden', { body: { entity: item, policy: 'spam', expected: 'spam', notes: 'follower selling' } });
    expect(created.status, created.text).toBe(201);
    expect((await vigil.request('GET', '/v1/qa/golden', { key: mod1 })).status).toBe(403);
    expect((await vigil.request('GET', '/v1/qa/golden')).json.items).toEqual([expect.objectContaining({ id: created.json.id, expected: 'spam', answers: 0 })]);

    expect((await settings({ golden_rate: 1, double_review_rate: 0 })).status).toBe(200);
    const next = await vigil.request('POST', '/v1/review/next', { key: mod1, body: {} });
    expect(next.status, next.text).toBe(200);
    expect(next.json.view.task).toMatchObject({ kind: 'review', entity: item });
    expect(JSON.stringify(next.json)).not.toMatch(/golden/i);
    const verdict = await vigil.request('POST', `/v1/review/tasks/${next.json.lease.task_id}/verdict`, { key: mod1, body: { token: next.json.lease.token, policy: 'spam' } });
    expect(verdict.status, verdict.text).toBe(201);
    expect(verdict.json.actions).toEqual([]);
    expect(await vigil.services.db.selectFrom('actions').select('seq').where('entity_type', '=', 'content').where('entity_id', '=', item.id).execute()).toEqual([]);
    expect((await vigil.request('GET', '/v1/qa/golden')).json.items[0]).toMatchObject({ answers: 1, correct: 1 });

    expect((await vigil.request('POST', '/v1/qa/golden/999999/archive', { body: {} })).status).toBe(404);
    expect((await vigil.request('POST', `/v1/qa/golden/${created.json.id}/archive`, { body: {} })).status).toBe(200);
    expect((await vigil.request('GET', '/v1/qa/golden')).json.items).toEqual([]);
    expect((await vigil.request('GET', '/v1/qa/golden?include_archived=true')).json.items).toHaveLength(1);
  });

  it('a double review that disagrees waits for adjudication; the decision corrects the first verdict; agreement and accuracy read it back', async () => {
    expect((await settings({ golden_rate: 0, double_review_rate: 1 })).status).toBe(200);
    const item = await content();
    expect((await vigil.request('POST', '/v1/reports', { body: { entity: item, policy: 'spam', reporter: 'user-9' } })).status).toBe(201);
    const first = await vigil.request('POST', '/v1/review/next', { key: mod1, body: {} });
    const v1 = await vigil.request('POST', `/v1/review/tasks/${first.json.lease.task_id}/verdict`, { key: mod1, body: { token: first.json.lease.token, policy: 'spam' } });
    expect(v1.status, v1.text).toBe(201);
    expect((await vigil.request('POST', '/v1/review/next', { key: mod1, body: {} })).status).toBe(204);
    const second = await vigil.request('POST', '/v1/review/next', { key: mod2, body: {} });
    expect(second.status, second.text).toBe(200);
    expect(second.json.view.history.verdicts).toEqual([]);
    const v2 = await vigil.request('POST', `/v1/review/tasks/${second.json.lease.task_id}/verdict`, { key: mod2, body: { token: second.json.lease.token, policy: null } });
    expect(v2.json.actions).toEqual([]);

    const open = await vigil.request('GET', '/v1/qa/adjudications');
    expect(open.json.adjudications).toEqual([expect.objectContaining({ verdict_id: v1.json.id, status: 'adjudicating', reviews: [expect.objectContaining({ policy: 'spam' }), expect.objectContaining({ policy: null })] })]);
    const path = `/v1/qa/adjudications/${v1.json.id}/decide`;
    for (const [body, status, message] of [
      [{}, 400, /policy/],
      [{ policy: 'no_such_policy' }, 422, /unknown policy/],
    ] as const) {
      const res = await vigil.request('POST', path, { body });
      expect(res.status, res.text).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    expect((await vigil.request('GET', '/v1/qa/adjudications')).json.adjudications[0].status).toBe('adjudicating');
    expect((await vigil.request('POST', '/v1/qa/adjudications/999999/decide', { body: { policy: null } })).status).toBe(404);
    const decided = await vigil.request('POST', path, { body: { policy: null, notes: 'a joke between friends' } });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.json).toMatchObject({ status: 'decided', outcome: null });
    expect(decided.json.corrected.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['restore', 'allow']));
    const again = await vigil.request('POST', path, { body: { policy: 'spam' } });
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(/already decided/)]);
    expect((await vigil.request('GET', '/v1/qa/adjudications')).json.adjudications).toEqual([]);
    expect((await vigil.request('GET', '/v1/qa/adjudications?status=decided')).json.adjudications).toHaveLength(1);

    const agreement = await vigil.request('GET', '/v1/qa/agreement?min_shared=1');
    expect(agreement.status, agreement.text).toBe(200);
    expect(agreement.json.pairs).toEqual([expect.objectContaining({ items: 1, observed: 0 })]);
    expect(agreement.json.policies).toEqual([expect.objectContaining({ policy: 'spam', items: 1, raters: 2 })]);
    expect((await vigil.request('GET', '/v1/qa/agreement?min_shared=0')).status).toBe(400);
    expect((await vigil.request('GET', '/v1/qa/agreement?since=yesterday')).status).toBe(400);
    const accuracy = await vigil.request('GET', '/v1/qa/moderators');
    expect(accuracy.status, accuracy.text).toBe(200);
    // Moderators are named by their key's actor string, key:<id>:<name>.
    const byName = Object.fromEntries(accuracy.json.moderators.filter((r: { policy: string }) => r.policy === 'spam').map((r: { moderator: string }) => [r.moderator.split(':').pop(), r]));
    expect(byName['mod-two']).toMatchObject({ outcomes: { agreed: 1, total: 1 } });
    expect(byName['mod-one']).toMatchObject({ outcomes: { agreed: 0, total: 1 } });
    expect((await vigil.request('GET', '/v1/qa/moderators', { key: mod1 })).status).toBe(403);
  });
});
