import { useTestApp } from '../support/app';
import { loadConfig, ConfigError } from '../../src/config';

/**
 * The web app's HTTP rules without a browser: routes, security headers on every answer, and CORS by allow-list
 * with the preflight answered before authentication.
 */
const ALLOWED = 'https://dashboard.example.nl';
const app = useTestApp({ env: { CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` } });
let base: string;

beforeAll(async () => {
  base = new URL(app.url).origin;
});

const preflight = (origin: string) =>
  fetch(app.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

describe('routes', () => {
  it('sends / to the web app', async () => {
    const res = await fetch(`${base}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/app');
  });

  it.each(['/app', '/app/kpi', '/app/ceilings', '/app/monitoring', '/graphiql'])('serves %s as a page without inline script', async (pathname) => {
    const res = await fetch(`${base}${pathname}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<script defer src="\/assets\/(app|graphiql)\.js"><\/script>/);
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
    expect(html).not.toMatch(/ on[a-z]+=/);
  });

  it('serves only the built bundles from /assets', async () => {
    expect((await fetch(`${base}/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/secret.txt`)).status).toBe(404);
  });
});

describe('security headers', () => {
  it.each(['/app', '/graphiql', '/healthz', '/nope'])('are on %s', async (pathname) => {
    const res = await fetch(`${base}${pathname}`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('are on GraphQL answers too, also on a 401', async () => {
    const res = await app.gql('{ viewer { role } }', {}, { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('CORS', () => {
  it('answers the preflight of an allowed origin without a credential', async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives an origin outside the list no CORS headers', async () => {
    for (const origin of ['https://evil.example', 'https://dashboard.example.nl.evil.example', 'null']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const post = await app.gql('{ viewer { role } }', {}, { headers: { origin } });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('marks the allowed origin on the answer itself, and the answer varies by Origin', async () => {
    const res = await app.gql('{ viewer { organisationKind } }', {}, { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('still needs a credential for the request after the preflight', async () => {
    const res = await app.gql('{ viewer { role } }', {}, { token: null, headers: { origin: ALLOWED } });
    expect(res.status).toBe(401);
  });

  it('allows nothing by default, and refuses a wildcard or a path in the setting', () => {
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }).web.corsOrigins).toEqual([]);
    expect(loadConfig({}).web.corsOrigins).toEqual([]);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(ConfigError);
    expect(() => loadConfig({ OIDC_WEB_CLIENT_ID: 'web' })).toThrow(ConfigError);
  });
});
