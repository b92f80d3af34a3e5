import { useTestApp, GqlResponse, dataOf, errorCodes } from '../support/app';

// The per-credential budget is a separate limit with its own tests; here it must not interfere.
const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true', RATE_LIMIT_OPERATOR_ADMIN: '1000000000' } });
/** Every response body this file receives, to check at the end that none leaks a stack trace. */
const bodies: string[] = [];

async function send(query: string, variables?: Record<string, unknown>): Promise<GqlResponse> {
  const res = await app.gql(query, variables);
  bodies.push(JSON.stringify(res.body));
  return res;
}

/** The response was refused before any resolver ran: one error of `code`, no data, and not one SQL statement. */
function expectRefusedBeforeExecution(res: GqlResponse, code: string): void {
  expect(errorCodes(res)).toEqual([code]);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.extensions?.sqlStatements).toBe(0);
  expect(res.status).toBe(400);
}

/** insurer -> concern -> insurers -> concern ... with `levels` nested selection sets in all. */
function insurerConcernChain(levels: number): string {
  let inner = 'name';
  for (let level = levels - 1; level >= 2; level -= 1) inner = `${level % 2 === 0 ? 'concern' : 'insurers'} { ${inner} }`;
  return `{ insurer(uzovi: "3311") { ${inner} } }`;
}

describe('page size', () => {
  it('accepts first: 100', async () => {
    const res = await send(`{ marketShares(first: 100) { nodes { year } } }`);
    expect(dataOf(res).marketShares.nodes).toHaveLength(100);
  });

  it('refuses first: 101 with BAD_USER_INPUT before execution', async () => {
    // when
    const res = await send(`{ insurers(first: 101) { nodes { name } } }`);
    // then
    expectRefusedBeforeExecution(res, 'BAD_USER_INPUT');
    expect(res.body.errors![0]).toMatchObject({ message: 'first must be between 0 and 100; got 101.', extensions: { argument: 'first' } });
  });

  it('refuses first: 101 passed in a variable the same way', async () => {
    const res = await send(`query($n: Int) { regions(first: $n) { nodes { code } } }`, { n: 101 });
    expectRefusedBeforeExecution(res, 'BAD_USER_INPUT');
  });

  it('refuses a negative first', async () => {
    const res = await send(`{ segments(first: -1) { nodes { code } } }`);
    expectRefusedBeforeExecution(res, 'BAD_USER_INPUT');
    expect(res.body.errors![0].message).toContain('got -1');
  });

  it('refuses an oversized page inside a query that also asks for a valid one', async () => {
    const res = await send(`{ segments(first: 5) { totalCount } providers(first: 1000) { totalCount } }`);
    expectRefusedBeforeExecution(res, 'BAD_USER_INPUT');
  });

  it('accepts first: 0 as an empty page that still counts', async () => {
    const data = dataOf(await send(`{ segments(first: 0) { totalCount nodes { code } pageInfo { hasNextPage } } }`));
    expect(data.segments.nodes).toEqual([]);
    expect(data.segments.totalCount).toBeGreaterThanOrEqual(5);
  });
});

