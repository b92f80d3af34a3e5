import { changesTooMuch, StreamedYearOverYear } from '../../../src/monitoring/upload/year-over-year';
import type { ZnRow } from '../../../src/monitoring/zn';
import { znRow } from './helpers';

/** The year-over-year rule and order detection of the stream; both paths are tested through the API (upload.test.ts). */
describe('changesTooMuch: |value - previous| x 100 > percent x previous, exactly', () => {
  it.each([
    [150, 100, false],
    [151, 100, true],
    [50, 100, false],
    [49, 100, true],
    [0, 100, true],
    [5, 0, false],
    [null, 100, false],
    [100, null, false],
  ])('whole numbers: %p against %p gives %p at 50%%', (value, previous, expected) => {
    expect(changesTooMuch(value, previous, 50)).toBe(expected);
  });

  it.each([
    ['0.45', '0.3', false],
    ['0.4500001', '0.3', true],
    ['0.225', '0.45', false],
    ['0.2249999', '0.45', true],
    ['1.5', '1', false],
    ['1.50001', '1', true],
    ['15.2', '10.1', true],
    ['300000000000000', '200000000000000', false],
    ['300000000000001', '200000000000000', true],
    ['99.99999999999', '0', false],
  ])('decimals: %p against %p gives %p at 50%% (exact where floating point is not: 0.45 against 0.3)', (value, previous, expected) => {
    expect(changesTooMuch(value, previous, 50)).toBe(expected);
  });

  it('takes the configured percentage', () => {
    expect(changesTooMuch(110, 100, 10)).toBe(false);
    expect(changesTooMuch(111, 100, 10)).toBe(true);
    expect(changesTooMuch('1.1', '1', 10)).toBe(false);
    expect(changesTooMuch('1.11', '1', 10)).toBe(true);
  });
});

describe('StreamedYearOverYear: which orders the stream compares itself', () => {
  const row = (n: number, year: number, period: 'JAAR' | 'H1' | 'H2', registrations: number): ZnRow =>
    znRow({ row: n, year, period, stayType: 'GRZ', registrations });
  const run = (rows: [number, ZnRow][]) => {
    const stream = new StreamedYearOverYear(50, 100);
    for (const [provider, r] of rows) stream.add(provider, r);
    return { inOrder: stream.inOrder, outliers: stream.result().rows.map((o) => [o.row, o.year, o.value, o.previous]) };
  };

  it('keeps files by function and year, by function and period, ascending or descending', () => {
    expect(run([[1, row(2, 2022, 'H1', 10)], [1, row(3, 2022, 'H2', 10)], [1, row(4, 2023, 'H1', 20)], [1, row(5, 2023, 'H2', 10)], [2, row(6, 2022, 'H1', 5)]])).toEqual({
      inOrder: true,
      outliers: [[4, 2023, '20', '10']],
    });
    expect(run([[1, row(2, 2023, 'H1', 20)], [1, row(3, 2022, 'H1', 10)], [1, row(4, 2023, 'H2', 10)], [1, row(5, 2022, 'H2', 30)]])).toEqual({
      inOrder: true,
      outliers: [[2, 2023, '20', '10'], [4, 2023, '10', '30']],
    });
  });

  it('skips a gap in the years (the stored figures are the base there) and stays in order', () => {
    expect(run([[1, row(2, 2020, 'JAAR', 10)], [1, row(3, 2022, 'JAAR', 40)], [1, row(4, 2023, 'JAAR', 40)]])).toEqual({ inOrder: true, outliers: [] });
  });

  it('gives up, and forgets what it found, when a function comes back or a series turns', () => {
    expect(run([[1, row(2, 2022, 'JAAR', 10)], [1, row(3, 2023, 'JAAR', 20)], [2, row(4, 2022, 'JAAR', 10)], [1, row(5, 2024, 'JAAR', 20)]])).toEqual({
      inOrder: false,
      outliers: [],
    });
    expect(run([[1, row(2, 2022, 'JAAR', 10)], [1, row(3, 2023, 'JAAR', 20)], [1, row(4, 2021, 'JAAR', 10)]])).toEqual({ inOrder: false, outliers: [] });
  });
});
