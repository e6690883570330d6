import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../test/support/db.js';
import type { Database } from '../store/database.js';
import { DEFAULT_POLICIES, DEFAULT_QUEUES } from '../domain/index.js';
import * as catalogue from './index.js';

const t0 = new Date('2026-11-01T00:00:00Z');
const t1 = new Date('2026-11-02T00:00:00Z');

describeEachBackend('policy catalogue and queue registry', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
  });
  beforeEach(async () => {
    await resetDatabase(database.db);
    await catalogue.seedDefaultCatalogue(database.db, t0);
  });
  afterAll(() => database.close());

  it('ships the ten default policies and their queues, and seeding twice changes nothing', async () => {
    const policies = await catalogue.listPolicies(database.db);
    expect(policies.map((p) => p.id).sort()).toEqual(['adult', 'counterfeit', 'drugs', 'harassment', 'hate', 'minor_safety', 'scam', 'self_harm', 'spam', 'violence']);
    expect(policies.length).toBe(DEFAULT_POLICIES.length);
    expect(await catalogue.seedDefaultCatalogue(database.db, t1)).toEqual({ policies: 0, queues: 0 });
    expect((await catalogue.listQueues(database.db)).length).toBe(DEFAULT_QUEUES.length);
  });

  it('versions every change and keeps the history', async () => {
    const before = await catalogue.getPolicy(database.db, 'spam');
    const updated = await catalogue.updatePolicy(database.db, 'spam', { ...before, name: 'Spam and fake engagement', severity_tier: 3 }, 'alice', t1);
    expect(updated).toMatchObject({ version: 2, name: 'Spam and fake engagement', severity_tier: 3, updated_by: 'alice', updated_at: t1.toISOString() });
    const versions = await catalogue.policyVersions(database.db, 'spam');
    expect(versions.map((v) => [v.version, v.name, v.changed_by])).toEqual([
      [2, 'Spam and fake engagement', 'alice'],
      [1, before.name, 'system'],
    ]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor']).where('target_id', '=', 'spam').orderBy('seq').execute();
    expect(audit.map((a) => `${a.action}/${a.actor}`)).toEqual(['policy.create/system', 'policy.update/alice']);
  });

  it('refuses a duplicate policy id and an unknown one', async () => {
    await expect(catalogue.createPolicy(database.db, { ...DEFAULT_POLICIES[0] }, 'alice', t1)).rejects.toBeInstanceOf(catalogue.ConflictError);
    await expect(catalogue.getPolicy(database.db, 'nope')).rejects.toBeInstanceOf(catalogue.NotFoundError);
  });

  it('refuses a queue naming an unknown policy, and stores nothing', async () => {
    await expect(catalogue.createQueue(database.db, { id: 'fraud_es', name: 'Fraud (es)', policies: ['scam', 'fraud_typo'], languages: ['es'] }, 'alice', t1)).rejects.toThrow(/unknown policy "fraud_typo"/);
    await expect(catalogue.getQueue(database.db, 'fraud_es')).rejects.toBeInstanceOf(catalogue.NotFoundError);
  });

  it('will not archive a policy a queue still reviews, and archives it once no queue does', async () => {
    await expect(catalogue.archivePolicy(database.db, 'spam', 'alice', t1)).rejects.toThrow(/reviewed by queue "general"/);
    const general = await catalogue.getQueue(database.db, 'general');
    await catalogue.updateQueue(database.db, 'general', { ...general, policies: ['adult'] }, 'alice', t1);
    const archived = await catalogue.archivePolicy(database.db, 'spam', 'alice', t1);
    expect(archived.archived).toBe(true);
    expect((await catalogue.listPolicies(database.db)).map((p) => p.id)).not.toContain('spam');
    await expect(catalogue.requirePolicies(database.db, ['spam'])).rejects.toThrow(/unknown policy "spam"/);
  });
});

describeEachBackend('seeding the default catalogue', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
    await resetDatabase(database.db);
  });
  afterAll(() => database.close());

  it('lets two processes seed at once without failing or duplicating', async () => {
    const [a, b] = await Promise.all([catalogue.seedDefaultCatalogue(database.db, t0), catalogue.seedDefaultCatalogue(database.db, t0)]);
    expect(a.policies + b.policies).toBe(DEFAULT_POLICIES.length);
    expect(a.queues + b.queues).toBe(DEFAULT_QUEUES.length);
    expect((await catalogue.listPolicies(database.db)).length).toBe(DEFAULT_POLICIES.length);
  });
});
