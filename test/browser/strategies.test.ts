// The strategies area of the console in real headless Chromium against a real Vigil server (in memory):
// a strategy typed into the editor with a live error at the right line for a wrong field, fixed and
// created; made live; events ingested through the API make it fire; the decision explorer shows the
// decision with its condition values and counters; a second version saved from the editor, compared and
// put in shadow, its shadow diff; a backtest; pause and resume; reverting the live version from the
// strategy page with a confirmation that counts its actions (the server's dry run), and the action log
// showing the reverts; the action log read newest first a page at a time and filtered by strategy and
// version on the server; v2 made live and the rollback to v1.
// Each page is photographed under .scratch/strategies/. Without Chromium this suite skips with a printed
// reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingChromium as chromiumMissing, useConsoleSession, type ConsoleSession, callApi } from '../support/browser.js';

const WAIT = { timeout: 20_000, interval: 250 };
const SHOTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), '.scratch', 'strategies');

const missingChromium = chromiumMissing('strategies');

/** What the analyst types: `folowers` is not a field of an account. */
const TYPED = `# Bursts of comments from small accounts
policy spam
on comment
let recent = count(comment, by: author, window: 10m)
rule burst
  when recent >= 2 and author.folowers < 1000
  then remove, enqueue "general" priority 60
`;

