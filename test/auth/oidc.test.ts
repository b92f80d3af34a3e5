import { generateKeyPair } from 'jose';
import { startTestApp, useTestApp, RunningApp, dataOf } from '../support/app';
import { startTestIssuer, TestIssuer } from './oidc-issuer';

const VIEWER = `{ viewer { organisationKind organisationCode role subject } }`;
const MEMBER = { org: 'insurer:3311', role: 'INSURER_MEMBER' };

/** The instant `seconds` from now, as a JWT NumericDate. */
const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

let idp: TestIssuer;
beforeAll(async () => {
  idp = await startTestIssuer();
});
afterAll(() => idp.close());

function oidcEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { OIDC_JWKS_URL: idp.jwksUrl, OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, ...extra };
}

async function roleOf(app: RunningApp, jwt: string): Promise<string | number> {
  const response = await app.gql(VIEWER, {}, { token: jwt });
  return response.status === 200 ? dataOf(response).viewer.role : response.status;
}

/** Log lines of OIDC refusals written since `from`. */
function refusals(app: RunningApp, from = 0): Record<string, any>[] {
  return app.logs
    .slice(from)
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.message === 'OIDC token refused');
}

describe('OIDC with the default settings', () => {
  // The app's clock decides when the key set may be fetched again; the tests move it on instead of waiting.
  let offset = 0;
  const app = useTestApp({ env: () => oidcEnv(), now: () => Date.now() + offset });

  it('accepts a token that expired 2 s ago (clock tolerance 30 s) and refuses one that expired 60 s ago', async () => {
    // given
    const justExpired = await idp.sign({ ...MEMBER, exp: inSeconds(-2) });
    const longExpired = await idp.sign({ ...MEMBER, exp: inSeconds(-60) });
    const notYetValidButClose = await idp.sign({ ...MEMBER, nbf: inSeconds(10) });
    // when / then
    expect(await roleOf(app, justExpired)).toBe('INSURER_MEMBER');
    expect(await roleOf(app, notYetValidButClose)).toBe('INSURER_MEMBER');
    expect(await roleOf(app, longExpired)).toBe(401);
  });

  it('fetches the key set again for a token of a rotated key, at most once per 10 s for unknown key ids', async () => {
    // given: the key set was fetched, more than 10 s ago
    expect(await roleOf(app, await idp.sign(MEMBER))).toBe('INSURER_MEMBER');
    offset += 10_001;
    const before = idp.jwksRequests();
    // when: the provider rotates its key and a token signed with the new one arrives
    await idp.rotate();
    const rotated = await roleOf(app, await idp.sign(MEMBER));
    // then: one refetch, and the token is accepted at once
    expect(rotated).toBe('INSURER_MEMBER');
    expect(idp.jwksRequests()).toBe(before + 1);

    // when: forged key ids arrive right after
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await Promise.all([1, 2, 3, 4, 5].map((n) => idp.sign(MEMBER, { key: privateKey, kid: `forged-${n}` })));
    const statuses = [];
    for (const jwt of forged) statuses.push(await roleOf(app, jwt));
    // then: all refused without asking the provider again
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(idp.jwksRequests()).toBe(before + 1);

    // when: 10 s later another unknown key id arrives
    offset += 10_001;
    expect(await roleOf(app, await idp.sign(MEMBER, { key: privateKey, kid: 'forged-6' }))).toBe(401);
    // then: one more fetch
    expect(idp.jwksRequests()).toBe(before + 2);
  });

  it('logs every refusal with its reason and never the token', async () => {
    // given
    const from = app.logs.length;
    const expired = await idp.sign({ ...MEMBER, exp: inSeconds(-600) });
    const wrongAudience = await idp.sign({ ...MEMBER, aud: 'another-api' });
    const unknownInsurer = await idp.sign({ org: 'insurer:0001', role: 'INSURER_MEMBER', sub: 'kim@example.test' });
    const wrongRole = await idp.sign({ org: 'insurer:3311', role: 'OPERATOR_ADMIN' });
    const badSignature = await idp.sign(MEMBER, { key: (await generateKeyPair('RS256')).privateKey });
    const tokens = [expired, wrongAudience, unknownInsurer, wrongRole, badSignature];
    // when
    for (const jwt of tokens) expect(await roleOf(app, jwt)).toBe(401);
    // then
    const logged = refusals(app, from);
    expect(logged.map((entry) => entry.reason)).toEqual([
      expect.stringMatching(/^ERR_JWT_EXPIRED: "exp" claim timestamp check failed/),
      expect.stringMatching(/^ERR_JWT_CLAIM_VALIDATION_FAILED: unexpected "aud" claim value/),
      'no insurer has UZOVI code 0001',
      'role "OPERATOR_ADMIN" is not a role of an insurer',
      expect.stringMatching(/^ERR_JWS_SIGNATURE_VERIFICATION_FAILED/),
    ]);
    expect(logged[2]).toMatchObject({ subject: 'kim@example.test', issuer: idp.issuer, kid: idp.kid, level: 'warn' });
    const text = app.logs.slice(from).join('\n');
    for (const jwt of tokens) {
      expect(text).not.toContain(jwt.split('.')[1]);
      expect(text).not.toContain(jwt.split('.')[2]);
    }
  });
});

