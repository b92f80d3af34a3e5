import { useTestApp, dataOf } from '../support/app';
import { ProviderKind } from '../../src/provider/provider.entity';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';
import type { Region } from '../../src/region/region.entity';

/**
 * An insurer tries to learn the figures and statuses of hospitals it may not read from dashboard aggregates: by
 * differencing region sets that differ by one hospital, provider kinds, insurers, as-of dates, period kinds and
 * orders, and by reading quartiles of 5-provider groups. The oracle: the attacker's whole view (every row, count,
 * order and aggregate of every query it can make) must not change when a protected hospital's figures or target
 * change (the benchmark suppressed), or when two protected hospitals swap them (the benchmark shown: it may say
 * something about the market as a whole, never which hospital it is about). Each scenario uses a year of its own,
 * because the benchmark covers every provider with a target of the KPI in the year.
 */
const app = useTestApp();

const AGGREGATE = 'suppressed suppressionReason providerCount statusCounts { met onTrack atRisk notMet noData } valuesSuppressed valuesSuppressionReason reportingProviderCount pooledRate median q1 q3 iqr';
const PERIOD = 'period { label } suppressed suppressionReason reportingProviderCount pooledRate median q1 q3 iqr';
const BENCHMARK = `benchmark { asOf suppressed suppressionReason providerCount statusCounts { met onTrack atRisk notMet noData } series { ${PERIOD} } }`;
const VIEW = `query($input: KpiDashboardInput!, $order: KpiDashboardOrder) { kpiDashboard(input: $input) {
  rows(first: 100, orderBy: $order) { totalCount nodes { provider { agb } latest { value period { label } } progress { status } target { id } } }
  aggregate { ${AGGREGATE} } series { ${PERIOD} } ${BENCHMARK} } }`;

interface Attack {
  input: Record<string, unknown>;
  order?: Record<string, unknown>;
}

/** Everything the attacker gets back from each query, as plain data. */
async function viewOf(insurer: Insurer, attacks: Attack[]): Promise<unknown[]> {
  const views: unknown[] = [];
  for (const attack of attacks) {
    // a fresh token per query: one token's per-minute cost budget is finite, an attacker has many
    const token = await app.tokenFor({ role: 'DASHBOARD', insurer });
    views.push(dataOf(await app.gql(VIEW, { input: attack.input, order: attack.order ?? null }, { token })).kpiDashboard);
  }
  return views;
}

/** Every filter, insurer, as-of date, period kind, neighbouring year and order an attacker would combine. */
function attacks(year: number, regions: Region[], insurers: Insurer[], asOfs: string[]): Attack[] {
  const filters: (Record<string, unknown> | null)[] = [
    null,
    ...regions.map((r) => ({ regionCodes: [r.code] })),
    ...regions.slice(1).map((r) => ({ regionCodes: [regions[0].code, r.code] })),
    { regionCodes: regions.map((r) => r.code) },
    { providerKinds: ['HOSPITAL'] },
    { providerKinds: ['INDEPENDENT_CLINIC'] },
    { regionCodes: [regions[0].code], providerKinds: ['HOSPITAL'] },
    { coreRegionsOf: insurers[0].uzovi },
  ];
  const list: Attack[] = [];
  for (const filter of filters) {
    for (const insurerUzovi of [null, ...insurers.map((i) => i.uzovi)]) {
      list.push({ input: { year, kpiCode: 'HYBRID_PATHWAYS', asOf: asOfs[0], insurerUzovi, filter } });
    }
  }
  for (const asOf of asOfs.slice(1)) list.push({ input: { year, kpiCode: 'HYBRID_PATHWAYS', asOf, filter: { regionCodes: [regions[0].code] } } });
  list.push({ input: { year, kpiCode: 'HYBRID_PATHWAYS', asOf: asOfs[0], periodKind: 'QUARTER' } });
  for (const other of [year - 1, year + 1]) list.push({ input: { year: other, kpiCode: 'HYBRID_PATHWAYS', asOf: `${other}-12-31`, filter: { regionCodes: [regions[0].code] } } });
  list.push({ input: { year, kpiCode: 'HYBRID_PATHWAYS', asOf: asOfs[0] }, order: { field: 'VALUE', direction: 'DESC' } });
  list.push({ input: { year, kpiCode: 'HYBRID_PATHWAYS', asOf: asOfs[0] }, order: { field: 'STATUS', direction: 'ASC' } });
  return list;
}

