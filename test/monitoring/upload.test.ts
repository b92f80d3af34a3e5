import { startTestApp, useTestApp, dataOf, errorCodes } from '../support/app';
import { csv, fixture } from '../factories/monitoring';
import { codesOf, upload, uploadMultipart, UPLOAD } from '../support/monitoring';
import { Provider, ProviderKind } from '../../src/provider/provider.entity';
import { MonitoringSubmission } from '../../src/monitoring/submission/submission.entity';
import { AuditEvent } from '../../src/auth/audit-event.entity';

/**
 * The ZN rules of shared/ZN-FORMAT.md through the GraphQL multipart upload, one fixture file per rule
 * (test/fixtures/zn), plus the database rules, dry run, both error policies and idempotency. The app runs
 * with batches of 2 rows, so every multi-row file streams through several batches.
 */
const app = useTestApp({ env: { ZN_BATCH_SIZE: '2', ZN_MAX_UPLOAD_BYTES: '30000', ZN_MAX_ROWS: '50' } });
let cfA: Provider;
let cfB: Provider;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  cfA = await app.monitoring.fixtureFunction('01234567');
  cfB = await app.monitoring.fixtureFunction('07654321');
  tokenA = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cfA });
  tokenB = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: cfB });
});
beforeEach(async () => {
  await app.monitoring.resetSubmissions(cfA);
  await app.monitoring.resetSubmissions(cfB);
});

async function submissionsOf(provider: Provider): Promise<MonitoringSubmission[]> {
  return app.orm.em.fork().find(MonitoringSubmission, { provider: provider.id }, { orderBy: { year: 'asc', period: 'asc' } });
}

const FIGURES = `figures { stayType registrations inflow notPlaceable deflectedFirstLine savingEur requiredCapacityBeds outflowAfterAdmission averageLengthOfStayDays }`;

async function submission(agb: string, year: number, period: string, token: string) {
  const data = dataOf(
    await app.gql(
      `query($agb: String!, $year: Int!, $period: MonitoringPeriod!) {
        monitoringSubmission(coordinationFunctionAgb: $agb, year: $year, period: $period) { id status version ${FIGURES} versions { version ${FIGURES} } }
      }`,
      { agb, year, period },
      { token },
    ),
  );
  return data.monitoringSubmission;
}

