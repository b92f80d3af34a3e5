import { ZnProblemCode } from '../../../src/monitoring/zn';
import { fileProblems, fixture, readAll } from './helpers';

describe('ZN reader: one fixture per row rule', () => {
  // Each fixture has one valid row (row 2) and one row that breaks the rule, unless noted.
  const cases: { file: string; code: ZnProblemCode; row: number; column: string | null; value?: string }[] = [
    {
      file: 'invalid-integer.csv',
      code: ZnProblemCode.INVALID_INTEGER,
      row: 3,
      column: 'aanmeldingen',
      value: '"abc"',
    },
    {
      file: 'thousands-separator.csv',
      code: ZnProblemCode.THOUSANDS_SEPARATOR,
      row: 3,
      column: 'aanmeldingen',
      value: '"1.234"',
    },
    { file: 'negative-value.csv', code: ZnProblemCode.NEGATIVE_VALUE, row: 3, column: 'instroom', value: '"-3"' },
    {
      file: 'value-too-large.csv',
      code: ZnProblemCode.VALUE_TOO_LARGE,
      row: 3,
      column: 'aanmeldingen',
      value: '"99999999999"',
    },
    {
      file: 'invalid-decimal.csv',
      code: ZnProblemCode.INVALID_DECIMAL,
      row: 3,
      column: 'besparing_eur',
      value: '"12,5,0"',
    },
    { file: 'invalid-agb.csv', code: ZnProblemCode.INVALID_AGB, row: 3, column: 'agb_code', value: '"1234567"' },
    { file: 'invalid-year.csv', code: ZnProblemCode.INVALID_YEAR, row: 3, column: 'verslagjaar', value: '"24"' },
    { file: 'future-year.csv', code: ZnProblemCode.FUTURE_YEAR, row: 3, column: 'verslagjaar', value: '"2026"' },
    { file: 'invalid-period.csv', code: ZnProblemCode.INVALID_PERIOD, row: 3, column: 'periode', value: '"Q3"' },
    {
      file: 'invalid-stay-type.csv',
      code: ZnProblemCode.INVALID_STAY_TYPE,
      row: 3,
      column: 'type_verblijf',
      value: '"WLZ"',
    },
    { file: 'missing-value.csv', code: ZnProblemCode.MISSING_VALUE, row: 3, column: 'instroom' },
    { file: 'too-many-values.csv', code: ZnProblemCode.TOO_MANY_VALUES, row: 3, column: null, value: '"7"' },
    {
      file: 'inflow-exceeds-registrations.csv',
      code: ZnProblemCode.INFLOW_EXCEEDS_REGISTRATIONS,
      row: 3,
      column: 'instroom',
      value: '(11)',
    },
    {
      file: 'not-placeable-exceeds-registrations.csv',
      code: ZnProblemCode.NOT_PLACEABLE_EXCEEDS_REGISTRATIONS,
      row: 3,
      column: 'niet_plaatsbaar',
      value: '(12)',
    },
  ];

  it.each(cases)('$file: row $row is refused with $code', async ({ file, code, row, column, value }) => {
    // when
    const { rows, problems } = await readAll(fixture(file));

    // then
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(problems).toEqual([expect.objectContaining({ row, column, code, severity: 'ERROR' })]);
    expect(problems[0]?.message).toContain(`Row ${row}`);
    if (column) expect(problems[0]?.message).toContain(`"${column}"`);
    if (value) expect(problems[0]?.message).toContain(value);
  });

  it('refuses a repeated agb_code + verslagjaar + periode + type_verblijf, however it is written', async () => {
    // given duplicate-row.csv: row 4 writes row 2's key as 'jaar;grz'

    // when
    const { rows, problems } = await readAll(fixture('duplicate-row.csv'));

    // then
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(problems).toEqual([expect.objectContaining({ row: 4, column: null, code: ZnProblemCode.DUPLICATE_ROW })]);
    expect(problems[0]?.message).toContain('row 2');
  });

  it('refuses JAAR next to H1/H2 for the same coordination function and year', async () => {
    // given mixed-periods.csv: H1 and H2 for 01234567 in rows 2-3, then JAAR for it in row 4; row 5 is another AGB

    // when
    const { rows, problems } = await readAll(fixture('mixed-periods.csv'));

    // then
    expect(rows.map((r) => r.row)).toEqual([2, 3, 5]);
    expect(problems).toEqual([
      expect.objectContaining({ row: 4, column: 'periode', code: ZnProblemCode.MIXED_PERIODS }),
    ]);
    expect(problems[0]?.message).toContain('row 2');
  });

  it('finds duplicates and mixed periods across batches', async () => {
    // when every row is a batch of its own
    const duplicates = await readAll(fixture('duplicate-row.csv'), { batchSize: 1 });
    const mixed = await readAll(fixture('mixed-periods.csv'), { batchSize: 1 });

    // then
    expect(duplicates.batches).toBe(3);
    expect(duplicates.problems.map((p) => p.code)).toEqual([ZnProblemCode.DUPLICATE_ROW]);
    expect(mixed.problems.map((p) => p.code)).toEqual([ZnProblemCode.MIXED_PERIODS]);
  });

  it('accepts outflow above inflow with a warning', async () => {
    // when
    const { rows, problems } = await readAll(fixture('outflow-exceeds-inflow.csv'));

    // then
    expect(rows.map((r) => [r.row, r.outflowAfterAdmission])).toEqual([
      [2, 8],
      [3, 4],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'uitstroom_na_opname',
        code: ZnProblemCode.OUTFLOW_EXCEEDS_INFLOW,
        severity: 'WARNING',
      }),
    ]);
  });

  it('ignores an unknown column with a warning on the header row', async () => {
    // when
    const { rows, problems } = await readAll(fixture('unknown-column.csv'));

    // then
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([
      {
        row: 1,
        column: 'opmerking',
        code: ZnProblemCode.UNKNOWN_COLUMN,
        severity: 'WARNING',
        message: 'Column "opmerking" is not part of the ZN format and is ignored.',
      },
    ]);
  });
});

