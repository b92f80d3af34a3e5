import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { useTestApp, testConfig, dataOf, errorCodes } from '../support/app';
import { runCli } from '../../src/cli/main';
import { CliError, CliIo } from '../../src/cli/commands';
import type { Insurer } from '../../src/insurer/insurer.entity';

// Budgets are the subject of rate-limit.test.ts; here they must not get in the way of many list queries.
const app = useTestApp({ env: { RATE_LIMIT_OPERATOR_ADMIN: '100000000', RATE_LIMIT_INSURER_ADMIN: '100000000' } });

const TOKEN_FIELDS = `id prefix organisationKind role label expiresAt lastUsedAt revokedAt createdBy insurer { uzovi } provider { agb }`;
const CREATE = `mutation($input: ApiTokenCreateInput!) {
  apiTokenCreate(input: $input) { apiToken { ${TOKEN_FIELDS} } secret userErrors { field message code } }
}`;
const REVOKE = `mutation($id: ID!) {
  apiTokenRevoke(input: { id: $id }) { apiToken { id prefix revokedAt } userErrors { field message code } }
}`;
const LIST = `query($filter: ApiTokenFilter) { apiTokens(first: 20, filter: $filter) { totalCount nodes { ${TOKEN_FIELDS} } } }`;
const VIEWER = `{ viewer { organisationKind organisationCode role subject } }`;
const SECRET_FORMAT = /^(zix_[A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

const tokenId = (id: number) => Buffer.from(`ApiToken:${id}`).toString('base64url');

function insurerInput(insurer: Insurer, role = 'INSURER_MEMBER', extra: Record<string, unknown> = {}) {
  return { organisationKind: 'INSURER', organisationCode: insurer.uzovi, role, label: 'KPI dashboard', ...extra };
}

describe('apiTokenCreate', () => {
  it('lets the operator admin create tokens for the operator, an insurer and a provider', async () => {
    // given
    const insurer = await app.factory.insurer();
    const provider = await app.factory.provider();
    const inputs = [
      { organisationKind: 'OPERATOR', organisationCode: 'operator', role: 'OPERATOR_ADMIN', label: 'ops' },
      insurerInput(insurer, 'INSURER_ADMIN'),
      { organisationKind: 'PROVIDER', organisationCode: provider.agb, role: 'PROVIDER_SUBMITTER', label: 'uploads', expiresInDays: 30 },
    ];
    // when
    const results = [];
    for (const input of inputs) results.push(dataOf(await app.gql(CREATE, { input })).apiTokenCreate);
    // then
    for (const r of results) expect(r.userErrors).toEqual([]);
    expect(results[0].apiToken).toMatchObject({ organisationKind: 'OPERATOR', role: 'OPERATOR_ADMIN', insurer: null, provider: null });
    expect(results[1].apiToken).toMatchObject({ organisationKind: 'INSURER', role: 'INSURER_ADMIN', insurer: { uzovi: insurer.uzovi } });
    expect(results[2].apiToken).toMatchObject({ organisationKind: 'PROVIDER', role: 'PROVIDER_SUBMITTER', provider: { agb: provider.agb } });
    const days = (Date.parse(results[2].apiToken.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const defaultDays = (Date.parse(results[1].apiToken.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(defaultDays)).toBe(app.config.auth.tokenDefaultDays);
    expect(results[0].apiToken.createdBy).toBe(app.operatorToken.slice(0, 12));
  });

  it('lets an insurer admin create a token for its own insurer', async () => {
    // given
    const insurer = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer });
    // when
    const result = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'DASHBOARD') }, { token: admin })).apiTokenCreate;
    // then
    expect(result.userErrors).toEqual([]);
    expect(result.apiToken).toMatchObject({ organisationKind: 'INSURER', role: 'DASHBOARD', insurer: { uzovi: insurer.uzovi }, createdBy: admin.slice(0, 12) });
    expect(dataOf(await app.gql(VIEWER, {}, { token: result.secret })).viewer).toMatchObject({ organisationCode: insurer.uzovi, role: 'DASHBOARD' });
  });

  it('refuses an insurer admin a token for another insurer with FORBIDDEN, and creates nothing', async () => {
    // given
    const own = await app.factory.insurer();
    const competitor = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: own });
    // when
    const response = await app.gql(CREATE, { input: insurerInput(competitor, 'INSURER_ADMIN') }, { token: admin });
    // then
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.body.data).toBeNull();
    const listed = dataOf(await app.gql(LIST, { filter: { organisationCode: competitor.uzovi, includeRevoked: true } }));
    expect(listed.apiTokens.totalCount).toBe(0);
  });

  it('refuses an insurer admin a token for the operator or for a provider with FORBIDDEN', async () => {
    // given
    const own = await app.factory.insurer();
    const provider = await app.factory.provider();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: own });
    // when
    const asOperator = await app.gql(CREATE, { input: { organisationKind: 'OPERATOR', organisationCode: 'operator', role: 'OPERATOR_ADMIN', label: 'x' } }, { token: admin });
    const asProvider = await app.gql(CREATE, { input: { organisationKind: 'PROVIDER', organisationCode: provider.agb, role: 'PROVIDER_ADMIN', label: 'x' } }, { token: admin });
    // then
    expect(errorCodes(asOperator)).toEqual(['FORBIDDEN']);
    expect(errorCodes(asProvider)).toEqual(['FORBIDDEN']);
  });

  it.each(['INSURER_MEMBER', 'DASHBOARD'] as const)('refuses an insurer %s a token even for its own insurer with FORBIDDEN', async (role) => {
    // given
    const insurer = await app.factory.insurer();
    const token = await app.tokenFor({ role, insurer });
    // when
    const response = await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER') }, { token });
    // then
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('lets a provider admin create a token for its own provider, and not for another one', async () => {
    // given
    const own = await app.factory.provider();
    const other = await app.factory.provider();
    const admin = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: own });
    const input = (agb: string) => ({ organisationKind: 'PROVIDER', organisationCode: agb, role: 'PROVIDER_SUBMITTER', label: 'upload robot' });
    // when
    const allowed = dataOf(await app.gql(CREATE, { input: input(own.agb) }, { token: admin })).apiTokenCreate;
    const denied = await app.gql(CREATE, { input: input(other.agb) }, { token: admin });
    // then
    expect(allowed.userErrors).toEqual([]);
    expect(allowed.apiToken).toMatchObject({ organisationKind: 'PROVIDER', provider: { agb: own.agb }, role: 'PROVIDER_SUBMITTER' });
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['INSURER', 'PROVIDER_SUBMITTER'],
    ['INSURER', 'OPERATOR_ADMIN'],
    ['PROVIDER', 'INSURER_MEMBER'],
    ['OPERATOR', 'DASHBOARD'],
  ])('refuses role %s/%s with ROLE_NOT_FOR_ORGANISATION and creates nothing', async (kind, role) => {
    // given
    const code = kind === 'INSURER' ? (await app.factory.insurer()).uzovi : kind === 'PROVIDER' ? (await app.factory.provider()).agb : 'operator';
    // when
    const result = dataOf(await app.gql(CREATE, { input: { organisationKind: kind, organisationCode: code, role, label: 'x' } })).apiTokenCreate;
    // then
    expect(result.apiToken).toBeNull();
    expect(result.secret).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ['role'], code: 'ROLE_NOT_FOR_ORGANISATION' })]);
  });

  it('keeps an insurer admin from escalating to the operator role for its own insurer', async () => {
    // given
    const insurer = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer });
    // when
    const result = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'OPERATOR_ADMIN') }, { token: admin })).apiTokenCreate;
    // then
    expect(result.secret).toBeNull();
    expect(result.userErrors.map((e: any) => e.code)).toEqual(['ROLE_NOT_FOR_ORGANISATION']);
  });

  it.each([0, 366, -1])('refuses expiresInDays %d with INVALID_EXPIRY', async (expiresInDays) => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const result = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER', { expiresInDays }) })).apiTokenCreate;
    // then
    expect(result.apiToken).toBeNull();
    expect(result.secret).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ['expiresInDays'], code: 'INVALID_EXPIRY' })]);
  });

  it.each([
    ['   ', 'REQUIRED'],
    ['x'.repeat(201), 'TOO_LONG'],
  ])('refuses the label "%s" with %s', async (label, code) => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const result = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER', { label }) })).apiTokenCreate;
    // then
    expect(result.secret).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ['label'], code })]);
  });

  it('accepts the longest lifetime, 365 days', async () => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const result = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER', { expiresInDays: 365 }) })).apiTokenCreate;
    // then
    expect(result.userErrors).toEqual([]);
  });

  it.each([
    ['INSURER', '0001'],
    ['INSURER', 'not-a-code'],
    ['PROVIDER', '00000001'],
    ['OPERATOR', 'platform'],
  ])('refuses an unknown organisation %s "%s" with UNKNOWN_ORGANISATION', async (kind, code) => {
    // given
    const role = kind === 'INSURER' ? 'INSURER_MEMBER' : kind === 'PROVIDER' ? 'PROVIDER_SUBMITTER' : 'OPERATOR_ADMIN';
    // when
    const result = dataOf(await app.gql(CREATE, { input: { organisationKind: kind, organisationCode: code, role, label: 'x' } })).apiTokenCreate;
    // then
    expect(result.apiToken).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ['organisationCode'], code: 'UNKNOWN_ORGANISATION' })]);
  });

  it('returns a secret of 32 random bytes that works at once and is stored only as its SHA-256 hash', async () => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const created = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER') })).apiTokenCreate;
    const again = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER') })).apiTokenCreate;
    // then: the format carries a visible prefix and 43 base64url characters, i.e. 32 bytes
    const secret: string = created.secret;
    const match = SECRET_FORMAT.exec(secret);
    expect(match).not.toBeNull();
    expect(match![1]).toBe(created.apiToken.prefix);
    expect(Buffer.from(match![2], 'base64url')).toHaveLength(32);
    expect(again.secret).not.toBe(secret);
    expect(SECRET_FORMAT.exec(again.secret)![2]).not.toBe(match![2]);
    // then: it works at once
    expect(dataOf(await app.gql(VIEWER, {}, { token: secret })).viewer).toEqual({
      organisationKind: 'INSURER',
      organisationCode: insurer.uzovi,
      role: 'INSURER_MEMBER',
      subject: created.apiToken.prefix,
    });
    // then: the database holds the hash, never the secret or its random part
    const rows = await app.orm.em.getConnection().execute<Record<string, unknown>[]>('select * from api_token where prefix = ?', [created.apiToken.prefix]);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row.secret_hash).toBe(createHash('sha256').update(secret, 'utf8').digest('hex'));
    for (const value of Object.values(row)) {
      const text = value instanceof Date ? value.toISOString() : String(value);
      expect(text).not.toContain(match![2]);
      expect(text).not.toBe(secret);
    }
  });

  it('shows the secret only once: the ApiToken type has no secret field and lists show the prefix only', async () => {
    // given
    const insurer = await app.factory.insurer();
    const created = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER') })).apiTokenCreate;
    // when
    const schema = dataOf(await app.gql(getIntrospectionQuery()));
    const listed = await app.gql(LIST, { filter: { organisationCode: insurer.uzovi } });
    const viaNode = await app.gql(`query($id: ID!) { node(id: $id) { ... on ApiToken { ${TOKEN_FIELDS} } } }`, { id: created.apiToken.id });
    // then
    const apiTokenType = schema.__schema.types.find((t: any) => t.name === 'ApiToken');
    const fieldNames: string[] = apiTokenType.fields.map((f: any) => f.name);
    expect(fieldNames).toContain('prefix');
    expect(fieldNames.filter((n) => /secret|hash/i.test(n))).toEqual([]);
    expect(dataOf(listed).apiTokens.nodes).toEqual([expect.objectContaining({ prefix: created.apiToken.prefix })]);
    const randomPart = SECRET_FORMAT.exec(created.secret)![2];
    expect(JSON.stringify(listed.body)).not.toContain(randomPart);
    expect(JSON.stringify(viaNode.body)).not.toContain(randomPart);
    expect(dataOf(viaNode).node.prefix).toBe(created.apiToken.prefix);
  });

  it('sets lastUsedAt when the token is used', async () => {
    // given
    const insurer = await app.factory.insurer();
    const created = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER') })).apiTokenCreate;
    expect(created.apiToken.lastUsedAt).toBeNull();
    const before = Date.now();
    // when
    dataOf(await app.gql(VIEWER, {}, { token: created.secret }));
    // then
    const listed = dataOf(await app.gql(LIST, { filter: { organisationCode: insurer.uzovi } })).apiTokens.nodes;
    expect(listed).toHaveLength(1);
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect(Date.parse(listed[0].lastUsedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(listed[0].lastUsedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('apiTokenRevoke', () => {
  it('makes a token fail with 401 immediately', async () => {
    // given
    const insurer = await app.factory.insurer();
    const created = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER') })).apiTokenCreate;
    expect((await app.gql(VIEWER, {}, { token: created.secret })).status).toBe(200);
    // when
    const revoked = dataOf(await app.gql(REVOKE, { id: created.apiToken.id })).apiTokenRevoke;
    // then
    expect(revoked.userErrors).toEqual([]);
    expect(revoked.apiToken.revokedAt).not.toBeNull();
    const after = await app.gql(VIEWER, {}, { token: created.secret });
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });

  it('lets an insurer admin revoke its own insurer tokens', async () => {
    // given
    const insurer = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer });
    const created = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'DASHBOARD') }, { token: admin })).apiTokenCreate;
    // when
    const revoked = dataOf(await app.gql(REVOKE, { id: created.apiToken.id }, { token: admin })).apiTokenRevoke;
    // then
    expect(revoked.userErrors).toEqual([]);
    expect((await app.gql(VIEWER, {}, { token: created.secret })).status).toBe(401);
  });

  it('reports a revoke of another organisation token as NOT_FOUND, exactly like a token that does not exist, and leaves it working', async () => {
    // given
    const own = await app.factory.insurer();
    const competitor = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: own });
    const foreign = dataOf(await app.gql(CREATE, { input: insurerInput(competitor, 'INSURER_ADMIN') })).apiTokenCreate;
    // when
    const onForeign = dataOf(await app.gql(REVOKE, { id: foreign.apiToken.id }, { token: admin })).apiTokenRevoke;
    const onMissing = dataOf(await app.gql(REVOKE, { id: tokenId(2_000_000_000) }, { token: admin })).apiTokenRevoke;
    // then
    expect(onForeign.apiToken).toBeNull();
    expect(onForeign.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect(onForeign).toEqual(onMissing);
    expect((await app.gql(VIEWER, {}, { token: foreign.secret })).status).toBe(200);
  });

  it('reports a second revoke as ALREADY_REVOKED', async () => {
    // given
    const insurer = await app.factory.insurer();
    const created = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_MEMBER') })).apiTokenCreate;
    dataOf(await app.gql(REVOKE, { id: created.apiToken.id }));
    // when
    const again = dataOf(await app.gql(REVOKE, { id: created.apiToken.id })).apiTokenRevoke;
    // then
    expect(again.userErrors.map((e: any) => e.code)).toEqual(['ALREADY_REVOKED']);
  });

  it.each(['INSURER_MEMBER', 'DASHBOARD'] as const)('does not let an insurer %s revoke its own organisation tokens', async (role) => {
    // given
    const insurer = await app.factory.insurer();
    const token = await app.tokenFor({ role, insurer });
    const created = dataOf(await app.gql(CREATE, { input: insurerInput(insurer, 'INSURER_ADMIN') })).apiTokenCreate;
    // when
    const result = dataOf(await app.gql(REVOKE, { id: created.apiToken.id }, { token })).apiTokenRevoke;
    // then
    expect(result.apiToken).toBeNull();
    expect(result.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    expect((await app.gql(VIEWER, {}, { token: created.secret })).status).toBe(200);
  });
});