describe('depth', () => {
  it('refuses a query 11 levels deep with QUERY_TOO_COMPLEX', async () => {
    // when
    const res = await send(insurerConcernChain(11));
    // then
    expectRefusedBeforeExecution(res, 'QUERY_TOO_COMPLEX');
    expect(res.body.errors![0]).toMatchObject({ message: expect.stringContaining('11 levels deep; at most 10'), extensions: { depth: 11, maxDepth: 10 } });
  });

  it('counts depth through fragments as well', async () => {
    const res = await send(`
      query { insurer(uzovi: "3311") { ...deep } }
      fragment deep on Insurer { concern { insurers { concern { insurers { concern { insurers { concern { insurers { concern { name } } } } } } } } } }
    `);
    expectRefusedBeforeExecution(res, 'QUERY_TOO_COMPLEX');
    expect(res.body.errors![0].extensions).toMatchObject({ depth: 11 });
  });

  it('accepts a query exactly 10 levels deep', async () => {
    // given: a milestone, so the chain passes through single objects and stays cheap
    const { purchasingPolicy } = dataOf(await send(`{ purchasingPolicy(insurerUzovi: "3311", segmentCode: "MSZ", year: 2024) { milestones { id } } }`));
    // other test files may add insurers to the concern of the policy's insurer: count them first
    const members = dataOf(await send(`{ insurer(uzovi: "3311") { concern { insurers { id } } } }`)).insurer.concern.insurers.length;
    // when
    const res = await send(
      `query($id: ID!) { node(id: $id) { ... on PolicyMilestone { policy { insurer { concern { insurers { concern { insurers { concern { insurers { name } } } } } } } } } } }`,
      { id: purchasingPolicy.milestones[0].id },
    );
    // then
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions?.cost.depth).toBe(10);
    expect(res.body.data!.node.policy.insurer.concern.insurers.map((i: any) => i.concern.insurers.length)).toEqual(Array(members).fill(members));
    expect(members).toBeGreaterThanOrEqual(2);
  });
});

describe('aliases', () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: segment(code: "ZG") { code }`).join(' ')} }`;

  it('accepts 30 aliases', async () => {
    const data = dataOf(await send(aliased(30)));
    expect(Object.keys(data)).toHaveLength(30);
  });

  it('refuses 31 aliases with QUERY_TOO_COMPLEX', async () => {
    const res = await send(aliased(31));
    expectRefusedBeforeExecution(res, 'QUERY_TOO_COMPLEX');
    expect(res.body.errors![0]).toMatchObject({ message: expect.stringContaining('31 aliases; at most 30'), extensions: { aliases: 31, maxAliases: 30 } });
  });

  it('counts aliases on nested fields too', async () => {
    const nested = Array.from({ length: 31 }, (_, i) => `n${i}: name`).join(' ');
    const res = await send(`{ insurer(uzovi: "3311") { ${nested} } }`);
    expectRefusedBeforeExecution(res, 'QUERY_TOO_COMPLEX');
  });
});

