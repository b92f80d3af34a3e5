/**
 * Every row of the authorization policy (src/auth/access-policy.ts, POLICY), both ways, through HTTP: for each row the
 * roles that may take the action succeed and every other role is refused, with nothing written.
 */
import { useTestApp, GqlResponse, dataOf, errorCodes } from '../support/app';
import { POLICY } from '../../src/auth/access-policy';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

// Budgets are the subject of rate-limit.test.ts; these tests send many requests per credential.
const app = useTestApp({ env: Object.fromEntries(['OPERATOR_ADMIN', 'INSURER_ADMIN', 'INSURER_MEMBER', 'PROVIDER_ADMIN', 'PROVIDER_SUBMITTER', 'DASHBOARD'].map((r) => [`RATE_LIMIT_${r}`, '100000000'])) });

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

type RoleName = 'OPERATOR_ADMIN' | 'INSURER_ADMIN' | 'INSURER_MEMBER' | 'INSURER_DASHBOARD' | 'PROVIDER_ADMIN' | 'PROVIDER_SUBMITTER' | 'PROVIDER_DASHBOARD';
const ALL_ROLES: RoleName[] = ['OPERATOR_ADMIN', 'INSURER_ADMIN', 'INSURER_MEMBER', 'INSURER_DASHBOARD', 'PROVIDER_ADMIN', 'PROVIDER_SUBMITTER', 'PROVIDER_DASHBOARD'];

interface World {
  insurer: Insurer;
  competitor: Insurer;
  provider: Provider;
  otherProvider: Provider;
  tokens: Record<RoleName, string>;
  /** Admin of the competitor insurer. */
  competitorAdmin: string;
}

/** A fresh insurer, competitor and provider with a token for every role; each test builds its own. */
async function world(): Promise<World> {
  const insurer = await app.factory.insurer();
  const competitor = await app.factory.insurer();
  const provider = await app.factory.provider();
  const otherProvider = await app.factory.provider();
  const tokens: Record<RoleName, string> = {
    OPERATOR_ADMIN: app.operatorToken,
    INSURER_ADMIN: await app.tokenFor({ role: 'INSURER_ADMIN', insurer }),
    INSURER_MEMBER: await app.tokenFor({ role: 'INSURER_MEMBER', insurer }),
    INSURER_DASHBOARD: await app.tokenFor({ role: 'DASHBOARD', insurer }),
    PROVIDER_ADMIN: await app.tokenFor({ role: 'PROVIDER_ADMIN', provider }),
    PROVIDER_SUBMITTER: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider }),
    PROVIDER_DASHBOARD: await app.tokenFor({ role: 'DASHBOARD', provider }),
  };
  return { insurer, competitor, provider, otherProvider, tokens, competitorAdmin: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: competitor }) };
}

function expectForbidden(response: GqlResponse): void {
  expect(response.status).toBe(200);
  expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  expect(response.body.data).toBeNull();
}

function expectSucceeded(response: GqlResponse, field: string): Record<string, any> {
  const payload = dataOf(response)[field];
  expect(payload.userErrors).toEqual([]);
  return payload;
}

/**
 * Rows of features that test them both ways in their own files: representation.write in
 * test/representation/agreements.test.ts; the contract rows in test/contract/visibility.test.ts (every reader
 * through list, node, nodes, nested fields and aliases) and test/contract/revenue.test.ts; the monitoring rows in
 * test/monitoring/visibility.test.ts (read, write, review, import.read), workflow.test.ts (reopen) and
 * completeness.test.ts (deadline.write, checklist.write, signatories.write);
 * the KPI rows in
 * test/kpi/kpi-targets.test.ts (kpi.target.*), test/kpi/kpi-measurements.test.ts (kpi.measurement.*),
 * test/kpi/kpi-catalogue.test.ts (kpi.proposal.*) and test/kpi/kpi-dashboard.test.ts (kpi.aggregate.read and the
 * per-provider rows), each through lists, node, nodes and aliases where the row guards a read;
 * the ceiling-procedure rows (ceiling.procedure.*) in test/ceiling-procedure/procedures.test.ts.
 */
const ROWS_TESTED_ELSEWHERE = [
  'representation.write',
  'contract.read',
  'contract.write',
  'contract.revenue.report',
  'contract.alerts.read',
  'monitoring.read',
  'monitoring.write',
  'monitoring.review',
  'monitoring.reopen',
  'monitoring.import.read',
  'monitoring.deadline.write',
  'coordination.checklist.write',
  'coordination.signatories.write',
  // test/sustainability/sustainability.test.ts
  'sustainability.read',
  'sustainability.answer',
  'sustainability.valueChain.read',
  'kpi.proposal.read',
  'kpi.proposal.create',
  'kpi.proposal.review',
  'kpi.target.read',
  'kpi.target.write',
  'kpi.measurement.read',
  'kpi.measurement.submit',
  'kpi.aggregate.read',
  'ceiling.procedure.read',
  'ceiling.procedure.write',
  'ceiling.procedure.answer',
];

