import { useTestApp, dataOf, GqlResponse } from '../support/app';
import { gid } from '../factories/kpi';
import { csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';
import { RevenuePeriodKind } from '../../src/contract/contract-revenue.entity';
import { loadConfig } from '../../src/config';

/**
 * Finding 8 of issue 10: existence oracles. A forbidden object and a missing one must be indistinguishable: the same
 * body and, with statement counting switched on, the same number of SQL statements, for node(id), nodes(ids) and each
 * by-id or by-key root field of a confidential type. Statement counts are off unless switched on, in every mode.
 * Codes a user chooses reveal nothing either: a KPI proposal code lies in its hospital's namespace (H<id>_), so a clash
 * can only be with the hospital's own proposals.
 */
const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });
let ids: Record<string, string>;
let hospital: { agb: string };
let cf: { agb: string };
/** Providers are reference data: what must not show is whether one has a hidden object, so compare with one without. */
let cfWithout: { agb: string };
let hospitalWithout: { agb: string };
let viewer: string;
let hospitalToken: string;

const MISSING_NUMBER = 2_000_000_000;

beforeAll(async () => {
  // given: objects of one insurer, one hospital and one coordination function, and a competing insurer's admin
  const owner = await app.factory.insurer();
  const h = await app.kpi.hospital();
  hospital = h;
  hospitalToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: h });
  const contract = await app.contracts.contract({ insurer: owner, provider: h, segment: await app.contracts.seeded('MSZ'), firstYear: 2025 });
  const revenue = await app.contracts.revenue(contract, RevenuePeriodKind.QUARTER, 2025, 1, '1000.00');
  const target = await app.kpi.target(owner, h, 'HYBRID_PATHWAYS', 2025);
  const measurement = await app.kpi.measurement(h, 'HYBRID_PATHWAYS', { kind: 'QUARTER', year: 2025, number: 1 }, 30, 100);
  const proposal = dataOf(
    await app.gql(PROPOSE, { input: proposalInput(owner.uzovi, 'HIDDEN_PROPOSAL') }, { token: hospitalToken }),
  ).kpiProposalCreate;
  expect(proposal.userErrors).toEqual([]);
  const fn = await app.monitoring.coordinationFunction();
  cf = fn;
  const cfToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: fn });
  const summary = await upload(app, csv([`${fn.agb};2025;JAAR;GRZ;10;8;1`]), { token: cfToken });
  const draft = dataOf(await app.gql(`{ monitoringSubmissions { nodes { id } } }`, {}, { token: cfToken })).monitoringSubmissions.nodes[0];
  dataOf(await app.gql(`mutation($id: ID!) { monitoringSubmissionSubmit(input: { id: $id }) { userErrors { code } } }`, { id: draft.id }, { token: cfToken }));
  const submission = dataOf(await app.gql(`{ monitoringSubmissions { nodes { id versions { id } history { id } } } }`, {}, { token: cfToken })).monitoringSubmissions.nodes[0];
  const token = dataOf(
    await app.gql(`mutation($i: ApiTokenCreateInput!) { apiTokenCreate(input: $i) { apiToken { id } } }`, {
      i: { organisationKind: 'INSURER', organisationCode: owner.uzovi, role: 'DASHBOARD', label: 'oracle' },
    }),
  ).apiTokenCreate.apiToken.id;
  await app.flushAudit();
  const event = dataOf(await app.gql(`query($o: ID!) { auditEvents(first: 1, filter: { objectId: $o }) { nodes { id } } }`, { o: token })).auditEvents.nodes[0].id;
  ids = {
    Contract: gid('Contract', contract.id),
    ContractRevenue: gid('ContractRevenue', revenue.id),
    KpiTarget: gid('KpiTarget', target.id),
    KpiMeasurement: gid('KpiMeasurement', measurement.id),
    Kpi: proposal.kpi.id,
    MonitoringSubmission: submission.id,
    MonitoringSubmissionVersion: submission.versions[0].id,
    MonitoringSubmissionEvent: submission.history[0].id,
    MonitoringImport: summary.import.id,
    ApiToken: token,
    AuditEvent: event,
  };
  const answered = dataOf(
    await app.gql(
      `mutation($input: SustainabilityAnswerSubmitInput!) { sustainabilityAnswerSubmit(input: $input) { report { id } userErrors { code } } }`,
      { input: { providerAgb: h.agb, year: 2025, answers: [{ code: 'FTE', value: '300' }, { code: 'REAL_ESTATE', value: 'OWNS' }] } },
      { token: hospitalToken },
    ),
  ).sustainabilityAnswerSubmit;
  expect(answered.userErrors).toEqual([]);
  ids.SustainabilityReport = answered.report.id;
  viewer = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.factory.insurer() });
  cfWithout = await app.monitoring.coordinationFunction();
  hospitalWithout = await app.kpi.hospital();
});

