// The strategy API end to end on both backends: refusing bad sources with positions and changing
// nothing, the lifecycle, decisions from ingested events with their trace, revert of a version, lists,
// the synchronous decision, and a backtest that finds what live deciding found.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startTestVigil, type TestVigil } from '../../../test/support/app.js';
import { describeEachBackend } from '../../../test/support/db.js';

const T0 = Date.parse('2026-11-01T12:00:00Z');
const comment = (n: number, author: string, minute: number, text = `hello there ${n}`) => ({
  id: `ev-${n}`,
  type: 'comment',
  time: new Date(T0 + minute * 60_000).toISOString(),
  content: { id: `c-${n}`, kind: 'comment', text, language: 'en' },
  author: { id: author },
  target: { type: 'livestream', id: 'ls-1' },
});

const SOURCE = `policy spam
on comment
let recent = count(comment, by: author, window: 10m)
rule burst when recent >= 2 and author.id not in list("trusted") then remove, enqueue "general" priority 60
`;

describeEachBackend('strategies over HTTP', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  it('refuses a source with errors, pointing at each, and saves nothing', async () => {
    const bad = await vigil.request('POST', '/v1/strategies', { body: { id: 'bad', name: 'Bad', source: 'policy spam\non comment\nrule r when author.folowers > 1 then remove' } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toBe('invalid_strategy');
    expect(bad.json.problems[0]).toMatchObject({ line: 3, col: 13, level: 'error' });
    expect(bad.json.problems[0].message).toMatch(/unknown field `folowers` of author/);
    expect((await vigil.request('GET', '/v1/strategies/bad')).status).toBe(404);
    const check = await vigil.request('POST', '/v1/strategies/check', { body: { source: 'policy spam\non comment\nrule r when 1 > 2 then remove' } });
    expect(check.json).toMatchObject({ ok: false, problems: [{ line: 3, col: 15 }] });
    const good = await vigil.request('POST', '/v1/strategies/check', { body: { source: SOURCE } });
    expect(good.json.ok).toBe(false); // the list does not exist yet
    expect(good.json.problems[0].message).toMatch(/unknown list `trusted`/);
  });

  it('decides on ingested events, explains, reverts a version, and a backtest finds the same', async () => {
    expect((await vigil.request('POST', '/v1/lists', { body: { id: 'trusted', kind: 'allow', items: ['a9'] } })).status).toBe(201);
    const created = await vigil.request('POST', '/v1/strategies', { body: { id: 'burst', name: 'Comment bursts', source: SOURCE } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'burst', latest_version: 1, live_version: null, policy_id: 'spam' });
    const analyst = await vigil.keyFor('viewer');
    expect((await vigil.request('POST', '/v1/strategies/burst/versions/1/state', { key: analyst, body: { state: 'live' } })).status).toBe(403);
    expect((await vigil.request('POST', '/v1/strategies/burst/versions/1/state', { body: { state: 'rollout' } })).json.message).toMatch(/rollout_percent/);
    expect((await vigil.request('POST', '/v1/strategies/burst/versions/1/state', { body: { state: 'live' } })).json.state).toBe('live');

    const events = [comment(1, 'a1', 0), comment(2, 'a1', 1), comment(3, 'a1', 2), comment(4, 'a9', 3), comment(5, 'a9', 4), comment(6, 'a9', 5)];
    expect((await vigil.request('POST', '/v1/events', { body: { events } })).status).toBe(200);
    const decided = await eventually(async () => {
      const r = await vigil.request('GET', '/v1/decisions?strategy=burst');
      return r.json.decisions.length === 1 && r.json.decisions;
    });
    expect(decided[0]).toMatchObject({ event_id: 'ev-3', rule: 'burst', mode: 'live', applied: true, entity: { type: 'content', id: 'c-3' } });
    const one = await vigil.request('GET', `/v1/decisions/${decided[0].id}`);
    expect(one.json.evidence.counters[0]).toMatchObject({ key: 'account:a1', value: 2 });
    expect(one.json.evidence.conditions.map((c: { expr: string }) => c.expr)).toContain('author.id not in list("trusted")');

    const actions = (await vigil.request('GET', '/v1/actions?entity_type=content&entity_id=c-3')).json.actions;
    expect(actions.map((a: { action: string }) => a.action).sort()).toEqual(['enqueue', 'remove']);
    expect(actions.find((a: { action: string }) => a.action === 'enqueue').details).toEqual({ queue: 'general', priority: 60 });

    // The synchronous path: a1's next comment would be decided the same way, and nothing is recorded.
    const sync = await vigil.request('POST', '/v1/decide?budget_ms=10000', { body: comment(7, 'a1', 3) });
    expect(sync.status).toBe(200);
    expect(sync.json).toMatchObject({ verdict: 'block', decisions: [{ strategy_id: 'burst', rule: 'burst' }] });
    expect(sync.json.decisions[0].evidence.counters[0].value).toBe(3);
    expect((await vigil.request('POST', '/v1/decide', { body: { ...comment(8, 'a1', 3), content: { id: 'x' } } })).status).toBe(400);
    expect((await vigil.request('POST', '/v1/decide?budget_ms=0', { body: comment(9, 'a1', 3) })).status).toBe(400);
    expect((await vigil.request('GET', '/v1/decisions?strategy=burst')).json.decisions).toHaveLength(1);

    const backtest = await vigil.request('POST', '/v1/strategies/burst/versions/1/backtest', { body: { from: new Date(T0 - 3_600_000).toISOString(), to: new Date(T0 + 3_600_000).toISOString() } });
    expect(backtest.status).toBe(200);
    expect(backtest.json).toMatchObject({ events: 6, hits: 1, by_rule: { burst: 1 }, review_load: { general: 1 } });
    expect(backtest.json.sample.map((h: { event_id: string }) => h.event_id)).toEqual(['ev-3']);

    expect((await vigil.request('GET', '/v1/strategies/burst/versions/1/revert')).json).toEqual({ revertible: 1 }); // the removal; an enqueue has nothing to undo
    const newest = (await vigil.request('GET', '/v1/actions?order=desc&strategy=burst&version=1&limit=1')).json.actions;
    expect(newest.map((a: { action: string; strategy: { id: string } }) => a.strategy.id)).toEqual(['burst']);
    const revert = await vigil.request('POST', '/v1/strategies/burst/versions/1/revert');
    expect(revert.json).toEqual({ reverted: 1 });
    expect((await vigil.request('GET', '/v1/strategies/burst/versions/1/revert')).json).toEqual({ revertible: 0 });
    const after = (await vigil.request('GET', '/v1/actions?entity_type=content&entity_id=c-3')).json.actions;
    const restore = after.find((a: { action: string }) => a.action === 'restore');
    expect(restore.reverts_seq).toBe(after.find((a: { action: string }) => a.action === 'remove').seq);
    expect((await vigil.request("POST", `/v1/actions/${restore.reverts_seq}/revert`, { body: {} })).json).toMatchObject({ error: "not_revertible", message: expect.stringMatching(/already reverted/) });
  });

  it('walks the lifecycle: shadow beside live, rollback to an earlier version', async () => {
    const v2 = await vigil.request('POST', '/v1/strategies/burst/versions', { body: { name: 'Comment bursts', source: SOURCE.replace('recent >= 2', 'recent >= 1'), note: 'lower threshold' } });
    expect(v2.json).toMatchObject({ version: 2, state: 'draft', note: 'lower threshold' });
    expect((await vigil.request('POST', '/v1/strategies/burst/versions/2/state', { body: { state: 'shadow' } })).json.state).toBe('shadow');
    await vigil.request('POST', '/v1/events', { body: { events: [comment(10, 'b1', 30), comment(11, 'b1', 31), comment(12, 'b1', 32)] } });
    const diff = await eventually(async () => {
      const r = await vigil.request('GET', '/v1/strategies/burst/versions/2/shadow-diff');
      return r.json.only_shadow === 1 && r.json.both === 1 && r.json;
    });
    expect(diff.rows.map((r: { event_id: string; live_rule: string | null }) => [r.event_id, r.live_rule])).toEqual([
      ['ev-12', 'burst'],
      ['ev-11', null],
    ]);
    expect((await vigil.request('POST', '/v1/strategies/burst/versions/2/state', { body: { state: 'live' } })).json.state).toBe('live');
    expect((await vigil.request('GET', '/v1/strategies/burst')).json).toMatchObject({ live_version: 2, candidate: null });
    expect((await vigil.request('POST', '/v1/strategies/burst/versions/1/state', { body: { state: 'live' } })).json.state).toBe('live');
    const versions = (await vigil.request('GET', '/v1/strategies/burst/versions')).json.versions;
    expect(versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [2, 'retired'],
      [1, 'live'],
    ]);
    expect((await vigil.request('DELETE', '/v1/lists/trusted')).status).toBe(409);
  });
});
