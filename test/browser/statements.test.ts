// Statements of reasons in the console, in real headless Chromium against a real Vigil server (in memory):
// a manual action taken through the API opens its statement from the action log (a label beside it has
// none); the Statements page lists it and exports a batch as a file the Transparency Database API takes,
// read back from the download. Pages are photographed under .scratch/statements/. Without Chromium this
// suite skips with a printed reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { statementProblems } from '../../src/enforcement/statements/validate.js';
import { missingChromium as chromiumMissing, useConsoleSession, type ConsoleSession } from '../support/browser.js';
import { contentCreated } from '../support/events.js';

const WAIT = { timeout: 20_000, interval: 250 };
const SHOTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), '.scratch', 'statements');
const missingChromium = chromiumMissing('statements');

describe.skipIf(Boolean(missingChromium))('statements of reasons in the console', () => {
  const session = useConsoleSession('statements');
  let vigil: ConsoleSession['vigil'];
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  async function api<T = any>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${vigil.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${vigil.adminKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    ({ vigil, page } = session);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(vigil.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  });

  it('opens an action’s statement from the action log, lists it, and exports a batch file', async () => {
    const ev = contentCreated({ language: 'fr' });
    await api('POST', '/v1/events', { events: [ev] });
    const entity = { type: 'content', id: ev.content.id };
    const removed = await api<{ seq: number }>('POST', '/v1/actions', { entity, action: 'remove', policy: 'hate', reason: 'slur in the caption, confirmed by a second moderator' });
    const labelled = await api<{ seq: number }>('POST', '/v1/actions', { entity, action: 'label', policy: 'hate' });

    await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'Action log', exact: true }).click();
    const row = page.locator(`tr[data-seq="${removed.seq}"]`);
    await row.waitFor(WAIT);
    expect(await page.locator(`tr[data-seq="${labelled.seq}"]`).getByRole('button', { name: 'Statement of reasons' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Statement of reasons' }).click();
    const panel = page.getByTestId('statement-panel');
    await expect.poll(() => panel.locator('[data-field="decision_facts"] dd').count(), WAIT).toBe(1);
    expect(await panel.locator('[data-field="decision_facts"] dd').innerText()).toBe(
      'A moderator applied “remove” to this text post under the policy “Hate speech”. Reason recorded: slur in the caption, confirmed by a second moderator',
    );
    expect(await panel.locator('[data-field="decision_visibility"] dd').innerText()).toBe('DECISION_VISIBILITY_CONTENT_REMOVED');
    expect(await panel.locator('[data-field="category"] dd').innerText()).toBe('STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH');
    expect(await panel.locator('[data-field="content_language"] dd').innerText()).toBe('FR');
    expect(await panel.locator('[data-field="puid"] dd').innerText()).toBe(`vigil-${removed.seq}`);
    await shot('action-log-statement');
    await row.getByRole('button', { name: 'Hide statement of reasons' }).click();
    await expect.poll(() => panel.count(), WAIT).toBe(0);

    await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'Statements', exact: true }).click();
    await page.waitForURL(/\/statements$/);
    const listed = page.getByTestId('statements').locator(`tr[data-id="${removed.seq}"]`);
    await listed.waitFor(WAIT);
    expect(await listed.innerText()).toContain(`vigil-${removed.seq}`);
    expect(await page.getByTestId('statements').locator('tbody tr').count()).toBe(1);
    await shot('statements');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export a batch of 100' }).click()]);
    expect(download.suggestedFilename()).toBe(`statements-vigil-${removed.seq}-vigil-${removed.seq}.json`);
    const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { statements: Record<string, unknown>[] };
    expect(file.statements).toHaveLength(1);
    expect(file.statements[0]).toEqual((await api('GET', `/v1/statements/${removed.seq}`)).statement);
    expect(statementProblems(file.statements[0])).toEqual([]);
    await expect.poll(() => page.getByTestId('export-notice').innerText(), WAIT).toMatch(/Exported 1 statement \(.* That was the last batch\./);
    expect(session.pageErrors).toEqual([]);
  });
});
