// The QA page of the console in real headless Chromium against a real Vigil: a golden item added from the
// page (an unknown entity refused with the server's message), a double review that two moderators
// disagree on adjudicated from the page, and the accuracy and agreement tables read back with kappa's
// plain-words reading. The page is photographed under .scratch/qa/. Without Chromium this suite skips with
// a printed reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingChromium as chromiumMissing, useConsoleSession, type ConsoleSession, callApi } from '../support/browser.js';

const WAIT = { timeout: 20_000, interval: 250 };
const SHOTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), '.scratch', 'qa');
const missingChromium = chromiumMissing('qa');

describe.skipIf(Boolean(missingChromium))('QA console in Chromium', () => {
  const session = useConsoleSession('qa');
  let vigil: ConsoleSession['vigil'];
  let page: Page;

  const api = <T = unknown>(method: string, route: string, body?: unknown, key = vigil.adminKey) => callApi<T>(vigil.url, key, method, route, body);

  beforeAll(async () => {
    ({ vigil, page } = session);
    fs.mkdirSync(SHOTS, { recursive: true });
    const time = new Date(Date.now() - 60_000).toISOString();
    const events = [1, 2].map((n) => ({ id: `qa-ev-${n}`, type: 'content.created', time, content: { id: `qa-post-${n}`, kind: 'text_post', text: `buy followers now ${n}` }, author: { id: `qa-author-${n}`, kind: 'user' } }));
    expect((await api('POST', '/v1/events', { events })).status).toBe(200);
    // Every verdict double reviewed, no golden items handed out (they would take the moderators' next task).
    expect((await api('PUT', '/v1/review/settings', { lease_seconds: 300, appeal_window_days: 183, qa: { golden_rate: 0, double_review_rate: 1, double_review_k: 2 } })).status).toBe(200);
    const mods = [];
    for (const name of ['qa-mod-1', 'qa-mod-2']) mods.push((await api<{ key: string }>('POST', '/v1/keys', { name, roles: ['moderator'] })).json.key);
    expect((await api('POST', '/v1/reports', { entity: { type: 'content', id: 'qa-post-1' }, policy: 'spam', reporter: 'qa-user' })).status).toBe(201);
    for (const [key, policy] of [[mods[0]!, 'spam'], [mods[1]!, null]] as const) {
      const next = await api<{ lease: { task_id: number; token: number } }>('POST', '/v1/review/next', {}, key);
      expect(next.status, next.text).toBe(200);
      expect((await api('POST', `/v1/review/tasks/${next.json.lease.task_id}/verdict`, { token: next.json.lease.token, policy }, key)).status).toBe(201);
    }
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(vigil.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  });

  it('adds a golden item, adjudicates a disagreement, and shows accuracy and agreement', async () => {
    await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'QA', exact: true }).click();
    await page.waitForURL(/\/qa$/);
    await page.getByTestId('qa-page').waitFor();

    const form = page.getByTestId('qa-golden-form');
    await form.getByLabel('Entity id').fill('no-such-post');
    await form.getByLabel('Policy asked about').selectOption('spam');
    await form.getByLabel('Right answer').selectOption('spam');
    await form.getByRole('button', { name: 'Add golden item' }).click();
    await expect.poll(() => form.getByRole('alert').innerText(), WAIT).toMatch(/not known to Vigil/);
    await form.getByLabel('Entity id').fill('qa-post-2');
    await form.getByLabel('Notes', { exact: true }).fill('follower selling');
    await form.getByRole('button', { name: 'Add golden item' }).click();
    await expect.poll(() => page.getByTestId('qa-golden').locator('tbody tr').count(), WAIT).toBe(1);
    expect(await page.getByTestId('qa-golden').locator('tbody tr').first().innerText()).toMatch(/content\/qa-post-2\s+spam\s+spam\s+not answered yet\s+follower selling/);

    const adjudications = page.getByTestId('qa-adjudications');
    await expect.poll(() => adjudications.locator('tbody tr').count(), WAIT).toBe(1);
    expect(await adjudications.innerText()).toMatch(/qa-mod-1: spam[\s\S]*qa-mod-2: no violation/);
    await page.screenshot({ path: path.join(SHOTS, 'qa-open.png'), fullPage: true });
    await adjudications.getByLabel('Final answer').selectOption('(none)');
    await adjudications.getByLabel('Notes').fill('a joke between friends');
    await adjudications.getByRole('button', { name: 'Decide' }).click();
    await expect.poll(() => page.getByText('No disagreements waiting.').count(), WAIT).toBe(1);
    const decided = await api<{ adjudications: unknown[] }>('GET', '/v1/qa/adjudications?status=decided');
    expect(decided.json.adjudications).toEqual([expect.objectContaining({ status: 'decided', outcome: null, decision_notes: 'a joke between friends' })]);

    await expect.poll(() => page.getByTestId('qa-accuracy').locator('tbody tr').count(), WAIT).toBe(2);
    const accuracy = await page.getByTestId('qa-accuracy').innerText();
    expect(accuracy).toMatch(/qa-mod-1\s+spam\s+—\s+0 \/ 1\s+—\s+33%/);
    expect(accuracy).toMatch(/qa-mod-2\s+spam\s+—\s+1 \/ 1\s+—\s+67%/);
    // One item, one label each: no agreement where chance expects half, kappa -1.
    expect(await page.getByTestId('qa-policy-agreement').innerText()).toMatch(/spam\s+1\s+2\s+0%\s+-1\.00\s+poor agreement/);
    await page.getByLabel(/pairs sharing at least/).fill('1');
    await expect.poll(() => page.getByTestId('qa-pair-agreement').count(), WAIT).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'qa-decided.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
