// The workforce API on both backends: profiles and certifications refuse bad input with a message and
// change nothing; a moderator reads their own exposure meter; a router round reserves a task that
// "next" then hands out; a queue's threshold curve answers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../store/api-keys.js';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { describeEachBackend } from '../../../test/support/db.js';

describeEachBackend('workforce API', (backend) => {
  let vigil: TestVigil;
  let modKey: string;
  let modActor: string;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    const created = await createApiKey(vigil.services.db, 'ana', ['moderator'], new Date());
    modKey = created.key;
    modActor = `key:${created.info.id}:ana`;
  });
  afterAll(() => vigil?.close());

  it('refuses bad profiles and certifications with a message, and stores nothing', async () => {
    for (const [body, message] of [
      [{ languages: { english: 'native' } }, /languages/],
      [{ languages: { en: 'perfect' } }, /languages/],
      [{ languages: {}, capacity: 0 }, /capacity/],
      [{ languages: {}, schedule: [{ days: [8], start: '08:00', end: '16:00' }] }, /schedule/],
      [{ languages: {}, schedule: [{ days: [1], start: '8am', end: '16:00' }] }, /schedule/],
      [{ languages: {}, exposure_budgets: { 'Graphic Violence': 3 } }, /exposure_budgets/],
      [{ languages: {}, colour: 'blue' }, /colour|additional/],
    ] as const) {
      const res = await vigil.request('PUT', `/v1/moderators/${encodeURIComponent(modActor)}`, { body });
      expect(res.status, res.text).toBe(400);
      expect(res.json.message).toMatch(message);
    }
    expect((await vigil.request('GET', '/v1/moderators')).json.moderators).toEqual([]);
    const missing = await vigil.request('PUT', `/v1/moderators/${encodeURIComponent(modActor)}/certifications/spam`, { body: {} });
    expect(missing.status).toBe(404);
    expect(missing.json.message).toMatch(/no moderator profile/);

    const saved = await vigil.request('PUT', `/v1/moderators/${encodeURIComponent(modActor)}`, { body: { languages: { en: 'native' }, exposure_budgets: { sexual_content: 5 } } });
    expect(saved.status, saved.text).toBe(200);
    for (const [policy, body, status, message] of [
      ['nope', {}, 422, /unknown policy/],
      ['spam', { expires_at: '2000-01-01T00:00:00Z' }, 400, /not in the future/],
      ['spam', { expires_at: 'tomorrow' }, 400, /expires_at/],
    ] as const) {
      const res = await vigil.request('PUT', `/v1/moderators/${encodeURIComponent(modActor)}/certifications/${policy}`, { body });
      expect(res.status, res.text).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    expect((await vigil.request('GET', `/v1/moderators/${encodeURIComponent(modActor)}`)).json.certifications).toEqual([]);
  });

  it('reserves a task for the moderator who can take it, hands it out on next, and counts their exposure', async () => {
    for (const policy of ['adult', 'spam']) expect((await vigil.request('PUT', `/v1/moderators/${encodeURIComponent(modActor)}/certifications/${policy}`, { body: {} })).status).toBe(200);
    const db = vigil.services.db;
    const now = vigil.services.clock();
    await db.insertInto('entities').values({ type: 'content', id: 'wf-1', attrs: JSON.stringify({ language: 'en', modality: 'image' }), first_seen: now, last_seen: now }).execute();
    const task = await vigil.request('POST', '/v1/review/tasks', { body: { entity: { type: 'content', id: 'wf-1' }, policy: 'adult', reason: 'check' } });
    expect(task.status, task.text).toBe(201);
    const round = await vigil.request('POST', '/v1/review/assign');
    expect(round.json).toMatchObject({ ran: true, reserved: 1 });
    const next = await vigil.request('POST', '/v1/review/next', { key: modKey, body: {} });
    expect(next.status, next.text).toBe(200);
    expect(next.json.lease.task_id).toBe(task.json.taskId);
    const meter = await vigil.request('GET', '/v1/me/exposure', { key: modKey });
    expect(meter.json).toMatchObject({ moderator: modActor, categories: [{ category: 'sexual_content', budget: 5, used: 1 }] });
    // Only admins read someone else's meter.
    expect((await vigil.request('GET', `/v1/moderators/${encodeURIComponent(modActor)}/exposure`, { key: modKey })).status).toBe(403);
  });

  it('answers a queue’s threshold curve and refuses a bad window', async () => {
    const res = await vigil.request('GET', '/v1/review/queues/general/thresholds?hours=24');
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ queue: 'general', received: 1, staffed_capacity: expect.any(Number) });
    expect(res.json.curve[0]).toMatchObject({ reviewed: 0 });
    const bad = await vigil.request('GET', '/v1/review/queues/general/thresholds?hours=-1');
    expect(bad.status).toBe(400);
    expect((await vigil.request('GET', '/v1/review/queues/nope/thresholds')).status).toBe(404);
  });
});
