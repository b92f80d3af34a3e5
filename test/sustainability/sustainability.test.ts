/**
 * The coordinated sustainability request of seed 001 (Bijlage 1, uniform ZN text: GDDZ 3.0 and CSRD) with the
 * obligations that seeds 002, 003 and 004 repeat in their general purchasing sections (the CO2 roadmap for
 * providers with real estate and more than 250 FTE, due 1 January 2024).
 */
import { useTestApp, dataOf } from '../support/app';
import { multipartBody, multipartHeaders, postRaw } from '../support/multipart';
import { excelDay, workbookParts, xlsxOf, zipOf } from '../support/xlsx';
import { ContractStatus } from '../../src/contract/contract.entity';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

const app = useTestApp();

const REPORT_FIELDS = 'provider { agb } year version demo answers { code value } compliance { obligation status reason } co2Scope1Tonnes co2Scope2Tonnes co2Scope3Tonnes';
const SUBMIT = `mutation($input: SustainabilityAnswerSubmitInput!) { sustainabilityAnswerSubmit(input: $input) { report { ${REPORT_FIELDS} } userErrors { field code message } } }`;
const REPORT = `query($agb: String!, $year: Int!) { sustainabilityReport(providerAgb: $agb, year: $year) { ${REPORT_FIELDS} } }`;
const VALUE_CHAIN = `query($year: Int!) { sustainabilityValueChain(year: $year) { year providers { provider { agb } report { version } }
  aggregate { providerCount answeredCount statusCounts { obligation status providerCount } co2Totals { scope tonnes providerCount } } } }`;
const UPLOAD = `mutation($input: SustainabilityAnswerUploadInput!) { sustainabilityAnswerUpload(input: $input) {
  dryRun written rowCount problems { row column code message } compliance { obligation status } report { version } } }`;

interface World {
  insurer: Insurer;
  competitor: Insurer;
  provider: Provider;
  providerToken: string;
  insurerToken: string;
  competitorToken: string;
}

/** A provider with a signed ZG contract of one insurer in 2025; a competitor insurer without one. */
async function world(): Promise<World> {
  const insurer = await app.factory.insurer();
  const competitor = await app.factory.insurer();
  const provider = await app.factory.provider();
  await app.contracts.contract({ insurer, provider, segment: await app.contracts.seeded('ZG'), firstYear: 2025 });
  return {
    insurer,
    competitor,
    provider,
    providerToken: await app.tokenFor({ role: 'PROVIDER_ADMIN', provider }),
    insurerToken: await app.tokenFor({ role: 'INSURER_MEMBER', insurer }),
    competitorToken: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: competitor }),
  };
}

const answers = (values: Record<string, string>) => Object.entries(values).map(([code, value]) => ({ code, value }));

async function submit(w: World, values: Record<string, string>, extra: Record<string, unknown> = {}) {
  return dataOf(await app.gql(SUBMIT, { input: { providerAgb: w.provider.agb, year: 2025, answers: answers(values), ...extra } }, { token: w.providerToken }))
    .sustainabilityAnswerSubmit;
}

const statusOf = (report: any, obligation: string) => report.compliance.find((c: any) => c.obligation === obligation).status;

describe('sustainability request 2025 (seed 001 Bijlage 1)', () => {
  it('is data: the questions with type and unit', async () => {
    const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: await app.factory.provider() });
    const data = dataOf(await app.gql('{ sustainabilityRequest(year: 2025) { year questions { code type unit required } } }', {}, { token }));
    expect(data.sustainabilityRequest.questions).toEqual(
      expect.arrayContaining([
        { code: 'FTE', type: 'DECIMAL', unit: 'FTE', required: true },
        { code: 'CO2_SCOPE_3', type: 'DECIMAL', unit: 'tonnes CO2-eq', required: false },
        { code: 'REAL_ESTATE', type: 'CHOICE', unit: null, required: true },
      ]),
    );
    expect(dataOf(await app.gql('{ sustainabilityRequest(year: 2019) { year } }', {}, { token })).sustainabilityRequest).toBeNull();
  });
});