describe('cost', () => {
  it('refuses a query whose nested lists would cost too much, naming the cost', async () => {
    // when
    const res = await send(`{ insurers(first: 100) { nodes { marketShares { region { marketShares { insurer { name } } } } } } }`);
    // then
    expectRefusedBeforeExecution(res, 'QUERY_TOO_COMPLEX');
    const error = res.body.errors![0];
    expect(error.extensions!.cost).toBeGreaterThan(10000);
    expect(error.extensions!.maxCost).toBe(10000);
    expect(error.message).toContain(`would cost ${error.extensions!.cost} points; at most 10000`);
  });

  it('prices the same shape by its page size: the small page passes', async () => {
    const res = await send(`{ insurers(first: 1) { nodes { marketShares(year: 2024) { region { code } } } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions?.cost.requested).toBeLessThanOrEqual(10000);
  });

  it('reports the cost of a normal response in extensions.cost', async () => {
    // when
    const five = await send(`{ segments(first: 5) { nodes { code } } }`);
    const ten = await send(`{ segments(first: 10) { nodes { code } } }`);
    // then
    expect(five.body.extensions?.cost).toMatchObject({ requested: expect.any(Number), limit: 10000, depth: 3 });
    expect(five.body.extensions!.cost.requested).toBeGreaterThan(5);
    expect(ten.body.extensions!.cost.requested).toBeGreaterThan(five.body.extensions!.cost.requested);
  });

  it('prices a page asked with last like one asked with first, and refuses last: 101 before execution', async () => {
    // when
    const last = await send(`{ insurers(last: 100) { nodes { marketShares { region { marketShares { insurer { name } } } } } } }`);
    const small = await send(`{ segments(last: 10) { nodes { code } } }`);
    const five = await send(`{ segments(last: 5) { nodes { code } } }`);
    const tooMany = await send(`{ segments(last: 101) { nodes { code } } }`);
    // then
    expectRefusedBeforeExecution(last, 'QUERY_TOO_COMPLEX');
    expect(small.body.extensions!.cost.requested).toBeGreaterThan(five.body.extensions!.cost.requested);
    expectRefusedBeforeExecution(tooMany, 'BAD_USER_INPUT');
    expect(tooMany.body.errors![0]).toMatchObject({ message: 'last must be between 0 and 100; got 101.', extensions: { argument: 'last' } });
  });

  it('reports the cost of a mutation too', async () => {
    const res = await send(`mutation { regionUpdate(input: { id: "x", name: "y" }) { userErrors { code } } }`);
    expect(dataOf(res).regionUpdate.userErrors[0].code).toBe('NOT_FOUND');
    expect(res.body.extensions?.cost).toMatchObject({ requested: expect.any(Number), limit: 10000 });
  });
});

describe('document size', () => {
  it('refuses a document of more than 5000 tokens before validating it', async () => {
    // when
    const res = await send(`{ ${'__typename '.repeat(5000)}}`);
    // then
    expect(errorCodes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(res.body.errors![0].message).toContain('5000 tokens');
    expect(res.status).toBe(400);
  });

  it('accepts a long document under the limit', async () => {
    // given: about 3000 tokens, most of them in one list argument
    const codes = Array.from({ length: 3000 }, (_, i) => JSON.stringify(String(i + 1).padStart(2, '0')));
    // when
    const res = await send(`{ regions(filter: { kind: AMBULANCE, codes: [${codes.join(' ')}] }) { totalCount } }`);
    // then
    expect(dataOf(res).regions.totalCount).toBeGreaterThanOrEqual(25);
  });
});

describe('request errors', () => {
  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await send(`{ insurers { nodes { nope } } }`);
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0].message).toContain('nope');
    expect(res.status).toBe(400);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const res = await send(`{ insurers { `);
    expect(errorCodes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT', async () => {
    const res = await send(`query($n: Int) { insurers(first: $n) { totalCount } }`, { n: 'ten' });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].message).toContain('$n');
    expect(res.status).toBe(400);
  });

  it('answers a missing required variable with BAD_USER_INPUT', async () => {
    const res = await send(`query($u: String!) { insurer(uzovi: $u) { name } }`, {});
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('unexpected errors', () => {
  it('are masked as INTERNAL_SERVER_ERROR and logged, without the cause in the response', async () => {
    // given: the database refuses to update one segment with an error no service expects
    const segment = dataOf(await send(`mutation { segmentCreate(input: { code: "BOOM_${Date.now()}", name: "Boom" }) { segment { id code } } }`)).segmentCreate.segment;
    const [{ id }] = await app.orm.em.getConnection().execute<{ id: number }[]>('select id from segment where code = ?', [segment.code]);
    const fn = `test_refuse_segment_${id}`;
    const sql = app.orm.em.getConnection();
    await sql.execute(`create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'simulated failure: internal detail 42'; end $$`);
    await sql.execute(`create trigger ${fn} before update on segment for each row when (old.id = ${Number(id)}) execute function ${fn}()`);
    const logged = app.errors.length;
    try {
      // when
      const res = await send(`mutation($id: ID!) { segmentUpdate(input: { id: $id, name: "Renamed" }) { segment { name } userErrors { code } } }`, { id: segment.id });
      // then
      expect(res.body.errors).toEqual([expect.objectContaining({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      expect(JSON.stringify(res.body)).not.toMatch(/simulated|internal detail|segment"|update /i);
      const newLogs = app.errors.slice(logged).join('\n');
      expect(newLogs).toContain('unexpected error');
      expect(newLogs).toContain('internal detail 42');
    } finally {
      await sql.execute(`drop trigger if exists ${fn} on segment`);
      await sql.execute(`drop function if exists ${fn}()`);
    }
  });
});

describe('stack traces', () => {
  it('never leave the server: no response of this file has a stacktrace extension', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      expect(body).not.toContain('stacktrace');
      expect(body).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)/);
    }
  });
});
