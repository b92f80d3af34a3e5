import { KpiErrorCode, KpiResult } from '../../../src/kpi/rules/result';
import {
  hybridPathwaysPercent,
  kpiValueFromCounts,
  physicalContactsReductionPercent,
  telemonitoringPercent,
} from '../../../src/kpi/rules/values';
import { parseDecimal, rational, toDecimalString } from '../../../src/kpi/rules/arithmetic';

function errorCodes<T>(result: KpiResult<T>): string[] {
  return result.ok ? [] : result.errors.map((error) => error.code);
}

describe('exact decimals', () => {
  it('rounds half away from zero where floating point rounds down', () => {
    // 107/4000 is 2.675 percent and 201/20000 is 1.005 percent; toFixed(2) on doubles gives 2.67 and 1.00.
    expect(hybridPathwaysPercent({ implemented: 107, total: 4000 })).toMatchObject({ ok: true, data: { value: '2.68' } });
    expect(hybridPathwaysPercent({ implemented: 201, total: 20000 })).toMatchObject({ ok: true, data: { value: '1.01' } });
  });

  it('rounds negatives symmetrically and never prints -0.00', () => {
    expect(toDecimalString(rational(-12345n, 1000n))).toBe('-12.35');
    expect(toDecimalString(rational(-1n, 300n))).toBe('0.00');
    expect(toDecimalString(rational(-1n, 200n))).toBe('-0.01');
  });

  it('parses plain decimal strings only', () => {
    expect(parseDecimal('25')).toEqual(rational(25n));
    expect(parseDecimal('-3.50')).toEqual(rational(-7n, 2n));
    for (const bad of ['', '1e3', '+1', '1,5', ' 1', '1.', '.5', 'NaN', 25]) expect(parseDecimal(bad)).toBeNull();
  });
});

describe('hybridPathwaysPercent', () => {
  it('is implemented / total x 100 with two decimals', () => {
    expect(hybridPathwaysPercent({ implemented: 1, total: 3 })).toEqual({
      ok: true,
      data: { value: '33.33', numerator: 1, denominator: 3 },
    });
    expect(hybridPathwaysPercent({ implemented: 2, total: 3 })).toMatchObject({ data: { value: '66.67' } });
    expect(hybridPathwaysPercent({ implemented: 0, total: 40 })).toMatchObject({ data: { value: '0.00' } });
    expect(hybridPathwaysPercent({ implemented: 40, total: 40 })).toMatchObject({ data: { value: '100.00' } });
  });

  it.each([
    [{ implemented: 11, total: 10 }, KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR, 'implemented'],
    [{ implemented: 0, total: 0 }, KpiErrorCode.ZERO_DENOMINATOR, 'total'],
    [{ implemented: -1, total: 10 }, KpiErrorCode.NEGATIVE_COUNT, 'implemented'],
    [{ implemented: 1.5, total: 10 }, KpiErrorCode.NOT_AN_INTEGER, 'implemented'],
    [{ implemented: 1, total: Number.NaN }, KpiErrorCode.NOT_AN_INTEGER, 'total'],
    [{ implemented: 1, total: 2 ** 53 }, KpiErrorCode.NOT_AN_INTEGER, 'total'],
  ])('rejects %j with %s on %s', (input, code, field) => {
    expect(hybridPathwaysPercent(input)).toEqual({ ok: false, errors: [expect.objectContaining({ code, field })] });
  });

  it('reports every bad count at once', () => {
    expect(errorCodes(hybridPathwaysPercent({ implemented: -2, total: 0.5 }))).toEqual([
      KpiErrorCode.NEGATIVE_COUNT,
      KpiErrorCode.NOT_AN_INTEGER,
    ]);
  });
});

