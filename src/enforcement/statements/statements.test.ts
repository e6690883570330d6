// Statements of reasons on both database backends: written by strategy actions through the real decision
// pipeline and by manual actions, none for verbs that restrict nothing or actions without a policy, the
// platform settings they carry, an invalid one rolling its action back, and the export's batches of 100.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import { createBus, type Bus } from '../../bus/index.js';
import { seedDefaultCatalogue } from '../../catalogue/index.js';
import type { ActionKind, EntityRef, VigilEvent } from '../../domain/index.js';
import { createLanguageDetector, ingestBatch, type LanguageDetector } from '../../ingest/index.js';
import { MaterialsService } from '../../materials/index.js';
import type { Database } from '../../store/database.js';
import type { Db } from '../../store/schema.js';
import { StrategiesService } from '../../strategies/runtime/service.js';
import { createStrategy, setVersionState } from '../../strategies/store/index.js';
import { startDecisionPipeline } from '../../strategies/pipeline/consumer.js';
import { openPipelineCounters } from '../../strategies/pipeline/counters.js';
import { listActions, recordAction, toRecord, type ActionRow } from '../actions.js';
import { exportStatements, getStatement, listStatements, recordStatements } from './store.js';
import { InvalidStatementSettingsError, saveStatementSettings } from './settings.js';
import { StatementBuildError } from './build.js';
import { statementProblems } from './validate.js';
import { TDB_FIELDS } from './types.js';

const T0 = Date.parse('2026-11-01T12:00:00Z');
const now = () => new Date(T0 + 3_600_000);

const comment = (n: number, author: string, minute: number): VigilEvent =>
  ({
    id: `ev-${n}`,
    type: 'comment',
    time: new Date(T0 + minute * 60_000).toISOString(),
    content: { id: `c-${n}`, kind: 'comment', text: `hello ${n}`, language: 'en' },
    author: { id: author },
    target: { type: 'livestream', id: 'ls-1' },
  }) as VigilEvent;

const BURST = `
policy spam
on comment
let recent = count(comment, by: author, window: 10m)
rule burst when recent >= 2 then remove, label author "burst"
`;

