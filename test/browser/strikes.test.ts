// The strike ladders area of the console in real headless Chromium against a real Vigil server (in
// memory): an admin gives the harassment policy a ladder of its own in the editor (a step that does not
// go up is refused at its field before anything is sent; then saved, read back over the API), and two
// manual strikes given from the account's entity page reach step 2 of that ladder, shown in its strikes.
// Each page is photographed under .scratch/strikes/. Without Chromium this suite skips with a printed
// reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingChromium as chromiumMissing, useConsoleSession, type ConsoleSession, callApi } from '../support/browser.js';

const WAIT = { timeout: 20_000, interval: 250 };
const SHOTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), '.scratch', 'strikes');

const missingChromium = chromiumMissing('strikes');

describe.skipIf(Boolean(missingChromium))('strike ladders console in Chromium', () => {
  const session = useConsoleSession('strikes');
  let vigil: ConsoleSession['vigil'];
  let page: Page;
  const pageErrors = session.pageErrors;
  const account = `troll-${Date.now()}`;

  const api = <T = unknown>(method: string, route: string, body?: unknown) => callApi<T>(vigil.url, vigil.adminKey, method, route, body);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name, exact: true }).click();

  beforeAll(async () => {
    ({ vigil, page } = session);
    fs.mkdirSync(SHOTS, { recursive: true });
    const event = { id: `ev-${account}`, type: 'content.created', time: new Date().toISOString(), content: { id: `c-${account}`, kind: 'text_post', text: 'you are all idiots' }, author: { id: account } };
    expect((await api('POST', '/v1/events', { events: [event] })).status).toBe(200);
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(vigil.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  });

  it('edits the harassment ladder: an inline error first, then saved as its own ladder', async () => {
    await nav('Strike ladders');
    await page.waitForURL(/\/strike-ladders$/);
    await page.getByTestId('ladders').locator('tr[data-ladder="default"]').waitFor();
    await page.getByLabel('Ladder to edit').selectOption('harassment');
    await page.getByTestId('ladder-inherited').waitFor();
    const strikes2 = page.getByLabel('Step 2 strikes');
    await expect.poll(() => strikes2.inputValue(), WAIT).toBe('2');

    await strikes2.fill('1');
    await page.getByRole('button', { name: 'Save ladder' }).click();
    const error = page.getByTestId('ladder-steps').getByRole('alert');
    await expect.poll(() => error.innerText(), WAIT).toMatch(/steps\.1\.strikes: must be more than the step before \(1\)/);
    expect(await page.getByTestId('ladder-steps').locator('tr[data-step="1"] td.field-invalid').count()).toBe(1);
    await shot('ladder-invalid');
    expect((await api<{ own: boolean }>('GET', '/v1/strike-ladders/harassment')).json.own).toBe(false);

    await strikes2.fill('2');
    await page.getByLabel('Step 2 action').selectOption('suspend');
    await page.getByLabel('Step 2 duration').fill('3');
    await page.getByLabel('A strike counts for').fill('60');
    await page.getByRole('button', { name: 'Save ladder' }).click();
    await expect.poll(() => page.getByTestId('ladder-saved').innerText(), WAIT).toMatch(/Saved as version 1/);
    await page.getByTestId('ladders').locator('tr[data-ladder="harassment"]').waitFor();
    await shot('ladder-saved');
    const stored = (await api<{ own: boolean; ladder: { expiry_days: number; steps: unknown[] } }>('GET', '/v1/strike-ladders/harassment')).json;
    expect(stored.own).toBe(true);
    expect(stored.ladder.expiry_days).toBe(60);
    expect(stored.ladder.steps[1]).toEqual({ strikes: 2, action: 'suspend', duration_days: 3 });
  });

  it('gives two manual strikes from the entity page; the second reaches step 2 of the edited ladder', async () => {
    await page.goto(`${vigil.url}/entities/account/${account}`);
    const form = page.getByRole('form', { name: 'Give a strike' });
    await form.waitFor();
    for (let i = 1; i <= 2; i += 1) {
      await form.getByLabel('Policy violated').selectOption('harassment');
      await form.getByLabel('Reason').fill(`insults #${i}`);
      await form.getByRole('button', { name: 'Give a strike' }).click();
      await expect.poll(() => page.getByTestId('entity-strikes').locator('tbody tr').count(), WAIT).toBe(i);
    }
    const newest = page.getByTestId('entity-strikes').locator('tbody tr').first();
    expect(await newest.getByTestId('strike-step').innerText()).toBe('step 2: suspend for 3 days');
    expect(await newest.innerText()).toMatch(/#2/);
    expect(await page.getByTestId('active-strikes').innerText()).toBe('2 active (harassment ladder)');
    await shot('entity-strikes');
    const log = (await api<{ actions: { action: string; details: Record<string, unknown> }[] }>('GET', `/v1/actions?entity_type=account&entity_id=${account}&order=desc&limit=2`)).json.actions;
    expect(log.map((a) => a.action)).toEqual(['suspend', 'strike']);
    expect(log[0]!.details).toMatchObject({ ladder: 'harassment', step: 2, duration_ms: 3 * 86_400_000 });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
