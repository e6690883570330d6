// Cases and the audit log over HTTP: the whole life of a case, bad input refused with a clear 4xx that
// changes nothing, an entity's cases, and the audit log's filters, paging and streamed export.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/support/db.js';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { contentCreated } from '../../../test/support/events.js';

describeEachBackend('cases and audit over HTTP', (backend) => {
  let vigil: TestVigil;
  let moderator: string;
  let caseId: number;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    moderator = await vigil.keyFor('moderator');
    const res = await vigil.request('POST', '/v1/events', { body: { events: [contentCreated({ authorId: 'u-ring-1', contentId: 'c-1' }), contentCreated({ authorId: 'u-ring-2', contentId: 'c-2' })] } });
    expect(res.status).toBe(200);
  });
  afterAll(() => vigil?.close());

  it('opens a case, links items, adds a note, closes and reopens it; the timeline tells it all', async () => {
    const created = await vigil.request('POST', '/v1/cases', { key: moderator, body: { title: 'Ring of two', owner: 'mod-1', tags: ['ring'], items: [{ kind: 'entity', entity: { type: 'account', id: 'u-ring-1' } }] } });
    expect(created.status).toBe(201);
    caseId = created.json.id;
    expect(created.json).toMatchObject({ title: 'Ring of two', status: 'open', owner: 'mod-1', tags: ['ring'], item_count: 1, created_by: expect.stringMatching(/^key:.+:test-moderator$/) });

    const item = await vigil.request('POST', `/v1/cases/${caseId}/items`, { key: moderator, body: { kind: 'entity', entity: { type: 'content', id: 'c-2' }, note: 'posted by the second account' } });
    expect(item.status).toBe(201);
    expect(item.json).toMatchObject({ kind: 'entity', ref: 'content:c-2', entity: { type: 'content', id: 'c-2' }, note: 'posted by the second account' });
    expect((await vigil.request('POST', `/v1/cases/${caseId}/items`, { key: moderator, body: { kind: 'evidence', evidence: { type: 'url', url: 'https://example.com/x' } } })).status).toBe(201);
    expect((await vigil.request('POST', `/v1/cases/${caseId}/notes`, { key: moderator, body: { text: 'same device' } })).json).toMatchObject({ kind: 'note', details: { text: 'same device' } });
    expect((await vigil.request('PATCH', `/v1/cases/${caseId}`, { key: moderator, body: { owner: null, tags: ['ring', 'eu'] } })).json).toMatchObject({ owner: null, tags: ['ring', 'eu'] });
    expect((await vigil.request('DELETE', `/v1/cases/${caseId}/items/${item.json.id}?reason=wrong%20post`, { key: moderator })).json).toEqual({ removed: true });
    const closed = await vigil.request('POST', `/v1/cases/${caseId}/close`, { key: moderator, body: { resolution: 'suspended' } });
    expect(closed.json).toMatchObject({ status: 'closed', resolution: 'suspended' });
    expect((await vigil.request('POST', `/v1/cases/${caseId}/reopen`, { key: moderator, body: {} })).json).toMatchObject({ status: 'open', resolution: null });

    const got = await vigil.request('GET', `/v1/cases/${caseId}`, { key: await vigil.keyFor('viewer') });
    expect(got.status).toBe(200);
    expect(got.json.items.map((i: { ref: string }) => i.ref)).toEqual(['account:u-ring-1', 'url:https://example.com/x']);
    expect(got.json.timeline.map((t: { kind: string }) => t.kind)).toEqual(['created', 'item_added', 'item_added', 'item_added', 'note', 'updated', 'owner_changed', 'item_removed', 'closed', 'reopened']);
    expect(got.json.timeline[7].details).toMatchObject({ label: 'content c-2', reason: 'wrong post' });

    const ofEntity = await vigil.request('GET', '/v1/entities/account/u-ring-1/cases', { key: await vigil.keyFor('viewer') });
    expect(ofEntity.json.cases.map((c: { id: number }) => c.id)).toEqual([caseId]);
    expect((await vigil.request('GET', '/v1/entities/content/c-2/cases')).json.cases).toEqual([]);
    const listed = await vigil.request('GET', '/v1/cases?status=open&tag=eu&entity_type=account&entity_id=u-ring-1');
    expect(listed.json).toMatchObject({ cases: [{ id: caseId, item_count: 2 }], next_before: null });
    expect((await vigil.request('GET', '/v1/cases?status=closed')).json.cases).toEqual([]);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = (await vigil.request('GET', `/v1/cases/${caseId}`)).json;
    const cases = [
      ['POST', '/v1/cases', { title: '' }, 400, /body.title: must NOT have fewer than 1 characters/],
      ['POST', '/v1/cases', { title: '   ' }, 400, /title must not be empty/],
      ['POST', '/v1/cases', { title: 't', colour: 'red' }, 400, /must NOT have additional properties/],
      ['POST', '/v1/cases', { title: 't', tags: ['a b'] }, 400, /tag "a b" is not valid/],
      ['POST', '/v1/cases', { title: 't', items: [{ kind: 'entity', entity: { type: 'account', id: 'ghost' } }] }, 422, /entity account\/ghost is not known/],
      ['POST', `/v1/cases/${caseId}/items`, { kind: 'decision', id: 123456 }, 422, /no decision 123456/],
      ['POST', `/v1/cases/${caseId}/items`, { kind: 'action', id: 123456 }, 422, /no action \(by seq\) 123456/],
      ['POST', `/v1/cases/${caseId}/items`, { kind: 'evidence', evidence: { type: 'media', sha256: 'ab'.repeat(32) } }, 422, /no media/],
      ['POST', `/v1/cases/${caseId}/items`, { kind: 'evidence', evidence: { type: 'url', url: 'ftp://x' } }, 400, /http or https/],
      ['POST', `/v1/cases/${caseId}/items`, { kind: 'planet', id: 1 }, 400, /body/],
      ['POST', `/v1/cases/${caseId}/items`, { kind: 'entity', entity: { type: 'account', id: 'u-ring-1' } }, 409, /already has account u-ring-1/],
      ['POST', '/v1/cases/999999/items', { kind: 'entity', entity: { type: 'account', id: 'u-ring-1' } }, 404, /no case 999999/],
      ['POST', `/v1/cases/${caseId}/notes`, { text: '' }, 400, /body.text/],
      ['POST', `/v1/cases/${caseId}/close`, {}, 400, /resolution/],
      ['POST', `/v1/cases/${caseId}/reopen`, {}, 409, /already open/],
      ['PATCH', `/v1/cases/${caseId}`, {}, 400, /must NOT have fewer than 1 properties/],
      ['DELETE', `/v1/cases/${caseId}/items/999999`, undefined, 404, /has no item 999999/],
      ['GET', '/v1/cases/abc', undefined, 400, /params.id/],
      ['GET', '/v1/cases?status=pending', undefined, 400, /querystring.status/],
      ['GET', '/v1/cases?entity_type=account', undefined, 400, /both entity_type and entity_id/],
      ['GET', '/v1/entities/planet/x/cases', undefined, 400, /params.type/],
    ] as const;
    for (const [method, path, body, status, message] of cases) {
      const res = await vigil.request(method, path, { key: moderator, body });
      expect({ path, body, status: res.status }).toEqual({ path, body, status });
      expect(res.json.message, `${method} ${path}`).toMatch(message);
    }
    expect((await vigil.request('GET', `/v1/cases/${caseId}`)).json).toEqual(before);
    expect((await vigil.request('GET', '/v1/cases')).json.cases).toHaveLength(1);
  });

  it('reads the audit log newest first, with filters and keyset pages', async () => {
    const analyst = await vigil.keyFor('analyst');
    const all = await vigil.request('GET', `/v1/audit?target_type=case&target_id=${caseId}`, { key: analyst });
    expect(all.status).toBe(200);
    expect(all.json.entries.map((e: { action: string }) => e.action)).toEqual(['case.reopened', 'case.closed', 'case.item_removed', 'case.owner_changed', 'case.updated', 'case.note', 'case.item_added', 'case.item_added', 'case.item_added', 'case.created']);
    expect(all.json.entries[0].actor).toMatch(/test-moderator$/);

    const page1 = await vigil.request('GET', `/v1/audit?action=case.item&limit=2`, { key: analyst });
    expect(page1.json.entries.map((e: { action: string }) => e.action)).toEqual(['case.item_removed', 'case.item_added']);
    const page2 = await vigil.request('GET', `/v1/audit?action=case.item&limit=2&before=${page1.json.next_before}`, { key: analyst });
    expect(page2.json.entries.map((e: { action: string }) => e.action)).toEqual(['case.item_added', 'case.item_added']);
    expect(page2.json.next_before).toBeNull();
    const actor = all.json.entries[0].actor;
    expect((await vigil.request('GET', `/v1/audit?actor=${encodeURIComponent(actor)}&action=case.close`)).json.entries).toHaveLength(1);
    const at = all.json.entries[1].at;
    expect((await vigil.request('GET', `/v1/audit?from=${encodeURIComponent('2000-01-01T00:00:00Z')}&to=${encodeURIComponent('2000-01-02T00:00:00Z')}`)).json).toEqual({ entries: [], next_before: null });
    expect((await vigil.request('GET', `/v1/audit?target_type=case&from=${encodeURIComponent(at)}`)).json.entries.length).toBeGreaterThanOrEqual(2);

    expect((await vigil.request('GET', '/v1/audit?from=yesterday')).status).toBe(400);
    const range = await vigil.request('GET', '/v1/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect([range.status, range.json.message]).toEqual([400, '`from` must be before `to`']);
    expect((await vigil.request('GET', '/v1/audit?limit=0')).status).toBe(400);
    expect((await vigil.request('GET', '/v1/audit?colour=red')).status).toBe(400);
  });

  it('exports the filtered audit log as CSV and NDJSON', async () => {
    const csv = await vigil.request('GET', `/v1/audit/export?format=csv&target_type=case&action=case.item`, { key: await vigil.keyFor('analyst') });
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,action,target_type,target_id,details');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['case.item_removed', 'case.item_added', 'case.item_added', 'case.item_added']);
    const nd = await vigil.request('GET', `/v1/audit/export?format=ndjson&action=case.note`);
    const rows = nd.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toMatchObject([{ action: 'case.note', target_type: 'case', target_id: String(caseId), details: { text: 'same device' } }]);
    const empty = await vigil.request('GET', '/v1/audit/export?actor=nobody');
    expect(empty.text).toBe('seq,at,actor,action,target_type,target_id,details\n');
    expect((await vigil.request('GET', '/v1/audit/export?format=xml')).status).toBe(400);
  });
});
