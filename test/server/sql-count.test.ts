import { useTestApp, GqlResponse, dataOf } from '../support/app';
import { MilestoneKind } from '../../src/purchasing-policy/policy-milestone.entity';
import { ProviderKind } from '../../src/provider/provider.entity';

/**
 * Every list query runs a fixed number of SQL statements, whatever the page size: one for the page, one per
 * batched relation level, and one for `totalCount` when it is asked. A count that grows with the page is N+1.
 */

// The cost limit and the per-minute budget would refuse pages of 100 with nested lists; they are not under test here.
const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true', MAX_QUERY_COST: '10000000', RATE_LIMIT_OPERATOR_ADMIN: '1000000000' } });

/** Rows of their own, far from the seeded years, so that each list below has well over 100 items. */
const YEAR = 2087;
const ROWS = 100;

beforeAll(async () => {
  // given: names of their own, so that rows other files create never land on these pages
  const segment = await app.factory.segment();
  for (let i = 0; i < ROWS; i += 1) {
    const insurer = await app.factory.insurer({ name: `SQL count insurer ${i}` });
    const region = await app.factory.region({ name: `SQL count region ${i}` });
    await app.factory.marketShare(insurer, region, YEAR, '10.00');
    await app.factory.provider({ region, kind: ProviderKind.OTHER, name: `SQL count provider ${i}` });
    const policy = await app.factory.policy(insurer, segment, YEAR);
    await app.factory.milestone(policy, `${YEAR - 1}-04-01`, MilestoneKind.PUBLICATION);
    await app.factory.milestone(policy, `${YEAR}-01-01`, MilestoneKind.CONTRACT_START);
  }
}, 120_000);

function statements(res: GqlResponse): number {
  dataOf(res);
  const count = res.body.extensions?.sqlStatements;
  expect(typeof count).toBe('number');
  return count;
}

/**
 * The query with `@include(if: true)` on its root list: the compiled reads (src/graphql/json-read.ts) leave it to the
 * resolvers and loaders, whose statement counts are under test too.
 */
const resolved = (query: string) => query.replace(/(\b(?:insurers|providers|regions|concerns)\([^)]*\))\s*\{/, '$1 @include(if: true) {');

/** Runs `query` with first: 5 and first: 100 and returns both statement counts and both pages. */
async function atTwoPageSizes(query: string, variables: Record<string, unknown> = {}) {
  const small = await app.gql(query, { ...variables, first: 5 });
  const large = await app.gql(query, { ...variables, first: 100 });
  return { small: statements(small), large: statements(large), smallData: small.body.data!, largeData: large.body.data! };
}