it('covers every row of the policy table in this file, or names the file that does', () => {
  // A new row must get its tests here before this list is extended.
  expect(Object.keys(POLICY).sort()).toEqual(['audit.read', 'policy.write', 'reference.read', 'reference.write', 'token.manage', ...ROWS_TESTED_ELSEWHERE].sort());
});

describe('reference.read: any authenticated principal', () => {
  const READ_ALL = `query($uzovi: String!, $agb: String!, $segment: String!, $from: Date!, $insurerId: ID!) {
    insurers(first: 5) { totalCount }
    insurer(uzovi: $uzovi) { uzovi }
    concerns(first: 5) { totalCount }
    regions(first: 5) { totalCount }
    segments(first: 5) { totalCount }
    segment(code: $segment) { code }
    providers(first: 5) { totalCount }
    provider(agb: $agb) { agb }
    purchasingPolicies(first: 5, filter: { insurerUzovi: $uzovi }) { totalCount nodes { milestones { description } } }
    upcomingMilestones(from: $from, days: 30, insurer: $uzovi, first: 5) { totalCount }
    marketShares(first: 5) { totalCount }
    node(id: $insurerId) { id }
    viewer { role }
  }`;

  /** Reference data of every kind around a fresh world, and the variables that reach it. */
  async function givenReferenceData() {
    const w = await world();
    const segment = await app.factory.segment();
    const policy = await app.factory.policy(w.insurer, segment, 2027);
    await app.factory.milestone(policy, '2026-05-01');
    const region = await app.factory.region();
    await app.factory.marketShare(w.insurer, region, 2026, '10.00');
    const vars = { uzovi: w.insurer.uzovi, agb: w.provider.agb, segment: segment.code, from: '2026-04-20', insurerId: gid('Insurer', w.insurer.id) };
    return { w, vars };
  }

  it.each(ALL_ROLES)('lets %s read every kind of reference data', async (role) => {
    // given
    const { w, vars } = await givenReferenceData();
    // when
    const data = dataOf(await app.gql(READ_ALL, vars, { token: w.tokens[role] }));
    // then
    for (const list of ['insurers', 'concerns', 'regions', 'segments', 'providers', 'purchasingPolicies', 'upcomingMilestones', 'marketShares']) {
      expect(data[list].totalCount).toBeGreaterThanOrEqual(1);
    }
    expect(data.insurer.uzovi).toBe(vars.uzovi);
    expect(data.segment.code).toBe(vars.segment);
    expect(data.provider.agb).toBe(vars.agb);
    expect(data.purchasingPolicies.nodes[0].milestones).toHaveLength(1);
    expect(data.upcomingMilestones.totalCount).toBe(1);
    expect(data.node.id).toBe(vars.insurerId);
  });

  it('refuses the same reads without credentials with 401 and no data', async () => {
    // given
    const { vars } = await givenReferenceData();
    // when
    const response = await app.gql(READ_ALL, vars, { token: null });
    // then
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.body.data).toBeUndefined();
  });
});

/** A mutation case: how to send it, and whether its effect is in the database afterwards. */
interface WriteCase {
  field: string;
  query: string;
  variables: Record<string, unknown>;
  written: () => Promise<boolean>;
}

const op = (t?: string) => ({ token: t ?? app.operatorToken });

