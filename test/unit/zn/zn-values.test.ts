import { ZnProblemCode } from '../../../src/monitoring/zn';
import { parseCell, ZnTypedCell } from '../../../src/monitoring/zn/zn-values';

const YEAR = 2025;

function number(value: string): ZnTypedCell {
  return { kind: 'number', value, formula: false };
}

describe('ZN values', () => {
  it.each([
    ['0', 0],
    ['007', 7],
    [' 42 ', 42],
    ['2147483647', 2147483647],
  ])('integer %j is %j', (text, expected) => {
    expect(parseCell('integer', text, YEAR)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1.234', ZnProblemCode.THOUSANDS_SEPARATOR],
    ['1,234', ZnProblemCode.THOUSANDS_SEPARATOR],
    ['1 234', ZnProblemCode.THOUSANDS_SEPARATOR],
    ['1.234.567', ZnProblemCode.THOUSANDS_SEPARATOR],
    ['12.5', ZnProblemCode.INVALID_INTEGER],
    ['+5', ZnProblemCode.INVALID_INTEGER],
    ['1e3', ZnProblemCode.INVALID_INTEGER],
    ['-1', ZnProblemCode.NEGATIVE_VALUE],
    ['2147483648', ZnProblemCode.VALUE_TOO_LARGE],
  ])('integer %j is refused with %s', (text, code) => {
    expect(parseCell('integer', text, YEAR)).toMatchObject({ ok: false, code });
  });

  it.each([
    ['1250,75', '1250.75'],
    ['1250.75', '1250.75'],
    ['0,50', '0.5'],
    ['00012', '12'],
    ['12,000', '12'],
    [',5', '0.5'],
    ['0', '0'],
    // A dot is a decimal mark too (ZN-FORMAT.md), so in a decimal column this is 1.234, not a thousand.
    ['1.234', '1.234'],
    ['123456789012345', '123456789012345'],
    ['0.000000000000001', '0.000000000000001'],
  ])('decimal %j is %j', (text, expected) => {
    expect(parseCell('decimal', text, YEAR)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1.234,56', ZnProblemCode.THOUSANDS_SEPARATOR],
    ['1,234.56', ZnProblemCode.THOUSANDS_SEPARATOR],
    ['1 234,5', ZnProblemCode.THOUSANDS_SEPARATOR],
    ['12,5,0', ZnProblemCode.INVALID_DECIMAL],
    ['€ 12', ZnProblemCode.INVALID_DECIMAL],
    ['1234567890.123456', ZnProblemCode.INVALID_DECIMAL],
    ['1234567890123456', ZnProblemCode.VALUE_TOO_LARGE],
    ['-0,5', ZnProblemCode.NEGATIVE_VALUE],
  ])('decimal %j is refused with %s', (text, code) => {
    expect(parseCell('decimal', text, YEAR)).toMatchObject({ ok: false, code });
  });

  it('rounds an XLSX double to the 15 digits Excel shows', () => {
    expect(parseCell('decimal', number('370.34999999999997'), YEAR)).toEqual({ ok: true, value: '370.35' });
    expect(parseCell('decimal', number('1E-7'), YEAR)).toEqual({ ok: true, value: '0.0000001' });
    expect(parseCell('decimal', number('1.5E+3'), YEAR)).toEqual({ ok: true, value: '1500' });
    expect(parseCell('integer', number('12.000000000000002'), YEAR)).toMatchObject({
      code: ZnProblemCode.INVALID_INTEGER,
    });
  });

  it.each([
    ['agb', ' 01234567 ', '01234567'],
    ['year', '2025', 2025],
    ['period', ' h2 ', 'H2'],
    ['stayType', 'ELV laagcomplex', 'ELV_LAAG'],
    ['stayType', 'elv-hoogcomplex', 'ELV_HOOG'],
    ['stayType', 'ELV Palliatief', 'ELV_PALLIATIEF'],
    ['stayType', 'Overig', 'OVERIG'],
    ['stayType', 'grz', 'GRZ'],
  ] as const)('%s %j is %j', (kind, text, expected) => {
    expect(parseCell(kind, text, YEAR)).toEqual({ ok: true, value: expected });
  });

  it('takes the cached text of a formula in a text column, but no formula or date where a figure belongs', () => {
    const agbFormula: ZnTypedCell = { kind: 'text', value: '01234567', formula: true };
    const yearFormula: ZnTypedCell = { kind: 'number', value: '2024', formula: true };
    const dateCell: ZnTypedCell = { kind: 'date', value: '45292', formula: false };

    expect(parseCell('agb', agbFormula, YEAR)).toEqual({ ok: true, value: '01234567' });
    expect(parseCell('year', yearFormula, YEAR)).toMatchObject({ code: ZnProblemCode.FORMULA_NOT_ALLOWED });
    expect(parseCell('decimal', dateCell, YEAR)).toMatchObject({ code: ZnProblemCode.DATE_NOT_ALLOWED });
    expect(parseCell('integer', { kind: 'boolean', value: 'TRUE', formula: false }, YEAR)).toMatchObject({
      code: ZnProblemCode.INVALID_INTEGER,
    });
  });
});