const setFigure = (provider: Provider, year: number, month: number, numerator: number, denominator: number) =>
  app.orm.em.getConnection().execute(
    `update kpi_measurement set numerator = ?, denominator = ? where provider_id = ? and period_kind = 'MONTH' and period_start = make_date(?, ?, 1)`,
    [numerator, denominator, provider.id, year, month],
  );
const setTarget = (insurer: Insurer, provider: Provider, targetValue: string, targetDate: string) =>
  app.orm.em.getConnection().execute(`update kpi_target set target_value = ?, target_date = ? where insurer_id = ? and provider_id = ?`, [targetValue, targetDate, insurer.id, provider.id]);

/** A hospital with a contract, a target and figures for the year; figures are (implemented, total) per month from January. */
async function hospital(region: Region, insurer: Insurer, year: number, figures: [number, number][], kind = ProviderKind.HOSPITAL): Promise<Provider> {
  const provider = await app.kpi.hospital(region, kind);
  await app.kpi.contract(insurer, provider, year);
  await app.kpi.target(insurer, provider, 'HYBRID_PATHWAYS', year);
  await app.kpi.hybridMonths(provider, year, figures);
  return provider;
}

describe('a small market: nothing about a protected hospital reaches the attacker', () => {
  it('answers every differencing query the same whatever the protected hospitals report or agreed', async () => {
    // given: the attacker V reads five hospitals in region X (its contracts and targets); rival A has one hospital
    // alone in region Y, a clinic in X and five hospitals in region Z; V also contracts a hospital whose
    // earliest target is A's, and leads region X
    const year = 2041;
    const [v, a] = [await app.kpi.base.insurer(), await app.kpi.base.insurer()];
    const [x, y, z] = [await app.kpi.base.region(), await app.kpi.base.region(), await app.kpi.base.region()];
    await app.kpi.base.marketShare(v, x, year, '60.00');
    const own: Provider[] = [];
    for (const [n, d] of [[5, 100], [10, 100], [20, 50], [30, 100], [0, 200]] as const) own.push(await hospital(x, v, year, [[n, d], [n, d], [n, d]]));
    const lonely = await hospital(y, a, year, [[30, 100], [35, 100], [37, 100]]);
    const clinic = await hospital(x, a, year, [[1, 10], [2, 10], [3, 10]], ProviderKind.INDEPENDENT_CLINIC);
    const five: Provider[] = [];
    for (const n of [11, 22, 33, 44, 55]) five.push(await hospital(z, a, year, [[n, 100], [n, 100], [n, 100]]));
    const shared = await hospital(x, a, year, [[20, 100], [20, 100], [20, 100]]);
    await app.kpi.contract(v, shared, year);
    await app.kpi.target(v, shared, 'HYBRID_PATHWAYS', year, { targetValue: '10.00' });
    const battery = attacks(year, [x, y, z], [v, a], [`${year}-04-15`, `${year}-03-31`, `${year}-12-31`, `${year}-02-10`]);

    // when: the attacker runs its queries, then the protected hospitals' figures and A's targets change, and it runs them again
    const before = await viewOf(v, battery);
    await setFigure(lonely, year, 3, 12, 100);
    await setFigure(clinic, year, 3, 9, 10);
    for (const [index, provider] of five.entries()) {
      await setFigure(provider, year, 3, 90 - index * 7, 100);
      await setTarget(a, provider, '50.00', `${year}-03-31`);
    }
    await setTarget(a, shared, '90.00', `${year}-06-30`);
    const after = await viewOf(v, battery);

    // then: not one answer differs, so no difference of answers can tell anything about them
    expect(after).toEqual(before);
    // and the attack was not vacuous: V gets its own rows and exact aggregates over them, the benchmark is withheld with a reason
    const whole = before[0] as any;
    expect(whole.rows.totalCount).toBe(6);
    expect(whole.aggregate).toMatchObject({ suppressed: false, providerCount: 6, reportingProviderCount: 6, median: '15.00' });
    expect(whole.benchmark).toMatchObject({ suppressed: true, suppressionReason: 'TOO_FEW_PROVIDERS', providerCount: null, statusCounts: null });
    expect(whole.benchmark.series.every((s: any) => s.suppressed && s.suppressionReason === 'TOO_FEW_PROVIDERS' && s.median === null)).toBe(true);
    // the operator, who may read everything, gets the benchmark over all thirteen hospitals
    const operator = dataOf(await app.gql(VIEW, { input: battery[0].input })).kpiDashboard;
    expect(operator.benchmark).toMatchObject({ suppressed: false, providerCount: 13 });
    expect(operator.benchmark.series[2]).toMatchObject({ suppressed: false, reportingProviderCount: 13 });
  });
});

