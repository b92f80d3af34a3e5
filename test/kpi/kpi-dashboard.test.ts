import { useTestApp, dataOf, errorCodes } from '../support/app';
import { gid } from '../factories/kpi';
import { ProviderKind } from '../../src/provider/provider.entity';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';
import type { Region } from '../../src/region/region.entity';

const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });

const DASHBOARD = `query($input: KpiDashboardInput!, $first: Int, $after: String, $order: KpiDashboardOrder) { kpiDashboard(input: $input) {
  year asOf periodKind kpi { code } insurer { uzovi }
  rows(first: $first, after: $after, orderBy: $order) { totalCount pageInfo { hasNextPage endCursor }
    nodes { provider { agb region { code } } latest { value period { label } } progress { status expectedValue } target { id } } }
  aggregate { suppressed suppressionReason providerCount statusCounts { met onTrack atRisk notMet noData } valuesSuppressed valuesSuppressionReason reportingProviderCount pooledRate median q1 q3 iqr }
  series { period { label } suppressed suppressionReason reportingProviderCount pooledRate median q1 q3 iqr }
  benchmark { asOf suppressed suppressionReason providerCount statusCounts { met onTrack atRisk notMet noData } series { period { label } suppressed suppressionReason reportingProviderCount pooledRate median q1 q3 } } } }`;

interface World {
  insurer: Insurer;
  region: Region;
  providers: Provider[];
}

/**
 * Hospitals in a region of their own with hybrid-pathway targets of one insurer for 2024 (or the year given: the
 * national benchmark covers every provider of a year, so a test that reads it takes a year of its own), each with
 * a March figure (implemented of total); null gives a hospital a target but no figures.
 */
async function world(figures: ([number, number] | null)[], year = 2024): Promise<World> {
  const insurer = await app.kpi.base.insurer();
  const region = await app.kpi.base.region();
  const providers: Provider[] = [];
  for (const figure of figures) {
    const provider = await app.kpi.hospital(region);
    await app.kpi.contract(insurer, provider, year);
    await app.kpi.target(insurer, provider, 'HYBRID_PATHWAYS', year);
    if (figure) await app.kpi.measurement(provider, 'HYBRID_PATHWAYS', { kind: 'MONTH', year, number: 3 }, figure[0], figure[1]);
    providers.push(provider);
  }
  return { insurer, region, providers };
}

const FIVE: [number, number][] = [[5, 100], [10, 100], [20, 50], [30, 100], [0, 200]];
const input = (w: World, extra: Record<string, unknown> = {}) => ({ year: 2024, kpiCode: 'HYBRID_PATHWAYS', insurerUzovi: w.insurer.uzovi, asOf: '2024-04-15', ...extra });
/** Each call with a fresh token: dashboards are costly queries and one token's per-minute budget is finite. */
const fresh = () => app.tokenFor({ role: 'OPERATOR_ADMIN' });
const dashboard = async (variables: Record<string, unknown>, token?: string) =>
  dataOf(await app.gql(DASHBOARD, { first: 20, ...variables }, { token: token ?? (await fresh()) })).kpiDashboard;

