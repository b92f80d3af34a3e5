import { useTestApp, dataOf } from '../support/app';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

/**
 * Issue 10, finding 5: a dashboard row, its order, the row count and the latest-value window may depend only on
 * what the viewer may read. Insurer B reads two hospitals' figures through its contracts, but their targets are
 * insurer A's: asking for A's dashboard (or for every insurer's) must not list them, nor judge them by A's target
 * date. With a target of its own B gets its row, judged by its own target.
 */
const app = useTestApp();

const DASHBOARD = `query($input: KpiDashboardInput!, $order: KpiDashboardOrder) { kpiDashboard(input: $input) {
  rows(first: 50, orderBy: $order) { totalCount nodes { provider { agb } latest { value period { label } } progress { status } target { id targetDate } } }
  aggregate { suppressionReason providerCount valuesSuppressionReason reportingProviderCount median } } }`;

interface World {
  a: Insurer;
  b: Insurer;
  providers: Provider[];
  region: { code: string };
}

/** Two hospitals with A's targets ending 30 June and figures up to September; B contracts both. */
async function world(year: number): Promise<World> {
  const [a, b] = [await app.kpi.base.insurer(), await app.kpi.base.insurer()];
  const region = await app.kpi.base.region();
  const providers: Provider[] = [];
  for (const march of [10, 40]) {
    const provider = await app.kpi.hospital(region);
    await app.kpi.contract(a, provider, year);
    await app.kpi.contract(b, provider, year);
    await app.kpi.target(a, provider, 'HYBRID_PATHWAYS', year, { targetDate: `${year}-06-30` });
    await app.kpi.hybridMonths(provider, year, Array.from({ length: 9 }, (_, i) => [march + i, 100] as [number, number]));
    providers.push(provider);
  }
  return { a, b, providers, region };
}

const view = async (insurer: Insurer, input: Record<string, unknown>, order: Record<string, unknown> | null = null) =>
  dataOf(await app.gql(DASHBOARD, { input, order }, { token: await app.tokenFor({ role: 'DASHBOARD', insurer }) })).kpiDashboard;

describe('dashboard rows show only targets the viewer may read', () => {
  it('lists no row for another insurer’s targets, asked by that insurer or for all insurers', async () => {
    // given
    const year = 2043;
    const w = await world(year);
    const base = { year, kpiCode: 'HYBRID_PATHWAYS', asOf: `${year}-12-31`, filter: { regionCodes: [w.region.code] } };
    // when: B asks for A's dashboard, and for everyone's, in every order
    for (const insurerUzovi of [w.a.uzovi, null]) {
      for (const order of [null, { field: 'STATUS', direction: 'ASC' }, { field: 'VALUE', direction: 'DESC' }]) {
        const result = await view(w.b, { ...base, insurerUzovi }, order);
        // then: no row, no count, no aggregate over them
        expect(result.rows).toEqual({ totalCount: 0, nodes: [] });
        expect(result.aggregate).toEqual({ suppressionReason: 'NO_PROVIDERS', providerCount: null, valuesSuppressionReason: 'NO_PROVIDERS', reportingProviderCount: null, median: null });
      }
    }
  });

  it('judges a row by the viewer’s own target, so its latest value is not cut at another insurer’s target date', async () => {
    // given: B agrees a target of its own (due 31 December) with the second hospital, after A's
    const year = 2044;
    const w = await world(year);
    await app.kpi.target(w.b, w.providers[1], 'HYBRID_PATHWAYS', year, { targetValue: '45.00' });
    const base = { year, kpiCode: 'HYBRID_PATHWAYS', asOf: `${year}-12-31`, filter: { regionCodes: [w.region.code] } };
    // when
    const everyone = await view(w.b, base);
    const own = await view(w.b, { ...base, insurerUzovi: w.b.uzovi });
    const ofA = await view(w.b, { ...base, insurerUzovi: w.a.uzovi });
    // then: one row, by B's target: the September value (48), not June's (45) under A's 30 June date
    for (const result of [everyone, own]) {
      expect(result.rows.totalCount).toBe(1);
      expect(result.rows.nodes).toEqual([
        expect.objectContaining({ provider: { agb: w.providers[1].agb }, latest: { value: '48.00', period: { label: `${year}-09` } }, progress: { status: 'MET' } }),
      ]);
      expect(result.rows.nodes[0].target.targetDate).toBe(`${year}-12-31`);
      expect(result.aggregate).toMatchObject({ providerCount: 1, reportingProviderCount: 1, median: '48.00' });
    }
    expect(ofA.rows).toEqual({ totalCount: 0, nodes: [] });
  });

  it('still gives the target holder, the provider and the operator their rows, judged by targets they may read', async () => {
    // given
    const year = 2045;
    const w = await world(year);
    const base = { year, kpiCode: 'HYBRID_PATHWAYS', asOf: `${year}-12-31`, filter: { regionCodes: [w.region.code] } };
    // when
    const holder = await view(w.a, { ...base, insurerUzovi: w.a.uzovi }, { field: 'VALUE', direction: 'DESC' });
    const provider = dataOf(
      await app.gql(DASHBOARD, { input: base }, { token: await app.tokenFor({ role: 'DASHBOARD', provider: w.providers[0] }) }),
    ).kpiDashboard;
    const operator = dataOf(await app.gql(DASHBOARD, { input: base })).kpiDashboard;
    // then: A's rows stop at its target date (June); the provider sees its own row only
    expect(holder.rows.nodes.map((n: any) => [n.provider.agb, n.latest.value, n.latest.period.label])).toEqual([
      [w.providers[1].agb, '45.00', `${year}-06`],
      [w.providers[0].agb, '15.00', `${year}-06`],
    ]);
    expect(holder.aggregate).toMatchObject({ providerCount: 2, median: '30.00' });
    expect(provider.rows.nodes.map((n: any) => n.provider.agb)).toEqual([w.providers[0].agb]);
    expect(provider.rows.nodes[0].target).not.toBeNull();
    expect(operator.rows.totalCount).toBe(2);
  });
});
