// Shared setup of the browser suites: Debian's Chromium with the project's flags, a skip (with the reason)
// when it is absent outside CI and a failure under CI, the console built from the current source and
// served by a real in-memory Vigil, and a full-page screenshot of every failing test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startVigil } from '../../src/server/index.js';
import { underCi } from './services.js';

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
export const RESULTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'test-results');
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The reason a browser suite cannot run here, or undefined; under CI a missing Chromium throws. */
export function missingChromium(suite: string): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set VIGIL_CHROMIUM)`;
  if (underCi()) throw new Error(`${reason}: under CI the browser suite must run`);
  console.warn(`[skip] ${reason}; the ${suite} browser suite is skipped`);
  return reason;
}

export interface ConsoleSession {
  vigil: { url: string; adminKey: string };
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, for a last test to assert there were none. */
  pageErrors: string[];
}

/**
 * Registers the suite's hooks and returns the session, filled in once beforeAll has run. Failing tests
 * leave `<prefix>-failed-<test>.png` in test-results/.
 */
export function useConsoleSession(prefix: string): ConsoleSession {
  const session = { pageErrors: [] as string[] } as unknown as ConsoleSession;
  let consoleDir: string | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-console-'));
    await build({ configFile: path.join(REPO, 'console/vite.config.ts'), logLevel: 'warn', build: { outDir: consoleDir, emptyOutDir: true, sourcemap: false } });
    const vigil = await startVigil({ port: 0, dataDir: undefined, consoleDir });
    close = () => vigil.close();
    if (!vigil.adminKey) throw new Error('startVigil returned no admin key');
    session.vigil = { url: vigil.url, adminKey: vigil.adminKey };
    session.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    session.context = await session.browser.newContext({ viewport: { width: 1440, height: 960 } });
    session.page = await session.context.newPage();
    session.page.on('pageerror', (err) => session.pageErrors.push(err.message));
    fs.mkdirSync(RESULTS, { recursive: true });
  });
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const file = path.join(RESULTS, `${prefix}-failed-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
      await session.page?.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`[browser] screenshot of the failure: ${file}`);
    });
  });
  afterAll(async () => {
    await session.browser?.close();
    await close?.();
    if (consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
  });
  return session;
}

/** A JSON call to a test Vigil's API with a key: what the browser suites set up and check through. */
export async function callApi<T = unknown>(baseUrl: string, key: string, method: string, route: string, body?: unknown): Promise<{ status: number; json: T; text: string }> {
  const res = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as T, text };
}
