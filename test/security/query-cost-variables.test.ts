import { useTestApp, GqlResponse, errorCodes } from '../support/app';

/**
 * Class: limits computed from what the client wrote instead of what runs. `first` or `ids` passed in a variable,
 * or taken from a variable's default, once cost 1 where the same literal cost thousands, and escaped both the cost
 * limit and the per-minute budget. The cost is now computed on the coerced variable values: written three ways,
 * an operation costs the same and is refused the same.
 */
const MAX_COST = 250;
const app = useTestApp({ env: { MAX_QUERY_COST: String(MAX_COST), RATE_LIMIT_INSURER_MEMBER: '100000' } });

const cost = (res: GqlResponse) => res.body.extensions?.cost?.requested as number;

/** The same operation with its list argument inline, in a variable, and as the variable's default. */
function threeWays(field: (arg: string) => string, type: string, value: unknown) {
  // JSON of numbers and string lists is also GraphQL literal syntax.
  const literal = JSON.stringify(value);
  return [
    { way: 'literal', query: `{ ${field(literal)} }`, variables: undefined },
    { way: 'variable', query: `query($v: ${type}) { ${field('$v')} }`, variables: { v: value } },
    { way: 'variable default', query: `query($v: ${type} = ${literal}) { ${field('$v')} }`, variables: undefined },
  ];
}

const hundredIds = Array.from({ length: 100 }, (_, i) => `not-an-object-${i}`);

describe('nodes(ids:) with 100 ids', () => {
  const ways = threeWays((ids) => `nodes(ids: ${ids}) { id ... on Region { code name } }`, '[ID!]!', hundredIds);

  it.each(ways)('is refused as QUERY_TOO_COMPLEX before execution when the ids come as a $way', async ({ query, variables }) => {
    // when
    const res = await app.gql(query, variables);
    // then
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors![0].extensions!.cost).toBeGreaterThan(MAX_COST);
  });

  it('costs the same in all three ways', async () => {
    const costs = [];
    for (const { query, variables } of ways) costs.push((await app.gql(query, variables)).body.errors![0].extensions!.cost);
    expect(new Set(costs).size).toBe(1);
  });

  it('with 10 ids is allowed in all three ways, at the same cost', async () => {
    const costs = [];
    for (const { query, variables } of threeWays((ids) => `nodes(ids: ${ids}) { id }`, '[ID!]!', hundredIds.slice(0, 10))) {
      const res = await app.gql(query, variables);
      expect(errorCodes(res)).not.toContain('QUERY_TOO_COMPLEX');
      costs.push(cost(res));
    }
    expect(costs).toEqual([costs[0], costs[0], costs[0]]);
    expect(costs[0]).toBeGreaterThanOrEqual(10);
  });
});

describe('a connection first:', () => {
  it.each(threeWays((n) => `regions(first: ${n}) { nodes { code name marketShares(year: 2024) { sharePercent } } }`, 'Int', 100))(
    'over the cost limit is refused when first comes as a $way',
    async ({ query, variables }) => {
      const res = await app.gql(query, variables);
      expect(res.status).toBe(400);
      expect(errorCodes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    },
  );

  it.each(threeWays((n) => `segments(first: ${n}) { nodes { code } }`, 'Int', 101))('first: 101 as a $way is refused with BAD_USER_INPUT', async ({ query, variables }) => {
    const res = await app.gql(query, variables);
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('within the limit costs the same in all three ways and is answered', async () => {
    const costs = [];
    for (const { query, variables } of threeWays((n) => `segments(first: ${n}) { nodes { code } }`, 'Int', 7)) {
      const res = await app.gql(query, variables);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.segments.nodes.length).toBeGreaterThan(0);
      costs.push(cost(res));
    }
    expect(costs).toEqual([costs[0], costs[0], costs[0]]);
    expect(costs[0]).toBeGreaterThanOrEqual(7);
  });
});

describe('the per-minute budget', () => {
  it('is charged the computed cost whichever way first is passed', async () => {
    // given: a fresh credential of its own, so its budget is charged by these requests only
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: await app.factory.insurer() });
    const charged: number[] = [];
    let before = 100000;
    // when
    for (const { query, variables } of threeWays((n) => `regions(first: ${n}) { nodes { code } }`, 'Int', 40)) {
      const res = await app.gql(query, variables, { token });
      const remaining = Number(res.headers.get('ratelimit-remaining'));
      charged.push(before - remaining);
      before = remaining;
    }
    // then
    expect(charged).toEqual([charged[0], charged[0], charged[0]]);
    expect(charged[0]).toBeGreaterThanOrEqual(40);
  });
});
