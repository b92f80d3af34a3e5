import { useTestApp } from '../support/app';
import { startTestIssuer, TestIssuer } from '../auth/oidc-issuer';
import { ensureWebBuilt, launchBrowser, TestBrowser, screenshot } from './browser';

/**
 * Sign-in at the identity provider from the web app: authorization code with PKCE against the local test
 * provider, the token kept in the tab's sessionStorage, the code gone from the address bar.
 */
jest.setTimeout(120_000);

declare const sessionStorage: any, document: any;

let issuer: TestIssuer;
let browser: TestBrowser;
let origin: string;

const app = useTestApp({
  before: async () => {
    issuer = await startTestIssuer({ login: { org: 'insurer:3311', role: 'INSURER_MEMBER' } });
    await ensureWebBuilt();
  },
  env: () => ({
    OIDC_JWKS_URL: issuer.jwksUrl,
    OIDC_ISSUER: issuer.issuer,
    OIDC_AUDIENCE: issuer.audience,
    OIDC_AUTHORIZATION_URL: issuer.authorizationUrl,
    OIDC_TOKEN_URL: issuer.tokenUrl,
    OIDC_WEB_CLIENT_ID: issuer.clientId,
  }),
  beforeClose: () => browser?.close(),
  after: () => issuer?.close(),
});

beforeAll(async () => {
  origin = new URL(app.url).origin;
  browser = await launchBrowser();
});

it('signs in at the identity provider with PKCE and reads the API with its token', async () => {
  const page = await browser.page();
  await page.goto(`${origin}/app`);
  await page.waitForSelector('#oidc');
  await screenshot(page, 'sign-in-oidc');
  await page.click('#oidc');
  await page.waitForSelector('[data-testid=viewer]');
  expect(await page.$eval('[data-testid=viewer]', (e: any) => e.textContent)).toBe('INSURER 3311 · INSURER_MEMBER');
  expect(issuer.exchanges).toEqual({ granted: 1, refused: [] });
  // the code and state are gone from the address bar; the token never was in it
  expect(page.url()).toBe(`${origin}/app/kpi`);
  const token: string = await page.evaluate(() => sessionStorage.getItem('zix.token'));
  expect(token.split('.')).toHaveLength(3);
  expect(await page.evaluate(() => sessionStorage.getItem('zix.pkce'))).toBeNull();
  // the page the token reads is a real one
  await page.waitForSelector('[data-testid=providers]');
  expect(browser.errors).toEqual([]);
  await page.close();
});

it('refuses a callback whose state does not match, and exchanges no code', async () => {
  const page = await browser.page({ recordErrors: false });
  await page.goto(`${origin}/app`);
  await page.waitForSelector('#token');
  await page.evaluate(() => sessionStorage.setItem('zix.pkce', JSON.stringify({ verifier: 'v'.repeat(43), state: 'expected' })));
  await page.goto(`${origin}/app/callback?code=stolen&state=forged`);
  await page.waitForSelector('.signin .error');
  expect(await page.$eval('.signin .error', (e: any) => e.textContent)).toContain('mislukt');
  expect(await page.evaluate(() => sessionStorage.getItem('zix.token'))).toBeNull();
  expect(await page.evaluate(() => document.location.search)).toBe('');
  expect(issuer.exchanges.granted).toBe(1);
  await page.close();
});