describeEachBackend('statements of reasons', (backend) => {
  let database: Database;
  let db: Db;
  let bus: Bus;
  let languages: LanguageDetector;
  beforeAll(async () => {
    database = await testDatabase(backend);
    db = database.db;
    languages = await createLanguageDetector();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    await seedDefaultCatalogue(db, now());
    bus = await createBus({ db });
  });
  afterEach(() => bus.close());
  afterAll(() => database?.close());

  async function entity(ref: EntityRef, attrs: Record<string, unknown> = {}, firstSeen = new Date(T0)) {
    await db.insertInto('entities').values({ type: ref.type, id: ref.id, attrs: JSON.stringify(attrs), first_seen: firstSeen, last_seen: firstSeen }).execute();
    return ref;
  }
  const act = (ref: EntityRef, action: ActionKind, policy?: string, reason = 'seen in review') => recordAction(db, { entity: ref, action, policy, source: 'manual', actor: 'mod-1', reason }, now());
  const count = async () => Number((await db.selectFrom('statements').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('strategy actions through the decision pipeline: one statement per restricting action, automated, none for the label', async () => {
    const materials = new MaterialsService(db);
    const strategies = new StrategiesService(db);
    await createStrategy(db, { id: 'burst', name: 'Comment bursts', source: BURST }, 'analyst', now());
    await setVersionState(db, 'burst', 1, { state: 'live' }, 'analyst', now());
    await ingestBatch({ db, bus, languages }, [comment(1, 'a1', 0), comment(2, 'a1', 1), comment(3, 'a1', 3)], now());
    const set = await strategies.refresh();
    const { store } = await openPipelineCounters({ db, set, materials: await materials.set() });
    let fail = true;
    const pipeline = startDecisionPipeline({
      db,
      clock: now,
      materials,
      strategies,
      counters: store,
      maxBatch: 4,
      onError: () => undefined,
      // The first attempt rolls back after writing: its statements must go with it.
      beforeCommit: () => {
        if (fail) {
          fail = false;
          throw new Error('first batch fails');
        }
      },
    });
    await pipeline.consumer.drained();
    await pipeline.stop();

    const actions = await listActions(db, { limit: 100 });
    expect(actions.map((a) => a.action)).toEqual(['remove', 'label']);
    const remove = actions[0]!;
    const { statements } = await listStatements(db, { limit: 10 });
    expect(statements).toHaveLength(1);
    const [st] = statements;
    expect(st).toMatchObject({ id: remove.seq, puid: `vigil-${remove.seq}`, entity: { type: 'content', id: 'c-3' }, policy: 'spam', action: 'remove' });
    expect(statementProblems(st!.statement)).toEqual([]);
    expect(st!.statement).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_ground: 'Spam and platform manipulation (policy spam, version 1)',
      // The spam policy's v1 category is v2's "other violation of terms and conditions".
      category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
      content_type: ['CONTENT_TYPE_TEXT'],
      content_language: 'EN',
      content_date: '2026-11-01',
      application_date: '2026-11-01',
      source_type: 'SOURCE_VOLUNTARY',
      automated_detection: 'Yes',
      automated_decision: 'AUTOMATED_DECISION_FULLY',
      puid: `vigil-${remove.seq}`,
    });
    expect(st!.statement.territorial_scope).toHaveLength(30);
    expect(st!.statement.decision_facts).toContain('automated rule “burst” of strategy burst (version 1)');
    expect(Object.keys(st!.statement)).toEqual(TDB_FIELDS.filter((f) => f in st!.statement));
  });

  it('manual actions: restricting verbs with a policy get a statement, not automated; other verbs and policy-less actions none', async () => {
    const seller = await entity({ type: 'account', id: 'acct-9' }, { kind: 'seller', language: 'de' });
    const video = await entity({ type: 'content', id: 'v-1' }, { kind: 'video', language: 'pt-BR', created_at: '2025-03-04T10:00:00Z' });
    const suspend = await act(seller, 'suspend', 'harassment', 'threats in DMs, confirmed');
    const ageGate = await act(video, 'age_gate', 'adult');
    await act(video, 'label', 'adult');
    await act(video, 'allow', 'adult');
    await act(video, 'remove');
    await act(video, 'enqueue', 'adult');
    expect(await count()).toBe(2);

    const s1 = (await getStatement(db, suspend.seq))!;
    expect(statementProblems(s1.statement)).toEqual([]);
    expect(s1.statement).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      account_type: 'ACCOUNT_TYPE_BUSINESS',
      content_type: ['CONTENT_TYPE_OTHER'],
      content_type_other: 'Account',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      source_type: 'SOURCE_VOLUNTARY',
      application_date: '2026-11-01',
    });
    expect(s1.statement).not.toHaveProperty('decision_visibility');
    expect(s1.statement.decision_facts).toBe('A moderator applied “suspend” to this account under the policy “Harassment and bullying”. Reason recorded: threats in DMs, confirmed');

    const s2 = (await getStatement(db, ageGate.seq))!;
    expect(s2.statement).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED'],
      content_type: ['CONTENT_TYPE_VIDEO'],
      content_language: 'PT',
      content_date: '2025-03-04',
      // v1 "pornography or sexualized content" became "other violation of T&C" with the adult-material keyword.
      category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
      category_specification: ['KEYWORD_ADULT_SEXUAL_MATERIAL'],
    });
    // Filters: by entity, by policy, by action.
    expect((await listStatements(db, { entity: video, limit: 10 })).statements.map((s) => s.id)).toEqual([ageGate.seq]);
    expect((await listStatements(db, { policy: 'harassment', limit: 10 })).statements.map((s) => s.id)).toEqual([suspend.seq]);
    expect((await listStatements(db, { action: ageGate.seq, limit: 10 })).statements.map((s) => s.id)).toEqual([ageGate.seq]);
    expect((await listStatements(db, { limit: 1 })).next_before).toBe(ageGate.seq);
  });

  it('carries the territorial scope and terms URL set for the platform; refuses settings statements could not carry', async () => {
    await saveStatementSettings(db, { territorial_scope: ['FR', 'DE', 'FR'], terms_url: 'https://platform.example/terms' }, 'admin', now());
    const a = await act(await entity({ type: 'content', id: 'p-1' }, { kind: 'photo' }), 'remove', 'violence');
    const s = (await getStatement(db, a.seq))!.statement;
    expect(s.territorial_scope).toEqual(['DE', 'FR']);
    expect(s.decision_ground_reference_url).toBe('https://platform.example/terms');
    await expect(saveStatementSettings(db, { territorial_scope: ['GB'] as never, terms_url: null }, 'admin', now())).rejects.toBeInstanceOf(InvalidStatementSettingsError);
    await expect(saveStatementSettings(db, { territorial_scope: [], terms_url: null }, 'admin', now())).rejects.toBeInstanceOf(InvalidStatementSettingsError);
    await expect(saveStatementSettings(db, { territorial_scope: ['DE'], terms_url: 'ftp://x' }, 'admin', now())).rejects.toBeInstanceOf(InvalidStatementSettingsError);
  });

  it('keeps long facts within 5000 characters, ending with an ellipsis', async () => {
    const ref = await entity({ type: 'livestream', id: 'ls-1' });
    const a = await act(ref, 'interrupt', 'violence', 'é'.repeat(6000));
    const s = (await getStatement(db, a.seq))!.statement;
    expect([...s.decision_facts]).toHaveLength(5000);
    expect(s.decision_facts.endsWith('…')).toBe(true);
    expect(s.content_type).toEqual(['CONTENT_TYPE_VIDEO']);
  });

  it('an invalid statement is a bug: the action is rolled back with it', async () => {
    await db
      .insertInto('policies')
      .values({ id: 'odd', name: 'Odd', definition: 'x', severity_tier: 3, dsa_category: 'STATEMENT_CATEGORY_UNKNOWN', version: 1, updated_at: now(), updated_by: 'test' })
      .execute();
    const ref = await entity({ type: 'content', id: 'x-1' }, { kind: 'photo' });
    await expect(act(ref, 'remove', 'odd')).rejects.toBeInstanceOf(StatementBuildError);
    expect(await listActions(db, { limit: 10 })).toEqual([]);
    expect(await count()).toBe(0);
  });

  it('exports 250 statements as batches of 100, 100 and 50: oldest first, no gap, no duplicate', async () => {
    const ref = await entity({ type: 'content', id: 'bulk' }, { kind: 'text_post' });
    // One multi-row insert of 275 actions, every 11th a label (no statement), then their statements in one call.
    await db.transaction().execute(async (tx) => {
      const rows = await tx
        .insertInto('actions')
        .values(
          Array.from({ length: 275 }, (_, i) => ({
            at: now(),
            effective_at: now(),
            entity_type: ref.type,
            entity_id: ref.id,
            action: i % 11 === 10 ? 'label' : 'limit_reach',
            policy_id: 'spam',
            source: 'manual',
            actor: 'bulk',
            reason: `n${i}`,
            reverts_seq: null,
            details: JSON.stringify(i % 11 === 10 ? { label: 'x' } : { duration_ms: 86_400_000 * 3 }),
          })),
        )
        .returningAll()
        .execute();
      await recordStatements(tx, rows.map((r) => ({ action: toRecord(r as ActionRow) })), now());
    });
    expect(await count()).toBe(250);
    const batches: { puids: string[]; next: number | null }[] = [];
    let after: number | undefined;
    for (;;) {
      const b = await exportStatements(db, { after, limit: 100 });
      batches.push({ puids: b.statements.map((s) => s.puid), next: b.next_after });
      for (const s of b.statements) expect(statementProblems(s)).toEqual([]);
      if (b.next_after === null) break;
      after = b.next_after;
    }
    expect(batches.map((b) => b.puids.length)).toEqual([100, 100, 50]);
    const all = batches.flatMap((b) => b.puids);
    const stored = await db.selectFrom('statements').select('puid').orderBy('id').execute();
    expect(all).toEqual(stored.map((s) => s.puid));
    expect(new Set(all).size).toBe(250);
    expect(batches[0]!.next).toBe(Number(batches[0]!.puids[99]!.slice('vigil-'.length)));
    const first = (await exportStatements(db, { limit: 1 })).statements[0]!;
    expect(first).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_DEMOTED'], end_date_visibility_restriction: '2026-11-04' });
    await expect(exportStatements(db, { limit: 101 })).rejects.toThrow(RangeError);
  });
});
