import type { RequestContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { PageArgs, Page, pageWindow, OrderDirection } from '../graphql/connection';
import { can } from '../auth/policy';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { isPlausibleYear } from '../shared/validation';
import { sqlArray } from '../db/sql-array';
import { Insurer } from '../insurer/insurer.entity';
import { Provider, ProviderKind } from '../provider/provider.entity';
import { marketLeaders } from '../region/core-regions';
import { KpiStatus } from './kpi-rules';
import { aggregateKpi, medianAndIqr, pooledRate, suppressAggregate } from './kpi-stats';
import { KpiDashboardOrderField, KpiDefinitionStatus, KpiPeriodKind } from './kpi.enums';
import { Kpi } from './kpi.entity';
import { KpiPeriod, periodOf } from './kpi-period';
import { KpiProgress, ValuedPoint, progressOf, today, valuePoint } from './kpi-progress';
import { ValuesKey, canSeeKpi, readableValues } from './kpi-access';
import { KpiDashboardInput, KpiDashboardOrder } from './kpi.inputs';

/** One provider of a dashboard, judged by its governing target; visible or not to the principal. */
export interface DashboardEntry {
  provider: Provider;
  targetId: number;
  targetInsurerId: number;
  points: ValuedPoint[];
  progress: KpiProgress;
  /** Whether the principal may see this provider's figures (the row is listed). */
  visible: boolean;
  /** Whether the principal may see the governing target (the row shows its target and progress). */
  targetVisible: boolean;
}

export interface StatusCounts {
  met: number;
  onTrack: number;
  atRisk: number;
  notMet: number;
  noData: number;
}

export interface AggregateFigures {
  suppressed: boolean;
  providerCount: number | null;
  statusCounts: StatusCounts | null;
  valuesSuppressed: boolean;
  reportingProviderCount: number | null;
  pooledRate: string | null;
  median: string | null;
  q1: string | null;
  q3: string | null;
  iqr: string | null;
}

export interface PeriodAggregateFigures {
  period: KpiPeriod;
  suppressed: boolean;
  reportingProviderCount: number | null;
  pooledRate: string | null;
  median: string | null;
  q1: string | null;
  q3: string | null;
  iqr: string | null;
}

export interface DashboardData {
  year: number;
  kpi: Kpi;
  insurer: Insurer | null;
  periodKind: KpiPeriodKind;
  asOf: string;
  entries: DashboardEntry[];
  /** Null when the principal may not read aggregates. */
  aggregate: AggregateFigures | null;
  series: PeriodAggregateFigures[] | null;
}

interface ScopeRow {
  target_id: number;
  insurer_id: number;
  target_value: string;
  target_date: string;
  baseline_kind: KpiPeriodKind | null;
  baseline_count: number | null;
  p_id: number;
  p_created_at: string;
  p_updated_at: string;
  p_agb: string;
  p_kvk: string;
  p_name: string;
  p_kind: ProviderKind;
  p_region_id: number | null;
  points: [string, string, number, number | null][];
}

/**
 * Every provider in scope with its governing target, baseline count and the year's figures of one period kind,
 * in one statement whatever the number of providers. The governing target is the named insurer's, or without one
 * the earliest agreed (lowest id), so a provider counts once in every aggregate.
 */
const SCOPE_SQL = `
with scope as (
  select distinct on (t.provider_id)
         t.id as target_id, t.provider_id, t.insurer_id, t.target_value, t.target_date, t.baseline_kind, t.baseline_start
    from kpi_target t
    join provider p on p.id = t.provider_id
   where t.kpi_id = ? and t.year = ?
     and (?::int is null or t.insurer_id = ?::int)
     and (?::text[] is null or p.kind::text = any(?::text[]))
     and (?::int[] is null or p.region_id = any(?::int[]))
   order by t.provider_id, t.id
)
select s.target_id, s.insurer_id, s.target_value, s.target_date, s.baseline_kind,
       (select b.numerator from kpi_measurement b
         where b.provider_id = s.provider_id and b.kpi_id = ? and b.current
           and b.period_kind = s.baseline_kind and b.period_start = s.baseline_start) as baseline_count,
       p.id as p_id, p.created_at as p_created_at, p.updated_at as p_updated_at, p.agb as p_agb, p.kvk as p_kvk,
       p.name as p_name, p.kind as p_kind, p.region_id as p_region_id,
       coalesce((select json_agg(json_build_array(m.period_start, m.period_end, m.numerator, m.denominator) order by m.period_start)
                   from kpi_measurement m
                  where m.kpi_id = ? and m.provider_id = s.provider_id and m.period_kind = ?::kpi_period_kind and m.current
                    and m.period_start >= make_date(?, 1, 1) and m.period_end <= least(make_date(?, 12, 31), ?::date)),
                '[]'::json) as points
  from scope s
  join provider p on p.id = s.provider_id`;

const STATUS_ORDER: Record<KpiStatus, number> = { MET: 0, ON_TRACK: 1, AT_RISK: 2, NOT_MET: 3, NO_DATA: 4 };

async function insurerIdsByUzovi(ctx: RequestContext, codes: string[]): Promise<Map<string, Insurer>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.em.find(Insurer, { uzovi: { $in: codes } });
  const found = new Map(rows.map((i) => [i.uzovi, i]));
  for (const code of codes) if (!found.has(code)) throw badInput(`No insurer has UZOVI code "${code}".`, { argument: 'input' });
  return found;
}

