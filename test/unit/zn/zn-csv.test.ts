import { readFileSync } from 'node:fs';
import { ZnProblemCode, ZnRow } from '../../../src/monitoring/zn';
import { fileProblems, fixture, fixturePath, inPieces, readAll } from './helpers';

const HEADER = 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar';

/** The rows of windows-1252-semicolon.csv and its UTF-8 twin. */
const DUTCH_EXCEL_ROWS: ZnRow[] = [
  {
    row: 2,
    agbCode: '01234567',
    year: 2024,
    period: 'JAAR',
    stayType: 'ELV_LAAG',
    registrations: 120,
    inflow: 80,
    notPlaceable: 5,
    deflectedFirstLine: 3,
    savingEur: '1250.75',
    requiredCapacityBeds: null,
    outflowAfterAdmission: null,
    averageLengthOfStayDays: '23.5',
  },
  {
    row: 3,
    agbCode: '01234567',
    year: 2024,
    period: 'JAAR',
    stayType: 'ELV_HOOG',
    registrations: 40,
    inflow: 38,
    notPlaceable: 0,
    deflectedFirstLine: null,
    savingEur: null,
    requiredCapacityBeds: null,
    outflowAfterAdmission: null,
    averageLengthOfStayDays: null,
  },
  {
    row: 4,
    agbCode: '07654321',
    year: 2024,
    period: 'JAAR',
    stayType: 'GRZ',
    registrations: 15,
    inflow: 15,
    notPlaceable: 2,
    deflectedFirstLine: 0,
    savingEur: '0',
    requiredCapacityBeds: null,
    outflowAfterAdmission: null,
    averageLengthOfStayDays: '12',
  },
];

