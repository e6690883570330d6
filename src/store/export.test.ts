import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../test/support/db.js';
import type { Database } from './database.js';
import { ExportError, exportQuery, listTables, tableQuery } from './export.js';

describeEachBackend('export', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
    await resetDatabase(database.db);
    const at = new Date('2026-11-01T00:00:00Z');
    await database.db.insertInto('audit_log').values(Array.from({ length: 25 }, (_, i) => ({ at, actor: 'a', action: `x${i}`, target_type: 't', target_id: String(i), details: '{}' }))).execute();
  });
  afterAll(() => database.close());

  it('pages through a whole table, every row once', async () => {
    const pages: number[] = [];
    const seen: string[] = [];
    const n = await exportQuery(database.db, await tableQuery(database.db, 'audit_log'), (rows) => {
      pages.push(rows.length);
      seen.push(...rows.map((r) => r.action as string));
    }, 10);
    expect(n).toBe(25);
    expect(pages).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
  });

  it('refuses unknown tables by name and lists the real ones', async () => {
    expect(await listTables(database.db)).toContain('events');
    await expect(tableQuery(database.db, 'events; DROP TABLE events')).rejects.toBeInstanceOf(ExportError);
  });

  it('runs queries read-only: a write is refused and changes nothing', async () => {
    await expect(exportQuery(database.db, `DELETE FROM audit_log RETURNING *`, () => undefined)).rejects.toThrow(/the query failed|read-only|syntax/);
    await expect(exportQuery(database.db, `SELECT 1; DELETE FROM audit_log`, () => undefined)).rejects.toThrow(/single statement/);
    const rows: unknown[] = [];
    await exportQuery(database.db, `SELECT count(*)::int AS n FROM audit_log`, (r) => void rows.push(...r));
    expect(rows).toEqual([{ n: 25 }]);
  });
});