const PROPOSE = `mutation($input: KpiProposalCreateInput!) { kpiProposalCreate(input: $input) { kpi { id code } userErrors { field code message } } }`;
const proposalInput = (uzovi: string, code: string) => ({
  insurerUzovi: uzovi,
  year: 2025,
  code,
  name: 'Video consultations',
  description: 'Share of follow-up consultations held by video.',
  direction: 'HIGHER_IS_BETTER',
  scoring: 'PROPORTION',
  targetValue: '15',
  numeratorDescription: 'Follow-up consultations by video.',
  denominatorDescription: 'All follow-up consultations.',
});

/** A global id of the same type whose row does not exist. */
function missing(globalId: string): string {
  const [type] = Buffer.from(globalId, 'base64url').toString().split(':');
  return gid(type, MISSING_NUMBER);
}

/** What a client can observe of a response: status, data, errors and the statement count. */
const observed = (res: GqlResponse) => ({ status: res.status, data: res.body.data, errors: res.body.errors, statements: res.body.extensions?.sqlStatements });

const TYPES = ['Contract', 'ContractRevenue', 'KpiTarget', 'KpiMeasurement', 'Kpi', 'MonitoringSubmission', 'MonitoringSubmissionVersion', 'MonitoringSubmissionEvent', 'MonitoringImport', 'ApiToken', 'AuditEvent', 'SustainabilityReport'];

describe('a forbidden object and a missing one give the same response, statement count included', () => {
  it.each(TYPES)('node(id) of a %s', async (type) => {
    const query = `query($id: ID!) { node(id: $id) { id } }`;
    const forbidden = observed(await app.gql(query, { id: ids[type] }, { token: viewer }));
    const absent = observed(await app.gql(query, { id: missing(ids[type]) }, { token: viewer }));
    expect(forbidden.data).toEqual({ node: null });
    expect(typeof forbidden.statements).toBe('number');
    expect(forbidden).toEqual(absent);
  });

  it.each(TYPES)('nodes(ids) of a %s', async (type) => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const forbidden = observed(await app.gql(query, { ids: [ids[type]] }, { token: viewer }));
    const absent = observed(await app.gql(query, { ids: [missing(ids[type])] }, { token: viewer }));
    expect(forbidden.data).toEqual({ nodes: [null] });
    expect(forbidden).toEqual(absent);
  });

  it('kpi(code) of a hidden proposal', async () => {
    const query = `query($code: String!) { kpi(code: $code) { id } }`;
    const forbidden = observed(await app.gql(query, { code: 'HIDDEN_PROPOSAL' }, { token: viewer }));
    const absent = observed(await app.gql(query, { code: 'NO_SUCH_PROPOSAL' }, { token: viewer }));
    expect(forbidden.data).toEqual({ kpi: null });
    expect(forbidden).toEqual(absent);
  });

  it('monitoringSubmission and coordinationChecklist of a coordination function the viewer does not purchase from', async () => {
    const query = `query($agb: String!) {
      monitoringSubmission(coordinationFunctionAgb: $agb, year: 2025, period: JAAR) { id }
      coordinationChecklist(coordinationFunctionAgb: $agb, year: 2025) { year }
    }`;
    const forbidden = observed(await app.gql(query, { agb: cf.agb }, { token: viewer }));
    const absent = observed(await app.gql(query, { agb: '09999999' }, { token: viewer }));
    const noSubmission = observed(await app.gql(query, { agb: cfWithout.agb }, { token: viewer }));
    expect(forbidden.data).toEqual({ monitoringSubmission: null, coordinationChecklist: null });
    expect(forbidden).toEqual(absent);
    expect(forbidden).toEqual(noSubmission);
  });

  it('kpiMeasureReport of a hospital the viewer does not purchase from', async () => {
    const query = `query($agb: String!) { kpiMeasureReport(providerAgb: $agb, kpiCode: "HYBRID_PATHWAYS", period: { kind: QUARTER, year: 2025, number: 1 }) }`;
    const forbidden = observed(await app.gql(query, { agb: hospital.agb }, { token: viewer }));
    const noFigures = observed(await app.gql(query, { agb: hospitalWithout.agb }, { token: viewer }));
    expect(forbidden.data).toEqual({ kpiMeasureReport: null });
    expect(forbidden).toEqual(noFigures);
  });

  it('sustainabilityReport of a provider the viewer does not purchase from (seed 001 Bijlage 1)', async () => {
    const query = `query($agb: String!) { sustainabilityReport(providerAgb: $agb, year: 2025) { id } }`;
    const forbidden = observed(await app.gql(query, { agb: hospital.agb }, { token: viewer }));
    const noAnswers = observed(await app.gql(query, { agb: hospitalWithout.agb }, { token: viewer }));
    const absent = observed(await app.gql(query, { agb: '99999998' }, { token: viewer }));
    expect(forbidden.data).toEqual({ sustainabilityReport: null });
    expect(forbidden).toEqual(noAnswers);
    expect(forbidden).toEqual(absent);
  });

  it('the legitimate reader still gets the object', async () => {
    const data = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: ids.KpiTarget }, { token: hospitalToken }));
    expect(data.node).toEqual({ id: ids.KpiTarget });
  });
});