/**
 * The dashboard of one KPI and year: every provider in scope judged by its governing target (the figures
 * computed once, by the same rules as a target's progress), the aggregates for principals allowed to read them,
 * and the time series per period. Per-provider rows are kept for paging; which of them the principal sees is
 * decided here too. A fixed number of statements: KPI, scope, and for an insurer its reading rights.
 */
export async function buildDashboard(ctx: RequestContext, input: KpiDashboardInput): Promise<DashboardData | null> {
  if (!isPlausibleYear(input.year)) throw badInput(`year must be between 2000 and 2100; got ${input.year}.`, { argument: 'input.year' });
  const kpi = await ctx.em.findOne(Kpi, { code: input.kpiCode });
  if (!kpi || !canSeeKpi(ctx, kpi)) return null;
  const asOf = input.asOf ?? today();
  const kind = input.periodKind;
  const filter = input.filter ?? {};
  const uzovis = [...new Set([input.insurerUzovi, filter.coreRegionsOf].filter((c): c is string => !!c))];
  const insurers = await insurerIdsByUzovi(ctx, uzovis);
  const insurer = input.insurerUzovi ? insurers.get(input.insurerUzovi)! : null;

  let regionIds: number[] | null = null;
  if (filter.regionCodes) {
    const codes = [...new Set(filter.regionCodes)];
    const regions = await ctx.em.execute<{ id: number; code: string }[]>(`select id, code from region where code = any(?::text[])`, [sqlArray(codes)]);
    const unknown = codes.filter((c) => !regions.some((r) => r.code === c));
    if (unknown.length > 0) throw badInput(`No region has code ${unknown.map((c) => `"${c}"`).join(', ')}.`, { argument: 'input.filter.regionCodes' });
    regionIds = regions.map((r) => r.id);
  }
  if (filter.coreRegionsOf) {
    const leaderId = insurers.get(filter.coreRegionsOf)!.id;
    const core = [...(await marketLeaders(ctx.em, input.year))].filter(([, leader]) => leader === leaderId).map(([region]) => region);
    regionIds = regionIds ? regionIds.filter((id) => core.includes(id)) : core;
  }
  const kinds = filter.providerKinds?.length ? filter.providerKinds : null;
  const insurerId = insurer?.id ?? null;

  const rows = await ctx.em.execute<ScopeRow[]>(SCOPE_SQL, [
    kpi.id, input.year, insurerId, insurerId, kinds && sqlArray(kinds), kinds && sqlArray(kinds), regionIds && sqlArray(regionIds), regionIds && sqlArray(regionIds),
    kpi.id, kpi.id, kind, input.year, input.year, asOf,
  ]);

  const keys: ValuesKey[] = rows.map((r) => ({
    providerId: r.p_id,
    kpiId: kpi.id,
    year: input.year,
    onlyInsurerId: kpi.status === KpiDefinitionStatus.CATALOGUE ? null : (kpi.proposedTo?.id ?? null),
  }));
  const readable = await readableValues(ctx, keys);

  const entries: DashboardEntry[] = rows.map((row, index) => {
    const baseline = row.baseline_kind && row.baseline_count !== null ? { kind: row.baseline_kind, count: Number(row.baseline_count) } : null;
    const points = row.points.map(([start, end, numerator, denominator]) =>
      valuePoint(kpi.scoring, { kind, start, end, numerator, denominator }, baseline),
    );
    const progress = progressOf(
      { scoring: kpi.scoring, direction: kpi.direction, year: input.year, targetValue: row.target_value, targetDate: row.target_date },
      points,
      kind,
      asOf,
    );
    const provider = ctx.em.map(Provider, {
      id: row.p_id,
      created_at: row.p_created_at,
      updated_at: row.p_updated_at,
      agb: row.p_agb,
      kvk: row.p_kvk,
      name: row.p_name,
      kind: row.p_kind,
      region_id: row.p_region_id,
    });
    return {
      provider,
      targetId: row.target_id,
      targetInsurerId: row.insurer_id,
      points,
      progress,
      visible: readable[index],
      targetVisible: readable[index] && can(ctx.principal, 'kpi.target.read', { insurerId: row.insurer_id, providerId: row.p_id }),
    };
  });

  const mayAggregate = can(ctx.principal, 'kpi.aggregate.read', {});
  return {
    year: input.year,
    kpi,
    insurer,
    periodKind: kind,
    asOf,
    entries,
    aggregate: mayAggregate ? aggregateOf(kpi, entries) : null,
    series: mayAggregate ? seriesOf(kpi, entries, kind, input.year, asOf) : null,
  };
}

