import { startTestApp, useTestApp, errorCodes } from '../support/app';
import type { Insurer } from '../../src/insurer/insurer.entity';

/**
 * Metrics at GET /metrics (only with METRICS_TOKEN) and one JSON log line per request, through HTTP. The log
 * lines must say who did what and how long it took, never with a token or a variable's value.
 */
const METRICS_TOKEN = 'metrics-test-token-0123456789abcdef';

// A DASHBOARD budget of one point: its first query is refused with 429.
const app = useTestApp({ env: { METRICS_TOKEN, RATE_LIMIT_DASHBOARD: '1' }, logLevel: 'info' });
let insurer: Insurer;
let memberToken: string;
let dashboardToken: string;

beforeAll(async () => {
  insurer = await app.factory.insurer();
  memberToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
  dashboardToken = await app.tokenFor({ role: 'DASHBOARD', insurer });
});

const origin = () => new URL(app.url).origin;
const scrape = (authorization?: string) => fetch(`${origin()}/metrics`, { headers: authorization ? { authorization } : {} });
const requestLines = () => app.logLines.map((l) => JSON.parse(l)).filter((l) => l.message === 'request');

/** The value of one sample line of the Prometheus text, or 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  it('answers 401 without the metrics token or with another token, also an API token', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Bearer ${app.operatorToken}`)).status).toBe(401);
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const other = await startTestApp();
    try {
      const response = await fetch(`${new URL(other.url).origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('counts requests by operation name, errors by code, SQL statements, pool use and rate-limit refusals', async () => {
    // given
    const before = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text();
    // when
    await app.gql(`query ListInsurers { insurers(first: 2) { totalCount } }`, {}, { token: memberToken });
    await app.gql(`query ListInsurers { insurers(first: 2) { totalCount } }`, {}, { token: memberToken });
    await app.gql(`{ viewer { role } }`, {}, { token: 'zea_not_a_valid_token_000000000000000000' });
    const refused = await app.gql(`query Costly { insurers(first: 50) { totalCount } }`, {}, { token: dashboardToken });
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    const after = await response.text();
    // then
    expect(refused.status).toBe(429);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('http_request_duration_seconds_count{operation="ListInsurers",status="200"}')).toBe(2);
    expect(delta('http_request_duration_seconds_count{operation="Costly",status="429"}')).toBe(1);
    expect(delta('api_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(delta('api_errors_total{code="RATE_LIMITED"}')).toBe(1);
    expect(delta('rate_limit_refusals_total{budget="query_cost"}')).toBe(1);
    expect(delta('sql_statements_total{target="write"}')).toBeGreaterThan(2);
    expect(after).toMatch(/^db_pool_connections\{pool="primary",state="used"\} \d+$/m);
    expect(after).toMatch(/^db_pool_connections\{pool="primary",state="free"\} \d+$/m);
    expect(after).toMatch(/^import_rows_total \d+$/m);
  });

  it('keeps client-chosen operation names bounded: an invalid name is reported as "other"', async () => {
    await app.gql(`query ListInsurers { insurers(first: 1) { totalCount } }`, {}, { token: memberToken, operationName: 'ListInsurers' });
    const name = 'x'.repeat(80);
    await app.gql(`query ${name} { insurers(first: 1) { totalCount } }`, {}, { token: memberToken });
    const text = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text();
    expect(text).not.toContain(name);
    expect(text).toContain('operation="other"');
  });
});

describe('request log', () => {
  it('writes one JSON line per request with its id, operation, organisation, status and duration; no token, no variable value', async () => {
    // given
    const secretSearch = 'needle-7f3a9c-should-not-be-logged';
    const requestId = 'log-test-request-1';
    // when
    const response = await app.gql(
      `query FindInsurers($q: String) { insurers(first: 5, filter: { search: $q }) { totalCount } }`,
      { q: secretSearch },
      { token: memberToken, headers: { 'x-request-id': requestId } },
    );
    // then
    expect(response.status).toBe(200);
    const lines = requestLines().filter((l) => l.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      requestId,
      method: 'POST',
      route: '/graphql',
      operation: 'FindInsurers',
      organisation: `insurer:${insurer.uzovi}`,
      status: 200,
    });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(typeof lines[0].time).toBe('string');
    const all = app.logLines.join('\n');
    expect(all).not.toContain(secretSearch);
    expect(all).not.toContain(memberToken);
    // the secret part (after zix_ and the 8-character prefix): it may itself hold underscores
    expect(all).not.toContain(memberToken.slice('zix_'.length + 8 + 1));
  });

  it('logs refused and malformed requests too, without the credential they carried; no query string of a GET', async () => {
    // given
    const badToken = 'zea_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
    // when
    const unauthenticated = await app.gql(`{ viewer { role } }`, {}, { token: badToken, headers: { 'x-request-id': 'log-test-401' } });
    const malformed = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${memberToken}`, 'x-request-id': 'log-test-400' },
      body: '{"query": ',
    });
    const get = await fetch(`${app.url}?query=${encodeURIComponent('query G($v: String) { insurers(filter: {search: $v}) { totalCount } }')}&variables=${encodeURIComponent(JSON.stringify({ v: 'get-secret-value-123' }))}`, {
      headers: { authorization: `Bearer ${memberToken}`, 'x-request-id': 'log-test-get', 'apollo-require-preflight': 'true' },
    });
    // then
    expect(errorCodes(unauthenticated)).toEqual(['UNAUTHENTICATED']);
    expect(malformed.status).toBe(400);
    expect(get.status).toBeLessThan(500);
    const byId = (id: string) => requestLines().filter((l) => l.requestId === id);
    expect(byId('log-test-401')).toMatchObject([{ status: 401, route: '/graphql', errors: ['UNAUTHENTICATED'] }]);
    expect(byId('log-test-400')).toMatchObject([{ status: 400, route: '/graphql', organisation: `insurer:${insurer.uzovi}`, errors: ['BAD_USER_INPUT'] }]);
    expect(byId('log-test-get')).toMatchObject([{ method: 'GET', route: '/graphql', operation: 'G' }]);
    const all = app.logLines.join('\n');
    expect(all).not.toContain('get-secret-value-123');
    expect(all).not.toContain('BBBBBBBBBBBBBBBB');
  });
});
