// Cases on both backends: links are checked, the timeline records every change in order (and in the audit
// log), list filters and paging, closed cases refuse item changes, and the timeline cannot be rewritten.
import { sql } from 'kysely';
import { seedDefaultCatalogue } from '../../catalogue/index.js';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ConflictError, NotFoundError, UnknownReferenceError } from '../../catalogue/index.js';
import type { Database } from '../../store/database.js';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import { addCaseItem, addCaseNote, casesOfEntity, closeCase, createCase, getCase, InvalidCaseError, listCases, removeCaseItem, reopenCase, updateCase } from './index.js';

const T0 = new Date('2026-05-01T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const SHA = 'ab'.repeat(32);

describeEachBackend('cases', (backend) => {
  let database: Database;
  let decisionId: number;
  let actionSeq: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await testDatabase(backend);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await resetDatabase(db());
    await db()
      .insertInto('entities')
      .values(['u1', 'u2', 'u3'].map((id) => ({ type: 'account', id, attrs: '{}', first_seen: T0, last_seen: T0 })))
      .execute();
    decisionId = (
      await db()
        .insertInto('decisions')
        .values({ event_seq: 1, event_id: 'e1', event_type: 'comment', event_time: T0, decided_at: T0, strategy_id: 's', strategy_version: 1, rule: 'r', mode: 'live', applied: true, policy_id: 'spam', severity: 2, entity_type: 'account', entity_id: 'u1', actions: '[]', evidence: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    actionSeq = (
      await db()
        .insertInto('actions')
        .values({ at: T0, effective_at: T0, entity_type: 'account', entity_id: 'u1', action: 'suspend', policy_id: null, source: 'manual', actor: 'mod', reverts_seq: null })
        .returning('seq')
        .executeTakeFirstOrThrow()
    ).seq;
    await db().insertInto('media').values({ sha256: SHA, md5: null, kind: 'image', mime: 'image/png', size_bytes: 10, width: 1, height: 1, duration_s: null, source_url: null, stored: true, thumbnail_key: null, created_at: T0 }).execute();
  });

  it('creates a case with items, and records every change in order with who and when', async () => {
    const c = await createCase(db(), { title: '  Spam ring  ', description: 'three accounts', owner: 'alice', tags: ['ring', 'spam', 'ring'], items: [{ kind: 'entity', entity: { type: 'account', id: 'u1' } }] }, 'key:1:alice', at(0));
    expect(c).toMatchObject({ title: 'Spam ring', owner: 'alice', status: 'open', tags: ['ring', 'spam'], item_count: 1, created_by: 'key:1:alice' });
    const id = c.id;
    await addCaseItem(db(), id, { kind: 'decision', id: decisionId }, 'bob', at(1));
    await addCaseItem(db(), id, { kind: 'action', id: actionSeq, note: 'the suspension' }, 'bob', at(2));
    await addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'media', sha256: SHA.toUpperCase() } }, 'bob', at(3));
    await addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'url', url: 'https://example.com/post/1' } }, 'bob', at(3));
    const text = await addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'text', text: 'same IP as u9' } }, 'bob', at(3));
    await seedDefaultCatalogue(db(), T0);
    const task = await db()
      .insertInto('review_tasks')
      .values({ kind: 'review', entity_type: 'account', entity_id: 'u1', policy_id: null, queue_id: 'general', priority: 10, severity_tier: null, deadline: T0, created_at: T0, updated_at: T0, modality: null, language: null, market: null, sample_probability: null, appeal_id: null, excluded_moderator: null, lease_holder: null, leased_at: null, lease_expires_at: null, closed_at: null, closed_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(addCaseItem(db(), id, { kind: 'review_task', id: task.id + 1000 }, 'bob', at(4))).rejects.toThrow(/no review task/);
    await addCaseItem(db(), id, { kind: 'review_task', id: task.id }, 'bob', at(4));
    await addCaseNote(db(), id, 'looks coordinated', 'carol', at(5));
    await updateCase(db(), id, { owner: 'carol', title: 'Spam ring (EU)' }, 'carol', at(6));
    await removeCaseItem(db(), id, text.id, 'carol', at(7));
    await closeCase(db(), id, 'accounts suspended', 'carol', at(8));
    await reopenCase(db(), id, 'one more account', 'dave', at(9));

    const detail = await getCase(db(), id);
    expect(detail.items.map((i) => [i.kind, i.ref])).toEqual([
      ['entity', 'account:u1'],
      ['decision', String(decisionId)],
      ['action', String(actionSeq)],
      ['evidence', `media:${SHA}`],
      ['evidence', 'url:https://example.com/post/1'],
      ['review_task', String(task.id)],
    ]);
    expect(detail.items.find((i) => i.kind === 'action')).toMatchObject({ target_id: actionSeq, note: 'the suspension' });
    expect(detail.timeline.map((t) => [t.kind, t.actor, t.at])).toEqual([
      ['created', 'key:1:alice', at(0).toISOString()],
      ['item_added', 'key:1:alice', at(0).toISOString()],
      ['item_added', 'bob', at(1).toISOString()],
      ['item_added', 'bob', at(2).toISOString()],
      ['item_added', 'bob', at(3).toISOString()],
      ['item_added', 'bob', at(3).toISOString()],
      ['item_added', 'bob', at(3).toISOString()],
      ['item_added', 'bob', at(4).toISOString()],
      ['note', 'carol', at(5).toISOString()],
      ['updated', 'carol', at(6).toISOString()],
      ['owner_changed', 'carol', at(6).toISOString()],
      ['item_removed', 'carol', at(7).toISOString()],
      ['closed', 'carol', at(8).toISOString()],
      ['reopened', 'dave', at(9).toISOString()],
    ]);
    expect(detail.timeline[8].details).toEqual({ text: 'looks coordinated' });
    expect(detail.timeline[9].details).toEqual({ changes: { title: { from: 'Spam ring', to: 'Spam ring (EU)' } } });
    expect(detail.timeline[10].details).toEqual({ from: 'alice', to: 'carol' });
    expect(detail.timeline[11].details).toMatchObject({ item_id: text.id, kind: 'evidence', label: 'note "same IP as u9"' });
    expect(detail.timeline[13].details).toEqual({ previous_resolution: 'accounts suspended', reason: 'one more account' });
    expect(detail).toMatchObject({ status: 'open', resolution: null, closed_at: null, owner: 'carol', updated_at: at(9).toISOString() });

    // Each change is in the audit log too, as case.<kind> on the case.
    const audit = await db().selectFrom('audit_log').select(['action', 'actor', 'target_id']).where('target_type', '=', 'case').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(detail.timeline.map((t) => `case.${t.kind}`));
    expect(audit.every((a) => a.target_id === String(id))).toBe(true);
  });

  it('refuses links to things that do not exist, and bad input, changing nothing', async () => {
    const { id } = await createCase(db(), { title: 'c' }, 'a', at(0));
    const before = await getCase(db(), id);
    await expect(addCaseItem(db(), id, { kind: 'entity', entity: { type: 'account', id: 'nobody' } }, 'a', at(1))).rejects.toThrow(UnknownReferenceError);
    await expect(addCaseItem(db(), id, { kind: 'entity', entity: { type: 'content', id: 'u1' } }, 'a', at(1))).rejects.toThrow(/entity content\/u1 is not known/);
    await expect(addCaseItem(db(), id, { kind: 'decision', id: decisionId + 1000 }, 'a', at(1))).rejects.toThrow(/no decision/);
    await expect(addCaseItem(db(), id, { kind: 'action', id: actionSeq + 1000 }, 'a', at(1))).rejects.toThrow(/no action/);
    await expect(addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'media', sha256: 'cd'.repeat(32) } }, 'a', at(1))).rejects.toThrow(/no media/);
    await expect(addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'media', sha256: 'xyz' } }, 'a', at(1))).rejects.toThrow(InvalidCaseError);
    await expect(addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'url', url: 'javascript:alert(1)' } }, 'a', at(1))).rejects.toThrow(/http or https/);
    await expect(addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'url', url: 'not a url' } }, 'a', at(1))).rejects.toThrow(/is not a URL/);
    await expect(addCaseItem(db(), id, { kind: 'evidence', evidence: { type: 'text', text: '   ' } }, 'a', at(1))).rejects.toThrow(/must not be empty/);
    await expect(addCaseItem(db(), id, { kind: 'review_task', id: 0 }, 'a', at(1))).rejects.toThrow(/positive integer/);
    await expect(addCaseItem(db(), id + 99, { kind: 'entity', entity: { type: 'account', id: 'u1' } }, 'a', at(1))).rejects.toThrow(NotFoundError);
    // A case with a bad item is not created at all.
    await expect(createCase(db(), { title: 'x', items: [{ kind: 'entity', entity: { type: 'account', id: 'u1' } }, { kind: 'decision', id: 999_999 }] }, 'a', at(1))).rejects.toThrow(UnknownReferenceError);
    await expect(createCase(db(), { title: '   ' }, 'a', at(1))).rejects.toThrow(/title must not be empty/);
    await expect(createCase(db(), { title: 't', tags: ['has space'] }, 'a', at(1))).rejects.toThrow(/tag "has space" is not valid/);
    await expect(updateCase(db(), id, { title: '' }, 'a', at(1))).rejects.toThrow(InvalidCaseError);
    await expect(addCaseNote(db(), id, ' ', 'a', at(1))).rejects.toThrow(/note must not be empty/);
    expect(await getCase(db(), id)).toEqual(before);
    expect((await listCases(db(), { limit: 10 })).cases).toHaveLength(1);
    expect(await db().selectFrom('audit_log').select('action').execute()).toEqual([{ action: 'case.created' }]);
  });

  it('refuses a duplicate item, item changes on a closed case, and closing twice', async () => {
    const { id } = await createCase(db(), { title: 'c', items: [{ kind: 'entity', entity: { type: 'account', id: 'u1' } }] }, 'a', at(0));
    await expect(addCaseItem(db(), id, { kind: 'entity', entity: { type: 'account', id: 'u1' } }, 'a', at(1))).rejects.toThrow(ConflictError);
    const [item] = (await getCase(db(), id)).items;
    await closeCase(db(), id, 'done', 'a', at(2));
    await expect(closeCase(db(), id, 'again', 'a', at(3))).rejects.toThrow(/already closed/);
    await expect(addCaseItem(db(), id, { kind: 'entity', entity: { type: 'account', id: 'u2' } }, 'a', at(3))).rejects.toThrow(/is closed; reopen it/);
    await expect(removeCaseItem(db(), id, item.id, 'a', at(3))).rejects.toThrow(/is closed/);
    await expect(closeCase(db(), id, ' ', 'a', at(3))).rejects.toThrow(); // already closed or empty: either way refused
    await addCaseNote(db(), id, 'a note after closing is fine', 'a', at(4));
    await reopenCase(db(), id, '', 'a', at(5));
    await expect(reopenCase(db(), id, '', 'a', at(6))).rejects.toThrow(/already open/);
    await expect(closeCase(db(), id, '  ', 'a', at(6))).rejects.toThrow(/resolution must not be empty/);
    // Removed, the same entity can be linked again.
    await removeCaseItem(db(), id, item.id, 'a', at(7));
    await expect(removeCaseItem(db(), id, item.id, 'a', at(7))).rejects.toThrow(NotFoundError);
    const again = await addCaseItem(db(), id, { kind: 'entity', entity: { type: 'account', id: 'u1' } }, 'a', at(8));
    expect(again.id).not.toBe(item.id);
  });

  it('lists cases by status, owner, entity and tag, newest first, in pages', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await createCase(db(), { title: `case ${i}`, owner: i % 2 ? 'alice' : 'bob', tags: i < 3 ? ['spam'] : ['fraud'], items: i === 1 || i === 4 ? [{ kind: 'entity', entity: { type: 'account', id: 'u2' } }] : [] }, 'a', at(i));
      ids.push(c.id);
    }
    await closeCase(db(), ids[4], 'done', 'a', at(10));
    const titles = async (f: Parameters<typeof listCases>[1]) => (await listCases(db(), f)).cases.map((c) => c.title);
    expect(await titles({ limit: 10 })).toEqual(['case 4', 'case 3', 'case 2', 'case 1', 'case 0']);
    expect(await titles({ status: 'open', limit: 10 })).toEqual(['case 3', 'case 2', 'case 1', 'case 0']);
    expect(await titles({ status: 'closed', limit: 10 })).toEqual(['case 4']);
    expect(await titles({ owner: 'alice', limit: 10 })).toEqual(['case 3', 'case 1']);
    expect(await titles({ tag: 'fraud', limit: 10 })).toEqual(['case 4', 'case 3']);
    expect(await titles({ entity: { type: 'account', id: 'u2' }, limit: 10 })).toEqual(['case 4', 'case 1']);
    expect(await titles({ entity: { type: 'account', id: 'u2' }, status: 'open', owner: 'alice', tag: 'spam', limit: 10 })).toEqual(['case 1']);
    expect((await casesOfEntity(db(), { type: 'account', id: 'u2' })).map((c) => [c.title, c.item_count])).toEqual([
      ['case 4', 1],
      ['case 1', 1],
    ]);
    expect(await casesOfEntity(db(), { type: 'account', id: 'u3' })).toEqual([]);

    const first = await listCases(db(), { limit: 2 });
    expect(first.cases.map((c) => c.title)).toEqual(['case 4', 'case 3']);
    const second = await listCases(db(), { limit: 2, before: first.next_before! });
    expect(second.cases.map((c) => c.title)).toEqual(['case 2', 'case 1']);
    const last = await listCases(db(), { limit: 2, before: second.next_before! });
    expect(last.cases.map((c) => c.title)).toEqual(['case 0']);
    expect(last.next_before).toBeNull();

    // A removed link no longer lists the case for the entity.
    const item = (await getCase(db(), ids[1])).items[0];
    await removeCaseItem(db(), ids[1], item.id, 'a', at(11));
    expect(await titles({ entity: { type: 'account', id: 'u2' }, limit: 10 })).toEqual(['case 4']);
  });

  it('refuses to update or delete timeline entries and audit entries', async () => {
    const { id } = await createCase(db(), { title: 'c' }, 'a', at(0));
    await expect(sql`UPDATE case_timeline SET actor = 'mallory' WHERE case_id = ${id}`.execute(db())).rejects.toThrow(/case_timeline is append-only: UPDATE is refused/);
    await expect(sql`DELETE FROM case_timeline WHERE case_id = ${id}`.execute(db())).rejects.toThrow(/case_timeline is append-only: DELETE is refused/);
    await expect(db().updateTable('audit_log').set({ actor: 'mallory' }).execute()).rejects.toThrow(/audit_log is append-only: UPDATE is refused/);
    await expect(db().deleteFrom('audit_log').execute()).rejects.toThrow(/audit_log is append-only: DELETE is refused/);
    expect((await getCase(db(), id)).timeline.map((t) => t.actor)).toEqual(['a']);
    expect(await db().selectFrom('audit_log').select('actor').execute()).toEqual([{ actor: 'a' }]);
    // Appending still works.
    await addCaseNote(db(), id, 'still writable', 'b', at(1));
    expect((await getCase(db(), id)).timeline).toHaveLength(2);
  });
});
