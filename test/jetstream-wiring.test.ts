// The scaled-out wiring end to end: Vigil on a PostgreSQL server with the JetStream bus. Events posted over
// HTTP are relayed from the outbox to the stream and consumed by the event-stats consumer exactly once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { inject } from 'vitest';
import { eventually, startTestVigil, type TestVigil } from './support/app.js';
import { contentCreated, login } from './support/events.js';
import { natsUrl, requireService } from './support/services.js';

const nats = await requireService('NATS JetStream', natsUrl());
const postgres = !!inject('postgresTemplateDb');

(nats.run && postgres ? describe : describe.skip)('Vigil on PostgreSQL with the JetStream bus', () => {
  const streamName = `VIGIL_WIRING_${randomBytes(5).toString('hex')}`;
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil('postgres', { natsUrl: natsUrl(), streamName });
  });
  afterAll(async () => {
    await vigil?.close();
    const nc = await connect({ servers: natsUrl() });
    await (await jetstreamManager(nc)).streams.delete(streamName).catch(() => undefined);
    await nc.close();
  });

  it('relays ingested events through JetStream to the consumers, once each, and reports the bus in /healthz', async () => {
    expect((await vigil.request('GET', '/healthz', { key: null })).json.bus).toBe('jetstream');
    const batch = [contentCreated(), contentCreated(), login(), login()];
    expect((await vigil.request('POST', '/v1/events', { body: { events: batch } })).json.accepted).toBe(4);
    expect((await vigil.request('POST', '/v1/events', { body: { events: batch } })).json.duplicates).toBe(4);
    const stats = await eventually(async () => {
      const s = (await vigil.request('GET', '/v1/stats/events?minutes=5')).json;
      return s.total === 4 ? s : undefined;
    }, 20_000);
    expect(stats.totals).toEqual({ 'content.created': 2, login: 2 });
    const processed = await vigil.services.db.selectFrom('event_processing').select('times').execute();
    expect(processed.map((p) => p.times)).toEqual([1, 1, 1, 1]);
  });
});
