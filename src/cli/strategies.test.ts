import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, startTestVigil, type TestVigil } from '../../test/support/app.js';
import { backtestCommand, strategiesCheckCommand, strategiesPushCommand } from './strategies.js';

const T0 = Date.parse('2026-11-01T12:00:00Z');
const comment = (n: number, minute: number) => ({ id: `ev-${n}`, type: 'comment', time: new Date(T0 + minute * 60_000).toISOString(), content: { id: `c-${n}`, kind: 'comment', text: 'hi' }, author: { id: 'a1' }, target: { type: 'content', id: 'v1' } });

describe('vigil strategies check / push and vigil backtest', () => {
  let vigil: TestVigil;
  let dir: string;
  let remote: { url: string; key: string };
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  beforeAll(async () => {
    vigil = await startTestVigil('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-strategies-cli-'));
    remote = { url: vigil.url, key: await vigil.keyFor('analyst') };
  });
  afterAll(async () => {
    await vigil?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints errors as FILE:LINE:COL and saves nothing; saves a good file as a new version and moves it live', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const bad = write('bad.vigil', 'policy spam\non comment\nrule r when author.nope > 1 then remove\n');
    await expect(strategiesCheckCommand(bad, remote)).rejects.toThrow(/1 error/);
    expect(errors.mock.calls[0]![0]).toBe(`${bad}:3:13: error: unknown field \`nope\` of author: it has id, type, labels, first_seen, kind, display_name, bio, country, verified, follower_count, created_at, and attrs.<name> for platform-defined attributes`);
    await expect(strategiesPushCommand(bad, { ...remote, id: 'bursts' })).rejects.toThrow(/not saved/);
    expect((await vigil.request('GET', '/v1/strategies/bursts')).status).toBe(404);

    const good = write('bursts.vigil', 'policy spam\non comment\nrule burst when count(comment, by: author, window: 10m) >= 2 then remove\n');
    await strategiesCheckCommand(good, remote);
    expect(log.mock.calls.at(-1)![0]).toBe(`${good}: ok (policy spam, severity 4, on comment; 1 rule(s), 1 counter(s))`);
    await strategiesPushCommand(good, { ...remote, id: 'bursts', state: 'live' });
    await strategiesPushCommand(good, { ...remote, id: 'bursts', note: 'same again' });
    expect(log.mock.calls.slice(-3).map((c) => c[0])).toEqual(['bursts: saved as version 1 (draft)', 'bursts: version 1 is live', 'bursts: saved as version 2 (draft)']);
    errors.mockRestore();
    log.mockRestore();
  });

  it('backtests with progress streamed from the server and prints the report', async () => {
    await vigil.request('POST', '/v1/events', { body: { events: [comment(1, 0), comment(2, 1), comment(3, 2), comment(4, 30)] } });
    await eventually(async () => (await vigil.request('GET', '/v1/decisions?strategy=bursts')).json.decisions.length === 1);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await backtestCommand({ ...remote, strategy: 'bursts', version: '1', from: new Date(T0 - 60_000).toISOString(), to: new Date(T0 + 3_600_000).toISOString(), quiet: true });
    const lines = log.mock.calls.map((c) => String(c[0]));
    log.mockRestore();
    expect(lines[0]).toMatch(/^bursts v1 from 2026-11-01T11:59:00.000Z to 2026-11-01T13:00:00.000Z$/);
    expect(lines[1]).toMatch(/^ {2}4 events, 1 hits \(25\.00%\) in \d+\.\d s$/);
    expect(lines).toContain('  rule burst: 1');
  });
});
