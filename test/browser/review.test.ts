// Human review in the console, in real headless Chromium against a real Vigil server (in memory): a
// moderator picks a queue and reviews a reported post (its material hit highlighted at the right code
// points after an emoji, its image blurred until clicked), decides it by keyboard shortcut (the removal
// lands in the action log, the handle time is recorded) and gets the next task; shortcuts stay off while
// typing notes; a skip with its required reason hands the task to a second moderator; an appeal of the
// removal is reviewed by that second moderator (never the first) and overturned, which reverts the
// removal and its strike; the operations page shows a queue's depth and pauses and resumes it; and the
// strategy that flagged the posts shows its precision from these verdicts with a Wilson interval.
// Screenshots go to .scratch/review/ (docs/console-review.png is a copy of review.png, refreshed by hand). Without Chromium
// this suite skips with a printed reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { texturedJpeg } from '../../src/materials/pdq/texture-fixture.js';
import { missingChromium as chromiumMissing, useConsoleSession, type ConsoleSession } from '../support/browser.js';

const WAIT = { timeout: 20_000, interval: 250 };
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = path.join(REPO, '.scratch', 'review');

const missingChromium = chromiumMissing('review');

const PKG = 'review_terms';
/** An emoji (two UTF-16 units, one code point) before the hit: a span applied to UTF-16 would be off by one. */
const C1_TEXT = '🔥 Get free money now, just DM me your card number';
const C2_TEXT = 'Win free money at our church raffle this Sunday!';
const STRATEGY = `policy scam
on content.created
rule "scam phrase"
  when hits(package: "${PKG}") > 0
  then enqueue "commerce" priority 10 reason "scam phrase"
`;

interface Task {
  id: number;
  status: string;
  queue: string;
  lease_holder: string | null;
  skips: number;
  verdict: { moderator: string; policy: string | null; handle_ms: number | null } | null;
}
interface Action {
  seq: number;
  action: string;
  source: string;
  actor: string;
  entity: { type: string; id: string };
  reverts_seq: number | null;
  reverted_by: number | null;
}

