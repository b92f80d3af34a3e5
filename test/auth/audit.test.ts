import { GraphQLNamedType, GraphQLObjectType, getNamedType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { useTestApp, testConfig, dataOf, errorCodes } from '../support/app';
import { getSchema } from '../../src/graphql/schema';
import { runCli } from '../../src/cli/main';
import { CliError } from '../../src/cli/commands';
import { startTestIssuer, TestIssuer } from './oidc-issuer';
import { ProviderKind } from '../../src/provider/provider.entity';

let idp: TestIssuer;
const app = useTestApp({
  before: async () => {
    idp = await startTestIssuer();
  },
  env: () => ({
    OIDC_JWKS_URL: idp.jwksUrl,
    OIDC_ISSUER: idp.issuer,
    OIDC_AUDIENCE: idp.audience,
    // Budgets are the subject of rate-limit.test.ts; reading the log page by page must not run into them.
    RATE_LIMIT_OPERATOR_ADMIN: '100000000',
  }),
  after: () => idp.close(),
});

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const prefixOf = (token: string) => token.slice(0, 12);

interface AuditEventView {
  id: string;
  occurredAt: string;
  requestId: string;
  kind: string;
  organisationKind: string;
  organisationCode: string;
  subject: string;
  operation: string;
  objectIds: string[];
  outcome: string;
}

const EVENTS = `query($filter: AuditEventFilter, $after: String) {
  auditEvents(first: 50, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id occurredAt requestId kind organisationKind organisationCode subject operation objectIds outcome }
  }
}`;

/** Every event the operator admin sees under a filter, all pages. */
async function events(filter: Record<string, unknown>): Promise<AuditEventView[]> {
  const all: AuditEventView[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = dataOf(await app.gql(EVENTS, { filter, after })).auditEvents;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

/** The one event a request caused, found by its request id among the events of an operation. */
async function eventOf(requestId: string, operation: string, since: Date): Promise<AuditEventView> {
  await app.flushAudit();
  const found = (await events({ operation, since: since.toISOString() })).filter((e) => e.requestId === requestId);
  expect(found).toHaveLength(1);
  return found[0];
}

let sequence = 0;
const requestId = (what: string) => `audit-${what}-${process.pid}-${++sequence}`;

describe('audit entries of mutations', () => {
  it('records a successful mutation: organisation, subject, operation, object ids, outcome and the request id', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const concern = await app.factory.concern();
    const uzovi = await app.factory.uzovi();
    const id = requestId('success');
    // when
    const response = await app.gql(
      `mutation($i: InsurerCreateInput!) { insurerCreate(input: $i) { insurer { id } userErrors { code } } }`,
      { i: { uzovi, name: 'Audited Zorg', concernCode: concern.code } },
      { headers: { 'x-request-id': id } },
    );
    // then
    expect(response.headers.get('x-request-id')).toBe(id);
    const insurerId = dataOf(response).insurerCreate.insurer.id;
    const event = await eventOf(id, 'insurerCreate', since);
    expect(event).toMatchObject({
      kind: 'MUTATION',
      organisationKind: 'OPERATOR',
      organisationCode: 'operator',
      subject: prefixOf(app.operatorToken),
      operation: 'insurerCreate',
      objectIds: [insurerId],
      outcome: 'SUCCESS',
      requestId: id,
    });
    expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(since.getTime());
    expect(Date.parse(event.occurredAt)).toBeLessThanOrEqual(Date.now());
  });

  it('records the organisation and token prefix of an insurer admin, and the ids of the objects it changed', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const insurer = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer });
    const policy = await app.factory.policy(insurer, await app.factory.segment(), 2027);
    const policyId = gid('PurchasingPolicy', policy.id);
    const id = requestId('insurer-admin');
    // when
    const response = await app.gql(
      `mutation($i: PurchasingPolicyUpdateInput!) { purchasingPolicyUpdate(input: $i) { purchasingPolicy { id } userErrors { code } } }`,
      { i: { id: policyId, title: 'Audited title' } },
      { token: admin, headers: { 'x-request-id': id } },
    );
    // then
    expect(dataOf(response).purchasingPolicyUpdate.userErrors).toEqual([]);
    expect(await eventOf(id, 'purchasingPolicyUpdate', since)).toMatchObject({
      organisationKind: 'INSURER',
      organisationCode: insurer.uzovi,
      subject: prefixOf(admin),
      objectIds: [policyId],
      outcome: 'SUCCESS',
    });
  });

  it('records a mutation refused with userErrors as REJECTED, with the id of the object it named', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const insurer = await app.factory.insurer();
    const insurerId = gid('Insurer', insurer.id);
    const id = requestId('rejected');
    // when
    const response = await app.gql(
      `mutation($i: InsurerUpdateInput!) { insurerUpdate(input: $i) { insurer { id } userErrors { code } } }`,
      { i: { id: insurerId, uzovi: '3311' } },
      { headers: { 'x-request-id': id } },
    );
    // then
    expect(dataOf(response).insurerUpdate.userErrors.map((e: any) => e.code)).toEqual(['DUPLICATE_UZOVI']);
    expect(await eventOf(id, 'insurerUpdate', since)).toMatchObject({ outcome: 'REJECTED', objectIds: [insurerId], organisationKind: 'OPERATOR' });
  });

  it('records a mutation refused with FORBIDDEN as DENIED, with the organisation and token that tried', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const insurer = await app.factory.insurer();
    const member = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    const id = requestId('denied');
    // when
    const response = await app.gql(
      `mutation($i: InsurerCreateInput!) { insurerCreate(input: $i) { insurer { id } userErrors { code } } }`,
      { i: { uzovi: await app.factory.uzovi(), name: 'Not allowed', concernCode: 'ACHMEA' } },
      { token: member, headers: { 'x-request-id': id } },
    );
    // then
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await eventOf(id, 'insurerCreate', since)).toMatchObject({
      kind: 'MUTATION',
      organisationKind: 'INSURER',
      organisationCode: insurer.uzovi,
      subject: prefixOf(member),
      outcome: 'DENIED',
      objectIds: [],
    });
  });

  it("records an insurer admin's attempt on a competitor's policy as DENIED with the policy id", async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const own = await app.factory.insurer();
    const competitor = await app.factory.insurer();
    const admin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: own });
    const policyId = gid('PurchasingPolicy', (await app.factory.policy(competitor, await app.factory.segment(), 2027)).id);
    const id = requestId('denied-foreign');
    // when
    const response = await app.gql(
      `mutation($i: PurchasingPolicyUpdateInput!) { purchasingPolicyUpdate(input: $i) { purchasingPolicy { id } userErrors { code } } }`,
      { i: { id: policyId, title: 'Hijacked' } },
      { token: admin, headers: { 'x-request-id': id } },
    );
    // then
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await eventOf(id, 'purchasingPolicyUpdate', since)).toMatchObject({ organisationCode: own.uzovi, outcome: 'DENIED', objectIds: [policyId] });
  });

  it('uses the generated request id of the x-request-id response header when the client sends none or an unusable one', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const mutation = `mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id } userErrors { code } } }`;
    // when
    const without = await app.gql(mutation, { i: { code: `AUD_${await app.factory.nextNumber()}`, name: 'no id' } });
    const unusable = await app.gql(mutation, { i: { code: `AUD_${await app.factory.nextNumber()}`, name: 'bad id' } }, { headers: { 'x-request-id': 'spaces and ; semicolons' } });
    // then
    for (const response of [without, unusable]) {
      const header = response.headers.get('x-request-id')!;
      expect(header).toMatch(/^[0-9a-f-]{36}$/);
      expect((await eventOf(header, 'concernCreate', since)).objectIds).toEqual([dataOf(response).concernCreate.concern.id]);
    }
  });

  it('records the JWT subject of an OIDC principal', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const subject = `${'long-subject-'.repeat(15)}`.padEnd(200, 'x');
    const jwt = await idp.sign({ org: 'operator', role: 'OPERATOR_ADMIN', sub: subject });
    const id = requestId('jwt');
    // when
    const response = await app.gql(
      `mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id } userErrors { code } } }`,
      { i: { code: `JWT_${await app.factory.nextNumber()}`, name: 'by a person' } },
      { token: jwt, headers: { 'x-request-id': id } },
    );
    // then
    expect(dataOf(response).concernCreate.userErrors).toEqual([]);
    expect(await eventOf(id, 'concernCreate', since)).toMatchObject({ organisationKind: 'OPERATOR', subject, outcome: 'SUCCESS' });
  });

  it('records every mutation of the schema, whatever its outcome', async () => {
    // given: an input for each mutation that the API refuses with user errors
    const nope = 'bm9wZQ';
    const inputs: Record<string, Record<string, unknown>> = {
      apiTokenCreate: { organisationKind: 'INSURER', organisationCode: '0001', role: 'INSURER_MEMBER', label: 'x' },
      apiTokenRevoke: { id: gid('ApiToken', 2_000_000_000) },
      concernCreate: { code: 'not a code', name: 'x' },
      concernUpdate: { id: nope, name: 'x' },
      insurerCreate: { uzovi: '1', name: 'x', concernCode: 'NO_SUCH_CONCERN' },
      insurerUpdate: { id: nope, name: 'x' },
      marketShareSet: { insurerUzovi: '0001', regionCode: 'nope', year: 2026, sharePercent: '1' },
      policyMilestoneCreate: { policyId: nope, date: '2026-01-01', kind: 'OTHER', description: 'x' },
      policyMilestoneUpdate: { id: nope, description: 'x' },
      providerCreate: { agb: '1', kvk: '1', name: 'x', kind: 'HOSPITAL' },
      providerUpdate: { id: nope, name: 'x' },
      purchasingPolicyCreate: { insurerUzovi: '0001', segmentCode: 'NOPE', firstYear: 2027, contractTermYears: 1, publishedOn: '2026-04-01', title: 'x', sourceDocument: 'x' },
      purchasingPolicyUpdate: { id: nope, title: 'x' },
      regionCreate: { kind: 'AMBULANCE', code: 'not a code!', name: 'x' },
      regionUpdate: { id: nope, name: 'x' },
      segmentCreate: { code: 'not a code', name: 'x' },
      segmentUpdate: { id: nope, name: 'x' },
      representationAgreementCreate: { segmentCode: 'NOPE', regionCode: 'nope', year: 2026, leadInsurerUzovi: '0001' },
      representationAgreementUpdate: { id: nope, notes: 'x' },
      contractCreate: { providerAgb: '1', segmentCode: 'NOPE', termStart: '2026-01-01', termEnd: '2026-12-31', tariffBasis: 'OTHER', ceilingKind: 'NONE' },
      contractUpdate: { id: nope, obligations: 'x' },
      contractStatusChange: { id: nope, status: 'SIGNED' },
      contractRevenueReport: { contractId: nope, periodKind: 'MONTH', year: 2026, number: 1, amount: '1' },
      monitoringUploadStart: { filename: 'x'.repeat(300) },
      monitoringUploadCommit: { uploadId: nope },
      sustainabilityAnswerSubmit: { providerAgb: '00000000', year: 2025, answers: [] },
      monitoringSubmissionSubmit: { id: nope },
      monitoringSubmissionAccept: { id: nope },
      monitoringSubmissionReject: { id: nope, reason: 'x' },
      monitoringSubmissionReopen: { id: nope, reason: 'x' },
      monitoringDeadlineSet: { year: 1999, dueOn: '2000-03-31' },
      coordinationConditionRecord: { coordinationFunctionId: nope, year: 2024, condition: 'CASE_TABLES', met: true, evidenceNote: 'x', evidenceDate: '2024-01-01' },
      coordinationSignatoriesSet: { coordinationFunctionId: nope, year: 2024, signatories: [] },
      providerElvBedsSet: { providerId: nope, beds: 1 },
      kpiProposalCreate: { insurerUzovi: '0001', year: 2026, code: 'not a code', name: 'x', description: 'x', direction: 'HIGHER_IS_BETTER', scoring: 'PROPORTION', targetValue: '1', numeratorDescription: 'x', denominatorDescription: 'x' },
      kpiProposalReview: { id: nope, decision: 'APPROVE' },
      kpiTargetCreate: { insurerUzovi: '0001', providerAgb: '1', kpiCode: 'NOPE', year: 2026 },
      kpiTargetUpdate: { id: nope, targetValue: '1' },
      kpiMeasurementSubmit: { kpiCode: 'NOPE', period: { kind: 'YEAR', year: 2024 }, physicalContacts: 1 },
      kpiMeasurementsSubmit: { rows: [] },
      // Ceiling procedures are the contract parties' only: the operator finds none (seeds 003, 004).
      ceilingProcedureOpen: { contractId: nope, year: 2026 },
      ceilingProcedureUpdate: { id: nope, explanation: 'x' },
      ceilingProcedureSubmit: { id: nope },
      ceilingProcedureRecordMeeting: { id: nope, meetingOn: '2026-01-01' },
      ceilingProcedureRecordInformationComplete: { id: nope, informationCompleteOn: '2026-01-01' },
      ceilingProcedureDecide: { id: nope, decision: 'NO_ADDITIONAL_AGREEMENT', note: 'x' },
    };
    // A file upload is a multipart request, not JSON: test/monitoring/upload.test.ts checks its audit entries.
    const multipart = ['monitoringUpload', 'sustainabilityAnswerUpload'];
    // Contracts are confidential to their parties and the operator is not one: an insurer tries to create one.
    const insurerToken = await app.factory.insurer().then((insurer) => app.tokenFor({ role: 'INSURER_MEMBER', insurer }));
    const asInsurer = new Set(['contractCreate', 'kpiProposalReview', 'kpiTargetCreate', 'kpiTargetUpdate']);
    // Only a coordination function uploads monitoring files; KPI figures and proposals are a hospital's to submit.
    const coordinationToken = await app.factory.provider({ kind: ProviderKind.COORDINATION_FUNCTION }).then((provider) => app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider }));
    const hospitalToken = await app.factory.provider().then((provider) => app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider }));
    const asCoordination = new Set(['monitoringUploadStart', 'monitoringUploadCommit']);
    const asHospital = new Set(['kpiProposalCreate', 'kpiMeasurementSubmit', 'kpiMeasurementsSubmit']);
    const asProvider = new Set([...asCoordination, ...asHospital]);
    const providerTokenFor = (name: string) => (asCoordination.has(name) ? coordinationToken : hospitalToken);
    const mutationType = (await getSchema()).getMutationType()!;
    // A new mutation must be added above, so that its audit entry is tested too.
    expect(Object.keys(mutationType.getFields()).sort()).toEqual([...Object.keys(inputs), ...multipart].sort());
    const since = new Date(Date.now() - 1000);
    for (const [name, input] of Object.entries(inputs)) {
      const inputType = String(mutationType.getFields()[name].args.find((a) => a.name === 'input')!.type);
      const id = requestId(name);
      // when
      const token = asInsurer.has(name) ? insurerToken : asProvider.has(name) ? providerTokenFor(name) : undefined;
      const response = await app.gql(`mutation($i: ${inputType}) { ${name}(input: $i) { userErrors { code } } }`, { i: input }, { token, headers: { 'x-request-id': id } });
      // then
      expect(dataOf(response)[name].userErrors.length).toBeGreaterThan(0);
      const organisationKind = asInsurer.has(name) ? 'INSURER' : asProvider.has(name) ? 'PROVIDER' : 'OPERATOR';
      expect(await eventOf(id, name, since)).toMatchObject({ kind: 'MUTATION', operation: name, outcome: 'REJECTED', organisationKind });
    }
  });
});