function aggregateOf(kpi: Kpi, entries: readonly DashboardEntry[]): AggregateFigures {
  const result = aggregateKpi(
    { scoring: kpi.scoring },
    entries.map((e) => {
      const latest = e.progress.latest ? e.points.find((p) => p.end === e.progress.latest!.period.end) ?? null : null;
      return { providerId: String(e.provider.id), status: e.progress.status, counts: latest?.counts ?? null };
    }),
  );
  if (!result.ok) throw new Error(`dashboard aggregate failed: ${JSON.stringify(result.errors)}`);
  const { statusCounts, values, providerCount, reportingProviderCount } = result.data;
  return {
    suppressed: statusCounts === null,
    providerCount: statusCounts === null ? null : providerCount,
    statusCounts: statusCounts && {
      met: statusCounts.MET,
      onTrack: statusCounts.ON_TRACK,
      atRisk: statusCounts.AT_RISK,
      notMet: statusCounts.NOT_MET,
      noData: statusCounts.NO_DATA,
    },
    valuesSuppressed: values === null,
    reportingProviderCount: values === null ? null : reportingProviderCount,
    pooledRate: values?.pooled.value ?? null,
    median: values?.spread.median ?? null,
    q1: values?.spread.q1 ?? null,
    q3: values?.spread.q3 ?? null,
    iqr: values?.spread.iqr ?? null,
  };
}

