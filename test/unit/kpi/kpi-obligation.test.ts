import { KpiErrorCode } from '../../../src/kpi/rules/result';
import { KpiProviderKind, deriveObligation } from '../../../src/kpi/rules/obligation';

// Seed 004_1f8df596a6e33aa0.txt: "Vanaf 2025 wordt de inspanningsverplichting een resultaatverplichting bij
// ziekenhuizen waar wij marktleider zijn." Independent clinics stay best effort.
describe('deriveObligation', () => {
  it.each<[number, KpiProviderKind, boolean, string]>([
    [2024, 'HOSPITAL', true, 'BEST_EFFORT'],
    [2024, 'HOSPITAL', false, 'BEST_EFFORT'],
    [2025, 'HOSPITAL', true, 'RESULT'],
    [2025, 'HOSPITAL', false, 'BEST_EFFORT'],
    [2027, 'HOSPITAL', true, 'RESULT'],
    [2024, 'INDEPENDENT_CLINIC', true, 'BEST_EFFORT'],
    [2025, 'INDEPENDENT_CLINIC', true, 'BEST_EFFORT'],
    [2025, 'INDEPENDENT_CLINIC', false, 'BEST_EFFORT'],
    [2025, 'REHABILITATION_CENTRE', true, 'BEST_EFFORT'],
  ])('year %i, %s, market leader %s: %s', (year, providerKind, insurerIsMarketLeaderInProviderRegion, expected) => {
    // when
    const result = deriveObligation({ year, providerKind, insurerIsMarketLeaderInProviderRegion });

    // then
    expect(result.ok && result.data.obligation).toBe(expected);
    expect(result.ok && result.data.reason.length).toBeGreaterThan(20);
  });

  it('explains the independent-clinic rule in the seed terms', () => {
    const result = deriveObligation({ year: 2025, providerKind: 'INDEPENDENT_CLINIC', insurerIsMarketLeaderInProviderRegion: true });
    expect(result.ok && result.data.reason).toContain('zelfstandige kliniek');
  });

  it('lets a custom agreement set a result obligation already in 2024', () => {
    const result = deriveObligation({
      year: 2024,
      providerKind: 'HOSPITAL',
      insurerIsMarketLeaderInProviderRegion: true,
      agreedObligation: 'RESULT',
    });
    expect(result).toEqual({ ok: true, data: { obligation: 'RESULT', reason: expect.stringContaining('maatwerkafspraak') } });
  });

  it('rejects years before the targets existed and malformed input', () => {
    expect(deriveObligation({ year: 2023, providerKind: 'HOSPITAL', insurerIsMarketLeaderInProviderRegion: true })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: KpiErrorCode.YEAR_NOT_COVERED, field: 'year' })],
    });
    expect(deriveObligation({ year: 2024.5, providerKind: 'HOSPITAL', insurerIsMarketLeaderInProviderRegion: true })).toMatchObject({
      ok: false,
      errors: [{ code: KpiErrorCode.INVALID_YEAR }],
    });
    expect(
      deriveObligation({ year: 2025, providerKind: 'PHARMACY' as KpiProviderKind, insurerIsMarketLeaderInProviderRegion: true }),
    ).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.UNKNOWN_ENUM_VALUE, field: 'providerKind' }] });
    expect(
      deriveObligation({ year: 2025, providerKind: 'HOSPITAL', insurerIsMarketLeaderInProviderRegion: 'yes' as unknown as boolean }),
    ).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.UNKNOWN_ENUM_VALUE, field: 'insurerIsMarketLeaderInProviderRegion' }] });
  });
});