describe('audit entries of the CLI', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  };

  it('records a token created and revoked with the CLI as CLI events of the operator', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    const io = capture();
    // when
    await runCli(['token', 'create', '--org', '3311', '--role', 'DASHBOARD', '--label', 'audit cli'], io, testConfig());
    const prefix = /^(zix_[A-Za-z0-9]{8})_/.exec(io.lines[io.lines.length - 1])![1];
    await runCli(['token', 'revoke', prefix], capture(), testConfig());
    // then
    const token = dataOf(await app.gql(`query { apiTokens(first: 50, filter: { organisationCode: "3311", includeRevoked: true }) { nodes { id prefix } } }`)).apiTokens.nodes.find(
      (t: any) => t.prefix === prefix,
    );
    const recorded = await events({ kind: 'CLI', objectId: token.id, since: since.toISOString() });
    expect(recorded.map((e) => e.operation).sort()).toEqual(['token create', 'token revoke']);
    for (const e of recorded) {
      expect(e).toMatchObject({ kind: 'CLI', organisationKind: 'OPERATOR', organisationCode: 'operator', outcome: 'SUCCESS', objectIds: [token.id] });
      expect(e.subject).toMatch(/^cli:/);
      expect(e.requestId).toMatch(/^cli-/);
    }
  });

  it('records a refused CLI command as REJECTED', async () => {
    // given
    const since = new Date(Date.now() - 1000);
    // when
    await expect(runCli(['token', 'create', '--org', '0001', '--role', 'INSURER_MEMBER'], capture(), testConfig())).rejects.toBeInstanceOf(CliError);
    const until = new Date(Date.now() + 1);
    // then
    const recorded = await events({ kind: 'CLI', operation: 'token create', outcome: 'REJECTED', since: since.toISOString(), until: until.toISOString() });
    expect(recorded.length).toBeGreaterThanOrEqual(1);
    for (const e of recorded) expect(e).toMatchObject({ organisationKind: 'OPERATOR', objectIds: [] });
  });
});

