import { useTestApp, dataOf, errorCodes } from '../support/app';
import { postRaw, BOUNDARY } from '../support/multipart';

/**
 * Class: errors that leave the server. Every error on /graphql is a GraphQL JSON response with a code and a
 * suitable status, in development (the `npm start` default) as in production, and never carries a stack trace or
 * a server path. Input that the database cannot take (a NUL character, a whole number out of range) is refused as
 * BAD_USER_INPUT naming the argument, instead of a masked internal error; in a bulk submission only its row.
 */

/** What no answer may contain: HTML, stack frames, file system paths. */
function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/<html|<pre>|<!DOCTYPE/i);
  expect(text).not.toMatch(/\bat \S+ \(|node_modules|\/work\/|\.ts:\d+|\.js:\d+/);
}

function expectGraphQLError(response: { status: number; contentType: string; text: string }, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.contentType).toContain('application/json');
  expectNoLeak(response.text);
  const body = JSON.parse(response.text);
  expect(body.errors).toEqual([expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) })]);
}

describe.each(['development', 'production'])('HTTP-level errors on /graphql with NODE_ENV=%s', (nodeEnv) => {
  const app = useTestApp({ env: { NODE_ENV: nodeEnv } });
  const json = () => ({ authorization: `Bearer ${app.operatorToken}`, 'content-type': 'application/json' });

  it('a malformed JSON body answers 400 BAD_USER_INPUT in JSON', async () => {
    expectGraphQLError(await postRaw(app.url, json(), '{"query": "{ x" '), 400, 'BAD_USER_INPUT');
  });

  it('a JSON body that is not an object or array answers 400 in JSON', async () => {
    expectGraphQLError(await postRaw(app.url, json(), '"just a string"'), 400, 'BAD_USER_INPUT');
  });

  it('a body over the size limit answers 413 in JSON', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } });
    const response = await postRaw(app.url, json(), big);
    expectGraphQLError(response, 413, 'BAD_USER_INPUT');
    expect(JSON.parse(response.text).errors[0].message).toContain('1048576');
  });

  it('an unsupported charset answers 415 in JSON', async () => {
    expectGraphQLError(await postRaw(app.url, { ...json(), 'content-type': 'application/json; charset=latin1' }, '{"query":"{ __typename }"}'), 415, 'BAD_USER_INPUT');
  });

  it('an unsupported content encoding answers 415 in JSON', async () => {
    expectGraphQLError(await postRaw(app.url, { ...json(), 'content-encoding': 'br-unknown' }, '{"query":"{ __typename }"}'), 415, 'BAD_USER_INPUT');
  });

  it('a multipart request without a boundary answers 400 in JSON', async () => {
    const headers = { authorization: `Bearer ${app.operatorToken}`, 'apollo-require-preflight': 'true', 'content-type': 'multipart/form-data' };
    expectGraphQLError(await postRaw(app.url, headers, `--${BOUNDARY}\r\n`), 400, 'BAD_USER_INPUT');
  });

  it('a body of another content type answers in JSON (CSRF prevention or a missing query), never with a plain-text 500', async () => {
    const response = await postRaw(app.url, { authorization: `Bearer ${app.operatorToken}`, 'content-type': 'application/xml', 'apollo-require-preflight': 'true' }, '<q/>');
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/json');
    expectNoLeak(response.text);
    expect(JSON.parse(response.text).errors[0].extensions.code).toEqual(expect.any(String));
  });

  it('outside /graphql an unknown path answers 404 in JSON', async () => {
    const response = await fetch(app.url.replace('/graphql', '/nothing-here'));
    expect(response.status).toBe(404);
    expectNoLeak(await response.text());
  });

  it('a valid request still gets its data', async () => {
    const response = await postRaw(app.url, json(), '{"query":"{ segment(code: \\"MSZ\\") { code } }"}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data).toEqual({ segment: { code: 'MSZ' } });
  });
});

