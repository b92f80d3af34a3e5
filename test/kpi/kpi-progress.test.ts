import { useTestApp, dataOf } from '../support/app';
import { gid } from '../factories/kpi';

const app = useTestApp();

const PROGRESS = `query($id: ID!, $asOf: Date, $kind: KpiPeriodKind) { node(id: $id) { ... on KpiTarget {
  progress(asOf: $asOf, periodKind: $kind) { status asOf periodKind latest { value period { label } } attainmentPercent trend trendDirection expectedValue measurementsConsidered reason } } } }`;

/**
 * A hybrid-pathways target of 25.00 by 2024-12-31 with quarterly figures given as percentages of 10 000
 * pathways (so 14.96 is 1 496 of 10 000), read through the API.
 */
async function progress(quarters: (number | null)[], asOf: string, targetValue = '25.00') {
  const insurer = await app.kpi.base.insurer();
  const hospital = await app.kpi.hospital();
  const target = await app.kpi.target(insurer, hospital, 'HYBRID_PATHWAYS', 2024, { targetValue });
  for (const [index, percent] of quarters.entries()) {
    if (percent === null) continue;
    await app.kpi.measurement(hospital, 'HYBRID_PATHWAYS', { kind: 'QUARTER', year: 2024, number: index + 1 }, Math.round(percent * 100), 10000);
  }
  return dataOf(await app.gql(PROGRESS, { id: gid('KpiTarget', target.id), asOf })).node.progress;
}

describe('progress status at the edges of the rule (KPI-RULES.md, README)', () => {
  it.each([
    ['no measurement', [], '2024-07-15', 'NO_DATA', null],
    ['latest exactly on target', [10, 25], '2024-07-15', 'MET', null],
    ['one hundredth short, ahead of the path', [10, 24.99], '2024-07-15', 'ON_TRACK', '14.96'],
    ['exactly on the rounded path', [10, 14.96], '2024-07-15', 'ON_TRACK', '14.96'],
    ['one hundredth behind the path', [10, 14.95], '2024-07-15', 'AT_RISK', '14.96'],
    ['a single quarter on the path from 0 on 1 January', [6.16], '2024-04-15', 'ON_TRACK', '6.16'],
    ['a single quarter one hundredth behind it', [6.15], '2024-04-15', 'AT_RISK', '6.16'],
    ['the target date with only Q3 in: still judged on the path (10 + 15 x 183/275)', [10, 15, 20], '2024-12-31', 'ON_TRACK', '19.98'],
    ['the final quarter in and short on the target date', [10, 15, 20, 24.99], '2024-12-31', 'NOT_MET', null],
    ['the day after the target date', [10, 15, 24.99], '2025-01-01', 'NOT_MET', null],
    ['figures after the as-of date do not count', [10, 30], '2024-06-29', 'ON_TRACK', '6.16'],
  ] as const)('%s: %s', async (_label, quarters, asOf, status, expected) => {
    const result = await progress([...quarters], asOf);
    expect(result.status).toBe(status);
    expect(result.expectedValue).toBe(expected);
    expect(result.asOf).toBe(asOf);
  });

  it('reports latest value, attainment, trend and how many figures counted', async () => {
    const result = await progress([10, 14.95], '2024-07-15');
    expect(result).toMatchObject({
      periodKind: 'QUARTER',
      latest: { value: '14.95', period: { label: '2024-Q2' } },
      attainmentPercent: '59.80',
      trend: '4.95',
      trendDirection: 'IMPROVING',
      measurementsConsidered: 2,
    });
    expect(result.reason).toMatch(/behind the straight path/);
  });

  it('reads the target value written as 25 like 25.00', async () => {
    expect((await progress([25], '2024-04-15', '25')).status).toBe('MET');
  });
});

describe('progress of a reduction against its baseline period', () => {
  it('pro-rates a baseline year to the quarter and to the month', async () => {
    // given: 120 000 contacts in 2023, so 30 000 a quarter and 10 000 a month
    const insurer = await app.kpi.base.insurer();
    const hospital = await app.kpi.hospital();
    const target = await app.kpi.target(insurer, hospital, 'PHYSICAL_CONTACTS_REDUCTION', 2024, { baseline: { kind: 'YEAR', year: 2023 } });
    await app.kpi.measurement(hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'YEAR', year: 2023 }, 120000, null);
    await app.kpi.measurement(hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'QUARTER', year: 2024, number: 1 }, 21000, null);
    await app.kpi.measurement(hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'MONTH', year: 2024, number: 1 }, 9000, null);
    await app.kpi.measurement(hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'MONTH', year: 2024, number: 2 }, 8000, null);
    const id = gid('KpiTarget', target.id);
    // when
    const quarter = dataOf(await app.gql(PROGRESS, { id, asOf: '2024-04-15', kind: 'QUARTER' })).node.progress;
    const months = dataOf(await app.gql(PROGRESS, { id, asOf: '2024-04-15' })).node.progress;
    const series = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on KpiTarget { series { period { label } value numerator denominator } } } }`, { id })).node.series;
    // then
    expect(quarter).toMatchObject({ status: 'MET', latest: { value: '30.00' }, periodKind: 'QUARTER' });
    expect(months).toMatchObject({ periodKind: 'MONTH', latest: { value: '20.00', period: { label: '2024-02' } }, trend: '10.00', trendDirection: 'IMPROVING' });
    expect(series).toEqual([
      { period: { label: '2024-01' }, value: '10.00', numerator: 9000, denominator: 120000 },
      { period: { label: '2024-02' }, value: '20.00', numerator: 8000, denominator: 120000 },
    ]);
  });

  it('has no value and NO_DATA while the baseline figures are missing', async () => {
    const insurer = await app.kpi.base.insurer();
    const hospital = await app.kpi.hospital();
    const target = await app.kpi.target(insurer, hospital, 'PHYSICAL_CONTACTS_REDUCTION', 2024, { baseline: { kind: 'YEAR', year: 2023 } });
    await app.kpi.measurement(hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'MONTH', year: 2024, number: 1 }, 9000, null);
    const result = dataOf(await app.gql(PROGRESS, { id: gid('KpiTarget', target.id), asOf: '2024-04-15' })).node.progress;
    expect(result).toMatchObject({ status: 'NO_DATA', latest: null, measurementsConsidered: 0 });
  });
});