describe('reference.write: operator admin only', () => {
  const cases: Record<string, () => Promise<WriteCase>> = {
    insurerCreate: async () => {
      const concern = await app.factory.concern();
      const uzovi = await app.factory.uzovi();
      return {
        field: 'insurerCreate',
        query: `mutation($i: InsurerCreateInput!) { insurerCreate(input: $i) { insurer { id } userErrors { code } } }`,
        variables: { i: { uzovi, name: 'Policy Test Zorg', concernCode: concern.code } },
        written: async () => dataOf(await app.gql(`query($u: String!) { insurer(uzovi: $u) { id } }`, { u: uzovi }, op())).insurer !== null,
      };
    },
    insurerUpdate: async () => {
      const insurer = await app.factory.insurer();
      return {
        field: 'insurerUpdate',
        query: `mutation($i: InsurerUpdateInput!) { insurerUpdate(input: $i) { insurer { id } userErrors { code } } }`,
        variables: { i: { id: gid('Insurer', insurer.id), name: 'Renamed by policy test' } },
        written: async () => dataOf(await app.gql(`query($u: String!) { insurer(uzovi: $u) { name } }`, { u: insurer.uzovi }, op())).insurer.name === 'Renamed by policy test',
      };
    },
    concernCreate: async () => {
      const code = `POL_${await app.factory.nextNumber()}`;
      return {
        field: 'concernCreate',
        query: `mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id } userErrors { code } } }`,
        variables: { i: { code, name: 'Policy test concern' } },
        written: async () => dataOf(await app.gql(`query($c: String!) { concern(code: $c) { id } }`, { c: code }, op())).concern !== null,
      };
    },
    concernUpdate: async () => {
      const concern = await app.factory.concern();
      return {
        field: 'concernUpdate',
        query: `mutation($i: ConcernUpdateInput!) { concernUpdate(input: $i) { concern { id } userErrors { code } } }`,
        variables: { i: { id: gid('Concern', concern.id), name: 'Renamed concern' } },
        written: async () => dataOf(await app.gql(`query($c: String!) { concern(code: $c) { name } }`, { c: concern.code }, op())).concern.name === 'Renamed concern',
      };
    },
    regionCreate: async () => {
      const code = `P${await app.factory.nextNumber()}`;
      return {
        field: 'regionCreate',
        query: `mutation($i: RegionCreateInput!) { regionCreate(input: $i) { region { id } userErrors { code } } }`,
        variables: { i: { kind: 'AMBULANCE', code, name: 'Policy test region' } },
        written: async () => dataOf(await app.gql(`query($c: String!) { region(code: $c) { id } }`, { c: code }, op())).region !== null,
      };
    },
    regionUpdate: async () => {
      const region = await app.factory.region();
      return {
        field: 'regionUpdate',
        query: `mutation($i: RegionUpdateInput!) { regionUpdate(input: $i) { region { id } userErrors { code } } }`,
        variables: { i: { id: gid('Region', region.id), name: 'Renamed region' } },
        written: async () => dataOf(await app.gql(`query($c: String!) { region(code: $c) { name } }`, { c: region.code }, op())).region.name === 'Renamed region',
      };
    },
    segmentCreate: async () => {
      const code = `POL_${await app.factory.nextNumber()}`;
      return {
        field: 'segmentCreate',
        query: `mutation($i: SegmentCreateInput!) { segmentCreate(input: $i) { segment { id } userErrors { code } } }`,
        variables: { i: { code, name: 'Policy test segment' } },
        written: async () => dataOf(await app.gql(`query($c: String!) { segment(code: $c) { id } }`, { c: code }, op())).segment !== null,
      };
    },
    segmentUpdate: async () => {
      const segment = await app.factory.segment();
      return {
        field: 'segmentUpdate',
        query: `mutation($i: SegmentUpdateInput!) { segmentUpdate(input: $i) { segment { id } userErrors { code } } }`,
        variables: { i: { id: gid('Segment', segment.id), name: 'Renamed segment' } },
        written: async () => dataOf(await app.gql(`query($c: String!) { segment(code: $c) { name } }`, { c: segment.code }, op())).segment.name === 'Renamed segment',
      };
    },
    providerCreate: async () => {
      const agb = await app.factory.agb();
      return {
        field: 'providerCreate',
        query: `mutation($i: ProviderCreateInput!) { providerCreate(input: $i) { provider { id } userErrors { code } } }`,
        variables: { i: { agb, kvk: '12345678', name: 'Policy test hospital', kind: 'HOSPITAL' } },
        written: async () => dataOf(await app.gql(`query($a: String!) { provider(agb: $a) { id } }`, { a: agb }, op())).provider !== null,
      };
    },
    providerUpdate: async () => {
      const provider = await app.factory.provider();
      return {
        field: 'providerUpdate',
        query: `mutation($i: ProviderUpdateInput!) { providerUpdate(input: $i) { provider { id } userErrors { code } } }`,
        variables: { i: { id: gid('Provider', provider.id), name: 'Renamed provider' } },
        written: async () => dataOf(await app.gql(`query($a: String!) { provider(agb: $a) { name } }`, { a: provider.agb }, op())).provider.name === 'Renamed provider',
      };
    },
    marketShareSet: async () => {
      const insurer = await app.factory.insurer();
      const region = await app.factory.region();
      return {
        field: 'marketShareSet',
        query: `mutation($i: MarketShareSetInput!) { marketShareSet(input: $i) { marketShare { id } userErrors { code } } }`,
        variables: { i: { insurerUzovi: insurer.uzovi, regionCode: region.code, year: 2026, sharePercent: '12.5' } },
        written: async () =>
          dataOf(await app.gql(`query($r: String!) { marketShares(filter: { regionCode: $r }) { totalCount } }`, { r: region.code }, op())).marketShares.totalCount > 0,
      };
    },
  };
  const names = Object.keys(cases);

  it.each(names)('lets the operator admin %s', async (name) => {
    // given
    const c = await cases[name]();
    // when
    const response = await app.gql(c.query, c.variables);
    // then
    expectSucceeded(response, c.field);
    expect(await c.written()).toBe(true);
  });

  const denied: RoleName[] = ALL_ROLES.filter((r) => r !== 'OPERATOR_ADMIN');
  it.each(names.flatMap((name) => denied.map((role) => [name, role] as const)))('refuses %s to %s with FORBIDDEN and writes nothing', async (name, role) => {
    // given
    const w = await world();
    const c = await cases[name]();
    // when
    const response = await app.gql(c.query, c.variables, { token: w.tokens[role] });
    // then
    expectForbidden(response);
    expect(await c.written()).toBe(false);
  });
});

