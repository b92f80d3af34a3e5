import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { startTestApp, useTestApp, dataOf } from '../support/app';
import { startTestIssuer, TestIssuer } from './oidc-issuer';

let idp: TestIssuer;
const app = useTestApp({
  before: async () => {
    idp = await startTestIssuer();
  },
  env: () => ({ OIDC_JWKS_URL: idp.jwksUrl, OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience }),
  after: () => idp.close(),
});

const VIEWER = `{ viewer { organisationKind organisationCode role subject } }`;

interface RawResponse {
  status: number;
  text: string;
  headers: Headers;
}

/** Posts the viewer query with exactly the given Authorization header (none when undefined). */
async function postWith(authorization: string | undefined): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await fetch(app.url, { method: 'POST', headers, body: JSON.stringify({ query: VIEWER }) });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The response to a request without credentials: every refused credential must get exactly this. */
let reference: RawResponse;
beforeAll(async () => {
  reference = await postWith(undefined);
});

function expectRefusedLikeNoCredential(response: RawResponse): void {
  expect(response.status).toBe(401);
  expect(response.text).toBe(reference.text);
  expect(response.headers.get('www-authenticate')).toBe(reference.headers.get('www-authenticate'));
  expect(response.headers.get('content-type')).toBe(reference.headers.get('content-type'));
}

describe('authentication with API tokens', () => {
  it('refuses a request without an Authorization header with 401 UNAUTHENTICATED and no data', () => {
    // given: reference is a request without credentials
    // then
    expect(reference.status).toBe(401);
    expect(reference.headers.get('www-authenticate')).toBe('Bearer');
    const body = JSON.parse(reference.text);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('accepts a valid token, so that the refusals below are about the credential and nothing else', async () => {
    // given
    const insurer = await app.factory.insurer();
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    // when
    const response = await postWith(`Bearer ${token}`);
    // then
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data.viewer).toEqual({
      organisationKind: 'INSURER',
      organisationCode: insurer.uzovi,
      role: 'INSURER_MEMBER',
      subject: token.slice(0, 'zix_'.length + 8),
    });
  });

  it.each([
    ['an empty header', ''],
    ['a Basic scheme', `Basic ${Buffer.from('operator:secret').toString('base64')}`],
    ['a bearer scheme without a credential', 'Bearer '],
    ['a lower-case scheme with junk', 'bearer zix_'],
    ['a credential that is too short', 'Bearer zix_abc'],
    ['two credentials', 'Bearer zix_AAAAAAAA_x Bearer zix_BBBBBBBB_y'],
    ['a non-ASCII credential', 'Bearer zix_AAAAAAAA_ünïcødé-ünïcødé-ünïcødé'],
  ])('refuses a malformed header (%s) exactly like a missing one', async (_what, header) => {
    // when
    const response = await postWith(header);
    // then
    expectRefusedLikeNoCredential(response);
  });

  it('refuses a well-formed token nobody issued exactly like a missing one', async () => {
    // given
    const unknown = `zix_Unknown1_${Buffer.alloc(32, 7).toString('base64url')}`;
    // when
    const response = await postWith(`Bearer ${unknown}`);
    // then
    expectRefusedLikeNoCredential(response);
  });

  it('refuses a token with the prefix of a real token but a wrong secret exactly like a missing one', async () => {
    // given
    const real = await app.tokenFor({ role: 'OPERATOR_ADMIN' });
    const prefix = real.slice(0, 12);
    const forged = `${prefix}_${Buffer.alloc(32, 1).toString('base64url')}`;
    const truncated = real.slice(0, -1);
    // when
    const responses = [await postWith(`Bearer ${forged}`), await postWith(`Bearer ${truncated}`)];
    // then
    for (const response of responses) expectRefusedLikeNoCredential(response);
    expect((await postWith(`Bearer ${real}`)).status).toBe(200);
  });

  it('refuses an expired token exactly like a missing one', async () => {
    // given
    const insurer = await app.factory.insurer();
    const expired = await app.tokenFor({ role: 'INSURER_ADMIN', insurer, expiresAt: new Date(Date.now() - 1000) });
    // when
    const response = await postWith(`Bearer ${expired}`);
    // then
    expectRefusedLikeNoCredential(response);
  });

  it('refuses a revoked token exactly like a missing one', async () => {
    // given
    const revoked = await app.tokenFor({ role: 'OPERATOR_ADMIN', revokedAt: new Date(Date.now() - 1000) });
    // when
    const response = await postWith(`Bearer ${revoked}`);
    // then
    expectRefusedLikeNoCredential(response);
  });

  it('refuses a revoked token for mutations too, and writes nothing', async () => {
    // given
    const revoked = await app.tokenFor({ role: 'OPERATOR_ADMIN', revokedAt: new Date() });
    const code = `AUTH_${await app.factory.nextNumber()}`;
    // when
    const response = await app.gql(
      `mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id } userErrors { code } } }`,
      { i: { code, name: 'Should not exist' } },
      { token: revoked },
    );
    // then
    expect(response.status).toBe(401);
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await app.gql(`query($c: String!) { concern(code: $c) { id } }`, { c: code })).concern).toBeNull();
  });
});

