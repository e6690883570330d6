// The workforce in the console, in real headless Chromium against a real Vigil: an admin adds a moderator's
// profile from the Workforce page (a refused language shown with the server's message first), certifies
// them, edits the profile and runs a router round; the general queue's page previews its automatic
// thresholds (chart, words, and a what-if capacity that changes them); the moderator watches their
// exposure meter go up as they take adult items; and an appeal of their removal shows the analyst how
// the appeal task's priority was reached. Pages are photographed under .scratch/workforce/. Without
// Chromium this suite skips with a printed reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingChromium as chromiumMissing, useConsoleSession, type ConsoleSession, callApi } from '../support/browser.js';

const WAIT = { timeout: 20_000, interval: 250 };
const SHOTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), '.scratch', 'workforce');
const missingChromium = chromiumMissing('workforce');
const POSTS = 6;

describe.skipIf(Boolean(missingChromium))('workforce console in Chromium', () => {
  const session = useConsoleSession('workforce');
  let vigil: ConsoleSession['vigil'];
  let page: Page;
  let modKey: string;
  let modActor: string;

  const api = <T = unknown>(method: string, route: string, body?: unknown, key = vigil.adminKey) => callApi<T>(vigil.url, key, method, route, body);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name, exact: true }).click();
  async function signInAs(key: string, to: string) {
    await page.evaluate(`localStorage.setItem('vigil.apiKey', ${JSON.stringify(key)})`);
    await page.goto(`${vigil.url}${to}`);
    await page.getByTestId('whoami').waitFor();
  }

  beforeAll(async () => {
    ({ vigil, page } = session);
    fs.mkdirSync(SHOTS, { recursive: true });
    const time = new Date(Date.now() - 60_000).toISOString();
    const events = Array.from({ length: POSTS }, (_, i) => ({ id: `wf-ev-${i}`, type: 'content.created', time, content: { id: `wf-post-${i}`, kind: 'text_post', text: `late night pictures ${i}` }, author: { id: `wf-author-${i}`, kind: 'user' } }));
    expect((await api('POST', '/v1/events', { events })).status).toBe(200);
    // Adult tasks in the general queue; the declared priority is a hand-raised task's prior likelihood, so they differ.
    for (let i = 0; i < POSTS; i++) {
      const raised = await api('POST', '/v1/review/tasks', { entity: { type: 'content', id: `wf-post-${i}` }, policy: 'adult', priority: 5 + i * 18, reason: 'flagged by hand' });
      expect(raised.status, raised.text).toBe(201);
    }
    const key = await api<{ key: string; info: { id: string; name: string } }>('POST', '/v1/keys', { name: 'wf-mod', roles: ['moderator'] });
    expect(key.status, key.text).toBe(201);
    modKey = key.json.key;
    modActor = `key:${key.json.info.id}:${key.json.info.name}`;
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(vigil.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  });

  it('adds a moderator profile (refused first with the server’s message), certifies them and runs a round', async () => {
    await nav('Workforce');
    await page.waitForURL(/\/workforce$/);
    await page.getByTestId('workforce-page').waitFor();
    await page.getByText('No moderator profiles yet.').waitFor();
    await page.getByRole('button', { name: 'Add a moderator' }).click();

    const form = page.getByTestId('profile-form');
    await form.getByLabel('Moderator', { exact: true }).selectOption({ label: 'wf-mod (moderator)' });
    await form.getByLabel('Display name').fill('Wendy Field');
    await form.getByLabel('Capacity').fill('3');
    await form.getByLabel('Language 1 code').fill('English');
    await form.getByLabel('Language 1 level').selectOption('native');
    await page.getByTestId('rows-exposure_budgets').getByRole('button', { name: '+ add' }).click();
    await form.getByLabel('Budget 1 category').fill('sexual_content');
    await form.getByLabel('Budget 1 items').fill('5');
    await page.getByTestId('rows-schedule').getByRole('button', { name: '+ add' }).click();
    // A shift around now (wrapping past midnight when it must), so the moderator is on shift whenever the test runs.
    const hhmm = (ms: number) => new Date(Date.now() + ms).toISOString().slice(11, 16);
    const [shiftStart, shiftEnd] = [hhmm(-3_600_000), hhmm(7_200_000)];
    await form.getByLabel('Shift 1 start').fill(shiftStart);
    await form.getByLabel('Shift 1 end').fill(shiftEnd);
    for (const day of ['Sat', 'Sun']) await form.getByLabel(day).check();
    await form.getByRole('button', { name: 'Save profile' }).click();
    const refused = page.getByTestId('rows-languages').getByRole('alert');
    await expect.poll(() => refused.innerText(), WAIT).toBe('body.languages: must NOT have additional properties (English)');
    await shot('profile-refused');

    await form.getByLabel('Language 1 code').fill('en');
    await form.getByRole('button', { name: 'Save profile' }).click();
    const table = page.getByTestId('moderators');
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(1);
    const row = table.locator('tbody tr').first();
    expect(await row.innerText()).toMatch(new RegExp(`Wendy Field on shift[\\s\\S]*en native\\s+3\\s+none\\s+sexual_content: 5 / 8 h\\s+every day ${shiftStart}–${shiftEnd}`));
    expect(await row.getAttribute('data-moderator')).toBe(modActor);

    const certs = page.getByTestId('certification-form');
    await certs.getByLabel('Moderator to certify').selectOption({ label: 'Wendy Field' });
    await certs.getByLabel('Policy').selectOption('adult');
    await certs.getByLabel('Expires').fill('2099-12-31');
    await certs.getByRole('button', { name: 'Grant' }).click();
    await expect.poll(() => row.getByTestId('certifications').innerText(), WAIT).toMatch(/adult until .*2099/);
    await certs.getByLabel('Policy').selectOption('spam');
    await certs.getByRole('button', { name: 'Grant' }).click();
    await expect.poll(() => row.getByTestId('certifications').innerText(), WAIT).toMatch(/adult until[\s\S]*spam no expiry/);
    const saved = await api<{ certifications: { policy: string; expires_at: string | null }[] }>('GET', `/v1/moderators/${encodeURIComponent(modActor)}`);
    expect(saved.json.certifications).toEqual([expect.objectContaining({ policy: 'adult', expires_at: '2099-12-31T23:59:59.000Z' }), expect.objectContaining({ policy: 'spam', expires_at: null })]);

    await page.getByRole('button', { name: 'Revoke spam from Wendy Field' }).click();
    await expect.poll(() => row.getByTestId('certifications').innerText(), WAIT).not.toMatch(/spam/);

    await page.getByRole('button', { name: 'Edit Wendy Field' }).click();
    await expect.poll(() => form.getByLabel('Language 1 code').inputValue(), WAIT).toBe('en');
    await form.getByLabel('Capacity').fill('4');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => row.locator('td').nth(2).innerText(), WAIT).toBe('4');
    expect(await row.getByTestId('certifications').innerText()).toMatch(/adult until/);

    await page.getByRole('button', { name: 'Run a round now' }).click();
    await expect.poll(() => page.getByTestId('round-result').innerText(), WAIT).toMatch(/^Round ran: \d+ of \d+ waiting tasks? reserved for 1 moderator on shift/);
    await shot('workforce');
    expect(session.pageErrors).toEqual([]);
  });

  it('previews the general queue’s thresholds, and a what-if capacity changes them', async () => {
    await page.goto(`${vigil.url}/queues/general`);
    const words = page.getByTestId('thresholds-words');
    await expect.poll(() => words.count(), WAIT).toBe(1);
    await expect.poll(() => page.getByTestId('thresholds-chart').locator('svg .recharts-line-curve').count(), WAIT).toBe(1);
    const staffed = await words.innerText();
    expect(staffed).toMatch(/^At \d+ reviews? in 24 h: /);
    await expect.poll(() => page.getByTestId('thresholds-mode').innerText(), WAIT).toBe('a preview: this queue is not opted in to automatic decisions');
    await shot('thresholds-staffed');

    await page.getByLabel('What-if capacity').fill('2');
    await expect.poll(() => words.innerText(), WAIT).toMatch(/^At 2 reviews in 24 h: items with likelihood ≥ \d\.\d\d would be actioned( and ≤ \d\.\d\d dismissed)? without review; expected missed harm \d+(\.\d)?\.$/);
    expect(await words.innerText()).not.toBe(staffed);
    await page.getByLabel('What-if capacity').fill(String(POSTS));
    await expect.poll(() => words.innerText(), WAIT).toBe(`At ${POSTS} reviews in 24 h: every item received is reviewed; nothing would be decided automatically.`);
    await page.getByLabel('What-if capacity').fill('3');
    await expect.poll(() => words.innerText(), WAIT).toMatch(/^At 3 reviews in 24 h/);
    await shot('thresholds-what-if');

    // An admin opts the queue in and out; the settings follow (at the staffed capacity nothing is beyond reach here).
    await page.getByTestId('thresholds-toggle').click();
    await expect.poll(() => page.getByTestId('thresholds-mode').innerText(), WAIT).toBe('applied: each round decides the waiting tasks outside the staffed thresholds');
    expect((await api<{ assignment: { auto_decide: Record<string, unknown> } }>('GET', '/v1/review/settings')).json.assignment.auto_decide).toEqual({ general: {} });
    await page.getByTestId('thresholds-toggle').click();
    await expect.poll(() => page.getByTestId('thresholds-mode').innerText(), WAIT).toBe('a preview: this queue is not opted in to automatic decisions');
    expect((await api<{ assignment: { auto_decide: Record<string, unknown> } }>('GET', '/v1/review/settings')).json.assignment.auto_decide).toEqual({});
    expect(session.pageErrors).toEqual([]);
  });

  it('shows the moderator their exposure meter, going up with each adult item they take', async () => {
    await signInAs(modKey, '/review');
    const used = () => page.getByTestId('exposure-sexual_content').innerText();
    await expect.poll(used, WAIT).toBe('0 / 5');
    await shot('exposure-picker');

    await page.goto(`${vigil.url}/review/work?queue=general`);
    await page.getByTestId('task-summary').waitFor();
    await expect.poll(used, WAIT).toBe('1 / 5');
    await shot('exposure-task');
    // The analyst's detail says how the priority was reached; the moderator's blind view does not.
    const taskId = Number((await page.getByTestId('task-summary').innerText()).match(/Task #(\d+)/)![1]);
    const detail = await api<{ priority: number; priority_parts: Record<string, number> }>('GET', `/v1/review/tasks/${taskId}`);
    expect(detail.json.priority_parts).toEqual(expect.objectContaining({ likelihood: expect.any(Number), severityWeight: expect.any(Number), handleMinutes: expect.any(Number) }));
    const blind = await api('POST', '/v1/review/next', { queue: 'general' }, modKey);
    expect(blind.text).not.toMatch(/priority/);
    await page.getByRole('button', { name: /No violation/ }).click();
    await page.getByRole('button', { name: /Confirm/ }).click();
    await expect.poll(() => page.getByTestId('review-flash').innerText(), WAIT).toMatch(/^Decided task #\d+: no violation/);
    await expect.poll(used, WAIT).toBe('2 / 5');
    const me = await api<{ categories: { category: string; budget: number | null; used: number }[] }>('GET', '/v1/me/exposure', undefined, modKey);
    expect(me.json.categories).toEqual([{ category: 'sexual_content', budget: 5, used: 2 }]);
    // The blind view never says why the task was raised, nor how its priority was reached.
    expect(await page.locator('.review-grid').innerText()).not.toMatch(/priority/i);

    // Upheld, then appealed: the analyst's appeal page says how the appeal task's priority was reached.
    const entity = await page.getByTestId('task-entity').innerText();
    await page.getByTestId('verdict-buttons').getByRole('button', { name: /Adult nudity and sexual content/ }).click();
    await page.getByRole('button', { name: /Confirm/ }).click();
    await expect.poll(() => page.getByTestId('review-flash').innerText(), WAIT).toMatch(/violation of adult/);
    const actions = await api<{ actions: { seq: number; action: string }[] }>('GET', `/v1/actions?entity_type=content&entity_id=${entity}&limit=50`);
    const removal = actions.json.actions.find((x) => x.action === 'remove');
    expect(removal, actions.text).toBeDefined();
    const appeal = await api<{ id: number }>('POST', '/v1/appeals', { action_seq: removal!.seq, appellant: 'wf-author', statement: 'Art, not porn.' });
    expect(appeal.status, appeal.text).toBe(201);
    await signInAs(vigil.adminKey, `/appeals/${appeal.json.id}`);
    await expect.poll(() => page.getByTestId('task-priority').innerText(), WAIT).toMatch(/^priority \d+\.\d = likelihood [01]\.\d\d × severity [\d.]+ × reach \d+\.\d \/ \d+\.\d\d min \+ deadline \d+\.\d$/);
    await shot('appeal-priority');
    expect(session.pageErrors).toEqual([]);
  });
});
