// Audit log queries on both backends: each filter, newest first, keyset pages that see every entry once,
// the filtered export, and the append-only trigger.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../test/support/db.js';
import { appendAudit, exportAudit, likePrefix, queryAudit, type AuditFilter } from './audit.js';
import type { Database } from './database.js';
import { exportFormatter, exportQuery, tableQuery } from './export.js';

const T0 = new Date('2026-06-01T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeEachBackend('audit log', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
    await resetDatabase(database.db);
    // 12 entries, one a minute: actors alternate, actions cycle over queue.update, queue_x.odd, case.close.
    const actions = ['queue.update', 'queue_x.odd', 'case.close'];
    for (let i = 0; i < 12; i++) {
      await appendAudit(database.db, at(i), { actor: i % 2 ? 'bob' : 'alice', action: actions[i % 3], target_type: i % 3 === 2 ? 'case' : 'queue', target_id: String(i % 4), details: { i } });
    }
  });
  afterAll(() => database.close());

  const ids = async (f: AuditFilter & { before?: number; limit?: number }) => (await queryAudit(database.db, { limit: 100, ...f })).entries.map((e) => e.details.i);

  it('returns entries newest first, with each filter and their combination', async () => {
    expect(await ids({})).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(await ids({ actor: 'bob' })).toEqual([11, 9, 7, 5, 3, 1]);
    // The prefix's own wildcards are literal: `queue_` matches queue_x.odd only, not queue.update.
    expect(await ids({ action: 'queue.' })).toEqual([9, 6, 3, 0]);
    expect(await ids({ action: 'queue_' })).toEqual([10, 7, 4, 1]);
    expect(await ids({ action: 'queue' })).toEqual([10, 9, 7, 6, 4, 3, 1, 0]);
    expect(await ids({ action: '%' })).toEqual([]);
    expect(await ids({ target_type: 'case' })).toEqual([11, 8, 5, 2]);
    expect(await ids({ target_type: 'queue', target_id: '1' })).toEqual([9, 1]);
    expect(await ids({ from: at(3), to: at(6) })).toEqual([5, 4, 3]);
    expect(await ids({ actor: 'alice', action: 'queue.', from: at(1) })).toEqual([6]);
    const [newest] = (await queryAudit(database.db, { limit: 1 })).entries;
    expect(newest).toMatchObject({ at: at(11).toISOString(), actor: 'bob', action: 'case.close', target_type: 'case', target_id: '3', details: { i: 11 } });
    expect(likePrefix('a_b%c\\')).toBe('a\\_b\\%c\\\\%');
  });

  it('pages with a keyset: every entry once, next_before null on the last page', async () => {
    const seen: unknown[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await queryAudit(database.db, { actor: 'alice', before, limit: 4 });
      seen.push(...page.entries.map((e) => e.details.i));
      pages++;
      if (page.next_before === null) break;
      before = page.next_before;
    }
    expect(seen).toEqual([10, 8, 6, 4, 2, 0]);
    expect(pages).toBe(2);
    // Exactly a page's worth: no empty page after it.
    expect((await queryAudit(database.db, { actor: 'bob', limit: 6 })).next_before).toBeNull();
  });

  it('exports the filtered entries in pages, as CSV and NDJSON', async () => {
    const pages: number[] = [];
    let csv = '';
    const format = exportFormatter('csv');
    const n = await exportAudit(database.db, { action: 'queue' }, (rows) => {
      pages.push(rows.length);
      csv += format(rows);
    }, 3);
    expect(n).toBe(8);
    expect(pages).toEqual([3, 3, 2]);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,action,target_type,target_id,details');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toMatch(new RegExp(`^\\d+,${at(10).toISOString()},alice,queue_x.odd,queue,2,"{""i"":10}"$`));
    let ndjson = '';
    const nd = exportFormatter('ndjson');
    await exportAudit(database.db, { actor: 'bob', target_type: 'case' }, (rows) => void (ndjson += nd(rows)));
    expect(ndjson.trim().split('\n').map((l) => JSON.parse(l).details.i)).toEqual([11, 5]);
  });

  it('exports whole through the table export (`vigil export --table audit_log`), in seq order', async () => {
    expect(await tableQuery(database.db, 'audit_log')).toBe('SELECT * FROM "audit_log" ORDER BY "seq"');
    const seen: unknown[] = [];
    let csv = '';
    const format = exportFormatter('csv');
    await exportQuery(database.db, await tableQuery(database.db, 'audit_log'), (rows) => {
      seen.push(...rows.map((r) => (r.details as { i: number }).i));
      csv += format(rows);
    }, 5);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(csv.split('\n')[0]).toBe('seq,at,actor,action,target_type,target_id,details');
  });

  it('refuses UPDATE and DELETE on the audit log', async () => {
    await expect(sql`UPDATE audit_log SET actor = 'mallory'`.execute(database.db)).rejects.toThrow(/audit_log is append-only: UPDATE is refused/);
    await expect(sql`DELETE FROM audit_log WHERE actor = 'alice'`.execute(database.db)).rejects.toThrow(/audit_log is append-only: DELETE is refused/);
    expect(await ids({})).toHaveLength(12);
    expect(await ids({ actor: 'mallory' })).toEqual([]);
  });
});