describe('ZN file rules (ZN-FORMAT.md), each with its fixture: the file is rejected and nothing is written', () => {
  const nextYear = new Date().getFullYear() + 1;
  it.each([
    ['empty.csv', 'EMPTY_FILE', null, null],
    ['header-only.csv', 'NO_ROWS', null, null],
    ['missing-header.csv', 'MISSING_HEADER', null, null],
    ['missing-column.csv', 'MISSING_COLUMN', 1, 'instroom'],
    ['duplicate-column.csv', 'DUPLICATE_COLUMN', 1, 'agb_code'],
    ['missing-value.csv', 'MISSING_VALUE', 3, 'instroom'],
    ['too-many-values.csv', 'TOO_MANY_VALUES', 3, null],
    ['invalid-agb.csv', 'INVALID_AGB', 3, 'agb_code'],
    ['invalid-year.csv', 'INVALID_YEAR', 3, 'verslagjaar'],
    ['invalid-period.csv', 'INVALID_PERIOD', 3, 'periode'],
    ['invalid-stay-type.csv', 'INVALID_STAY_TYPE', 3, 'type_verblijf'],
    ['invalid-integer.csv', 'INVALID_INTEGER', 3, 'aanmeldingen'],
    ['negative-value.csv', 'NEGATIVE_VALUE', 3, 'instroom'],
    ['thousands-separator.csv', 'THOUSANDS_SEPARATOR', 3, 'aanmeldingen'],
    ['value-too-large.csv', 'VALUE_TOO_LARGE', 3, 'aanmeldingen'],
    ['invalid-decimal.csv', 'INVALID_DECIMAL', 3, 'besparing_eur'],
    ['inflow-exceeds-registrations.csv', 'INFLOW_EXCEEDS_REGISTRATIONS', 3, 'instroom'],
    ['not-placeable-exceeds-registrations.csv', 'NOT_PLACEABLE_EXCEEDS_REGISTRATIONS', 3, 'niet_plaatsbaar'],
    ['duplicate-row.csv', 'DUPLICATE_ROW', 4, null],
    ['mixed-periods.csv', 'MIXED_PERIODS', 4, 'periode'],
    ['unclosed-quote.csv', 'INVALID_CSV', null, null],
    ['utf16.csv', 'ENCODING', null, null],
    ['mixed-encoding.csv', 'ENCODING', null, null],
    ['binary.bin', 'UNSUPPORTED_FORMAT', null, null],
    ['document.pdf', 'UNSUPPORTED_FORMAT', null, null],
    ['legacy.xls', 'UNSUPPORTED_FORMAT', null, null],
    ['damaged.xlsx', 'CORRUPT_XLSX', null, null],
    ['truncated.xlsx', 'CORRUPT_XLSX', null, null],
    ['not-a-workbook.zip', 'UNSUPPORTED_FORMAT', null, null],
    ['lying-size.xlsx', 'CORRUPT_XLSX', null, null],
    ['zip-bomb.xlsx', 'ZIP_BOMB', null, null],
    ['formula.xlsx', 'FORMULA_NOT_ALLOWED', 3, 'instroom'],
    ['date.xlsx', 'DATE_NOT_ALLOWED', 3, 'aanmeldingen'],
    ['agb-as-number.xlsx', 'INVALID_AGB', 2, 'agb_code'],
  ])('%s: %s', async (name, code, row, column) => {
    // when
    const summary = await upload(app, fixture(name), { token: tokenA, filename: name });
    // then
    expect(summary.outcome).toBe('REJECTED');
    expect(summary.problems).toContainEqual(expect.objectContaining({ code, severity: 'ERROR', row, column }));
    for (const p of summary.problems) expect(p.message.length).toBeGreaterThan(15);
    expect(summary.created + summary.updated + summary.unchanged).toBe(0);
    expect(summary.rejected).toBe(summary.rowsRead);
    expect(summary.import).toBeNull();
    expect(await submissionsOf(cfA)).toEqual([]);
  });

  it(`future-year.csv: FUTURE_YEAR for a year after this one (the fixture's year made ${nextYear})`, async () => {
    const file = Buffer.from(fixture('future-year.csv').toString('latin1').replace(/;2026;/g, `;${nextYear};`), 'latin1');
    const summary = await upload(app, file, { token: tokenA });
    expect(summary.outcome).toBe('REJECTED');
    expect(summary.problems).toEqual([expect.objectContaining({ code: 'FUTURE_YEAR', row: 3, column: 'verslagjaar' })]);
    expect(await submissionsOf(cfA)).toEqual([]);
  });

  it('refuses an AGB code that is not a registered coordination function, and one the uploader may not report for', async () => {
    // given a hospital and an unregistered code, beside the other coordination function
    const hospital = await app.monitoring.base.provider({ kind: ProviderKind.HOSPITAL });
    const file = csv([`01234567;2024;JAAR;GRZ;10;8;1`, `${hospital.agb};2024;JAAR;GRZ;10;8;1`, `99999998;2024;JAAR;GRZ;10;8;1`, `07654321;2024;JAAR;GRZ;4;4;0`]);
    // when
    const summary = await upload(app, file, { token: tokenA });
    // then
    expect(summary.outcome).toBe('REJECTED');
    expect(summary.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [3, 'agb_code', 'UNKNOWN_COORDINATION_FUNCTION'],
      [4, 'agb_code', 'UNKNOWN_COORDINATION_FUNCTION'],
      [5, 'agb_code', 'NOT_ALLOWED_TO_REPORT'],
    ]);
    expect(await submissionsOf(cfA)).toEqual([]);
    expect(await submissionsOf(cfB)).toEqual([]);
  });
});

