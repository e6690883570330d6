// The webhooks page in real headless Chromium against a real Vigil server (in memory) and a local HTTP
// receiver: an endpoint created through the UI (a bad URL refused at its field, the secret shown once), an
// action taken through the API arriving signed with that secret and logged as delivered, a failing test
// ping logged as failed, found with the status filter and retried from the log, and disabling an endpoint.
// Without Chromium this suite skips with a printed reason outside CI and fails under CI=true.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/enforcement/webhooks/signature.js';
import { startReceiver, type Receiver } from '../../src/enforcement/webhooks/test-fixtures.js';
import { missingChromium as chromiumMissing, RESULTS, useConsoleSession, type ConsoleSession } from '../support/browser.js';
import { contentCreated } from '../support/events.js';

const WAIT = { timeout: 15_000, interval: 250 };

const missingChromium = chromiumMissing('webhooks');

describe.skipIf(Boolean(missingChromium))('webhooks console in Chromium', () => {
  const session = useConsoleSession('webhooks');
  let vigil: ConsoleSession['vigil'];
  let page: Page;
  let receiver: Receiver;
  const pageErrors = session.pageErrors;
  let endpointId = '';
  let secret = '';

  async function api<T = any>(method: string, route: string, body?: unknown): Promise<{ status: number; json: T }> {
    const res = await fetch(`${vigil.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${vigil.adminKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
  }
  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS, `webhooks-${name}.png`), fullPage: true });
  const logRow = (id: string) => page.getByTestId('delivery-log').locator(`tr[data-delivery-id="${id}"]`);

  beforeAll(async () => {
    ({ vigil, page } = session);
    receiver = await startReceiver();
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(vigil.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('creates an endpoint through the UI: a bad URL is refused at its field, the secret is shown once', async () => {
    await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(/\/webhooks$/);
    await expect.poll(() => page.getByText('No endpoints yet').count(), WAIT).toBe(1);
    await page.getByRole('button', { name: 'New endpoint' }).click();
    await page.locator('#url').fill('ftp://platform.example/hooks');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    await expect.poll(() => page.locator('.field-invalid .field-error').innerText(), WAIT).toMatch(/url must use http or https, not ftp/);
    expect((await api('GET', '/v1/webhooks')).json.endpoints).toEqual([]);

    await page.locator('#url').fill(receiver.url);
    await page.locator('#description').fill('the platform’s enforcement sink');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    const notice = page.getByTestId('new-secret');
    await notice.waitFor();
    secret = await page.getByTestId('secret-value').innerText();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    await shot('created');
    const row = page.getByTestId('endpoint-list').locator('tbody tr');
    await expect.poll(() => row.count(), WAIT).toBe(1);
    endpointId = (await row.getAttribute('data-endpoint-id'))!;
    expect(await row.innerText()).toMatch(new RegExp(`${endpointId}\\s+${receiver.url.replace(/[/.]/g, '\\$&')}\\s+the platform’s enforcement sink\\s+every kind\\s+enabled\\s+0\\s+0`));
    // The secret is nowhere in what the API reads back.
    expect(JSON.stringify((await api('GET', '/v1/webhooks')).json)).not.toContain(secret);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await notice.count()).toBe(0);
  });

  it('shows an action taken through the API as delivered, signed with the secret shown at creation', async () => {
    const event = contentCreated({ text: 'free crypto giveaway, send btc now' });
    expect((await api('POST', '/v1/events', { events: [event] })).status).toBe(200);
    const taken = await api('POST', '/v1/actions', { entity: { type: 'content', id: event.content.id }, action: 'remove', policy: 'scam', reason: 'crypto giveaway scam' });
    expect(taken.status, JSON.stringify(taken.json)).toBe(201);
    const id = `${endpointId}.a${taken.json.seq}`;

    const row = logRow(id);
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('delivered');
    expect(await row.innerText()).toMatch(new RegExp(`remove · content:${event.content.id}\\s+delivered\\s+1\\s+200\\s+—`));
    const [got] = receiver.byId(id);
    expect(got.json.data.action).toMatchObject({ seq: taken.json.seq, action: 'remove', entity: { type: 'content', id: event.content.id } });
    expect(verifyWebhookSignature(secret, got.headers['vigil-signature'] as string, got.headers['vigil-timestamp'] as string, got.body, new Date())).toBe(true);

    // Opening the row shows the body it sends.
    await row.getByRole('button', { name: id }).click();
    expect(JSON.parse(await page.getByTestId('delivery-payload').innerText())).toEqual(got.json);
    await shot('delivered');
  });

  it('logs a failing test ping as failed, finds it by status, and retries it from the log', async () => {
    receiver.respond = () => 500;
    const endpointRow = page.getByTestId('endpoint-list').locator(`tr[data-endpoint-id="${endpointId}"]`);
    await endpointRow.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => page.getByTestId('ping-result').innerText(), WAIT).toMatch(/failed: HTTP 500: refused with 500/);
    const pingId = receiver.received.at(-1)!.id;
    expect(pingId).toMatch(new RegExp(`^${endpointId}\\.ping\\.`));
    await expect.poll(() => endpointRow.innerText(), WAIT).toMatch(/enabled\s+0\s+1/);

    await page.locator('select[name="status"]').selectOption('failed');
    await page.waitForURL(/status=failed/);
    const rows = page.getByTestId('delivery-log').locator('tbody tr[data-delivery-id]');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-delivery-id'))), WAIT).toEqual([pingId]);
    expect(await logRow(pingId).innerText()).toMatch(/ping\s+failed\s+1\s+500\s+HTTP 500: refused with 500/);
    await shot('failed');

    receiver.respond = () => 200;
    await logRow(pingId).getByRole('button', { name: 'Retry' }).click();
    await page.locator('select[name="status"]').selectOption('');
    await expect.poll(() => logRow(pingId).getAttribute('data-status'), WAIT).toBe('delivered');
    expect(receiver.byId(pingId).map((r) => r.status)).toEqual([500, 200]);
    await expect.poll(() => endpointRow.innerText(), WAIT).toMatch(/enabled\s+0\s+0/);
    await shot('page');
  });

  it('disables and enables an endpoint', async () => {
    const endpointRow = page.getByTestId('endpoint-list').locator(`tr[data-endpoint-id="${endpointId}"]`);
    await endpointRow.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => endpointRow.innerText(), WAIT).toMatch(/disabled/);
    expect((await api('GET', `/v1/webhooks/${endpointId}`)).json.enabled).toBe(false);
    await endpointRow.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(async () => (await api('GET', `/v1/webhooks/${endpointId}`)).json.enabled, WAIT).toBe(true);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