describe('physicalContactsReductionPercent', () => {
  it('is (baseline - current) / baseline x 100', () => {
    expect(physicalContactsReductionPercent({ baseline: 1000, current: 700 })).toEqual({
      ok: true,
      data: { value: '30.00', numerator: 700, denominator: 1000 },
    });
    expect(physicalContactsReductionPercent({ baseline: 3, current: 2 })).toMatchObject({ data: { value: '33.33' } });
  });

  it('is negative when physical contacts rose', () => {
    expect(physicalContactsReductionPercent({ baseline: 1000, current: 1100 })).toMatchObject({ data: { value: '-10.00' } });
    expect(physicalContactsReductionPercent({ baseline: 800, current: 801 })).toMatchObject({ data: { value: '-0.13' } });
  });

  it('rejects a baseline of zero', () => {
    expect(physicalContactsReductionPercent({ baseline: 0, current: 5 })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: KpiErrorCode.BASELINE_ZERO, field: 'baseline' })],
    });
  });

  it('rejects negative and fractional counts', () => {
    expect(errorCodes(physicalContactsReductionPercent({ baseline: 100, current: -1 }))).toEqual([KpiErrorCode.NEGATIVE_COUNT]);
    expect(errorCodes(physicalContactsReductionPercent({ baseline: 99.9, current: 1 }))).toEqual([KpiErrorCode.NOT_AN_INTEGER]);
  });
});

describe('kpiValueFromCounts', () => {
  it('scores by the KPI: a share for telemonitoring, a reduction for physical contacts', () => {
    const counts = { numerator: 30, denominator: 120 };
    expect(kpiValueFromCounts('TELEMONITORING', counts)).toMatchObject({ data: { value: '25.00' } });
    expect(kpiValueFromCounts('PHYSICAL_CONTACTS_REDUCTION', counts)).toMatchObject({ data: { value: '75.00' } });
  });

  it('rejects an unknown KPI code', () => {
    expect(errorCodes(kpiValueFromCounts('WAITING_TIMES' as 'TELEMONITORING', { numerator: 1, denominator: 2 }))).toEqual([
      KpiErrorCode.UNKNOWN_ENUM_VALUE,
    ]);
  });
});

describe('telemonitoringPercent', () => {
  it('pools the chosen populations and breaks the share down per population', () => {
    // given
    const populations = [
      { population: 'HEART_FAILURE' as const, telemonitored: 30, inPopulation: 100 },
      { population: 'COPD' as const, telemonitored: 10, inPopulation: 200 },
      { population: 'OTHER' as const, otherName: ' Diabetes ', telemonitored: 0, inPopulation: 0 },
    ];

    // when
    const result = telemonitoringPercent({ populations });

    // then
    expect(result).toEqual({
      ok: true,
      data: {
        value: '13.33',
        numerator: 40,
        denominator: 300,
        variant: 'VARIANT_II',
        breakdown: [
          { population: 'HEART_FAILURE', numerator: 30, denominator: 100, value: '30.00' },
          { population: 'COPD', numerator: 10, denominator: 200, value: '5.00' },
          { population: 'OTHER', otherName: 'Diabetes', numerator: 0, denominator: 0, value: null },
        ],
      },
    });
  });

  it('reports the variant I set', () => {
    const result = telemonitoringPercent({
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 1, inPopulation: 5 },
        { population: 'COPD', telemonitored: 1, inPopulation: 5 },
        { population: 'IBD', telemonitored: 1, inPopulation: 5 },
      ],
    });
    expect(result).toMatchObject({ ok: true, data: { value: '20.00', variant: 'VARIANT_I' } });
  });

  it('rejects a population with more telemonitored patients than patients', () => {
    const result = telemonitoringPercent({
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 6, inPopulation: 5 },
        { population: 'COPD', telemonitored: 1, inPopulation: 5 },
        { population: 'IBD', telemonitored: 1, inPopulation: 5 },
      ],
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR, field: 'populations[0].telemonitored' }),
      ],
    });
  });

  it('reports a bad set and bad counts together', () => {
    const result = telemonitoringPercent({
      populations: [
        { population: 'HEART_FAILURE', telemonitored: -1, inPopulation: 5 },
        { population: 'COPD', telemonitored: 1, inPopulation: 2.5 },
      ],
    });
    expect(errorCodes(result).sort()).toEqual(
      [KpiErrorCode.POPULATION_SET_NOT_ALLOWED, KpiErrorCode.NEGATIVE_COUNT, KpiErrorCode.NOT_AN_INTEGER].sort(),
    );
  });

  it('rejects populations without any patient', () => {
    const result = telemonitoringPercent({
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 0, inPopulation: 0 },
        { population: 'COPD', telemonitored: 0, inPopulation: 0 },
        { population: 'IBD', telemonitored: 0, inPopulation: 0 },
      ],
    });
    expect(errorCodes(result)).toEqual([KpiErrorCode.ZERO_DENOMINATOR]);
  });
});
