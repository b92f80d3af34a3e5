import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { Browser, Page } from 'puppeteer-core';
import { buildWeb } from '../../src/web/build';

/**
 * Chromium from Debian, driven by puppeteer-core. A missing browser fails the run with the fix: the browser
 * tests never skip.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  /** A fresh page that records console errors and failed CSP checks. */
  page: (options?: { recordErrors?: boolean }) => Promise<Page>;
  /** Everything pages logged as an error (a CSP violation shows up here). */
  errors: string[];
  close: () => Promise<void>;
}

let built: Promise<void> | null = null;

/** Builds the web bundles into the folder the test app serves (WEB_ASSETS_DIR, dist/web by default), once per file. */
export function ensureWebBuilt(): Promise<void> {
  built ??= buildWeb(path.resolve(process.env.WEB_ASSETS_DIR ?? 'dist/web'));
  return built;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it (apt-get update && apt-get install -y chromium). The browser tests do not skip.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zix-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
  });
  const errors: string[] = [];
  return {
    browser,
    errors,
    page: async ({ recordErrors = true } = {}) => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      if (!recordErrors) return page;
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      return page;
    },
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs a page in the way a user does: the token typed into the sign-in form. */
export async function signInWithToken(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/app`);
  await page.waitForSelector('#token');
  await page.type('#token', token);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('[data-testid=viewer]');
}

/** Screenshots for README, written only when asked (UPDATE_SCREENSHOTS=1) so a test run leaves the tree clean. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const file = path.resolve('docs/screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1280, height: Math.min(1400, await page.evaluate("document.body.scrollHeight") as number) } });
}

/** A bare page on another origin (its own port), from which a test runs fetch against the API. */
export async function startOriginServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other origin</title><p>dashboard elsewhere</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