describe('the obligations (seeds 001-004)', () => {
  it('CO2 roadmap (seeds 002-004): due with owned real estate and more than 250 FTE, by 1 January 2024', async () => {
    const w = await world();
    const onTime = await submit(w, { FTE: '251', REAL_ESTATE: 'OWNS', CO2_ROADMAP_DELIVERED: 'ja', CO2_ROADMAP_DELIVERED_ON: '2024-01-01' });
    expect(onTime.userErrors).toEqual([]);
    expect(statusOf(onTime.report, 'CO2_ROADMAP')).toBe('MET');
    const late = await submit(w, { FTE: '251', REAL_ESTATE: 'OWNS_AND_RENTS', CO2_ROADMAP_DELIVERED: 'true', CO2_ROADMAP_DELIVERED_ON: '2024-01-02' });
    expect(statusOf(late.report, 'CO2_ROADMAP')).toBe('NOT_MET');
    expect(late.report.version).toBe(2);
    expect(statusOf((await submit(w, { FTE: '400', REAL_ESTATE: 'OWNS', CO2_ROADMAP_DELIVERED: 'nee' })).report, 'CO2_ROADMAP')).toBe('NOT_MET');
    expect(statusOf((await submit(w, { FTE: '400', REAL_ESTATE: 'OWNS' })).report, 'CO2_ROADMAP')).toBe('UNKNOWN');
    expect(statusOf((await submit(w, { FTE: '250', REAL_ESTATE: 'OWNS' })).report, 'CO2_ROADMAP')).toBe('NOT_APPLICABLE');
    expect(statusOf((await submit(w, { FTE: '900', REAL_ESTATE: 'RENTS' })).report, 'CO2_ROADMAP')).toBe('NOT_APPLICABLE');
  });

  it('mobility plan (seed 001, GDDZ 3.0 art. 4.2.e): only for more than 100 FTE', async () => {
    const w = await world();
    expect(statusOf((await submit(w, { FTE: '100', REAL_ESTATE: 'NONE', MOBILITY_PLAN: 'false' })).report, 'MOBILITY_PLAN')).toBe('NOT_APPLICABLE');
    expect(statusOf((await submit(w, { FTE: '100.5', REAL_ESTATE: 'NONE', MOBILITY_PLAN: 'false' })).report, 'MOBILITY_PLAN')).toBe('NOT_MET');
    expect(statusOf((await submit(w, { FTE: '101', REAL_ESTATE: 'NONE', MOBILITY_PLAN: 'true' })).report, 'MOBILITY_PLAN')).toBe('MET');
    expect(statusOf((await submit(w, { FTE: '101', REAL_ESTATE: 'NONE' })).report, 'MOBILITY_PLAN')).toBe('UNKNOWN');
  });

  it('strategy (seeds 000-004) and reporting: CSRD, else a sustainability section in an obliged annual report (seed 001)', async () => {
    const w = await world();
    const base2 = { FTE: '50', REAL_ESTATE: 'NONE' };
    let r = (await submit(w, { ...base2, SUSTAINABILITY_IN_STRATEGY: 'false', CSRD_OBLIGED: 'true' })).report;
    expect([statusOf(r, 'STRATEGY'), statusOf(r, 'REPORTING')]).toEqual(['NOT_MET', 'MET']);
    r = (await submit(w, { ...base2, SUSTAINABILITY_IN_STRATEGY: 'true', CSRD_OBLIGED: 'false', ANNUAL_REPORT_OBLIGED: 'true', ANNUAL_REPORT_SUSTAINABILITY_SECTION: 'false' })).report;
    expect([statusOf(r, 'STRATEGY'), statusOf(r, 'REPORTING')]).toEqual(['MET', 'NOT_MET']);
    r = (await submit(w, { ...base2, CSRD_OBLIGED: 'false', ANNUAL_REPORT_OBLIGED: 'true', ANNUAL_REPORT_SUSTAINABILITY_SECTION: 'true' })).report;
    expect([statusOf(r, 'STRATEGY'), statusOf(r, 'REPORTING')]).toEqual(['UNKNOWN', 'MET']);
    r = (await submit(w, { ...base2, CSRD_OBLIGED: 'false', ANNUAL_REPORT_OBLIGED: 'false' })).report;
    expect(statusOf(r, 'REPORTING')).toBe('NOT_APPLICABLE');
  });

  it('refuses wrong answers with codes and writes nothing; a correction with a stale version is refused', async () => {
    const w = await world();
    const wrong = await submit(w, { FTE: 'veel', REAL_ESTATE: 'CASTLE', NOPE: 'x', CO2_ROADMAP_DELIVERED: 'false', CO2_ROADMAP_DELIVERED_ON: '2023-05-01' });
    expect(wrong.report).toBeNull();
    expect(wrong.userErrors.map((e: any) => e.code).sort()).toEqual(['INCONSISTENT', 'INVALID_VALUE', 'INVALID_VALUE', 'UNKNOWN_QUESTION']);
    expect((await submit(w, { REAL_ESTATE: 'NONE' })).userErrors.map((e: any) => e.code)).toEqual(['REQUIRED']);
    expect(dataOf(await app.gql(REPORT, { agb: w.provider.agb, year: 2025 }, { token: w.providerToken })).sustainabilityReport).toBeNull();
    expect((await submit(w, { FTE: '10', REAL_ESTATE: 'NONE' })).report.version).toBe(1);
    expect((await submit(w, { FTE: '11', REAL_ESTATE: 'NONE' }, { expectedVersion: 0 })).userErrors.map((e: any) => e.code)).toEqual(['VERSION_CONFLICT']);
    expect((await submit(w, { FTE: '11', REAL_ESTATE: 'NONE' }, { expectedVersion: 1 })).report.version).toBe(2);
  });
});

