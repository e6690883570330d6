import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import type { Database } from '../../store/database.js';
import type { MaterialInput, PackageInput } from '../../domain/index.js';
import { getPolicy, updatePolicy, ConflictError, NotFoundError, seedDefaultCatalogue, UnknownReferenceError } from '../../catalogue/index.js';
import * as m from './index.js';

const t0 = new Date('2026-11-01T00:00:00Z');
const t1 = new Date('2026-11-02T00:00:00Z');
const t2 = new Date('2026-11-03T00:00:00Z');

const scamPackage: PackageInput = { id: 'scam_terms', name: 'Scam terms', description: 'Giveaway and crypto scams', owner: 'fraud team', scope: { surfaces: ['post', 'comment'], markets: [], languages: ['en', 'es'] } };
const term = (value: string, extra: Partial<MaterialInput> = {}): MaterialInput => ({
  kind: 'term',
  value,
  languages: ['en'],
  policy_id: 'scam',
  severity: 2,
  match_mode: 'word',
  exceptions: [],
  status: 'active',
  opt_out: [],
  ...extra,
});
const csv = (...rows: string[]) => rows.join('\n') + '\n';

describeEachBackend('material packages', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
  });
  beforeEach(async () => {
    await resetDatabase(database.db);
    await seedDefaultCatalogue(database.db, t0);
    await m.createPackage(database.db, scamPackage, 'alice', t0);
  });
  afterAll(() => database.close());

  const audit = async (targetType: string) =>
    (await database.db.selectFrom('audit_log').select(['action', 'actor', 'target_id']).where('target_type', '=', targetType).orderBy('seq').execute()).map((a) => `${a.action}/${a.actor}/${a.target_id}`);

  it('versions every package change, keeps a changelog and audits it; an edit that changes nothing is no version', async () => {
    const edited = await m.updatePackage(database.db, 'scam_terms', { ...scamPackage, owner: 'trust team', scope: { ...scamPackage.scope, markets: ['US'] } }, 'bob', t1);
    expect(edited).toMatchObject({ version: 2, owner: 'trust team', updated_by: 'bob', updated_at: t1.toISOString(), material_count: 0 });
    expect((await m.updatePackage(database.db, 'scam_terms', { ...scamPackage, owner: 'trust team', scope: { languages: ['en', 'es'], markets: ['US'], surfaces: ['post', 'comment'] } }, 'bob', t2)).version).toBe(2);
    const archived = await m.archivePackage(database.db, 'scam_terms', 'carol', t2);
    expect(archived).toMatchObject({ version: 3, archived: true });
    expect((await m.listPackages(database.db)).map((p) => p.id)).toEqual([]);
    expect((await m.listPackages(database.db, { includeArchived: true })).map((p) => p.id)).toEqual(['scam_terms']);
    expect((await m.packageVersions(database.db, 'scam_terms')).map((v) => [v.version, v.changed_by, v.summary])).toEqual([
      [3, 'carol', 'archived'],
      [2, 'bob', 'edited owner, scope'],
      [1, 'alice', 'created'],
    ]);
    expect(await audit('material_package')).toEqual(['package.create/alice/scam_terms', 'package.update/bob/scam_terms', 'package.archive/carol/scam_terms']);
    await expect(m.addMaterial(database.db, 'scam_terms', term('free money'), 'bob', t2)).rejects.toThrow(/archived; restore it/);
    await expect(m.createPackage(database.db, scamPackage, 'alice', t1)).rejects.toBeInstanceOf(ConflictError);
    await expect(m.getPackage(database.db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('adds, edits and retires materials, each a package version with history and audit', async () => {
    const added = await m.addMaterial(database.db, 'scam_terms', term(' free money '), 'bob', t1);
    expect(added).toMatchObject({ package_id: 'scam_terms', value: 'free money', author: 'bob', version: 2, status: 'active' });
    expect(added).not.toHaveProperty('near');
    const edited = await m.updateMaterial(database.db, added.id, term('free money', { severity: 1, exceptions: ['free money back guarantee'] }), 'carol', t2);
    expect(edited).toMatchObject({ version: 3, severity: 1, author: 'bob', updated_by: 'carol' });
    expect((await m.updateMaterial(database.db, added.id, term('free money', { severity: 1, exceptions: ['free money back guarantee'] }), 'dave', t2)).version).toBe(3);
    const retired = await m.retireMaterial(database.db, added.id, 'carol', t2);
    expect(retired).toMatchObject({ version: 4, status: 'retired' });
    expect((await m.retireMaterial(database.db, added.id, 'carol', t2)).version).toBe(4);

    const history = await m.materialHistory(database.db, added.id);
    expect(history.map((h) => [h.package_version, h.changed_by, h.material.severity, h.material.status])).toEqual([
      [4, 'carol', 1, 'retired'],
      [3, 'carol', 1, 'active'],
      [2, 'bob', 2, 'active'],
    ]);
    expect(history[2].material).toEqual(added);
    expect(await m.materialAtVersion(database.db, added.id, 2)).toEqual(added);
    expect((await m.materialAtVersion(database.db, added.id, 3))?.severity).toBe(1);
    expect(await m.materialAtVersion(database.db, added.id, 1)).toBeUndefined();
    expect((await m.packageVersions(database.db, 'scam_terms')).map((v) => v.summary)).toEqual(['retired term "free money"', 'edited term "free money"', 'added term "free money"', 'created']);
    expect(await audit('material')).toEqual([`material.create/bob/${added.id}`, `material.update/carol/${added.id}`, `material.retire/carol/${added.id}`]);
    expect(await m.getPackage(database.db, 'scam_terms')).toMatchObject({ version: 4, material_count: 1, active_count: 0 });
  });

  it('applies the kind rules, refuses duplicates and unknown policies, and writes nothing then', async () => {
    await m.addMaterial(database.db, 'scam_terms', term('gift card'), 'bob', t1);
    await expect(m.addMaterial(database.db, 'scam_terms', term('gift card'), 'bob', t1)).rejects.toThrow(/already has this material .* as material 1; edit it with PUT \/v1\/materials\/1/);
    await expect(m.addMaterial(database.db, 'scam_terms', term('send', { kind: 'proximity' }), 'bob', t1)).rejects.toThrow(/^near: is required for a proximity material/);
    await expect(m.addMaterial(database.db, 'scam_terms', term('send', { kind: 'proximity', near: 'bitcoin' }), 'bob', t1)).rejects.toThrow(/^within: is required/);
    await expect(m.addMaterial(database.db, 'scam_terms', term('abc', { kind: 'image_hash' }), 'bob', t1)).rejects.toThrow(/value: must be a PDQ hash/);
    await expect(m.addMaterial(database.db, 'scam_terms', term(`${'a'.repeat(64)},xyz`, { kind: 'video_hash' }), 'bob', t1)).rejects.toThrow(/frame 2 of 2 is not a PDQ hash/);
    await expect(m.addMaterial(database.db, 'scam_terms', term('free', { max_distance: 3 }), 'bob', t1)).rejects.toThrow(/max_distance: is only for image_hash and video_hash/);
    await expect(m.addMaterial(database.db, 'scam_terms', term('free', { policy_id: 'no_such_policy' }), 'bob', t1)).rejects.toBeInstanceOf(UnknownReferenceError);
    const proximity = await m.addMaterial(database.db, 'scam_terms', term('send', { kind: 'proximity', near: 'bitcoin', within: 3 }), 'bob', t1);
    expect(proximity).toMatchObject({ near: 'bitcoin', within: 3 });
    const hash = await m.addMaterial(database.db, 'scam_terms', term('AB'.repeat(32), { kind: 'image_hash', max_distance: 20, languages: [] }), 'bob', t1);
    expect(hash.value).toBe('ab'.repeat(32));
    expect((await m.getPackage(database.db, 'scam_terms')).version).toBe(4);
  });

  it('lists materials with filters and a cursor', async () => {
    await m.importMaterials(
      database.db,
      'scam_terms',
      csv('kind,value,languages,policy_id,status', ...Array.from({ length: 25 }, (_, i) => `term,word ${i},${i % 2 ? 'es' : 'en|es'},${i % 5 ? 'scam' : 'spam'},${i % 3 ? 'active' : 'testing'}`)),
      { format: 'csv' },
      'bob',
      t1,
    );
    const first = await m.listMaterials(database.db, 'scam_terms', { limit: 10 });
    expect(first.materials.map((x) => x.value)).toEqual(Array.from({ length: 10 }, (_, i) => `word ${i}`));
    const second = await m.listMaterials(database.db, 'scam_terms', { limit: 10, cursor: first.next_cursor! });
    const third = await m.listMaterials(database.db, 'scam_terms', { limit: 10, cursor: second.next_cursor! });
    expect([second.materials.length, third.materials.length, third.next_cursor]).toEqual([10, 5, null]);
    expect((await m.listMaterials(database.db, 'scam_terms', { policy_id: 'spam' })).materials.map((x) => x.value)).toEqual(['word 0', 'word 5', 'word 10', 'word 15', 'word 20']);
    expect((await m.listMaterials(database.db, 'scam_terms', { language: 'en', status: 'testing' })).materials.map((x) => x.value)).toEqual(['word 0', 'word 6', 'word 12', 'word 18', 'word 24']);
    expect((await m.listMaterials(database.db, 'scam_terms', { q: 'WORD 2' })).materials.map((x) => x.value)).toEqual(['word 2', 'word 20', 'word 21', 'word 22', 'word 23', 'word 24']);
    expect((await m.listMaterials(database.db, 'scam_terms', { q: '%' })).materials).toEqual([]);
    await expect(m.listMaterials(database.db, 'scam_terms', { cursor: 'garbage' })).rejects.toThrow(/cursor: is not a cursor/);
    await expect(m.listMaterials(database.db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('merges an import by natural key as one version: new, changed and unchanged, without rewriting unchanged rows', async () => {
    const first = await m.importMaterials(database.db, 'scam_terms', csv('kind,value,near,within,policy_id', 'term,free money,,,scam', 'term,gift card,,,scam', 'proximity,send,bitcoin,3,scam'), { format: 'csv' }, 'bob', t1);
    expect(first).toMatchObject({ version: 2, changed_package: true, total: 3, new: 3, changed: 0, unchanged: 0, retired: 0, summary: 'imported 3 (3 new, 0 changed)' });
    const before = await m.listMaterials(database.db, 'scam_terms');
    expect(before.materials.every((x) => x.status === 'testing' && x.severity === 2 && x.match_mode === 'word')).toBe(true);

    const second = await m.importMaterials(
      database.db,
      'scam_terms',
      csv('kind,value,near,within,policy_id,severity,status', 'term,free money,,,scam,1,active', 'term,gift card,,,scam,,', 'proximity,send,bitcoin,3,scam,,', 'proximity,send,ether,3,scam,,'),
      { format: 'csv' },
      'carol',
      t2,
    );
    expect(second).toMatchObject({ version: 3, new: 1, changed: 1, unchanged: 2, retired: 0, summary: 'imported 4 (1 new, 1 changed, 2 unchanged)' });
    const after = await m.listMaterials(database.db, 'scam_terms');
    expect(after.materials.map((x) => [x.value, x.near ?? '', x.version, x.updated_by, x.severity])).toEqual([
      ['free money', '', 3, 'carol', 1],
      ['gift card', '', 2, 'bob', 2],
      ['send', 'bitcoin', 2, 'bob', 2],
      ['send', 'ether', 3, 'carol', 2],
    ]);
    expect(after.materials[0].author).toBe('bob');
    const history = await database.db.selectFrom('material_history').select(['material_id', 'package_version']).orderBy('material_id').orderBy('package_version').execute();
    expect(history.map((h) => `${h.material_id}@${h.package_version}`)).toEqual(['1@2', '1@3', '2@2', '3@2', '4@3']);

    const again = await m.importMaterials(database.db, 'scam_terms', csv('kind,value,policy_id,severity,status', 'term,free money,scam,1,active'), { format: 'csv' }, 'dave', t2);
    expect(again).toMatchObject({ version: 3, changed_package: false, unchanged: 1 });
    expect((await m.packageVersions(database.db, 'scam_terms')).map((v) => v.summary)).toEqual(['imported 4 (1 new, 1 changed, 2 unchanged)', 'imported 3 (3 new, 0 changed)', 'created']);
    expect((await audit('material_package')).filter((a) => a.startsWith('materials.import'))).toEqual(['materials.import/bob/scam_terms', 'materials.import/carol/scam_terms', 'materials.import/dave/scam_terms']);
  });

  it('keeps what a row leaves out for materials the package has; clears what it empties', async () => {
    await m.importMaterials(database.db, 'scam_terms', JSON.stringify([term('a1', { severity: 1, note: 'keep me', exceptions: ['a1 b'] }), term('a2', { note: 'drop me' })]), { format: 'json' }, 'bob', t1);
    // A plain list with no status, severity or note: existing materials stay active with their severity and note.
    const plain = await m.importMaterials(database.db, 'scam_terms', csv('kind,value', 'term,a1', 'term,a3'), { format: 'csv', policy: 'scam' }, 'carol', t2);
    expect(plain).toMatchObject({ new: 1, changed: 0, unchanged: 1 });
    const after = (await m.listMaterials(database.db, 'scam_terms')).materials;
    expect(after.map((x) => [x.value, x.status, x.severity, x.note ?? null, x.exceptions])).toEqual([
      ['a1', 'active', 1, 'keep me', ['a1 b']],
      ['a2', 'active', 2, 'drop me', []],
      ['a3', 'testing', 2, null, []],
    ]);
    // A column that is there but empty clears the note and the exceptions; JSON null clears too.
    expect(await m.importMaterials(database.db, 'scam_terms', csv('kind,value,note,exceptions', 'term,a1,,'), { format: 'csv' }, 'carol', t2)).toMatchObject({ changed: 1 });
    expect(await m.importMaterials(database.db, 'scam_terms', JSON.stringify([{ kind: 'term', value: 'a2', note: null }]), { format: 'json' }, 'carol', t2)).toMatchObject({ changed: 1 });
    const cleared = (await m.listMaterials(database.db, 'scam_terms')).materials;
    expect(cleared.map((x) => [x.value, x.status, x.severity, x.note ?? null, x.exceptions])).toEqual([
      ['a1', 'active', 1, null, []],
      ['a2', 'active', 2, null, []],
      ['a3', 'testing', 2, null, []],
    ]);
  });

  it('replace retires what the file does not hold', async () => {
    await m.importMaterials(database.db, 'scam_terms', csv('kind,value,policy_id,status', 'term,a1,scam,active', 'term,a2,scam,active', 'term,a3,scam,active'), { format: 'csv' }, 'bob', t1);
    const replaced = await m.importMaterials(database.db, 'scam_terms', csv('kind,value,policy_id,status', 'term,a2,scam,active', 'term,a4,scam,active'), { format: 'csv', mode: 'replace' }, 'carol', t2);
    expect(replaced).toMatchObject({ version: 3, new: 1, changed: 0, unchanged: 1, retired: 2, summary: 'imported 2 (1 new, 0 changed, 1 unchanged), retired 2 not in the file' });
    const all = await m.listMaterials(database.db, 'scam_terms');
    expect(all.materials.map((x) => `${x.value}:${x.status}:${x.version}`)).toEqual(['a1:retired:3', 'a2:active:2', 'a3:retired:3', 'a4:active:3']);
    expect(await m.getPackage(database.db, 'scam_terms')).toMatchObject({ material_count: 4, active_count: 2 });
    // Retired rows stay retired when replaced again; the same file twice changes nothing.
    expect(await m.importMaterials(database.db, 'scam_terms', csv('kind,value,policy_id,status', 'term,a2,scam,active', 'term,a4,scam,active'), { format: 'csv', mode: 'replace' }, 'carol', t2)).toMatchObject({ changed_package: false, retired: 0 });
  });

  it('a bad row refuses the whole import, naming line and column, and changes nothing', async () => {
    await m.importMaterials(database.db, 'scam_terms', csv('kind,value,policy_id', 'term,keep me,scam'), { format: 'csv' }, 'bob', t1);
    const bad = csv('kind,value,near,within,policy_id', 'term,new one,,,scam', 'proximity,send,bitcoin,lots,scam', 'term,x,,,scam');
    await expect(m.importMaterials(database.db, 'scam_terms', bad, { format: 'csv', mode: 'replace' }, 'bob', t2)).rejects.toThrow(/^line 3, column 24 \(within\): expected integer\. Nothing was imported$/);
    await expect(m.importMaterials(database.db, 'scam_terms', csv('kind,value,policy_id', 'term,a,scam', 'term,b,fraud_typo', 'term,c,fraud_typo'), { format: 'csv' }, 'bob', t2)).rejects.toThrow(
      /^line 3 \(policy_id\): unknown policy "fraud_typo"/,
    );
    await expect(m.importMaterials(database.db, 'scam_terms', csv('kind,value', 'term,keep me', 'term,brand new'), { format: 'csv' }, 'bob', t2)).rejects.toThrow(
      /^line 3 \(policy_id\): is required for a new material \(or give a default policy for the whole import\)\. Nothing was imported$/,
    );
    expect((await m.listMaterials(database.db, 'scam_terms')).materials.map((x) => x.value)).toEqual(['keep me']);
    expect((await m.getPackage(database.db, 'scam_terms')).version).toBe(2);
  });

  it('exports CSV and JSON that import back unchanged', async () => {
    const tricky: MaterialInput[] = [
      term('free money', { exceptions: ['free money-back, "guaranteed"', 'a|b \\ c'], opt_out: ['leet', 'confusables'], note: 'line one\nline two' }),
      term('send', { kind: 'proximity', near: 'bitcoin', within: 4, match_mode: 'substring', languages: ['en', 'es'] }),
      term('عرض مجاني', { languages: ['ar'], status: 'testing' }),
      term('免费', { languages: ['zh'], severity: 3 }),
      term('ab'.repeat(32), { kind: 'image_hash', max_distance: 25, languages: [] }),
      term(`${'cd'.repeat(32)},${'ef'.repeat(32)}`, { kind: 'video_hash', min_frame_share: 0.4, languages: [] }),
      term('gift\\s+card\\s+\\d{4}', { kind: 'pattern' }),
    ];
    for (const x of tricky) await m.addMaterial(database.db, 'scam_terms', x, 'bob', t1);
    await m.retireMaterial(database.db, 4, 'bob', t1);
    const version = (await m.getPackage(database.db, 'scam_terms')).version;
    for (const format of m.EXPORT_FORMATS) {
      const text = await m.exportPackage(database.db, 'scam_terms', format);
      const back = await m.importMaterials(database.db, 'scam_terms', text, { format, mode: 'replace' }, 'carol', t2);
      expect(back, format).toMatchObject({ changed_package: false, total: tricky.length, unchanged: tricky.length, version });
    }
    const json = JSON.parse(await m.exportPackage(database.db, 'scam_terms', 'json'));
    expect(json[0]).toEqual({ ...tricky[0] });
    expect(json[3].status).toBe('retired');
    // Into a fresh package, the export recreates the same materials.
    await m.createPackage(database.db, { ...scamPackage, id: 'copy' }, 'carol', t2);
    await m.importMaterials(database.db, 'copy', await m.exportPackage(database.db, 'scam_terms', 'csv'), { format: 'csv' }, 'carol', t2);
    const strip = ({ id: _i, package_id: _p, version: _v, author: _a, updated_at: _u, updated_by: _b, ...rest }: Record<string, unknown>) => rest;
    expect((await m.listMaterials(database.db, 'copy')).materials.map(strip)).toEqual((await m.listMaterials(database.db, 'scam_terms')).materials.map(strip));
  });

  it('loads matchable materials with their package scope and version, and a generation that moves on every change', async () => {
    await m.createPackage(database.db, { ...scamPackage, id: 'empty_one', scope: { surfaces: [], markets: ['US'], languages: [] } }, 'alice', t0);
    await m.createPackage(database.db, { ...scamPackage, id: 'old_one' }, 'alice', t0);
    await m.addMaterial(database.db, 'old_one', term('ancient'), 'bob', t1);
    await m.archivePackage(database.db, 'old_one', 'bob', t1);
    const g0 = await m.materialsGeneration(database.db);
    await m.importMaterials(database.db, 'scam_terms', csv('kind,value,policy_id,status', 'term,a1,scam,active', 'term,a2,scam,testing', 'term,a3,scam,retired'), { format: 'csv' }, 'bob', t1);
    const g1 = await m.materialsGeneration(database.db);
    expect(g1).not.toBe(g0);
    const loaded = await m.loadMatchableMaterials(database.db);
    expect(loaded.packages).toEqual([
      { id: 'empty_one', version: 1, scope: { surfaces: [], markets: ['US'], languages: [] } },
      { id: 'scam_terms', version: 2, scope: scamPackage.scope },
    ]);
    expect(loaded.materials.map((x) => `${x.package_id}:${x.value}:${x.status}`)).toEqual(['scam_terms:a1:active', 'scam_terms:a2:testing']);
    expect(await m.materialsGeneration(database.db)).toBe(g1);
    await m.updatePackage(database.db, 'empty_one', { ...scamPackage, name: 'renamed', scope: { surfaces: [], markets: ['US'], languages: [] } }, 'bob', t2);
    const g2 = await m.materialsGeneration(database.db);
    expect(g2).not.toBe(g1);
    // Archiving a policy takes its materials out of matching, and moves the generation so the set is rebuilt.
    const scam = await getPolicy(database.db, 'scam');
    await updatePolicy(database.db, 'scam', { ...scam, archived: true }, 'carol', t2);
    expect(await m.materialsGeneration(database.db)).not.toBe(g2);
    expect((await m.loadMatchableMaterials(database.db)).materials).toEqual([]);
  });

  it('reads hits over time split test/live, and the latest hits', async () => {
    const hit = (at: string, test: boolean, materialId = 1, packageId = 'scam_terms') => ({
      event_seq: 1,
      event_id: 'e1',
      item_type: 'content',
      item_id: 'c1',
      surface: 'post',
      field: 'text',
      material_id: materialId,
      package_id: packageId,
      package_version: 2,
      policy_id: 'scam',
      severity: 2,
      test,
      span_start: 0,
      span_end: 4,
      matched: 'free',
      distance: null,
      at: new Date(at),
    });
    await database.db
      .insertInto('material_hits')
      .values([hit('2026-11-01T10:05:00Z', false), hit('2026-11-01T10:55:00Z', true), hit('2026-11-01T12:00:00Z', false), hit('2026-11-01T12:30:00Z', false, 2), hit('2026-11-02T01:00:00Z', false, 3, 'other')])
      .execute();
    const hours = await m.hitsOverTime(database.db, { materialId: 1, from: new Date('2026-11-01T10:30:00Z'), to: new Date('2026-11-01T13:00:00Z'), bucket: 'hour' });
    expect(hours).toEqual([
      { at: '2026-11-01T10:00:00.000Z', live: 0, test: 1 },
      { at: '2026-11-01T11:00:00.000Z', live: 0, test: 0 },
      { at: '2026-11-01T12:00:00.000Z', live: 1, test: 0 },
    ]);
    const days = await m.hitsOverTime(database.db, { packageId: 'scam_terms', from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), bucket: 'day' });
    expect(days).toEqual([
      { at: '2026-11-01T00:00:00.000Z', live: 3, test: 1 },
      { at: '2026-11-02T00:00:00.000Z', live: 0, test: 0 },
    ]);
    const recent = await m.recentHits(database.db, { packageId: 'scam_terms', limit: 2 });
    expect(recent.map((r) => [r.material_id, r.at])).toEqual([
      [2, '2026-11-01T12:30:00.000Z'],
      [1, '2026-11-01T12:00:00.000Z'],
    ]);
    expect(recent[0]).toMatchObject({ start: 0, end: 4, matched: 'free', test: false });
    expect(recent[0]).not.toHaveProperty('distance');
    await expect(m.hitsOverTime(database.db, { materialId: 1, from: new Date('2020-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z'), bucket: 'hour' })).rejects.toThrow(/at most 5000/);
  });

  it('imports 100,000 terms in one version, and merges them again without rewriting', async () => {
    const languages = ['en', 'es', 'ar', 'zh'];
    const rows = Array.from({ length: 100_000 }, (_, i) => `term,term number ${i},${languages[i % 4]},${i % 2 ? 'scam' : 'spam'}`);
    const text = csv('kind,value,languages,policy_id', ...rows);
    let started = performance.now();
    const first = await m.importMaterials(database.db, 'scam_terms', text, { format: 'csv' }, 'bob', t1);
    const firstSeconds = (performance.now() - started) / 1000;
    expect(first).toMatchObject({ version: 2, new: 100_000 });
    started = performance.now();
    const changedText = csv('kind,value,languages,policy_id', ...rows.map((r, i) => (i < 2_000 ? r.replace(/,(scam|spam)$/, ',hate') : r)));
    const second = await m.importMaterials(database.db, 'scam_terms', changedText, { format: 'csv' }, 'bob', t2);
    const secondSeconds = (performance.now() - started) / 1000;
    expect(second).toMatchObject({ version: 3, new: 0, changed: 2_000, unchanged: 98_000 });
    expect(await m.getPackage(database.db, 'scam_terms')).toMatchObject({ material_count: 100_000 });
    started = performance.now();
    const loaded = await m.loadMatchableMaterials(database.db);
    const loadSeconds = (performance.now() - started) / 1000;
    expect(loaded.materials).toHaveLength(100_000);
    console.log(`[${backend}] 100k terms: import ${firstSeconds.toFixed(2)} s, merge with 2k changed ${secondSeconds.toFixed(2)} s, loadMatchableMaterials ${loadSeconds.toFixed(2)} s`);
  }, 180_000);
});
