// The guardrails area of the console in real headless Chromium against a real Vigil server (in memory):
// caps changed in the settings form and saved (read back over the API), a server validation message at
// its field; a daily cap of 1 reached by a strategy that fires on every comment raises a 'cap.reached'
// alert, counted by the nav badge and acknowledged; the auto-pause of that strategy shown prominently on
// its page with a link to its alert; an entity snoozed from the form and the snooze ended; an analyst
// reads the settings without being able to change them.
// Each page is photographed under .scratch/guardrails/. Without Chromium this suite skips with a printed
// reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingChromium as chromiumMissing, useConsoleSession, type ConsoleSession, callApi } from '../support/browser.js';

const WAIT = { timeout: 20_000, interval: 250 };
/** The auto-pause watcher looks every 15 s. */
const SLOW_WAIT = { timeout: 40_000, interval: 500 };
const SHOTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), '.scratch', 'guardrails');

const missingChromium = chromiumMissing('guardrails');

interface Settings {
  strategy_daily_cap: number;
  action_daily_caps: Record<string, number>;
  auto_pause: { enabled: boolean; within_hours: number; max_hit_share: number; max_rate_multiple: number; min_hits: number };
}
interface Alert {
  id: number;
  kind: string;
  strategy_id: string | null;
  message: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}
interface Snooze {
  id: number;
  entity: { type: string; id: string };
  strategy_id: string | null;
  until: string;
  reason: string;
}

