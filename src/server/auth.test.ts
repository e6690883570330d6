import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/index.js';
import { startTestVigil, type TestVigil } from '../../test/support/app.js';

const READERS: Role[] = ['admin', 'analyst', 'moderator', 'viewer'];
const ALL: Role[] = [...ROLES];

/** Every authenticated endpoint and the roles it admits. A new endpoint must be added here (checked below). */
const MATRIX: { method: string; path: string; openapi: string; roles: Role[] }[] = [
  { method: 'POST', path: '/v1/events', openapi: '/v1/events', roles: ['ingest', 'admin'] },
  { method: 'GET', path: '/v1/events', openapi: '/v1/events', roles: READERS },
  { method: 'GET', path: '/v1/stats/events', openapi: '/v1/stats/events', roles: READERS },
  { method: 'GET', path: '/v1/entities', openapi: '/v1/entities', roles: READERS },
  { method: 'GET', path: '/v1/entities/account/nobody', openapi: '/v1/entities/{type}/{id}', roles: READERS },
  { method: 'GET', path: '/v1/policies', openapi: '/v1/policies', roles: READERS },
  { method: 'GET', path: '/v1/policies/spam', openapi: '/v1/policies/{id}', roles: READERS },
  { method: 'GET', path: '/v1/policies/spam/versions', openapi: '/v1/policies/{id}/versions', roles: READERS },
  { method: 'POST', path: '/v1/policies', openapi: '/v1/policies', roles: ['admin'] },
  { method: 'PUT', path: '/v1/policies/spam', openapi: '/v1/policies/{id}', roles: ['admin'] },
  { method: 'DELETE', path: '/v1/policies/no_such_policy', openapi: '/v1/policies/{id}', roles: ['admin'] },
  { method: 'GET', path: '/v1/queues', openapi: '/v1/queues', roles: READERS },
  { method: 'GET', path: '/v1/queues/general', openapi: '/v1/queues/{id}', roles: READERS },
  { method: 'GET', path: '/v1/queues/general/versions', openapi: '/v1/queues/{id}/versions', roles: READERS },
  { method: 'POST', path: '/v1/queues', openapi: '/v1/queues', roles: ['admin'] },
  { method: 'PUT', path: '/v1/queues/general', openapi: '/v1/queues/{id}', roles: ['admin'] },
  { method: 'DELETE', path: '/v1/queues/no_such_queue', openapi: '/v1/queues/{id}', roles: ['admin'] },
  { method: 'POST', path: '/v1/actions', openapi: '/v1/actions', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/actions/bulk', openapi: '/v1/actions/bulk', roles: ['admin', 'moderator'] },
  { method: 'GET', path: '/v1/actions', openapi: '/v1/actions', roles: ALL },
  { method: 'GET', path: '/v1/me', openapi: '/v1/me', roles: ALL },
  { method: 'GET', path: '/v1/keys', openapi: '/v1/keys', roles: ['admin'] },
  { method: 'POST', path: '/v1/keys', openapi: '/v1/keys', roles: ['admin'] },
  { method: 'DELETE', path: '/v1/keys/no-such-key', openapi: '/v1/keys/{id}', roles: ['admin'] },
  { method: 'GET', path: '/v1/export/no_such_table', openapi: '/v1/export/{table}', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/export', openapi: '/v1/export', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/media', openapi: '/v1/media', roles: ['ingest', 'admin'] },
  { method: 'GET', path: `/v1/media/${'0'.repeat(64)}`, openapi: '/v1/media/{sha256}', roles: [...READERS, 'ingest'] },
  { method: 'GET', path: `/v1/media/${'0'.repeat(64)}/content`, openapi: '/v1/media/{sha256}/content', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'GET', path: `/v1/media/${'0'.repeat(64)}/thumbnail`, openapi: '/v1/media/{sha256}/thumbnail', roles: READERS },
  { method: 'GET', path: `/v1/media/${'0'.repeat(64)}/preview`, openapi: '/v1/media/{sha256}/preview', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'GET', path: '/v1/packages', openapi: '/v1/packages', roles: READERS },
  { method: 'POST', path: '/v1/packages', openapi: '/v1/packages', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/packages/no_such_package', openapi: '/v1/packages/{id}', roles: READERS },
  { method: 'PUT', path: '/v1/packages/no_such_package', openapi: '/v1/packages/{id}', roles: ['admin', 'analyst'] },
  { method: 'DELETE', path: '/v1/packages/no_such_package', openapi: '/v1/packages/{id}', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/packages/no_such_package/versions', openapi: '/v1/packages/{id}/versions', roles: READERS },
  { method: 'GET', path: '/v1/packages/no_such_package/materials', openapi: '/v1/packages/{id}/materials', roles: READERS },
  { method: 'POST', path: '/v1/packages/no_such_package/materials', openapi: '/v1/packages/{id}/materials', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/packages/no_such_package/import', openapi: '/v1/packages/{id}/import', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/packages/no_such_package/export', openapi: '/v1/packages/{id}/export', roles: READERS },
  { method: 'GET', path: '/v1/packages/no_such_package/hits', openapi: '/v1/packages/{id}/hits', roles: READERS },
  { method: 'GET', path: '/v1/materials/999999', openapi: '/v1/materials/{id}', roles: READERS },
  { method: 'PUT', path: '/v1/materials/999999', openapi: '/v1/materials/{id}', roles: ['admin', 'analyst'] },
  { method: 'DELETE', path: '/v1/materials/999999', openapi: '/v1/materials/{id}', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/materials/999999/history', openapi: '/v1/materials/{id}/history', roles: READERS },
  { method: 'GET', path: '/v1/materials/999999/hits', openapi: '/v1/materials/{id}/hits', roles: READERS },
  { method: 'POST', path: '/v1/materials/try', openapi: '/v1/materials/try', roles: READERS },
  { method: 'POST', path: '/v1/materials/preview', openapi: '/v1/materials/preview', roles: READERS },
  { method: 'POST', path: '/v1/hashes/image', openapi: '/v1/hashes/image', roles: READERS },
  { method: 'GET', path: '/v1/strategies', openapi: '/v1/strategies', roles: READERS },
  { method: 'POST', path: '/v1/strategies', openapi: '/v1/strategies', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/strategies/check', openapi: '/v1/strategies/check', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/strategies/nope', openapi: '/v1/strategies/{id}', roles: READERS },
  { method: 'GET', path: '/v1/strategies/nope/versions', openapi: '/v1/strategies/{id}/versions', roles: READERS },
  { method: 'POST', path: '/v1/strategies/nope/versions', openapi: '/v1/strategies/{id}/versions', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/strategies/nope/versions/1', openapi: '/v1/strategies/{id}/versions/{version}', roles: READERS },
  { method: 'POST', path: '/v1/strategies/nope/versions/1/state', openapi: '/v1/strategies/{id}/versions/{version}/state', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/strategies/nope/pause', openapi: '/v1/strategies/{id}/pause', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/strategies/nope/versions/1/revert', openapi: '/v1/strategies/{id}/versions/{version}/revert', roles: READERS },
  { method: 'POST', path: '/v1/strategies/nope/versions/1/revert', openapi: '/v1/strategies/{id}/versions/{version}/revert', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/strategies/nope/versions/1/backtest', openapi: '/v1/strategies/{id}/versions/{version}/backtest', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/strategies/nope/versions/1/shadow-diff', openapi: '/v1/strategies/{id}/versions/{version}/shadow-diff', roles: READERS },
  { method: 'GET', path: '/v1/decisions', openapi: '/v1/decisions', roles: READERS },
  { method: 'GET', path: '/v1/decisions/999999', openapi: '/v1/decisions/{id}', roles: READERS },
  { method: 'POST', path: '/v1/actions/999999/revert', openapi: '/v1/actions/{seq}/revert', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'POST', path: '/v1/decide', openapi: '/v1/decide', roles: ['admin', 'analyst', 'ingest'] },
  { method: 'GET', path: '/v1/lists', openapi: '/v1/lists', roles: READERS },
  { method: 'POST', path: '/v1/lists', openapi: '/v1/lists', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/lists/nope', openapi: '/v1/lists/{id}', roles: READERS },
  { method: 'PATCH', path: '/v1/lists/nope', openapi: '/v1/lists/{id}', roles: ['admin', 'analyst'] },
  { method: 'DELETE', path: '/v1/lists/nope', openapi: '/v1/lists/{id}', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/guardrails', openapi: '/v1/guardrails', roles: READERS },
  { method: 'PUT', path: '/v1/guardrails', openapi: '/v1/guardrails', roles: ['admin'] },
  { method: 'GET', path: '/v1/alerts', openapi: '/v1/alerts', roles: READERS },
  { method: 'POST', path: '/v1/alerts/999999/acknowledge', openapi: '/v1/alerts/{id}/acknowledge', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/snoozes', openapi: '/v1/snoozes', roles: READERS },
  { method: 'POST', path: '/v1/snoozes', openapi: '/v1/snoozes', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'DELETE', path: '/v1/snoozes/999999', openapi: '/v1/snoozes/{id}', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'POST', path: '/v1/review/next', openapi: '/v1/review/next', roles: ['admin', 'moderator'] },
  { method: 'GET', path: '/v1/review/tasks/999999/view', openapi: '/v1/review/tasks/{id}/view', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/review/tasks/999999/heartbeat', openapi: '/v1/review/tasks/{id}/heartbeat', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/review/tasks/999999/release', openapi: '/v1/review/tasks/{id}/release', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/review/tasks/999999/skip', openapi: '/v1/review/tasks/{id}/skip', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/review/tasks/999999/escalate', openapi: '/v1/review/tasks/{id}/escalate', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/review/tasks/999999/verdict', openapi: '/v1/review/tasks/{id}/verdict', roles: ['admin', 'moderator'] },
  { method: 'GET', path: '/v1/review/tasks', openapi: '/v1/review/tasks', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/review/tasks/999999', openapi: '/v1/review/tasks/{id}', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/review/tasks', openapi: '/v1/review/tasks', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/reports', openapi: '/v1/reports', roles: ['admin', 'ingest'] },
  { method: 'POST', path: '/v1/review/qa', openapi: '/v1/review/qa', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/reporters/nobody', openapi: '/v1/reporters/{reporter}', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/appeals', openapi: '/v1/appeals', roles: ['admin', 'ingest'] },
  { method: 'GET', path: '/v1/appeals', openapi: '/v1/appeals', roles: READERS },
  { method: 'GET', path: '/v1/appeals/999999', openapi: '/v1/appeals/{id}', roles: READERS },
  { method: 'GET', path: '/v1/review/queues', openapi: '/v1/review/queues', roles: READERS },
  { method: 'GET', path: '/v1/review/flow', openapi: '/v1/review/flow', roles: READERS },
  { method: 'POST', path: '/v1/queues/no_such_queue/state', openapi: '/v1/queues/{id}/state', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/review/routes', openapi: '/v1/review/routes', roles: READERS },
  { method: 'PUT', path: '/v1/review/routes', openapi: '/v1/review/routes', roles: ['admin'] },
  { method: 'GET', path: '/v1/review/settings', openapi: '/v1/review/settings', roles: READERS },
  { method: 'PUT', path: '/v1/review/settings', openapi: '/v1/review/settings', roles: ['admin'] },
  { method: 'POST', path: '/v1/review/samples', openapi: '/v1/review/samples', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/review/precision?by=strategy', openapi: '/v1/review/precision', roles: READERS },
  { method: 'GET', path: '/v1/moderators', openapi: '/v1/moderators', roles: READERS },
  { method: 'GET', path: '/v1/moderators/mod:nobody', openapi: '/v1/moderators/{id}', roles: READERS },
  { method: 'PUT', path: '/v1/moderators/mod:nobody', openapi: '/v1/moderators/{id}', roles: ['admin'] },
  { method: 'PUT', path: '/v1/moderators/mod:nobody/certifications/spam', openapi: '/v1/moderators/{id}/certifications/{policy}', roles: ['admin'] },
  { method: 'DELETE', path: '/v1/moderators/mod:nobody/certifications/spam', openapi: '/v1/moderators/{id}/certifications/{policy}', roles: ['admin'] },
  { method: 'GET', path: '/v1/moderators/mod:nobody/exposure', openapi: '/v1/moderators/{id}/exposure', roles: ['admin'] },
  { method: 'GET', path: '/v1/me/exposure', openapi: '/v1/me/exposure', roles: READERS },
  { method: 'GET', path: '/v1/review/queues/general/thresholds', openapi: '/v1/review/queues/{id}/thresholds', roles: READERS },
  { method: 'POST', path: '/v1/review/assign', openapi: '/v1/review/assign', roles: ['admin'] },
  { method: 'POST', path: '/v1/qa/golden', openapi: '/v1/qa/golden', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/qa/golden', openapi: '/v1/qa/golden', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/qa/golden/999999/archive', openapi: '/v1/qa/golden/{id}/archive', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/qa/agreement', openapi: '/v1/qa/agreement', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/qa/moderators', openapi: '/v1/qa/moderators', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/qa/adjudications', openapi: '/v1/qa/adjudications', roles: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/qa/adjudications/999999/decide', openapi: '/v1/qa/adjudications/{verdict_id}/decide', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/strike-ladders', openapi: '/v1/strike-ladders', roles: READERS },
  { method: 'GET', path: '/v1/strike-ladders/default', openapi: '/v1/strike-ladders/{policy}', roles: READERS },
  { method: 'PUT', path: '/v1/strike-ladders/default', openapi: '/v1/strike-ladders/{policy}', roles: ['admin'] },
  { method: 'GET', path: '/v1/entities/account/nobody/strikes', openapi: '/v1/entities/{type}/{id}/strikes', roles: READERS },
  { method: 'POST', path: '/v1/strikes', openapi: '/v1/strikes', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/penalties', openapi: '/v1/penalties', roles: ['admin', 'moderator'] },
  { method: 'POST', path: '/v1/cases', openapi: '/v1/cases', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'GET', path: '/v1/cases', openapi: '/v1/cases', roles: READERS },
  { method: 'GET', path: '/v1/cases/999999', openapi: '/v1/cases/{id}', roles: READERS },
  { method: 'PATCH', path: '/v1/cases/999999', openapi: '/v1/cases/{id}', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'POST', path: '/v1/cases/999999/items', openapi: '/v1/cases/{id}/items', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'DELETE', path: '/v1/cases/999999/items/1', openapi: '/v1/cases/{id}/items/{itemId}', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'POST', path: '/v1/cases/999999/notes', openapi: '/v1/cases/{id}/notes', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'POST', path: '/v1/cases/999999/close', openapi: '/v1/cases/{id}/close', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'POST', path: '/v1/cases/999999/reopen', openapi: '/v1/cases/{id}/reopen', roles: ['admin', 'analyst', 'moderator'] },
  { method: 'GET', path: '/v1/entities/account/nobody/cases', openapi: '/v1/entities/{type}/{id}/cases', roles: READERS },
  { method: 'GET', path: '/v1/audit', openapi: '/v1/audit', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/audit/export', openapi: '/v1/audit/export', roles: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/statements', openapi: '/v1/statements', roles: ['admin', 'analyst', 'viewer'] },
  { method: 'GET', path: '/v1/statements/export', openapi: '/v1/statements/export', roles: ['admin', 'analyst', 'viewer'] },
  { method: 'GET', path: '/v1/statements/settings', openapi: '/v1/statements/settings', roles: ['admin', 'analyst', 'viewer'] },
  { method: 'PUT', path: '/v1/statements/settings', openapi: '/v1/statements/settings', roles: ['admin'] },
  { method: 'GET', path: '/v1/statements/999999', openapi: '/v1/statements/{id}', roles: ['admin', 'analyst', 'viewer'] },
  { method: 'GET', path: '/v1/webhooks', openapi: '/v1/webhooks', roles: ['admin'] },
  { method: 'POST', path: '/v1/webhooks', openapi: '/v1/webhooks', roles: ['admin'] },
  { method: 'GET', path: '/v1/webhooks/wh_nope', openapi: '/v1/webhooks/{id}', roles: ['admin'] },
  { method: 'PUT', path: '/v1/webhooks/wh_nope', openapi: '/v1/webhooks/{id}', roles: ['admin'] },
  { method: 'DELETE', path: '/v1/webhooks/wh_nope', openapi: '/v1/webhooks/{id}', roles: ['admin'] },
  { method: 'POST', path: '/v1/webhooks/wh_nope/test', openapi: '/v1/webhooks/{id}/test', roles: ['admin'] },
  { method: 'GET', path: '/v1/webhooks/deliveries', openapi: '/v1/webhooks/deliveries', roles: ['admin'] },
  { method: 'GET', path: '/v1/webhooks/deliveries/nope', openapi: '/v1/webhooks/deliveries/{id}', roles: ['admin'] },
  { method: 'POST', path: '/v1/webhooks/deliveries/nope/retry', openapi: '/v1/webhooks/deliveries/{id}/retry', roles: ['admin'] },
];

describe('API keys and roles', () => {
  let vigil: TestVigil;
  const keys = new Map<Role, string>();
  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    for (const role of ROLES) keys.set(role, await vigil.keyFor(role));
  });
  afterAll(() => vigil?.close());

  it('lists every authenticated endpoint of the OpenAPI document in this matrix', async () => {
    const doc = (await vigil.request('GET', '/openapi.json', { key: null })).json;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .filter((r) => r.includes(' /v1/'))
      .sort();
    const inMatrix = [...new Set(MATRIX.map((r) => `${r.method} ${r.openapi}`))].sort();
    expect(documented).toEqual(inMatrix);
  });

  for (const route of MATRIX) {
    it(`${route.method} ${route.path}: refuses a missing or unknown key with 401`, async () => {
      expect((await vigil.request(route.method, route.path, { key: null, body: {} })).status).toBe(401);
      expect((await vigil.request(route.method, route.path, { key: 'vgl_not_a_real_key', body: {} })).status).toBe(401);
    });
    it(`${route.method} ${route.path}: admits exactly ${route.roles.join(', ')}`, async () => {
      for (const role of ROLES) {
        const res = await vigil.request(route.method, route.path, { key: keys.get(role)!, body: {} });
        if (route.roles.includes(role)) expect([401, 403], `${role} should be admitted`).not.toContain(res.status);
        else {
          expect(res.status, `${role} should be refused`).toBe(403);
          expect(res.json.message).toContain('needs one of the roles');
        }
      }
    });
  }

  it('stores keys only as hashes, and a revoked key stops working', async () => {
    const created = await vigil.request('POST', '/v1/keys', { body: { name: 'temp', roles: ['viewer'] } });
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    const rows = await vigil.services.db.selectFrom('api_keys').select(['key_hash']).execute();
    expect(rows.some((r) => r.key_hash.includes(key) || key.includes(r.key_hash))).toBe(false);
    expect((await vigil.request('GET', '/v1/me', { key })).json.roles).toEqual(['viewer']);
    expect((await vigil.request('DELETE', `/v1/keys/${created.json.info.id}`)).status).toBe(200);
    expect((await vigil.request('GET', '/v1/me', { key })).status).toBe(401);
  });
});
