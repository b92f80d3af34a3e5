import { KpiErrorCode } from '../../../src/kpi/rules/result';
import { physicalContactsReductionPercent, valueFromCounts } from '../../../src/kpi/rules/values';
import { aggregateKpi, pooledRate } from '../../../src/kpi/rules/stats';
import { buildMeasureReport } from '../../../src/kpi/fhir/measure-report.builder';
import { measureCanonical, wholeMonths } from '../../../src/kpi/fhir/measure-report.types';

const provider = { agb: '06010901', name: 'Ziekenhuis Domstad' };
const date = '2025-01-15T09:30:00+01:00';

describe('a reduction against a baseline of another length (pro rata by whole months)', () => {
  it('compares a month with a twelfth of the baseline year', () => {
    // given a baseline year of 12 000 contacts: 1 000 a month on average
    // when a month has 700
    const result = physicalContactsReductionPercent({ baseline: 12_000, current: 700, months: { measured: 1, baseline: 12 } });
    // then the reduction is 30%, not 94%
    expect(result).toMatchObject({ ok: true, data: { value: '30.00', numerator: 700, denominator: 12_000 } });
  });

  it('is the plain formula for periods of equal length, a leap year included', () => {
    expect(physicalContactsReductionPercent({ baseline: 1000, current: 700, months: { measured: 12, baseline: 12 } })).toMatchObject({
      data: { value: '30.00' },
    });
    expect(physicalContactsReductionPercent({ baseline: 1000, current: 700 })).toMatchObject({ data: { value: '30.00' } });
  });

  it('rounds the exact fraction once: a quarter against a year', () => {
    // 4 000 a year is 1 000 a quarter; 667 is a reduction of 33.3%
    expect(physicalContactsReductionPercent({ baseline: 4000, current: 667, months: { measured: 3, baseline: 12 } })).toMatchObject({
      data: { value: '33.30' },
    });
  });

  it('refuses a period length that is not a whole number of months', () => {
    expect(() => valueFromCounts('REDUCTION', { numerator: 1, denominator: 2, months: { measured: 0, baseline: 12 } })).toThrow(RangeError);
  });

  it('pools pro-rated baselines', () => {
    // 1 000 a month and 500 a month expected; 700 + 350 measured: 30% pooled
    const result = pooledRate({ scoring: 'REDUCTION' }, [
      { numerator: 700, denominator: 12_000, months: { measured: 1, baseline: 12 } },
      { numerator: 350, denominator: 1_500, months: { measured: 1, baseline: 3 } },
    ]);
    expect(result).toEqual({ ok: true, data: { value: '30.00', numerator: 1050, denominator: 13_500 } });
  });
});

describe('a hospital\'s own KPI, by its scoring', () => {
  it('scores a proportion and refuses a numerator above the denominator', () => {
    expect(valueFromCounts('PROPORTION', { numerator: 3, denominator: 8 })).toMatchObject({ data: { value: '37.50' } });
    expect(valueFromCounts('PROPORTION', { numerator: 9, denominator: 8 })).toMatchObject({
      ok: false,
      errors: [{ code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR }],
    });
  });

  it('refuses an unknown scoring', () => {
    expect(valueFromCounts('AVERAGE' as 'PROPORTION', { numerator: 1, denominator: 2 })).toMatchObject({
      ok: false,
      errors: [{ code: KpiErrorCode.UNKNOWN_ENUM_VALUE, field: 'scoring' }],
    });
  });

  it('aggregates by scoring', () => {
    const rows = [1, 2, 3, 4, 5].map((n) => ({ providerId: `p${n}`, status: 'ON_TRACK' as const, counts: { numerator: n, denominator: 10 } }));
    expect(aggregateKpi({ scoring: 'PROPORTION' }, rows)).toMatchObject({ ok: true, data: { values: { pooled: { value: '30.00' } } } });
  });
});

describe('whole months of a period', () => {
  it.each([
    [{ start: '2024-01-01', end: '2024-01-31' }, 1],
    [{ start: '2024-02-01', end: '2024-02-29' }, 1],
    [{ start: '2024-04-01', end: '2024-06-30' }, 3],
    [{ start: '2023-01-01', end: '2023-12-31' }, 12],
    [{ start: '2024-01-02', end: '2024-01-31' }, null],
    [{ start: '2024-01-01', end: '2024-01-30' }, null],
    [{ start: '2024-02-01', end: '2024-01-31' }, null],
  ])('%j spans %s', (period, months) => {
    expect(wholeMonths(period)).toBe(months);
  });
});

describe('MeasureReport of a reduction and of a hospital\'s own KPI', () => {
  it('pro-rates the baseline year for a monthly report', () => {
    const result = buildMeasureReport({
      kpi: 'PHYSICAL_CONTACTS_REDUCTION',
      provider,
      period: { start: '2024-03-01', end: '2024-03-31' },
      date,
      baseline: 12_000,
      current: 800,
      baselinePeriod: { start: '2023-01-01', end: '2023-12-31' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 800 in March against 1,000 a month: 80% of the baseline, a 20% reduction; numerator 800 x 12 months, denominator 12,000 x 1
    expect(result.data.group?.[0].measureScore?.value).toBe(80);
    expect(result.data.group?.[0].population?.map((p) => p.count)).toEqual([9_600, 12_000]);
    expect(result.data.improvementNotation?.coding?.[0].code).toBe('decrease');
  });

  it('reports a custom KPI under its own Measure, with its direction', () => {
    const result = buildMeasureReport({
      kpi: 'CUSTOM',
      definition: { code: 'EHEALTH_FOLLOW_UP', name: 'Digital follow-up', direction: 'LOWER_IS_BETTER', scoring: 'PROPORTION' },
      provider,
      period: { start: '2024-01-01', end: '2024-03-31' },
      date,
      numerator: 25,
      denominator: 200,
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        measure: measureCanonical('EHEALTH_FOLLOW_UP'),
        improvementNotation: { coding: [{ code: 'decrease' }] },
        group: [{ code: { coding: [{ code: 'EHEALTH_FOLLOW_UP' }] }, measureScore: { value: 12.5 } }],
      },
    });
  });

  it('needs a baseline period for a custom reduction and a well-formed code', () => {
    const result = buildMeasureReport({
      kpi: 'CUSTOM',
      definition: { code: 'bad code', name: 'x', direction: 'HIGHER_IS_BETTER', scoring: 'REDUCTION' },
      provider,
      period: { start: '2024-01-01', end: '2024-03-31' },
      date,
      numerator: 25,
      denominator: 200,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(['baselinePeriod', 'definition.code']);
  });
});