describe('apiTokens and node() on tokens', () => {
  it('lists only the insurer admin own organisation tokens, whatever the filter says', async () => {
    // given
    const own = await app.factory.insurer();
    const competitor = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: own });
    dataOf(await app.gql(CREATE, { input: insurerInput(own, 'DASHBOARD') }));
    dataOf(await app.gql(CREATE, { input: insurerInput(competitor, 'DASHBOARD') }));
    // when
    const plain = dataOf(await app.gql(LIST, {}, { token: admin })).apiTokens;
    const widened = dataOf(await app.gql(LIST, { filter: { organisationCode: competitor.uzovi, organisationKind: 'INSURER' } }, { token: admin })).apiTokens;
    const operatorOnly = dataOf(await app.gql(LIST, { filter: { organisationKind: 'OPERATOR' } }, { token: admin })).apiTokens;
    // then: the admin's own token and the dashboard token, nothing of the competitor or the operator
    for (const list of [plain, widened, operatorOnly]) {
      expect(list.totalCount).toBe(2);
      for (const t of list.nodes) expect(t).toMatchObject({ organisationKind: 'INSURER', insurer: { uzovi: own.uzovi } });
    }
  });

  it('lists every organisation for the operator admin', async () => {
    // given
    const a = await app.factory.insurer();
    const b = await app.factory.insurer();
    await app.tokenFor({ role: 'INSURER_MEMBER', insurer: a });
    await app.tokenFor({ role: 'INSURER_MEMBER', insurer: b });
    // when
    const forA = dataOf(await app.gql(LIST, { filter: { organisationCode: a.uzovi } })).apiTokens;
    const forB = dataOf(await app.gql(LIST, { filter: { organisationCode: b.uzovi } })).apiTokens;
    const all = dataOf(await app.gql(LIST, { filter: { organisationKind: 'INSURER' } })).apiTokens;
    // then
    expect(forA.nodes.map((t: any) => t.insurer.uzovi)).toEqual([a.uzovi]);
    expect(forB.nodes.map((t: any) => t.insurer.uzovi)).toEqual([b.uzovi]);
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
  });

  it('hides revoked tokens unless asked', async () => {
    // given
    const insurer = await app.factory.insurer();
    await app.tokenFor({ role: 'INSURER_MEMBER', insurer, revokedAt: new Date() });
    await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    // when
    const active = dataOf(await app.gql(LIST, { filter: { organisationCode: insurer.uzovi } })).apiTokens;
    const all = dataOf(await app.gql(LIST, { filter: { organisationCode: insurer.uzovi, includeRevoked: true } })).apiTokens;
    // then
    expect(active.totalCount).toBe(1);
    expect(all.totalCount).toBe(2);
  });

  it('returns null for node() on another organisation token and the token for its own', async () => {
    // given
    const own = await app.factory.insurer();
    const competitor = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: own });
    const ownToken = dataOf(await app.gql(CREATE, { input: insurerInput(own, 'DASHBOARD') })).apiTokenCreate.apiToken;
    const foreignToken = dataOf(await app.gql(CREATE, { input: insurerInput(competitor, 'DASHBOARD') })).apiTokenCreate.apiToken;
    const query = `query($id: ID!) { node(id: $id) { id ... on ApiToken { prefix } } }`;
    // when
    const onOwn = dataOf(await app.gql(query, { id: ownToken.id }, { token: admin }));
    const onForeign = await app.gql(query, { id: foreignToken.id }, { token: admin });
    const onMissing = await app.gql(query, { id: tokenId(2_000_000_000) }, { token: admin });
    // then
    expect(onOwn.node).toEqual({ id: ownToken.id, prefix: ownToken.prefix });
    expect(onForeign.body).toEqual({ ...onMissing.body, extensions: onForeign.body.extensions });
    expect(dataOf(onForeign).node).toBeNull();
  });
});

