// The strike ladder and penalty API on both backends against a running Vigil: ladders listed, replaced by
// an admin (a new version) and refused with a message naming the field when invalid, without change;
// manual strikes climbing the ladder and read back on the entity; a revert lifting the step; seller
// penalties and their refusals.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { describeEachBackend } from '../../../test/support/db.js';
import { contentCreated, uid } from '../../../test/support/events.js';

describeEachBackend('strike ladders and penalties API', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  async function account(): Promise<{ type: 'account'; id: string }> {
    const authorId = uid('u');
    expect((await vigil.request('POST', '/v1/events', { body: { events: [contentCreated({ authorId })] } })).status).toBe(200);
    return { type: 'account', id: authorId };
  }

  it('lists the seeded ladders and reads the one in effect for a policy', async () => {
    const list = await vigil.request('GET', '/v1/strike-ladders');
    expect(list.status).toBe(200);
    expect(list.json.ladders.map((l: { ladder: string }) => l.ladder)).toEqual(['default', 'minor_safety']);
    expect(list.json.ladders[0].steps.map((s: { action: string }) => s.action)).toEqual(['warn', 'restrict', 'suspend', 'ban']);
    const hate = await vigil.request('GET', '/v1/strike-ladders/hate');
    expect(hate.json).toMatchObject({ own: false, ladder: { ladder: 'default' }, versions: [] });
    expect((await vigil.request('GET', '/v1/strike-ladders/no_such_policy')).status).toBe(404);
  });

  it('replaces a ladder as a new version; refuses an invalid one with the field named, changing nothing', async () => {
    const ladder = { expiry_days: 30, steps: [{ strikes: 1, action: 'warn' }, { strikes: 2, action: 'suspend', duration_days: 3 }, { strikes: 3, action: 'ban' }] };
    const put = await vigil.request('PUT', '/v1/strike-ladders/spam', { body: ladder });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toMatchObject({ ladder: 'spam', version: 1, ...ladder });
    const refusals: [unknown, number, RegExp][] = [
      [{ ...ladder, steps: [{ strikes: 2, action: 'warn' }, { strikes: 1, action: 'ban' }] }, 400, /^body\.steps\.1\.strikes: must be more than the step before/],
      [{ ...ladder, steps: [{ strikes: 1, action: 'suspend', duration_days: -1 }] }, 400, /^body\.steps\.0\.duration_days: must be a positive/],
      [{ ...ladder, expiry_days: 0 }, 400, /^body\.expiry_days/],
      [{ ...ladder, steps: [{ strikes: 1, action: 'explode' }] }, 400, /body\.steps\.0\.action/],
      [{ ...ladder, extra: 1 }, 400, /extra/],
    ];
    for (const [body, status, message] of refusals) {
      const res = await vigil.request('PUT', '/v1/strike-ladders/spam', { body });
      expect(res.status, res.text).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    expect((await vigil.request('PUT', '/v1/strike-ladders/no_such_policy', { body: ladder })).status).toBe(422);
    const read = await vigil.request('GET', '/v1/strike-ladders/spam');
    expect(read.json).toMatchObject({ own: true, ladder: { version: 1 } });
    expect(read.json.versions).toHaveLength(1);
  });

  it('gives manual strikes that climb the ladder, reads them on the entity, and a revert lifts the step', async () => {
    const acct = await account();
    const give = (policy = 'harassment') => vigil.request('POST', '/v1/strikes', { body: { account: acct, policy, reason: 'insults in comments' } });
    const first = await give();
    expect(first.status, first.text).toBe(201);
    expect(first.json.strike).toMatchObject({ account: acct, policy: 'harassment', count: 1, step: { action: 'warn' }, source: 'manual' });
    const second = await give();
    expect(second.json.actions.map((a: { action: string }) => a.action)).toEqual(['strike', 'restrict']);
    expect(second.json.actions[1].details).toMatchObject({ features: ['live', 'post', 'sell'], step: 2 });

    const read = await vigil.request('GET', `/v1/entities/account/${acct.id}/strikes`);
    expect(read.status).toBe(200);
    expect(read.json.active).toEqual({ default: 2 });
    expect(read.json.strikes.map((s: { count: number; state: string; step: { action: string } }) => [s.count, s.state, s.step.action])).toEqual([
      [2, 'active', 'restrict'],
      [1, 'active', 'warn'],
    ]);

    const revert = await vigil.request('POST', `/v1/actions/${second.json.strike.action_seq}/revert`, { body: { reason: 'appeal upheld' } });
    expect(revert.status, revert.text).toBe(201);
    const log = (await vigil.request('GET', `/v1/actions?entity_type=account&entity_id=${acct.id}&order=desc&limit=2`)).json.actions;
    expect(log.map((a: { action: string }) => a.action)).toEqual(['lift_restriction', 'restore']);
    const after = await vigil.request('GET', `/v1/entities/account/${acct.id}/strikes`);
    expect(after.json.active).toEqual({ default: 1 });
    expect(after.json.strikes[0].state).toBe('reverted');
  });

  it('refuses bad strikes with 4xx and records nothing', async () => {
    const acct = await account();
    const cases: [unknown, number, RegExp][] = [
      [{ account: acct, policy: 'harassment' }, 400, /reason/],
      [{ account: acct, policy: 'harassment', reason: '' }, 400, /reason/],
      [{ account: { type: 'shop', id: acct.id }, policy: 'harassment', reason: 'x' }, 400, /accounts, not to a shop/],
      [{ account: { type: 'account', id: 'nobody-at-all' }, policy: 'harassment', reason: 'x' }, 422, /not known/],
      [{ account: acct, policy: 'no_such_policy', reason: 'x' }, 422, /no_such_policy/],
      [{ account: acct, policy: 'harassment', reason: 'x', cause: { verdict_id: 'abc' } }, 400, /cause/],
    ];
    for (const [body, status, message] of cases) {
      const res = await vigil.request('POST', '/v1/strikes', { body });
      expect(res.status, res.text).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    expect((await vigil.request('GET', `/v1/entities/account/${acct.id}/strikes`)).json.strikes).toEqual([]);
    const viewer = await vigil.keyFor('viewer');
    expect((await vigil.request('POST', '/v1/strikes', { key: viewer, body: { account: acct, policy: 'spam', reason: 'x' } })).status).toBe(403);
  });

  it('applies seller penalties and refuses ones that do not fit their target', async () => {
    const shopId = uid('shop');
    const ownerId = uid('seller');
    expect((await vigil.request('POST', '/v1/events', { body: { events: [{ id: uid('evt'), type: 'shop.created', time: '2026-11-01T10:00:00Z', shop: { id: shopId, name: 'Fakes R Us' }, owner: { id: ownerId, kind: 'seller' } }] } })).status).toBe(200);
    const shop = { type: 'shop', id: shopId };
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const suspended = await vigil.request('POST', '/v1/penalties', { body: { target: shop, penalty: 'suspend_shop', policy: 'counterfeit', reason: 'replicas', until } });
    expect(suspended.status, suspended.text).toBe(201);
    expect(suspended.json.actions[0]).toMatchObject({ action: 'suspend_shop', policy: 'counterfeit', details: { penalty: 'suspend_shop', until } });
    const held = await vigil.request('POST', '/v1/penalties', { body: { target: { type: 'account', id: ownerId }, penalty: 'payout_hold', reason: 'chargebacks' } });
    expect(held.status).toBe(201);
    const released = await vigil.request('POST', '/v1/penalties', { body: { target: { type: 'account', id: ownerId }, penalty: 'release_payout', reason: 'cleared' } });
    expect(released.json.actions[0]).toMatchObject({ action: 'release_payout', reverts_seq: held.json.actions[0].seq });

    const cases: [unknown, number, RegExp][] = [
      [{ target: shop, penalty: 'remove_listing', reason: 'x' }, 400, /applies to content, not to a shop/],
      [{ target: shop, penalty: 'suspend_shop', reason: 'x', until: '2001-01-01T00:00:00Z' }, 400, /future/],
      [{ target: shop, penalty: 'suspend_shop', reason: 'x', until: 'next week' }, 400, /until/],
      [{ target: shop, penalty: 'ban_everyone', reason: 'x' }, 400, /penalty/],
      [{ target: { type: 'account', id: ownerId }, penalty: 'release_payout', reason: 'x' }, 409, /no payout hold/],
      [{ target: { type: 'shop', id: 'no-such-shop' }, penalty: 'suspend_shop', reason: 'x' }, 422, /not known/],
    ];
    for (const [body, status, message] of cases) {
      const res = await vigil.request('POST', '/v1/penalties', { body });
      expect(res.status, res.text).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    const log = (await vigil.request('GET', `/v1/actions?entity_type=shop&entity_id=${shopId}`)).json.actions;
    expect(log.map((a: { action: string }) => a.action)).toEqual(['suspend_shop']);
  });
});
