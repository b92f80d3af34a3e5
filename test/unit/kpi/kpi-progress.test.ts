import { KpiErrorCode } from '../../../src/kpi/rules/result';
import { MeasurementFacts, TargetFacts, evaluateProgress } from '../../../src/kpi/rules/progress';

// The hybrid-pathways target of seed 004_1f8df596a6e33aa0.txt: 25 percent at the end of 2024.
const hybridTarget = (): TargetFacts => ({ value: '25.00', direction: 'HIGHER_IS_BETTER', year: 2024, targetDate: '2024-12-31' });

const q1 = (value: string): MeasurementFacts => ({ periodStart: '2024-01-01', periodEnd: '2024-03-31', value });
const q2 = (value: string): MeasurementFacts => ({ periodStart: '2024-04-01', periodEnd: '2024-06-30', value });
const q3 = (value: string): MeasurementFacts => ({ periodStart: '2024-07-01', periodEnd: '2024-09-30', value });
const q4 = (value: string): MeasurementFacts => ({ periodStart: '2024-10-01', periodEnd: '2024-12-31', value });

describe('evaluateProgress: status', () => {
  it('is NO_DATA without measurements', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [], asOf: '2024-06-01' });
    expect(result).toEqual({
      ok: true,
      data: expect.objectContaining({ status: 'NO_DATA', latest: null, attainmentPercent: null, measurementsConsidered: 0 }),
    });
  });

  it('stays NO_DATA after the target date when nothing was measured', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [], asOf: '2025-03-01' });
    expect(result.ok && result.data.status).toBe('NO_DATA');
  });

  it('is MET exactly on target, however the target is written', () => {
    const written = { ...hybridTarget(), value: '25' };
    const result = evaluateProgress({ target: written, series: [q1('10.00'), q2('25.00')], asOf: '2024-07-15' });
    expect(result).toMatchObject({ ok: true, data: { status: 'MET', attainmentPercent: '100.00' } });
  });

  it('is MET above target after the target date', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [q3('20.00'), q4('26.10')], asOf: '2025-02-01' });
    expect(result).toMatchObject({ ok: true, data: { status: 'MET', attainmentPercent: '104.40' } });
  });

  it('is not MET one hundredth below target', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [q1('10.00'), q2('24.99')], asOf: '2024-07-15' });
    expect(result.ok && result.data.status).toBe('ON_TRACK');
  });

  it('is NOT_MET one hundredth below target the day after the target date', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [q1('10.00'), q3('24.99')], asOf: '2025-01-01' });
    expect(result).toMatchObject({ ok: true, data: { status: 'NOT_MET', expectedValue: null } });
  });

  it('still judges the path on the target date itself while the final period is not in', () => {
    // Path from (31 March, 10) to (31 December, 25), at 30 September: 10 + 15 x 183/275 = 19.98.
    const onPath = evaluateProgress({ target: hybridTarget(), series: [q1('10.00'), q3('19.98')], asOf: '2024-12-31' });
    const behind = evaluateProgress({ target: hybridTarget(), series: [q1('10.00'), q3('19.97')], asOf: '2024-12-31' });
    expect(onPath).toMatchObject({ ok: true, data: { status: 'ON_TRACK', expectedValue: '19.98' } });
    expect(behind).toMatchObject({ ok: true, data: { status: 'AT_RISK', expectedValue: '19.98' } });
  });

  it('is NOT_MET on the target date once the period ending on it is in and misses', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [q3('20.00'), q4('24.99')], asOf: '2024-12-31' });
    expect(result.ok && result.data.status).toBe('NOT_MET');
  });

  it('is MET on the target date when the final period reaches the target', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [q4('25.00')], asOf: '2024-12-31' });
    expect(result.ok && result.data.status).toBe('MET');
  });

  it('puts the path from the first measurement: on it is ON_TRACK, one hundredth under is AT_RISK', () => {
    // 10 + 15 x 91/275 = 14.9636..., shown as 14.96.
    const on = evaluateProgress({ target: hybridTarget(), series: [q1('10.00'), q2('14.96')], asOf: '2024-07-10' });
    const under = evaluateProgress({ target: hybridTarget(), series: [q1('10.00'), q2('14.95')], asOf: '2024-07-10' });
    expect(on).toMatchObject({ ok: true, data: { status: 'ON_TRACK', expectedValue: '14.96' } });
    expect(under).toMatchObject({ ok: true, data: { status: 'AT_RISK', expectedValue: '14.96' } });
  });

  it('judges a single measurement against a path from 0 on 1 January', () => {
    // 25 x 90/365 = 6.1643..., shown as 6.16.
    const on = evaluateProgress({ target: hybridTarget(), series: [q1('6.16')], asOf: '2024-04-15' });
    const under = evaluateProgress({ target: hybridTarget(), series: [q1('6.15')], asOf: '2024-04-15' });
    expect(on).toMatchObject({ ok: true, data: { status: 'ON_TRACK', expectedValue: '6.16', trend: null, trendDirection: null } });
    expect(under).toMatchObject({ ok: true, data: { status: 'AT_RISK', measurementsConsidered: 1 } });
  });

  it('marks a single measurement before the target year against the start of the path', () => {
    const lastYear = { periodStart: '2023-01-01', periodEnd: '2023-12-31', value: '-2.00' };
    const result = evaluateProgress({ target: hybridTarget(), series: [lastYear], asOf: '2024-02-01' });
    expect(result).toMatchObject({ ok: true, data: { status: 'AT_RISK', expectedValue: '0.00' } });
  });

  it('ignores measurements not yet ended on the as-of date and those after the target date', () => {
    const nextYear = { periodStart: '2025-01-01', periodEnd: '2025-03-31', value: '40.00' };
    const early = evaluateProgress({ target: hybridTarget(), series: [q1('10.00'), q2('30.00')], asOf: '2024-06-29' });
    const late = evaluateProgress({ target: hybridTarget(), series: [q4('20.00'), nextYear], asOf: '2025-05-01' });
    expect(early).toMatchObject({ ok: true, data: { measurementsConsidered: 1, latest: q1('10.00') } });
    expect(late).toMatchObject({ ok: true, data: { status: 'NOT_MET', latest: q4('20.00') } });
  });

  it('orders the series by period end, whatever order it arrives in', () => {
    const result = evaluateProgress({ target: hybridTarget(), series: [q3('18.00'), q1('10.00'), q2('12.00')], asOf: '2024-10-15' });
    expect(result).toMatchObject({ ok: true, data: { latest: q3('18.00'), trend: '6.00', trendDirection: 'IMPROVING' } });
  });
});

