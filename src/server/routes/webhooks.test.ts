// The webhooks API on both backends against a running Vigil (its own deliverer running) and a real local
// receiver: endpoint CRUD with the secret shown once, refusals that change nothing, an action taken through
// POST /v1/actions arriving signed, the delivery log's paging and filters, the test ping and retries.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eventually, startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { describeEachBackend } from '../../../test/support/db.js';
import { contentCreated } from '../../../test/support/events.js';
import { startReceiver, type Receiver } from '../../enforcement/webhooks/test-fixtures.js';
import { verifyWebhookSignature } from '../../enforcement/webhooks/signature.js';

describeEachBackend('webhook endpoints', (backend) => {
  let vigil: TestVigil;
  let receiver: Receiver;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await vigil?.close();
    await receiver?.close();
  });
  afterEach(async () => {
    // Each test starts with no endpoints (deleting one drops its log) and an accepting receiver.
    for (const ep of (await vigil.request('GET', '/v1/webhooks')).json.endpoints) await vigil.request('DELETE', `/v1/webhooks/${ep.id}`);
    receiver.received.length = 0;
    receiver.respond = () => 200;
  });

  const create = async (body: Record<string, unknown> = {}) => {
    const res = await vigil.request('POST', '/v1/webhooks', { body: { url: receiver.url, ...body } });
    expect(res.status, res.text).toBe(201);
    return res.json as { id: string; secret: string; url: string };
  };
  const delivery = async (id: string) => (await vigil.request('GET', `/v1/webhooks/deliveries/${id}`)).json;

  it('creates an endpoint with a secret shown once, and lists, reads, changes and deletes it', async () => {
    const ep = await create({ description: 'trust and safety sink', action_kinds: ['suspend', 'remove'] });
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(ep).toMatchObject({ url: receiver.url, description: 'trust and safety sink', action_kinds: ['suspend', 'remove'], enabled: true, pending: 0, failed: 0 });
    const list = await vigil.request('GET', '/v1/webhooks');
    expect(list.json.endpoints.map((e: { id: string }) => e.id)).toEqual([ep.id]);
    expect(list.text).not.toContain(ep.secret);
    const read = await vigil.request('GET', `/v1/webhooks/${ep.id}`);
    expect(read.json).not.toHaveProperty('secret');

    const own = await create({ secret: 'my-own-secret-of-32-characters!!' });
    expect(own.secret).toBe('my-own-secret-of-32-characters!!');

    const changed = await vigil.request('PUT', `/v1/webhooks/${ep.id}`, { body: { enabled: false, action_kinds: [], url: 'https://platform.example/hooks', description: 'trust and safety sink' } });
    expect(changed.json).toMatchObject({ enabled: false, action_kinds: [], url: 'https://platform.example/hooks', description: 'trust and safety sink' });
    expect(changed.text).not.toContain('whsec_');
    const deleted = await vigil.request('DELETE', `/v1/webhooks/${ep.id}`);
    expect(deleted.json.id).toBe(ep.id);
    expect((await vigil.request('GET', `/v1/webhooks/${ep.id}`)).status).toBe(404);
    // The audit log tells who changed what, never the secret.
    const audit = await vigil.services.db.selectFrom('audit_log').select(['action', 'details']).where('target_type', '=', 'webhook_endpoint').execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.create', 'webhook.create', 'webhook.update', 'webhook.delete']);
    expect(JSON.stringify(audit)).not.toMatch(/whsec_|my-own-secret/);
  });

  it('refuses bad input with a 4xx naming the problem, and changes nothing', async () => {
    const ep = await create();
    const full = { url: receiver.url, description: '', action_kinds: [], enabled: true };
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', '/v1/webhooks', { url: 'ftp://files.example/x' }, 400, /^body\.url: url must use http or https, not ftp$/],
      ['POST', '/v1/webhooks', { url: 'platform.example/hooks' }, 400, /^body\.url: url "platform\.example\/hooks" is not an absolute URL/],
      ['POST', '/v1/webhooks', { url: 'https://platform.example/#frag' }, 400, /^body\.url: url must not have a #fragment/],
      ['POST', '/v1/webhooks', { url: receiver.url, action_kinds: ['explode'] }, 400, /^body\.action_kinds\.0: must be equal to constant/],
      ['POST', '/v1/webhooks', { url: receiver.url, secret: 'short' }, 400, /^body\.secret: must NOT have fewer than 16 characters/],
      ['POST', '/v1/webhooks', { url: receiver.url, secret: 'sixteen chars with spaces' }, 400, /^body\.secret: secret must be printable ASCII without spaces/],
      ['POST', '/v1/webhooks', { url: receiver.url, colour: 'red' }, 400, /must NOT have additional properties \(colour\)/],
      ['POST', '/v1/webhooks', {}, 400, /must have required property 'url'/],
      ['PUT', `/v1/webhooks/${ep.id}`, { url: receiver.url }, 400, /must have required property 'description'/],
      ['PUT', `/v1/webhooks/${ep.id}`, { ...full, url: 'javascript:alert(1)' }, 400, /^body\.url: url must use http or https, not javascript$/],
      ['PUT', `/v1/webhooks/${ep.id}`, { ...full, secret: 'x' }, 400, /^body\.secret: must NOT have fewer than 16 characters/],
      ['PUT', '/v1/webhooks/wh_nope', full, 404, /webhook endpoint "wh_nope" does not exist/],
      ['DELETE', '/v1/webhooks/wh_nope', undefined, 404, /does not exist/],
      ['POST', '/v1/webhooks/wh_nope/test', undefined, 404, /does not exist/],
      ['POST', '/v1/webhooks/deliveries/nope/retry', undefined, 404, /webhook delivery "nope" does not exist/],
      ['GET', '/v1/webhooks/deliveries?status=lost', undefined, 400, /^querystring\.status/],
      ['GET', '/v1/webhooks/deliveries?limit=0', undefined, 400, /^querystring\.limit/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const res = await vigil.request(method, path, { body });
      expect([res.status, res.json?.message], `${method} ${path} ${JSON.stringify(body)}`).toEqual([status, expect.stringMatching(message)]);
    }
    const after = await vigil.request('GET', '/v1/webhooks');
    expect(after.json.endpoints).toEqual([expect.objectContaining({ id: ep.id, url: receiver.url, enabled: true, action_kinds: [] })]);

    // Admins only.
    const moderator = await vigil.keyFor('moderator');
    expect((await vigil.request('GET', '/v1/webhooks', { key: moderator })).status).toBe(403);
    expect((await vigil.request('POST', '/v1/webhooks', { key: moderator, body: { url: receiver.url } })).status).toBe(403);
    expect((await vigil.request('GET', '/v1/webhooks/deliveries', { key: null })).status).toBe(401);
  });

  it('sends an action taken through POST /v1/actions, signed, and logs it as delivered', async () => {
    const ep = await create();
    const event = contentCreated();
    expect((await vigil.request('POST', '/v1/events', { body: { events: [event] } })).status).toBe(200);
    const taken = await vigil.request('POST', '/v1/actions', { body: { entity: { type: 'content', id: event.content.id }, action: 'remove', policy: 'spam', reason: 'spam link' } });
    expect(taken.status, taken.text).toBe(201);

    const id = `${ep.id}.a${taken.json.seq}`;
    const logged = await eventually(async () => {
      const log = await vigil.request('GET', `/v1/webhooks/deliveries?endpoint=${ep.id}&status=delivered`);
      return log.json.deliveries.find((d: { id: string }) => d.id === id);
    });
    expect(logged).toMatchObject({ endpoint_id: ep.id, action_seq: taken.json.seq, entity: `content:${event.content.id}`, event_type: 'action.created', status: 'delivered', attempts: 1, last_status_code: 200, last_error: null, next_attempt_at: null });
    expect(logged.payload).toEqual({ id, type: 'action.created', created_at: taken.json.at, data: { action: taken.json } });
    const [got] = receiver.byId(id);
    expect(got.json).toEqual(logged.payload);
    expect(verifyWebhookSignature(ep.secret, got.headers['vigil-signature'] as string, got.headers['vigil-timestamp'] as string, got.body, new Date())).toBe(true);
  });

  it('pages the delivery log newest first with after, and filters it by endpoint and status', async () => {
    const a = await create();
    const b = await create();
    receiver.respond = (r) => (r.id.startsWith(b.id) ? 500 : 200);
    const pings = [];
    for (let i = 0; i < 5; i++) pings.push((await vigil.request('POST', `/v1/webhooks/${i % 2 ? b.id : a.id}/test`)).json);
    const ids = pings.map((p) => p.id).reverse();

    const first = await vigil.request('GET', '/v1/webhooks/deliveries?limit=2');
    expect(first.json.deliveries.map((d: { id: string }) => d.id)).toEqual(ids.slice(0, 2));
    const second = await vigil.request('GET', `/v1/webhooks/deliveries?limit=2&after=${first.json.next_after}`);
    expect(second.json.deliveries.map((d: { id: string }) => d.id)).toEqual(ids.slice(2, 4));
    const third = await vigil.request('GET', `/v1/webhooks/deliveries?limit=2&after=${second.json.next_after}`);
    expect([third.json.deliveries.map((d: { id: string }) => d.id), third.json.next_after]).toEqual([ids.slice(4), null]);

    const failed = await vigil.request('GET', '/v1/webhooks/deliveries?status=failed');
    expect(failed.json.deliveries.map((d: { id: string }) => d.id)).toEqual(pings.filter((p) => p.endpoint_id === b.id).map((p) => p.id).reverse());
    const ofA = await vigil.request('GET', `/v1/webhooks/deliveries?endpoint=${a.id}`);
    expect(ofA.json.deliveries.every((d: { endpoint_id: string; status: string }) => d.endpoint_id === a.id && d.status === 'delivered')).toBe(true);
    expect((await vigil.request('GET', `/v1/webhooks/${b.id}`)).json).toMatchObject({ failed: 2, pending: 0 });
  });

  it('pings an endpoint now, even a disabled one, and logs the outcome; a failed one is retried from the log', async () => {
    const ep = await create({ enabled: false });
    const ok = await vigil.request('POST', `/v1/webhooks/${ep.id}/test`);
    expect(ok.json).toMatchObject({ event_type: 'ping', status: 'delivered', attempts: 1, last_status_code: 200, action_seq: null, entity: null });
    expect(receiver.byId(ok.json.id)[0].json).toEqual({ id: ok.json.id, type: 'ping', created_at: expect.any(String), data: { endpoint_id: ep.id } });

    receiver.respond = () => 418;
    const refused = await vigil.request('POST', `/v1/webhooks/${ep.id}/test`);
    expect(refused.json).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 418, last_error: 'HTTP 418: refused with 418' });
    const again = await vigil.request('POST', `/v1/webhooks/deliveries/${ok.json.id}/retry`);
    expect([again.status, again.json.message]).toEqual([409, `webhook delivery "${ok.json.id}" is delivered; only a failed delivery can be retried`]);

    // Retried: queued with a fresh set of attempts, sent once the endpoint is enabled, same id and body.
    receiver.respond = () => 200;
    const retried = await vigil.request('POST', `/v1/webhooks/deliveries/${refused.json.id}/retry`);
    expect(retried.json).toMatchObject({ status: 'pending', attempts: 0 });
    const queued = await vigil.request('POST', `/v1/webhooks/deliveries/${refused.json.id}/retry`);
    expect([queued.status, queued.json.message]).toEqual([409, `webhook delivery "${refused.json.id}" is pending; only a failed delivery can be retried (this one is still queued)`]);
    await new Promise((r) => setTimeout(r, 700));
    expect(receiver.byId(refused.json.id)).toHaveLength(1);
    await vigil.request('PUT', `/v1/webhooks/${ep.id}`, { body: { url: ep.url, description: '', action_kinds: [], enabled: true } });
    await eventually(async () => (await delivery(refused.json.id)).status === 'delivered');
    const copies = receiver.byId(refused.json.id);
    expect(copies.map((r) => r.status)).toEqual([418, 200]);
    expect(copies[1].body).toBe(copies[0].body);

    // A new secret signs what is sent from then on; the old one no longer verifies.
    const rotated = 'rotated-secret-0123456789abcdef';
    expect((await vigil.request('PUT', `/v1/webhooks/${ep.id}`, { body: { url: ep.url, description: '', action_kinds: [], enabled: true, secret: rotated } })).status).toBe(200);
    const [signed] = receiver.byId((await vigil.request('POST', `/v1/webhooks/${ep.id}/test`)).json.id);
    const verify = (secret: string) => verifyWebhookSignature(secret, signed.headers['vigil-signature'] as string, signed.headers['vigil-timestamp'] as string, signed.body, new Date());
    expect([verify(rotated), verify(ep.secret)]).toEqual([true, false]);
  });

  it('documents the webhook routes in the OpenAPI document', async () => {
    const doc = (await vigil.request('GET', '/openapi.json')).json;
    for (const path of ['/v1/webhooks', '/v1/webhooks/{id}', '/v1/webhooks/{id}/test', '/v1/webhooks/deliveries', '/v1/webhooks/deliveries/{id}', '/v1/webhooks/deliveries/{id}/retry']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/webhooks'].post.responses['201']).toBeDefined();
  });
});
