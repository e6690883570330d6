// The risk-materials area of the console in real headless Chromium against a real Vigil server (in
// memory): packages and materials created through the UI, import with its summary and its line/column
// errors, try-it highlighting evaded hits at the right code points (an emoji before them, a zero-width
// space inside, an Arabic clitic) with hidden characters as badges and right-to-left text laid out as
// such, the preview of a draft on stored content, hits over time, and the hash bank matching an image.
// Without Chromium this suite skips with a printed reason outside CI and fails under CI=true.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdqHashImage } from '../../src/materials/pdq/index.js';
import { texturedJpeg } from '../../src/materials/pdq/texture-fixture.js';
import { missingChromium as chromiumMissing, RESULTS, useConsoleSession, type ConsoleSession } from '../support/browser.js';

const WAIT = { timeout: 15_000, interval: 250 };

const missingChromium = chromiumMissing('materials');

type Hit = { material_id: number; start?: number; end?: number; test: boolean };

const PKG = 'scam_terms';
const ZWSP = '\u200b';
/** An emoji (two UTF-16 units, one code point) before the hit: a span applied to UTF-16 would be off by one. */
const EVADED = `🔥 Get fr${ZWSP}ee m0ney, send me your btc`;
const ARABIC = 'خذ والكتاب معك';