describe('authentication with OIDC bearer JWTs', () => {
  const member = { org: 'insurer:3311', role: 'INSURER_MEMBER' };

  it('accepts a valid JWT of insurer 3311 as that insurer with the role of the claim', async () => {
    // given
    const jwt = await idp.sign({ ...member, sub: 'anna@zk.example' });
    // when
    const response = await app.gql(VIEWER, {}, { token: jwt });
    // then
    expect(dataOf(response).viewer).toEqual({ organisationKind: 'INSURER', organisationCode: '3311', role: 'INSURER_MEMBER', subject: 'anna@zk.example' });
  });

  it('accepts provider and operator organisations from the claim', async () => {
    // given
    const provider = await app.factory.provider();
    const providerJwt = await idp.sign({ org: `provider:${provider.agb}`, role: 'PROVIDER_SUBMITTER' });
    const operatorJwt = await idp.sign({ org: 'operator', role: 'OPERATOR_ADMIN', sub: 'ops@platform.example' });
    // when
    const asProvider = dataOf(await app.gql(VIEWER, {}, { token: providerJwt })).viewer;
    const asOperator = dataOf(await app.gql(VIEWER, {}, { token: operatorJwt })).viewer;
    // then
    expect(asProvider).toMatchObject({ organisationKind: 'PROVIDER', organisationCode: provider.agb, role: 'PROVIDER_SUBMITTER' });
    expect(asOperator).toMatchObject({ organisationKind: 'OPERATOR', organisationCode: 'operator', role: 'OPERATOR_ADMIN', subject: 'ops@platform.example' });
  });

  it('gives a JWT principal only its own rights: an insurer member JWT cannot write reference data', async () => {
    // given
    const jwt = await idp.sign(member);
    // when
    const response = await app.gql(
      `mutation { concernCreate(input: { code: "JWT_DENIED", name: "x" }) { concern { id } userErrors { code } } }`,
      {},
      { token: jwt },
    );
    // then
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  const refusals: [string, () => Promise<string>][] = [
    ['a wrong issuer', () => idp.sign({ ...member, iss: 'https://evil.example.test/' })],
    ['a wrong audience', () => idp.sign({ ...member, aud: 'some-other-api' })],
    ['an expired token', () => idp.sign({ ...member, exp: Math.floor(Date.now() / 1000) - 120 })],
    ['a token without expiry', () => idp.sign(member, { withoutExpiry: true })],
    [
      'a token not yet valid',
      async () =>
        new SignJWT(member)
          .setProtectedHeader({ alg: 'RS256', kid: idp.kid })
          .setIssuer(idp.issuer)
          .setAudience(idp.audience)
          .setSubject('early')
          .setNotBefore(Math.floor(Date.now() / 1000) + 3600)
          .setExpirationTime('2h')
          .sign(idp.privateKey),
    ],
    [
      'a token signed by a foreign key under the published kid',
      async () => idp.sign(member, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
    [
      'a token signed by a foreign key under an unknown kid',
      async () => idp.sign(member, { key: (await generateKeyPair('RS256')).privateKey, kid: 'attacker-key' }),
    ],
    ['an unsigned token (alg none)', async () => new UnsecuredJWT(member).setIssuer(idp.issuer).setAudience(idp.audience).setSubject('x').setExpirationTime('5m').encode()],
    [
      'an HS256 token keyed with the public key (algorithm confusion)',
      async () =>
        new SignJWT(member)
          .setProtectedHeader({ alg: 'HS256', kid: idp.kid })
          .setIssuer(idp.issuer)
          .setAudience(idp.audience)
          .setSubject('x')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(await exportSPKI(idp.publicKey))),
    ],
    [
      'an HS256 token keyed with a guessed secret',
      async () =>
        new SignJWT(member)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(idp.issuer)
          .setAudience(idp.audience)
          .setSubject('x')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('a-secret-nobody-configured-32-bytes!')),
    ],
    ['a token with a tampered payload', async () => tamper(await idp.sign(member), { org: 'operator', role: 'OPERATOR_ADMIN' })],
    ['an unknown UZOVI code', () => idp.sign({ org: 'insurer:0001', role: 'INSURER_MEMBER' })],
    ['an unknown AGB code', () => idp.sign({ org: 'provider:00000001', role: 'PROVIDER_SUBMITTER' })],
    ['a malformed organisation', () => idp.sign({ org: 'insurer:33110', role: 'INSURER_MEMBER' })],
    ['an organisation with trailing parts', () => idp.sign({ org: 'insurer:3311:operator', role: 'INSURER_MEMBER' })],
    ['an unknown organisation kind', () => idp.sign({ org: 'regulator:3311', role: 'INSURER_MEMBER' })],
    ['a provider role for an insurer', () => idp.sign({ org: 'insurer:3311', role: 'PROVIDER_SUBMITTER' })],
    ['the operator role for an insurer', () => idp.sign({ org: 'insurer:3311', role: 'OPERATOR_ADMIN' })],
    ['an insurer role for the operator', () => idp.sign({ org: 'operator', role: 'INSURER_ADMIN' })],
    ['an unknown role', () => idp.sign({ org: 'insurer:3311', role: 'SUPERUSER' })],
    ['a missing organisation claim', () => idp.sign({ role: 'INSURER_MEMBER' })],
    ['a missing role claim', () => idp.sign({ org: 'insurer:3311' })],
    ['a role claim that is neither a string nor an array', () => idp.sign({ org: 'insurer:3311', role: { INSURER_MEMBER: true } })],
    ['a role array without a role of the organisation', () => idp.sign({ org: 'insurer:3311', role: ['offline_access', 'PROVIDER_SUBMITTER'] })],
    ['a missing sub', () => idp.sign(member, { withoutSubject: true })],
    ['an empty sub', () => idp.sign({ ...member, sub: '' })],
    ['a sub longer than the audit log records (201 characters)', () => idp.sign({ ...member, sub: 's'.repeat(201) })],
  ];

  it.each(refusals)('refuses %s with 401 UNAUTHENTICATED, exactly like a missing credential', async (_what, make) => {
    // given
    const jwt = await make();
    // when
    const response = await postWith(`Bearer ${jwt}`);
    // then
    expectRefusedLikeNoCredential(response);
  });
});

describe('authentication without OIDC configured', () => {
  it('refuses even a correctly signed JWT when no JWKS, issuer and audience are configured', async () => {
    // given
    const plain = await startTestApp();
    try {
      const jwt = await idp.sign({ org: 'insurer:3311', role: 'INSURER_MEMBER' });
      // when
      const response = await plain.gql(VIEWER, {}, { token: jwt });
      // then
      expect(response.status).toBe(401);
      expect(response.body).toEqual(JSON.parse(reference.text));
    } finally {
      await plain.close();
    }
  });
});

/** Replaces the payload of a signed JWT, keeping header and signature: the signature no longer matches. */
function tamper(jwt: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = jwt.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), ...changes };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}