describe.skipIf(Boolean(missingChromium))('review console in Chromium', () => {
  const session = useConsoleSession('review');
  let vigil: ConsoleSession['vigil'];
  let page: Page;
  const pageErrors = session.pageErrors;
  const mods: Record<'a' | 'b', { key: string; actor: string }> = { a: { key: '', actor: '' }, b: { key: '', actor: '' } };
  const tasks: Record<string, number> = {};

  async function api<T = unknown>(method: string, route: string, body?: unknown, key = vigil.adminKey): Promise<{ status: number; json: T }> {
    const raw = Buffer.isBuffer(body) ? new Uint8Array(body) : undefined;
    const res = await fetch(`${vigil.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': raw ? 'image/jpeg' : 'application/json' }) },
      body: body === undefined ? undefined : (raw ?? JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
  }
  const ok = async <T,>(p: Promise<{ status: number; json: T }>, status = 201) => {
    const r = await p;
    expect(r.status, JSON.stringify(r.json)).toBe(status);
    return r.json;
  };
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name, exact: true }).click();
  const taskOf = async (content: string) => (await api<{ tasks: Task[] }>('GET', `/v1/review/tasks?entity_type=content&entity_id=${content}`)).json.tasks[0];
  const task = async (id: number) => (await api<Task>('GET', `/v1/review/tasks/${id}`)).json;
  const actionsOf = async (type: string, id: string) => (await api<{ actions: Action[] }>('GET', `/v1/actions?entity_type=${type}&entity_id=${id}&limit=50`)).json.actions;
  const shownEntity = () => page.getByTestId('task-entity').innerText();

  /** Signs the page in with another key (the console keeps it in localStorage). */
  async function signInAs(key: string, to: string) {
    await page.evaluate(`localStorage.setItem('vigil.apiKey', ${JSON.stringify(key)})`);
    await page.goto(`${vigil.url}${to}`);
    await page.getByTestId('whoami').waitFor();
  }

  /** expect.poll for beforeAll (where vitest refuses it): waits until `check` returns true. */
  async function until(what: string, check: () => Promise<boolean>) {
    const end = Date.now() + WAIT.timeout;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, WAIT.interval));
    }
  }

  /** A post with a scam phrase by its own author, flagged by the strategy and reported by a user. */
  async function postAndReport(n: number, text: string, media?: { sha256: string; kind: 'image' }[]) {
    const content = `c-${n}`;
    const event = { id: `ev-${n}`, type: 'content.created', time: new Date().toISOString(), content: { id: content, kind: 'text_post', text, language: 'en', ...(media ? { media } : {}) }, author: { id: `acct-${n}`, follower_count: 3 } };
    await ok(api('POST', '/v1/events', { events: [event] }), 200);
    await until(`a task on ${content}`, async () => (await taskOf(content))?.queue === 'commerce');
    await ok(api('POST', '/v1/reports', { entity: { type: 'content', id: content }, policy: 'scam', reporter: `reporter-${n}`, reason: 'asks for card numbers' }));
    tasks[content] = (await taskOf(content))!.id;
  }

  beforeAll(async () => {
    ({ vigil, page } = session);
    fs.mkdirSync(SHOTS, { recursive: true });
    // A package with one active phrase, in effect once the material set is rebuilt (polled each second).
    await ok(api('POST', '/v1/packages', { id: PKG, name: 'Review terms', owner: 'trust and safety', description: '', scope: { surfaces: [], markets: [], languages: [] } }));
    await ok(api('POST', `/v1/packages/${PKG}/materials`, { kind: 'phrase', value: 'free money', languages: [], policy_id: 'scam', severity: 2, match_mode: 'word', exceptions: [], status: 'active', opt_out: [] }));
    await until('the material in effect', async () => (await api<{ hits: unknown[] }>('POST', '/v1/materials/try', { text: 'free money', package_id: PKG })).json.hits?.length === 1);
    // A live strategy that sends posts with a hit to review.
    await ok(api('POST', '/v1/strategies', { id: 'scam-review', name: 'Scam phrases to review', source: STRATEGY }));
    expect((await api<{ state: string }>('POST', '/v1/strategies/scam-review/versions/1/state', { state: 'live' })).json.state).toBe('live');
    // Two moderators.
    for (const m of ['a', 'b'] as const) {
      const created = await ok(api<{ key: string }>('POST', '/v1/keys', { name: `mod-${m}`, roles: ['moderator'] }));
      mods[m].key = created.key;
      mods[m].actor = (await api<{ actor: string }>('GET', '/v1/me', undefined, created.key)).json.actor;
    }
    const image = await ok(api<{ sha256: string }>('POST', '/v1/media', await texturedJpeg(11)));
    await postAndReport(1, C1_TEXT, [{ sha256: image.sha256, kind: 'image' }]);
    await postAndReport(2, C2_TEXT);
    await page.goto(vigil.url);
  });

  it('reviews a reported post: hit highlighted, image blurred, verdict by keyboard, the removal logged, the next task shown', async () => {
    await signInAs(mods.a.key, '/');
    await nav('Review');
    const row = page.getByTestId('review-queues').locator('tr[data-queue="commerce"]');
    await expect.poll(() => row.getByTestId('queue-open').innerText(), WAIT).toBe('2');
    await shot('queues');
    await row.getByRole('link', { name: /Start reviewing/ }).click();
    await page.waitForURL(/\/review\/work\?queue=commerce$/);

    await expect.poll(shownEntity, WAIT).toBe('c-1');
    expect(await page.getByTestId('task-summary').innerText()).toContain(`#${tasks['c-1']}`);
    expect(await page.getByTestId('task-policy').innerText()).toMatch(/Scams and fraud[\s\S]*Deceiving people for money/);
    // The hit is the phrase itself: its span counts the emoji as one code point.
    const mark = page.getByTestId('item-text').locator('mark.hit');
    await expect.poll(() => mark.allInnerTexts(), WAIT).toEqual(['free money']);
    expect(await page.getByTestId('item-text').innerText()).toBe(C1_TEXT);
    expect(await page.getByTestId('item-hits').innerText()).toMatch(new RegExp(`text\\s+${PKG}\\s+#\\d+\\s+scam\\s+2`));
    // The image is blurred until clicked, and blurred again on a second click.
    const media = page.getByTestId('item-media').locator('button.media-toggle');
    await expect.poll(() => media.getAttribute('data-state'), WAIT).toBe('blurred');
    await expect.poll(() => media.locator('img').getAttribute('alt'), WAIT).toMatch(/\(blurred\)$/);
    await media.click();
    await expect.poll(() => media.getAttribute('data-state'), WAIT).toBe('clear');
    await media.click();
    await expect.poll(() => media.getAttribute('data-state'), WAIT).toBe('blurred');
    // The context: the author behind the post, with no strikes yet; the strategy's reason is not shown.
    expect(await page.getByTestId('task-account').innerText()).toMatch(/acct-1\s+0 active strikes/);
    expect(await page.getByTestId('task-actions').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/enqueue|strategy|scam phrase|reporter-1/);
    await expect.poll(() => page.getByTestId('lease-clock').innerText(), WAIT).toMatch(/^Lease \d+:\d\d$/);
    // Shortcuts: 1 chooses the task's policy, with its default enforcement ticked; the screenshot shows that.
    await page.mouse.click(5, 900);
    await page.keyboard.press('1');
    const pending = page.getByTestId('verdict-pending');
    await expect.poll(() => pending.innerText(), WAIT).toMatch(/Violation of Scams and fraud/);
    expect(await pending.getByRole('checkbox', { name: 'remove' }).isChecked()).toBe(true);
    expect(await pending.getByRole('checkbox', { name: 'strike' }).isChecked()).toBe(true);
    await shot('review');

    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('review-flash').innerText(), WAIT).toMatch(new RegExp(`Decided task #${tasks['c-1']}: violation of scam \\(remove, strike, warn\\)`));
    await expect.poll(shownEntity, WAIT).toBe('c-2');

    const decided = await task(tasks['c-1']!);
    expect(decided.status).toBe('done');
    expect(decided.verdict).toMatchObject({ moderator: mods.a.actor, policy: 'scam' });
    expect(decided.verdict!.handle_ms).toBeGreaterThan(0);
    const removal = (await actionsOf('content', 'c-1')).find((a) => a.action === 'remove');
    expect(removal).toMatchObject({ source: 'review', actor: mods.a.actor, reverted_by: null });
    expect((await actionsOf('account', 'acct-1')).map((a) => a.action)).toContain('strike');
  });

  it('keeps shortcuts off while typing notes, and a skip with its reason hands the task to another moderator', async () => {
    await page.keyboard.press('1');
    const pending = page.getByTestId('verdict-pending');
    await expect.poll(() => pending.innerText(), WAIT).toMatch(/Violation of Scams and fraud/);
    const notes = page.getByLabel(/^Notes/);
    await notes.click();
    await page.keyboard.type('0 n s e 2');
    expect(await notes.inputValue()).toBe('0 n s e 2');
    expect(await pending.innerText()).toMatch(/Violation of Scams and fraud/);
    expect(await page.getByRole('form', { name: 'Skip the task' }).count()).toBe(0);
    await pending.getByRole('button', { name: /Cancel/ }).click();
    await expect.poll(() => pending.count(), WAIT).toBe(0);

    // S opens the skip form; its reason is required.
    await page.keyboard.press('s');
    const form = page.getByRole('form', { name: 'Skip the task' });
    await form.waitFor();
    const reason = form.getByLabel(/Why skip it/);
    expect(await reason.inputValue()).toBe('');
    expect(await form.getByRole('button', { name: 'Skip task' }).isDisabled()).toBe(true);
    await reason.fill('I know this church; someone else should decide');
    await reason.press('Enter');
    await expect.poll(() => page.getByTestId('review-empty').count(), WAIT).toBe(1);
    expect(await page.getByTestId('review-flash').innerText()).toContain(`Skipped task #${tasks['c-2']}`);
    expect(await task(tasks['c-2']!)).toMatchObject({ status: 'open', lease_holder: null, skips: 1 });

    // The second moderator is handed it, and finds no violation with N then Enter.
    await signInAs(mods.b.key, '/review/work?queue=commerce');
    await expect.poll(shownEntity, WAIT).toBe('c-2');
    await page.keyboard.press('n');
    await expect.poll(() => page.getByTestId('verdict-pending').innerText(), WAIT).toMatch(/No violation/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('review-empty').count(), WAIT).toBe(1);
    expect((await task(tasks['c-2']!)).verdict).toMatchObject({ moderator: mods.b.actor, policy: null });
  });

  it('overturns an appeal of the removal as a moderator other than the one who decided; the removal and strike are reverted', async () => {
    const removal = (await actionsOf('content', 'c-1')).find((a) => a.action === 'remove')!;
    const appeal = await ok(api<{ id: number; task_id: number }>('POST', '/v1/appeals', { action_seq: removal.seq, appellant: 'acct-1', statement: 'It was a joke between friends, nobody sent me a card number.' }));
    // The moderator who removed it is never handed the appeal.
    expect((await api('POST', '/v1/review/next', {}, mods.a.key)).status).toBe(204);

    await page.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => page.getByTestId('appeal-statement').innerText(), WAIT).toBe('It was a joke between friends, nobody sent me a card number.');
    expect(await shownEntity()).toBe('c-1');
    expect(await page.getByTestId('appealed-action').innerText()).toMatch(new RegExp(`Appealed action remove #${removal.seq} under scam · review by`));
    expect(await page.getByTestId('task-account').innerText()).toMatch(/1 active strike/);
    expect(await page.getByTestId('verdict-buttons').innerText()).toMatch(/U\s*Uphold[\s\S]*O\s*Overturn/);
    await page.mouse.click(5, 900);
    await page.keyboard.press('o');
    await expect.poll(() => page.getByTestId('verdict-pending').innerText(), WAIT).toMatch(/Overturn: revert the appealed action/);
    await shot('appeal');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('review-flash').innerText(), WAIT).toMatch(/appeal overturned/);

    const after = await actionsOf('content', 'c-1');
    expect(after.find((a) => a.seq === removal.seq)!.reverted_by).not.toBeNull();
    expect(after.find((a) => a.reverts_seq === removal.seq)).toMatchObject({ action: 'restore', source: 'appeal', actor: mods.b.actor });
    expect((await actionsOf('account', 'acct-1')).find((a) => a.action === 'strike')!.reverted_by).not.toBeNull();

    // The appeals page lists it as overturned; its page shows the action, the statement and the outcome.
    await nav('Appeals');
    await page.getByLabel('Status').selectOption('overturned');
    const row = page.getByTestId('appeals').locator(`tr[data-appeal="${appeal.id}"]`);
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('overturned');
    await row.getByRole('link', { name: `#${appeal.id}` }).click();
    await expect.poll(() => page.getByTestId('appeal-outcome').innerText(), WAIT).toMatch(new RegExp(`Overturned by ${mods.b.actor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(await page.getByTestId('appeal-action').innerText()).toMatch(/remove under scam[\s\S]*reverted by #\d+/);
    await shot('appeal-page');
  });

  it('says so when the lease passed to another moderator, records nothing, and offers the next task', async () => {
    const event = { id: 'ev-3', type: 'content.created', time: new Date().toISOString(), content: { id: 'c-3', kind: 'text_post', text: 'follow me follow me follow me', language: 'en' }, author: { id: 'acct-3' } };
    await ok(api('POST', '/v1/events', { events: [event] }), 200);
    await expect.poll(async () => (await api('POST', '/v1/reports', { entity: { type: 'content', id: 'c-3' }, policy: 'spam', reporter: 'reporter-3' })).status, WAIT).toBe(201);

    await signInAs(mods.a.key, '/review/work?queue=general');
    await expect.poll(shownEntity, WAIT).toBe('c-3');
    // Meanwhile the lease ends (released with the same token) and the second moderator takes the task.
    const mine = await ok(api<{ lease: { task_id: number; token: number } }>('POST', '/v1/review/next', { queue: 'general' }, mods.a.key), 200);
    await ok(api('POST', `/v1/review/tasks/${mine.lease.task_id}/release`, { token: mine.lease.token }, mods.a.key), 200);
    const theirs = await ok(api<{ lease: { task_id: number; token: number } }>('POST', '/v1/review/next', { queue: 'general' }, mods.b.key), 200);
    expect(theirs.lease.task_id).toBe(mine.lease.task_id);

    await page.mouse.click(5, 900);
    await page.keyboard.press('n');
    await page.keyboard.press('Enter');
    const lost = page.getByTestId('lease-lost');
    await expect.poll(() => lost.innerText(), WAIT).toMatch(new RegExp(`^Lease lost on task #${mine.lease.task_id}\\. Your lease on task ${mine.lease.task_id} has ended and another moderator holds it now\\. Nothing you chose was recorded\\.`));
    expect((await task(mine.lease.task_id)).verdict).toBeNull();
    await shot('lease-lost');
    await lost.getByRole('button', { name: 'Take the next task' }).click();
    await expect.poll(() => page.getByTestId('review-empty').count(), WAIT).toBe(1);
    await ok(api('POST', `/v1/review/tasks/${theirs.lease.task_id}/release`, { token: theirs.lease.token }, mods.b.key), 200);
  });

  it('shows a queue’s depth on the operations page, and pauses and resumes it', async () => {
    await signInAs(vigil.adminKey, '/');
    await nav('Operations');
    const row = page.getByTestId('ops-queues').locator('tr[data-queue="general"]');
    await expect.poll(() => row.getByTestId('queue-open').innerText(), WAIT).toBe('1');
    const commerce = page.getByTestId('ops-queues').locator('tr[data-queue="commerce"]');
    // Three verdicts in commerce over the day, with a median handle time.
    expect(await commerce.innerText()).toMatch(/commerce\s+active\s+0\s+0\s+0\s+—\s+1 d\s+100%\s+3\s+\d+ s/);
    await expect.poll(() => page.getByTestId('flow-chart').locator('.recharts-bar-rectangle').count(), WAIT).toBeGreaterThan(0);

    await row.getByRole('button', { name: 'Pause general' }).click();
    await expect.poll(() => row.getByTestId('queue-state').innerText(), WAIT).toBe('paused');
    expect((await api<{ state: string }>('GET', '/v1/queues/general')).json.state).toBe('paused');
    // A paused queue hands out nothing.
    expect((await api('POST', '/v1/review/next', { queue: 'general' }, mods.a.key)).status).toBe(204);
    await shot('operations');

    await row.getByRole('button', { name: 'Resume general' }).click();
    await expect.poll(() => row.getByTestId('queue-state').innerText(), WAIT).toBe('active');
    expect((await api<{ state: string }>('GET', '/v1/queues/general')).json.state).toBe('active');
  });

  it('shows the strategy’s and the package’s precision from the verdicts, with the Wilson interval', async () => {
    // One confirmed (c-1) and one cleared (c-2); the appeal is left out: it judges a decision, not the item.
    await page.goto(`${vigil.url}/strategies/scam-review`);
    const row = page.getByTestId('strategy-precision').locator('tbody tr');
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.getByTestId('precision-value').innerText()).toBe('50%');
    expect(await row.getByTestId('precision-interval').innerText()).toBe('9%–91%');
    expect(await row.innerText()).toMatch(/^v1 \(live\)[\s\S]*1 \/ 2$/);
    await shot('strategy-precision');

    await page.goto(`${vigil.url}/materials/${PKG}`);
    const pkg = page.getByTestId('package-precision').locator('tbody tr');
    await expect.poll(() => pkg.getByTestId('precision-value').innerText(), WAIT).toBe('50%');
  });

  it('edits a queue’s SLA, escalation queue and teams on its page', async () => {
    await page.goto(`${vigil.url}/queues/commerce`);
    const sla = page.getByLabel('SLA (minutes)');
    await expect.poll(() => sla.inputValue(), WAIT).toBe('1440');
    await sla.fill('90');
    await page.getByLabel('Escalation queue').selectOption('general');
    await page.getByLabel('Teams').fill('fraud, Payments');
    await page.getByRole('button', { name: /^Save/ }).click();
    await expect.poll(() => page.getByRole('status').innerText(), WAIT).toMatch(/Saved as version \d+/);
    expect((await api('GET', '/v1/queues/commerce')).json).toMatchObject({ sla_minutes: 90, escalation_queue: 'general', teams: ['fraud', 'payments'] });
    // A moderator outside those teams no longer sees it among the queues they can work.
    await signInAs(mods.a.key, '/review');
    await page.getByTestId('review-queues').locator('tr[data-queue="general"]').waitFor();
    expect(await page.getByTestId('review-queues').locator('tr[data-queue="commerce"]').count()).toBe(0);
  });

  it('shows a livestream, which has no text of its own, by its latest events', async () => {
    const ls = `ls-${Date.now().toString(36)}`;
    const chat = (i: number) => ({ id: `${ls}-chat-${i}`, type: 'comment', time: '2026-11-01T10:00:0' + i + 'Z', content: { id: `${ls}-c${i}`, kind: 'comment', text: `cheap followers ${i}` }, author: { id: `${ls}-viewer-${i}` }, target: { type: 'livestream', id: ls } });
    await ok(api('POST', '/v1/events', { events: [{ id: `${ls}-start`, type: 'livestream.started', time: '2026-11-01T09:59:00Z', livestream: { id: ls }, host: { id: `${ls}-host` } }, chat(1), chat(2)] }), 200);
    await ok(api('POST', '/v1/queues', { id: 'live_ops', name: 'Live operations', policies: ['spam'], languages: [] }));
    await ok(api('POST', '/v1/review/tasks', { entity: { type: 'livestream', id: ls }, policy: 'spam', queue: 'live_ops', reason: 'chat spam wave' }));
    await signInAs(mods.b.key, '/review/work?queue=live_ops');
    await expect.poll(() => shownEntity(), WAIT).toBe(ls);
    const events = page.getByTestId('item-events');
    await expect.poll(() => events.innerText(), WAIT).toMatch(/latest events \(3 of 3\)/i);
    expect(await events.innerText()).toContain('comment');
    await page.getByRole('button', { name: /Stop reviewing/ }).click();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