describe('evaluateProgress: attainment and trend', () => {
  it('gives attainment as latest / target x 100, negative for a rise in contacts', () => {
    const reduction: TargetFacts = { value: '30.00', direction: 'HIGHER_IS_BETTER', year: 2024, targetDate: '2024-12-31' };
    const result = evaluateProgress({ target: reduction, series: [q1('-5.00')], asOf: '2024-05-01' });
    expect(result).toMatchObject({ ok: true, data: { attainmentPercent: '-16.67', status: 'AT_RISK' } });
  });

  it('reports a falling value as WORSENING and an unchanged one as STABLE', () => {
    const falling = evaluateProgress({ target: hybridTarget(), series: [q1('12.00'), q2('11.50')], asOf: '2024-07-01' });
    const flat = evaluateProgress({ target: hybridTarget(), series: [q1('12.00'), q2('12')], asOf: '2024-07-01' });
    expect(falling).toMatchObject({ ok: true, data: { trend: '-0.50', trendDirection: 'WORSENING', status: 'AT_RISK' } });
    expect(flat).toMatchObject({ ok: true, data: { trend: '0.00', trendDirection: 'STABLE' } });
  });

  it('has no attainment for a target of zero', () => {
    const zero: TargetFacts = { ...hybridTarget(), value: '0' };
    const result = evaluateProgress({ target: zero, series: [q1('0.00')], asOf: '2024-05-01' });
    expect(result).toMatchObject({ ok: true, data: { status: 'MET', attainmentPercent: null } });
  });
});

describe('evaluateProgress: lower is better', () => {
  const waiting: TargetFacts = { value: '10.00', direction: 'LOWER_IS_BETTER', year: 2024, targetDate: '2024-12-31' };

  it('is MET at or under the target, with attainment target / latest x 100', () => {
    const result = evaluateProgress({ target: waiting, series: [q1('8.00')], asOf: '2024-05-01' });
    expect(result).toMatchObject({ ok: true, data: { status: 'MET', attainmentPercent: '125.00' } });
  });

  it('gives a single measurement above target the benefit of the doubt', () => {
    const result = evaluateProgress({ target: waiting, series: [q1('20.00')], asOf: '2024-05-01' });
    expect(result).toMatchObject({ ok: true, data: { status: 'ON_TRACK', expectedValue: null, attainmentPercent: '50.00' } });
  });

  it('follows a falling path from the first measurement', () => {
    // 20 - 10 x 91/275 = 16.69.
    const on = evaluateProgress({ target: waiting, series: [q1('20.00'), q2('16.69')], asOf: '2024-07-01' });
    const over = evaluateProgress({ target: waiting, series: [q1('20.00'), q2('16.70')], asOf: '2024-07-01' });
    expect(on).toMatchObject({ ok: true, data: { status: 'ON_TRACK', trendDirection: 'IMPROVING' } });
    expect(over).toMatchObject({ ok: true, data: { status: 'AT_RISK', expectedValue: '16.69' } });
  });
});

describe('evaluateProgress: input errors', () => {
  it.each([
    [{ series: [q1('ten')] }, KpiErrorCode.INVALID_DECIMAL, 'series[0].value'],
    [{ series: [{ ...q1('1'), periodEnd: '2024-02-30' }] }, KpiErrorCode.INVALID_DATE, 'series[0].periodEnd'],
    [{ series: [{ ...q1('1'), periodStart: '2024-04-01' }] }, KpiErrorCode.INVALID_PERIOD, 'series[0]'],
    [{ series: [q1('1'), { ...q1('2'), periodStart: '2024-03-01' }] }, KpiErrorCode.DUPLICATE_PERIOD_END, 'series[1]'],
    [{ asOf: '31-12-2024' }, KpiErrorCode.INVALID_DATE, 'asOf'],
    [{ target: { ...hybridTarget(), targetDate: '2025-12-31' } }, KpiErrorCode.TARGET_DATE_OUTSIDE_YEAR, 'target.targetDate'],
    [{ target: { ...hybridTarget(), value: '25%' } }, KpiErrorCode.INVALID_DECIMAL, 'target.value'],
    [{ target: { ...hybridTarget(), direction: 'UP' } }, KpiErrorCode.UNKNOWN_ENUM_VALUE, 'target.direction'],
    [{ target: { ...hybridTarget(), year: 2024.5 } }, KpiErrorCode.INVALID_YEAR, 'target.year'],
  ])('rejects %j with %s on %s', (override, code, field) => {
    const input = { target: hybridTarget(), series: [q1('5.00')], asOf: '2024-06-01', ...override } as Parameters<
      typeof evaluateProgress
    >[0];
    expect(evaluateProgress(input)).toEqual({ ok: false, errors: [expect.objectContaining({ code, field })] });
  });
});