describe('ZN reader: file-level rules', () => {
  it.each([
    ['empty.csv', ZnProblemCode.EMPTY_FILE],
    ['header-only.csv', ZnProblemCode.NO_ROWS],
    ['missing-header.csv', ZnProblemCode.MISSING_HEADER],
    ['duplicate-column.csv', ZnProblemCode.DUPLICATE_COLUMN],
  ])('%s is refused as a whole with %s', async (file, code) => {
    // when
    const problems = await fileProblems(fixture(file));

    // then
    expect(problems).toEqual([expect.objectContaining({ code, severity: 'ERROR' })]);
  });

  it('reports a missing required column once, for the file', async () => {
    // when
    const problems = await fileProblems(fixture('missing-column.csv'));

    // then
    expect(problems).toEqual([
      {
        row: 1,
        column: 'instroom',
        code: ZnProblemCode.MISSING_COLUMN,
        severity: 'ERROR',
        message: 'The required column "instroom" is missing from the header in row 1.',
      },
    ]);
  });

  it('treats a file of blank lines as empty', async () => {
    // when
    const problems = await fileProblems([Buffer.from('\uFEFF\r\n;;;\r\n  \r\n')]);

    // then
    expect(problems.map((p) => p.code)).toEqual([ZnProblemCode.EMPTY_FILE]);
  });

  it('keeps the header warnings with the file error, as they may explain it', async () => {
    // given a misspelt required column
    const csv = 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet plaatsbaarheid\n';

    // when
    const problems = await fileProblems([Buffer.from(csv)]);

    // then
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      [ZnProblemCode.UNKNOWN_COLUMN, 'WARNING'],
      [ZnProblemCode.MISSING_COLUMN, 'ERROR'],
    ]);
  });
});