describe('dashboard aggregates over the rows, and the national benchmark', () => {
  it('shows count per status, pooled rate, median and IQR over 5 providers', async () => {
    const w = await world(FIVE);
    const result = await dashboard({ input: input(w) });
    // Values 5, 10, 40, 30, 0; the path on 31 March is 25 x 90/365 = 6.16.
    expect(result.aggregate).toEqual({
      suppressed: false,
      suppressionReason: null,
      providerCount: 5,
      statusCounts: { met: 2, onTrack: 1, atRisk: 2, notMet: 0, noData: 0 },
      valuesSuppressed: false,
      valuesSuppressionReason: null,
      reportingProviderCount: 5,
      pooledRate: '11.82',
      median: '10.00',
      q1: '5.00',
      q3: '30.00',
      iqr: '25.00',
    });
    expect(result.series.map((s: any) => [s.period.label, s.suppressed, s.suppressionReason, s.reportingProviderCount, s.pooledRate, s.median])).toEqual([
      ['2024-01', true, 'NO_PROVIDERS', null, null, null],
      ['2024-02', true, 'NO_PROVIDERS', null, null, null],
      ['2024-03', false, null, 5, '11.82', '10.00'],
    ]);
    expect(result.series[2]).toMatchObject({ q1: '5.00', q3: '30.00', iqr: '25.00' });
  });

  it('shows exact figures over fewer than 5 rows: they are all rows the viewer may read', async () => {
    // (before issue 10 these were suppressed under 5 providers; a viewer's own rows reveal nothing it cannot read)
    const w = await world(FIVE.slice(0, 4));
    const token = await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer });
    const result = await dashboard({ input: input(w) }, token);
    expect(result.aggregate).toMatchObject({ suppressed: false, providerCount: 4, valuesSuppressed: false, reportingProviderCount: 4, median: '20.00', q1: '8.75', q3: '32.50' });
    expect(result.series[2]).toMatchObject({ period: { label: '2024-03' }, suppressed: false, reportingProviderCount: 4, median: '20.00' });
    expect(result.rows.totalCount).toBe(4);
  });

  it('withholds the value figures, with a reason, when no row has a value', async () => {
    const w = await world([null, null]);
    const result = await dashboard({ input: input(w) });
    expect(result.aggregate).toMatchObject({ suppressed: false, providerCount: 2, statusCounts: { noData: 2 }, valuesSuppressed: true, valuesSuppressionReason: 'NO_PROVIDERS', median: null });
  });

  it('gives the national benchmark to a competitor over 10 protected providers, and withholds it over 9', async () => {
    // given: insurer A has nine hospitals in 2030 with March figures; competitor C reads none of them
    const w = await world([...FIVE, ...FIVE.slice(0, 4)], 2030);
    const c = await app.kpi.base.insurer();
    const benchmarkOf = async (insurer: Insurer) =>
      (await dashboard({ input: { year: 2030, kpiCode: 'HYBRID_PATHWAYS', asOf: '2030-04-15' } }, await app.tokenFor({ role: 'DASHBOARD', insurer }))).benchmark;
    // when / then: nine protected from C: withheld; none protected from A: shown
    expect(await benchmarkOf(c)).toMatchObject({ asOf: '2030-03-31', suppressed: true, suppressionReason: 'TOO_FEW_PROVIDERS', providerCount: null, statusCounts: null });
    expect((await benchmarkOf(c)).series[2]).toMatchObject({ suppressed: true, suppressionReason: 'TOO_FEW_PROVIDERS', median: null });
    expect(await benchmarkOf(w.insurer)).toMatchObject({ suppressed: false, providerCount: 9 });
    // a tenth hospital: C gets the same benchmark as A, with Harrell-Davis quartiles rather than order statistics
    const tenth = await app.kpi.hospital(w.region);
    await app.kpi.contract(w.insurer, tenth, 2030);
    await app.kpi.target(w.insurer, tenth, 'HYBRID_PATHWAYS', 2030);
    await app.kpi.measurement(tenth, 'HYBRID_PATHWAYS', { kind: 'MONTH', year: 2030, number: 3 }, 25, 100);
    const shown = await benchmarkOf(c);
    expect(shown).toMatchObject({ suppressed: false, suppressionReason: null, providerCount: 10, statusCounts: { met: 5, onTrack: 2, atRisk: 3, notMet: 0, noData: 0 } });
    // values 5, 10, 40, 30, 0, 5, 10, 40, 30, 25: 155 of 1000 pooled; scipy's hdquantiles gives 6.692, 18.490, 32.698
    expect(shown.series[2]).toMatchObject({ suppressed: false, reportingProviderCount: 10, pooledRate: '15.50', median: '18.49', q1: '6.69', q3: '32.70' });
    expect(await benchmarkOf(w.insurer)).toEqual(shown);
  });
});