describe('statement counts only when switched on', () => {
  it.each(['development', 'test', 'production'])('REPORT_SQL_STATEMENTS is off by default with NODE_ENV=%s', (mode) => {
    const config = loadConfig({ NODE_ENV: mode, DATABASE_URL: 'postgres://x@127.0.0.1/x', OIDC_ISSUER: '', ...(mode === 'production' ? {} : {}) });
    expect(config.reportSqlStatements).toBe(false);
  });
});

describe('a KPI proposal code reveals nothing of another hospital', () => {
  it("another hospital may use the code of a proposal it cannot see: each proposal's code lies in its hospital's namespace", async () => {
    // given: the first hospital's hidden proposal HIDDEN_PROPOSAL
    const other = await app.kpi.hospital();
    const insurer = await app.kpi.base.insurer();
    const otherToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: other });
    // when
    const created = dataOf(await app.gql(PROPOSE, { input: proposalInput(insurer.uzovi, 'HIDDEN_PROPOSAL') }, { token: otherToken })).kpiProposalCreate;
    const first = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on Kpi { code } } }`, { id: ids.Kpi }, { token: hospitalToken })).node;
    // then
    expect(created.userErrors).toEqual([]);
    expect(created.kpi.code).toMatch(/^H\d+_HIDDEN_PROPOSAL$/);
    expect(first.code).toMatch(/^H\d+_HIDDEN_PROPOSAL$/);
    expect(created.kpi.code).not.toBe(first.code);
    expect(dataOf(await app.gql(`query($c: String!) { kpi(code: $c) { id } }`, { c: created.kpi.code }, { token: otherToken })).kpi).toEqual({ id: created.kpi.id });
  });

  it('a hospital still cannot use its own proposal code twice, with or without its prefix', async () => {
    const insurer = await app.kpi.base.insurer();
    const first = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on Kpi { code } } }`, { id: ids.Kpi }, { token: hospitalToken })).node;
    const again = dataOf(await app.gql(PROPOSE, { input: proposalInput(insurer.uzovi, 'HIDDEN_PROPOSAL') }, { token: hospitalToken })).kpiProposalCreate;
    const prefixed = dataOf(await app.gql(PROPOSE, { input: proposalInput(insurer.uzovi, first.code) }, { token: hospitalToken })).kpiProposalCreate;
    expect(again.userErrors.map((e: { code: string }) => e.code)).toEqual(['DUPLICATE_CODE']);
    expect(prefixed.userErrors.map((e: { code: string }) => e.code)).toEqual(['DUPLICATE_CODE']);
  });
});