describe('OIDC with OIDC_CLOCK_TOLERANCE_SECONDS=0', () => {
  it('refuses a token that expired 2 s ago', async () => {
    // given
    const app = await startTestApp(oidcEnv({ OIDC_CLOCK_TOLERANCE_SECONDS: '0' }));
    try {
      const justExpired = await idp.sign({ ...MEMBER, exp: inSeconds(-2) });
      // when / then
      expect(await roleOf(app, justExpired)).toBe(401);
      expect(await roleOf(app, await idp.sign(MEMBER))).toBe('INSURER_MEMBER');
    } finally {
      await app.close();
    }
  });
});

describe('OIDC role and organisation claims by path', () => {
  const app = useTestApp({ env: () => oidcEnv({ OIDC_ORG_CLAIM: 'https://zorginkoop.example/org', OIDC_ROLE_CLAIM: 'resource_access.zorginkoop-exchange.roles' }) });

  const org = (code: string) => ({ 'https://zorginkoop.example/org': code });
  const clientRoles = (roles: unknown) => ({ resource_access: { 'zorginkoop-exchange': { roles }, account: { roles: ['OPERATOR_ADMIN'] } } });

  it('reads a client role array, ignoring names that are not API roles', async () => {
    // given
    const jwt = await idp.sign({ ...org('insurer:3311'), ...clientRoles(['offline_access', 'INSURER_MEMBER', 'uma_authorization']) });
    // when
    const viewer = dataOf(await app.gql(VIEWER, {}, { token: jwt })).viewer;
    // then
    expect(viewer).toMatchObject({ organisationKind: 'INSURER', organisationCode: '3311', role: 'INSURER_MEMBER' });
  });

  it('takes the most powerful of several roles of the organisation (they nest)', async () => {
    // given
    const jwt = await idp.sign({ ...org('insurer:3311'), ...clientRoles(['DASHBOARD', 'INSURER_ADMIN', 'INSURER_MEMBER']) });
    // when / then
    expect(await roleOf(app, jwt)).toBe('INSURER_ADMIN');
  });

  it.each([
    ['roles of another client only', { ...org('insurer:3311'), resource_access: { account: { roles: ['INSURER_ADMIN'] } } }],
    ['a role of another kind of organisation', { ...org('insurer:3311'), ...clientRoles(['OPERATOR_ADMIN', 'PROVIDER_ADMIN']) }],
    ['an empty role array', { ...org('insurer:3311'), ...clientRoles([]) }],
    ['the organisation at the top level instead of the configured claim', { org: 'insurer:3311', ...clientRoles(['INSURER_MEMBER']) }],
    ['a role path that stops at an array', { ...org('insurer:3311'), resource_access: [{ roles: ['INSURER_MEMBER'] }] }],
  ])('refuses %s', async (_what, claims) => {
    // given
    const jwt = await idp.sign(claims);
    // when / then
    expect(await roleOf(app, jwt)).toBe(401);
  });
});

describe('OIDC realm roles (Keycloak realm_access.roles)', () => {
  it('reads the realm role array', async () => {
    // given
    const app = await startTestApp(oidcEnv({ OIDC_ROLE_CLAIM: 'realm_access.roles' }));
    try {
      const jwt = await idp.sign({ org: 'operator', realm_access: { roles: ['default-roles-zorginkoop', 'OPERATOR_ADMIN'] } });
      // when / then
      expect(await roleOf(app, jwt)).toBe('OPERATOR_ADMIN');
    } finally {
      await app.close();
    }
  });
});
