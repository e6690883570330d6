import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestVigil, type TestVigil } from '../../test/support/app.js';
import { materialsExportCommand, materialsImportCommand } from './materials.js';

describe('vigil materials import / export', () => {
  let vigil: TestVigil;
  let dir: string;
  let remote: { url: string; key: string; quiet: boolean };
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const version = async () => (await vigil.request('GET', '/v1/packages/scam_terms')).json.version;

  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-materials-cli-'));
    remote = { url: vigil.url, key: await vigil.keyFor('analyst'), quiet: true };
    await vigil.request('POST', '/v1/packages', { body: { id: 'scam_terms', name: 'Scam terms', description: '', owner: 'fraud', scope: { surfaces: [], markets: [], languages: [] } } });
  });
  afterAll(async () => {
    await vigil?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks the file, sends it, and prints what changed', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const file = write('terms.csv', 'kind,value,near,within,policy_id,status\nterm,free money,,,scam,active\nproximity,send,bitcoin,3,scam,active\nterm,gift card,,,spam,testing\n');
    const summary = await materialsImportCommand(file, { ...remote, package: 'scam_terms' });
    expect(summary).toMatchObject({ new: 3, version: 2 });
    expect(log.mock.calls[0][0]).toMatch(/^3 materials: 3 new, 0 changed, 0 unchanged, 0 retired; package scam_terms now at version 2; \d+\.\d s$/);
    await materialsImportCommand(file, { ...remote, package: 'scam_terms' });
    expect(log.mock.calls[1][0]).toMatch(/^3 materials: 0 new, 0 changed, 3 unchanged, 0 retired; package scam_terms unchanged at version 2;/);
    log.mockRestore();
  });

  it('names the line and column of a bad row, or an unknown policy, and sends nothing', async () => {
    const before = await version();
    const bad = write('bad.csv', 'kind,value,policy_id,status\nterm,ok,scam,active\nterm,nope,scam,live\n');
    await expect(materialsImportCommand(bad, { ...remote, package: 'scam_terms' })).rejects.toThrow(`${bad}: line 3, column 16 (status): must be one of testing, active, retired; got "live". Nothing was imported`);
    const policy = write('policy.ndjson', '{"kind":"term","value":"a","policy_id":"scam"}\n{"kind":"term","value":"b","policy_id":"fraud_typo"}\n');
    await expect(materialsImportCommand(policy, { ...remote, package: 'scam_terms' })).rejects.toThrow(/policy\.ndjson: line 2 \(policy_id\): unknown policy "fraud_typo"; known: .*Nothing was imported$/);
    await expect(materialsImportCommand(write('terms.txt', 'x'), { ...remote, package: 'scam_terms' })).rejects.toThrow(/cannot tell the format of .*terms\.txt.*--format csv\|json\|ndjson\|hma/);
    await expect(materialsImportCommand(bad, { ...remote, package: 'no_such_package' })).rejects.toThrow(/line 3, column 16/);
    const good = write('good.csv', 'kind,value,policy_id\nterm,fine,scam\n');
    await expect(materialsImportCommand(good, { ...remote, package: 'no_such_package' })).rejects.toThrow('import refused (HTTP 404: package "no_such_package" does not exist)');
    expect(await version()).toBe(before);
  });

  it('imports an HMA hash file, and exports a package that imports back unchanged', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const hashes = write('bank.csv', 'acecf3355e3125c8e24e2f30e0d4ec4f8482b878b3c34cdbdf063278db275992,2880742865368386,2020-07-31T18:47:52+0000,media_type_photo\n');
    expect(await materialsImportCommand(hashes, { ...remote, package: 'scam_terms', format: 'hma', policy: 'violence', status: 'active' })).toMatchObject({ new: 1 });
    const out = path.join(dir, 'export.json');
    await materialsExportCommand({ ...remote, package: 'scam_terms', out });
    const exported = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(exported).toHaveLength(4);
    expect(await materialsImportCommand(out, { ...remote, package: 'scam_terms', mode: 'replace' })).toMatchObject({ changed_package: false, unchanged: 4, retired: 0 });
    vi.restoreAllMocks();
  });
});