describe('the audit log is append-only', () => {
  async function someEvent(): Promise<string> {
    await app.gql(`mutation { concernCreate(input: { code: "AUD_${await app.factory.nextNumber()}", name: "x" }) { userErrors { code } } }`);
    await app.flushAudit();
    const [row] = await app.orm.em.getConnection().execute<{ id: string }[]>('select max(id)::text as id from audit_event');
    return row.id;
  }

  it.each([
    ['update', (id: string) => `update audit_event set outcome = 'DENIED', subject = 'someone else' where id = ${id}`],
    ['delete', (id: string) => `delete from audit_event where id = ${id}`],
    ['truncate', () => 'truncate audit_event'],
  ])('refuses a direct SQL %s in the database', async (_what, sql) => {
    // given
    const id = await someEvent();
    const before = await app.orm.em.getConnection().execute(`select * from audit_event where id = ${id}`);
    // when
    const attempt = app.orm.em.getConnection().execute(sql(id));
    // then
    await expect(attempt).rejects.toThrow(/append-only/);
    expect(await app.orm.em.getConnection().execute(`select * from audit_event where id = ${id}`)).toEqual(before);
  });

  it('has no mutation in the schema that touches audit events', async () => {
    // given
    const schema = await getSchema();
    const mutations = Object.values(schema.getMutationType()!.getFields());
    // when: every type a mutation can return, followed through fields, interfaces and unions
    const reachable = new Set<string>();
    const visit = (type: GraphQLNamedType): void => {
      if (reachable.has(type.name)) return;
      reachable.add(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
        if (isInterfaceType(type)) for (const impl of schema.getPossibleTypes(type)) visit(impl as GraphQLObjectType);
      }
      if (isUnionType(type)) for (const member of type.getTypes()) visit(member);
    };
    for (const m of mutations) visit(getNamedType(m.type));
    // then
    expect(mutations.filter((m) => /audit/i.test(`${m.name} ${m.description ?? ''}`))).toEqual([]);
    expect([...reachable].filter((name) => /audit/i.test(name))).toEqual([]);
    for (const m of mutations) for (const arg of m.args) expect(String(arg.type)).not.toMatch(/audit/i);
  });
});

