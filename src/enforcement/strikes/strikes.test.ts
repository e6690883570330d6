// Strike ladders, strikes and seller penalties on both database backends: ladder validation, the step
// reached at 1..5 strikes, expiry with `now` passed in, reverting a strike (un-counted, step lifted),
// seller penalties and their reverts, and the webhook deliveries every one of them enqueues.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import { seedDefaultCatalogue } from '../../catalogue/index.js';
import { DEFAULT_STRIKE_LADDER, type EntityRef, type EntityType, type LadderInput } from '../../domain/index.js';
import type { Database } from '../../store/database.js';
import type { Db } from '../../store/schema.js';
import { UnknownEntityError } from '../actions.js';
import { listActions } from '../actions.js';
import { NotRevertibleError, revertAction } from '../revert.js';
import { createEndpoint } from '../webhooks/endpoints.js';
import { getLadder, InvalidLadderError, ladderVersions, saveLadder, seedDefaultStrikeLadders, stepFor, validateLadder } from './ladders.js';
import { applySellerPenalty, InvalidPenaltyError, type PenaltyInput } from './penalties.js';
import { applyStrike, countActiveStrikes, InvalidStrikeError, listStrikes, type StrikeInput } from './strikes.js';

const DAY = 86_400_000;
const t0 = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('ladder validation', () => {
  const bad = (input: LadderInput, field: string, message: RegExp) => {
    let err: unknown;
    try {
      validateLadder(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidLadderError);
    expect((err as InvalidLadderError).field).toBe(field);
    expect((err as Error).message).toMatch(message);
  };

  it('accepts the default ladder and a one-step permanent ban', () => {
    expect(validateLadder(DEFAULT_STRIKE_LADDER)).toEqual(DEFAULT_STRIKE_LADDER);
    expect(validateLadder({ expiry_days: 30, steps: [{ strikes: 1, action: 'ban' }] }).steps).toHaveLength(1);
    // A permanent suspension or restriction is allowed as the last step.
    expect(() => validateLadder({ expiry_days: 30, steps: [{ strikes: 1, action: 'warn' }, { strikes: 3, action: 'suspend' }] })).not.toThrow();
  });

  it('refuses steps that do not go up strictly, start below 1, or a ladder with none', () => {
    bad({ expiry_days: 90, steps: [] }, 'steps', /at least one step/);
    bad({ expiry_days: 90, steps: [{ strikes: 0, action: 'warn' }] }, 'steps.0.strikes', /1 or more/);
    bad({ expiry_days: 90, steps: [{ strikes: 2, action: 'warn' }, { strikes: 2, action: 'suspend', duration_days: 3 }] }, 'steps.1.strikes', /more than the step before \(2\)/);
    bad({ expiry_days: 90, steps: [{ strikes: 3, action: 'warn' }, { strikes: 1, action: 'ban' }] }, 'steps.1.strikes', /go up strictly/);
  });

  it('refuses non-positive durations and expiry, and permanence before the last step', () => {
    bad({ expiry_days: 0, steps: [{ strikes: 1, action: 'warn' }] }, 'expiry_days', /1 to/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'suspend', duration_days: 0 }] }, 'steps.0.duration_days', /positive/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'suspend', duration_days: -2 }] }, 'steps.0.duration_days', /positive/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'suspend' }, { strikes: 2, action: 'ban' }] }, 'steps.0.duration_days', /only the last step may be permanent/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'ban' }, { strikes: 2, action: 'warn' }] }, 'steps.0.action', /only be the last step/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'ban', duration_days: 3 }] }, 'steps.0.duration_days', /permanent/);
  });

  it('refuses a restriction without features and parameters a step does not take', () => {
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'restrict', duration_days: 7 }] }, 'steps.0.features', /at least one feature/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'restrict', features: ['live', 'live'], duration_days: 7 }] }, 'steps.0.features', /twice/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'suspend', features: ['live'], duration_days: 7 }] }, 'steps.0.features', /only a restrict step/);
    bad({ expiry_days: 90, steps: [{ strikes: 1, action: 'warn', duration_days: 7 }] }, 'steps.0.duration_days', /no duration/);
  });

  it('reaches the highest step at or below the count, the last one past the top, none below the first', () => {
    const ladder = { steps: [{ strikes: 2, action: 'warn' as const }, { strikes: 4, action: 'ban' as const }] };
    expect([0, 1, 2, 3, 4, 5].map((n) => stepFor(ladder, n)?.strikes ?? null)).toEqual([null, null, 2, 2, 4, 4]);
  });
});

