import { useTestApp, dataOf, errorCodes } from '../support/app';
import { csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';
import { encodeGlobalId } from '../../src/core/global-id';
import { ProviderKind } from '../../src/provider/provider.entity';
import { Concern } from '../../src/insurer/concern.entity';

/**
 * Rules of seed 002_cf696d827bfa3592.txt (coordination functions 2024) and of the ZN layout that carries its
 * figures, through the API: condition 4 of Bijlage 1 derived from the signatories, the preferred insurer's
 * decisions, one year range for the verslagjaar, and Excel's `sep=;` line.
 */
const app = useTestApp();

const CONDITIONS = ['CONTRACT_PREVIOUS_YEAR', 'MINIMUM_FUNCTIONALITIES', 'MONITORING', 'REGIONAL_AGREEMENTS', 'CASE_TABLES', 'REACHABLE_FOR_OTHER_FUNCTIONS'];
const RECORD = `mutation($input: CoordinationConditionRecordInput!) {
  coordinationConditionRecord(input: $input) { checklist { allMet conditions { condition met recordedMet derivedMet } elvBedCoverage { percent meetsMinimum hospitalsSigned gpsSigned } } userErrors { code } }
}`;
const SIGNATORIES = `mutation($input: CoordinationSignatoriesSetInput!) {
  coordinationSignatoriesSet(input: $input) { checklist { allMet conditions { condition met recordedMet derivedMet } elvBedCoverage { percent meetsMinimum hospitalsSigned gpsSigned } } userErrors { code } }
}`;

describe('seed 002_cf696d827bfa3592.txt, Bijlage 1 condition 4: derived from the signatories, recorded only where it cannot be', () => {
  async function recordAllMet() {
    const g = await app.monitoring.purchasedFunction(2024);
    const elv = await Promise.all([50, 35, 15].map((beds) => app.monitoring.elvProvider(g.region, beds)));
    const hospital = await app.monitoring.base.provider({ kind: ProviderKind.HOSPITAL, region: g.region });
    const gps = await app.monitoring.base.provider({ kind: ProviderKind.GP_ORGANISATION, region: g.region });
    const lead = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead });
    const cfId = encodeGlobalId('Provider', g.cf.id);
    let last: any;
    for (const condition of CONDITIONS) {
      last = dataOf(await app.gql(RECORD, { input: { coordinationFunctionId: cfId, year: 2024, condition, met: true, evidenceNote: `Seen: ${condition}`, evidenceDate: '2023-12-01' } }, { token: lead }))
        .coordinationConditionRecord;
    }
    const sign = async (...providers: { agb: string }[]) =>
      dataOf(await app.gql(SIGNATORIES, { input: { coordinationFunctionId: cfId, year: 2024, signatories: providers.map((p) => ({ providerAgb: p.agb, signedOn: '2023-11-01' })) } }, { token: lead }))
        .coordinationSignatoriesSet;
    return { last, sign, elv, hospital, gps };
  }

  it('all six recorded as met with 0.00% coverage is not all met: condition 4 is false', async () => {
    const { last, sign, elv } = await recordAllMet();
    expect(last.checklist.allMet).toBe(false);
    expect(last.checklist.conditions[3]).toEqual({ condition: 'REGIONAL_AGREEMENTS', met: false, recordedMet: true, derivedMet: false });
    expect(last.checklist.conditions.filter((c: any) => c.condition !== 'REGIONAL_AGREEMENTS').every((c: any) => c.met === true && c.derivedMet === null)).toBe(true);
    const zero = await sign(elv[2]!);
    expect(zero.checklist.elvBedCoverage).toEqual({ percent: '15.00', meetsMinimum: false, hospitalsSigned: false, gpsSigned: false });
  });

  it('85% of the ELV beds without the GPs, or without the hospitals, is not enough; with both it is met', async () => {
    const { sign, elv, hospital, gps } = await recordAllMet();
    const noGps = await sign(elv[0]!, elv[1]!, hospital);
    expect(noGps.checklist.elvBedCoverage).toEqual({ percent: '85.00', meetsMinimum: true, hospitalsSigned: true, gpsSigned: false });
    expect(noGps.checklist).toMatchObject({ allMet: false, conditions: expect.arrayContaining([{ condition: 'REGIONAL_AGREEMENTS', met: false, recordedMet: true, derivedMet: false }]) });
    const noHospital = await sign(elv[0]!, elv[1]!, gps);
    expect(noHospital.checklist.allMet).toBe(false);
    const below = await sign(elv[0]!, elv[2]!, hospital, gps);
    expect(below.checklist.elvBedCoverage).toMatchObject({ percent: '65.00', meetsMinimum: false });
    expect(below.checklist.allMet).toBe(false);
    const all = await sign(elv[0]!, elv[1]!, hospital, gps);
    expect(all.checklist.allMet).toBe(true);
    expect(all.checklist.conditions[3]).toEqual({ condition: 'REGIONAL_AGREEMENTS', met: true, recordedMet: true, derivedMet: true });
  });

  it('what cannot be derived stays open: derived coverage alone leaves condition 4 null until the insurer records it', async () => {
    const g = await app.monitoring.purchasedFunction(2024);
    const elv = await app.monitoring.elvProvider(g.region, 10);
    const hospital = await app.monitoring.base.provider({ kind: ProviderKind.HOSPITAL, region: g.region });
    const gps = await app.monitoring.base.provider({ kind: ProviderKind.GP_ORGANISATION, region: g.region });
    const cf = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: g.cf });
    const set = dataOf(
      await app.gql(SIGNATORIES, { input: { coordinationFunctionId: encodeGlobalId('Provider', g.cf.id), year: 2024, signatories: [elv, hospital, gps].map((p) => ({ providerAgb: p.agb, signedOn: '2023-11-01' })) } }, { token: cf }),
    ).coordinationSignatoriesSet;
    expect(set.checklist.conditions[3]).toEqual({ condition: 'REGIONAL_AGREEMENTS', met: null, recordedMet: null, derivedMet: true });
    expect(set.checklist.allMet).toBeNull();
  });
});