describe('a market of twelve protected hospitals: the benchmark is shown and says nothing about which hospital', () => {
  it('gives one benchmark to every filter, and the same answers when two protected hospitals swap figures and targets', async () => {
    // given: V reads three hospitals in X; A has eleven hospitals in X and one alone in Y, with distinct figures
    const year = 2042;
    const [v, a] = [await app.kpi.base.insurer(), await app.kpi.base.insurer()];
    const [x, y] = [await app.kpi.base.region(), await app.kpi.base.region()];
    for (const n of [15, 25, 35]) await hospital(x, v, year, [[n, 100], [n, 100], [n, 100]]);
    const values = [13.37, 17.11, 21.73, 26.07, 29.41, 33.19, 38.53, 41.29, 47.61, 52.03, 58.87, 63.31];
    const protectedOnes: Provider[] = [];
    for (const [index, value] of values.entries()) {
      const march: [number, number] = [Math.round(value * 100), 10000];
      protectedOnes.push(await hospital(index === 0 ? y : x, a, year, [[10, 100], [12, 100], march]));
    }
    await setTarget(a, protectedOnes[1], '25.00', `${year}-04-20`);
    const battery = attacks(year, [x, y], [v, a], [`${year}-04-15`, `${year}-04-29`, `${year}-04-30`]);

    // when
    const before = (await viewOf(v, battery)) as any[];
    // two protected hospitals, one of them alone in its region, swap their March figures and their targets
    const [lonely, other] = [protectedOnes[0], protectedOnes[1]];
    await setFigure(lonely, year, 3, 1711, 10000);
    await setFigure(other, year, 3, 1337, 10000);
    await setTarget(a, lonely, '25.00', `${year}-04-20`);
    await setTarget(a, other, '25.00', `${year}-12-31`);
    const after = await viewOf(v, battery);

    // then: the answers cannot tell the two apart
    expect(after).toEqual(before);
    // every query judged on the same period end shows the one national benchmark, whatever its filter or insurer
    const shown = before[0].benchmark;
    expect(shown).toMatchObject({ asOf: `${year}-03-31`, suppressed: false, suppressionReason: null, providerCount: 15 });
    const sameEnd = before.filter((view, index) => battery[index].input.periodKind === undefined && view.benchmark.asOf === `${year}-03-31`);
    expect(sameEnd.length).toBeGreaterThan(20);
    for (const view of sameEnd) expect(view.benchmark).toEqual(shown);
    // a quantile of the benchmark is never a value of one protected hospital (no order statistic is published)
    const march = shown.series[2];
    expect(march).toMatchObject({ suppressed: false, reportingProviderCount: 15 });
    const published = [march.median, march.q1, march.q3].map(Number);
    for (const value of values) expect(published).not.toContain(value);
  });
});