describe('token CLI', () => {
  function capture(): CliIo & { lines: string[]; errors: string[] } {
    const lines: string[] = [];
    const errors: string[] = [];
    return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
  }

  it('creates a token that works, lists it and revokes it', async () => {
    // given
    const io = capture();
    // when: create
    const created = await runCli(['token', 'create', '--org', '3311', '--role', 'INSURER_MEMBER', '--label', 'cli test'], io, testConfig());
    // then
    expect(created).toBe(0);
    const secret = io.lines[io.lines.length - 1];
    const match = SECRET_FORMAT.exec(secret);
    expect(match).not.toBeNull();
    const prefix = match![1];
    expect(io.lines[0]).toContain(prefix);
    expect(dataOf(await app.gql(VIEWER, {}, { token: secret })).viewer).toEqual({
      organisationKind: 'INSURER',
      organisationCode: '3311',
      role: 'INSURER_MEMBER',
      subject: prefix,
    });

    // when: list
    const listIo = capture();
    expect(await runCli(['token', 'list', '--org', '3311'], listIo, testConfig())).toBe(0);
    // then
    const row = listIo.lines.find((l) => l.startsWith(prefix));
    expect(row).toBeDefined();
    expect(row).toContain('INSURER_MEMBER');
    expect(row).toContain('active');
    expect(listIo.lines.join('\n')).not.toContain(match![2]);

    // when: revoke
    const revokeIo = capture();
    expect(await runCli(['token', 'revoke', prefix], revokeIo, testConfig())).toBe(0);
    // then
    expect(revokeIo.lines).toEqual([`revoked ${prefix}`]);
    expect((await app.gql(VIEWER, {}, { token: secret })).status).toBe(401);
  });

  it.each([
    ['a malformed --org', ['token', 'create', '--org', 'zk', '--role', 'INSURER_MEMBER'], /--org/],
    ['a missing --org', ['token', 'create', '--role', 'INSURER_MEMBER'], /usage/],
    ['an unknown --role', ['token', 'create', '--org', '3311', '--role', 'KING'], /--role must be one of/],
    ['a role of another kind of organisation', ['token', 'create', '--org', '3311', '--role', 'PROVIDER_SUBMITTER'], /PROVIDER_SUBMITTER is not a role/],
    ['an unknown UZOVI code', ['token', 'create', '--org', '0001', '--role', 'INSURER_MEMBER'], /0001/],
    ['an unknown prefix to revoke', ['token', 'revoke', 'zix_NoSuchOn'], /No token/],
  ])('refuses %s with a CliError that says what is wrong', async (_what, argv, message) => {
    // given
    const io = capture();
    // when
    const run = runCli(argv, io, testConfig());
    // then
    await expect(run).rejects.toBeInstanceOf(CliError);
    await expect(run).rejects.toThrow(message);
    expect(io.lines.join('\n')).not.toMatch(/zix_[A-Za-z0-9]{8}_/);
  });

  it('creates no token when the CLI refuses the input', async () => {
    // given
    const insurer = await app.factory.insurer();
    const io = capture();
    // when
    await expect(runCli(['token', 'create', '--org', insurer.uzovi, '--role', 'OPERATOR_ADMIN'], io, testConfig())).rejects.toBeInstanceOf(CliError);
    // then
    const listed = dataOf(await app.gql(LIST, { filter: { organisationCode: insurer.uzovi, includeRevoked: true } }));
    expect(listed.apiTokens.totalCount).toBe(0);
  });
});