describe('reading the audit log', () => {
  it('filters by operation, outcome, kind, object id and time window', async () => {
    // given: two audited mutations with a known instant between them
    const start = new Date(Date.now() - 1000);
    const create = (code: string) =>
      app.gql(`mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id } userErrors { code } } }`, { i: { code, name: 'filter test' } });
    const first = dataOf(await create(`FLT_${await app.factory.nextNumber()}`)).concernCreate.concern.id;
    await app.flushAudit();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const middle = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = dataOf(await create(`FLT_${await app.factory.nextNumber()}`)).concernCreate.concern.id;
    await app.flushAudit();
    const objectsOf = async (filter: Record<string, unknown>) => (await events(filter)).flatMap((e) => e.objectIds);
    // when / then
    expect(await objectsOf({ operation: 'concernCreate', since: start.toISOString() })).toEqual(expect.arrayContaining([first, second]));
    expect(await objectsOf({ objectId: first })).toEqual([first]);
    expect(await objectsOf({ objectId: first, outcome: 'SUCCESS', kind: 'MUTATION', operation: 'concernCreate' })).toEqual([first]);
    expect(await objectsOf({ objectId: first, outcome: 'REJECTED' })).toEqual([]);
    expect(await objectsOf({ objectId: first, kind: 'CLI' })).toEqual([]);
    expect(await objectsOf({ objectId: first, operation: 'insurerCreate' })).toEqual([]);
    const late = await objectsOf({ operation: 'concernCreate', since: middle.toISOString() });
    expect(late).toContain(second);
    expect(late).not.toContain(first);
    const early = await objectsOf({ operation: 'concernCreate', since: start.toISOString(), until: middle.toISOString() });
    expect(early).toContain(first);
    expect(early).not.toContain(second);
  });

  it('lists newest first and pages without overlap', async () => {
    // given
    const start = new Date(Date.now() - 1000);
    for (let i = 0; i < 3; i += 1) {
      await app.gql(`mutation { segmentCreate(input: { code: "PAGE_${await app.factory.nextNumber()}", name: "x" }) { userErrors { code } } }`);
    }
    await app.flushAudit();
    // when
    const page1 = dataOf(await app.gql(`query($s: DateTime) { auditEvents(first: 2, filter: { operation: "segmentCreate", since: $s }) { nodes { id occurredAt } pageInfo { endCursor } } }`, { s: start.toISOString() })).auditEvents;
    const page2 = dataOf(
      await app.gql(`query($s: DateTime, $a: String) { auditEvents(first: 2, after: $a, filter: { operation: "segmentCreate", since: $s }) { nodes { id occurredAt } } }`, {
        s: start.toISOString(),
        a: page1.pageInfo.endCursor,
      }),
    ).auditEvents;
    // then
    const times = [...page1.nodes, ...page2.nodes].map((n: any) => Date.parse(n.occurredAt));
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const ids = [...page1.nodes, ...page2.nodes].map((n: any) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
