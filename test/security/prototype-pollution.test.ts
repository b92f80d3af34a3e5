import { useTestApp, dataOf } from '../support/app';
import { fixture } from '../factories/monitoring';
import { UPLOAD } from '../support/monitoring';
import { multipartBody, multipartHeaders, postRaw } from '../support/multipart';

/**
 * Class: client data becoming object keys. A multipart `map` path (or any other key a client names) must never
 * reach a prototype: once `Object.prototype` held a key, MikroORM wrote it as a column and every token that had
 * not been used in the last minute got 401, for every organisation.
 */
const app = useTestApp();
let dashboardToken: string;
let uploaderToken: string;

beforeAll(async () => {
  const insurer = await app.factory.insurer();
  dashboardToken = await app.tokenFor({ role: 'DASHBOARD', insurer });
  uploaderToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: await app.monitoring.fixtureFunction('01234567') });
});

/** Keys on Object.prototype that are not functions of the language: none, unless something polluted it. */
const pollution = () => Object.getOwnPropertyNames(Object.prototype).filter((key) => typeof (Object.prototype as any)[key] !== 'function' && key !== '__proto__');

const operations = JSON.stringify({ query: UPLOAD, variables: { input: { file: null, dryRun: true } } });

describe('a multipart map path that names a prototype', () => {
  it.each([
    '__proto__.x',
    'variables.__proto__.x',
    'variables.input.__proto__.polluted',
    'constructor.prototype.x',
    'variables.constructor.prototype.x',
    'variables.input.file.__proto__',
    'query.constructor.prototype.x',
    'variables.prototype',
  ])('%s is refused with 400 BAD_USER_INPUT and Object.prototype stays clean', async (path) => {
    // given
    const before = pollution();
    const body = multipartBody([
      { name: 'operations', value: operations },
      { name: 'map', value: JSON.stringify({ 0: [path] }) },
      { name: '0', value: 'agb_code;verslagjaar\n', filename: 'zn.csv' },
    ]);
    // when
    const response = await postRaw(app.url, multipartHeaders(dashboardToken), body);
    // then
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0]).toMatchObject({ message: expect.stringContaining(path), extensions: { code: 'BAD_USER_INPUT' } });
    expect(pollution()).toEqual(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('leaves every organisation able to authenticate, also with a token that was never used', async () => {
    // given: the attack of the report, by a read-only dashboard
    await postRaw(
      app.url,
      multipartHeaders(dashboardToken),
      multipartBody([
        { name: 'operations', value: operations },
        { name: 'map', value: JSON.stringify({ 0: ['__proto__.x'], 1: ['constructor.prototype.lastUsedAt'] }) },
      ]),
    );
    const otherInsurer = await app.factory.insurer();
    const fresh = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: otherInsurer });
    // when
    const response = await app.gql('{ segment(code: "MSZ") { code } }', undefined, { token: fresh });
    // then
    expect(response.status).toBe(200);
    expect(dataOf(response)).toEqual({ segment: { code: 'MSZ' } });
  });

  it('a path along an inherited property (not the operation\'s own data) is refused as missing', async () => {
    const response = await postRaw(
      app.url,
      multipartHeaders(dashboardToken),
      multipartBody([
        { name: 'operations', value: operations },
        { name: 'map', value: JSON.stringify({ 0: ['variables.input.toString.x'] }) },
      ]),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0].message).toContain('does not exist in the operations');
    expect(pollution()).toEqual([]);
  });
});

describe('other client keys', () => {
  it('a JSON body and variables with __proto__ keys do not reach Object.prototype', async () => {
    // given: JSON.parse keeps "__proto__" as an own key; nothing downstream may copy it onto a prototype
    const body = '{"query":"query($c: String!) { segment(code: $c) { code } }","variables":{"c":"MSZ","__proto__":{"x":1}},"extensions":{"__proto__":{"y":2}},"__proto__":{"z":3}}';
    // when
    const response = await postRaw(app.url, { authorization: `Bearer ${dashboardToken}`, 'content-type': 'application/json' }, body);
    // then
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data).toEqual({ segment: { code: 'MSZ' } });
    expect(pollution()).toEqual([]);
  });

  it('a variable named like a prototype key is refused or read as an ordinary variable, never as a prototype', async () => {
    // given: GraphQL names may be __proto__ or constructor
    const body = '{"query":"query($__proto__: String!, $constructor: String!) { a: segment(code: $__proto__) { code } b: segment(code: $constructor) { code } }","variables":{"__proto__":"MSZ","constructor":"MSZ"}}';
    // when
    const response = await postRaw(app.url, { authorization: `Bearer ${dashboardToken}`, 'content-type': 'application/json' }, body);
    // then
    expect(pollution()).toEqual([]);
    const parsed = JSON.parse(response.text);
    expect(parsed.errors?.map((e: any) => e.extensions.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    expect(response.status).toBeLessThan(500);
  });
});

describe('the legitimate multipart upload still works', () => {
  it('a map path into the variables delivers the file', async () => {
    // given
    const body = multipartBody([
      { name: 'operations', value: operations },
      { name: 'map', value: JSON.stringify({ 0: ['variables.input.file'] }) },
      { name: '0', value: fixture('utf8-comma.csv'), filename: 'zn.csv' },
    ]);
    // when
    const response = await postRaw(app.url, multipartHeaders(uploaderToken), body);
    // then
    expect(response.status).toBe(200);
    const summary = JSON.parse(response.text).data.monitoringUpload.summary;
    expect(summary).toMatchObject({ dryRun: true, filename: 'zn.csv' });
    expect(summary.rowsRead).toBeGreaterThan(0);
  });
});
