import { Readable } from 'node:stream';
import { writeZnCsv, writeZnXlsx, ZN_COLUMNS, ZnRow, ZnWritableRow } from '../../../src/monitoring/zn';
import { fixture, readAll, written } from './helpers';

const ROWS: ZnWritableRow[] = [
  {
    agbCode: '01234567',
    year: 2024,
    period: 'JAAR',
    stayType: 'ELV_LAAG',
    registrations: 120,
    inflow: 80,
    notPlaceable: 5,
    deflectedFirstLine: 3,
    savingEur: '1250.75',
    requiredCapacityBeds: 14,
    outflowAfterAdmission: 70,
    averageLengthOfStayDays: '23.5',
  },
  {
    agbCode: '00000001',
    year: 2023,
    period: 'H2',
    stayType: 'ELV_PALLIATIEF',
    registrations: 0,
    inflow: 0,
    notPlaceable: 0,
    deflectedFirstLine: null,
    savingEur: null,
    requiredCapacityBeds: null,
    outflowAfterAdmission: null,
    averageLengthOfStayDays: null,
  },
  {
    agbCode: '99999999',
    year: 2025,
    period: 'H1',
    stayType: 'OVERIG',
    registrations: 2147483647,
    inflow: 1,
    notPlaceable: 1,
    deflectedFirstLine: 0,
    savingEur: '123456789012.345',
    requiredCapacityBeds: 0,
    outflowAfterAdmission: 0,
    averageLengthOfStayDays: '0.000000000000001',
  },
];

function withRowNumbers(rows: ZnWritableRow[]): ZnRow[] {
  return rows.map((row, index) => ({ row: index + 2, ...row }));
}

describe('ZN writer', () => {
  it('writes CSV for Dutch Excel: BOM, canonical header in order, semicolons, decimal comma, CRLF', async () => {
    // when
    const bytes = await written((out) => writeZnCsv(ROWS.slice(0, 2), out));

    // then
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      `${ZN_COLUMNS.map((column) => column.name).join(';')}\r\n` +
        '01234567;2024;JAAR;ELV_LAAG;120;80;5;3;1250,75;14;70;23,50\r\n' +
        '00000001;2023;H2;ELV_PALLIATIEF;0;0;0;;;;;\r\n',
    );
    expect(ZN_COLUMNS.map((column) => column.name)).toEqual([
      'agb_code',
      'verslagjaar',
      'periode',
      'type_verblijf',
      'aanmeldingen',
      'instroom',
      'niet_plaatsbaar',
      'afgebogen_eerste_lijn',
      'besparing_eur',
      'benodigde_capaciteit_bedden',
      'uitstroom_na_opname',
      'gemiddelde_ligduur_dagen',
    ]);
  });

  it.each([
    ['CSV', writeZnCsv],
    ['XLSX', writeZnXlsx],
  ])('reads a written %s file back to identical rows', async (_format, write) => {
    // when
    const bytes = await written((out) => write(ROWS, out));
    const { rows, problems } = await readAll([bytes]);

    // then
    expect(rows).toEqual(withRowNumbers(ROWS));
    expect(problems).toEqual([]);
  });

  it.each([
    ['CSV', writeZnCsv],
    ['XLSX', writeZnXlsx],
  ])('writes what it read: fixture -> %s -> the same rows', async (_format, write) => {
    // given rows read from Dutch Excel's CSV, with labels and decimal commas
    const read = await readAll(fixture('windows-1252-semicolon.csv'));
    const source = read.rows.map(({ row: _row, ...values }) => values);

    // when
    const bytes = await written((out) => write(source, out));
    const again = await readAll([bytes]);

    // then
    expect(again.rows.map(({ row: _row, ...values }) => values)).toEqual(source);
  });

  it('writes every decimal with the scale of the API (two decimals), and the reader takes it back to the stored value', async () => {
    // given a decimal as stored, without trailing zeros
    const row = { ...ROWS[1]!, savingEur: '1234.5' };

    // when
    const csv = await written((out) => writeZnCsv([row], out));

    // then
    expect(csv.toString('utf8')).toContain(';1234,50;');
    expect((await readAll([csv])).rows[0]?.savingEur).toBe('1234.5');
  });

  it('takes rows from an async source, streaming', async () => {
    // given
    async function* source(): AsyncGenerator<ZnWritableRow> {
      for (const row of ROWS) yield row;
    }

    // when
    const bytes = await written((out) => writeZnXlsx(source(), out));

    // then
    expect((await readAll(Readable.from([bytes]))).rows).toHaveLength(ROWS.length);
  });

  it.each([
    ['CSV', writeZnCsv],
    ['XLSX', writeZnXlsx],
  ])('refuses a row that would not read back (%s), without hanging', async (_format, write) => {
    // given a third row with a 7-digit AGB code
    const rows = [ROWS[0]!, ROWS[1]!, { ...ROWS[2]!, agbCode: '1234567' }];

    // when / then
    await expect(written((out) => write(rows, out))).rejects.toThrow('data row 3: agb_code "1234567"');
  });

  it('refuses a missing required figure', async () => {
    // given
    const row = { ...ROWS[0]!, inflow: null } as unknown as ZnWritableRow;

    // when / then
    await expect(written((out) => writeZnCsv([row], out))).rejects.toThrow('instroom is required');
  });
});