describe.skipIf(Boolean(missingChromium))('materials console in Chromium', () => {
  const session = useConsoleSession('materials');
  let vigil: ConsoleSession['vigil'];
  let adminKey: string;
  let page: Page;
  const pageErrors = session.pageErrors;
  const ids: Record<string, number> = {};

  async function api<T = unknown>(method: string, route: string, body?: unknown, contentType?: string): Promise<{ status: number; json: T }> {
    // Buffers (images) and strings (import files) go as they are; anything else as JSON.
    const raw = Buffer.isBuffer(body) ? new Uint8Array(body) : typeof body === 'string' ? body : undefined;
    const res = await fetch(`${vigil.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'Content-Type': contentType ?? (Buffer.isBuffer(body) ? 'image/jpeg' : 'application/json') }) },
      body: body === undefined ? undefined : (raw ?? JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Materials take effect when the server's material set is rebuilt (polled each second): wait until they do. */
  async function untilTried(text: string, count: number) {
    await expect
      .poll(async () => {
        const res = await api<{ hits: Hit[] }>('POST', '/v1/materials/try', { text, package_id: PKG });
        if (res.status !== 200) throw new Error(`try answered ${res.status}: ${JSON.stringify(res.json)}`);
        return res.json.hits.length;
      }, WAIT)
      .toBeGreaterThanOrEqual(count);
  }

  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS, `materials-${name}.png`), fullPage: true });
  const idFromUrl = () => Number(/\/m\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);

  async function addMaterial(fill: () => Promise<void>) {
    await page.getByRole('link', { name: 'Add material' }).click();
    await page.locator('#value').waitFor();
    await fill();
    await page.getByRole('button', { name: 'Add material' }).click();
    await page.waitForURL(/\/materials\/scam_terms\/m\/\d+$/);
    await expect.poll(() => page.getByRole('status').innerText(), WAIT).toMatch(/added/);
    return idFromUrl();
  }

  beforeAll(async () => {
    ({ vigil, page } = session);
    adminKey = vigil.adminKey;
    await page.goto(vigil.url);
    await page.getByLabel('API key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
  });

  it('creates a package and its materials through the UI, with kind-specific fields and inline errors', async () => {
    await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'Materials' }).click();
    await page.getByRole('button', { name: 'New package' }).click();
    await page.locator('#id').fill(PKG);
    await page.locator('#name').fill('Scam terms');
    await page.locator('#owner').fill('ads integrity');
    await page.locator('#description').fill('Evasive scam wording in ads and posts');
    await page.getByRole('button', { name: 'Create package' }).click();
    await page.waitForURL(/\/materials\/scam_terms$/);
    await expect.poll(() => page.locator('h1').innerText(), WAIT).toContain('Scam terms');
    expect(await page.getByTestId('package-version').innerText()).toBe('version 1');

    ids.money = await addMaterial(async () => {
      await page.locator('#kind').selectOption('phrase');
      await page.locator('#value').fill('free money');
      await page.locator('#policy_id').selectOption('scam');
      await page.locator('input[name="status"][value="active"]').check();
    });
    expect(await page.getByTestId('material-title').innerText()).toMatch(/phrase[\s\S]*active/);

    ids.book = await addMaterial(async () => {
      await page.locator('#value').fill('كتاب');
      await page.locator('#languages').fill('ar');
      await page.locator('#policy_id').selectOption('spam');
      await page.locator('input[name="status"][value="active"]').check();
    });

    // Proximity has its second word and distance; other kinds do not show them.
    await page.getByRole('link', { name: 'Add material' }).click();
    expect(await page.locator('#near').count()).toBe(0);
    await page.locator('#kind').selectOption('proximity');
    await page.locator('#value').fill('send');
    await page.locator('#near').fill('btc');
    await page.locator('#within').fill('3');
    await page.locator('#policy_id').selectOption('scam');
    // The severity followed the policy's tier; testing is the default status.
    expect(await page.locator('#severity').inputValue()).toBe('2');
    expect(await page.locator('input[name="status"][value="testing"]').isChecked()).toBe(true);
    await page.getByTestId('opt-out').locator('input[value="leet"]').check();
    await page.getByRole('button', { name: 'Add material' }).click();
    await page.waitForURL(/\/m\/\d+$/);
    ids.near = idFromUrl();

    // A pattern that does not compile is refused, and the message shows at the value field.
    await page.getByRole('link', { name: 'Add material' }).click();
    await page.locator('#kind').selectOption('pattern');
    await page.locator('#value').fill('(unclosed');
    await page.locator('#policy_id').selectOption('scam');
    await page.getByRole('button', { name: 'Add material' }).click();
    await expect.poll(() => page.locator('.field-invalid .field-error').innerText(), WAIT).toMatch(/pattern/);
    expect(await page.locator('#value').getAttribute('aria-invalid')).toBe('true');

    // The table lists the three, filters by kind, and the header counts them.
    await page.getByRole('link', { name: 'Materials', exact: true }).last().click();
    await page.waitForURL(/\/materials\/scam_terms$/);
    const table = page.getByTestId('material-table');
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(3);
    expect(await table.innerText()).toMatch(/send\s+near\s+btc\s+within 3 words/);
    await expect.poll(() => page.locator('h1 + p').innerText(), WAIT).toMatch(/3 materials, 2 active/);
    await page.locator('select[name="kind"]').selectOption('proximity');
    await page.waitForURL(/kind=proximity/);
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('input[name="q"]').fill('كت');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => table.locator('tbody tr').allInnerTexts(), WAIT).toEqual([expect.stringContaining('كتاب')]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(3);
    await shot('package');

    // A package with a scope, seeded through the API, lists its surfaces, markets and languages.
    const scoped = { id: 'arabic_spam', name: 'Arabic spam', owner: 'mena integrity', description: '', scope: { surfaces: ['comment', 'livestream_chat'], markets: ['EG', 'SA'], languages: ['ar'] } };
    expect((await api('POST', '/v1/packages', scoped)).status).toBe(201);
    await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'Materials' }).click();
    const row = page.getByTestId('package-list').locator('tbody tr', { hasText: PKG });
    await expect.poll(() => row.innerText(), WAIT).toMatch(/Scam terms\s+ads integrity\s+everywhere\s+v4\s+3\s+2/);
    expect(await page.getByTestId('package-list').locator('tbody tr', { hasText: 'arabic_spam' }).innerText()).toMatch(/surfaces\s*comment\s*livestream_chat\s+markets\s*EG\s*SA\s+languages\s*ar\s+v1\s+0\s+0/);
    await shot('list');
  });

  it('imports a pasted CSV and a chosen file with a summary, and shows where a refused import went wrong', async () => {
    await page.goto(`${vigil.url}/materials/${PKG}/import`);
    await page.locator('#import-text').fill('kind,value,languages,policy_id,severity,status\nterm,giveaway,en,scam,,testing\nphrase,double your crypto,en,scam,1,active\n');
    await page.getByRole('button', { name: 'Import' }).click();
    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.innerText(), WAIT).toContain('imported 2 (2 new, 0 changed)');
    expect(await summary.innerText()).toMatch(/package version 5/);
    await expect.poll(() => page.getByTestId('package-version').innerText(), WAIT).toBe('version 5');

    // A bad status on line 3: nothing is imported, and the line is shown with a caret under column 13.
    await page.locator('#import-text').fill('kind,value,policy_id,status\nterm,a,scam,active\nterm,b,scam,live\n');
    await page.getByRole('button', { name: 'Import' }).click();
    const error = page.getByTestId('import-error');
    await expect.poll(() => error.innerText(), WAIT).toMatch(/line 3, column 13 \(status\)/);
    expect(await page.getByTestId('import-error-line').innerText()).toBe(`term,b,scam,live\n${' '.repeat(12)}^`);
    expect(await summary.count()).toBe(0);
    await page.getByRole('button', { name: 'show in the text' }).click();
    const selected = await page.locator('#import-text').evaluate((el) => {
      const t = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    expect(selected).toBe('live');
    await shot('import-error');
    expect((await api<{ version: number }>('GET', `/v1/packages/${PKG}`)).json.version).toBe(5);

    // A file: NDJSON, told apart from JSON by its lines.
    await page.locator('#import-file').setInputFiles({
      name: 'more.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from('{"kind":"domain","value":"scam-example.com","policy_id":"scam","status":"active"}\n{"kind":"term","value":"giveaway","policy_id":"scam","status":"active"}\n'),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => summary.innerText(), WAIT).toContain('imported 2 (1 new, 1 changed)');
    await shot('import');

    // Export: fetched with the key and handed to the browser as a file, in the shape import reads.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`${PKG}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^kind,value,near,within,languages,policy_id,severity/);
    expect(csv).toContain('scam-example.com');
  });

  it('highlights evaded hits in the original text at the right characters, with hidden characters as badges', async () => {
    await untilTried(EVADED, 2);
    await untilTried(ARABIC, 1);
    await page.goto(`${vigil.url}/materials/try`);
    await page.getByTestId('try-input').fill(EVADED);
    const original = page.getByTestId('try-original');
    await expect.poll(() => original.locator('mark').count(), WAIT).toBeGreaterThanOrEqual(3);

    // "free money" is hit across the zero-width space: "fr", the badge, "ee m0ney", at code points 6-17.
    const money = original.locator(`mark[data-hits]`, { hasText: /^(fr|ee m0ney)$/ });
    expect(await money.allInnerTexts()).toEqual(['fr', 'ee m0ney']);
    expect(await money.first().getAttribute('data-start')).toBe('6');
    expect(await money.last().getAttribute('data-end')).toBe('17');
    const badge = original.locator('.hidden-char');
    expect(await badge.innerText()).toBe('⟨U+200B ZERO WIDTH SPACE⟩');
    expect(await badge.getAttribute('data-index')).toBe('8');
    expect(await badge.getAttribute('class')).toContain('in-hit');
    // The zero-width space itself is not in the page (it would be invisible), only its badge.
    expect(await original.innerText()).not.toContain(ZWSP);
    expect(await original.innerText()).toContain('🔥 Get fr⟨U+200B ZERO WIDTH SPACE⟩ee m0ney');
    expect(await money.first().getAttribute('title')).toMatch(/free money.*scam_terms v\d+ · policy scam · severity 2 · live hit/);

    // The proximity material is in testing: its hit is drawn as a test hit and named so in the legend.
    const near = original.locator('mark.hit-test');
    expect(await near.allInnerTexts()).toEqual(['send me your btc']);
    const legend = page.getByTestId('try-hits');
    const nearRow = legend.locator(`tr[data-material-id="${ids.near}"]`);
    expect(await nearRow.innerText()).toMatch(/test[\s\S]*send[\s\S]*scam_terms[\s\S]*scam\s+2/);
    expect(await legend.locator(`tr[data-material-id="${ids.money}"]`).innerText()).toMatch(/live[\s\S]*free money[\s\S]*fr⟨U\+200B ZERO WIDTH SPACE⟩ee m0ney\s+6–17/);
    expect(await page.getByTestId('try-normalised').innerText()).toContain('fre money');
    expect(await page.getByTestId('try-hidden').innerText()).toContain('#8 U+200B ZERO WIDTH SPACE');
    await shot('try');

    // Arabic: the clitic "وال" is split off, so "كتاب" inside "والكتاب" is hit; the block lays out right to left.
    await page.getByTestId('try-input').fill(ARABIC);
    await expect.poll(() => original.locator('mark').allInnerTexts(), WAIT).toEqual(['كتاب']);
    const mark = original.locator('mark');
    expect([await mark.getAttribute('data-start'), await mark.getAttribute('data-end')]).toEqual(['6', '10']);
    expect(await original.getAttribute('dir')).toBe('auto');
    expect(await page.getByTestId('try-input').getAttribute('dir')).toBe('auto');
    expect(await original.evaluate((el) => (el as unknown as { matches(s: string): boolean }).matches(':dir(rtl)'))).toBe(true);
    // Laid out right to left: the first word (خذ) is drawn to the right of the hit.
    const boxes = await original.evaluate((el) => {
      const e = el as unknown as { ownerDocument: { createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void; getBoundingClientRect(): { left: number } } }; firstChild: unknown; querySelector(s: string): { getBoundingClientRect(): { left: number } } };
      const range = e.ownerDocument.createRange();
      range.setStart(e.firstChild, 0);
      range.setEnd(e.firstChild, 2);
      return { first: range.getBoundingClientRect().left, hit: e.querySelector('mark').getBoundingClientRect().left };
    });
    expect(boxes.first).toBeGreaterThan(boxes.hit);
    await shot('try-arabic');
    await original.screenshot({ path: path.join(RESULTS, 'materials-try-arabic-block.png') });

    // The same box on the package page, limited to the package.
    await page.goto(`${vigil.url}/materials/${PKG}/try`);
    await page.getByTestId('try-input').fill(EVADED);
    await expect.poll(() => page.getByTestId('try-hits').locator('tbody tr').count(), WAIT).toBe(2);
  });

  it('previews a draft on stored content, and charts a material’s hits live vs test', async () => {
    const now = new Date().toISOString();
    const post = (id: string, text: string) => ({ id, type: 'content.created', time: now, content: { id: `post_${id}`, kind: 'text_post', text, language: 'en' }, author: { id: 'acct_mallory' } });
    const res = await api<{ accepted: number }>('POST', '/v1/events', {
      events: [post('ev_m1', 'Claim your FREE MONEY today 💸'), post('ev_m2', 'Buy cheap followers now, 10k for $5'), post('ev_m3', 'send me your btc and get double back')],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);

    // Preview: a draft never saved, run over what was stored, with the hit highlighted in its excerpt.
    await page.goto(`${vigil.url}/materials/${PKG}/new`);
    await page.locator('#value').fill('followers');
    await page.locator('#policy_id').selectOption('spam');
    await page.getByTestId('preview-button').click();
    const preview = page.getByTestId('preview-results');
    await expect.poll(() => preview.innerText(), WAIT).toMatch(/1 hit/);
    expect(await preview.locator('mark').innerText()).toBe('followers');
    expect(await preview.innerText()).toContain('content post_ev_m2');
    await shot('preview');
    expect((await api<{ version: number }>('GET', `/v1/packages/${PKG}`)).json.version).toBe(6);

    // The matcher recorded hits as the events arrived: the live one on "free money", the test one on the proximity.
    await page.goto(`${vigil.url}/materials/${PKG}/m/${ids.money}`);
    const recent = page.getByTestId('recent-hits');
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return recent.innerText().catch(() => '');
      }, WAIT)
      .toContain('post_ev_m1');
    expect(await recent.innerText()).toMatch(/live[\s\S]*FREE MONEY/);
    expect(await page.getByTestId('hit-totals').innerText()).toBe('last 7 days: 1 live, 0 test');
    await expect.poll(() => page.locator('[data-testid="hits-chart"] .recharts-bar-rectangle').count(), WAIT).toBeGreaterThan(0);
    await shot('material');

    await page.goto(`${vigil.url}/materials/${PKG}/m/${ids.near}`);
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return page.getByTestId('hit-totals').innerText();
      }, WAIT)
      .toBe('last 7 days: 0 live, 1 test');

    // Retiring keeps the material and its history.
    await page.getByRole('button', { name: 'Retire' }).click();
    await page.getByRole('button', { name: 'Confirm retire' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), WAIT).toMatch(/Retired/);
    await expect.poll(() => page.getByTestId('material-title').innerText(), WAIT).toContain('retired');
    await expect.poll(() => page.getByTestId('material-history').locator('tbody tr').count(), WAIT).toBe(2);
  });

  it('hashes an uploaded image on the hash bank page and shows the banked match with its distance', async () => {
    const banked = await texturedJpeg(5, 95);
    const { hash } = await pdqHashImage(banked);
    const added = await api<{ id: number }>('POST', `/v1/packages/${PKG}/materials`, {
      kind: 'image_hash',
      value: hash,
      languages: [],
      policy_id: 'scam',
      severity: 2,
      match_mode: 'word',
      exceptions: [],
      status: 'active',
      opt_out: [],
    });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    // A recompressed copy: a different file, a nearby hash.
    const copy = await texturedJpeg(5, 40);
    await expect.poll(async () => (await api<{ matches: unknown[] }>('POST', '/v1/hashes/image', copy)).json.matches.length, WAIT).toBe(1);

    await page.goto(`${vigil.url}/materials/${PKG}/hashes`);
    await expect.poll(() => page.getByTestId('hashes-image_hash').locator('tbody tr').count(), WAIT).toBe(1);
    await page.locator('#hash-image').setInputFiles({ name: 'copy.jpg', mimeType: 'image/jpeg', buffer: copy });
    const pdq = page.getByTestId('pdq-hash');
    await expect.poll(() => pdq.innerText(), WAIT).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(await page.getByTestId('pdq-quality').innerText())).toBeGreaterThanOrEqual(50);
    const matches = page.getByTestId('hash-matches');
    const distance = Number(await matches.getByTestId('match-distance').innerText());
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThanOrEqual(31);
    expect(await matches.innerText()).toContain(`#${added.json.id}`);
    await shot('hashes');

    // "Bank this hash" opens the add form with the uploaded image's hash filled in.
    await page.getByRole('link', { name: `Bank this hash in ${PKG}` }).click();
    expect(await page.locator('#kind').inputValue()).toBe('image_hash');
    expect(await page.locator('#value').inputValue()).toBe(await api<{ pdq: string }>('POST', '/v1/hashes/image', copy).then((r) => r.json.pdq));
  });

  it('edits the package into a new version, archives it (read only) and restores it', async () => {
    await page.goto(`${vigil.url}/materials/${PKG}`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(/\/history$/);
    await page.locator('#owner').fill('ads integrity (EMEA)');
    await page.getByTestId('package-surfaces').locator('input[value="ad_creative"]').check();
    await page.locator('#markets').fill('de, fr');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), WAIT).toMatch(/Saved as version 9/);
    expect((await api('GET', `/v1/packages/${PKG}`)).json).toMatchObject({ owner: 'ads integrity (EMEA)', scope: { surfaces: ['ad_creative'], markets: ['DE', 'FR'], languages: [] }, version: 9 });
    const history = page.getByTestId('version-history');
    await expect.poll(() => history.locator('tbody tr').first().innerText(), WAIT).toMatch(/v9[\s\S]*edited owner, scope/);
    expect(await history.locator('tbody tr').count()).toBe(9);
    await shot('history');

    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('button', { name: 'Confirm archive' }).click();
    await expect.poll(() => page.locator('h1').innerText(), WAIT).toContain('archived');
    expect(await page.getByRole('link', { name: 'Add material' }).count()).toBe(0);
    expect(await page.locator('#owner').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText(), WAIT).toMatch(/Restored \(version 11\)/);
    expect(await page.getByRole('link', { name: 'Add material' }).count()).toBe(1);
  });

  it('pages through a long list by cursor, Arabic and Chinese terms alike', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => (i % 2 ? `term,كلمة${i},ar,spam,,active` : `term,免费${i},zh,spam,,testing`));
    const imported = await api<{ total: number }>('POST', '/v1/packages/arabic_spam/import', ['kind,value,languages,policy_id,severity,status', ...rows].join('\n'), 'text/csv');
    expect(imported.json.total, JSON.stringify(imported.json)).toBe(120);
    await page.goto(`${vigil.url}/materials/arabic_spam`);
    const table = page.getByTestId('material-table');
    const pager = page.getByTestId('material-pager');
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(50);
    expect(await pager.innerText()).toContain('page 1');
    await pager.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => pager.innerText(), WAIT).toContain('page 2');
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-material-id'), WAIT).not.toBe(null);
    const firstOfPage2 = Number(await table.locator('tbody tr').first().getAttribute('data-material-id'));
    await shot('paging');
    await pager.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(20);
    expect(await pager.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    await pager.getByRole('button', { name: '← Previous' }).click();
    await expect.poll(async () => Number(await table.locator('tbody tr').first().getAttribute('data-material-id')), WAIT).toBe(firstOfPage2);
    // A filter starts again from the first page.
    await page.locator('input[name="language"]').fill('zh');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForURL(/language=zh/);
    await expect.poll(() => pager.innerText(), WAIT).toContain('page 1');
    await expect.poll(() => table.locator('tbody tr').first().innerText(), WAIT).toContain('免费');
    expect(await table.locator('tbody tr').count()).toBe(50);
  });

  it('shows a viewer key the library read only, with try-it still open to it', async () => {
    const viewer = await api<{ key: string }>('POST', '/v1/keys', { name: 'vera-viewer', roles: ['viewer'] });
    expect(viewer.status).toBe(201);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(viewer.json.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
    await page.getByRole('navigation', { name: 'Console areas' }).getByRole('link', { name: 'Materials' }).click();
    await page.getByTestId('package-list').waitFor();
    expect(await page.getByRole('button', { name: 'New package' }).count()).toBe(0);
    await page.goto(`${vigil.url}/materials/${PKG}/m/${ids.money}`);
    await page.getByTestId('material-title').waitFor();
    expect(await page.getByRole('link', { name: 'Add material' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Retire' }).count()).toBe(0);
    expect(await page.locator('#value').isDisabled()).toBe(true);
    await page.goto(`${vigil.url}/materials/${PKG}/try`);
    await page.getByTestId('try-input').fill(EVADED);
    await expect.poll(() => page.getByTestId('try-original').locator('mark').count(), WAIT).toBeGreaterThan(0);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
