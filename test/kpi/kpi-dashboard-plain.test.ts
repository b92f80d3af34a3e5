import { useTestApp, dataOf } from '../support/app';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

/**
 * The dashboard's usual selections are written without graphql-js walking them (graphql/plain-answer.ts). Each
 * query here is answered twice: as it is, and with `@include(if: true)` on its root field, which the writer leaves
 * to graphql-js; the two answers must be equal, field for field and in order.
 */
const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });

const FIGURES: ([number, number] | null)[] = [[5, 100], [10, 100], [20, 50], [30, 100], [0, 200], null];
let insurer: Insurer;
let hospitals: Provider[];

beforeAll(async () => {
  insurer = await app.kpi.base.insurer();
  const region = await app.kpi.base.region();
  hospitals = [];
  for (const figure of FIGURES) {
    const provider = await app.kpi.hospital(region);
    await app.kpi.contract(insurer, provider, 2023);
    await app.kpi.target(insurer, provider, 'HYBRID_PATHWAYS', 2023);
    if (figure) {
      await app.kpi.measurement(provider, 'HYBRID_PATHWAYS', { kind: 'MONTH', year: 2023, number: 2 }, Math.floor(figure[0] / 2), figure[1]);
      await app.kpi.measurement(provider, 'HYBRID_PATHWAYS', { kind: 'MONTH', year: 2023, number: 3 }, figure[0], figure[1]);
    }
    hospitals.push(provider);
  }
});

const input = () => ({ year: 2023, kpiCode: 'HYBRID_PATHWAYS', insurerUzovi: insurer.uzovi, asOf: '2023-04-15', periodKind: 'MONTH' });

const QUERIES: Record<string, string> = {
  'the rows, aggregate and series (the benchmark query)': `query($input: KpiDashboardInput!, $first: Int) { kpiDashboard(input: $input) {
    year asOf periodKind
    rows(first: $first, orderBy: { field: AGB }) { totalCount nodes {
      provider { agb name }
      latest { value numerator denominator period { label } }
      progress { status attainmentPercent trend expectedValue } } }
    aggregate { suppressed providerCount statusCounts { met onTrack atRisk notMet noData } valuesSuppressed reportingProviderCount pooledRate median q1 q3 iqr }
    series { period { label } suppressed reportingProviderCount pooledRate median iqr } } }`,
  'edges, cursors, page info, ids, dates, enums, aliases and fragments': `query($input: KpiDashboardInput!, $first: Int) { board: kpiDashboard(input: $input) {
    __typename
    rows(first: $first, orderBy: { field: STATUS, direction: DESC }) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { ...row } } } } }
    fragment row on KpiDashboardRow { __typename provider { id kvk kind updatedAt label: name }
      progress { ... on KpiProgress { status asOf periodKind trendDirection measurementsConsidered reason latest { period { kind year number start end } } } } }`,
  'the national benchmark': `query($input: KpiDashboardInput!) { kpiDashboard(input: $input) {
    benchmark { asOf suppressed suppressionReason providerCount statusCounts { met onTrack atRisk notMet noData }
      series { period { label } suppressed suppressionReason reportingProviderCount pooledRate median q1 q3 } } } }`,
};

const executed = (query: string) => query.replace(/kpiDashboard\(input: \$input\)/, 'kpiDashboard(input: $input) @include(if: true)');

describe('a dashboard written without graphql-js', () => {
  it.each(Object.entries(QUERIES))('answers %s as graphql-js does', async (_name, query) => {
    // given
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    const variables = { input: input(), first: 4 };
    // when
    const written = await app.gql(query, variables, { token });
    const walked = await app.gql(executed(query), variables, { token });
    // then
    expect(written.body.errors).toBeUndefined();
    expect(walked.body.errors).toBeUndefined();
    expect(JSON.stringify(written.body.data)).toBe(JSON.stringify(walked.body.data));
    expect(Object.values(written.body.data ?? {})[0]).not.toBeNull();
  });

  it('pages on with a cursor it wrote, as graphql-js does', async () => {
    // given
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    const query = `query($input: KpiDashboardInput!, $after: String) { kpiDashboard(input: $input) {
      rows(first: 2, after: $after, orderBy: { field: VALUE }) { totalCount pageInfo { hasNextPage endCursor } nodes { provider { agb } latest { value } } } } }`;
    const first = dataOf(await app.gql(query, { input: input() }, { token })).kpiDashboard.rows;
    // when
    const written = await app.gql(query, { input: input(), after: first.pageInfo.endCursor }, { token });
    const walked = await app.gql(executed(query), { input: input(), after: first.pageInfo.endCursor }, { token });
    // then
    expect(first.nodes).toHaveLength(2);
    expect(dataOf(written).kpiDashboard.rows.nodes).toHaveLength(2);
    expect(JSON.stringify(written.body.data)).toBe(JSON.stringify(walked.body.data));
  });

  it('answers a hospital its own row only, without aggregates, as graphql-js does', async () => {
    // given
    const token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: hospitals[1] });
    const query = QUERIES['the rows, aggregate and series (the benchmark query)'];
    // when
    const written = await app.gql(query, { input: input(), first: 10 }, { token });
    const walked = await app.gql(executed(query), { input: input(), first: 10 }, { token });
    // then
    expect(dataOf(written).kpiDashboard.rows.nodes.map((n: { provider: { agb: string } }) => n.provider.agb)).toEqual([hospitals[1].agb]);
    expect(dataOf(written).kpiDashboard.aggregate).toBeNull();
    expect(JSON.stringify(written.body.data)).toBe(JSON.stringify(walked.body.data));
  });

  it('reports a bad argument as graphql-js does (the writer leaves errors to it)', async () => {
    // given
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    const query = QUERIES['the rows, aggregate and series (the benchmark query)'];
    // when
    const written = await app.gql(query, { input: { ...input(), year: 1800 }, first: 4 }, { token });
    // then
    expect(written.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(written.body.errors?.[0].path).toEqual(['kpiDashboard']);
  });
});
