import { KpiErrorCode, KpiStatus } from '../../../src/kpi/kpi-rules';
import {
  AggregateRow,
  MIN_PROVIDERS_FOR_AGGREGATE,
  aggregateKpi,
  countByStatus,
  medianAndIqr,
  pooledRate,
  suppressAggregate,
} from '../../../src/kpi/kpi-stats';

describe('suppressAggregate', () => {
  it('hides aggregates over 4 providers and shows them over 5', () => {
    expect(MIN_PROVIDERS_FOR_AGGREGATE).toBe(5);
    expect(suppressAggregate(0)).toBe(true);
    expect(suppressAggregate(4)).toBe(true);
    expect(suppressAggregate(5)).toBe(false);
    expect(suppressAggregate(120)).toBe(false);
  });

  it('throws on a count that is not a count, a programming error', () => {
    expect(() => suppressAggregate(-1)).toThrow(RangeError);
    expect(() => suppressAggregate(4.5)).toThrow(RangeError);
  });
});

describe('pooledRate', () => {
  it('divides the sum of numerators by the sum of denominators, not the mean of rates', () => {
    // The mean of 50% and 10% would be 30%; pooled it is 60 / 600.
    const result = pooledRate('HYBRID_PATHWAYS', [
      { numerator: 50, denominator: 100 },
      { numerator: 10, denominator: 500 },
    ]);
    expect(result).toEqual({ ok: true, data: { value: '10.00', numerator: 60, denominator: 600 } });
  });

  it('pools a reduction over summed baselines', () => {
    const result = pooledRate('PHYSICAL_CONTACTS_REDUCTION', [
      { numerator: 700, denominator: 1000 },
      { numerator: 1200, denominator: 1000 },
    ]);
    expect(result).toMatchObject({ ok: true, data: { value: '5.00' } });
  });

  it('rejects an empty list and bad parts with their index', () => {
    expect(pooledRate('TELEMONITORING', [])).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.EMPTY_SAMPLE }] });
    expect(pooledRate('TELEMONITORING', [{ numerator: 1, denominator: 2 }, { numerator: 3, denominator: 2 }])).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR, field: 'parts[1].numerator' })],
    });
  });
});

describe('medianAndIqr (type 7, linear interpolation between closest ranks)', () => {
  it('matches the textbook example 1, 2, 3, 4', () => {
    expect(medianAndIqr(['4', '1', '3', '2'])).toEqual({
      ok: true,
      data: { count: 4, median: '2.50', q1: '1.75', q3: '3.25', iqr: '1.50' },
    });
  });

  it('interpolates exactly and rounds once', () => {
    // Sorted 1.00 3.10 4.40 6.00 7.25 9.99: q1 at rank 1.25 is 3.425, q3 at rank 3.75 is 6.9375.
    const result = medianAndIqr(['3.10', '7.25', '1.00', '9.99', '4.40', '6.00']);
    expect(result).toEqual({ ok: true, data: { count: 6, median: '5.20', q1: '3.43', q3: '6.94', iqr: '3.51' } });
  });

  it('lands on ranks for five values and collapses for one', () => {
    expect(medianAndIqr(['10', '20', '30', '40', '50'])).toMatchObject({ data: { median: '30.00', q1: '20.00', q3: '40.00' } });
    expect(medianAndIqr(['-3.5'])).toEqual({ ok: true, data: { count: 1, median: '-3.50', q1: '-3.50', q3: '-3.50', iqr: '0.00' } });
  });

  it('rejects an empty sample and values that are not decimals', () => {
    expect(medianAndIqr([])).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.EMPTY_SAMPLE }] });
    expect(medianAndIqr(['1', 'x'])).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.INVALID_DECIMAL, field: 'values[1]' }] });
  });
});

describe('countByStatus', () => {
  it('counts every status, zero included', () => {
    expect(countByStatus(['MET', 'AT_RISK', 'MET'])).toEqual({ MET: 2, ON_TRACK: 0, AT_RISK: 1, NOT_MET: 0, NO_DATA: 0 });
  });
});

describe('aggregateKpi', () => {
  const row = (providerId: string, status: KpiStatus, numerator: number | null, denominator = 100): AggregateRow => ({
    providerId,
    status,
    counts: numerator === null ? null : { numerator, denominator },
  });

  it('shows statuses and values for five reporting providers', () => {
    // given
    const rows = [
      row('a', 'MET', 30),
      row('b', 'ON_TRACK', 20),
      row('c', 'AT_RISK', 10),
      row('d', 'AT_RISK', 5, 50),
      row('e', 'MET', 40, 150),
    ];

    // when
    const result = aggregateKpi('HYBRID_PATHWAYS', rows);

    // then
    expect(result).toEqual({
      ok: true,
      data: {
        kpi: 'HYBRID_PATHWAYS',
        providerCount: 5,
        reportingProviderCount: 5,
        statusCounts: { MET: 2, ON_TRACK: 1, AT_RISK: 2, NOT_MET: 0, NO_DATA: 0 },
        values: {
          pooled: { value: '21.00', numerator: 105, denominator: 500 },
          spread: { count: 5, median: '20.00', q1: '10.00', q3: '26.67', iqr: '16.67' },
        },
      },
    });
  });

  it('suppresses everything over four providers', () => {
    const rows = [row('a', 'MET', 30), row('b', 'MET', 30), row('c', 'MET', 30), row('d', 'MET', 30)];
    expect(aggregateKpi('HYBRID_PATHWAYS', rows)).toMatchObject({
      ok: true,
      data: { providerCount: 4, statusCounts: null, values: null },
    });
  });

  it('shows statuses but suppresses values when only four of five providers reported', () => {
    const rows = [row('a', 'MET', 30), row('b', 'MET', 30), row('c', 'MET', 30), row('d', 'MET', 30), row('e', 'NO_DATA', null)];
    expect(aggregateKpi('HYBRID_PATHWAYS', rows)).toMatchObject({
      ok: true,
      data: { providerCount: 5, reportingProviderCount: 4, statusCounts: { MET: 4, NO_DATA: 1 }, values: null },
    });
  });

  it('rejects a provider counted twice, which would defeat suppression', () => {
    const rows = [row('a', 'MET', 30), row('a', 'MET', 30), row('c', 'MET', 30), row('d', 'MET', 30), row('e', 'MET', 30)];
    expect(aggregateKpi('HYBRID_PATHWAYS', rows)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: KpiErrorCode.DUPLICATE_PROVIDER, field: 'rows[1].providerId' })],
    });
  });

  it('rejects bad counts and unknown statuses', () => {
    const rows = [row('a', 'MET', 130), row('b', 'GREEN' as KpiStatus, 30)];
    expect(aggregateKpi('HYBRID_PATHWAYS', rows)).toMatchObject({
      ok: false,
      errors: [
        { code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR, field: 'rows[0].counts.numerator' },
        { code: KpiErrorCode.UNKNOWN_ENUM_VALUE, field: 'rows[1].status' },
      ],
    });
  });
});
