import { serverAudits } from 'graphql-http';
import { useTestApp } from '../support/app';

// The audits send many requests at once: the per-minute budget is not what this file tests.
const app = useTestApp({ env: { RATE_LIMIT_OPERATOR_ADMIN: '1000000000' } });
let base: string;

beforeAll(async () => {
  base = app.url.replace(/\/graphql$/, '');
});

/** fetch with the operator token, so that the audits reach GraphQL rather than stop at authentication. */
const authorizedFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${app.operatorToken}`);
  return fetch(input, { ...init, headers });
};

const auth = () => ({ authorization: `Bearer ${app.operatorToken}` });

describe('GraphQL over HTTP (graphql-http audits)', () => {
  it('fails no required audit; recommendations that are not met are logged', async () => {
    // when
    const results = await Promise.all(serverAudits({ url: app.url, fetchFn: authorizedFetch }).map((audit) => audit.fn()));
    // then
    const failed = results.filter((r) => r.status === 'error').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    const advisories = results.filter((r) => r.status === 'warn' || r.status === 'notice').map((r) => `${r.status} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    if (advisories.length > 0) console.info(`graphql-http advisories (${advisories.length}):\n${advisories.join('\n')}`);
    expect(results.length).toBeGreaterThan(20);
    expect(failed).toEqual([]);
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET without a preflight header', async () => {
    // when
    const res = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: auth() });
    // then
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/i);
  });

  it('refuses a POST with content-type text/plain and no preflight header, without running it', async () => {
    // given
    const code = `CSRF_${Date.now()}`;
    // when
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: JSON.stringify({ query: `mutation { segmentCreate(input: { code: "${code}", name: "x" }) { segment { code } } }` }),
    });
    // then
    expect(res.status).toBe(400);
    const check = await app.gql(`query($c: String!) { segment(code: $c) { code } }`, { c: code });
    expect(check.body.data).toEqual({ segment: null });
  });

  it('refuses a form post', async () => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    expect(res.status).toBe(400);
  });

  it('serves a GET query that carries the preflight header', async () => {
    const res = await fetch(`${app.url}?query=${encodeURIComponent('{ segment(code: "ZG") { name } }')}`, { headers: { ...auth(), 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data).toEqual({ segment: { name: 'Zintuiglijk gehandicaptenzorg' } });
  });

  it('does not run a mutation sent as GET, even with the preflight header', async () => {
    const code = `GET_${Date.now()}`;
    const query = `mutation { segmentCreate(input: { code: "${code}", name: "x" }) { segment { code } } }`;
    const res = await fetch(`${app.url}?query=${encodeURIComponent(query)}`, { headers: { ...auth(), 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
    const check = await app.gql(`query($c: String!) { segment(code: $c) { code } }`, { c: code });
    expect(check.body.data).toEqual({ segment: null });
  });
});

describe('health endpoints', () => {
  it('/healthz answers that the process is up', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers that the database is reachable', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });
});

describe('unknown paths', () => {
  it.each(['/api/graphql', '/healthz/extra', '/explorer'])('answer %s with 404 JSON that points to /graphql', async (pathname) => {
    const res = await fetch(`${base}${pathname}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as any).error).toContain('/graphql');
  });

  it('answers a POST to an unknown path with 404 too', async () => {
    const res = await fetch(`${base}/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
  });
});

describe('x-request-id', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it('echoes a valid request id', async () => {
    const res = await app.gql(`{ __typename }`, undefined, { headers: { 'x-request-id': 'client-42_a.b' } });
    expect(res.headers.get('x-request-id')).toBe('client-42_a.b');
  });

  it('echoes it on every path, also on health checks and 404s', async () => {
    const health = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
    const missing = await fetch(`${base}/nope`, { headers: { 'x-request-id': 'probe-2' } });
    expect(health.headers.get('x-request-id')).toBe('probe-1');
    expect(missing.headers.get('x-request-id')).toBe('probe-2');
  });

  it('generates one when none is sent', async () => {
    const res = await app.gql(`{ __typename }`);
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it.each([
    ['spaces', 'two words'],
    ['a quote', 'a"b'],
    ['more than 100 characters', 'x'.repeat(101)],
  ])('replaces an id with %s by a generated one', async (_label, supplied) => {
    const res = await app.gql(`{ __typename }`, undefined, { headers: { 'x-request-id': supplied } });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('accepts an id of exactly 100 characters', async () => {
    const id = 'y'.repeat(100);
    const res = await app.gql(`{ __typename }`, undefined, { headers: { 'x-request-id': id } });
    expect(res.headers.get('x-request-id')).toBe(id);
  });

  it('gives two requests without an id two different ids', async () => {
    const [a, b] = await Promise.all([app.gql(`{ __typename }`), app.gql(`{ __typename }`)]);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });
});
