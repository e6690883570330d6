import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/support/db.js';
import { eventually, startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { contentCreated, login, uid } from '../../../test/support/events.js';

describeEachBackend('POST /v1/events', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  const count = async () => Number((await vigil.services.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('stores a batch, upserts its entities and relations, and acknowledges after commit', async () => {
    const authorId = uid('author');
    const a = contentCreated({ authorId, time: '2026-11-01T10:00:00Z' });
    const b = login({ accountId: authorId, deviceId: 'dev-shared-1', time: '2026-11-01T11:00:00Z' });
    const res = await vigil.request('POST', '/v1/events', { body: { events: [a, b] } });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(2);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);

    const page = await vigil.request('GET', `/v1/entities/account/${authorId}`);
    expect(page.status).toBe(200);
    expect(page.json.entity).toMatchObject({ type: 'account', id: authorId, event_count: 2, first_seen: '2026-11-01T10:00:00.000Z', last_seen: '2026-11-01T11:00:00.000Z' });
    expect(page.json.entity.attrs.kind).toBe('creator');
    const out = page.json.relations.outgoing.map((r: { kind: string; type: string; id: string }) => `${r.kind}:${r.type}:${r.id}`).sort();
    expect(out).toEqual([`owns:content:${a.content.id}`, 'used_device:device:dev-shared-1', 'used_ip:ip:203.0.113.7'].sort());
    expect(page.json.events.map((e: { id: string }) => e.id)).toEqual([b.id, a.id]);
  });

  it('acknowledges a re-sent id with an identical body as a duplicate, whatever the key order', async () => {
    const e = contentCreated();
    expect((await vigil.request('POST', '/v1/events', { body: { events: [e] } })).json.accepted).toBe(1);
    const reordered = { author: e.author, content: e.content, time: e.time, type: e.type, id: e.id };
    const again = await vigil.request('POST', '/v1/events', { body: { events: [reordered] } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 1, results: [{ id: e.id, status: 'duplicate' }] });
  });

  it('refuses a re-sent id with a different body with 409, keeps the stored event and stores nothing of the batch', async () => {
    const e = contentCreated({ text: 'the original text' });
    await vigil.request('POST', '/v1/events', { body: { events: [e] } });
    const fresh = contentCreated();
    const before = await count();
    const changed = { ...e, content: { ...e.content, text: 'a changed text' } };
    const res = await vigil.request('POST', '/v1/events', { body: { events: [fresh, changed] } });
    expect(res.status).toBe(409);
    expect(res.json.error).toBe('event_id_conflict');
    expect(res.json.message).toContain(`event 1 (id "${e.id}")`);
    expect(await count()).toBe(before);
    const stored = await vigil.request('GET', `/v1/entities/content/${e.content.id}`);
    expect(stored.json.entity.attrs.text).toBe('the original text');
    expect((await vigil.request('GET', `/v1/entities/content/${fresh.content.id}`)).status).toBe(404);
  });

  const badCases: [string, () => unknown, number, RegExp][] = [
    ['malformed JSON', () => '{"events": [', 400, /not valid JSON/],
    ['a body without events', () => ({ evnts: [] }), 400, /"events" array/],
    ['an empty batch', () => ({ events: [] }), 400, /at least one event/],
    ['an unknown event type', () => ({ events: [contentCreated(), { ...contentCreated(), type: 'content.teleported' }] }), 400, /event 1 .*field type: unknown event type "content.teleported"/],
    ['a missing field', () => ({ events: [(({ author: _a, ...rest }) => rest)(contentCreated())] }), 400, /event 0 .*field author: is required/],
    ['a wrong type', () => ({ events: [{ ...contentCreated(), content: { id: 'c1', kind: 'text_post', text: 42 } }] }), 400, /field content\.text: expected string/],
    ['a bad time', () => ({ events: [{ ...contentCreated(), time: 'yesterday' }] }), 400, /field time: .*date-time/],
    ['an unexpected field', () => ({ events: [{ ...contentCreated(), colour: 'red' }] }), 400, /field colour: is not a field here; allowed: id, time, signals, attrs, type, content, author/],
    ['too many events', () => ({ events: Array.from({ length: 1001 }, () => login()) }), 400, /1001 events; the limit is 1000/],
    ['more than 1 MiB', () => ({ events: Array.from({ length: 30 }, () => contentCreated({ text: 'x'.repeat(40_000) })) }), 413, /larger than 1 MiB/],
  ];
  for (const [name, make, status, message] of badCases) {
    it(`answers ${status} with a clear message for ${name}, storing nothing`, async () => {
      const before = await count();
      const body = make();
      const res = await vigil.request('POST', '/v1/events', typeof body === 'string' ? { raw: body } : { body });
      expect(res.status).toBe(status);
      expect(res.json.message).toMatch(message);
      expect(await count()).toBe(before);
    });
  }

  it('detects the language of content that does not state one, and keeps a stated one', async () => {
    const es = contentCreated({ text: 'Hola a todos, hoy vamos a cocinar una receta muy fácil con arroz y pollo' });
    const ar = contentCreated({ text: 'مرحبا بكم في البث المباشر اليوم سنتحدث عن الطبخ' });
    const stated = contentCreated({ text: 'Hola a todos, hoy vamos a cocinar', language: 'ca' });
    await vigil.request('POST', '/v1/events', { body: { events: [es, ar, stated] } });
    const lang = async (id: string) => (await vigil.request('GET', `/v1/entities/content/${id}`)).json.entity.attrs.language;
    expect(await lang(es.content.id)).toBe('es');
    expect(await lang(ar.content.id)).toBe('ar');
    expect(await lang(stated.content.id)).toBe('ca');
    const events = (await vigil.request('GET', `/v1/events?entity_type=content&entity_id=${es.content.id}`)).json.events;
    expect(events[0].language).toBe('es');
  });

  it('hands accepted events to the bus: the event-stats consumer counts each exactly once', async () => {
    const batch = [contentCreated(), contentCreated(), login()];
    await vigil.request('POST', '/v1/events', { body: { events: batch } });
    await vigil.request('POST', '/v1/events', { body: { events: batch } });
    const total = await count();
    const stats = await eventually(async () => {
      const s = (await vigil.request('GET', '/v1/stats/events?minutes=5')).json;
      return s.total === total ? s : undefined;
    });
    expect(stats.totals.login).toBeGreaterThanOrEqual(1);
    const processed = await vigil.services.db.selectFrom('event_processing').select(['seq', 'times']).execute();
    expect(processed.length).toBe(total);
    expect(processed.every((p) => p.times === 1)).toBe(true);
  });
});

describeEachBackend('operations endpoints', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  it('answers /healthz with the backend and bus, /metrics in Prometheus format, and serves the OpenAPI document', async () => {
    const health = await vigil.request('GET', '/healthz', { key: null });
    expect(health.json).toEqual({ status: 'ok', backend, bus: 'outbox' });
    await vigil.request('POST', '/v1/events', { body: { events: [login()] } });
    const metrics = await vigil.request('GET', '/metrics', { key: null });
    expect(metrics.text).toMatch(/^vigil_events_ingested_total\{status="accepted"\} 1$/m);
    expect(metrics.text).toMatch(/vigil_http_request_duration_seconds_bucket\{.*route="\/v1\/events"/);
    expect(metrics.text).toMatch(/^vigil_bus_lag_messages\{topic="events",group="event-stats"\} \d+$/m);
    const doc = (await vigil.request('GET', '/openapi.json', { key: null })).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/events');
    const page = await vigil.request('GET', '/docs/', { key: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });
});