describe('SQL statements per list query', () => {
  it('the nested connections replacing plain lists are batched like them: insurers with market shares, policies with milestones', async () => {
    // when
    const shares = await atTwoPageSizes(
      `query($first: Int) { insurers(first: $first, filter: { search: "SQL count insurer" }) { nodes { name marketSharesConnection(first: 5) { totalCount nodes { sharePercent region { name } } } } } }`,
    );
    const milestones = await atTwoPageSizes(
      `query($first: Int) { purchasingPolicies(first: $first, filter: { year: ${YEAR} }) { nodes { title milestonesConnection(last: 1) { pageInfo { hasPreviousPage } nodes { date } } } } }`,
    );
    const regions = await atTwoPageSizes(
      `query($first: Int) { regions(first: $first, filter: { search: "SQL count region" }) { nodes { marketSharesConnection(first: 1) { nodes { insurer { name } } } } } }`,
    );
    // then: the same statements as the plain lists (insurers, market shares, regions; policies, milestones)
    expect(shares.largeData.insurers.nodes.every((i: any) => i.marketSharesConnection.totalCount === 1)).toBe(true);
    expect([shares.small, shares.large]).toEqual([3, 3]);
    expect(milestones.largeData.purchasingPolicies.nodes.every((p: any) => p.milestonesConnection.nodes[0].date === `${YEAR}-01-01`)).toBe(true);
    expect(milestones.largeData.purchasingPolicies.nodes.every((p: any) => p.milestonesConnection.pageInfo.hasPreviousPage)).toBe(true);
    expect([milestones.small, milestones.large]).toEqual([2, 2]);
    expect(regions.largeData.regions.nodes).toHaveLength(100);
    expect(regions.small).toBe(regions.large);
  });

  it('insurers with concern and market shares with their region: 1 compiled; through the resolvers 4, and 5 with totalCount', async () => {
    // when
    const query = `query($first: Int) { insurers(first: $first, filter: { search: "SQL count insurer" }) { nodes { name concern { name } marketShares { sharePercent region { name } } } } }`;
    const counted = `query($first: Int) { insurers(first: $first, filter: { search: "SQL count insurer" }) { totalCount nodes { name concern { name } marketShares { sharePercent region { name } } } } }`;
    const plain = await atTwoPageSizes(query);
    const withCount = await atTwoPageSizes(counted);
    const executed = await atTwoPageSizes(resolved(query));
    const executedWithCount = await atTwoPageSizes(resolved(counted));
    // then: compiled, one statement with or without the count; through the resolvers, insurers, concerns, market
    // shares, regions (+ count)
    expect(plain.largeData.insurers.nodes).toHaveLength(100);
    expect(plain.largeData.insurers.nodes.every((i: any) => i.marketShares.length === 1)).toBe(true);
    expect([plain.small, plain.large, withCount.small, withCount.large]).toEqual([1, 1, 1, 1]);
    expect(executed.largeData).toEqual(plain.largeData);
    expect([executed.small, executed.large]).toEqual([4, 4]);
    expect([executedWithCount.small, executedWithCount.large]).toEqual([5, 5]);
  });

  it('regions with market shares and their insurer: 1 compiled, 3 through the resolvers', async () => {
    const query = `query($first: Int) { regions(first: $first) { nodes { name marketShares { sharePercent insurer { name } } } } }`;
    const result = await atTwoPageSizes(query);
    const executed = await atTwoPageSizes(resolved(query));
    expect(result.largeData.regions.nodes).toHaveLength(100);
    expect(result.smallData.regions.nodes.every((r: any) => r.marketShares.length > 0)).toBe(true);
    expect([result.small, result.large]).toEqual([1, 1]);
    expect([executed.small, executed.large]).toEqual([3, 3]);
  });

  it('regions with market shares of one year: 1 compiled, 3 through the resolvers', async () => {
    // this file's regions, each of which has a share in YEAR, so both pages reach the insurers
    const query = `query($first: Int) { regions(first: $first, filter: { search: "SQL count region" }) { nodes { marketShares(year: ${YEAR}) { insurer { uzovi } } } } }`;
    const result = await atTwoPageSizes(query);
    const executed = await atTwoPageSizes(resolved(query));
    expect(result.largeData.regions.nodes).toHaveLength(100);
    expect(result.smallData.regions.nodes.every((r: any) => r.marketShares.length === 1)).toBe(true);
    expect([result.small, result.large]).toEqual([1, 1]);
    expect([executed.small, executed.large]).toEqual([3, 3]);
  });

  it('a relation level without rows runs no statement: regions of the seed have no shares in a far year', async () => {
    const res = await app.gql(resolved(`{ regions(first: 25, filter: { codes: ["01", "02", "03"] }) { nodes { marketShares(year: 1990) { insurer { uzovi } } } } }`));
    expect(statements(res)).toBe(2);
  });

  it('providers with their region: 1 compiled, 2 through the resolvers', async () => {
    const query = `query($first: Int) { providers(first: $first, filter: { search: "SQL count provider" }) { nodes { agb region { name } } } }`;
    const result = await atTwoPageSizes(query);
    const executed = await atTwoPageSizes(resolved(query));
    expect(result.largeData.providers.nodes).toHaveLength(100);
    expect(result.largeData.providers.nodes.every((p: any) => p.region !== null)).toBe(true);
    expect(executed.largeData).toEqual(result.largeData);
    expect([result.small, result.large]).toEqual([1, 1]);
    expect([executed.small, executed.large]).toEqual([2, 2]);
  });

  it('purchasing policies with insurer, segment and milestones: 4', async () => {
    const result = await atTwoPageSizes(
      `query($first: Int) { purchasingPolicies(first: $first, filter: { year: ${YEAR} }) { nodes { title insurer { name } segment { code } milestones { date kind } } } }`,
    );
    expect(result.largeData.purchasingPolicies.nodes).toHaveLength(100);
    expect(result.largeData.purchasingPolicies.nodes.every((p: any) => p.milestones.length > 0)).toBe(true);
    expect([result.small, result.large]).toEqual([4, 4]);
  });

  it('market shares with insurer and region: 3, and 4 with totalCount', async () => {
    const plain = await atTwoPageSizes(`query($first: Int) { marketShares(first: $first) { nodes { sharePercent insurer { name } region { name } } } }`);
    const withCount = await atTwoPageSizes(`query($first: Int) { marketShares(first: $first) { totalCount nodes { insurer { name } region { name } } } }`);
    expect(plain.largeData.marketShares.nodes).toHaveLength(100);
    expect([plain.small, plain.large]).toEqual([3, 3]);
    expect([withCount.small, withCount.large]).toEqual([4, 4]);
  });

  it('upcoming milestones with their policy and its insurer: 3', async () => {
    const result = await atTwoPageSizes(
      `query($first: Int, $from: Date!) { upcomingMilestones(first: $first, from: $from, days: 800) { nodes { date policy { title insurer { name } } } } }`,
      { from: `${YEAR - 1}-01-01` },
    );
    expect(result.largeData.upcomingMilestones.nodes).toHaveLength(100);
    expect([result.small, result.large]).toEqual([3, 3]);
  });

  it('concerns with their insurers: 1 compiled, 2 through the resolvers', async () => {
    const query = `query($first: Int) { concerns(first: $first) { nodes { name insurers { name uzovi } } } }`;
    const result = await atTwoPageSizes(query);
    const executed = await atTwoPageSizes(resolved(query));
    expect(result.largeData.concerns.nodes).toHaveLength(100);
    expect([result.small, result.large]).toEqual([1, 1]);
    expect([executed.small, executed.large]).toEqual([2, 2]);
  });

  it('segments: 1, and 2 with totalCount', async () => {
    const plain = await atTwoPageSizes(`query($first: Int) { segments(first: $first) { nodes { code name } } }`);
    const withCount = await atTwoPageSizes(`query($first: Int) { segments(first: $first) { totalCount nodes { code } } }`);
    expect([plain.small, plain.large]).toEqual([1, 1]);
    expect([withCount.small, withCount.large]).toEqual([2, 2]);
  });

  it('nodes with one id of each of three types: one statement per type', async () => {
    // given
    const data = dataOf(await app.gql(`{ regions(first: 3) { nodes { id } } segments(first: 3) { nodes { id } } insurers(first: 3) { nodes { id } } }`));
    // (segments are not compiled, so this query runs through the resolvers: its ids are the ordinary path's)
    const ids = [...data.regions.nodes, ...data.segments.nodes, ...data.insurers.nodes].map((n: any) => n.id);
    // when
    const res = await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    // then
    expect(dataOf(res).nodes).toHaveLength(9);
    expect(statements(res)).toBe(3);
  });

  it('an empty page runs no statement for the rows', async () => {
    const res = await app.gql(`{ insurers(first: 0) { nodes { name } } }`);
    expect(statements(res)).toBe(0);
  });
});
