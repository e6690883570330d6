// `vigil statements export` against a running Vigil: 250 statements become files of 100, 100 and 50, each
// a Transparency Database batch body, and --after resumes where the last export stopped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../test/support/app.js';
import { recordStatements, statementProblems, toRecord, type ActionRow } from '../enforcement/index.js';
import { statementsExportCommand } from './statements.js';

describe('vigil statements export', () => {
  let vigil: TestVigil;
  let dir: string;
  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-statements-cli-'));
    const db = vigil.services.db;
    const now = new Date('2026-11-02T08:00:00Z');
    await db.insertInto('entities').values({ type: 'content', id: 'c-bulk', attrs: JSON.stringify({ kind: 'photo' }), first_seen: now, last_seen: now }).execute();
    await db.transaction().execute(async (tx) => {
      const rows = await tx
        .insertInto('actions')
        .values(Array.from({ length: 250 }, (_, i) => ({ at: now, effective_at: now, entity_type: 'content', entity_id: 'c-bulk', action: 'remove', policy_id: 'adult', source: 'manual', actor: 'cli-test', reason: `n${i}`, reverts_seq: null })))
        .returningAll()
        .execute();
      await recordStatements(tx, rows.map((r) => ({ action: toRecord(r as ActionRow) })), now);
    });
  });
  afterAll(async () => {
    await vigil?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes files of at most 100 statements, then nothing new after the last id', async () => {
    const remote = { url: vigil.url, key: await vigil.keyFor('viewer'), quiet: true };
    const first = await statementsExportCommand({ ...remote, out: dir });
    expect(first.statements).toBe(250);
    const batches = first.files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as { statements: { puid: string }[] });
    expect(batches.map((b) => b.statements.length)).toEqual([100, 100, 50]);
    const puids = batches.flatMap((b) => b.statements.map((s) => s.puid));
    expect(new Set(puids).size).toBe(250);
    for (const b of batches) for (const s of b.statements) expect(statementProblems(s)).toEqual([]);
    expect(first.last).toBe(Number(puids.at(-1)!.slice('vigil-'.length)));
    expect(path.basename(first.files[0]!)).toBe(`statements-${puids[0]!.slice(6)}-${puids[99]!.slice(6)}.json`);

    const again = await statementsExportCommand({ ...remote, out: dir, after: String(first.last) });
    expect(again).toEqual({ files: [], statements: 0, last: null });
    await expect(statementsExportCommand({ ...remote, out: dir, after: 'yesterday' })).rejects.toThrow(/--after/);
    await expect(statementsExportCommand({ ...remote, key: 'vgl_wrong', out: dir })).rejects.toThrow(/HTTP 401/);
  });
});