describe('ZN reader: CSV', () => {
  it('reads Dutch Excel CSV in Windows-1252: semicolons, CRLF, labels, decimal comma', async () => {
    // given header names written as 'AGB-code', 'Type verblijf', ... and an unknown column 'Opmerking coördinator'

    // when
    const { rows, problems } = await readAll(fixture('windows-1252-semicolon.csv'));

    // then
    expect(rows).toEqual(DUTCH_EXCEL_ROWS);
    expect(problems).toEqual([
      expect.objectContaining({ row: 1, column: 'Opmerking coördinator', code: ZnProblemCode.UNKNOWN_COLUMN }),
    ]);
  });

  it('reads the same file saved as UTF-8 with a BOM to the same rows', async () => {
    // when
    const { rows, problems } = await readAll(fixture('utf8-bom-semicolon.csv'));

    // then
    expect(rows).toEqual(DUTCH_EXCEL_ROWS);
    expect(problems.map((p) => p.column)).toEqual(['Opmerking coördinator']);
  });

  it('decodes bytes as Windows-1252, where Latin-1 would not know the euro sign', async () => {
    // given 0x80, the euro sign in Windows-1252, as a stay type
    const csv = Buffer.concat([
      Buffer.from(`${HEADER}\n01234567;2024;JAAR;`),
      Buffer.from([0x80]),
      Buffer.from(';10;8;1\n'),
    ]);

    // when
    const { problems } = await readAll([csv]);

    // then
    expect(problems).toEqual([expect.objectContaining({ code: ZnProblemCode.INVALID_STAY_TYPE })]);
    expect(problems[0]?.message).toContain('"€"');
  });

  it('reads comma-separated UTF-8 without BOM, with quotes, LF and header names in any form', async () => {
    // given ' Agb_Code ', 'VERSLAGJAAR', '"type-verblijf"'; "1234,5" quoted; a quoted note with commas and quotes

    // when
    const { rows, problems } = await readAll(fixture('utf8-comma.csv'));

    // then
    expect(rows.map((r) => [r.row, r.period, r.stayType, r.registrations, r.savingEur])).toEqual([
      [2, 'JAAR', 'ELV_PALLIATIEF', 12, '1234.5'],
      [3, 'JAAR', 'OVERIG', 3, '99.95'],
    ]);
    expect(problems.map((p) => p.code)).toEqual([ZnProblemCode.UNKNOWN_COLUMN]);
  });

  it('gives the same result however the bytes are cut into chunks', async () => {
    // given multi-byte characters, a BOM and CRLF that a chunk boundary can split
    const files = ['windows-1252-semicolon.csv', 'utf8-bom-semicolon.csv', 'utf8-comma.csv'];

    for (const file of files) {
      const bytes = readFileSync(fixturePath(file));
      const whole = await readAll([bytes]);
      for (const size of [1, 2, 3, 7]) {
        // when
        const pieces = await readAll(inPieces(bytes, size));

        // then
        expect(pieces.rows).toEqual(whole.rows);
        expect(pieces.problems).toEqual(whole.problems);
      }
    }
  });

  it('counts rows as Excel shows them: a blank line is a row, a quoted line break is not', async () => {
    // given
    const csv = [HEADER, '01234567;2024;JAAR;GRZ;10;8;1', '', ';;;;;;', '"0123', '4567";2024;JAAR;OVERIG;x;1;0'].join(
      '\n',
    );

    // when
    const { rows, problems } = await readAll([Buffer.from(csv)]);

    // then
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(problems).toEqual([
      expect.objectContaining({ row: 5, column: 'agb_code' }),
      expect.objectContaining({ row: 5, column: 'aanmeldingen' }),
    ]);
  });

  it('chooses the delimiter from the header line, so a decimal comma in a semicolon file is a decimal', async () => {
    // given
    const csv = `${HEADER};besparing_eur\r\n01234567;2024;JAAR;GRZ;10;8;1;"1,5"\r\n01234567;2024;JAAR;OVERIG;10;8;1;2,25`;

    // when
    const { rows } = await readAll([Buffer.from(csv)]);

    // then
    expect(rows.map((r) => r.savingEur)).toEqual(['1.5', '2.25']);
  });

  it('refuses an unquoted decimal comma in a comma-separated file, as it shifts the columns', async () => {
    // given
    const csv = `${HEADER.replace(/;/g, ',')},besparing_eur\n01234567,2024,JAAR,GRZ,10,8,1,1,5\n`;

    // when
    const { rows, problems } = await readAll([Buffer.from(csv)]);

    // then
    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ row: 2, code: ZnProblemCode.TOO_MANY_VALUES })]);
  });

  it.each([
    ['mixed-encoding.csv', ZnProblemCode.ENCODING, 'mixes two encodings'],
    ['utf16.csv', ZnProblemCode.ENCODING, 'UTF-16'],
    ['binary.bin', ZnProblemCode.UNSUPPORTED_FORMAT, 'binary data'],
    ['document.pdf', ZnProblemCode.UNSUPPORTED_FORMAT, 'PDF'],
    ['legacy.xls', ZnProblemCode.UNSUPPORTED_FORMAT, 'Excel 97-2003'],
    ['unclosed-quote.csv', ZnProblemCode.INVALID_CSV, 'row 3 opens a double quote'],
  ])('%s is refused with %s', async (file, code, words) => {
    // when
    const problems = await fileProblems(fixture(file));

    // then
    expect(problems).toEqual([expect.objectContaining({ row: null, code, severity: 'ERROR' })]);
    expect(problems[0]?.message).toContain(words);
  });

  it('refuses a record that never ends without holding it all', async () => {
    // given a quote that is never closed, followed by a megabyte
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${HEADER}\n"01234567`);
      for (let i = 0; i < 1024; i++) yield Buffer.alloc(1024, 0x61);
    }

    // when
    const problems = await fileProblems(endless(), { maxBytes: 10_000_000 });

    // then
    expect(problems).toEqual([expect.objectContaining({ code: ZnProblemCode.INVALID_CSV })]);
    expect(problems[0]?.message).toContain('Row 2 is longer than');
  });
});
