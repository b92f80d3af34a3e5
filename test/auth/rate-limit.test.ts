import { useTestApp, GqlResponse, dataOf, errorCodes } from '../support/app';
import type { Insurer } from '../../src/insurer/insurer.entity';

const DASHBOARD_BUDGET = 30;
/** 10 seconds into a minute: the budget window ends 50 seconds later. */
const WINDOW_START = Date.UTC(2030, 0, 7, 9, 15, 0);

const app = useTestApp({ env: { RATE_LIMIT_DASHBOARD: String(DASHBOARD_BUDGET), RATE_LIMIT_INSURER_MEMBER: '1000', REPORT_SQL_STATEMENTS: 'true' }, now: () => fakeNow });
let fakeNow = WINDOW_START + 10_000;

/** Each test starts in a minute of its own, so budgets never carry over between tests. */
let minute = 0;
beforeEach(() => {
  minute += 10;
  fakeNow = WINDOW_START + minute * 60_000 + 10_000;
});

/** Costs 2 points: `viewer` and one field below it. */
const CHEAP = `{ viewer { role } }`;
/** Costs 7 points: a connection of 2 with two fields per page. */
const DEARER = `{ insurers(first: 2) { totalCount pageInfo { hasNextPage } } }`;

const header = (response: GqlResponse, name: string) => response.headers.get(name);
const costOf = (response: GqlResponse) => response.body.extensions?.cost?.requested as number;

async function dashboard(insurer?: Insurer): Promise<string> {
  return app.tokenFor({ role: 'DASHBOARD', insurer: insurer ?? (await app.factory.insurer()) });
}