describeEachBackend('strikes and seller penalties', (backend) => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await testDatabase(backend);
    db = database.db;
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    await seedDefaultCatalogue(db, t0);
    await seedDefaultStrikeLadders(db, t0);
  });

  let n = 0;
  async function entity(type: EntityType = 'account', attrs: Record<string, unknown> = {}): Promise<EntityRef> {
    const id = `${type}-${(n += 1)}`;
    await db.insertInto('entities').values({ type, id, attrs: JSON.stringify(attrs), first_seen: t0, last_seen: t0 }).execute();
    return { type, id };
  }
  const strike = (account: EntityRef, now: Date, extra: Partial<StrikeInput> = {}) =>
    db.transaction().execute((tx) => applyStrike(tx, { account, policy: 'harassment', source: 'review', actor: 'mod-1', reason: 'insults', now, ...extra }));
  const penalty = (input: Omit<PenaltyInput, 'actor' | 'source' | 'reason' | 'now'> & Partial<PenaltyInput>) =>
    db.transaction().execute((tx) => applySellerPenalty(tx, { actor: 'mod-1', source: 'manual', reason: 'fake goods', now: t0, ...input }));

  it('seeds the default ladder and the minor-safety ladder once, and never overwrites an edit', async () => {
    expect(await getLadder(db, 'default')).toMatchObject({ version: 1, updated_by: 'system', ...DEFAULT_STRIKE_LADDER });
    expect((await getLadder(db, 'minor_safety'))?.steps).toEqual([{ strikes: 1, action: 'ban' }]);
    await saveLadder(db, 'default', { expiry_days: 30, steps: [{ strikes: 1, action: 'warn' }] }, 'alice', at(1));
    expect(await seedDefaultStrikeLadders(db, at(2))).toEqual({ ladders: 0 });
    expect((await getLadder(db, 'default'))?.expiry_days).toBe(30);
  });

  it('versions every ladder change with who made it, audited; an unknown policy is refused', async () => {
    const saved = await saveLadder(db, 'spam', { expiry_days: 30, steps: [{ strikes: 1, action: 'warn' }, { strikes: 2, action: 'suspend', duration_days: 1 }] }, 'alice', at(1));
    expect(saved).toMatchObject({ ladder: 'spam', version: 1, updated_by: 'alice' });
    await saveLadder(db, 'spam', { expiry_days: 60, steps: [{ strikes: 1, action: 'ban' }] }, 'bob', at(2));
    const versions = await ladderVersions(db, 'spam');
    expect(versions.map((v) => [v.version, v.changed_by, v.expiry_days])).toEqual([
      [2, 'bob', 60],
      [1, 'alice', 30],
    ]);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'strike_ladder.save').orderBy('seq').execute();
    expect(audit.map((a) => [a.actor, a.target_id])).toEqual([
      ['alice', 'spam'],
      ['bob', 'spam'],
    ]);
    await expect(saveLadder(db, 'no_such_policy', DEFAULT_STRIKE_LADDER, 'alice', at(3))).rejects.toThrow(/no_such_policy/);
    await expect(saveLadder(db, 'spam', { expiry_days: 30, steps: [] }, 'alice', at(3))).rejects.toBeInstanceOf(InvalidLadderError);
    expect((await getLadder(db, 'spam'))?.version).toBe(2);
  });

  it('walks the default ladder at 1..5 strikes: warn, restrict, suspend, ban, ban again', async () => {
    const account = await entity();
    const steps = [];
    for (let i = 0; i < 5; i += 1) {
      const { strike: s, actions } = await strike(account, at(i));
      steps.push([s.count, s.step?.action ?? null, actions.map((a) => a.action)]);
    }
    expect(steps).toEqual([
      [1, 'warn', ['strike', 'warn']],
      [2, 'restrict', ['strike', 'restrict']],
      [3, 'suspend', ['strike', 'suspend']],
      [4, 'ban', ['strike', 'ban']],
      [5, 'ban', ['strike', 'ban']],
    ]);
    const log = await listActions(db, { entity: account, limit: 100 });
    const restrict = log.find((a) => a.action === 'restrict')!;
    const strike2 = log.filter((a) => a.action === 'strike')[1]!;
    expect(restrict.details).toEqual({ ladder: 'default', step: 2, strike_seq: strike2.seq, features: ['live', 'post', 'sell'], until: at(1 + 7).toISOString(), duration_ms: 7 * DAY });
    expect(strike2.details).toMatchObject({ ladder: 'default', ladder_version: 1, strike_count: 2, step: 2, step_action: 'restrict', expires_at: at(1 + 90).toISOString() });
    expect(log.find((a) => a.action === 'suspend')!.details).toMatchObject({ step: 3, until: at(2 + 30).toISOString() });
    expect(log.find((a) => a.action === 'ban')!.details).toMatchObject({ step: 4, permanent: true });
    expect(log.every((a) => a.policy === 'harassment' && a.source === 'review' && a.actor === 'mod-1')).toBe(true);
  });

  it('records the strike with its cause, expiry and step, and audits it', async () => {
    const account = await entity();
    const { strike: s } = await strike(account, t0, { cause: { action_seq: 7, verdict_id: 42 } });
    expect(s).toMatchObject({ account, policy: 'harassment', ladder: 'default', at: t0.toISOString(), expires_at: at(90).toISOString(), cause: { action_seq: 7, verdict_id: 42 }, count: 1, step: { strikes: 1, action: 'warn' }, reverted_at: null });
    expect(s.step_action_seqs).toHaveLength(1);
    expect((await listActions(db, { entity: account, limit: 10 }))[0]!.details).toMatchObject({ cause_action_seq: 7, cause_verdict_id: 42 });
    expect(await db.selectFrom('audit_log').select('action').where('action', '=', 'strike.apply').execute()).toHaveLength(1);
  });

  it('does not count a strike 91 days old with a 90-day expiry', async () => {
    const account = await entity();
    await strike(account, t0);
    expect(await countActiveStrikes(db, account, 'default', at(89))).toBe(1);
    expect(await countActiveStrikes(db, account, 'default', at(91))).toBe(0);
    const { strike: second } = await strike(account, at(91));
    expect(second.count).toBe(1);
    expect(second.step?.action).toBe('warn');
    expect((await listStrikes(db, account, at(91))).map((s) => s.state)).toEqual(['active', 'expired']);
    // Within the expiry the first would have counted: a strike at day 89 reaches step 2.
    const other = await entity();
    await strike(other, t0);
    expect((await strike(other, at(89))).strike.step?.action).toBe('restrict');
  });

  it('counts strikes per ladder: a policy with its own ladder does not add to the default one', async () => {
    await saveLadder(db, 'spam', { expiry_days: 30, steps: [{ strikes: 1, action: 'warn' }, { strikes: 2, action: 'suspend', duration_days: 1 }] }, 'alice', t0);
    const account = await entity();
    await strike(account, t0);
    const spam = await strike(account, at(1), { policy: 'spam' });
    expect([spam.strike.ladder, spam.strike.count, spam.strike.step?.action]).toEqual(['spam', 1, 'warn']);
    const hate = await strike(account, at(2), { policy: 'hate' });
    expect([hate.strike.ladder, hate.strike.count, hate.strike.step?.action]).toEqual(['default', 2, 'restrict']);
    // minor_safety is seeded with a ladder of its own: one strike bans.
    expect((await strike(await entity(), t0, { policy: 'minor_safety' })).actions.map((a) => a.action)).toEqual(['strike', 'ban']);
  });

  it('reverting a strike un-counts it and lifts the step it caused', async () => {
    const account = await entity();
    await strike(account, t0);
    await strike(account, at(1));
    const third = await strike(account, at(2));
    expect(third.strike.step?.action).toBe('suspend');
    const suspendSeq = third.strike.step_action_seqs[0]!;

    const revert = await revertAction(db, third.strike.action_seq, 'appeals-1', 'appeal upheld', at(3));
    expect(revert).toMatchObject({ action: 'restore', reverts_seq: third.strike.action_seq });
    const log = await listActions(db, { entity: account, after: revert.seq - 1, limit: 10 });
    expect(log.map((a) => [a.action, a.reverts_seq])).toEqual([
      ['restore', third.strike.action_seq],
      ['unsuspend', suspendSeq],
    ]);
    const [latest] = await listStrikes(db, account, at(3));
    expect(latest).toMatchObject({ id: third.strike.id, state: 'reverted', reverted_by: revert.seq, reverted_at: at(3).toISOString() });
    expect(await countActiveStrikes(db, account, 'default', at(3))).toBe(2);
    // The next strike is the third again: suspension, not a ban.
    expect((await strike(account, at(4))).strike.step?.action).toBe('suspend');
    // Reverting twice is refused.
    await expect(revertAction(db, third.strike.action_seq, 'appeals-1', 'again', at(5))).rejects.toBeInstanceOf(NotRevertibleError);
  });

  it('reverting a strike lifts a ban and a restriction, skips a warning and a step already lifted', async () => {
    await saveLadder(db, 'scam', { expiry_days: 90, steps: [{ strikes: 1, action: 'warn' }, { strikes: 2, action: 'restrict', features: ['sell'], duration_days: 3 }, { strikes: 3, action: 'ban' }] }, 'alice', t0);
    const account = await entity();
    const first = await strike(account, t0, { policy: 'scam' });
    const second = await strike(account, at(1), { policy: 'scam' });
    const third = await strike(account, at(2), { policy: 'scam' });
    await revertAction(db, third.strike.step_action_seqs[0]!, 'mod-2', 'ban lifted alone', at(3));
    const r3 = await revertAction(db, third.strike.action_seq, 'mod-2', 'overturned', at(4));
    const r2 = await revertAction(db, second.strike.action_seq, 'mod-2', 'overturned', at(4));
    const r1 = await revertAction(db, first.strike.action_seq, 'mod-2', 'overturned', at(4));
    const after = async (seq: number) => (await listActions(db, { entity: account, after: seq - 1, limit: 10 })).map((a) => a.action);
    expect(await after(r3.seq)).toEqual(['restore', 'restore', 'lift_restriction', 'restore']);
    const lift = (await listActions(db, { entity: account, after: r2.seq, limit: 1 }))[0]!;
    expect(lift.details).toMatchObject({ features: ['sell'], reverts: 'restrict' });
    expect((await listActions(db, { entity: account, after: r1.seq, limit: 5 }))).toEqual([]);
    expect(await countActiveStrikes(db, account, 'scam', at(4))).toBe(0);
  });

  it('refuses a strike on something other than an account, an unknown account or policy, and changes nothing', async () => {
    const shop = await entity('shop');
    await expect(strike(shop, t0)).rejects.toBeInstanceOf(InvalidStrikeError);
    await expect(strike({ type: 'account', id: 'nobody' }, t0)).rejects.toBeInstanceOf(UnknownEntityError);
    await expect(strike(await entity(), t0, { policy: 'no_such_policy' })).rejects.toThrow(/no_such_policy/);
    await expect(strike(await entity(), t0, { reason: '  ' })).rejects.toBeInstanceOf(InvalidStrikeError);
    expect(await db.selectFrom('strikes').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('actions').select('seq').execute()).toEqual([]);
  });

  it('enqueues the strike and its step actions to the platform webhooks', async () => {
    await createEndpoint(db, { url: 'http://127.0.0.1:9/hook' }, 'alice', t0);
    const account = await entity();
    const { actions } = await strike(account, t0);
    const deliveries = await db.selectFrom('webhook_deliveries').select(['action_seq', 'payload']).orderBy('action_seq').execute();
    expect(deliveries.map((d) => d.action_seq)).toEqual(actions.map((a) => a.seq));
    expect((deliveries[1]!.payload as { data: { action: { action: string } } }).data.action.action).toBe('warn');
  });

  it('applies seller penalties to listings, shops and sellers, each revertible', async () => {
    await createEndpoint(db, { url: 'http://127.0.0.1:9/hook' }, 'alice', t0);
    const listing = await entity('content', { kind: 'product_listing' });
    const shop = await entity('shop');
    const seller = await entity('account', { kind: 'seller' });

    const removed = (await penalty({ target: listing, penalty: 'remove_listing', policy: 'counterfeit' })).actions[0]!;
    expect(removed).toMatchObject({ action: 'remove_listing', policy: 'counterfeit', details: { penalty: 'remove_listing' } });
    const suspended = (await penalty({ target: shop, penalty: 'suspend_shop', until: at(14) })).actions[0]!;
    expect(suspended.details).toEqual({ penalty: 'suspend_shop', until: at(14).toISOString() });
    const held = (await penalty({ target: seller, penalty: 'payout_hold', policy: 'scam' })).actions[0]!;
    expect(held.details).toEqual({ penalty: 'payout_hold', permanent: true });

    expect(await revertAction(db, removed.seq, 'mod-2', 'genuine after all', at(1))).toMatchObject({ action: 'restore_listing', reverts_seq: removed.seq });
    expect(await revertAction(db, suspended.seq, 'mod-2', 'appeal', at(1))).toMatchObject({ action: 'unsuspend_shop', reverts_seq: suspended.seq });
    // A payout hold is undone by releasing it (the release points back at the hold) or by reverting it.
    const released = (await penalty({ target: seller, penalty: 'release_payout', now: at(1) })).actions;
    expect(released.map((a) => [a.action, a.reverts_seq, a.policy])).toEqual([['release_payout', held.seq, 'scam']]);
    await expect(revertAction(db, held.seq, 'mod-2', 'again', at(2))).rejects.toBeInstanceOf(NotRevertibleError);
    await expect(penalty({ target: seller, penalty: 'release_payout', now: at(2) })).rejects.toThrow(/no payout hold is in force/);
    const hold2 = (await penalty({ target: shop, penalty: 'payout_hold', now: at(2) })).actions[0]!;
    expect(await revertAction(db, hold2.seq, 'mod-2', 'cleared', at(3))).toMatchObject({ action: 'release_payout', reverts_seq: hold2.seq });

    const delivered = await db.selectFrom('webhook_deliveries').select('action_seq').execute();
    expect(delivered).toHaveLength(8);
  });

  it('refuses a penalty on the wrong kind of entity, a past or unneeded `until`, an unknown target, and changes nothing', async () => {
    const shop = await entity('shop');
    const listing = await entity('content');
    await expect(penalty({ target: shop, penalty: 'remove_listing' })).rejects.toThrow(/remove_listing applies to content, not to a shop/);
    await expect(penalty({ target: listing, penalty: 'suspend_shop' })).rejects.toBeInstanceOf(InvalidPenaltyError);
    await expect(penalty({ target: listing, penalty: 'payout_hold' })).rejects.toThrow(/shop or account/);
    await expect(penalty({ target: shop, penalty: 'suspend_shop', until: at(-1) })).rejects.toThrow(/future/);
    await expect(penalty({ target: listing, penalty: 'remove_listing', until: at(1) })).rejects.toThrow(/takes no `until`/);
    await expect(penalty({ target: { type: 'shop', id: 'nope' }, penalty: 'suspend_shop' })).rejects.toBeInstanceOf(UnknownEntityError);
    await expect(penalty({ target: shop, penalty: 'suspend_shop', policy: 'no_such_policy' })).rejects.toThrow(/no_such_policy/);
    expect(await db.selectFrom('actions').select('seq').execute()).toEqual([]);
  });
});
