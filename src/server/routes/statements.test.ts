// The statements-of-reasons API on both backends against a running Vigil: a manual action taken through
// POST /v1/actions gets its statement, read back by id and by filters; the export gives TDB batches with
// next_after; the settings round-trip; bad input is refused with 400 and changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { describeEachBackend } from '../../../test/support/db.js';
import { contentCreated } from '../../../test/support/events.js';
import { TDB_FIELDS } from '../../enforcement/index.js';
import { TERRITORIAL_SCOPE_CODES } from '../../domain/dsa.js';

describeEachBackend('statements of reasons API', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  async function content(language?: string) {
    const ev = contentCreated({ language });
    const res = await vigil.request('POST', '/v1/events', { body: { events: [ev] } });
    expect(res.status, res.text).toBeLessThan(300);
    return { type: 'content', id: ev.content.id };
  }
  const act = async (entity: { type: string; id: string }, action: string, policy?: string) => {
    const res = await vigil.request('POST', '/v1/actions', { body: { entity, action, ...(policy ? { policy } : {}), reason: 'reported and confirmed' } });
    expect(res.status, res.text).toBe(201);
    return res.json as { seq: number };
  };

  it('a manual action’s statement: by id, by action, by entity and policy; none for a label', async () => {
    const post = await content('es');
    const removed = await act(post, 'remove', 'hate');
    const labelled = await act(post, 'label', 'hate');
    const one = await vigil.request('GET', `/v1/statements/${removed.seq}`);
    expect(one.status, one.text).toBe(200);
    expect(one.json).toMatchObject({ id: removed.seq, puid: `vigil-${removed.seq}`, entity: post, policy: 'hate', action: 'remove' });
    expect(one.json.statement).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'], content_type: ['CONTENT_TYPE_TEXT'], content_language: 'ES', automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED' });
    expect((await vigil.request('GET', `/v1/statements/${labelled.seq}`)).status).toBe(404);
    const byAction = await vigil.request('GET', `/v1/statements?action=${removed.seq}`);
    expect(byAction.json.statements.map((s: { id: number }) => s.id)).toEqual([removed.seq]);
    const byEntity = await vigil.request('GET', `/v1/statements?entity_type=content&entity_id=${post.id}&policy=hate`);
    expect(byEntity.json.statements.map((s: { id: number }) => s.id)).toEqual([removed.seq]);
    const viewer = await vigil.request('GET', `/v1/statements/${removed.seq}`, { key: await vigil.keyFor('viewer') });
    expect(viewer.status).toBe(200);
    expect((await vigil.request('GET', `/v1/statements/${removed.seq}`, { key: await vigil.keyFor('moderator') })).status).toBe(403);
  });

  it('exports TDB batches: exactly the schema’s fields, next_after until the last batch', async () => {
    const posts = [await content(), await content(), await content()];
    for (const p of posts) await act(p, 'limit_reach', 'spam');
    const all = await vigil.request('GET', '/v1/statements?limit=200');
    const total = all.json.statements.length as number;
    expect(total).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let after = 0;
    for (let i = 0; i < 100; i++) {
      const res = await vigil.request('GET', `/v1/statements/export?after=${after}&limit=2`);
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(['next_after', 'statements']);
      for (const s of res.json.statements) {
        for (const k of Object.keys(s)) expect(TDB_FIELDS as readonly string[]).toContain(k);
        seen.push(s.puid);
      }
      if (res.json.next_after === null) break;
      expect(res.json.statements).toHaveLength(2);
      after = res.json.next_after;
    }
    expect(seen).toEqual([...all.json.statements].reverse().map((s: { puid: string }) => s.puid));
  });

  it('settings: read, replace (admin), refused when statements could not carry them', async () => {
    const read = await vigil.request('GET', '/v1/statements/settings');
    expect(read.json).toEqual({ territorial_scope: [...TERRITORIAL_SCOPE_CODES], terms_url: null });
    const put = await vigil.request('PUT', '/v1/statements/settings', { body: { territorial_scope: ['SE', 'DK'], terms_url: 'https://platform.example/terms' } });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toEqual({ territorial_scope: ['DK', 'SE'], terms_url: 'https://platform.example/terms' });
    const post = await content();
    const a = await act(post, 'block', 'scam');
    const st = (await vigil.request('GET', `/v1/statements/${a.seq}`)).json.statement;
    expect(st.territorial_scope).toEqual(['DK', 'SE']);
    expect(st.decision_ground_reference_url).toBe('https://platform.example/terms');

    for (const body of [{ territorial_scope: ['GB'], terms_url: null }, { territorial_scope: [], terms_url: null }, { territorial_scope: ['DE'], terms_url: 'not a url' }, { territorial_scope: ['DE'] }, { territorial_scope: ['DE'], terms_url: null, extra: 1 }]) {
      const res = await vigil.request('PUT', '/v1/statements/settings', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.message).toMatch(/body/);
    }
    expect((await vigil.request('PUT', '/v1/statements/settings', { key: await vigil.keyFor('analyst'), body: { territorial_scope: ['DE'], terms_url: null } })).status).toBe(403);
    expect((await vigil.request('GET', '/v1/statements/settings')).json.territorial_scope).toEqual(['DK', 'SE']);
  });

  it('bad input: limit 101, a negative after, an unknown id, half an entity filter', async () => {
    const over = await vigil.request('GET', '/v1/statements/export?limit=101');
    expect(over.status).toBe(400);
    expect(over.json.message).toMatch(/limit/);
    expect((await vigil.request('GET', '/v1/statements/export?limit=0')).status).toBe(400);
    expect((await vigil.request('GET', '/v1/statements/export?after=-1')).status).toBe(400);
    expect((await vigil.request('GET', '/v1/statements/export?after=abc')).status).toBe(400);
    expect((await vigil.request('GET', '/v1/statements/abc')).status).toBe(400);
    expect((await vigil.request('GET', '/v1/statements/424242')).status).toBe(404);
    expect((await vigil.request('GET', '/v1/statements?entity_type=content')).status).toBe(400);
    expect((await vigil.request('GET', '/v1/statements?limit=201')).status).toBe(400);
  });
});
