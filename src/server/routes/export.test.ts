import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/support/db.js';
import { startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { contentCreated } from '../../../test/support/events.js';

describeEachBackend('export over HTTP', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
    await vigil.request('POST', '/v1/events', { body: { events: [contentCreated({ text: 'first, with "quotes"' }), contentCreated({ text: 'second' })] } });
  });
  afterAll(() => vigil?.close());

  it('streams a table as CSV with a header, quoting what needs quoting', async () => {
    const res = await vigil.request('GET', '/v1/export/policies?format=csv', { key: await vigil.keyFor('analyst') });
    expect(res.status).toBe(200);
    const lines = res.text.trim().split('\n');
    expect(lines[0].split(',')).toEqual(['id', 'name', 'definition', 'severity_tier', 'dsa_category', 'version', 'archived', 'updated_at', 'updated_by']);
    expect(lines).toHaveLength(11);
  });

  it('streams a read-only query as NDJSON', async () => {
    const res = await vigil.request('POST', '/v1/export', { body: { query: "SELECT id, attrs->>'text' AS text FROM entities WHERE type = 'content' ORDER BY attrs->>'text'", format: 'ndjson' } });
    expect(res.status).toBe(200);
    const rows = res.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.text)).toEqual(['first, with "quotes"', 'second']);
  });

  it('refuses a query that does not plan, a second statement, and an unknown table, with clear messages', async () => {
    const bad = await vigil.request('POST', '/v1/export', { body: { query: 'SELECT nope FROM events' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/column "nope" does not exist/);
    const two = await vigil.request('POST', '/v1/export', { body: { query: 'SELECT 1; DROP TABLE events' } });
    expect(two.json.message).toMatch(/single statement/);
    const table = await vigil.request('GET', '/v1/export/nothing_here');
    expect(table.status).toBe(404);
    expect(table.json.message).toMatch(/unknown table "nothing_here"; tables: /);
    expect((await vigil.request('GET', '/v1/events?limit=5')).json.events).toHaveLength(2);
  });
});
