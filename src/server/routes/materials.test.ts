import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/support/db.js';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';

const pkg = { id: 'scam_terms', name: 'Scam terms', description: 'giveaways', owner: 'fraud team', scope: { surfaces: ['post'], markets: [], languages: ['en'] } };
const term = (value: string, extra: Record<string, unknown> = {}) => ({ kind: 'term', value, languages: ['en'], policy_id: 'scam', severity: 2, match_mode: 'word', exceptions: [], status: 'active', opt_out: [], ...extra });
const pdq = 'acecf3355e3125c8e24e2f30e0d4ec4f8482b878b3c34cdbdf063278db275992';

describeEachBackend('material package endpoints', (backend) => {
  let vigil: TestVigil;
  let analyst: string;
  let viewer: string;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    analyst = await vigil.keyFor('analyst');
    viewer = await vigil.keyFor('viewer');
    expect((await vigil.request('POST', '/v1/packages', { key: analyst, body: pkg })).status).toBe(201);
  });
  afterAll(() => vigil?.close());

  it('creates, edits, archives and restores packages, readable by viewers, writable by analysts only', async () => {
    const other = { ...pkg, id: 'temp_pkg' };
    expect((await vigil.request('POST', '/v1/packages', { key: viewer, body: other })).status).toBe(403);
    expect((await vigil.request('POST', '/v1/packages', { key: analyst, body: other })).status).toBe(201);
    const duplicate = await vigil.request('POST', '/v1/packages', { key: analyst, body: other });
    expect([duplicate.status, duplicate.json.message]).toEqual([409, 'package "temp_pkg" already exists; edit it with PUT /v1/packages/temp_pkg']);
    const bad = await vigil.request('POST', '/v1/packages', { key: analyst, body: { ...other, id: 'Bad Id' } });
    expect([bad.status, bad.json.error]).toEqual([400, 'invalid_request']);
    expect(bad.json.message).toMatch(/^body\.id: must match pattern/);
    const edited = await vigil.request('PUT', '/v1/packages/temp_pkg', { key: analyst, body: { name: 'Temp', owner: 'me', scope: other.scope } });
    expect(edited.json).toMatchObject({ version: 2, name: 'Temp', description: '', updated_by: expect.stringContaining('test-analyst') });
    expect((await vigil.request('DELETE', '/v1/packages/temp_pkg', { key: analyst })).json).toMatchObject({ version: 3, archived: true });
    const frozen = await vigil.request('POST', '/v1/packages/temp_pkg/materials', { key: analyst, body: term('x') });
    expect([frozen.status, frozen.json.message]).toEqual([409, 'package "temp_pkg" is archived; restore it (PUT /v1/packages/temp_pkg with "archived": false) before changing its materials']);
    expect((await vigil.request('PUT', '/v1/packages/temp_pkg', { key: analyst, body: { name: 'Temp', owner: 'me', scope: other.scope, archived: false } })).json).toMatchObject({ version: 4, archived: false });
    const versions = await vigil.request('GET', '/v1/packages/temp_pkg/versions', { key: viewer });
    expect(versions.json.versions.map((v: { summary: string }) => v.summary)).toEqual(['restored', 'archived', 'edited name, description, owner', 'created']);
    expect((await vigil.request('GET', '/v1/packages', { key: viewer })).json.packages.map((p: { id: string }) => p.id)).toEqual(['scam_terms', 'temp_pkg']);
    expect((await vigil.request('GET', '/v1/packages/nope', { key: viewer })).status).toBe(404);
  });

  it('adds, edits, retires and lists materials, with clear 4xx messages', async () => {
    const added = await vigil.request('POST', '/v1/packages/scam_terms/materials', { key: analyst, body: term('free money') });
    expect(added.status).toBe(201);
    const id = added.json.id;
    const missing = await vigil.request('POST', '/v1/packages/scam_terms/materials', { key: analyst, body: { ...term('x'), policy_id: undefined } });
    expect([missing.status, missing.json.message]).toEqual([400, "body: must have required property 'policy_id'"]);
    const proximity = await vigil.request('POST', '/v1/packages/scam_terms/materials', { key: analyst, body: term('send', { kind: 'proximity' }) });
    expect([proximity.status, proximity.json.error, proximity.json.message]).toEqual([400, 'invalid_material', 'near: is required for a proximity material (the second word or phrase)']);
    const pattern = await vigil.request('POST', '/v1/packages/scam_terms/materials', { key: analyst, body: term('(unclosed', { kind: 'pattern' }) });
    expect([pattern.status, pattern.json.message]).toEqual([400, expect.stringMatching(/^value: is not a valid pattern: /)]);
    const policy = await vigil.request('POST', '/v1/packages/scam_terms/materials', { key: analyst, body: term('y', { policy_id: 'fraud_typo' }) });
    expect([policy.status, policy.json.message]).toEqual([422, 'unknown policy "fraud_typo"']);
    const again = await vigil.request('POST', '/v1/packages/scam_terms/materials', { key: analyst, body: term('free money') });
    expect([again.status, again.json.message]).toEqual([409, `the package "scam_terms" already has this material (same kind, value and near) as material ${id}; edit it with PUT /v1/materials/${id}`]);
    expect((await vigil.request('POST', '/v1/packages/nope/materials', { key: analyst, body: term('z') })).status).toBe(404);

    const edited = await vigil.request('PUT', `/v1/materials/${id}`, { key: analyst, body: term('free money', { severity: 1 }) });
    expect(edited.json).toMatchObject({ id, severity: 1 });
    expect((await vigil.request('PUT', `/v1/materials/${id}`, { key: viewer, body: term('free money') })).status).toBe(403);
    expect((await vigil.request('DELETE', `/v1/materials/${id}`, { key: analyst })).json).toMatchObject({ status: 'retired' });
    const history = await vigil.request('GET', `/v1/materials/${id}/history`, { key: viewer });
    expect(history.json.history.map((h: { material: { status: string; severity: number } }) => `${h.material.status}/${h.material.severity}`)).toEqual(['retired/1', 'active/1', 'active/2']);
    expect((await vigil.request('GET', `/v1/materials/${id}`, { key: viewer })).json.status).toBe('retired');
    expect((await vigil.request('GET', '/v1/materials/999999', { key: viewer })).status).toBe(404);
    expect((await vigil.request('GET', '/v1/materials/abc', { key: viewer })).json.message).toBe('params.id: must be integer');
    const listed = await vigil.request('GET', '/v1/packages/scam_terms/materials?status=retired&limit=5', { key: viewer });
    expect(listed.json).toEqual({ materials: [expect.objectContaining({ id, value: 'free money' })], next_cursor: null });
    expect((await vigil.request('GET', '/v1/packages/scam_terms/materials?kind=nope', { key: viewer })).status).toBe(400);
  });

  it('imports more than 1 MiB of CSV, names the bad row when refusing, and exports what imports back', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `term,bulk term ${i} with some length to it,en|es,scam,,active`);
    const body = ['kind,value,languages,policy_id,severity,status', ...rows].join('\r\n');
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const imported = await vigil.request('POST', '/v1/packages/scam_terms/import', { key: analyst, raw: body, contentType: 'text/csv; charset=utf-8' });
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ total: 30_000, new: 30_000, changed_package: true, summary: 'imported 30000 (30000 new, 0 changed)' });
    const version = imported.json.version;

    const bad = await vigil.request('POST', '/v1/packages/scam_terms/import?mode=replace', { key: analyst, raw: 'kind,value,policy_id,status\nterm,a,scam,active\nterm,b,scam,live\n', contentType: 'text/csv' });
    expect([bad.status, bad.json.error, bad.json.message]).toEqual([400, 'invalid_import', 'line 3, column 13 (status): must be one of testing, active, retired; got "live". Nothing was imported']);
    const json = await vigil.request('POST', '/v1/packages/scam_terms/import', { key: analyst, body: [term('ok'), term('bad', { within: 3 })] });
    expect([json.status, json.json.message]).toEqual([400, '[1].within: is only for proximity materials, not term. Nothing was imported']);
    const syntax = await vigil.request('POST', '/v1/packages/scam_terms/import', { key: analyst, raw: '[{"kind": "term"', contentType: 'application/json' });
    expect(syntax.json.message).toMatch(/^line 1, column 17: is not valid JSON/);
    const unknownPolicy = await vigil.request('POST', '/v1/packages/scam_terms/import', { key: analyst, raw: '{"kind":"term","value":"q","policy_id":"fraud_typo"}\n', contentType: 'application/x-ndjson' });
    expect(unknownPolicy.json.message).toMatch(/^line 1 \(policy_id\): unknown policy "fraud_typo"/);
    expect((await vigil.request('GET', '/v1/packages/scam_terms', { key: viewer })).json.version).toBe(version);

    const xml = await vigil.request('POST', '/v1/packages/scam_terms/import', { key: analyst, raw: '<x/>', contentType: 'application/xml' });
    expect(xml.status).toBe(415);
    const plain = await vigil.request('POST', '/v1/packages/scam_terms/import', { key: analyst, raw: 'x', contentType: 'text/plain' });
    expect([plain.status, plain.json.message]).toEqual([415, expect.stringMatching(/name the format with \?format=/)]);
    expect((await vigil.request('POST', '/v1/packages/scam_terms/import', { key: viewer, raw: body, contentType: 'text/csv' })).status).toBe(403);

    const huge = await vigil.request('POST', '/v1/packages/scam_terms/import', { key: analyst, raw: Buffer.alloc(64 * 1024 * 1024 + 1, 'a'), contentType: 'text/csv' });
    expect([huge.status, huge.json?.message]).toEqual([413, 'the import is larger than 64 MiB; split it into several files']);

    for (const format of ['csv', 'json']) {
      const exported = await vigil.request('GET', `/v1/packages/scam_terms/export?format=${format}`, { key: viewer });
      expect(exported.status).toBe(200);
      const back = await vigil.request('POST', `/v1/packages/scam_terms/import?mode=replace&format=${format}`, { key: analyst, raw: exported.text, contentType: format === 'csv' ? 'text/csv' : 'application/json' });
      expect(back.json, format).toMatchObject({ changed_package: false, unchanged: 30_001, version });
    }
    const csv = await vigil.request('GET', '/v1/packages/scam_terms/export', { key: viewer });
    expect(csv.text.split('\n')[0]).toBe('kind,value,near,within,languages,policy_id,severity,match_mode,exceptions,status,opt_out,max_distance,min_frame_share,note');
  });

  it('imports an HMA hash file with a policy, as testing unless told otherwise', async () => {
    expect((await vigil.request('POST', '/v1/packages', { key: analyst, body: { ...pkg, id: 'hashes' } })).status).toBe(201);
    const file = `collab,signal_type,signal_str,category,tags\nSample,pdq,${pdq},WORTH_INVESTIGATING,\n`;
    const noPolicy = await vigil.request('POST', '/v1/packages/hashes/import?format=hma', { key: analyst, raw: file, contentType: 'text/plain' });
    expect([noPolicy.status, noPolicy.json.message]).toEqual([400, expect.stringMatching(/^the import: hash files carry no policy/)]);
    const ok = await vigil.request('POST', '/v1/packages/hashes/import?format=hma&policy=minor_safety', { key: analyst, raw: file, contentType: 'text/csv' });
    expect(ok.json).toMatchObject({ new: 1, skipped: 0 });
    const listed = await vigil.request('GET', '/v1/packages/hashes/materials?kind=image_hash', { key: viewer });
    expect(listed.json.materials[0]).toMatchObject({ value: pdq, status: 'testing', policy_id: 'minor_safety', severity: 1 });
  });

  it('answers hit counts over time and the latest hits', async () => {
    const material = (await vigil.request('POST', '/v1/packages/scam_terms/materials', { key: analyst, body: term('giveaway') })).json;
    const base = { event_seq: 1, event_id: 'e1', item_type: 'content', item_id: 'c1', surface: 'post', field: 'text', package_id: 'scam_terms', package_version: material.version, policy_id: 'scam', severity: 2, span_start: 3, span_end: 11, matched: 'giveaway', distance: null };
    await vigil.services.db
      .insertInto('material_hits')
      .values([
        { ...base, material_id: material.id, test: false, at: new Date('2026-11-01T10:00:00Z') },
        { ...base, material_id: material.id, test: true, at: new Date('2026-11-02T10:00:00Z') },
      ])
      .execute();
    const hits = await vigil.request('GET', `/v1/materials/${material.id}/hits?from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z&bucket=day&limit=1`, { key: viewer });
    expect(hits.json).toMatchObject({
      bucket: 'day',
      over_time: [
        { at: '2026-11-01T00:00:00.000Z', live: 1, test: 0 },
        { at: '2026-11-02T00:00:00.000Z', live: 0, test: 1 },
      ],
      recent: [{ material_id: material.id, test: true, start: 3, end: 11, matched: 'giveaway', at: '2026-11-02T10:00:00.000Z' }],
    });
    const pkgHits = await vigil.request('GET', '/v1/packages/scam_terms/hits?from=2026-11-01T00:00:00Z&to=2026-11-01T03:00:00Z', { key: viewer });
    expect(pkgHits.json.over_time).toHaveLength(3);
    const wide = await vigil.request('GET', '/v1/packages/scam_terms/hits?from=2000-01-01T00:00:00Z&to=2026-11-01T00:00:00Z', { key: viewer });
    expect([wide.status, wide.json.message]).toEqual([400, expect.stringMatching(/^bucket: from\.\.to spans \d+ hours; ask for at most 5000/)]);
    expect((await vigil.request('GET', '/v1/packages/nope/hits', { key: viewer })).status).toBe(404);
  });
});
