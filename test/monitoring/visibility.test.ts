import { useTestApp, dataOf, errorCodes } from '../support/app';
import { MonitoringFactory, csv } from '../factories/monitoring';
import { upload, uploadMultipart } from '../support/monitoring';
import { ContractStatus } from '../../src/contract/contract.entity';

/**
 * The monitoring rows of the POLICY table, each both ways: readable by the coordination function, the
 * insurers that purchase from it (representing and following) and operator admins, and by no one else, through
 * every read path (query, list, node, nodes, aliases, nested); written only by the function; reviewed only by
 * the preferred insurer (seed 002_cf696d827bfa3592.txt), which purchases from it.
 */
const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });
let g: Awaited<ReturnType<MonitoringFactory['purchasedFunction']>>;
let submissionId: string;
let versionId: string;
let importId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  g = await app.monitoring.purchasedFunction(2024);
  const otherCf = await app.monitoring.coordinationFunction({ region: g.region });
  const terminated = await app.monitoring.base.insurer();
  await app.monitoring.contract(terminated, g.cf, 2024, { status: ContractStatus.TERMINATED });
  const lastYear = await app.monitoring.base.insurer();
  await app.monitoring.contract(lastYear, g.cf, 2023);
  tokens.cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
  tokens.cfDashboard = await app.tokenFor({ role: 'DASHBOARD', provider: g.cf });
  tokens.otherCf = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: otherCf });
  tokens.lead = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead });
  tokens.leadDashboard = await app.tokenFor({ role: 'DASHBOARD', insurer: g.lead });
  tokens.second = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.second });
  tokens.follower = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.follower });
  tokens.competitor = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.competitor });
  tokens.terminated = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: terminated });
  tokens.lastYear = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: lastYear });
  tokens.operator = app.operatorToken;
  const summary = await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`]), { token: tokens.cf });
  importId = summary.import.id;
  const data = dataOf(await app.gql(`{ monitoringSubmissions { nodes { id versions { id } } } }`, {}, { token: tokens.cf }));
  submissionId = data.monitoringSubmissions.nodes[0].id;
  versionId = data.monitoringSubmissions.nodes[0].versions[0].id;
});

const READ = `query($id: ID!, $version: ID!, $agb: String!) {
  one: monitoringSubmission(coordinationFunctionAgb: $agb, year: 2024, period: JAAR) { id figures { registrations } }
  list: monitoringSubmissions(filter: { year: 2024, coordinationFunctionAgb: $agb }) { totalCount nodes { id } }
  node(id: $id) { id ... on MonitoringSubmission { status } }
  nodes(ids: [$id, $version]) { id }
  again: node(id: $id) { id }
  checklist: coordinationChecklist(coordinationFunctionAgb: $agb, year: 2024) { year }
}`;

describe('monitoring.read', () => {
  it.each(['cf', 'cfDashboard', 'lead', 'leadDashboard', 'second', 'follower', 'operator'])('%s reads the submission on every path', async (who) => {
    const data = dataOf(await app.gql(READ, { id: submissionId, version: versionId, agb: g.cf.agb }, { token: tokens[who] }));
    expect(data.one).toEqual({ id: submissionId, figures: [{ registrations: 10 }] });
    expect(data.list).toEqual({ totalCount: 1, nodes: [{ id: submissionId }] });
    expect(data.node).toEqual({ id: submissionId, status: 'DRAFT' });
    expect(data.nodes).toEqual([{ id: submissionId }, { id: versionId }]);
    expect(data.again).toEqual({ id: submissionId });
    expect(data.checklist).toEqual({ year: 2024 });
  });

  it.each(['otherCf', 'competitor', 'terminated', 'lastYear'])('%s sees nothing, as if it did not exist', async (who) => {
    const data = dataOf(await app.gql(READ, { id: submissionId, version: versionId, agb: g.cf.agb }, { token: tokens[who] }));
    expect(data).toEqual({ one: null, list: { totalCount: 0, nodes: [] }, node: null, nodes: [null, null], again: null, checklist: null });
  });
});

describe('monitoring.write and monitoring.review', () => {
  const SUBMIT = `mutation($id: ID!) { monitoringSubmissionSubmit(input: { id: $id }) { monitoringSubmission { status } userErrors { code } } }`;
  const ACCEPT = `mutation($id: ID!) { monitoringSubmissionAccept(input: { id: $id }) { monitoringSubmission { status } userErrors { code } } }`;

  it('only the coordination function writes: readers get FORBIDDEN, others NOT_FOUND', async () => {
    expect(errorCodes(await app.gql(SUBMIT, { id: submissionId }, { token: tokens.lead }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.gql(SUBMIT, { id: submissionId }, { token: tokens.operator }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.gql(SUBMIT, { id: submissionId }, { token: tokens.cfDashboard }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await app.gql(SUBMIT, { id: submissionId }, { token: tokens.otherCf })).monitoringSubmissionSubmit.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    expect(dataOf(await app.gql(SUBMIT, { id: submissionId }, { token: tokens.cf })).monitoringSubmissionSubmit.monitoringSubmission).toEqual({ status: 'SUBMITTED' });
  });

  it('only the preferred insurer reviews (seed 002): the function, dashboards, operator and the other purchasing insurers get FORBIDDEN, competitors NOT_FOUND', async () => {
    for (const who of ['cf', 'leadDashboard', 'operator', 'second', 'follower']) {
      expect(errorCodes(await app.gql(ACCEPT, { id: submissionId }, { token: tokens[who] }))).toEqual(['FORBIDDEN']);
    }
    for (const who of ['competitor', 'terminated', 'otherCf']) {
      expect(dataOf(await app.gql(ACCEPT, { id: submissionId }, { token: tokens[who] })).monitoringSubmissionAccept.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    }
    expect(dataOf(await app.gql(ACCEPT, { id: submissionId }, { token: tokens.lead })).monitoringSubmissionAccept.monitoringSubmission).toEqual({ status: 'ACCEPTED' });
  });
});

describe('Viewer.mayUploadMonitoring', () => {
  it('is true exactly for the staff of a coordination function, whose dry run of its own row is accepted; false where the upload refuses or every row would be', async () => {
    // given a hospital's submitter, whose own AGB is no coordination function
    const hospital = await app.monitoring.base.provider();
    tokens.hospital = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: hospital });
    const who = ['cf', 'otherCf', 'cfDashboard', 'hospital', 'lead', 'competitor', 'operator'];
    const may: Record<string, boolean> = {};
    const uploads: Record<string, string> = {};
    for (const name of who) {
      // when
      may[name] = dataOf(await app.gql(`{ viewer { mayUploadMonitoring } }`, {}, { token: tokens[name] })).viewer.mayUploadMonitoring;
      const own = name === 'hospital' ? hospital.agb : name === 'otherCf' ? null : g.cf.agb;
      const response = await uploadMultipart(app, csv([`${own ?? g.cf.agb};2023;JAAR;GRZ;10;8;1`]), { token: tokens[name], input: { dryRun: true } });
      const summary = response.body.data?.monitoringUpload?.summary;
      uploads[name] = summary ? (summary.rejected === 0 ? 'ACCEPTED' : summary.problems.map((p: { code: string }) => p.code).join()) : errorCodes(response).join();
    }
    // then
    expect(may).toEqual({ cf: true, otherCf: true, cfDashboard: false, hospital: false, lead: false, competitor: false, operator: false });
    expect(uploads.cf).toBe('ACCEPTED');
    expect(uploads.hospital).not.toBe('ACCEPTED');
    for (const name of ['cfDashboard', 'lead', 'competitor', 'operator']) expect(uploads[name]).toBe('FORBIDDEN');
  });
});

describe('monitoring.import.read', () => {
  const IMPORT = `query($id: ID!) { node(id: $id) { ... on MonitoringImport { id channel summary { created } coordinationFunction { agb } } } }`;

  it('the uploading function and operator admins read an import; insurers and other functions do not', async () => {
    for (const who of ['cf', 'operator']) {
      expect(dataOf(await app.gql(IMPORT, { id: importId }, { token: tokens[who] })).node).toEqual({ id: importId, channel: 'GRAPHQL_UPLOAD', summary: { created: 1 }, coordinationFunction: { agb: g.cf.agb } });
    }
    for (const who of ['lead', 'otherCf']) expect(dataOf(await app.gql(IMPORT, { id: importId }, { token: tokens[who] })).node).toBeNull();
    expect(dataOf(await app.gql(`{ monitoringImports { nodes { id } } }`, {}, { token: tokens.cf })).monitoringImports.nodes).toEqual([{ id: importId }]);
    expect(dataOf(await app.gql(`{ monitoringImports { nodes { id } } }`, {}, { token: tokens.otherCf })).monitoringImports.nodes).toEqual([]);
    expect(errorCodes(await app.gql(`{ monitoringImports { nodes { id } } }`, {}, { token: tokens.lead }))).toEqual(['FORBIDDEN']);
  });
});

describe('no N+1', () => {
  it('runs as many statements for 2 submissions as for 8, with what the viewer may do on each', async () => {
    // given eight more purchased functions the lead insurer buys from, each with two versions and a review
    const lead = await app.monitoring.base.insurer();
    const leadToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: lead });
    for (let i = 0; i < 8; i++) {
      const region = await app.monitoring.base.region();
      const cf = await app.monitoring.coordinationFunction({ region });
      await app.monitoring.contract(lead, cf, 2022);
      const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
      await upload(app, csv([`${cf.agb};2022;JAAR;GRZ;10;8;1`]), { token });
      await upload(app, csv([`${cf.agb};2022;JAAR;GRZ;11;8;1`]), { token, input: { submit: true } });
    }
    const query = (first: number) =>
      app.gql(
        `{ monitoringSubmissions(first: ${first}, filter: { year: 2022 }) { nodes { id coordinationFunction { agb elvBeds } reviewedBy { uzovi }
           figures { registrations } versions { version import { id } } history { kind } viewerMayReview viewerMayReopen viewerMaySubmit } } }`,
        {},
        { token: leadToken },
      );
    // when
    const small = await query(2);
    const large = await query(8);
    // then
    expect(dataOf(large).monitoringSubmissions.nodes).toHaveLength(8);
    expect(dataOf(small).monitoringSubmissions.nodes).toHaveLength(2);
    expect(typeof small.body.extensions!.sqlStatements).toBe('number');
    expect(large.body.extensions!.sqlStatements).toBe(small.body.extensions!.sqlStatements);
  });
});