describe('dashboard of the reduction KPI', () => {
  it("pro-rates each provider's own baseline period and pools the pro-rated baselines", async () => {
    // given: five hospitals averaging 1 000 contacts a month in their baseline (a year, or a quarter), then March
    const insurer = await app.kpi.base.insurer();
    const region = await app.kpi.base.region();
    const specs: [{ kind: 'YEAR' | 'QUARTER'; year: number; number?: number }, number, number][] = [
      [{ kind: 'YEAR', year: 2023 }, 12000, 700],
      [{ kind: 'YEAR', year: 2023 }, 12000, 800],
      [{ kind: 'YEAR', year: 2023 }, 12000, 900],
      [{ kind: 'QUARTER', year: 2023, number: 4 }, 3000, 600],
      [{ kind: 'QUARTER', year: 2023, number: 4 }, 3000, 1000],
    ];
    for (const [baseline, baselineCount, march] of specs) {
      const provider = await app.kpi.hospital(region);
      await app.kpi.target(insurer, provider, 'PHYSICAL_CONTACTS_REDUCTION', 2024, { baseline });
      await app.kpi.measurement(provider, 'PHYSICAL_CONTACTS_REDUCTION', baseline, baselineCount, null);
      await app.kpi.measurement(provider, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'MONTH', year: 2024, number: 3 }, march, null);
    }
    // when
    const result = await dashboard({ input: { year: 2024, kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', insurerUzovi: insurer.uzovi, asOf: '2024-04-15' }, order: { field: 'VALUE', direction: 'DESC' } });
    // then: reductions 30, 20, 10, 40 and 0 percent; 4 000 contacts against 5 000 expected is 20 percent pooled
    expect(result.rows.nodes.map((n: any) => n.latest.value)).toEqual(['40.00', '30.00', '20.00', '10.00', '0.00']);
    expect(result.aggregate).toMatchObject({ pooledRate: '20.00', median: '20.00', q1: '10.00', q3: '30.00', iqr: '20.00' });
    expect(result.series[2]).toMatchObject({ period: { label: '2024-03' }, pooledRate: '20.00', median: '20.00' });
  });
});

describe('dashboard filters', () => {
  it('filters by region, by an insurer’s core regions and by provider kind', async () => {
    // given: the insurer leads region A in 2024, not region B
    const insurer = await app.kpi.base.insurer();
    const rival = await app.kpi.base.insurer();
    const [a, b] = [await app.kpi.base.region(), await app.kpi.base.region()];
    await app.kpi.base.marketShare(insurer, a, 2024, '60.00');
    await app.kpi.base.marketShare(rival, a, 2024, '40.00');
    await app.kpi.base.marketShare(insurer, b, 2024, '30.00');
    await app.kpi.base.marketShare(rival, b, 2024, '70.00');
    const specs: [Region, ProviderKind][] = [[a, ProviderKind.HOSPITAL], [a, ProviderKind.INDEPENDENT_CLINIC], [b, ProviderKind.HOSPITAL]];
    const agbs: string[] = [];
    for (const [region, kind] of specs) {
      const provider = await app.kpi.hospital(region, kind);
      await app.kpi.target(insurer, provider, 'HYBRID_PATHWAYS', 2024);
      agbs.push(provider.agb);
    }
    const base = { year: 2024, kpiCode: 'HYBRID_PATHWAYS', insurerUzovi: insurer.uzovi, asOf: '2024-04-15' };
    const agbsOf = async (filter: Record<string, unknown>) =>
      (await dashboard({ input: { ...base, filter }, order: { field: 'AGB' } })).rows.nodes.map((n: any) => n.provider.agb);
    // when / then
    expect(await agbsOf({})).toEqual(agbs);
    expect(await agbsOf({ regionCodes: [b.code] })).toEqual([agbs[2]]);
    expect(await agbsOf({ coreRegionsOf: insurer.uzovi })).toEqual([agbs[0], agbs[1]]);
    expect(await agbsOf({ coreRegionsOf: rival.uzovi })).toEqual([agbs[2]]);
    expect(await agbsOf({ providerKinds: ['INDEPENDENT_CLINIC'] })).toEqual([agbs[1]]);
    expect(await agbsOf({ regionCodes: [a.code], providerKinds: ['HOSPITAL'] })).toEqual([agbs[0]]);
  });

  it('refuses an unknown insurer or region code, and returns null for an unknown KPI', async () => {
    const token = await fresh();
    expect(errorCodes(await app.gql(DASHBOARD, { input: { year: 2024, kpiCode: 'HYBRID_PATHWAYS', insurerUzovi: '0001' } }, { token }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.gql(DASHBOARD, { input: { year: 2024, kpiCode: 'HYBRID_PATHWAYS', filter: { regionCodes: ['ZZ'] } } }, { token }))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await app.gql(DASHBOARD, { input: { year: 2024, kpiCode: 'NO_SUCH_KPI' } }, { token })).kpiDashboard).toBeNull();
  });

  it('orders rows by value and pages through them', async () => {
    const w = await world(FIVE);
    const first = await dashboard({ input: input(w), first: 2, order: { field: 'VALUE', direction: 'DESC' } });
    const next = await dashboard({ input: input(w), first: 2, after: first.rows.pageInfo.endCursor, order: { field: 'VALUE', direction: 'DESC' } });
    expect(first.rows.nodes.map((n: any) => n.latest.value)).toEqual(['40.00', '30.00']);
    expect(first.rows.pageInfo.hasNextPage).toBe(true);
    expect(next.rows.nodes.map((n: any) => n.latest.value)).toEqual(['10.00', '5.00']);
  });
});

describe('POLICY dashboards: per-provider values for the provider, its contracting insurers and operator admins; aggregates for every insurer', () => {
  it('gives each principal its own rows and aggregate, and one benchmark', async () => {
    // given: five hospitals with targets of insurer A in 2031; insurer B contracts two of them, insurer C none
    const w = await world(FIVE, 2031);
    const b = await app.kpi.base.insurer();
    const c = await app.kpi.base.insurer();
    await app.kpi.contract(b, w.providers[0], 2031);
    await app.kpi.contract(b, w.providers[1], 2031);
    const tokens = {
      aDashboard: await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer }),
      bMember: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: b }),
      bDashboard: await app.tokenFor({ role: 'DASHBOARD', insurer: b }),
      cAdmin: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: c }),
      provider: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: w.providers[2] }),
      providerDashboard: await app.tokenFor({ role: 'DASHBOARD', provider: w.providers[2] }),
    };
    const asked = { ...input(w), year: 2031, asOf: '2031-04-15' };
    // when
    const [operator, aDashboard, bMember, bDashboard, cAdmin, provider, providerDashboard] = await Promise.all(
      [undefined, tokens.aDashboard, tokens.bMember, tokens.bDashboard, tokens.cAdmin, tokens.provider, tokens.providerDashboard].map((token) =>
        dashboard({ input: asked, order: { field: 'AGB' } }, token),
      ),
    );
    // then
    const agbs = (d: any) => d.rows.nodes.map((n: any) => n.provider.agb);
    expect(agbs(operator)).toEqual(w.providers.map((p) => p.agb));
    expect(agbs(aDashboard)).toEqual(w.providers.map((p) => p.agb));
    expect(aDashboard.rows.nodes.every((n: any) => n.progress !== null && n.target !== null)).toBe(true);
    // B reads two hospitals' figures, but the dashboard asked for is of A's targets, which B may not read: no rows
    // (test/security/dashboard-rows.test.ts), and its aggregate is over no rows
    for (const view of [bMember, bDashboard, cAdmin]) {
      expect(view.rows).toMatchObject({ totalCount: 0, nodes: [] });
      expect(view.aggregate).toMatchObject({ suppressed: true, suppressionReason: 'NO_PROVIDERS', providerCount: null });
      // five hospitals B or C may not read (figures or target): the benchmark is withheld
      expect(view.benchmark).toMatchObject({ suppressed: true, suppressionReason: 'TOO_FEW_PROVIDERS', providerCount: null });
    }
    for (const view of [provider, providerDashboard]) {
      expect(agbs(view)).toEqual([w.providers[2].agb]);
      expect(view.rows.nodes[0].progress.status).toBe('MET');
      expect(view.aggregate).toBeNull();
      expect(view.series).toBeNull();
      expect(view.benchmark).toBeNull();
    }
    expect(aDashboard.aggregate).toEqual(operator.aggregate);
    expect(operator.aggregate.providerCount).toBe(5);
    expect(aDashboard.benchmark).toEqual(operator.benchmark);
    expect(operator.benchmark).toMatchObject({ suppressed: false, providerCount: 5 });
    const byStatus = async (direction: string) => agbs(await dashboard({ input: asked, order: { field: 'STATUS', direction } }, tokens.aDashboard));
    expect((await byStatus('DESC')).slice(0, 2)).not.toEqual((await byStatus('ASC')).slice(0, 2));
  });

  it('without an insurer counts a provider once, judged by its earliest-agreed target', async () => {
    // given: a sixth provider in the region whose first target is insurer B's, and a second one of insurer A
    const w = await world(FIVE);
    const b = await app.kpi.base.insurer();
    const shared = await app.kpi.hospital(w.region);
    await app.kpi.target(b, shared, 'HYBRID_PATHWAYS', 2024, { targetValue: '50.00' });
    await app.kpi.target(w.insurer, shared, 'HYBRID_PATHWAYS', 2024, { targetValue: '10.00' });
    await app.kpi.measurement(shared, 'HYBRID_PATHWAYS', { kind: 'MONTH', year: 2024, number: 3 }, 20, 100);
    const marketWide = { year: 2024, kpiCode: 'HYBRID_PATHWAYS', asOf: '2025-01-01', filter: { regionCodes: [w.region.code] } };
    // when
    const all = await dashboard({ input: marketWide });
    const ofA = await dashboard({ input: { ...marketWide, insurerUzovi: w.insurer.uzovi } });
    const row = (d: any) => d.rows.nodes.find((n: any) => n.provider.agb === shared.agb);
    // then: 20% misses B's 50% and reaches A's 10%
    expect(all.aggregate.providerCount).toBe(6);
    expect(row(all).progress.status).toBe('NOT_MET');
    expect(row(ofA).progress.status).toBe('MET');
    expect(all.insurer).toBeNull();
    expect(ofA.insurer).toEqual({ uzovi: w.insurer.uzovi });
  });

  it('audits the per-provider values it shows', async () => {
    const w = await world(FIVE);
    const token = await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer });
    await dashboard({ input: input(w), first: 2, order: { field: 'AGB' } }, token);
    await app.flushAudit();
    const rows = await app.orm.em
      .getConnection()
      .execute(`select owner_provider_ids, owner_insurer_ids, object_ids from audit_event where kind = 'READ' and operation = 'kpiDashboard.rows' and ? = any(owner_insurer_ids)`, [w.insurer.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].owner_provider_ids).toEqual([w.providers[0].id, w.providers[1].id]);
    expect(rows[0].object_ids[0]).toBe(`${gid('Provider', w.providers[0].id)}:HYBRID_PATHWAYS:2024`);
  });
});