describe('rate limits per credential', () => {
  it('reports the budget of the role in viewer', async () => {
    // given
    const token = await dashboard();
    // when
    const viewer = dataOf(await app.gql(`{ viewer { role rateLimitPerMinute } }`, {}, { token })).viewer;
    // then
    expect(viewer).toEqual({ role: 'DASHBOARD', rateLimitPerMinute: DASHBOARD_BUDGET });
  });

  it('charges each query its computed cost and counts the RateLimit headers down', async () => {
    // given
    const token = await dashboard();
    // when
    const first = await app.gql(CHEAP, {}, { token });
    const second = await app.gql(DEARER, {}, { token });
    // then
    expect(first.status).toBe(200);
    expect(costOf(first)).toBe(2);
    expect(header(first, 'ratelimit-limit')).toBe(String(DASHBOARD_BUDGET));
    expect(header(first, 'ratelimit-remaining')).toBe(String(DASHBOARD_BUDGET - 2));
    expect(header(first, 'ratelimit-reset')).toBe('50');
    expect(Object.keys(first.body.extensions?.cost ?? {}).sort()).toEqual(['depth', 'limit', 'requested']);
    expect(second.status).toBe(200);
    expect(costOf(second)).toBeGreaterThan(2);
    expect(header(second, 'ratelimit-remaining')).toBe(String(DASHBOARD_BUDGET - 2 - costOf(second)));
  });

  it('counts the reset down with the clock', async () => {
    // given
    const token = await dashboard();
    await app.gql(CHEAP, {}, { token });
    // when
    fakeNow += 35_500;
    const later = await app.gql(CHEAP, {}, { token });
    // then
    expect(header(later, 'ratelimit-reset')).toBe('15');
    expect(header(later, 'ratelimit-remaining')).toBe(String(DASHBOARD_BUDGET - 4));
  });

  it('refuses a query over budget with 429 RATE_LIMITED, Retry-After and the time to retry, without running it', async () => {
    // given: the budget spent down to less than one more query
    const token = await dashboard();
    let remaining = DASHBOARD_BUDGET;
    while (remaining >= 2) {
      const response = await app.gql(CHEAP, {}, { token });
      expect(response.status).toBe(200);
      remaining = Number(header(response, 'ratelimit-remaining'));
    }
    fakeNow += 8_000;
    // when
    const refused = await app.gql(CHEAP, {}, { token });
    // then
    expect(refused.status).toBe(429);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.data).toBeUndefined();
    const error = refused.body.errors![0];
    expect(error.extensions).toMatchObject({ retryAfterSeconds: 42, limit: DASHBOARD_BUDGET, remaining });
    expect(error.message).toMatch(/42 s/);
    expect(header(refused, 'retry-after')).toBe('42');
    expect(header(refused, 'ratelimit-limit')).toBe(String(DASHBOARD_BUDGET));
    expect(header(refused, 'ratelimit-remaining')).toBe(String(remaining));
    expect(header(refused, 'ratelimit-reset')).toBe('42');
  });

  it('refuses a single query dearer than what remains, but still allows a cheaper one', async () => {
    // given
    const token = await dashboard();
    const probe = await app.gql(DEARER, {}, { token });
    const dear = costOf(probe);
    // when: spend until less than one dear query remains, yet a cheap one fits
    let remaining = Number(header(probe, 'ratelimit-remaining'));
    while (remaining >= dear) remaining = Number(header(await app.gql(DEARER, {}, { token }), 'ratelimit-remaining'));
    const tooDear = await app.gql(DEARER, {}, { token });
    const cheap = await app.gql(CHEAP, {}, { token });
    // then
    expect(tooDear.status).toBe(429);
    expect(remaining).toBeGreaterThanOrEqual(2);
    expect(cheap.status).toBe(200);
    expect(header(cheap, 'ratelimit-remaining')).toBe(String(remaining - 2));
  });

  it('charges a read compiled to one statement in that statement, and refuses it over budget like any query', async () => {
    // given: a list of reference data, which the API answers with one statement carrying the charge
    const token = await dashboard();
    const read = `{ providers(first: 3) { nodes { agb name } } }`;
    const first = await app.gql(read, {}, { token });
    const cost = costOf(first);
    expect(first.status).toBe(200);
    expect(first.body.extensions?.sqlStatements).toBe(1);
    expect(dataOf(first).providers.nodes.length).toBeGreaterThan(0);
    expect(header(first, 'ratelimit-remaining')).toBe(String(DASHBOARD_BUDGET - cost));
    // when: spent until less than one such read remains
    let remaining = DASHBOARD_BUDGET - cost;
    while (remaining >= cost) {
      const response = await app.gql(read, {}, { token });
      expect(response.status).toBe(200);
      remaining = Number(header(response, 'ratelimit-remaining'));
    }
    const refused = await app.gql(read, {}, { token });
    const after = await app.gql(CHEAP, {}, { token });
    // then: the same refusal as for an executed query, and nothing spent by it
    expect(refused.status).toBe(429);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors![0].extensions).toMatchObject({ cost, remaining, limit: DASHBOARD_BUDGET });
    expect(header(refused, 'retry-after')).toBe('50');
    expect(header(refused, 'ratelimit-remaining')).toBe(String(remaining));
    expect(header(after, 'ratelimit-remaining')).toBe(String(remaining >= 2 ? remaining - 2 : remaining));
  });

  it('counts mutations against the budget too, and refuses them over budget without writing', async () => {
    // given
    const insurer = await app.factory.insurer();
    const token = await dashboard(insurer);
    while (Number(header(await app.gql(CHEAP, {}, { token }), 'ratelimit-remaining')) >= 2);
    const code = `RL_${await app.factory.nextNumber()}`;
    // when
    const refused = await app.gql(`mutation { concernCreate(input: { code: "${code}", name: "x" }) { concern { id } } }`, {}, { token });
    // then
    expect(refused.status).toBe(429);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(dataOf(await app.gql(`query($c: String!) { concern(code: $c) { id } }`, { c: code })).concern).toBeNull();
  });

  it('fills the budget again after the minute has passed', async () => {
    // given
    const token = await dashboard();
    while (Number(header(await app.gql(CHEAP, {}, { token }), 'ratelimit-remaining')) >= 2);
    expect((await app.gql(CHEAP, {}, { token })).status).toBe(429);
    // when
    fakeNow += 50_000;
    const afterReset = await app.gql(CHEAP, {}, { token });
    // then
    expect(afterReset.status).toBe(200);
    expect(header(afterReset, 'ratelimit-remaining')).toBe(String(DASHBOARD_BUDGET - 2));
    expect(header(afterReset, 'ratelimit-reset')).toBe('60');
  });

  it('gives every credential its own budget, also within one organisation', async () => {
    // given
    const insurer = await app.factory.insurer();
    const spent = await dashboard(insurer);
    const fresh = await dashboard(insurer);
    while (Number(header(await app.gql(CHEAP, {}, { token: spent }), 'ratelimit-remaining')) >= 2);
    // when
    const refused = await app.gql(CHEAP, {}, { token: spent });
    const other = await app.gql(CHEAP, {}, { token: fresh });
    // then
    expect(refused.status).toBe(429);
    expect(other.status).toBe(200);
    expect(header(other, 'ratelimit-remaining')).toBe(String(DASHBOARD_BUDGET - 2));
  });

  it('sets the budget per role as configured', async () => {
    // given
    const insurer = await app.factory.insurer();
    const member = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer });
    // when
    const asMember = await app.gql(`{ viewer { rateLimitPerMinute } }`, {}, { token: member });
    const asAdmin = await app.gql(`{ viewer { rateLimitPerMinute } }`, {}, { token: admin });
    // then
    expect(dataOf(asMember).viewer.rateLimitPerMinute).toBe(1000);
    expect(header(asMember, 'ratelimit-limit')).toBe('1000');
    expect(dataOf(asAdmin).viewer.rateLimitPerMinute).toBe(app.config.auth.rateLimits.INSURER_ADMIN);
    expect(header(asAdmin, 'ratelimit-limit')).toBe(String(app.config.auth.rateLimits.INSURER_ADMIN));
  });

  it('does not charge a request refused by the query limits before execution', async () => {
    // given
    const token = await dashboard();
    // when
    const tooLarge = await app.gql(`{ insurers(first: 101) { totalCount } }`, {}, { token });
    const after = await app.gql(CHEAP, {}, { token });
    // then
    expect(tooLarge.status).toBe(400);
    expect(header(after, 'ratelimit-remaining')).toBe(String(DASHBOARD_BUDGET - 2));
  });
});
