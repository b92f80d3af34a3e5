import { CeilingStatus, assessCeiling, fromCents, toCents } from '../../../src/contract/ceiling';

const ceiling = 1_000_000n; // 10,000.00 euros in cents

describe('ceiling status rule (seeds 003, 004): EXCEEDED, then THREATENED, then NEAR, else OK', () => {
  it.each([
    // realised cents, months covered, expected status, why
    [749_999n, 12, CeilingStatus.OK, '74.99999% used, whole year reported'],
    [750_000n, 12, CeilingStatus.NEAR, 'exactly 75% used is NEAR (seed 004: "maximaal 75%")'],
    [999_999n, 12, CeilingStatus.NEAR, 'one cent below the ceiling'],
    [1_000_000n, 12, CeilingStatus.NEAR, 'exactly at the ceiling is not yet exceeded'],
    [1_000_001n, 12, CeilingStatus.EXCEEDED, 'one cent above the ceiling'],
  ])('%s cents after %s months is %s (%s)', (realised, months, expected) => {
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: realised, monthsCovered: months }).status).toBe(expected);
  });

  it('a projection exactly at the ceiling is not THREATENED; one cent above is', () => {
    // 6 months, 5,000.00 realised: projection 10,000.00 = ceiling
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 500_000n, monthsCovered: 6 }).status).toBe(CeilingStatus.OK);
    // 5,000.01 realised: projection 10,000.02 > ceiling
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 500_001n, monthsCovered: 6 }).status).toBe(CeilingStatus.THREATENED);
  });

  it('THREATENED wins over NEAR, EXCEEDED over THREATENED', () => {
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 800_000n, monthsCovered: 9 }).status).toBe(CeilingStatus.THREATENED);
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 750_000n, monthsCovered: 9 }).status).toBe(CeilingStatus.NEAR);
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 1_100_000n, monthsCovered: 3 }).status).toBe(CeilingStatus.EXCEEDED);
  });

  it('nothing reported: OK, no projection, 0% used', () => {
    const result = assessCeiling({ ceilingCents: ceiling, realisedCents: 0n, monthsCovered: 0 });
    expect(result).toEqual({ status: CeilingStatus.OK, projectedCents: null, utilisationPercent: '0.00' });
  });

  it('without a ceiling there is no status and no utilisation, but still a projection', () => {
    const result = assessCeiling({ ceilingCents: null, realisedCents: 300_000n, monthsCovered: 3 });
    expect(result).toEqual({ status: null, utilisationPercent: null, projectedCents: 1_200_000n });
  });

  it('rounds utilisation down and the projection up, so the shown figures agree with the status', () => {
    // 749,999 / 1,000,000 = 74.9999%: shown as 74.99, not 75.00, and the status is OK
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 749_999n, monthsCovered: 12 }).utilisationPercent).toBe('74.99');
    // 100.01 / 7 months x 12 = 171.4457...: shown as 171.45 (cents rounded up)
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 10_001n, monthsCovered: 7 }).projectedCents).toBe(17_145n);
    expect(assessCeiling({ ceilingCents: ceiling, realisedCents: 1_234_567n, monthsCovered: 12 }).utilisationPercent).toBe('123.45');
  });

  it('refuses an impossible number of months', () => {
    expect(() => assessCeiling({ ceilingCents: ceiling, realisedCents: 0n, monthsCovered: 13 })).toThrow(RangeError);
  });

  it('converts euros and cents exactly, beyond the precision of a float', () => {
    expect(toCents('999999999999.99')).toBe(99_999_999_999_999n);
    expect(fromCents(99_999_999_999_999n)).toBe('999999999999.99');
    expect(toCents('0.1')).toBe(10n);
    expect(fromCents(5n)).toBe('0.05');
  });
});