/** Pooled rate, median and quartiles per period of the year up to the as-of date, each suppressed under 5 providers. */
function seriesOf(kpi: Kpi, entries: readonly DashboardEntry[], kind: KpiPeriodKind, year: number, asOf: string): PeriodAggregateFigures[] {
  const count = kind === KpiPeriodKind.MONTH ? 12 : kind === KpiPeriodKind.QUARTER ? 4 : 1;
  const byStart = new Map<string, ValuedPoint[]>();
  for (const entry of entries) {
    for (const point of entry.points) {
      if (point.counts === null || point.value === null) continue;
      const list = byStart.get(point.start);
      if (list) list.push(point);
      else byStart.set(point.start, [point]);
    }
  }
  const periods: PeriodAggregateFigures[] = [];
  for (let n = 1; n <= count; n += 1) {
    const period = periodOf(kind, year, kind === KpiPeriodKind.YEAR ? null : n) as KpiPeriod;
    if (period.end > asOf) break;
    const points = byStart.get(period.start) ?? [];
    const suppressed = suppressAggregate(points.length);
    let figures = { pooledRate: null as string | null, median: null as string | null, q1: null as string | null, q3: null as string | null, iqr: null as string | null };
    if (!suppressed) {
      const pooled = pooledRate({ scoring: kpi.scoring }, points.map((p) => p.counts!));
      const spread = medianAndIqr(points.map((p) => p.value!));
      if (!pooled.ok || !spread.ok) throw new Error('dashboard series failed on checked figures');
      figures = { pooledRate: pooled.data.value, median: spread.data.median, q1: spread.data.q1, q3: spread.data.q3, iqr: spread.data.iqr };
    }
    periods.push({ period, suppressed, reportingProviderCount: suppressed ? null : points.length, ...figures });
  }
  return periods;
}

function compareEntries(order: KpiDashboardOrder | null | undefined) {
  const field = order?.field ?? KpiDashboardOrderField.PROVIDER_NAME;
  const sign = order?.direction === OrderDirection.DESC ? -1 : 1;
  const value = (e: DashboardEntry) => (e.progress.latest?.value == null ? null : Number(e.progress.latest.value));
  return (a: DashboardEntry, b: DashboardEntry): number => {
    let result = 0;
    switch (field) {
      case KpiDashboardOrderField.AGB:
        result = a.provider.agb.localeCompare(b.provider.agb);
        break;
      case KpiDashboardOrderField.STATUS:
        result = STATUS_ORDER[a.progress.status] - STATUS_ORDER[b.progress.status];
        break;
      case KpiDashboardOrderField.VALUE: {
        const [x, y] = [value(a), value(b)];
        // Rows without a value go last in either direction: they are not the extremes anyone sorts for.
        if (x === null || y === null) return x === y ? a.provider.id - b.provider.id : x === null ? 1 : -1;
        result = x - y;
        break;
      }
      default:
        result = a.provider.name.localeCompare(b.provider.name, 'nl');
    }
    return result !== 0 ? sign * result : a.provider.id - b.provider.id;
  };
}

/** The page of rows the principal may see, in the order asked; a READ audit entry for the figures shown. */
export function dashboardRows(ctx: RequestContext, data: DashboardData, order: KpiDashboardOrder | null | undefined, page: PageArgs): Page<DashboardEntry> {
  const { limit, offset } = pageWindow(page, ctx.config.limits);
  const visible = data.entries.filter((e) => e.visible).sort(compareEntries(order));
  const items = visible.slice(offset, offset + limit);
  if (items.length > 0) {
    ctx.audit({
      kind: AuditKind.READ,
      operation: 'kpiDashboard.rows',
      objectIds: items.map((e) => `${e.provider.globalId}:${data.kpi.code}:${data.year}`),
      outcome: AuditOutcome.SUCCESS,
      ownerProviderIds: items.map((e) => e.provider.id),
      ownerInsurerIds: items.filter((e) => e.targetVisible).map((e) => e.targetInsurerId),
    });
  }
  return { items, offset, hasNextPage: offset + limit < visible.length, totalCount: async () => visible.length };
}