describe('seed 002_cf696d827bfa3592.txt: the preferred insurer decides, the other purchasing insurers read', () => {
  const step = (name: string, reason = false) =>
    `mutation($id: ID!${reason ? ', $reason: String!' : ''}) { ${name}(input: { id: $id${reason ? ', reason: $reason' : ''} }) { monitoringSubmission { status } userErrors { code } } }`;

  it('accept, reject and reopen: FORBIDDEN for the second and the following insurer, who still read the submission', async () => {
    // given a submitted 2024 submission of a function whose region's preferred insurer is g.lead
    const g = await app.monitoring.purchasedFunction(2024);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`]), { token: cf, input: { submit: true } });
    const id = dataOf(await app.gql(`{ monitoringSubmissions { nodes { id } } }`, {}, { token: cf })).monitoringSubmissions.nodes[0].id;
    const tokens = {
      lead: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead }),
      second: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.second }),
      follower: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.follower }),
    };
    // when / then
    for (const who of ['second', 'follower'] as const) {
      expect(errorCodes(await app.gql(step('monitoringSubmissionAccept'), { id }, { token: tokens[who] }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.gql(step('monitoringSubmissionReject', true), { id, reason: 'no' }, { token: tokens[who] }))).toEqual(['FORBIDDEN']);
      expect(dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on MonitoringSubmission { status } } }`, { id }, { token: tokens[who] })).node).toEqual({ status: 'SUBMITTED' });
    }
    expect(dataOf(await app.gql(step('monitoringSubmissionAccept'), { id }, { token: tokens.lead })).monitoringSubmissionAccept.monitoringSubmission).toEqual({ status: 'ACCEPTED' });
    for (const who of ['second', 'follower'] as const) {
      expect(errorCodes(await app.gql(step('monitoringSubmissionReopen', true), { id, reason: 'look again' }, { token: tokens[who] }))).toEqual(['FORBIDDEN']);
    }
    expect(dataOf(await app.gql(step('monitoringSubmissionReopen', true), { id, reason: 'look again' }, { token: tokens.lead })).monitoringSubmissionReopen.monitoringSubmission).toEqual({ status: 'SUBMITTED' });
  });

  it('an insurer of the preferred insurer\'s concern decides with it; without an agreement for the year nobody decides', async () => {
    const g = await app.monitoring.purchasedFunction(2024);
    const sibling = await app.monitoring.base.insurer({ concern: await app.orm.em.fork().findOneOrFail(Concern, g.lead.concern.id) });
    await app.monitoring.base.marketShare(sibling, g.region, 2024, '1.00');
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`, `${g.cf.agb};2023;JAAR;GRZ;10;8;1`]), { token: cf, input: { submit: true } });
    await app.monitoring.contract(g.lead, g.cf, 2023);
    const nodes = dataOf(await app.gql(`{ monitoringSubmissions { nodes { id year } } }`, {}, { token: cf })).monitoringSubmissions.nodes;
    const byYear = (year: number) => nodes.find((n: any) => n.year === year).id;
    const siblingToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: sibling });
    const lead = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead });
    expect(dataOf(await app.gql(step('monitoringSubmissionAccept'), { id: byYear(2024) }, { token: siblingToken })).monitoringSubmissionAccept.monitoringSubmission).toEqual({ status: 'ACCEPTED' });
    // 2023 has a contract but no coordination agreement: the lead reads it and cannot accept it
    expect(errorCodes(await app.gql(step('monitoringSubmissionAccept'), { id: byYear(2023) }, { token: lead }))).toEqual(['FORBIDDEN']);
  });
});

describe('seed 002_cf696d827bfa3592.txt: MonitoringSubmission.viewerMayReview / viewerMayReopen / viewerMaySubmit answer what the mutations decide', () => {
  const MAY = `{ monitoringSubmissions(first: 50) { nodes { id year viewerMayReview viewerMayReopen } } }`;
  const SUBMIT = `{ monitoringSubmissions(first: 50) { nodes { viewerMaySubmit } } }`;
  const maySubmit = async (token: string) => dataOf(await app.gql(SUBMIT, {}, { token })).monitoringSubmissions.nodes.map((n: any) => n.viewerMaySubmit);
  const may = async (token: string) =>
    Object.fromEntries(dataOf(await app.gql(MAY, {}, { token })).monitoringSubmissions.nodes.map((n: any) => [n.year, [n.viewerMayReview, n.viewerMayReopen]]));

  it('true for the preferred insurer (and its concern), false for the other purchasing insurers, the function itself, a dashboard credential and the operator', async () => {
    // given: a function with a 2024 agreement (preferred insurer g.lead) and a 2023 contract without an agreement
    const g = await app.monitoring.purchasedFunction(2024);
    const sibling = await app.monitoring.base.insurer({ concern: await app.orm.em.fork().findOneOrFail(Concern, g.lead.concern.id) });
    await app.monitoring.base.marketShare(sibling, g.region, 2024, '1.00');
    await app.monitoring.contract(g.lead, g.cf, 2023);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`, `${g.cf.agb};2023;JAAR;GRZ;10;8;1`]), { token: cf, input: { submit: true } });
    const tokens = {
      lead: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead }),
      leadAdmin: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.lead }),
      sibling: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: sibling }),
      leadDashboard: await app.tokenFor({ role: 'DASHBOARD', insurer: g.lead }),
      second: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.second }),
      follower: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.follower }),
      cf,
      cfAdmin: await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: g.cf }),
      operator: await app.tokenFor({ role: 'OPERATOR_ADMIN' }),
    };
    // then: only the preferred insurer's staff may review and reopen, and only in the year it is preferred
    expect(await may(tokens.lead)).toEqual({ 2024: [true, true], 2023: [false, false] });
    expect(await may(tokens.leadAdmin)).toEqual({ 2024: [true, true], 2023: [false, false] });
    expect(await may(tokens.sibling)).toEqual({ 2024: [true, true] });
    for (const who of ['second', 'follower', 'cf', 'cfAdmin', 'leadDashboard'] as const) {
      const answer = await may(tokens[who]);
      expect(Object.keys(answer).length).toBeGreaterThan(0);
      expect(Object.values(answer).flat()).toEqual(Object.values(answer).flat().map(() => false));
    }
    const operator = dataOf(await app.gql(`{ monitoringSubmissions(first: 50, filter: { coordinationFunctionAgb: "${g.cf.agb}" }) { nodes { viewerMayReview viewerMayReopen } } }`, {}, { token: tokens.operator }));
    expect(operator.monitoringSubmissions.nodes).toEqual([{ viewerMayReview: false, viewerMayReopen: false }, { viewerMayReview: false, viewerMayReopen: false }]);

    // and the mutations agree with the answers: the 2023 one is refused to the lead, the 2024 one accepted
    const ids = Object.fromEntries(dataOf(await app.gql(MAY, {}, { token: cf })).monitoringSubmissions.nodes.map((n: any) => [n.year, n.id]));
    const accept = `mutation($id: ID!) { monitoringSubmissionAccept(input: { id: $id }) { monitoringSubmission { status } } }`;
    expect(errorCodes(await app.gql(accept, { id: ids[2023] }, { token: tokens.lead }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.gql(accept, { id: ids[2024] }, { token: tokens.second }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await app.gql(accept, { id: ids[2024] }, { token: tokens.lead })).monitoringSubmissionAccept.monitoringSubmission).toEqual({ status: 'ACCEPTED' });
    // the answer is about the viewer, not the status: it stays true for the lead on the accepted submission
    expect(await may(tokens.lead)).toEqual({ 2024: [true, true], 2023: [false, false] });
  });

  it('viewerMaySubmit: true for the coordination function\'s admin and submitter, false for its dashboard credential, the insurers and the operator', async () => {
    const g = await app.monitoring.purchasedFunction(2024);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`]), { token: cf });
    const dashboard = await app.tokenFor({ role: 'DASHBOARD', provider: g.cf });
    expect(await maySubmit(cf)).toEqual([true]);
    expect(await maySubmit(await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: g.cf }))).toEqual([true]);
    expect(await maySubmit(dashboard)).toEqual([false]);
    expect(await maySubmit(await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead }))).toEqual([false]);
    const operator = dataOf(await app.gql(`{ monitoringSubmissions(filter: { coordinationFunctionAgb: "${g.cf.agb}" }) { nodes { viewerMaySubmit } } }`, {}, { token: await app.tokenFor({ role: 'OPERATOR_ADMIN' }) }));
    expect(operator.monitoringSubmissions.nodes).toEqual([{ viewerMaySubmit: false }]);
    // and the mutation agrees: the dashboard credential is refused, the submitter submits
    const id = dataOf(await app.gql(`{ monitoringSubmissions { nodes { id } } }`, {}, { token: cf })).monitoringSubmissions.nodes[0].id;
    const submit = `mutation($id: ID!) { monitoringSubmissionSubmit(input: { id: $id }) { monitoringSubmission { status } } }`;
    expect(errorCodes(await app.gql(submit, { id }, { token: dashboard }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await app.gql(submit, { id }, { token: cf })).monitoringSubmissionSubmit.monitoringSubmission).toEqual({ status: 'SUBMITTED' });
  });
});

describe('ZN-FORMAT verslagjaar (seed 002_cf696d827bfa3592.txt figures): one range, 2000 to 2100, everywhere', () => {
  it.each([1899, 1950, 1999])('an upload with verslagjaar %i is refused (YEAR_OUT_OF_RANGE) and nothing is stored', async (year) => {
    const g = await app.monitoring.purchasedFunction(2024);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    const summary = await upload(app, csv([`${g.cf.agb};${year};JAAR;GRZ;10;8;1`]), { token: cf });
    expect(summary.outcome).toBe('REJECTED');
    expect(summary.problems).toEqual([expect.objectContaining({ row: 2, column: 'verslagjaar', code: 'YEAR_OUT_OF_RANGE', severity: 'ERROR' })]);
    expect(dataOf(await app.gql(`{ monitoringSubmissions { totalCount } }`, {}, { token: cf })).monitoringSubmissions.totalCount).toBe(0);
    // and the read side refuses the same year with the same bounds
    for (const query of [
      `{ monitoringExport(filter: { year: ${year} }, format: CSV) { filename } }`,
      `{ monitoringCompleteness(year: ${year}) { year } }`,
      `{ coordinationChecklist(coordinationFunctionAgb: "${g.cf.agb}", year: ${year}) { year } }`,
    ]) {
      const response = await app.gql(query, {}, { token: cf });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0]!.message).toContain('between 2000 and 2100');
    }
  });

  it('2000 is accepted on both sides', async () => {
    const g = await app.monitoring.purchasedFunction(2000);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    const summary = await upload(app, csv([`${g.cf.agb};2000;JAAR;GRZ;10;8;1`]), { token: cf });
    expect(summary).toMatchObject({ outcome: 'APPLIED', created: 1 });
    expect(dataOf(await app.gql(`{ monitoringExport(filter: { year: 2000 }, format: CSV) { rowCount } }`, {}, { token: cf })).monitoringExport.rowCount).toBe(1);
  });
});

describe("Excel's `sep=` first line in a ZN CSV", () => {
  const ROW = (agb: string) => `${agb};2024;JAAR;GRZ;10;8;1`;
  const HEADER = 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar';

  it.each([
    ['sep=; with CRLF', (agb: string) => `sep=;\r\n${HEADER}\r\n${ROW(agb)}\r\n`],
    ['sep=; with LF, after a BOM', (agb: string) => `\uFEFFsep=;\n${HEADER}\n${ROW(agb)}\n`],
    ['sep=, with a comma file', (agb: string) => `SEP=,\r\n${HEADER.replace(/;/g, ',')}\r\n${ROW(agb).replace(/;/g, ',')}\r\n`],
  ])('%s: accepted, the header stays row 1 and the first data row is row 2', async (_name, text) => {
    const g = await app.monitoring.purchasedFunction(2024);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    const ok = await upload(app, Buffer.from(text(g.cf.agb), 'utf8'), { token: cf, input: { dryRun: true } });
    expect(ok).toMatchObject({ outcome: 'APPLIED', rowsRead: 1, created: 1, problems: [] });
    const bad = await upload(app, Buffer.from(text(g.cf.agb).replace(';10;8;1', ';10;80;1').replace(',10,8,1', ',10,80,1'), 'utf8'), { token: cf, input: { dryRun: true } });
    expect(bad.problems).toEqual([expect.objectContaining({ row: 2, column: 'instroom', code: 'INFLOW_EXCEEDS_REGISTRATIONS' })]);
  });

  it('a sep= line naming another delimiter is refused as INVALID_CSV', async () => {
    const g = await app.monitoring.purchasedFunction(2024);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    const summary = await upload(app, Buffer.from(`sep=|\r\n${HEADER}\r\n${ROW(g.cf.agb)}\r\n`, 'utf8'), { token: cf });
    expect(summary.outcome).toBe('REJECTED');
    expect(summary.problems).toEqual([expect.objectContaining({ code: 'INVALID_CSV', row: null })]);
  });
});

describe('decimals leave the API with one scale, two decimals, in GraphQL and in the ZN export (README: "38.50")', () => {
  it('"1150,5" and "14" uploaded come back as "1150.50" and "14.00", and as 1150,50 and 14,00 in the CSV export, which uploads again unchanged', async () => {
    const g = await app.monitoring.purchasedFunction(2024);
    const cf = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    const header = 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;besparing_eur;gemiddelde_ligduur_dagen';
    await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1;1150,5;14`], header), { token: cf });
    const figures = dataOf(await app.gql(`{ monitoringSubmissions { nodes { figures { savingEur averageLengthOfStayDays } } } }`, {}, { token: cf })).monitoringSubmissions.nodes[0].figures;
    expect(figures).toEqual([{ savingEur: '1150.50', averageLengthOfStayDays: '14.00' }]);
    const exported = dataOf(await app.gql(`{ monitoringExport(filter: { year: 2024 }, format: CSV) { contentBase64 } }`, {}, { token: cf })).monitoringExport;
    const text = Buffer.from(exported.contentBase64, 'base64');
    expect(text.toString('utf8')).toContain(';1150,50;');
    expect(text.toString('utf8')).toMatch(/;14,00\r\n$/);
    expect(await upload(app, text, { token: cf })).toMatchObject({ outcome: 'UNCHANGED' });
  });
});