describe('warnings: the file is imported and the warning reported', () => {
  it('unknown-column.csv: UNKNOWN_COLUMN, the column ignored', async () => {
    const summary = await upload(app, fixture('unknown-column.csv'), { token: tokenA });
    expect(summary.outcome).toBe('APPLIED');
    expect(summary.problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_COLUMN', severity: 'WARNING', row: 1, column: 'opmerking' })]);
    expect(summary.created).toBe(1);
  });

  it('outflow-exceeds-inflow.csv: OUTFLOW_EXCEEDS_INFLOW on row 3', async () => {
    const summary = await upload(app, fixture('outflow-exceeds-inflow.csv'), { token: tokenA });
    expect(summary.outcome).toBe('APPLIED');
    expect(summary.problems).toEqual([expect.objectContaining({ code: 'OUTFLOW_EXCEEDS_INFLOW', severity: 'WARNING', row: 3, column: 'uitstroom_na_opname' })]);
    expect(summary.warningCount).toBe(1);
    expect(summary.created).toBe(2);
  });

  // A file in year order (ascending or descending per function) is compared while it streams; any other order
  // leaves the comparison to the database. All must find the same outliers.
  it.each([
    {
      order: 'in year order',
      rows: ['01234567;2023;JAAR;GRZ;150;80;16', '01234567;2023;JAAR;OVERIG;10;5;0', '01234567;2024;JAAR;GRZ;45;30;16'],
      expected: [[2, 'niet_plaatsbaar'], [4, 'aanmeldingen'], [4, 'instroom']],
    },
    {
      order: 'in reverse year order',
      rows: ['01234567;2024;JAAR;GRZ;45;30;16', '01234567;2023;JAAR;GRZ;150;80;16', '01234567;2023;JAAR;OVERIG;10;5;0'],
      expected: [[2, 'aanmeldingen'], [2, 'instroom'], [3, 'niet_plaatsbaar']],
    },
    {
      // GRZ goes 2023, 2024, then back to 2021: the database compares
      order: 'out of year order',
      rows: ['01234567;2023;JAAR;GRZ;150;80;16', '01234567;2024;JAAR;GRZ;45;30;16', '01234567;2023;JAAR;OVERIG;10;5;0', '01234567;2021;JAAR;GRZ;100;80;10'],
      expected: [[2, 'niet_plaatsbaar'], [3, 'aanmeldingen'], [3, 'instroom']],
    },
  ])('OUTLIER: a figure that changes by more than 50% against the year before, stored or in the same file ($order)', async ({ rows, expected }) => {
    // given 2022 stored
    await upload(app, csv(['01234567;2022;JAAR;GRZ;100;80;10', '01234567;2022;JAAR;OVERIG;10;5;0']), { token: tokenA });
    // when 2023 (+50% exactly and +60%) against the stored year, and 2024 (-70%) against 2023 in the file
    const summary = await upload(app, csv(rows), { token: tokenA });
    // then
    expect(summary.outcome).toBe('APPLIED');
    expect(summary.problems.map((p: any) => [p.row, p.column, p.code, p.severity])).toEqual(expected.map(([row, column]) => [row, column, 'OUTLIER', 'WARNING']));
    expect(summary.problems.find((p: any) => p.column === 'niet_plaatsbaar').message).toContain('60% more than 10 in 2022');
    expect(summary.problems.find((p: any) => p.column === 'aanmeldingen').message).toContain('45 is 70% less than 150 in 2023');
    expect(summary.created).toBe(rows.length);
  });

  const NEUTRAL = '01234567;2023;JAAR;OVERIG;10;8;1;;';
  it.each([
    { order: 'in year order', rows: ['01234567;2023;JAAR;GRZ;10;8;1;0,45;15,2', '01234567;2024;JAAR;GRZ;10;8;1;0,225;7,52', NEUTRAL], expected: [2, 3] },
    { order: 'in reverse year order', rows: ['01234567;2024;JAAR;GRZ;10;8;1;0,225;7,52', '01234567;2023;JAAR;GRZ;10;8;1;0,45;15,2', NEUTRAL], expected: [3, 2] },
    {
      order: 'out of year order',
      rows: [NEUTRAL, '01234567;2024;JAAR;GRZ;10;8;1;0,225;7,52', '01234567;2023;JAAR;GRZ;10;8;1;0,45;15,2', '01234567;2025;JAAR;GRZ;10;8;1;;'],
      expected: [4, 3],
    },
  ])('OUTLIER on decimals: exact at the limit, in the file and against the stored year ($order)', async ({ rows, expected }) => {
    // given 2022 stored: saving 0.3, length of stay 10.1
    const header = 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;besparing_eur;gemiddelde_ligduur_dagen';
    await upload(app, csv(['01234567;2022;JAAR;GRZ;10;8;1;0,3;10,1'], header), { token: tokenA });
    // when 2023 has +50% exactly (0.45) and +50.5% (15.2), and 2024 -50% exactly (0.225) and -50.5% (7.52)
    const summary = await upload(app, csv(rows, header), { token: tokenA });
    // then only the figures beyond 50% are flagged: 2023 against 2022, 2024 against 2023
    expect(summary.outcome).toBe('APPLIED');
    expect(summary.problems.map((p: any) => [p.row, p.column, p.code])).toEqual(
      [...expected].sort().map((row) => [row, 'gemiddelde_ligduur_dagen', 'OUTLIER']),
    );
    expect(summary.problems.find((p: any) => p.row === expected[0]).message).toContain('15.2 is 50% more than 10.1 in 2022');
    expect(summary.problems.find((p: any) => p.row === expected[1]).message).toContain('7.52 is 51% less than 15.2 in 2023');
  });

  it.each([
    { order: 'in year order', rows: ['01234567;2022;JAAR;GRZ;200;80;10', '01234567;2023;JAAR;GRZ;210;80;10'] },
    { order: 'in reverse year order', rows: ['01234567;2023;JAAR;GRZ;210;80;10', '01234567;2022;JAAR;GRZ;200;80;10'] },
    { order: 'out of year order', rows: ['01234567;2023;JAAR;GRZ;210;80;10', '01234567;2022;JAAR;GRZ;200;80;10', '01234567;2024;JAAR;GRZ;210;80;10'] },
  ])('OUTLIER: the year before in the file replaces the stored one as the base ($order)', async ({ rows }) => {
    // given 2022 stored with GRZ 100
    await upload(app, csv(['01234567;2022;JAAR;GRZ;100;80;10']), { token: tokenA });
    // when the file corrects 2022 to 200 and adds 2023 with 210 (+5% on the file's 2022, +110% on the stored one)
    const summary = await upload(app, csv(rows), { token: tokenA });
    // then nothing is flagged
    expect(summary).toMatchObject({ outcome: 'APPLIED', warningCount: 0, problems: [] });
  });

  it.each([
    { order: 'by year', rows: ['2022;H1;GRZ;10;8;1', '2022;H2;GRZ;10;8;1', '2023;H1;GRZ;11;8;1', '2023;H2;GRZ;30;8;1'], expected: [5] },
    { order: 'by period', rows: ['2022;H1;GRZ;10;8;1', '2023;H1;GRZ;11;8;1', '2022;H2;GRZ;10;8;1', '2023;H2;GRZ;30;8;1'], expected: [5] },
    { order: 'by period, H2 first', rows: ['2022;H2;GRZ;10;8;1', '2023;H2;GRZ;30;8;1', '2022;H1;GRZ;10;8;1', '2023;H1;GRZ;11;8;1'], expected: [3] },
  ])('OUTLIER: each period is its own series, whether the file runs by year or by period ($order)', async ({ rows, expected }) => {
    const summary = await upload(app, csv(rows.map((r) => `01234567;${r}`)), { token: tokenA });
    expect(summary.problems.map((p: any) => [p.row, p.column])).toEqual(expected.map((row) => [row, 'aanmeldingen']));
  });

  it('OUTLIER: a file that turns out of order half-way is compared as a whole once, by the database', async () => {
    // when 2022 and 2023 come in order (2023 doubles), then 2021 (half of 2022) breaks the order
    const summary = await upload(app, csv(['01234567;2022;JAAR;GRZ;100;80;10', '01234567;2023;JAAR;GRZ;200;80;10', '01234567;2021;JAAR;GRZ;50;40;5']), {
      token: tokenA,
    });
    // then every outlier is reported once: 2022 against 2021 (row 2), 2023 against 2022 (row 3)
    expect(summary.problems.map((p: any) => [p.row, p.column])).toEqual([
      [2, 'aanmeldingen'],
      [2, 'instroom'],
      [2, 'niet_plaatsbaar'],
      [3, 'aanmeldingen'],
    ]);
    expect(summary.warningCount).toBe(4);
  });
});

describe('formats', () => {
  it('reads comma-delimited UTF-8 with quotes and a decimal comma', async () => {
    const summary = await upload(app, fixture('utf8-comma.csv'), { token: tokenA, filename: 'utf8-comma.csv' });
    expect(summary).toMatchObject({ outcome: 'APPLIED', format: 'CSV', rowsRead: 2, created: 2, rejected: 0 });
    expect(summary.problems.map((p: any) => p.code)).toEqual(['UNKNOWN_COLUMN']);
    const stored = await submission('01234567', 2024, 'JAAR', tokenA);
    expect(stored.figures).toEqual([
      expect.objectContaining({ stayType: 'ELV_PALLIATIEF', registrations: 12, inflow: 10, notPlaceable: 1, savingEur: '1234.50' }),
      expect.objectContaining({ stayType: 'OVERIG', registrations: 3, savingEur: '99.95' }),
    ]);
  });

  it.each(['windows-1252-semicolon.csv', 'utf8-bom-semicolon.csv'])(
    'reads %s (semicolons, Dutch headers, decimal comma), each coordination function its own rows under REJECT_FAILED_ROWS',
    async (name) => {
      // when each function uploads the shared file
      const byA = await upload(app, fixture(name), { token: tokenA, input: { rowErrorPolicy: 'REJECT_FAILED_ROWS' } });
      const byB = await upload(app, fixture(name), { token: tokenB, input: { rowErrorPolicy: 'REJECT_FAILED_ROWS' } });
      // then
      expect(byA).toMatchObject({ outcome: 'APPLIED', rowsRead: 3, created: 2, rejected: 1 });
      expect(byA.problems).toContainEqual(expect.objectContaining({ row: 4, code: 'NOT_ALLOWED_TO_REPORT' }));
      expect(byB).toMatchObject({ outcome: 'APPLIED', rowsRead: 3, created: 1, rejected: 2 });
      const a = await submission('01234567', 2024, 'JAAR', tokenA);
      expect(a.figures[0]).toEqual({
        stayType: 'ELV_LAAG',
        registrations: 120,
        inflow: 80,
        notPlaceable: 5,
        deflectedFirstLine: 3,
        savingEur: '1250.75',
        requiredCapacityBeds: null,
        outflowAfterAdmission: null,
        averageLengthOfStayDays: '23.50',
      });
      const b = await submission('07654321', 2024, 'JAAR', tokenB);
      expect(b.figures).toEqual([expect.objectContaining({ stayType: 'GRZ', registrations: 15, savingEur: '0.00' })]);
    },
  );

  it('reads an XLSX workbook (prefixed.xlsx) and the valid.xlsx rows this function may report', async () => {
    const prefixed = await upload(app, fixture('prefixed.xlsx'), { token: tokenA, filename: 'prefixed.xlsx' });
    expect(prefixed).toMatchObject({ outcome: 'APPLIED', format: 'XLSX', created: 1 });
    await app.monitoring.resetSubmissions(cfA); // prefixed.xlsx holds H2 2024; valid.xlsx the whole year
    const valid = await upload(app, fixture('valid.xlsx'), { token: tokenA, filename: 'valid.xlsx', input: { rowErrorPolicy: 'REJECT_FAILED_ROWS' } });
    expect(valid).toMatchObject({ outcome: 'APPLIED', format: 'XLSX', rowsRead: 3, created: 1, rejected: 2 });
    const stored = await submission('01234567', 2024, 'JAAR', tokenA);
    expect(stored.figures).toEqual([expect.objectContaining({ stayType: 'ELV_LAAG', registrations: 120, savingEur: '1250.75', averageLengthOfStayDays: '23.50' })]);
  });
});

describe('import semantics', () => {
  const FILE = csv(['01234567;2024;JAAR;GRZ;10;8;1', '01234567;2024;JAAR;OVERIG;5;3;0']);

  it('dry run reports exactly what would happen and writes nothing', async () => {
    const dry = await upload(app, FILE, { token: tokenA, input: { dryRun: true } });
    expect(dry).toMatchObject({ outcome: 'APPLIED', dryRun: true, created: 2, submissionsCreated: 1, import: null });
    expect(await submissionsOf(cfA)).toEqual([]);
    const real = await upload(app, FILE, { token: tokenA });
    expect({ ...real, dryRun: true, import: null, sameContentAs: null }).toEqual(dry);
  });

  it('leaves no scratch table behind, whether the import is applied, a dry run, rejected or unreadable', async () => {
    // given
    const scratchTables = async () =>
      Number((await app.orm.em.fork().execute(`select count(*) as n from pg_class where relname ~ '^zn_(stage|group)'`))[0].n);
    // when
    await upload(app, FILE, { token: tokenA, input: { dryRun: true } });
    await upload(app, FILE, { token: tokenA });
    await upload(app, fixture('invalid-integer.csv'), { token: tokenA });
    await upload(app, fixture('unclosed-quote.csv'), { token: tokenA });
    // then
    expect(await scratchTables()).toBe(0);
  });

  it('ALL_OR_NOTHING (default) rejects the whole file for one bad row; REJECT_FAILED_ROWS imports the others', async () => {
    const everything = await upload(app, fixture('invalid-integer.csv'), { token: tokenA });
    expect(everything).toMatchObject({ outcome: 'REJECTED', rowsRead: 2, rejected: 2, created: 0 });
    expect(await submissionsOf(cfA)).toEqual([]);
    const failedRows = await upload(app, fixture('invalid-integer.csv'), { token: tokenA, input: { rowErrorPolicy: 'REJECT_FAILED_ROWS' } });
    expect(failedRows).toMatchObject({ outcome: 'APPLIED', rowsRead: 2, rejected: 1, created: 1, errorCount: 1 });
    expect(failedRows.problems).toEqual([expect.objectContaining({ row: 3, code: 'INVALID_INTEGER' })]);
    expect((await submission('01234567', 2024, 'JAAR', tokenA)).figures.map((x: any) => x.stayType)).toEqual(['GRZ']);
  });

  it('still takes the deprecated errorPolicy (ZnErrorPolicy), REJECT_EVERYTHING meaning ALL_OR_NOTHING, and refuses it beside another rowErrorPolicy', async () => {
    // given
    const legacy = `mutation($input: MonitoringUploadInput!) { monitoringUpload(input: $input) { summary { outcome rejected errorPolicy rowErrorPolicy } userErrors { code } } }`;
    // when
    const everything = await upload(app, fixture('invalid-integer.csv'), { token: tokenA, query: legacy, input: { errorPolicy: 'REJECT_EVERYTHING' } });
    const conflicting = await uploadMultipart(app, fixture('invalid-integer.csv'), { token: tokenA, query: legacy, input: { errorPolicy: 'REJECT_EVERYTHING', rowErrorPolicy: 'REJECT_FAILED_ROWS' } });
    const failedRows = await upload(app, fixture('invalid-integer.csv'), { token: tokenA, query: legacy, input: { errorPolicy: 'REJECT_FAILED_ROWS' } });
    // then
    expect(everything).toEqual({ outcome: 'REJECTED', rejected: 2, errorPolicy: 'REJECT_EVERYTHING', rowErrorPolicy: 'ALL_OR_NOTHING' });
    expect(errorCodes(conflicting)).toEqual(['BAD_USER_INPUT']);
    expect(failedRows).toEqual({ outcome: 'APPLIED', rejected: 1, errorPolicy: 'REJECT_FAILED_ROWS', rowErrorPolicy: 'REJECT_FAILED_ROWS' });
  });

  it('the same content again changes nothing and says so; a changed file makes a new version, the old one stays readable', async () => {
    // given
    const first = await upload(app, FILE, { token: tokenA });
    // when
    const again = await upload(app, FILE, { token: tokenA });
    const changed = await upload(app, csv(['01234567;2024;JAAR;GRZ;11;8;1', '01234567;2024;JAAR;OVERIG;5;3;0', '01234567;2024;JAAR;ELV_HOOG;2;2;0']), { token: tokenA });
    // then
    expect(again).toMatchObject({ outcome: 'UNCHANGED', created: 0, updated: 0, unchanged: 2, submissionsUnchanged: 1, sameContentAs: { id: first.import.id } });
    expect(changed).toMatchObject({ outcome: 'APPLIED', created: 1, updated: 1, unchanged: 1, submissionsUpdated: 1, sameContentAs: null });
    const stored = await submission('01234567', 2024, 'JAAR', tokenA);
    expect(stored.version).toBe(2);
    expect(stored.figures.map((x: any) => [x.stayType, x.registrations])).toEqual([['ELV_HOOG', 2], ['GRZ', 11], ['OVERIG', 5]]);
    expect(stored.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(stored.versions[1].figures.map((x: any) => [x.stayType, x.registrations])).toEqual([['GRZ', 10], ['OVERIG', 5]]);
  });

  it('a version keeps its id, import and author when a newer upload supersedes it, and node finds every version', async () => {
    // given
    const versions = async () =>
      dataOf(
        await app.gql(
          `{ monitoringSubmission(coordinationFunctionAgb: "01234567", year: 2024, period: JAAR) { versions { id version createdBy import { id } } } }`,
          {},
          { token: tokenA },
        ),
      ).monitoringSubmission.versions;
    const first = await upload(app, FILE, { token: tokenA });
    const [before] = await versions();
    // when
    const second = await upload(app, csv(['01234567;2024;JAAR;GRZ;12;8;1']), { token: tokenA });
    // then
    const after = await versions();
    expect(after.map((v: any) => [v.version, v.import.id])).toEqual([[2, second.import.id], [1, first.import.id]]);
    expect(after[1]).toEqual(before);
    const found = dataOf(
      await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on MonitoringSubmissionVersion { version } } }`, { ids: after.map((v: any) => v.id) }, { token: tokenA }),
    );
    expect(found.nodes).toEqual([{ id: after[0].id, version: 2 }, { id: after[1].id, version: 1 }]);
    const hidden = dataOf(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: after.map((v: any) => v.id) }, { token: tokenB }));
    expect(hidden.nodes).toEqual([null, null]);
  });

  it('honours an Idempotency-Key: a retry returns the first summary; the key with other content is refused', async () => {
    const first = await upload(app, FILE, { token: tokenA, headers: { 'idempotency-key': 'zn-2024-run-1' } });
    const retry = await upload(app, FILE, { token: tokenA, headers: { 'idempotency-key': 'zn-2024-run-1' } });
    expect(retry).toEqual({ ...first, replayed: true });
    const viaInput = await upload(app, FILE, { token: tokenA, input: { idempotencyKey: 'zn-2024-run-1' } });
    expect(viaInput.import.id).toBe(first.import.id);
    const other = await uploadMultipart(app, csv(['01234567;2024;JAAR;GRZ;99;8;1']), { token: tokenA, headers: { 'idempotency-key': 'zn-2024-run-1' } });
    expect(dataOf(other).monitoringUpload).toEqual({ summary: null, userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['idempotencyKey'] })] });
    expect((await submission('01234567', 2024, 'JAAR', tokenA)).figures[0].registrations).toBe(10);
  });

  it('a failure half-way (an unclosed quote after several batches) leaves nothing written', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `01234567;${2010 + i};JAAR;GRZ;10;8;1`);
    const summary = await upload(app, Buffer.concat([csv(rows), Buffer.from('01234567;2020;JAAR;"GRZ;10;8;1\r\n')]), { token: tokenA });
    expect(summary.outcome).toBe('REJECTED');
    expect(codesOf(summary)).toEqual(['INVALID_CSV']);
    expect(summary.rowsRead).toBeGreaterThanOrEqual(8);
    expect(await submissionsOf(cfA)).toEqual([]);
  });

  it('limits size and rows with clear errors', async () => {
    const tooLarge = await upload(app, csv(Array.from({ length: 40 }, (_, i) => `01234567;${1980 + i};JAAR;GRZ;10;8;1`), 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;' + 'x'.repeat(30000)), { token: tokenA });
    expect(tooLarge.problems).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE' })]);
    const tooMany = await upload(app, csv(Array.from({ length: 51 }, (_, i) => `01234567;${1970 + i};JAAR;GRZ;10;8;1`)), { token: tokenA });
    expect(tooMany.outcome).toBe('REJECTED');
    expect(tooMany.problems).toContainEqual(expect.objectContaining({ code: 'TOO_MANY_ROWS' }));
    expect(await submissionsOf(cfA)).toEqual([]);
  });

  it('keeps at most ZN_MAX_PROBLEMS problems in the summary but counts them all', async () => {
    const local = await startTestApp({ ZN_MAX_PROBLEMS: '3' });
    try {
      const bad = csv(Array.from({ length: 6 }, (_, i) => `01234567;${2010 + i};JAAR;GRZ;x;8;1`));
      const response = await uploadMultipart(local, bad, { token: tokenA });
      const summary = dataOf(response).monitoringUpload.summary;
      expect(summary).toMatchObject({ errorCount: 6, problemsTruncated: true, rejected: 6 });
      expect(summary.problems).toHaveLength(3);
    } finally {
      await local.close();
    }
  });
});

describe('the multipart request', () => {
  const FILE = csv(['01234567;2024;JAAR;GRZ;10;8;1']);

  it('needs the preflight header (CSRF prevention stays on) and writes nothing without it', async () => {
    const response = await uploadMultipart(app, FILE, { token: tokenA, noPreflight: true });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('Cross-Site Request Forgery');
    expect(await submissionsOf(cfA)).toEqual([]);
  });

  it('is in the audit log as a mutation of the coordination function, with the import it recorded', async () => {
    const summary = await upload(app, FILE, { token: tokenA });
    await app.flushAudit();
    const events = await app.orm.em.fork().find(AuditEvent, { operation: 'monitoringUpload', objectIds: { $contains: [summary.import.id] } });
    expect(events.map((e) => [e.kind, e.outcome, e.organisationCode, e.ownerProviderIds])).toEqual([['MUTATION', 'SUCCESS', '01234567', [cfA.id]]]);
  });

  it('authenticates before reading the body', async () => {
    const response = await uploadMultipart(app, FILE, { token: 'zix_not-a-token' });
    expect(response.status).toBe(401);
  });

  it('refuses an Upload variable sent as JSON', async () => {
    const response = await app.gql(UPLOAD, { input: { file: 'agb_code;verslagjaar' } }, { token: tokenA });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a malformed map with 400', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: UPLOAD, variables: { input: { file: null } } }));
    form.append('map', '{"0": "variables.input.file"}');
    form.append('0', new Blob([FILE]), 'zn.csv');
    const response = await fetch(app.url, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'apollo-require-preflight': 'true' }, body: form });
    expect(response.status).toBe(400);
  });

  it('is refused to an operator admin and an insurer (written only by the coordination function)', async () => {
    const insurerToken = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.monitoring.base.insurer() });
    for (const token of [app.operatorToken, insurerToken]) {
      const response = await uploadMultipart(app, FILE, { token });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
    const dashboard = await app.tokenFor({ role: 'DASHBOARD', provider: cfA });
    expect(errorCodes(await uploadMultipart(app, FILE, { token: dashboard }))).toEqual(['FORBIDDEN']);
    expect(await submissionsOf(cfA)).toEqual([]);
  });
});

describe('periods across files', () => {
  it('refuses JAAR for a year whose half years are stored (and the other way round), so an export always uploads again', async () => {
    await upload(app, csv(['01234567;2023;H1;GRZ;10;8;1']), { token: tokenA });
    const summary = await upload(app, csv(['01234567;2023;JAAR;GRZ;20;16;1', '01234567;2022;JAAR;GRZ;20;16;1']), { token: tokenA, input: { rowErrorPolicy: 'REJECT_FAILED_ROWS' } });
    expect(summary).toMatchObject({ outcome: 'APPLIED', created: 1, rejected: 1 });
    expect(summary.problems).toEqual([expect.objectContaining({ row: 2, column: 'periode', code: 'MIXED_PERIODS' })]);
    expect(summary.problems[0].message).toContain('H1 is stored');
  });
});