describe.skipIf(Boolean(missingChromium))('strategies console in Chromium', () => {
  const session = useConsoleSession('strategies');
  let vigil: ConsoleSession['vigil'];
  let page: Page;
  const pageErrors = session.pageErrors;
  const now = Date.now();

  const api = <T = unknown>(method: string, route: string, body?: unknown) => callApi<T>(vigil.url, vigil.adminKey, method, route, body);

  /** A comment by `author` on a livestream, `minutesAgo` before the suite started. */
  const comment = (n: number, author: string, minutesAgo: number) => ({
    id: `ev-${n}`,
    type: 'comment',
    time: new Date(now - minutesAgo * 60_000).toISOString(),
    content: { id: `c-${n}`, kind: 'comment', text: `so good ${n}`, language: 'en' },
    author: { id: author, follower_count: 12 },
    target: { type: 'livestream', id: 'ls-1' },
  });

  async function ingest(events: unknown[]) {
    const res = await api('POST', '/v1/events', { events });
    expect(res.status).toBe(200);
  }

  /** The console's API requests from now until stop(), with their query. */
  function record() {
    const seen: { method: string; path: string; query: Record<string, string> }[] = [];
    const listener = (req: { url(): string; method(): string }) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/v1/')) seen.push({ method: req.method(), path: url.pathname, query: Object.fromEntries(url.searchParams) });
    };
    page.on('request', listener);
    return {
      stop() {
        page.off('request', listener);
        return seen;
      },
    };
  }

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name, exact: true }).click();
  const tab = (name: RegExp) => page.getByRole('navigation', { name: 'Strategy' }).getByRole('link', { name }).click();
  const versionRow = (v: number) => page.getByTestId('versions').locator(`tr[data-version="${v}"]`);

  beforeAll(async () => {
    ({ vigil, page } = session);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(vigil.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  });

  it('types a strategy, shows a live error at its line and column, fixes it and creates it', async () => {
    await nav('Strategies');
    await expect.poll(() => page.locator('.empty').innerText(), WAIT).toMatch(/No strategies yet/);
    await page.getByRole('link', { name: 'New strategy' }).click();
    await page.locator('#id').fill('burst');
    await page.locator('#name').fill('Comment bursts');
    await page.locator('#description').fill('Several comments within minutes from a small account');

    const editor = page.getByLabel('Strategy source');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(TYPED);
    expect(await editor.inputValue()).toBe(TYPED);

    // The live check marks line 6 in the gutter, underlines the bad field and lists the problem.
    const gutter = page.getByTestId('source-editor').locator('.gutter-line[data-line="6"]');
    await expect.poll(() => gutter.getAttribute('data-level'), WAIT).toBe('error');
    expect(await page.getByTestId('source-editor').locator('.gutter-line[data-level]').count()).toBe(1);
    const marked = page.locator('.code-layer .code-line[data-line="6"] .mk-error');
    expect((await marked.allInnerTexts()).join('')).toBe('author.folowers');
    const problem = page.getByTestId('problems').locator('li.problem-error');
    expect(await problem.count()).toBe(1);
    expect(await problem.getAttribute('data-line')).toBe('6');
    expect(await problem.getAttribute('data-col')).toBe('24');
    expect(await problem.innerText()).toMatch(/Line 6, col 24[\s\S]*unknown field `folowers` of author/);
    expect(await page.getByRole('button', { name: 'Create strategy' }).isDisabled()).toBe(true);
    await shot('editor-error');

    // Clicking the problem selects the field path in the editor; the analyst types the right one over it.
    await problem.getByRole('button', { name: 'Line 6, col 24' }).click();
    const selection = await editor.evaluate((ta: { value: string; selectionStart: number; selectionEnd: number }) => ta.value.slice(ta.selectionStart, ta.selectionEnd));
    expect(selection).toBe('author.folowers');
    await page.keyboard.type('author.follower_count');
    expect(await editor.inputValue()).toBe(TYPED.replace('folowers', 'follower_count'));
    await expect.poll(() => page.getByTestId('problems').locator('[role="status"]').getAttribute('data-state'), WAIT).toBe('ok');
    expect(await page.getByTestId('problems').locator('li').count()).toBe(0);
    expect(await page.locator('.code-layer .mk-error').count()).toBe(0);
    // What it compiles to, beside the editor.
    expect(await page.getByTestId('check-summary').innerText()).toMatch(/spam[\s\S]*comment[\s\S]*count\(comment, by: author, window: 10m\)[\s\S]*burst/);

    await page.locator('#note').fill('first cut');
    await page.getByRole('button', { name: 'Create strategy' }).click();
    await page.waitForURL(/\/strategies\/burst\/versions$/);
    await expect.poll(() => versionRow(1).getAttribute('data-state'), WAIT).toBe('draft');
    expect(await versionRow(1).innerText()).toContain('first cut');
  });

  it('makes v1 live; ingested events make it fire; the explorer shows why', async () => {
    await versionRow(1).getByRole('button', { name: 'Make live' }).click();
    expect(await versionRow(1).locator('.confirm-text').innerText()).toMatch(/Make v1 live\?/);
    await versionRow(1).getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => versionRow(1).getAttribute('data-state'), WAIT).toBe('live');
    await expect.poll(() => page.getByTestId('header-live').innerText(), WAIT).toBe('v1');
    expect(await page.getByTestId('strategy-notice').innerText()).toMatch(/v1 is now live/);

    // a1 comments three times within three minutes: the third reads a count of 2 and fires.
    await ingest([comment(1, 'a1', 3), comment(2, 'a1', 2), comment(3, 'a1', 1)]);
    await expect.poll(async () => (await api<{ decisions: unknown[] }>('GET', '/v1/decisions?strategy=burst')).json.decisions.length, WAIT).toBe(1);

    await nav('Decisions');
    await page.locator('select[name="strategy"]').selectOption('burst');
    await page.waitForURL(/strategy=burst/);
    const rows = page.getByTestId('decision-list').locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().innerText()).toMatch(/burst\s+v1\s+live\s+burst\s+content c-3[\s\S]*remove[\s\S]*enqueue general priority 60[\s\S]*comment ev-3/);
    await shot('decisions');

    await rows.first().getByRole('link', { name: /^#\d+$/ }).click();
    await page.waitForURL(/\/decisions\/\d+$/);
    const conditions = page.getByTestId('conditions');
    await conditions.waitFor();
    const valueOf = (expr: string) => conditions.locator(`tr[data-expr="${expr}"] .val`);
    expect(await valueOf('recent >= 2').innerText()).toBe('true');
    expect(await valueOf('recent >= 2').getAttribute('class')).toContain('val-true');
    expect(await valueOf('author.follower_count < 1000').innerText()).toBe('true');
    expect(await valueOf('recent').innerText()).toBe('2');
    expect(await valueOf('author.follower_count').innerText()).toBe('12');
    expect(await conditions.locator('tr').last().getAttribute('data-expr')).toBe('recent >= 2 and author.follower_count < 1000');
    expect(await page.getByTestId('counters').innerText()).toMatch(/count\(comment, by: author, window: 10m\)\s+account:a1\s+2/);
    // The source of v1 with the conditions marked where they stand.
    await expect.poll(() => page.getByTestId('decision-source').locator('.mk-true').count(), WAIT).toBeGreaterThan(0);
    // The actions it planned, found in the action log.
    await expect.poll(() => page.getByTestId('planned-actions').innerText(), WAIT).toMatch(/remove\s+content c-3[\s\S]*#\d+\s+in effect[\s\S]*enqueue general priority 60\s+content c-3[\s\S]*#\d+\s+in effect/);
    expect(await page.getByTestId('decision-entity').getAttribute('href')).toBe('/entities/content/c-3');
    await shot('decision');
  });

  it('saves v2 from the editor, compares it with v1, puts it in shadow and shows the shadow diff', async () => {
    await page.getByTestId('decision-summary').getByRole('link', { name: 'burst' }).click();
    await page.waitForURL(/\/strategies\/burst$/);
    const editor = page.getByLabel('Strategy source');
    await expect.poll(() => editor.inputValue(), WAIT).toContain('recent >= 2');
    expect(await page.getByRole('button', { name: 'Save as v2' }).isDisabled()).toBe(true);
    const at = (await editor.inputValue()).indexOf('>= 2') + 3;
    await editor.evaluate((ta: { focus(): void; setSelectionRange(a: number, b: number): void }, i: number) => {
      ta.focus();
      ta.setSelectionRange(i, i + 1);
    }, at);
    await page.keyboard.type('1');
    expect(await page.getByTestId('source-edited').count()).toBe(1);
    await page.locator('#note').fill('lower the threshold to one earlier comment');
    await expect.poll(() => page.getByTestId('problems').locator('[role="status"]').getAttribute('data-state'), WAIT).toBe('ok');
    await shot('editor');
    await page.getByRole('button', { name: 'Save as v2' }).click();
    await expect.poll(() => page.getByTestId('strategy-notice').innerText(), WAIT).toMatch(/Saved as v2, a draft/);

    await tab(/^Versions/);
    await expect.poll(() => versionRow(2).getAttribute('data-state'), WAIT).toBe('draft');
    const diff = page.getByTestId('version-diff');
    expect(await diff.getByTestId('diff-stat').innerText()).toMatch(/\+1\s+−1 lines/);
    expect(await diff.locator('tr[data-kind="del"]').innerText()).toContain('recent >= 2');
    expect(await diff.locator('tr[data-kind="add"]').innerText()).toContain('recent >= 1');

    await versionRow(2).getByRole('button', { name: 'Shadow' }).click();
    await expect.poll(() => versionRow(2).getAttribute('data-state'), WAIT).toBe('shadow');
    await shot('versions');

    // b1 comments three times after a1 did: v2 fires on the second and third, v1 (live) on the third only.
    await ingest([comment(4, 'b1', 0.75), comment(5, 'b1', 0.5), comment(6, 'b1', 0.25)]);
    await expect.poll(async () => (await api<{ decisions: unknown[] }>('GET', '/v1/decisions?strategy=burst')).json.decisions.length, WAIT).toBe(4);
    await tab(/^Shadow diff/);
    await expect.poll(() => page.getByTestId('sd-both').locator('dd').innerText(), WAIT).toBe('1');
    expect(await page.getByTestId('sd-only-shadow').locator('dd').innerText()).toBe('1');
    expect(await page.getByTestId('sd-only-live').locator('dd').innerText()).toBe('0');
    const diffRows = page.getByTestId('shadow-rows').locator('tbody tr');
    expect(await diffRows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-event-id'), tr.getAttribute('data-outcome')]))).toEqual([
      ['ev-6', 'both'],
      ['ev-5', 'only-shadow'],
    ]);
    await shot('shadow-diff');
  });

  it('backtests v1 over the last week with charts, overlap, verdicts and sample hits', async () => {
    await tab(/^Backtest/);
    await page.getByLabel('Version to backtest').selectOption('1');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const report = page.getByTestId('backtest-report');
    await expect.poll(() => report.getByTestId('bt-hits').locator('dd').innerText(), WAIT).toBe('2');
    expect(await report.getByTestId('bt-events').locator('dd').innerText()).toBe('6');
    expect(await report.getByTestId('bt-precision').innerText()).toMatch(/no verdicts yet/);
    expect(await report.getByTestId('bt-review').locator('dd').innerText()).toBe('2');
    expect(await report.getByTestId('bt-queues').innerText()).toMatch(/general\s+2/);
    await expect.poll(() => report.getByTestId('bt-by-day').locator('.recharts-bar-rectangle').count(), WAIT).toBeGreaterThan(0);
    expect(await report.getByTestId('bt-by-rule').locator('.recharts-bar-rectangle').count()).toBe(1);
    expect(await report.getByTestId('bt-sample').locator('tbody tr').count()).toBe(2);
    expect(await report.getByTestId('bt-sample').getByRole('link', { name: 'ev-3' }).getAttribute('href')).toBe('/decisions?event_id=ev-3');
    await shot('backtest');
  });

  it('pauses and resumes the strategy', async () => {
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByLabel('Reason for pausing').fill('checking a false positive');
    await page.getByRole('button', { name: 'Pause now' }).click();
    await expect.poll(() => page.getByTestId('paused-note').innerText(), WAIT).toMatch(/Paused: checking a false positive/);
    await nav('Strategies');
    const row = page.getByTestId('strategy-list').locator('tr[data-strategy="burst"]');
    await expect.poll(() => row.innerText(), WAIT).toMatch(/burst\s+paused\s+Comment bursts[\s\S]*spam\s+v1\s+v2\s+shadow\s+2\s+\+2 shadow/);
    expect(await row.getByTestId('sparkline').locator('svg').count()).toBe(1);
    await row.getByRole('link', { name: 'burst' }).click();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('paused-note').count(), WAIT).toBe(0);
    await nav('Strategies');
    await expect.poll(() => row.innerText(), WAIT).not.toMatch(/paused/);
    await shot('list');
  });

  it('reverts what v1 did from the strategy page, and the action log shows the reverts', async () => {
    await page.getByTestId('strategy-list').getByRole('link', { name: 'burst' }).click();
    await tab(/^Versions/);
    // The confirmation asks the server's dry run how many actions the revert would undo.
    const dryRun = await api<{ revertible: number }>('GET', '/v1/strategies/burst/versions/1/revert');
    expect(dryRun.json).toEqual({ revertible: 2 });
    const requests = record();
    await versionRow(1).getByRole('button', { name: 'Revert actions…' }).click();
    // remove c-3 and remove c-6 can be undone; the enqueues cannot.
    await expect.poll(() => versionRow(1).getByTestId('revert-question').innerText(), WAIT).toMatch(/Revert 2 actions of v1 still in effect\?/);
    // (The nav badge's poll of open alerts may fall in between.)
    expect(requests.stop().filter((r) => r.path !== '/v1/alerts').map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/strategies/burst/versions/1/revert']);
    await shot('revert-confirm');
    await versionRow(1).getByRole('button', { name: 'Revert 2 actions' }).click();
    await expect.poll(() => page.getByTestId('strategy-notice').innerText(), WAIT).toMatch(/Reverted 2 actions of v1/);
    // Asked again, the dry run finds nothing left.
    expect((await api<{ revertible: number }>('GET', '/v1/strategies/burst/versions/1/revert')).json).toEqual({ revertible: 0 });
    await versionRow(1).getByRole('button', { name: 'Revert actions…' }).click();
    await expect.poll(() => versionRow(1).getByTestId('revert-v1').innerText(), WAIT).toMatch(/v1 has no actions left to revert/);
    await versionRow(1).getByRole('button', { name: 'OK' }).click();

    await nav('Action log');
    await page.locator('select[name="strategy"]').selectOption('burst');
    await page.waitForURL(/strategy=burst/);
    const log = page.getByTestId('action-log');
    await expect.poll(() => log.locator('tr[data-action="restore"]').count(), WAIT).toBe(2);
    // Newest first: the two restores, then the strategy's own actions.
    const order = await log.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(order.slice(0, 2)).toEqual(['restore', 'restore']);
    expect(order.slice(2).sort()).toEqual(['enqueue', 'enqueue', 'remove', 'remove']);
    const seqs = await log.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const restore = log.locator('tr[data-action="restore"]').first();
    const reverted = Number(/reverts #(\d+)/.exec(await restore.innerText())![1]);
    const original = log.locator(`tr[data-seq="${reverted}"]`);
    expect(await original.getAttribute('data-action')).toBe('remove');
    expect(await original.innerText()).toMatch(/reverted by #\d+/);
    expect(await original.getByRole('button', { name: 'Revert' }).count()).toBe(0);
    // The enqueues cannot be undone; nothing offers to.
    expect(await log.locator('tr[data-action="enqueue"]').getByRole('button', { name: 'Revert' }).count()).toBe(0);
    await shot('action-log');

    // "reverts #n" leads to the entity's actions with the reverted one in focus.
    await restore.getByRole('link', { name: `reverts #${reverted}` }).click();
    await page.waitForURL(new RegExp(`focus=${reverted}`));
    await expect.poll(() => page.getByTestId('action-log').locator('tr.selected').getAttribute('data-seq'), WAIT).toBe(String(reverted));
  });

  it('pages the action log newest first, and filters by strategy and version on the server', async () => {
    // 60 moderator actions on c-1 make the log longer than a page (50).
    for (let i = 1; i <= 60; i++) {
      const res = await api('POST', '/v1/actions', { entity: { type: 'content', id: 'c-1' }, action: 'notify', reason: `note ${i}` });
      expect(res.status).toBe(201);
    }
    const all = (await api<{ actions: { seq: number }[] }>('GET', '/v1/actions?order=desc&limit=1000')).json.actions.map((a) => a.seq);
    expect(all.length).toBeGreaterThan(60);
    expect([...all].sort((a, b) => b - a)).toEqual(all);

    const requests = record();
    await nav('Action log');
    await page.waitForURL(/\/actions$/);
    const log = page.getByTestId('action-log');
    const seqs = () => log.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
    await expect.poll(seqs, WAIT).toEqual(all.slice(0, 50));
    await shot('action-log-newest');
    await page.getByRole('button', { name: 'Older →' }).click();
    await page.waitForURL(new RegExp(`before=${all[49]}`));
    await expect.poll(seqs, WAIT).toEqual(all.slice(50, 100));
    expect(await page.getByRole('button', { name: 'Older →' }).count()).toBe(all.length > 100 ? 1 : 0);
    await shot('action-log-older');
    await page.getByRole('button', { name: 'Newest' }).click();
    await expect.poll(seqs, WAIT).toEqual(all.slice(0, 50));

    // Strategy and version are filters of the server's query, like the entity.
    await page.locator('select[name="strategy"]').selectOption('burst');
    await page.waitForURL(/strategy=burst/);
    await page.locator('input[name="version"]').fill('1');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForURL(/strategy=burst&version=1/);
    const v1 = (await api<{ actions: { seq: number }[] }>('GET', '/v1/actions?order=desc&strategy=burst&version=1')).json.actions.map((a) => a.seq);
    expect(v1.length).toBe(6);
    await expect.poll(seqs, WAIT).toEqual(v1);
    await page.locator('input[name="version"]').fill('2');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.locator('.empty').innerText(), WAIT).toMatch(/No action matches these filters/);

    // One request per page: newest first with `before`, the filters in the query; no probing, no export.
    const reads = requests.stop().filter((r) => r.path === '/v1/actions');
    expect(reads.map((r) => r.query)).toEqual([
      { order: 'desc', limit: '51' },
      { order: 'desc', before: String(all[49]), limit: '51' },
      { order: 'desc', limit: '51' },
      { order: 'desc', limit: '51', strategy: 'burst' },
      { order: 'desc', limit: '51', strategy: 'burst', version: '1' },
      { order: 'desc', limit: '51', strategy: 'burst', version: '2' },
    ]);
  });

  it('makes v2 live, then rolls back to v1', async () => {
    await nav('Strategies');
    await page.getByTestId('strategy-list').getByRole('link', { name: 'burst' }).click();
    await tab(/^Versions/);
    await versionRow(2).getByRole('button', { name: 'Make live' }).click();
    expect(await versionRow(2).locator('.confirm-text').innerText()).toMatch(/Make v2 live\? v1, live now, is retired/);
    await versionRow(2).getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => versionRow(2).getAttribute('data-state'), WAIT).toBe('live');
    expect(await versionRow(1).getAttribute('data-state')).toBe('retired');
    await versionRow(1).getByRole('button', { name: 'Roll back to v1' }).click();
    expect(await versionRow(1).locator('.confirm-text').innerText()).toMatch(/v2, live now, is retired \(a rollback\)/);
    await versionRow(1).getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => versionRow(1).getAttribute('data-state'), WAIT).toBe('live');
    expect(await versionRow(2).getAttribute('data-state')).toBe('retired');
    await expect.poll(() => page.getByTestId('header-live').innerText(), WAIT).toBe('v1');
    expect(await page.getByTestId('strategy-notice').innerText()).toMatch(/v1 is now live\. v2 was retired\./);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
