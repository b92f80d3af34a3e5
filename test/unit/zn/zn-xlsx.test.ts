import { readFileSync } from 'node:fs';
import { ZnFileError, ZnProblemCode } from '../../../src/monitoring/zn';
import { fileProblems, fixture, fixturePath, readAll } from './helpers';

describe('ZN reader: XLSX', () => {
  it('reads the first worksheet: shared strings, inline strings, labels, a blank row, doubles as Excel shows them', async () => {
    // given valid.xlsx: upper-case headers; row 3 has its AGB code from =TEXT(...) and a saving of
    // 370.34999999999997; row 4 is missing; an unknown date column; a second sheet that must not be read

    // when
    const { rows, problems } = await readAll(fixture('valid.xlsx'));

    // then
    expect(rows).toEqual([
      {
        row: 2,
        agbCode: '01234567',
        year: 2024,
        period: 'JAAR',
        stayType: 'ELV_LAAG',
        registrations: 120,
        inflow: 80,
        notPlaceable: 5,
        deflectedFirstLine: null,
        savingEur: '1250.75',
        requiredCapacityBeds: null,
        outflowAfterAdmission: null,
        averageLengthOfStayDays: '23.5',
      },
      {
        row: 3,
        agbCode: '07654321',
        year: 2024,
        period: 'JAAR',
        stayType: 'GRZ',
        registrations: 15,
        inflow: 15,
        notPlaceable: 2,
        deflectedFirstLine: null,
        savingEur: '370.35',
        requiredCapacityBeds: null,
        outflowAfterAdmission: null,
        averageLengthOfStayDays: null,
      },
      {
        row: 5,
        agbCode: '11111111',
        year: 2024,
        period: 'H1',
        stayType: 'OVERIG',
        registrations: 3,
        inflow: 2,
        notPlaceable: 0,
        deflectedFirstLine: null,
        savingEur: '0',
        requiredCapacityBeds: null,
        outflowAfterAdmission: null,
        averageLengthOfStayDays: '0.0000001',
      },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ row: 1, column: 'Datum aanlevering', code: ZnProblemCode.UNKNOWN_COLUMN }),
    ]);
  });

  it('reads a workbook with prefixed element names and absolute part targets', async () => {
    // when
    const { rows } = await readAll(fixture('prefixed.xlsx'));

    // then
    expect(rows.map((r) => [r.row, r.agbCode, r.period, r.stayType, r.registrations])).toEqual([
      [2, '01234567', 'H2', 'ELV_HOOG', 7],
    ]);
  });

  it.each([
    ['formula.xlsx', ZnProblemCode.FORMULA_NOT_ALLOWED, 'instroom', 'a formula is not allowed'],
    ['date.xlsx', ZnProblemCode.DATE_NOT_ALLOWED, 'aanmeldingen', 'a date is not allowed'],
  ])('%s: row 3 is refused with %s', async (file, code, column, words) => {
    // when
    const { rows, problems } = await readAll(fixture(file));

    // then
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(problems).toEqual([expect.objectContaining({ row: 3, column, code, severity: 'ERROR' })]);
    expect(problems[0]?.message).toContain(words);
  });

  it('explains an AGB code that lost its leading zero in a number cell', async () => {
    // when
    const { problems } = await readAll(fixture('agb-as-number.xlsx'));

    // then
    expect(problems).toEqual([
      expect.objectContaining({ row: 2, column: 'agb_code', code: ZnProblemCode.INVALID_AGB }),
    ]);
    expect(problems[0]?.message).toContain('"1234567" has 7 digits');
  });

  it.each([
    ['truncated.xlsx', ZnProblemCode.CORRUPT_XLSX],
    ['damaged.xlsx', ZnProblemCode.CORRUPT_XLSX],
    ['lying-size.xlsx', ZnProblemCode.CORRUPT_XLSX],
    ['zip-bomb.xlsx', ZnProblemCode.ZIP_BOMB],
    ['not-a-workbook.zip', ZnProblemCode.UNSUPPORTED_FORMAT],
  ])('%s is refused with %s', async (file, code) => {
    // when
    const problems = await fileProblems(fixture(file));

    // then
    expect(problems).toEqual([expect.objectContaining({ row: null, code, severity: 'ERROR' })]);
  });

  it('refuses a zip bomb from its declared sizes, before inflating it', async () => {
    // when
    const problems = await fileProblems(fixture('zip-bomb.xlsx'));

    // then
    expect(problems[0]?.message).toContain('unpacks from 20');
    expect(problems[0]?.message).toContain('more than 100 times its packed size');
  });

  it('stops inflating a zip bomb that understates its size as soon as it grows past the claim', async () => {
    // given lying-size.xlsx: the 20 MB bomb, claiming 1000 bytes

    // when
    const problems = await fileProblems(fixture('lying-size.xlsx'));

    // then
    const inflated = Number(/got at least (\d+)/.exec(problems[0]?.message ?? '')?.[1]);
    expect(inflated).toBeGreaterThan(1000);
    expect(inflated).toBeLessThan(1024 * 1024);
  });

  it('refuses a part that unpacks beyond maxInflatedBytes', async () => {
    // when
    const problems = await fileProblems(fixture('valid.xlsx'), { maxInflatedBytes: 500 });

    // then
    expect(problems).toEqual([expect.objectContaining({ code: ZnProblemCode.ZIP_BOMB })]);
    expect(problems[0]?.message).toContain('more than the limit of 500');
  });

  it('refuses garbage that starts like a zip', async () => {
    // given
    const garbage = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 0x17)]);

    // when
    const problems = await fileProblems([garbage]);

    // then
    expect(problems).toEqual([expect.objectContaining({ code: ZnProblemCode.CORRUPT_XLSX })]);
  });

  it('refuses a file whose content contradicts the declared format', async () => {
    // given
    const xlsx = readFileSync(fixturePath('valid.xlsx'));
    const csv = readFileSync(fixturePath('unknown-column.csv'));

    // when
    const asCsv = await fileProblems([xlsx], { format: 'csv' });
    const asXlsx = await fileProblems([csv], { format: 'xlsx' });

    // then
    expect(asCsv.map((p) => p.code)).toEqual([ZnProblemCode.UNSUPPORTED_FORMAT]);
    expect(asXlsx.map((p) => p.code)).toEqual([ZnProblemCode.CORRUPT_XLSX]);
  });

  it('never crashes or hangs on a damaged workbook: it reads it, or refuses it with a ZnFileError', async () => {
    // given 300 damaged copies of valid.xlsx, from a fixed pseudo-random sequence
    const valid = readFileSync(fixturePath('valid.xlsx'));
    let seed = 42;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };

    for (let attempt = 0; attempt < 300; attempt++) {
      const damaged = Buffer.from(valid);
      for (let flips = 1 + random(8); flips > 0; flips--) damaged[random(damaged.length)] = random(256);
      const bytes = attempt % 3 === 0 ? damaged.subarray(0, random(damaged.length)) : damaged;

      // when
      const outcome = await readAll([bytes]).then(
        () => 'read',
        (error: unknown) => (error instanceof ZnFileError ? 'refused' : error),
      );

      // then
      expect(['read', 'refused']).toContain(outcome);
    }
  });
});