describe('who may see a report (README "Who may see what")', () => {
  it('the provider and the insurer purchasing from it that year (any segment) read it; a competitor, a past insurer and the operator see it as missing', async () => {
    const w = await world();
    await submit(w, { FTE: '120', REAL_ESTATE: 'OWNS', CO2_SCOPE_1: '10.5' });
    // The body without extensions (the query cost), which a viewer's rights must not change either way.
    const read = async (token: string, year = 2025, agb = w.provider.agb) => {
      const { data, errors } = (await app.gql(REPORT, { agb, year }, { token })).body;
      return { data, errors };
    };
    expect((await read(w.providerToken)).data!.sustainabilityReport.co2Scope1Tonnes).toBe('10.50');
    expect((await read(w.insurerToken)).data!.sustainabilityReport.provider.agb).toBe(w.provider.agb);
    const missing = await read(w.insurerToken, 2026);
    expect(missing).toEqual({ data: { sustainabilityReport: null }, errors: undefined });
    expect(await read(w.competitorToken)).toEqual(missing);
    expect(await read(app.operatorToken)).toEqual(missing);
    expect(await read(w.competitorToken, 2025, '99999999')).toEqual(missing);
    // An offered (unsigned) contract does not open it.
    await app.contracts.contract({ insurer: w.competitor, provider: w.provider, segment: await app.contracts.seeded('MSZ'), firstYear: 2025, status: ContractStatus.OFFERED });
    expect(await read(w.competitorToken)).toEqual(missing);
    // A signed contract in another segment does (the request is not segment-specific).
    await app.contracts.contract({ insurer: w.competitor, provider: w.provider, segment: await app.contracts.seeded('MSZ'), firstYear: 2025 });
    expect((await read(w.competitorToken)).data!.sustainabilityReport.provider.agb).toBe(w.provider.agb);
  });

  it('a report is a Node: node(id) gives it to its readers only, and its id stays across corrections', async () => {
    const w = await world();
    const first = await submit(w, { FTE: '120', REAL_ESTATE: 'OWNS' });
    const id = dataOf(await app.gql(`query($agb: String!) { sustainabilityReport(providerAgb: $agb, year: 2025) { id } }`, { agb: w.provider.agb }, { token: w.providerToken })).sustainabilityReport.id;
    const corrected = dataOf(
      await app.gql(`mutation($input: SustainabilityAnswerSubmitInput!) { sustainabilityAnswerSubmit(input: $input) { report { id version } } }`, {
        input: { providerAgb: w.provider.agb, year: 2025, answers: answers({ FTE: '130', REAL_ESTATE: 'OWNS' }), expectedVersion: first.report.version },
      }, { token: w.providerToken }),
    ).sustainabilityAnswerSubmit.report;
    expect(corrected).toEqual({ id, version: 2 });
    const NODE = `query($id: ID!) { node(id: $id) { id ... on SustainabilityReport { year version provider { agb } answers { code value } } } }`;
    const read = async (token: string) => {
      const { data, errors } = (await app.gql(NODE, { id }, { token })).body;
      return { data, errors };
    };
    for (const token of [w.providerToken, w.insurerToken]) {
      expect((await read(token)).data!.node).toEqual({ id, year: 2025, version: 2, provider: { agb: w.provider.agb }, answers: [{ code: 'FTE', value: '130' }, { code: 'REAL_ESTATE', value: 'OWNS' }] });
    }
    for (const token of [w.competitorToken, app.operatorToken]) expect(await read(token)).toEqual({ data: { node: null }, errors: undefined });
    const list = dataOf(await app.gql(VALUE_CHAIN.replace('report { version }', 'report { id version }'), { year: 2025 }, { token: w.insurerToken })).sustainabilityValueChain;
    expect(list.providers[0].report).toEqual({ id, version: 2 });
  });

  it('the request of a year is a Node too, readable by every principal', async () => {
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: await app.factory.insurer() });
    const request = dataOf(await app.gql('{ sustainabilityRequest(year: 2025) { id year questions { code } } }', {}, { token })).sustainabilityRequest;
    const node = dataOf(await app.gql('query($id: ID!) { node(id: $id) { id ... on SustainabilityRequest { year questions { code } } } }', { id: request.id }, { token })).node;
    expect(node).toEqual(request);
    const [type] = Buffer.from(request.id, 'base64url').toString().split(':');
    for (const id of [`${type}:2019`, `${type}:999999999999999`, 'SustainabilityReport:999999999999999']) {
      expect(dataOf(await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: Buffer.from(id).toString('base64url') }, { token })).node).toBeNull();
    }
  });

  it('only the provider itself answers: another provider or an insurer gets NOT_FOUND', async () => {
    const w = await world();
    const other = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: await app.factory.provider() });
    for (const token of [other, w.insurerToken, app.operatorToken]) {
      const r = dataOf(await app.gql(SUBMIT, { input: { providerAgb: w.provider.agb, year: 2025, answers: answers({ FTE: '1', REAL_ESTATE: 'NONE' }) } }, { token }));
      expect(r.sustainabilityAnswerSubmit.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    }
  });

  it('the value chain lists exactly the insurer’s purchased providers, with an exact aggregate over them', async () => {
    const w = await world();
    const second = await app.factory.provider();
    await app.contracts.contract({ insurer: w.insurer, provider: second, segment: await app.contracts.seeded('MSZ'), firstYear: 2024, lastYear: 2025 });
    const stranger = await app.factory.provider();
    await app.contracts.contract({ insurer: w.competitor, provider: stranger, segment: await app.contracts.seeded('MSZ'), firstYear: 2025 });
    await submit(w, { FTE: '300', REAL_ESTATE: 'OWNS', CO2_ROADMAP_DELIVERED: 'false', MOBILITY_PLAN: 'true', CO2_SCOPE_1: '10.125', CO2_SCOPE_2: '1' });
    const secondToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: second });
    await app.gql(SUBMIT, { input: { providerAgb: second.agb, year: 2025, answers: answers({ FTE: '20', REAL_ESTATE: 'RENTS', CO2_SCOPE_1: '0.875' }) } }, { token: secondToken });
    const strangerToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: stranger });
    await app.gql(SUBMIT, { input: { providerAgb: stranger.agb, year: 2025, answers: answers({ FTE: '20', REAL_ESTATE: 'RENTS', CO2_SCOPE_1: '1000' }) } }, { token: strangerToken });

    const chain = dataOf(await app.gql(VALUE_CHAIN, { year: 2025 }, { token: w.insurerToken })).sustainabilityValueChain;
    expect(chain.providers.map((p: any) => p.provider.agb).sort()).toEqual([w.provider.agb, second.agb].sort());
    expect(chain.aggregate).toMatchObject({ providerCount: 2, answeredCount: 2 });
    expect(chain.aggregate.co2Totals).toEqual([
      { scope: 1, tonnes: '11.000', providerCount: 2 },
      { scope: 2, tonnes: '1.000', providerCount: 1 },
      { scope: 3, tonnes: '0.000', providerCount: 0 },
    ]);
    const count = (o: string, s: string) => chain.aggregate.statusCounts.find((c: any) => c.obligation === o && c.status === s).providerCount;
    expect([count('CO2_ROADMAP', 'NOT_MET'), count('CO2_ROADMAP', 'NOT_APPLICABLE'), count('MOBILITY_PLAN', 'MET')]).toEqual([1, 1, 1]);

    const providerView = await app.gql(VALUE_CHAIN, { year: 2025 }, { token: w.providerToken });
    expect(providerView.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const operatorView = await app.gql(VALUE_CHAIN, { year: 2025 }, { token: app.operatorToken });
    expect(operatorView.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the value chain as a connection (seed 001 Bijlage 1: the insurer\'s CSRD value chain)', () => {
  const ROWS = `query($year: Int!, $first: Int, $after: String) { sustainabilityValueChain(year: $year) {
    rows(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { provider { agb } report { version } } } nodes { provider { agb } } }
    aggregate { providerCount answeredCount statusCounts { obligation status providerCount } co2Totals { scope tonnes providerCount } } } }`;

  it('pages through exactly the listed providers, while the aggregate stays over all of them whatever the page', async () => {
    const w = await world();
    const others = [await app.factory.provider(), await app.factory.provider()];
    for (const p of others) await app.contracts.contract({ insurer: w.insurer, provider: p, segment: await app.contracts.seeded('MSZ'), firstYear: 2025 });
    await submit(w, { FTE: '300', REAL_ESTATE: 'OWNS', CO2_SCOPE_1: '2.5' });
    const read = async (vars: Record<string, unknown>) => dataOf(await app.gql(ROWS, { year: 2025, ...vars }, { token: w.insurerToken })).sustainabilityValueChain;
    const list = dataOf(await app.gql(VALUE_CHAIN, { year: 2025 }, { token: w.insurerToken })).sustainabilityValueChain;

    const first = await read({ first: 2 });
    expect(first.rows).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const second = await read({ first: 2, after: first.rows.pageInfo.endCursor });
    expect(second.rows).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const paged = [...first.rows.edges, ...second.rows.edges].map((e: any) => e.node);
    expect(paged).toEqual(list.providers);
    expect(first.rows.nodes).toEqual(first.rows.edges.map((e: any) => ({ provider: e.node.provider })));

    // The aggregate is the same for every page, an empty one included: paging cannot shape it.
    const empty = await read({ first: 0 });
    expect(empty.rows.edges).toEqual([]);
    for (const page of [first, second, empty]) expect(page.aggregate).toEqual(list.aggregate);
    expect(first.aggregate).toMatchObject({ providerCount: 3, answeredCount: 1 });

    // A stranger's provider is in no page, and the competitor has no rows at all.
    const competitorView = dataOf(await app.gql(ROWS, { year: 2025, first: 100 }, { token: w.competitorToken })).sustainabilityValueChain;
    expect(competitorView.rows).toMatchObject({ totalCount: 0, edges: [] });
    expect(competitorView.aggregate).toMatchObject({ providerCount: 0, answeredCount: 0 });
  });

  it('refuses a forged cursor and a page above the cap, as every connection does; the old list is deprecated', async () => {
    const w = await world();
    const forged = await app.gql(ROWS, { year: 2025, first: 1, after: 'not-a-cursor' }, { token: w.insurerToken });
    expect(forged.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const huge = await app.gql(ROWS, { year: 2025, first: 101 }, { token: w.insurerToken });
    expect(huge.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = dataOf(await app.gql('{ __type(name: "SustainabilityValueChain") { fields(includeDeprecated: true) { name isDeprecated } } }', {}, { token: w.insurerToken })).__type.fields;
    expect(fields).toEqual(expect.arrayContaining([{ name: 'providers', isDeprecated: true }, { name: 'rows', isDeprecated: false }]));
  });
});

/** Posts an answer file as the multipart request of sustainabilityAnswerUpload. */
async function uploadFile(w: World, content: string | Buffer, dryRun: boolean, filename = 'duurzaamheid.csv') {
  const operations = JSON.stringify({ query: UPLOAD, variables: { input: { file: null, providerAgb: w.provider.agb, year: 2025, dryRun } } });
  const body = multipartBody([
    { name: 'operations', value: operations },
    { name: 'map', value: JSON.stringify({ 0: ['variables.input.file'] }) },
    { name: '0', value: Buffer.isBuffer(content) ? content : Buffer.from(content), filename },
  ]);
  const response = await postRaw(`${app.url}`, multipartHeaders(w.providerToken), body);
  return JSON.parse(response.text).data.sustainabilityAnswerUpload;
}

describe('answers as a CSV file (seed 001 Bijlage 1; ZN upload conventions)', () => {
  const upload = (w: World, csv: string, dryRun: boolean) => uploadFile(w, csv, dryRun);
  const readReport = async (w: World) => dataOf(await app.gql(REPORT, { agb: w.provider.agb, year: 2025 }, { token: w.providerToken })).sustainabilityReport;

  it('a dry run reports the compliance and writes nothing; then the real run writes', async () => {
    const w = await world();
    const csv = 'sep=;\ncode;value\nFTE;300,5\nREAL_ESTATE;owns\nMOBILITY_PLAN;ja\nCO2_SCOPE_3;12,5\n';
    const dry = await upload(w, csv, true);
    expect(dry).toMatchObject({ dryRun: true, written: false, rowCount: 4, problems: [], report: null });
    expect(dry.compliance).toContainEqual({ obligation: 'MOBILITY_PLAN', status: 'MET' });
    expect(await readReport(w)).toBeNull();
    const real = await upload(w, csv, false);
    expect(real).toMatchObject({ written: true, report: { version: 1 } });
    expect((await readReport(w)).co2Scope3Tonnes).toBe('12.50');
  });

  it('a file with a wrong row is rejected with row, column, code and message, and nothing is written', async () => {
    const w = await world();
    const result = await upload(w, 'code,value\nFTE,300\nREAL_ESTATE,castle\nFTE,301\n', false);
    expect(result.written).toBe(false);
    expect(result.problems).toEqual([
      { row: 3, column: 'value', code: 'INVALID_VALUE', message: expect.stringContaining('REAL_ESTATE') },
      { row: 4, column: 'code', code: 'DUPLICATE_QUESTION', message: expect.any(String) },
    ]);
    expect(await readReport(w)).toBeNull();
    const noColumn = await upload(w, 'vraag;iets\nFTE;3\n', false);
    expect(noColumn.problems).toEqual([{ row: 1, column: 'value', code: 'MISSING_COLUMN', message: expect.any(String) }]);
    expect(await readReport(w)).toBeNull();
  });
});

describe('answers as an XLSX file (seed 001 Bijlage 1; ZN upload conventions)', () => {
  const readReport = async (w: World) => dataOf(await app.gql(REPORT, { agb: w.provider.agb, year: 2025 }, { token: w.providerToken })).sustainabilityReport;

  it('reads the first sheet (header row, then one row per question) with typed cells; a dry run writes nothing, the real run does', async () => {
    const w = await world();
    const workbook = await xlsxOf([
      [1, ['Vraag', 'Antwoord', 'Toelichting']],
      [2, ['FTE', 300.5]],
      [4, ['REAL_ESTATE', 'owns', 'row 3 is empty']],
      [5, ['CO2_ROADMAP_DELIVERED', { bool: true }]],
      [6, ['CO2_ROADMAP_DELIVERED_ON', { date: excelDay('2023-11-20') }]],
      [7, ['MOBILITY_PLAN', 'ja']],
      [8, ['CO2_SCOPE_1', 1250.125]],
      [9, ['CO2_SCOPE_2', { number: '370.34999999999997' }]],
      [10, ['CO2_SCOPE_3', null]],
    ]);
    const dry = await uploadFile(w, workbook, true, 'duurzaamheid.xlsx');
    expect(dry).toMatchObject({ dryRun: true, written: false, rowCount: 8, problems: [], report: null });
    expect(dry.compliance).toContainEqual({ obligation: 'CO2_ROADMAP', status: 'MET' });
    expect(await readReport(w)).toBeNull();

    const real = await uploadFile(w, workbook, false, 'duurzaamheid.xlsx');
    expect(real).toMatchObject({ written: true, problems: [], report: { version: 1 } });
    const report = await readReport(w);
    expect(report.answers).toEqual([
      { code: 'FTE', value: '300.5' },
      { code: 'REAL_ESTATE', value: 'OWNS' },
      { code: 'CO2_ROADMAP_DELIVERED', value: 'true' },
      { code: 'CO2_ROADMAP_DELIVERED_ON', value: '2023-11-20' },
      { code: 'MOBILITY_PLAN', value: 'true' },
      { code: 'CO2_SCOPE_1', value: '1250.125' },
      { code: 'CO2_SCOPE_2', value: '370.35' },
    ]);
    expect(report.co2Scope1Tonnes).toBe('1250.125');
    expect(statusOf(report, 'MOBILITY_PLAN')).toBe('MET');
  });

  it('reads a date cell as the day it shows, in the 1904 date system of old Mac workbooks too (seeds 002-004: the roadmap deadline)', async () => {
    const w = await world();
    const rows = (day: number): [number, (string | number | { date: number })[]][] => [
      [1, ['code', 'value']],
      [2, ['FTE', 400]],
      [3, ['REAL_ESTATE', 'OWNS']],
      [4, ['CO2_ROADMAP_DELIVERED', 'ja']],
      [5, ['CO2_ROADMAP_DELIVERED_ON', { date: day }]],
    ];
    const mac = await zipOf(workbookParts(rows(excelDay('2024-01-02', 1904)), { date1904: true }));
    const result = await uploadFile(w, mac, false, 'duurzaamheid.xlsx');
    expect(result.problems).toEqual([]);
    expect(result.compliance).toContainEqual({ obligation: 'CO2_ROADMAP', status: 'NOT_MET' });
    expect((await readReport(w)).answers).toContainEqual({ code: 'CO2_ROADMAP_DELIVERED_ON', value: '2024-01-02' });
    const windows = await uploadFile(w, await xlsxOf(rows(excelDay('2024-01-01'))), false, 'duurzaamheid.xlsx');
    expect(windows.compliance).toContainEqual({ obligation: 'CO2_ROADMAP', status: 'MET' });
  });

  it('knows a workbook by its content whatever its name, as the ZN upload does', async () => {
    const w = await world();
    const workbook = await xlsxOf([
      [1, ['code', 'value']],
      [2, ['FTE', 12]],
      [3, ['REAL_ESTATE', 'NONE']],
    ]);
    expect(await uploadFile(w, workbook, false, 'antwoorden')).toMatchObject({ written: true, problems: [], report: { version: 1 } });
    // A name that says CSV for a zip is refused, as in the ZN upload.
    const misnamed = await uploadFile(w, workbook, false, 'antwoorden.csv');
    expect(misnamed).toMatchObject({ written: false, problems: [{ row: null, column: null, code: 'INVALID_FILE', message: expect.stringContaining('zip') }] });
    expect((await readReport(w)).version).toBe(1);
  });

  it('reports every wrong row by its sheet row number, with column, code and message, and writes nothing', async () => {
    const w = await world();
    const workbook = await xlsxOf([
      [3, ['code', 'value']],
      [4, ['FTE', 300]],
      [7, ['REAL_ESTATE', 'castle']],
      [9, ['MOBILITY_PLAN', { formula: 'IF(B4>100,"ja","nee")', cached: 'ja' }]],
      [10, ['FTE', 301]],
      [12, ['PARKING_SPACES', 40]],
    ]);
    const result = await uploadFile(w, workbook, false, 'duurzaamheid.xlsx');
    expect(result).toMatchObject({ written: false, report: null, compliance: [] });
    expect(result.problems).toEqual([
      { row: 7, column: 'value', code: 'INVALID_VALUE', message: expect.stringContaining('REAL_ESTATE') },
      { row: 9, column: 'value', code: 'INVALID_VALUE', message: expect.stringContaining('formula') },
      { row: 10, column: 'code', code: 'DUPLICATE_QUESTION', message: expect.any(String) },
      { row: 12, column: 'code', code: 'UNKNOWN_QUESTION', message: expect.stringContaining('PARKING_SPACES') },
    ]);
    expect(await readReport(w)).toBeNull();

    const noValue = await uploadFile(w, await xlsxOf([[2, ['vraag', 'opmerking']], [3, ['FTE', 3]]]), false, 'duurzaamheid.xlsx');
    expect(noValue.problems).toEqual([{ row: 2, column: 'value', code: 'MISSING_COLUMN', message: expect.any(String) }]);
    expect(await readReport(w)).toBeNull();
  });

  it('a damaged, bomb-like, oversized or endless workbook gets a clear file error, writes nothing, and the server carries on', async () => {
    const w = await world();
    const good = await xlsxOf([[1, ['code', 'value']], [2, ['FTE', 12]], [3, ['REAL_ESTATE', 'NONE']]]);
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    // 40 MB of sheet XML deflates to a few tens of kilobytes: a zip bomb within the 256 KB file limit.
    const bomb = await zipOf(workbookParts([], { sheetXml: Buffer.alloc(40 * 1024 * 1024, ' ') }));
    // 3 MB that deflates over a thousand times: refused by the ratio limit before it is inflated.
    const dense = await zipOf(workbookParts([], { sheetXml: Buffer.alloc(3 * 1024 * 1024, ' ') }));
    const endless = await xlsxOf([[1, ['code', 'value']], ...Array.from({ length: 600 }, (_, i): [number, string[]] => [i + 2, ['FTE', '1']])]);
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', truncated, /damaged|incomplete/],
      ['bomb', bomb, /unpacks to \d+ bytes, more than the limit/],
      ['dense', dense, /times its packed size/],
      ['garbage zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /damaged|incomplete/],
      ['too large', Buffer.concat([good, Buffer.alloc(300 * 1024)]), /larger than/],
      ['endless', endless, /more than 500 rows/],
    ];
    expect(bomb.length).toBeLessThan(256 * 1024);
    for (const [name, bytes, message] of cases) {
      const result = await uploadFile(w, bytes, false, 'duurzaamheid.xlsx');
      expect({ name, ...result }).toMatchObject({ name, written: false, report: null, problems: [{ row: null, column: null, code: 'INVALID_FILE', message: expect.stringMatching(message) }] });
    }
    expect(await readReport(w)).toBeNull();
    expect(await uploadFile(w, good, false, 'duurzaamheid.xlsx')).toMatchObject({ written: true, report: { version: 1 } });
  });
});
