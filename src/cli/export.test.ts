// `vigil export --audit`: the audit log with its filters as CSV or NDJSON, from a running Vigil (--url) and
// straight from a PostgreSQL database; bad filters refused before anything is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startTestVigil, type TestVigil } from '../../test/support/app.js';
import { createPostgresTestDatabase } from '../../test/support/db.js';
import { appendAudit } from '../store/audit.js';
import { openDatabase } from '../store/database.js';
import { exportCommand } from './export.js';

describe('vigil export --audit', () => {
  let vigil: TestVigil;
  let dir: string;
  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-export-cli-'));
    for (const title of ['one', 'two']) expect((await vigil.request('POST', '/v1/cases', { body: { title } })).status).toBe(201);
  });
  afterAll(async () => {
    await vigil?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports the filtered audit log from a running Vigil', async () => {
    const out = path.join(dir, 'audit.ndjson');
    await exportCommand({ audit: true, action: 'case.', targetType: 'case', targetId: '2', format: 'ndjson', out, url: vigil.url, key: await vigil.keyFor('analyst') });
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toMatchObject([{ action: 'case.created', target_type: 'case', target_id: '2', details: { title: 'two' } }]);
    const csv = path.join(dir, 'audit.csv');
    await exportCommand({ audit: true, action: 'case.', format: 'csv', out: csv, url: vigil.url, key: vigil.adminKey });
    const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,action,target_type,target_id,details');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['2', '1']);
  });

  it('refuses bad options before exporting anything', async () => {
    const out = path.join(dir, 'never.csv');
    await expect(exportCommand({ audit: true, from: 'yesterday', format: 'csv', out, url: vigil.url, key: vigil.adminKey })).rejects.toThrow(/--from must be a time/);
    await expect(exportCommand({ audit: true, from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z', format: 'csv', out, url: vigil.url, key: vigil.adminKey })).rejects.toThrow(/--from must be before --to/);
    await expect(exportCommand({ audit: true, table: 'events', format: 'csv', out })).rejects.toThrow(/exactly one of/);
    await expect(exportCommand({ table: 'events', actor: 'x', format: 'csv', out })).rejects.toThrow(/filter --audit only/);
    await expect(exportCommand({ audit: true, format: 'csv', out, url: vigil.url, key: await vigil.keyFor('moderator') })).rejects.toThrow(/HTTP 403/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it.skipIf(!inject('postgresTemplateDb'))('exports straight from the database', async () => {
    const url = await createPostgresTestDatabase();
    const database = await openDatabase({ url, migrate: false });
    const T0 = new Date('2026-05-01T00:00:00Z');
    try {
      for (let i = 0; i < 3; i++) await appendAudit(database.db, new Date(T0.getTime() + i * 60_000), { actor: `a${i}`, action: 'queue.update', target_type: 'queue', target_id: 'q', details: { i } });
    } finally {
      await database.close();
    }
    const out = path.join(dir, 'direct.ndjson');
    vi.stubEnv('VIGIL_DATABASE_URL', url);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await exportCommand({ audit: true, action: 'queue.', from: '2026-05-01T00:01:00Z', format: 'ndjson', out });
    } finally {
      vi.unstubAllEnvs();
      log.mockRestore();
    }
    expect(fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).actor)).toEqual(['a2', 'a1']);
  });
});