describe("policy.write: operator admin, or insurer admin of the policy's insurer", () => {
  type PolicyCase = (w: World, target: Insurer) => Promise<WriteCase>;
  const cases: Record<string, PolicyCase> = {
    purchasingPolicyCreate: async (_w, target) => {
      const segment = await app.factory.segment();
      return {
        field: 'purchasingPolicyCreate',
        query: `mutation($i: PurchasingPolicyCreateInput!) { purchasingPolicyCreate(input: $i) { purchasingPolicy { id } userErrors { code } } }`,
        variables: {
          i: { insurerUzovi: target.uzovi, segmentCode: segment.code, firstYear: 2027, contractTermYears: 1, publishedOn: '2026-04-01', title: 'Inkoopbeleid 2027', sourceDocument: 'beleid.pdf' },
        },
        written: async () =>
          dataOf(await app.gql(`query($u: String!, $s: String!) { purchasingPolicy(insurerUzovi: $u, segmentCode: $s, year: 2027) { id } }`, { u: target.uzovi, s: segment.code }, op()))
            .purchasingPolicy !== null,
      };
    },
    purchasingPolicyUpdate: async (_w, target) => {
      const segment = await app.factory.segment();
      const policy = await app.factory.policy(target, segment, 2027);
      return {
        field: 'purchasingPolicyUpdate',
        query: `mutation($i: PurchasingPolicyUpdateInput!) { purchasingPolicyUpdate(input: $i) { purchasingPolicy { id } userErrors { code } } }`,
        variables: { i: { id: gid('PurchasingPolicy', policy.id), title: 'Changed title' } },
        written: async () =>
          dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on PurchasingPolicy { title } } }`, { id: gid('PurchasingPolicy', policy.id) }, op())).node.title ===
          'Changed title',
      };
    },
    policyMilestoneCreate: async (_w, target) => {
      const policy = await app.factory.policy(target, await app.factory.segment(), 2027);
      return {
        field: 'policyMilestoneCreate',
        query: `mutation($i: PolicyMilestoneCreateInput!) { policyMilestoneCreate(input: $i) { policyMilestone { id } userErrors { code } } }`,
        variables: { i: { policyId: gid('PurchasingPolicy', policy.id), date: '2026-06-01', kind: 'OFFER', description: 'Offer deadline' } },
        written: async () =>
          dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on PurchasingPolicy { milestones { id } } } }`, { id: gid('PurchasingPolicy', policy.id) }, op())).node
            .milestones.length > 0,
      };
    },
    policyMilestoneUpdate: async (_w, target) => {
      const policy = await app.factory.policy(target, await app.factory.segment(), 2027);
      const milestone = await app.factory.milestone(policy, '2026-05-01');
      return {
        field: 'policyMilestoneUpdate',
        query: `mutation($i: PolicyMilestoneUpdateInput!) { policyMilestoneUpdate(input: $i) { policyMilestone { id } userErrors { code } } }`,
        variables: { i: { id: gid('PolicyMilestone', milestone.id), description: 'Moved deadline' } },
        written: async () =>
          dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on PolicyMilestone { description } } }`, { id: gid('PolicyMilestone', milestone.id) }, op())).node
            .description === 'Moved deadline',
      };
    },
  };
  const names = Object.keys(cases);

  it.each(names)('lets the operator admin %s for any insurer', async (name) => {
    // given
    const w = await world();
    const c = await cases[name](w, w.insurer);
    // when
    const response = await app.gql(c.query, c.variables);
    // then
    expectSucceeded(response, c.field);
    expect(await c.written()).toBe(true);
  });

  it.each(names)("lets an insurer admin %s for its own insurer", async (name) => {
    // given
    const w = await world();
    const c = await cases[name](w, w.insurer);
    // when
    const response = await app.gql(c.query, c.variables, { token: w.tokens.INSURER_ADMIN });
    // then
    expectSucceeded(response, c.field);
    expect(await c.written()).toBe(true);
  });

  it.each(names)('refuses an insurer admin %s for another insurer with FORBIDDEN and writes nothing', async (name) => {
    // given
    const w = await world();
    const c = await cases[name](w, w.competitor);
    // when
    const response = await app.gql(c.query, c.variables, { token: w.tokens.INSURER_ADMIN });
    // then
    expectForbidden(response);
    expect(await c.written()).toBe(false);
  });

  const denied: RoleName[] = ['INSURER_MEMBER', 'INSURER_DASHBOARD', 'PROVIDER_ADMIN', 'PROVIDER_SUBMITTER', 'PROVIDER_DASHBOARD'];
  it.each(names.flatMap((name) => denied.map((role) => [name, role] as const)))('refuses %s to %s with FORBIDDEN, even on its own insurer, and writes nothing', async (name, role) => {
    // given
    const w = await world();
    const c = await cases[name](w, w.insurer);
    // when
    const response = await app.gql(c.query, c.variables, { token: w.tokens[role] });
    // then
    expectForbidden(response);
    expect(await c.written()).toBe(false);
  });
});

const TOKEN_CREATE = `mutation($i: ApiTokenCreateInput!) { apiTokenCreate(input: $i) { apiToken { id prefix } secret userErrors { code } } }`;
const TOKEN_REVOKE = `mutation($id: ID!) { apiTokenRevoke(input: { id: $id }) { apiToken { id } userErrors { code } } }`;

type OrgKind = 'OPERATOR' | 'INSURER' | 'PROVIDER';
/** An organisation and a role that fits it: what a token is created for. */
type TokenTarget = [kind: OrgKind, code: string, role: string];

async function createTokenFor(kind: OrgKind, code: string, role: string): Promise<{ id: string; prefix: string; secret: string }> {
  const payload = dataOf(await app.gql(TOKEN_CREATE, { i: { organisationKind: kind, organisationCode: code, role, label: 'policy test' } })).apiTokenCreate;
  expect(payload.userErrors).toEqual([]);
  return { ...payload.apiToken, secret: payload.secret };
}

describe("token.manage: operator admin (any organisation), insurer or provider admin (own organisation)", () => {
  it('lets the operator admin create, list, read and revoke tokens of every kind of organisation', async () => {
    // given
    const w = await world();
    // when
    const created = [
      await createTokenFor('OPERATOR', 'operator', 'OPERATOR_ADMIN'),
      await createTokenFor('INSURER', w.insurer.uzovi, 'INSURER_MEMBER'),
      await createTokenFor('PROVIDER', w.provider.agb, 'PROVIDER_SUBMITTER'),
    ];
    const seen = dataOf(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: created.map((t) => t.id) })).nodes;
    const revoked = [];
    for (const t of created) revoked.push(dataOf(await app.gql(TOKEN_REVOKE, { id: t.id })).apiTokenRevoke);
    // then
    expect(seen.map((n: any) => n?.id)).toEqual(created.map((t) => t.id));
    for (const r of revoked) expect(r.userErrors).toEqual([]);
  });

  it.each([
    ['INSURER_ADMIN', 'INSURER', 'INSURER_MEMBER'],
    ['PROVIDER_ADMIN', 'PROVIDER', 'PROVIDER_SUBMITTER'],
  ] as const)('lets %s create, list, read and revoke tokens of its own organisation', async (adminRole, kind, role) => {
    // given
    const w = await world();
    const admin = w.tokens[adminRole];
    const code = kind === 'INSURER' ? w.insurer.uzovi : w.provider.agb;
    // when
    const created = dataOf(await app.gql(TOKEN_CREATE, { i: { organisationKind: kind, organisationCode: code, role, label: 'own' } }, { token: admin })).apiTokenCreate;
    const listed = dataOf(await app.gql(`{ apiTokens(first: 20) { nodes { id } } }`, {}, { token: admin })).apiTokens.nodes;
    const read = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: created.apiToken.id }, { token: admin })).node;
    const revoked = dataOf(await app.gql(TOKEN_REVOKE, { id: created.apiToken.id }, { token: admin })).apiTokenRevoke;
    // then
    expect(created.userErrors).toEqual([]);
    expect(listed.map((t: any) => t.id)).toContain(created.apiToken.id);
    expect(read).toEqual({ id: created.apiToken.id });
    expect(revoked.userErrors).toEqual([]);
  });

  it.each([
    ['INSURER_ADMIN', 'a competitor insurer', (w: World): TokenTarget => ['INSURER', w.competitor.uzovi, 'INSURER_MEMBER']],
    ['INSURER_ADMIN', 'a provider', (w: World): TokenTarget => ['PROVIDER', w.provider.agb, 'PROVIDER_SUBMITTER']],
    ['INSURER_ADMIN', 'the operator', (): TokenTarget => ['OPERATOR', 'operator', 'OPERATOR_ADMIN']],
    ['PROVIDER_ADMIN', 'another provider', (w: World): TokenTarget => ['PROVIDER', w.otherProvider.agb, 'PROVIDER_SUBMITTER']],
    ['PROVIDER_ADMIN', 'an insurer', (w: World): TokenTarget => ['INSURER', w.insurer.uzovi, 'INSURER_MEMBER']],
  ] as [RoleName, string, (w: World) => TokenTarget][])('refuses %s the tokens of %s: FORBIDDEN to create, NOT_FOUND to revoke, null to read, absent from lists', async (adminRole, _what, target) => {
    // given
    const w = await world();
    const admin = w.tokens[adminRole];
    const [kind, code, role] = target(w);
    const foreign = await createTokenFor(kind, code, role);
    // when
    const create = await app.gql(TOKEN_CREATE, { i: { organisationKind: kind, organisationCode: code, role, label: 'x' } }, { token: admin });
    const revoke = dataOf(await app.gql(TOKEN_REVOKE, { id: foreign.id }, { token: admin })).apiTokenRevoke;
    const read = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: foreign.id }, { token: admin })).node;
    const listed = dataOf(await app.gql(`{ apiTokens(first: 50, filter: { includeRevoked: true }) { nodes { id } } }`, {}, { token: admin })).apiTokens.nodes;
    // then
    expectForbidden(create);
    expect(revoke).toEqual({ apiToken: null, userErrors: [{ code: 'NOT_FOUND' }] });
    expect(read).toBeNull();
    expect(listed.map((t: any) => t.id)).not.toContain(foreign.id);
    expect((await app.gql(`{ viewer { role } }`, {}, { token: foreign.secret })).status).toBe(200);
  });

  it.each(['INSURER_MEMBER', 'INSURER_DASHBOARD', 'PROVIDER_SUBMITTER', 'PROVIDER_DASHBOARD'] as const)(
    'refuses %s every token operation, even on its own organisation',
    async (roleName) => {
      // given
      const w = await world();
      const token = w.tokens[roleName];
      const own: TokenTarget = roleName.startsWith('INSURER') ? ['INSURER', w.insurer.uzovi, 'INSURER_MEMBER'] : ['PROVIDER', w.provider.agb, 'PROVIDER_SUBMITTER'];
      const target = await createTokenFor(...own);
      // when
      const create = await app.gql(TOKEN_CREATE, { i: { organisationKind: own[0], organisationCode: own[1], role: own[2], label: 'x' } }, { token });
      const list = await app.gql(`{ apiTokens(first: 5) { nodes { id } } }`, {}, { token });
      const read = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: target.id }, { token })).node;
      const revoke = dataOf(await app.gql(TOKEN_REVOKE, { id: target.id }, { token })).apiTokenRevoke;
      // then
      expectForbidden(create);
      expectForbidden(list);
      expect(read).toBeNull();
      expect(revoke.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    },
  );
});

const EVENTS = `query($filter: AuditEventFilter) { auditEvents(first: 100, filter: $filter) { totalCount nodes { id operation organisationKind organisationCode objectIds outcome } } }`;

/** The audit trail of one world: events by the insurer, by the operator on the insurer, and by and on its competitor. */
async function auditTrail(w: World) {
  const since = new Date(Date.now() - 1000).toISOString();
  const byOwn = async (label: string) =>
    dataOf(
      await app.gql(TOKEN_CREATE, { i: { organisationKind: 'INSURER', organisationCode: w.insurer.uzovi, role: 'DASHBOARD', label } }, { token: w.tokens.INSURER_ADMIN }),
    ).apiTokenCreate.apiToken.id as string;
  const byOwnAdmin = await byOwn('own');
  const byOwnAdminAgain = await byOwn('own again');
  const byOperatorOnOwn = (await createTokenFor('INSURER', w.insurer.uzovi, 'INSURER_MEMBER')).id;
  const byOperatorOnCompetitor = (await createTokenFor('INSURER', w.competitor.uzovi, 'INSURER_MEMBER')).id;
  const byCompetitor = dataOf(
    await app.gql(TOKEN_CREATE, { i: { organisationKind: 'INSURER', organisationCode: w.competitor.uzovi, role: 'DASHBOARD', label: 'theirs' } }, { token: w.competitorAdmin }),
  ).apiTokenCreate.apiToken.id as string;
  await app.flushAudit();
  const eventOf = async (objectId: string) => {
    const nodes = dataOf(await app.gql(EVENTS, { filter: { objectId } })).auditEvents.nodes;
    expect(nodes).toHaveLength(1);
    return nodes[0].id as string;
  };
  return {
    since,
    ownObjects: [byOwnAdmin, byOwnAdminAgain],
    foreignObjects: [byOperatorOnCompetitor, byCompetitor],
    ownEvents: [await eventOf(byOwnAdmin), await eventOf(byOwnAdminAgain)],
    /** The operator's event on the insurer's data: not the insurer's own, so its admin does not read it. */
    othersOnOwnEvents: [await eventOf(byOperatorOnOwn)],
    foreignEvents: [await eventOf(byOperatorOnCompetitor), await eventOf(byCompetitor)],
  };
}

describe('audit.read: operator admin (all), insurer or provider admin (only what its own organisation performed)', () => {
  it('lets the operator admin read every event', async () => {
    // given
    const w = await world();
    const trail = await auditTrail(w);
    // when
    const events = dataOf(await app.gql(EVENTS, { filter: { operation: 'apiTokenCreate', since: trail.since } })).auditEvents.nodes;
    // then
    const ids = events.map((e: any) => e.id);
    for (const id of [...trail.ownEvents, ...trail.othersOnOwnEvents, ...trail.foreignEvents]) expect(ids).toContain(id);
  });

  it("lets an insurer admin read the events its own organisation performed, never the operator's or a competitor's", async () => {
    // given
    const w = await world();
    const trail = await auditTrail(w);
    // when
    const events = dataOf(await app.gql(EVENTS, { filter: { since: trail.since } }, { token: w.tokens.INSURER_ADMIN })).auditEvents.nodes;
    const byObject = dataOf(await app.gql(EVENTS, { filter: { objectId: trail.foreignObjects[0] } }, { token: w.tokens.INSURER_ADMIN })).auditEvents;
    // then
    expect(events.map((e: any) => e.id).sort()).toEqual([...trail.ownEvents].sort());
    for (const e of events) expect(e.objectIds.every((id: string) => trail.ownObjects.includes(id))).toBe(true);
    expect(events.find((e: any) => e.organisationCode === w.insurer.uzovi)).toBeDefined();
    expect(events.find((e: any) => e.organisationCode === 'operator')).toBeUndefined();
    expect(byObject).toEqual({ totalCount: 0, nodes: [] });
  });

  it('keeps an insurer events from a newer insurer that was given its old UZOVI code', async () => {
    // given: an insurer whose admin acted, then got a new code; its old code went to a new insurer
    const w = await world();
    const oldCode = w.insurer.uzovi;
    const theirToken = dataOf(
      await app.gql(TOKEN_CREATE, { i: { organisationKind: 'INSURER', organisationCode: oldCode, role: 'DASHBOARD', label: 'before' } }, { token: w.tokens.INSURER_ADMIN }),
    ).apiTokenCreate.apiToken.id;
    const renamed = dataOf(
      await app.gql(`mutation($i: InsurerUpdateInput!) { insurerUpdate(input: $i) { userErrors { code } } }`, { i: { id: gid('Insurer', w.insurer.id), uzovi: await app.factory.uzovi() } }),
    );
    expect(renamed.insurerUpdate.userErrors).toEqual([]);
    const concern = await app.factory.concern();
    const successor = dataOf(
      await app.gql(`mutation($i: InsurerCreateInput!) { insurerCreate(input: $i) { insurer { id } userErrors { code } } }`, {
        i: { uzovi: oldCode, name: 'Successor Zorg', concernCode: concern.code },
      }),
    ).insurerCreate;
    expect(successor.userErrors).toEqual([]);
    const successorAdmin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: { id: Number(Buffer.from(successor.insurer.id, 'base64url').toString().split(':')[1]) } });
    await app.flushAudit();
    // when
    const seen = dataOf(await app.gql(EVENTS, { filter: { objectId: theirToken } }, { token: successorAdmin })).auditEvents;
    const stillTheirs = dataOf(await app.gql(EVENTS, { filter: { objectId: theirToken } }, { token: w.tokens.INSURER_ADMIN })).auditEvents;
    // then
    expect(seen.totalCount).toBe(0);
    expect(stillTheirs.totalCount).toBe(1);
  });

  it('lets a provider admin read the events its own provider performed only', async () => {
    // given
    const w = await world();
    const since = new Date(Date.now() - 1000).toISOString();
    const own = dataOf(
      await app.gql(TOKEN_CREATE, { i: { organisationKind: 'PROVIDER', organisationCode: w.provider.agb, role: 'PROVIDER_SUBMITTER', label: 'own' } }, { token: w.tokens.PROVIDER_ADMIN }),
    ).apiTokenCreate.apiToken;
    const byOperator = await createTokenFor('PROVIDER', w.provider.agb, 'PROVIDER_SUBMITTER');
    const other = await createTokenFor('PROVIDER', w.otherProvider.agb, 'PROVIDER_SUBMITTER');
    await app.flushAudit();
    // when
    const events = dataOf(await app.gql(EVENTS, { filter: { since } }, { token: w.tokens.PROVIDER_ADMIN })).auditEvents.nodes;
    // then
    const objects = events.flatMap((e: any) => e.objectIds);
    expect(objects).toContain(own.id);
    expect(objects).not.toContain(byOperator.id);
    expect(objects).not.toContain(other.id);
    expect(new Set(events.map((e: any) => e.organisationCode))).toEqual(new Set([w.provider.agb]));
  });

  it.each(['INSURER_MEMBER', 'INSURER_DASHBOARD', 'PROVIDER_SUBMITTER', 'PROVIDER_DASHBOARD'] as const)('refuses %s the audit log with FORBIDDEN and hides its events from node()', async (role) => {
    // given
    const w = await world();
    const trail = await auditTrail(w);
    // when
    const list = await app.gql(EVENTS, {}, { token: w.tokens[role] });
    const read = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: trail.ownEvents[0] }, { token: w.tokens[role] })).node;
    // then
    expectForbidden(list);
    expect(read).toBeNull();
  });
});

describe('reaching foreign data through aliases, several root fields, batches and GET', () => {
  it('answers every alias and root field with only what the principal may see', async () => {
    // given
    const w = await world();
    const trail = await auditTrail(w);
    const query = `query($ownToken: ID!, $foreignToken: ID!, $ownEvent: ID!, $foreignEvent: ID!, $both: [ID!]!) {
      a: node(id: $ownToken) { id ... on ApiToken { prefix } }
      b: node(id: $foreignToken) { id ... on ApiToken { prefix } }
      c: nodes(ids: $both) { id }
      d: node(id: $ownEvent) { id ... on AuditEvent { operation } }
      e: node(id: $foreignEvent) { id ... on AuditEvent { operation } }
      mine: apiTokens(first: 50) { nodes { id } }
      theirs: apiTokens(first: 50, filter: { organisationCode: "${w.competitor.uzovi}" }) { nodes { id } }
      log: auditEvents(first: 50, filter: { objectId: $foreignToken }) { totalCount }
    }`;
    const vars = {
      ownToken: trail.ownObjects[0],
      foreignToken: trail.foreignObjects[0],
      ownEvent: trail.ownEvents[0],
      foreignEvent: trail.foreignEvents[0],
      both: [trail.ownObjects[0], trail.foreignObjects[0], trail.ownEvents[1], trail.foreignEvents[1]],
    };
    // when
    const response = await app.gql(query, vars, { token: w.tokens.INSURER_ADMIN });
    // then
    const data = dataOf(response);
    expect(data.a.id).toBe(trail.ownObjects[0]);
    expect(data.b).toBeNull();
    expect(data.c).toEqual([{ id: trail.ownObjects[0] }, null, { id: trail.ownEvents[1] }, null]);
    expect(data.d).toEqual({ id: trail.ownEvents[0], operation: 'apiTokenCreate' });
    expect(data.e).toBeNull();
    const mine = data.mine.nodes.map((n: any) => n.id);
    const theirs = data.theirs.nodes.map((n: any) => n.id);
    for (const id of trail.foreignObjects) {
      expect(mine).not.toContain(id);
      expect(theirs).not.toContain(id);
    }
    expect(data.log.totalCount).toBe(0);
    expect(JSON.stringify(response.body)).not.toContain(w.competitor.uzovi);
  });

  it('refuses a batched HTTP request (a JSON array of operations) without running any of them', async () => {
    // given
    const w = await world();
    const trail = await auditTrail(w);
    const code = `BATCH_${await app.factory.nextNumber()}`;
    const batch = [
      { query: `query($id: ID!) { node(id: $id) { id } }`, variables: { id: trail.foreignObjects[0] } },
      { query: `mutation { concernCreate(input: { code: "${code}", name: "batched" }) { concern { id } } }` },
    ];
    // when
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.operatorToken}` },
      body: JSON.stringify(batch),
    });
    // then
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, any>;
    expect(Array.isArray(body)).toBe(false);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(dataOf(await app.gql(`query($c: String!) { concern(code: $c) { id } }`, { c: code })).concern).toBeNull();
  });

  it('refuses a GET query that a browser could send cross-site, and any mutation over GET', async () => {
    // given
    const auth = { authorization: `Bearer ${app.operatorToken}` };
    const code = `GET_${await app.factory.nextNumber()}`;
    const get = (query: string, headers: Record<string, string>) => fetch(`${app.url}?query=${encodeURIComponent(query)}`, { headers });
    // when
    const plainQuery = await get(`{ viewer { role } }`, auth);
    const formPost = await fetch(app.url, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: JSON.stringify({ query: `{ viewer { role } }` }) });
    const mutation = await get(`mutation { concernCreate(input: { code: "${code}", name: "via GET" }) { concern { id } } }`, { ...auth, 'apollo-require-preflight': 'true' });
    // then
    expect(plainQuery.status).toBe(400);
    expect(((await plainQuery.json()) as Record<string, unknown>).data).toBeUndefined();
    expect(formPost.status).toBe(400);
    expect(((await formPost.json()) as Record<string, unknown>).data).toBeUndefined();
    expect(mutation.status).toBe(405);
    expect(dataOf(await app.gql(`query($c: String!) { concern(code: $c) { id } }`, { c: code })).concern).toBeNull();
  });
});