describe('input the database cannot take', () => {
  const app = useTestApp();

  describe('a NUL character in text', () => {
    it('in an inline argument is refused as BAD_USER_INPUT naming it', async () => {
      const res = await app.gql('{ region(code: "1\\u00006") { name } }');
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0]).toMatchObject({ message: expect.stringContaining('code'), extensions: { argument: 'code' } });
      expect(res.body.data ?? null).toBeNull();
    });

    it('in a variable inside an input object is refused naming the field, and nothing is written', async () => {
      // given
      const uzovi = await app.kpi.base.uzovi();
      // when
      const res = await app.gql('mutation($input: InsurerCreateInput!) { insurerCreate(input: $input) { insurer { uzovi } userErrors { code } } }', {
        input: { uzovi, name: 'Zorg\u0000verzekeraar', concernCode: 'ACHMEA' },
      });
      // then
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions).toMatchObject({ argument: 'input.name' });
      expect(res.body.errors![0].message).toContain('input.name');
      const read = dataOf(await app.gql('query($u: String!) { insurer(uzovi: $u) { name } }', { u: uzovi }));
      expect(read.insurer).toBeNull();
    });

    it('in a list item is refused naming its index', async () => {
      const res = await app.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b\u0000'] });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions).toMatchObject({ argument: 'ids.1' });
    });

    it('text with other unusual characters is still accepted', async () => {
      const uzovi = await app.kpi.base.uzovi();
      const res = await app.gql('mutation($input: InsurerCreateInput!) { insurerCreate(input: $input) { insurer { name } userErrors { code } } }', {
        input: { uzovi, name: 'Zorg – verzekeraar ✓ 𝔷', concernCode: 'ACHMEA' },
      });
      expect(dataOf(res).insurerCreate).toEqual({ insurer: { name: 'Zorg – verzekeraar ✓ 𝔷' }, userErrors: [] });
    });
  });

  describe('a whole number out of range', () => {
    it.each([
      ['inline', '{ kpiMeasureReports(year: 2147483647, providerAgb: "06010101") { __typename } }', undefined],
      ['in a variable', 'query($y: Int!) { kpiMeasureReports(year: $y, providerAgb: "06010101") { __typename } }', { y: 2147483647 }],
      ['as a variable default', 'query($y: Int! = 2147483647) { kpiMeasureReports(year: $y, providerAgb: "06010101") { __typename } }', undefined],
    ])('a year of 2147483647 %s is refused as BAD_USER_INPUT naming the argument', async (_way, query, variables) => {
      const res = await app.gql(query, variables);
      expect(res.status).toBe(400);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions).toMatchObject({ argument: 'year' });
    });

    it('an amount of 2147483647 inside a mutation input is refused naming the field', async () => {
      const res = await app.gql(
        'mutation($input: ApiTokenCreateInput!) { apiTokenCreate(input: $input) { userErrors { code } } }',
        { input: { organisationKind: 'OPERATOR', organisationCode: 'operator', role: 'OPERATOR_ADMIN', label: 'x', expiresInDays: 2147483647 } },
      );
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions).toMatchObject({ argument: 'input.expiresInDays' });
    });

    it('a plausible year is answered, and a year outside 2000-2100 still gets the service rule', async () => {
      const ok = await app.gql('{ monitoringCompleteness(year: 2024) { year } }');
      expect(ok.body.errors).toBeUndefined();
      const rule = await app.gql('{ monitoringCompleteness(year: 1999) { year } }');
      expect(rule.body.errors![0].message).toBe('year must be between 2000 and 2100; got 1999.');
    });
  });

  describe('a bulk KPI submission under REJECT_FAILED_ROWS', () => {
    const BULK = `mutation($input: KpiMeasurementsSubmitInput!) { kpiMeasurementsSubmit(input: $input) {
      acceptedCount rejectedCount results { row kpiMeasurement { id } errors { field code } } userErrors { field code message } } }`;
    const month = (number: number) => ({ kind: 'MONTH', year: 2024, number });

    async function hospitalWithTarget() {
      const insurer = await app.kpi.base.insurer();
      const hospital = await app.kpi.hospital(await app.kpi.base.region());
      await app.kpi.contract(insurer, hospital, 2024);
      await app.kpi.target(insurer, hospital, 'HYBRID_PATHWAYS', 2024);
      return app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: hospital });
    }

    it.each([
      ['a NUL in its note', { note: 'bad\u0000note' }, ['rows', '1', 'note']],
      ['a NUL in its KPI code', { kpiCode: 'HYBRID\u0000PATHWAYS' }, ['rows', '1', 'kpiCode']],
      ['a year of 2147483647', { period: { kind: 'MONTH', year: 2147483647, number: 2 } }, ['rows', '1', 'period', 'year']],
    ])('rejects only the row with %s and writes the others', async (_label, bad, field) => {
      // given
      const token = await hospitalWithTarget();
      const rows = [
        { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: 2, total: 40 } },
        { kpiCode: 'HYBRID_PATHWAYS', period: month(2), hybridPathways: { implemented: 3, total: 40 }, ...bad },
        { kpiCode: 'HYBRID_PATHWAYS', period: month(3), hybridPathways: { implemented: 4, total: 40 } },
      ];
      // when
      const result = dataOf(await app.gql(BULK, { input: { rows, rowErrorPolicy: 'REJECT_FAILED_ROWS' } }, { token })).kpiMeasurementsSubmit;
      // then
      expect(result).toMatchObject({ acceptedCount: 2, rejectedCount: 1 });
      expect(result.userErrors).toEqual([expect.objectContaining({ field, code: 'INVALID_INPUT' })]);
      expect(result.results.map((r: any) => r.kpiMeasurement !== null)).toEqual([true, false, true]);
    });

    it('under ALL_OR_NOTHING the same row makes the whole batch write nothing, with the row named', async () => {
      const token = await hospitalWithTarget();
      const rows = [
        { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: 2, total: 40 } },
        { kpiCode: 'HYBRID_PATHWAYS', period: month(2), hybridPathways: { implemented: 3, total: 40 }, note: 'x\u0000' },
      ];
      const result = dataOf(await app.gql(BULK, { input: { rows, rowErrorPolicy: 'ALL_OR_NOTHING' } }, { token })).kpiMeasurementsSubmit;
      expect(result).toMatchObject({ acceptedCount: 0 });
      expect(result.userErrors).toEqual([expect.objectContaining({ field: ['rows', '1', 'note'], code: 'INVALID_INPUT' })]);
    });
  });
});
