import { changesTooMuch } from '../../../src/monitoring/import/year-over-year';

/** The year-over-year rule as the stream applies it; the database path is tested through the API (upload.test.ts). */
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
