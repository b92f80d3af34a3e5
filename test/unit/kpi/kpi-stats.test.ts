import { KpiErrorCode } from '../../../src/kpi/rules/result';
import { KpiStatus } from '../../../src/kpi/rules/progress';
import {
  AggregateRow,
  MIN_PROTECTED_PROVIDERS,
  aggregateKpi,
  countByStatus,
  medianAndIqr,
  pooledRate,
  smoothSpread,
  suppressionOf,
} from '../../../src/kpi/rules/stats';

describe('suppressionOf', () => {
  it('withholds an empty block, and a block with 1 to 9 protected providers; shows 0 or 10 and more', () => {
    expect(MIN_PROTECTED_PROVIDERS).toBe(10);
    expect(suppressionOf(0, 0)).toBe('NO_PROVIDERS');
    expect(suppressionOf(1, 0)).toBeNull();
    expect(suppressionOf(40, 1)).toBe('TOO_FEW_PROVIDERS');
    expect(suppressionOf(40, 9)).toBe('TOO_FEW_PROVIDERS');
    expect(suppressionOf(10, 10)).toBeNull();
    expect(suppressionOf(120, 100)).toBeNull();
  });

  it('throws on counts that are not counts, a programming error', () => {
    expect(() => suppressionOf(-1, 0)).toThrow(RangeError);
    expect(() => suppressionOf(4.5, 0)).toThrow(RangeError);
    expect(() => suppressionOf(3, 4)).toThrow(RangeError);
  });
});

describe('smoothSpread (Harrell-Davis)', () => {
  it('agrees with scipy.stats.mstats.hdquantiles to the hundredth', () => {
    // scipy: [2.2399, 4.8031, 7.4647]; [2.9987, 5.5, 8.0013]; [17.6992, 30, 42.3008]
    expect(smoothSpread(['3.10', '7.25', '1.00', '9.99', '4.40', '6.00', '2.5', '8.8', '5.5', '0.25'])).toEqual({
      ok: true,
      data: { count: 10, q1: '2.24', median: '4.80', q3: '7.46', iqr: '5.22' },
    });
    expect(smoothSpread(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])).toMatchObject({ data: { q1: '3.00', median: '5.50', q3: '8.00' } });
    expect(smoothSpread(['10', '20', '30', '40', '50'])).toMatchObject({ data: { q1: '17.70', median: '30.00', q3: '42.30' } });
  });

  it('never gives a quartile that is one of the values, as type 7 does at a whole position', () => {
    const values = ['13.37', '17.11', '21.73', '26.07', '29.41', '33.19', '38.53', '41.29', '47.61', '52.03', '58.87'];
    const type7 = medianAndIqr(values);
    const smooth = smoothSpread(values);
    if (!type7.ok || !smooth.ok) throw new Error('expected figures');
    expect(values).toContain(type7.data.median);
    for (const quartile of [smooth.data.q1, smooth.data.median, smooth.data.q3]) expect(values).not.toContain(quartile);
  });

  it('refuses an empty sample and what is not a decimal', () => {
    expect(smoothSpread([])).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.EMPTY_SAMPLE }] });
    expect(smoothSpread(['1', 'x'])).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.INVALID_DECIMAL, field: 'values[1]' }] });
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
        statusSuppression: null,
        values: {
          pooled: { value: '21.00', numerator: 105, denominator: 500 },
          spread: { count: 5, median: '20.00', q1: '10.00', q3: '26.67', iqr: '16.67' },
        },
        valuesSuppression: null,
      },
    });
  });

  it('shows exact figures over any number of providers the viewer may read, and withholds an empty block', () => {
    expect(aggregateKpi('HYBRID_PATHWAYS', [row('a', 'MET', 30)])).toMatchObject({
      ok: true,
      data: { providerCount: 1, statusCounts: { MET: 1 }, values: { spread: { median: '30.00' } }, valuesSuppression: null },
    });
    expect(aggregateKpi('HYBRID_PATHWAYS', [row('a', 'NO_DATA', null)])).toMatchObject({
      ok: true,
      data: { statusCounts: { NO_DATA: 1 }, values: null, valuesSuppression: 'NO_PROVIDERS' },
    });
  });

  it('withholds statuses and values over 1 to 9 protected providers, and smooths the quartiles over 10', () => {
    const readable = [row('a', 'MET', 30), row('b', 'MET', 40)];
    const hidden = (n: number) => Array.from({ length: n }, (_, i) => ({ ...row(`h${i}`, 'AT_RISK', 10 + i), protected: true }));
    expect(aggregateKpi('HYBRID_PATHWAYS', [...readable, ...hidden(9)])).toMatchObject({
      ok: true,
      data: { statusCounts: null, statusSuppression: 'TOO_FEW_PROVIDERS', values: null, valuesSuppression: 'TOO_FEW_PROVIDERS' },
    });
    const shown = aggregateKpi('HYBRID_PATHWAYS', [...readable, ...hidden(10)]);
    const values = ['30.00', '40.00', ...Array.from({ length: 10 }, (_, i) => `${10 + i}.00`)];
    const smooth = smoothSpread(values);
    if (!smooth.ok) throw new Error('expected a spread');
    expect(shown).toMatchObject({ ok: true, data: { statusCounts: { MET: 2, AT_RISK: 10 }, values: { spread: smooth.data } } });
  });

  it('withholds the values but not the statuses when 9 protected providers of 10 reported', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ ...row(`h${i}`, i === 0 ? 'NO_DATA' : 'MET', i === 0 ? null : 30), protected: true }));
    expect(aggregateKpi('HYBRID_PATHWAYS', rows)).toMatchObject({
      ok: true,
      data: { providerCount: 10, reportingProviderCount: 9, statusCounts: { MET: 9, NO_DATA: 1 }, values: null, valuesSuppression: 'TOO_FEW_PROVIDERS' },
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