describe.skipIf(Boolean(missingChromium))('guardrails console in Chromium', () => {
  const session = useConsoleSession('guardrails');
  let vigil: ConsoleSession['vigil'];
  let page: Page;
  const pageErrors = session.pageErrors;
  const now = Date.now();

  const api = <T = unknown>(method: string, route: string, body?: unknown, key = vigil.adminKey) => callApi<T>(vigil.url, key, method, route, body);
  const settings = async () => (await api<Settings>('GET', '/v1/guardrails')).json;
  const alerts = async (open: boolean) => (await api<{ alerts: Alert[] }>('GET', `/v1/alerts?open=${open}`)).json.alerts;

  /** A comment by `author` on a livestream, `secondsAgo` before the suite started. */
  const comment = (n: number, author: string, secondsAgo: number) => ({
    id: `ev-${n}`,
    type: 'comment',
    time: new Date(now - secondsAgo * 1000).toISOString(),
    content: { id: `c-${n}`, kind: 'comment', text: `hello ${n}`, language: 'en' },
    author: { id: author, follower_count: 12 },
    target: { type: 'livestream', id: 'ls-1' },
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name, exact: true }).click();
  const badge = () => page.getByTestId('open-alerts-badge');
  const badgeText = async () => ((await badge().count()) ? await badge().innerText() : '');
  const openRows = () => page.getByTestId('open-alerts').locator('tbody tr');

  async function signIn(key: string) {
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  }

  beforeAll(async () => {
    ({ vigil, page } = session);
    fs.mkdirSync(SHOTS, { recursive: true });
    await signIn(vigil.adminKey);
  });

  it('changes caps in the settings form and saves them', async () => {
    const before = await settings();
    await nav('Guardrails');
    await page.waitForURL(/\/guardrails$/);
    const cap = page.getByLabel('Per strategy');
    await expect.poll(() => cap.inputValue(), WAIT).toBe(String(before.strategy_daily_cap));
    expect(await page.getByLabel('Daily cap of suspend').inputValue()).toBe(String(before.action_daily_caps.suspend));
    const save = page.getByRole('button', { name: 'Save settings' });
    expect(await save.isDisabled()).toBe(true);

    await cap.fill('5000');
    await page.getByLabel('Daily cap of suspend').fill('1500');
    await page.getByLabel('Action type to cap').selectOption('strike');
    await page.getByRole('button', { name: 'Add cap' }).click();
    await page.getByLabel('Daily cap of strike').fill('25');
    await page.getByRole('button', { name: 'Remove the cap on interrupt' }).click();
    expect(await save.isDisabled()).toBe(false);
    await shot('settings-edited');
    await save.click();
    await expect.poll(() => page.getByTestId('settings-saved').count(), WAIT).toBe(1);

    const { interrupt: _removed, ...otherCaps } = before.action_daily_caps;
    expect(await settings()).toEqual({ ...before, strategy_daily_cap: 5000, action_daily_caps: { ...otherCaps, suspend: 1500, strike: 25 } });
    await expect.poll(() => save.isDisabled(), WAIT).toBe(true);

    // A fresh load shows what was stored.
    await page.reload();
    await expect.poll(() => page.getByLabel('Per strategy').inputValue(), WAIT).toBe('5000');
    expect(await page.getByLabel('Daily cap of strike').inputValue()).toBe('25');
    expect(await page.getByLabel('Daily cap of interrupt').count()).toBe(0);
  });

  it('shows the server’s validation message at the field it names, and saves nothing', async () => {
    const before = await settings();
    const share = page.getByLabel(/share of the events it evaluated/);
    await share.fill('1.5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const field = page.locator('.field-invalid');
    await expect.poll(() => field.count(), WAIT).toBe(1);
    expect(await field.locator('.field-error').innerText()).toBe('body.auto_pause.max_hit_share: must be <= 1');
    expect(await share.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('settings-problem').innerText()).toMatch(/Not saved \(400\)/);
    await shot('settings-invalid');
    expect(await settings()).toEqual(before);

    // An emptied field is stopped in the form (the server would read it as 0, no cap).
    await page.getByLabel('Daily cap of strike').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => field.locator('.field-error').innerText(), WAIT).toMatch(/daily cap of strike: enter a number/);
    expect(await settings()).toEqual(before);

    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await share.inputValue()).toBe(String(before.auto_pause.max_hit_share));
    expect(await page.getByLabel('Daily cap of strike').inputValue()).toBe('25');
  });

  it('raises a cap alert that the nav badge counts; acknowledging it clears both', async () => {
    // A cap of one action a day, no auto-pause yet, and a live strategy that removes every comment.
    const current = await settings();
    expect((await api('PUT', '/v1/guardrails', { ...current, strategy_daily_cap: 1, auto_pause: { ...current.auto_pause, enabled: false } })).status).toBe(200);
    expect((await api('POST', '/v1/strategies', { id: 'every', name: 'Every comment', source: 'policy spam\non comment\nrule every then remove' })).status).toBe(201);
    expect((await api<{ state: string }>('POST', '/v1/strategies/every/versions/1/state', { state: 'live' })).json.state).toBe('live');
    expect((await api('POST', '/v1/events', { events: [comment(1, 'a1', 3), comment(2, 'a2', 2), comment(3, 'a3', 1)] })).status).toBe(200);
    await expect.poll(async () => (await alerts(true)).map((a) => a.kind), WAIT).toEqual(['cap.reached']);
    const [capAlert] = await alerts(true);
    expect((await api<{ actions: unknown[] }>('GET', '/v1/actions?strategy=every')).json.actions).toHaveLength(1);

    // The badge beside the nav item picks it up at its next poll (every 15 s); the page lists it.
    await expect.poll(badgeText, { timeout: 20_000, interval: 500 }).toBe('1');
    expect(await badge().getAttribute('aria-label')).toBe('1 open guardrail alert');
    // The nav link keeps its name; the badge is beside it.
    expect(await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'Guardrails', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => openRows().count(), WAIT).toBe(1);
    const row = openRows().first();
    expect(await row.getAttribute('data-kind')).toBe('cap.reached');
    expect(await row.innerText()).toMatch(/daily cap reached[\s\S]*strategy every reached its daily cap of 1 action;/);
    expect(await page.getByTestId('open-alert-count').innerText()).toBe('1');
    await shot('alert-open');

    await row.getByRole('button', { name: `Acknowledge alert #${capAlert!.id}` }).click();
    await expect.poll(() => page.getByTestId('alert-notice').innerText(), WAIT).toMatch(new RegExp(`Acknowledged alert #${capAlert!.id}`));
    await expect.poll(() => page.getByTestId('open-alerts').count(), WAIT).toBe(0);
    const done = page.getByTestId('acknowledged-alerts').locator(`tr[data-alert-id="${capAlert!.id}"]`);
    await expect.poll(() => done.innerText(), WAIT).toMatch(/acknowledged [\d:-\s]+ by admin/);
    expect(await alerts(true)).toEqual([]);
    const [acked] = await alerts(false);
    expect(acked).toMatchObject({ id: capAlert!.id, kind: 'cap.reached' });
    expect(acked!.acknowledged_at).not.toBeNull();
    // The badge goes at once, not at its next poll.
    await expect.poll(() => badge().count(), { timeout: 3_000, interval: 100 }).toBe(0);
    await shot('alert-acknowledged');
  });

  it('shows an auto-paused strategy’s reason on its page, with a link to the alert', async () => {
    // Auto-pause from the first hit: the strategy fired on every comment it saw.
    const current = await settings();
    expect((await api('PUT', '/v1/guardrails', { ...current, auto_pause: { ...current.auto_pause, enabled: true, min_hits: 1 } })).status).toBe(200);
    await expect.poll(async () => (await api<{ paused: boolean }>('GET', '/v1/strategies/every')).json.paused, SLOW_WAIT).toBe(true);
    const [pauseAlert] = await alerts(true);
    expect(pauseAlert).toMatchObject({ kind: 'strategy.auto_paused', strategy_id: 'every' });

    await nav('Strategies');
    await page.getByTestId('strategy-list').getByRole('link', { name: 'every' }).click();
    await page.waitForURL(/\/strategies\/every$/);
    const note = page.getByTestId('auto-paused-note');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/Auto-paused by a guardrail/);
    expect(await page.getByTestId('auto-paused-reason').innerText()).toMatch(/^3 hits on 3 events \(100\.0%\) within \d+ minutes of going live: more than 5\.0%$/);
    expect(await page.getByTestId('paused-badge').innerText()).toBe('auto-paused');
    expect(await page.getByTestId('paused-note').count()).toBe(0);
    await shot('strategy-auto-paused');

    await note.getByRole('link', { name: 'See the alert' }).click();
    await page.waitForURL(/\/guardrails\?strategy=every#alerts$/);
    const row = page.getByTestId('open-alerts').locator(`tr[data-alert-id="${pauseAlert!.id}"]`);
    await expect.poll(() => row.getAttribute('class'), WAIT).toMatch(/selected/);
    expect(await row.getAttribute('data-kind')).toBe('strategy.auto_paused');
    expect(await row.innerText()).toMatch(/strategy auto-paused\s+every v1\s+Strategy every v1 was paused: 3 hits on 3 events/);
    await expect.poll(badgeText, { timeout: 20_000, interval: 500 }).toBe('1');
    await shot('alert-auto-paused');
    await row.getByRole('button', { name: `Acknowledge alert #${pauseAlert!.id}` }).click();
    await expect.poll(() => badge().count(), WAIT).toBe(0);
    expect(await alerts(true)).toEqual([]);
  });

  it('snoozes an entity from the form and ends the snooze', async () => {
    const form = page.getByTestId('snooze-form');
    await form.getByLabel('Entity type').selectOption('account');
    await form.getByLabel('Entity id').fill('acct_partner');
    await expect.poll(() => form.getByLabel('Strategy').locator('option').allInnerTexts(), WAIT).toContain('every');
    await form.getByLabel('Strategy').selectOption('every');
    await form.getByLabel('7 days').check();
    await form.getByLabel('Reason for snoozing').fill('partner account, handled by hand');
    const asked = Date.now();
    await form.getByRole('button', { name: 'Snooze' }).click();
    await expect.poll(() => page.getByTestId('snooze-notice').innerText(), WAIT).toMatch(/Snoozed account acct_partner for every until/);

    const [snooze] = (await api<{ snoozes: Snooze[] }>('GET', '/v1/snoozes')).json.snoozes;
    expect(snooze).toMatchObject({ entity: { type: 'account', id: 'acct_partner' }, strategy_id: 'every', reason: 'partner account, handled by hand' });
    const until = new Date(snooze!.until).getTime();
    expect(until).toBeGreaterThanOrEqual(asked + 7 * 86_400_000 - 1_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000 + 1_000);

    const row = page.getByTestId('snoozes').locator(`tr[data-snooze-id="${snooze!.id}"]`);
    await expect.poll(() => row.innerText(), WAIT).toMatch(/account acct_partner\s+every[\s\S]*in 7 days[\s\S]*partner account, handled by hand/);
    expect(await row.getByRole('link', { name: /acct_partner/ }).getAttribute('href')).toBe('/entities/account/acct_partner');
    // A snooze for every strategy, for a second entity.
    await form.getByLabel('Entity type').selectOption('device');
    await form.getByLabel('Entity id').fill('dev_1');
    await form.getByLabel('Strategy').selectOption('');
    await form.getByLabel('1 hour', { exact: true }).check();
    await form.getByRole('button', { name: 'Snooze' }).click();
    await expect.poll(() => page.getByTestId('snoozes').locator('tbody tr').count(), WAIT).toBe(2);
    expect(await page.getByTestId('snoozes').locator('tr[data-entity="device:dev_1"]').innerText()).toMatch(/every strategy[\s\S]*in (59 min|1 h)\n/);
    await shot('snoozes');

    await row.getByRole('button', { name: 'End' }).click();
    await row.getByRole('button', { name: 'End snooze' }).click();
    await expect.poll(() => page.getByTestId('snoozes').locator(`tr[data-snooze-id="${snooze!.id}"]`).count(), WAIT).toBe(0);
    expect(await page.getByTestId('snooze-notice').innerText()).toMatch(/Ended the snooze of account acct_partner/);
    expect((await api<{ snoozes: Snooze[] }>('GET', '/v1/snoozes')).json.snoozes.map((s) => s.entity.id)).toEqual(['dev_1']);
  });

  it('shows an analyst the settings read-only, with alerts and snoozes still theirs to handle', async () => {
    const created = await api<{ key: string; info: { id: string } }>('POST', '/v1/keys', { name: 'ana', roles: ['analyst'] });
    expect(created.status).toBe(201);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(created.json.key);
    await nav('Guardrails');
    await expect.poll(() => page.getByLabel('Per strategy').inputValue(), WAIT).toBe('1');
    expect(await page.getByLabel('Per strategy').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add cap' }).count()).toBe(0);
    expect(await page.getByTestId('guardrail-settings').locator('..').innerText()).toMatch(/read-only: only admins change guardrails/);
    expect(await page.getByTestId('snooze-form').count()).toBe(1);
    await shot('analyst');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await api('DELETE', `/v1/keys/${created.json.info.id}`)).status).toBe(200);
    await signIn(vigil.adminKey);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