describe('dashboard cost', () => {
  it('runs as many SQL statements for 15 providers as for 5, filters included', async () => {
    const small = await world(FIVE);
    const large = await world([...FIVE, ...FIVE, ...FIVE]);
    // the small world's insurer leads both regions, so its core regions hold every row
    await app.kpi.base.marketShare(small.insurer, small.region, 2024, '60.00');
    await app.kpi.base.marketShare(small.insurer, large.region, 2024, '60.00');
    const run = async (w: World, filter: Record<string, unknown> | null) =>
      app.gql(DASHBOARD, { input: { ...input(w), filter }, first: 20 }, { token: await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer }) });
    const filter = { regionCodes: [small.region.code, large.region.code], providerKinds: ['HOSPITAL'], coreRegionsOf: small.insurer.uzovi };
    const [a, b] = [await run(small, null), await run(large, null)];
    const [c, d] = [await run(small, filter), await run(large, filter)];
    expect(dataOf(b).kpiDashboard.rows.nodes).toHaveLength(15);
    expect(b.body.extensions!.sqlStatements).toBe(a.body.extensions!.sqlStatements);
    expect(dataOf(c).kpiDashboard.rows.nodes).toHaveLength(5);
    expect(dataOf(d).kpiDashboard.rows.nodes).toHaveLength(15);
    expect(d.body.extensions!.sqlStatements).toBe(c.body.extensions!.sqlStatements);
    expect(b.body.extensions!.sqlStatements).toBeLessThanOrEqual(7);
  });
});
