import { useTestApp, dataOf, errorCodes, GqlResponse } from '../support/app';
import { ProviderKind } from '../../src/provider/provider.entity';

/**
 * Reads of reference lists compiled to one statement per root field (src/graphql/json-read.ts). Each query below is
 * asked twice: as written, and with `@include(if: true)` on its root field, which the compiler leaves to ordinary
 * execution (resolvers and loaders). Both answers must be the same, and the compiled one must cost one statement
 * per root field whatever the page size.
 */

const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true', MAX_QUERY_COST: '10000000', RATE_LIMIT_OPERATOR_ADMIN: '1000000000' } });
const YEAR = 2091;

beforeAll(async () => {
  // given: insurers of one concern with shares of their own year, two providers (one without a region)
  const concern = await app.factory.concern({ name: 'Compiled reads concern' });
  for (let i = 0; i < 3; i += 1) {
    const insurer = await app.factory.insurer({ name: `Compiled reads insurer ${i}`, concern });
    for (let r = 0; r < 3; r += 1) {
      const region = await app.factory.region({ name: `Compiled reads region ${i}-${r}` });
      await app.factory.marketShare(insurer, region, YEAR, `${10 + r}.5`);
      await app.factory.marketShare(insurer, region, YEAR + 1, `${20 - r}.25`);
    }
  }
  const region = await app.factory.region({ name: 'Compiled reads provider region' });
  await app.factory.provider({ name: 'Compiled reads provider A', kind: ProviderKind.HOSPITAL, region });
  await app.factory.provider({ name: 'Compiled reads provider B', kind: ProviderKind.OTHER, region: null });
}, 120_000);

/** The same query with `@include(if: true)` on every root field: executed by the resolvers, not compiled. */
function withDirective(query: string): string {
  // After the arguments of each root field (or its name when it has none): `insurers(first: 3) @include(if: true) {`
  return query.replace(/(\b(?:insurers|providers|regions|concerns)\b(?:\([^)]*\))?)\s*\{/g, '$1 @include(if: true) {');
}

async function both(query: string, variables: Record<string, unknown> = {}): Promise<{ compiled: GqlResponse; executed: GqlResponse }> {
  const compiled = await app.gql(query, variables);
  const executed = await app.gql(withDirective(query), variables);
  return { compiled, executed };
}

/** Stands for the end cursor of the first page of one insurer (a keyset cursor holds that insurer's name and id). */
const FIRST_PAGE_END = '<end cursor of the first page>';

// Every row has its variables: jest would take a missing third value for a done callback.
const CASES: [string, string, Record<string, unknown>][] = [
  [
    'insurers with concern and shares with region',
    `query($first: Int) { insurers(first: $first, filter: { search: "Compiled reads insurer" }) { nodes { id uzovi name concern { id code name } marketShares { id year sharePercent region { id kind code name } } } } }`,
    { first: 2 },
  ],
  [
    'shares of one year from a variable, aliases, __typename and a fragment',
    `query($year: Int) { list: insurers(first: 10, filter: { search: "Compiled reads insurer" }, orderBy: { field: UZOVI, direction: DESC }) { __typename total: totalCount
       pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename } edges { cursor __typename node { ...I } } } }
     fragment I on Insurer { __typename code: uzovi shares: marketShares(year: $year) { year pct: sharePercent insurer { name } } }`,
    { year: YEAR },
  ],
  [
    'the page after a cursor, with totalCount',
    `query($after: String) { insurers(first: 1, after: $after, filter: { search: "Compiled reads insurer" }) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { name } } }`,
    { after: FIRST_PAGE_END },
  ],
  [
    'providers with their region, one without a region',
    `{ providers(first: 5, filter: { search: "Compiled reads provider" }) { totalCount nodes { id agb kvk name kind region { code name } } } }`,
    {},
  ],
  ['providers of one kind, ordered by AGB descending', `{ providers(first: 100, filter: { kinds: [RAV] }, orderBy: { field: AGB, direction: DESC }) { nodes { agb region { code } } } }`, {}],
  [
    'regions with shares of one year, beside a second list',
    `{ regions(first: 30, filter: { search: "Compiled reads region" }, orderBy: { field: NAME }) { nodes { code name marketShares(year: ${YEAR}) { sharePercent insurer { uzovi } } } }
       providers(first: 2) { nodes { name } } }`,
    {},
  ],
  [
    'concerns with their insurers',
    `{ concerns(first: 100) { nodes { code name insurers { uzovi name concern { code } } } } }`,
    {},
  ],
];

describe('reference lists compiled to one statement per root field', () => {
  it.each(CASES)('%s: the same answer as ordinary execution, one statement per root field', async (_name, query, variables) => {
    // given
    if (variables.after === FIRST_PAGE_END) {
      const first = dataOf(await app.gql(`{ insurers(first: 1, filter: { search: "Compiled reads insurer" }) { pageInfo { endCursor } } }`));
      variables = { ...variables, after: first.insurers.pageInfo.endCursor };
    }
    // when
    const { compiled, executed } = await both(query, variables);
    // then
    // (as text: the same keys in the same order; jest's object diff of two large answers would take minutes)
    expect(JSON.stringify(dataOf(compiled), null, 1)).toBe(JSON.stringify(dataOf(executed), null, 1));
    const roots = Object.keys(compiled.body.data!).length;
    expect(compiled.body.extensions?.sqlStatements).toBe(roots);
    expect(executed.body.extensions?.sqlStatements).toBeGreaterThan(roots);
  });

  it('the statement count stays one at every page size', async () => {
    const query = `query($first: Int) { insurers(first: $first) { totalCount nodes { name concern { name } marketShares { sharePercent region { name } } } } }`;
    for (const first of [1, 5, 100]) {
      const res = await app.gql(query, { first });
      expect(dataOf(res).insurers.nodes.length).toBeGreaterThan(0);
      expect(res.body.extensions?.sqlStatements).toBe(1);
    }
  });

  it('a field the compiler does not know leaves the query to ordinary execution, with the same answer', async () => {
    // given: marketShares at the root is not compiled, so the whole operation executes as always
    const res = await app.gql(`{ insurers(first: 2) { nodes { name } } marketShares(first: 2) { nodes { year } } }`);
    expect(dataOf(res).insurers.nodes).toHaveLength(2);
    expect(res.body.extensions?.sqlStatements).toBe(2);
  });

  it('bad arguments get the same errors as before: a page above the cap, a forged cursor', async () => {
    expect(errorCodes(await app.gql(`{ insurers(first: 101) { nodes { name } } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.gql(`{ providers(first: 2, after: "not-a-cursor") { nodes { name } } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('a caller without a credential gets no data', async () => {
    const res = await app.gql(`{ insurers(first: 2) { nodes { name } } }`, {}, { token: null });
    expect(res.status).toBe(401);
    expect(res.body.data ?? null).toBeNull();
  });
});
