// Webhook delivery end to end on both database backends: actions recorded with recordAction, the
// deliverer running against a real local HTTP receiver, and the delivery rows checked after.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { describeEachBackend, resetDatabase, testDatabase } from '../../../test/support/db.js';
import { uid } from '../../../test/support/events.js';
import type { ActionKind, EntityRef } from '../../domain/index.js';
import type { Database } from '../../store/database.js';
import type { Db } from '../../store/schema.js';
import { recordAction, UnknownEntityError } from '../actions.js';
import { createEndpoint, updateEndpoint } from './endpoints.js';
import { actionDeliveryId, enqueueActionWebhooks } from './outbox.js';
import { claimDue } from './queue.js';
import { retryDelivery } from './deliveries.js';
import { startWebhookDeliverer, type WebhookDeliverer, type WebhookDelivererOptions } from './deliverer.js';
import { verifyWebhookSignature } from './signature.js';
import { startReceiver, type Receiver } from './test-fixtures.js';

const WAIT = { timeout: 10_000, interval: 20 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachBackend('webhook delivery', (backend) => {
  let database: Database;
  let db: Db;
  let receiver: Receiver;
  const deliverers: WebhookDeliverer[] = [];

  beforeAll(async () => {
    database = await testDatabase(backend);
    db = database.db;
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    receiver.received.length = 0;
    receiver.respond = () => 200;
  });
  afterEach(async () => {
    await Promise.all(deliverers.splice(0).map((d) => d.stop()));
  });

  function deliver(options: Partial<WebhookDelivererOptions> = {}): WebhookDeliverer {
    const d = startWebhookDeliverer({ db, clock: () => new Date(), pollMs: 20, backoff: () => 30, timeoutMs: 2000, ...options });
    deliverers.push(d);
    return d;
  }

  async function entity(): Promise<EntityRef> {
    const id = uid('acct');
    const now = new Date();
    await db.insertInto('entities').values({ type: 'account', id, attrs: '{}', first_seen: now, last_seen: now }).execute();
    return { type: 'account', id };
  }
  const act = (ref: EntityRef, action: ActionKind = 'suspend') => recordAction(db, { entity: ref, action, source: 'manual', actor: 'test', reason: 'test' }, new Date());
  const endpoint = (extra: { action_kinds?: ActionKind[]; enabled?: boolean; url?: string } = {}) => createEndpoint(db, { url: receiver.url, ...extra }, 'test', new Date());
  const row = (id: string) => db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const rows = () => db.selectFrom('webhook_deliveries').selectAll().orderBy('seq').execute();

  it('signs every delivery: the receiver verifies it with the endpoint secret; a tampered body or another secret fails', async () => {
    const ep = await endpoint();
    const action = await act(await entity());
    deliver();
    const id = actionDeliveryId(ep.id, action.seq);
    await vi.waitFor(async () => expect((await row(id)).status).toBe('delivered'), WAIT);

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['vigil-delivery-id']).toBe(id);
    expect(got.headers['vigil-event-type']).toBe('action.created');
    expect(got.headers['vigil-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(got.json).toEqual({ id, type: 'action.created', created_at: action.at, data: { action } });
    expect(got.body.startsWith(`{"id":"${id}","type":"action.created","created_at":"${action.at}","data":{`)).toBe(true);
    const verify = (secret: string, body: string) => verifyWebhookSignature(secret, got.headers['vigil-signature'] as string, got.headers['vigil-timestamp'] as string, body, new Date());
    expect(verify(ep.secret, got.body)).toBe(true);
    expect(verify(ep.secret, got.body.replace('"suspend"', '"unsuspend"'))).toBe(false);
    expect(verify('whsec_some_other_secret_entirely', got.body)).toBe(false);
    expect(await row(id)).toMatchObject({ attempts: 1, last_status_code: 200, last_error: null });
  });

  it('retries a 500 and delivers once: the same id and body twice, one 2xx, delivered after two attempts', async () => {
    const ep = await endpoint();
    const action = await act(await entity());
    const id = actionDeliveryId(ep.id, action.seq);
    receiver.respond = (r) => (receiver.byId(r.id).length === 1 ? 500 : 200);
    deliver();
    await vi.waitFor(async () => expect((await row(id)).status).toBe('delivered'), WAIT);
    await sleep(200);

    const got = receiver.byId(id);
    expect(got.map((r) => [r.attempt, r.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(got[1].body).toBe(got[0].body);
    expect(got.every((r) => verifyWebhookSignature(ep.secret, r.headers['vigil-signature'] as string, r.headers['vigil-timestamp'] as string, r.body, new Date()))).toBe(true);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200, last_error: null });
    expect(receiver.received).toHaveLength(2);
  });

  it('sends nothing to a disabled endpoint, and holds queued deliveries while disabled until it is enabled again', async () => {
    const off = await endpoint({ enabled: false });
    const on = await endpoint();
    const ref = await entity();
    const first = await act(ref);
    expect((await rows()).map((r) => r.endpoint_id)).toEqual([on.id]);

    // Deliveries queued before the endpoint was disabled wait for it.
    const later = await endpoint();
    const second = await act(ref, 'strike');
    await updateEndpoint(db, later.id, { enabled: false }, 'test', new Date());
    deliver();
    await vi.waitFor(async () => expect((await row(actionDeliveryId(on.id, second.seq))).status).toBe('delivered'), WAIT);
    await sleep(200);
    expect(receiver.received.map((r) => r.id)).toEqual([actionDeliveryId(on.id, first.seq), actionDeliveryId(on.id, second.seq)]);
    expect((await row(actionDeliveryId(later.id, second.seq))).status).toBe('pending');
    expect(receiver.received.some((r) => r.id.startsWith(off.id))).toBe(false);

    await updateEndpoint(db, later.id, { enabled: true }, 'test', new Date());
    await vi.waitFor(async () => expect((await row(actionDeliveryId(later.id, second.seq))).status).toBe('delivered'), WAIT);
    expect(receiver.received.some((r) => r.id.startsWith(off.id))).toBe(false);
  });

  it('sends an endpoint only the action kinds it asked for', async () => {
    const suspensions = await endpoint({ action_kinds: ['suspend', 'unsuspend'] });
    const everything = await endpoint();
    const ref = await entity();
    const actions = [await act(ref, 'suspend'), await act(ref, 'label'), await act(ref, 'unsuspend'), await act(ref, 'remove')];
    deliver();
    await vi.waitFor(async () => expect((await rows()).every((r) => r.status === 'delivered')).toBe(true), WAIT);
    const sentTo = (ep: string) => receiver.received.filter((r) => r.id.startsWith(`${ep}.`)).map((r) => r.json.data.action?.action);
    expect(sentTo(suspensions.id)).toEqual(['suspend', 'unsuspend']);
    expect(sentTo(everything.id)).toEqual(['suspend', 'label', 'unsuspend', 'remove']);
    expect(await rows()).toHaveLength(6);
    expect(actions).toHaveLength(4);
  });

  it('gives up after maxAttempts with the last status and error, sends no more, and a manual retry delivers it', async () => {
    const ep = await endpoint();
    const action = await act(await entity());
    const id = actionDeliveryId(ep.id, action.seq);
    receiver.respond = () => 503;
    deliver({ maxAttempts: 3 });
    await vi.waitFor(async () => expect((await row(id)).status).toBe('failed'), WAIT);
    await sleep(200);
    expect(receiver.byId(id).map((r) => r.attempt)).toEqual([1, 2, 3]);
    const failed = await row(id);
    expect(failed).toMatchObject({ attempts: 3, last_status_code: 503, delivered_at: null });
    expect(failed.last_error).toBe('HTTP 503: refused with 503');

    receiver.respond = () => 204;
    await retryDelivery(db, id, 'test', new Date());
    await vi.waitFor(async () => expect((await row(id)).status).toBe('delivered'), WAIT);
    expect(receiver.byId(id).map((r) => r.status)).toEqual([503, 503, 503, 204]);
    expect(new Set(receiver.byId(id).map((r) => r.body)).size).toBe(1);
    await expect(retryDelivery(db, id, 'test', new Date())).rejects.toThrow(/is delivered; only a failed delivery can be retried/);
  });

  it('keeps the order per endpoint and entity: a later action waits while an earlier one is retried; other entities go ahead', async () => {
    const ep = await endpoint();
    const slow = await entity();
    const other = await entity();
    const first = await act(slow, 'label');
    const second = await act(slow, 'suspend');
    const third = await act(slow, 'unsuspend');
    const elsewhere = await act(other, 'remove');
    const ids = [first, second, third].map((a) => actionDeliveryId(ep.id, a.seq));
    // The first delivery of the slow entity fails three times before it is taken.
    receiver.respond = (r) => (r.id === ids[0] && receiver.byId(r.id).length <= 3 ? 500 : 200);
    deliver({ concurrency: 4, backoff: () => 60 });
    await vi.waitFor(async () => expect((await rows()).every((r) => r.status === 'delivered')).toBe(true), WAIT);

    const order = receiver.received.map((r) => r.id);
    expect(order.filter((id) => ids.includes(id))).toEqual([ids[0], ids[0], ids[0], ids[0], ids[1], ids[2]]);
    // The other entity did not wait for the retries.
    expect(order.indexOf(actionDeliveryId(ep.id, elsewhere.seq))).toBeLessThan(order.lastIndexOf(ids[0]));
    // Each later action was first sent only after the earlier one had been answered 2xx.
    const acked = (id: string) => receiver.byId(id).find((r) => r.status! < 300)!.answeredAt!;
    expect(receiver.byId(ids[1])[0].n).toBeGreaterThan(acked(ids[0]));
    expect(receiver.byId(ids[2])[0].n).toBeGreaterThan(acked(ids[1]));
  });

  it('retries an attempt cut off mid-send once its lease ends, with the same id and body; never claims a delivered one', async () => {
    const ep = await endpoint();
    const action = await act(await entity());
    const id = actionDeliveryId(ep.id, action.seq);
    // A process claims the delivery and dies before recording anything: the row stays pending, leased for 10 s.
    const now = new Date();
    const [claimed] = await claimDue(db, now, new Date(now.getTime() + 10_000), 10);
    expect(claimed).toMatchObject({ id, attempts: 1 });
    deliver();
    await sleep(300);
    expect(receiver.received).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });

    // Once the lease has run out (the clock moved past it), the delivery goes out as attempt 2.
    await Promise.all(deliverers.splice(0).map((d) => d.stop()));
    const later = () => new Date(Date.now() + 11_000);
    deliver({ clock: later });
    await vi.waitFor(async () => expect((await row(id)).status).toBe('delivered'), WAIT);
    expect(receiver.byId(id).map((r) => r.attempt)).toEqual([2]);
    expect(receiver.byId(id)[0].json).toEqual({ id, type: 'action.created', created_at: action.at, data: { action } });
    // Delivered rows are never claimed again, however late the clock.
    expect(await claimDue(db, new Date(Date.now() + 86_400_000 * 365), new Date(Date.now() + 86_400_000 * 366), 10)).toEqual([]);
  });

  it('records network errors and timeouts and retries them', async () => {
    const refused = await createEndpoint(db, { url: 'http://127.0.0.1:9/nothing-listens-here' }, 'test', new Date());
    const hanging = await endpoint();
    const action = await act(await entity());
    receiver.respond = () => new Promise((resolve) => setTimeout(() => resolve(200), 1500));
    deliver({ timeoutMs: 200, leaseMs: 1000, backoff: () => 10_000 });
    await vi.waitFor(async () => {
      const [a, b] = [await row(actionDeliveryId(refused.id, action.seq)), await row(actionDeliveryId(hanging.id, action.seq))];
      expect(a.last_error).toMatch(/ECONNREFUSED|fetch failed/);
      expect(b.last_error).toBe('no answer within 0.2 s');
      expect([a.status, b.status, a.attempts, b.attempts, a.last_status_code, b.last_status_code]).toEqual(['pending', 'pending', 1, 1, null, null]);
      expect(b.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 5_000);
    }, WAIT);
  });

  it('writes deliveries in the action’s transaction: a refused action leaves none, a rolled-back one none, a repeat no copy', async () => {
    const ep = await endpoint();
    await expect(act({ type: 'account', id: 'nobody-knows-me' })).rejects.toBeInstanceOf(UnknownEntityError);
    expect(await rows()).toEqual([]);

    const action = await act(await entity());
    await expect(
      db.transaction().execute(async (tx) => {
        await enqueueActionWebhooks(tx, [{ ...action, seq: action.seq }], new Date());
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await rows()).map((r) => r.id)).toEqual([actionDeliveryId(ep.id, action.seq)]);
    expect(await enqueueActionWebhooks(db, [action], new Date())).toBe(0);
    expect(await rows()).toHaveLength(1);
  });

  it('shares the queue between several deliverers without sending any delivery twice', async () => {
    const ep = await endpoint();
    const refs = await Promise.all(Array.from({ length: 10 }, () => entity()));
    const actions = [];
    for (let i = 0; i < 120; i++) actions.push(await act(refs[i % refs.length], i % 2 ? 'label' : 'unlabel'));
    receiver.respond = () => new Promise((resolve) => setTimeout(() => resolve(200), Math.random() * 5));
    for (let i = 0; i < 3; i++) deliver({ concurrency: 4, pollMs: 5 });
    await vi.waitFor(async () => expect((await rows()).every((r) => r.status === 'delivered')).toBe(true), { timeout: 20_000, interval: 50 });
    const ids = receiver.received.map((r) => r.id);
    expect(ids).toHaveLength(120);
    expect(new Set(ids)).toEqual(new Set(actions.map((a) => actionDeliveryId(ep.id, a.seq))));
    // Per entity, in action order.
    for (const ref of refs) {
      const seqs = receiver.received.filter((r) => r.json.data.action!.entity.id === ref.id).map((r) => r.json.data.action!.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });

  it('stop() waits for the attempt in flight and records it', async () => {
    const ep = await endpoint();
    const action = await act(await entity());
    const id = actionDeliveryId(ep.id, action.seq);
    let answer!: () => void;
    receiver.respond = () => new Promise((resolve) => (answer = () => resolve(200)));
    const d = deliver();
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1), WAIT);
    let stopped = false;
    const stopping = d.stop().then(() => (stopped = true));
    await sleep(100);
    expect(stopped).toBe(false);
    answer();
    await stopping;
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
