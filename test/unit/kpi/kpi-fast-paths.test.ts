import { evaluateProgress } from '../../../src/kpi/rules/progress';
import { rational, toDecimalString } from '../../../src/kpi/rules/arithmetic';
import { valueFromCounts } from '../../../src/kpi/rules/values';
import { medianAndIqr } from '../../../src/kpi/rules/stats';
import { progressOf, valuePoint } from '../../../src/kpi/rules/series';

/** A small deterministic generator, so a failure can be reproduced. */
function generator(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
}

describe('the exact fast paths give what the BigInt fractions give', () => {
  it('for shares and pro-rated reductions of every size, half-way cases included', () => {
    const next = generator(7);
    for (let i = 0; i < 5000; i += 1) {
      const denominator = 1 + next(i % 2 === 0 ? 400 : 2_000_000_000);
      const numerator = next(denominator + 1);
      const share = valueFromCounts('PROPORTION', { numerator, denominator });
      expect(share).toMatchObject({ ok: true, data: { value: toDecimalString(rational(BigInt(numerator) * 100n, BigInt(denominator))) } });
      const months = { measured: 1 + next(12), baseline: 1 + next(12) };
      const reduction = valueFromCounts('REDUCTION', { numerator: next(3 * denominator), denominator, months });
      const expected = BigInt(denominator) * BigInt(months.measured);
      const exact = rational((expected - BigInt(reduction.ok ? reduction.data.numerator : 0) * BigInt(months.baseline)) * 100n, expected);
      expect(reduction).toMatchObject({ ok: true, data: { value: toDecimalString(exact) } });
    }
  });

  it('takes the BigInt path above 2^53 and still rounds half away from zero', () => {
    expect(valueFromCounts('PROPORTION', { numerator: 2 ** 52, denominator: 2 ** 53 - 1 })).toMatchObject({ data: { value: '50.00' } });
    expect(valueFromCounts('REDUCTION', { numerator: 2 ** 50, denominator: 2 ** 50, months: { measured: 12, baseline: 1 } })).toMatchObject({ data: { value: '91.67' } });
    expect(valueFromCounts('REDUCTION', { numerator: 2 ** 51 + 2 ** 49, denominator: 2 ** 51 })).toMatchObject({ data: { value: '-25.00' } });
  });

  it('sorts two-decimal values as numbers and longer ones as fractions, to the same quantiles', () => {
    const next = generator(11);
    for (let round = 0; round < 200; round += 1) {
      const values = Array.from({ length: 1 + next(40) }, () => `${next(2) ? '-' : ''}${next(100000)}.${String(next(100)).padStart(2, '0')}`);
      const longer = values.map((v) => `${v}0`);
      expect(medianAndIqr(values)).toEqual(medianAndIqr(longer));
    }
  });

  it('judges progress on first, previous and latest figures exactly as on the whole series', () => {
    const next = generator(3);
    const target = { scoring: 'PROPORTION' as const, direction: 'HIGHER_IS_BETTER' as const, year: 2024, targetValue: '25.00', targetDate: '2024-11-30' };
    for (let round = 0; round < 300; round += 1) {
      const months = Array.from({ length: 12 }, (_, m) => m + 1).filter(() => next(3) > 0);
      const points = months.map((m) => {
        const end = new Date(Date.UTC(2024, m, 0)).toISOString().slice(0, 10);
        return valuePoint('PROPORTION', { kind: 'MONTH', start: `2024-${String(m).padStart(2, '0')}-01`, end, numerator: next(300), denominator: 1000 }, null);
      });
      const asOf = `2024-${String(1 + next(12)).padStart(2, '0')}-15`;
      const fast = progressOf(target, points, 'MONTH', asOf);
      const full = evaluateProgress({
        target: { value: target.targetValue, direction: target.direction, year: 2024, targetDate: target.targetDate },
        series: points.map((p) => ({ periodStart: p.start, periodEnd: p.end, value: p.value! })),
        asOf,
      });
      if (!full.ok) throw new Error('reference failed');
      expect({
        status: fast.status,
        attainmentPercent: fast.attainmentPercent,
        trend: fast.trend,
        trendDirection: fast.trendDirection,
        expectedValue: fast.expectedValue,
        measurementsConsidered: fast.measurementsConsidered,
        latest: fast.latest?.value ?? null,
      }).toEqual({
        status: full.data.status,
        attainmentPercent: full.data.attainmentPercent,
        trend: full.data.trend,
        trendDirection: full.data.trendDirection,
        expectedValue: full.data.expectedValue,
        measurementsConsidered: full.data.measurementsConsidered,
        latest: full.data.latest?.value ?? null,
      });
    }
  });
});
