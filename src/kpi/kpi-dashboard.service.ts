import type { RequestContext } from '../graphql/context';
import { findByIds } from '../db/find-page';
import { badInput } from '../graphql/errors';
import { PageArgs, Page, pageWindow, OrderDirection } from '../graphql/connection';
import { can } from '../auth/policy';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { isPlausibleYear } from '../shared/validation';
import { pgArray } from '../db/pg-array';
import { Provider, ProviderKind } from '../provider/provider.entity';
import { coreRegionIds } from '../region/core-regions';
import { Region } from '../region/region.entity';
import { encodeGlobalId } from '../graphql/node';
import { KpiCounts, KpiDirection, KpiScoring, KpiStatus } from './kpi-rules';
import { aggregateKpi, medianAndIqr, pooledRate, suppressAggregate } from './kpi-stats';
import { KpiDashboardOrderField, KpiDefinitionStatus, KpiPeriodKind } from './kpi.enums';
import { KpiPeriod, periodOf } from './kpi-period';
import { KpiProgress, ValuedPoint, progressOf, today, valuePoint } from './kpi-progress';
import { KPI_SEGMENT, canSeeKpi } from './kpi-access';
import { purchasingInsurerIds } from '../contract/purchasing';
import { KpiDashboardInput, KpiDashboardOrder } from './kpi.inputs';

/** The provider columns a dashboard reads in its one statement; an entity is made only for the rows shown. */
export interface ProviderRow {
  id: number;
  agb: string;
  kvk: string;
  name: string;
  kind: ProviderKind;
  regionId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One provider of a dashboard, judged by its governing target; visible or not to the principal. */
export interface DashboardEntry {
  provider: ProviderRow;
  targetId: number;
  targetInsurerId: number;
  points: ValuedPoint[];
  progress: KpiProgress;
  /** Whether the principal may see this provider's figures (the row is listed). */
  visible: boolean;
  /** Whether the principal may see the governing target (the row shows its target and progress). */
  targetVisible: boolean;
}

/**
 * One row of a dashboard as the principal may see it: the provider's figures, and the governing target and its
 * progress only when the principal may read that target (another insurer's target shows as null).
 */
export interface DashboardRowView {
  provider: ProviderRow;
  points: ValuedPoint[];
  latest: KpiProgress['latest'];
  progress: KpiProgress | null;
  targetId: number | null;
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
  kpiId: number;
  kpiCode: string;
  insurerId: number | null;
  periodKind: KpiPeriodKind;
  asOf: string;
  entries: DashboardEntry[];
  /** Null when the principal may not read aggregates. */
  aggregate: AggregateFigures | null;
  series: PeriodAggregateFigures[] | null;
}

/** What the one statement of a dashboard returns: the lookups of its input and every provider in scope. */
interface ScopeDocument {
  kpi: { id: number; code: string; scoring: KpiScoring; direction: KpiDirection; status: KpiDefinitionStatus; proposed_by_id: number | null; proposed_to_id: number | null } | null;
  insurers: { id: number; uzovi: string }[];
  regions: { id: number; code: string }[];
  /** target id, its insurer, value, date, baseline kind, baseline count, the provider's columns, holder flag, points */
  rows: [
    number, number, string, string, KpiPeriodKind | null, number | null,
    number, string, string, string, ProviderKind, number | null, string, string,
    boolean, [string, string, number, number | null][],
  ][];
}

/**
 * The whole input of a dashboard in one statement, whatever the number of providers: the KPI, the insurers and
 * regions named, and every provider in scope with its governing target, baseline count, the year's figures of one
 * period kind, and whether the reading insurer holds a target of the KPI with it. The governing target is the
 * named insurer's, or without one the earliest agreed (lowest id), so a provider counts once in every aggregate.
 * Rows are JSON arrays rather than objects: the document for a hundred providers is a third smaller to parse.
 */
const SCOPE_SQL = `
with k as (
  select id, code, scoring, direction, status, proposed_by_id, proposed_to_id from kpi where code = ?
), named as (
  select id, uzovi from insurer where uzovi = any(?::text[])
), regions as (
  select id, code from region where code = any(?::text[])
), scope as (
  select distinct on (t.provider_id)
         t.id as target_id, t.provider_id, t.insurer_id, t.target_value, t.target_date, t.baseline_kind, t.baseline_start
    from k
    join kpi_target t on t.kpi_id = k.id and t.year = ?
    join provider p on p.id = t.provider_id
   where (?::text is null or t.insurer_id = (select id from named where uzovi = ?::text))
     and (?::text[] is null or p.kind::text = any(?::text[]))
     and (?::text[] is null or p.region_id in (select id from regions))
     and (?::int[] is null or p.region_id = any(?::int[]))
   order by t.provider_id, t.id
)
select json_build_object(
  'kpi', (select row_to_json(k) from k),
  'insurers', coalesce((select json_agg(named) from named), '[]'::json),
  'regions', coalesce((select json_agg(regions) from regions), '[]'::json),
  'rows', coalesce((select json_agg(json_build_array(
      s.target_id, s.insurer_id, s.target_value::text, s.target_date, s.baseline_kind,
      (select b.numerator from kpi_measurement b
        where b.provider_id = s.provider_id and b.kpi_id = k.id and b.current
          and b.period_kind = s.baseline_kind and b.period_start = s.baseline_start),
      p.id, p.agb, p.kvk, p.name, p.kind, p.region_id, p.created_at, p.updated_at,
      exists (select 1 from kpi_target h
               where h.provider_id = s.provider_id and h.kpi_id = k.id and h.insurer_id = ?::int
                 and (h.year = ? or extract(year from h.baseline_start) = ?)),
      coalesce((select json_agg(json_build_array(m.period_start, m.period_end, m.numerator, m.denominator) order by m.period_start)
                  from kpi_measurement m
                 where m.provider_id = s.provider_id and m.kpi_id = k.id and m.period_kind = ?::kpi_period_kind and m.current
                   and m.period_start >= make_date(?, 1, 1) and m.period_end <= least(make_date(?, 12, 31), ?::date)),
               '[]'::json)))
      from scope s join provider p on p.id = s.provider_id cross join k), '[]'::json)
) as doc`;

const STATUS_ORDER: Record<KpiStatus, number> = { MET: 0, ON_TRACK: 1, AT_RISK: 2, NOT_MET: 3, NO_DATA: 4 };

/**
 * The dashboard of one KPI and year: every provider in scope judged by its governing target (the figures
 * computed once, by the same rules as a target's progress), the aggregates for principals allowed to read them,
 * and the time series per period. Per-provider rows are kept for paging; which of them the principal sees is
 * decided here too. One statement for everything, one more for an insurer's contracts (purchasingInsurerIds),
 * and one for the market leaders when filtering on core regions.
 */
export async function buildDashboard(ctx: RequestContext, input: KpiDashboardInput): Promise<DashboardData | null> {
  if (!isPlausibleYear(input.year)) throw badInput(`year must be between 2000 and 2100; got ${input.year}.`, { argument: 'input.year' });
  const p = ctx.principal;
  const asOf = input.asOf ?? today();
  const kind = input.periodKind;
  const filter = input.filter ?? {};
  const uzovis = [...new Set([input.insurerUzovi, filter.coreRegionsOf].filter((c): c is string => !!c))];
  const regionCodes = filter.regionCodes ? [...new Set(filter.regionCodes)] : null;
  let coreRegions: number[] | null = null;
  if (filter.coreRegionsOf) {
    const [leader] = await ctx.em.execute<{ id: number }[]>(`select id from insurer where uzovi = ?`, [filter.coreRegionsOf]);
    coreRegions = leader ? await coreRegionIds(ctx.em, leader.id, input.year) : [];
  }
  const kinds = filter.providerKinds?.length ? pgArray(filter.providerKinds) : null;
  const viewer = p.organisationKind === 'INSURER' ? p.insurerId : null;
  const core = coreRegions && pgArray(coreRegions);
  const regionsParam = regionCodes && pgArray(regionCodes);
  const [{ doc }] = await ctx.em.execute<{ doc: ScopeDocument }[]>(SCOPE_SQL, [
    input.kpiCode, pgArray(uzovis), regionsParam ?? '{}',
    input.year, input.insurerUzovi ?? null, input.insurerUzovi ?? null, kinds, kinds, regionsParam, core, core,
    viewer, input.year, input.year, kind, input.year, input.year, asOf,
  ]);

  const kpi = doc.kpi;
  if (!kpi) return null;
  const proposedBy = kpi.proposed_by_id === null ? null : { id: kpi.proposed_by_id };
  const proposedTo = kpi.proposed_to_id === null ? null : { id: kpi.proposed_to_id };
  if (!canSeeKpi(ctx, { status: kpi.status, proposedBy, proposedTo })) return null;
  for (const code of uzovis) {
    if (!doc.insurers.some((i) => i.uzovi === code)) throw badInput(`No insurer has UZOVI code "${code}".`, { argument: 'input' });
  }
  const unknownRegions = (regionCodes ?? []).filter((c) => !doc.regions.some((r) => r.code === c));
  if (unknownRegions.length > 0) {
    throw badInput(`No region has code ${unknownRegions.map((c) => `"${c}"`).join(', ')}.`, { argument: 'input.filter.regionCodes' });
  }
  const insurerId = input.insurerUzovi ? doc.insurers.find((i) => i.uzovi === input.insurerUzovi)!.id : null;

  // Which rows the principal may read: the policy row kpi.measurement.read, with the contracting insurers from
  // purchasingInsurerIds (one statement, insurers only) and the target holders from the statement above.
  const onlyInsurerId = kpi.status === KpiDefinitionStatus.CATALOGUE ? null : kpi.proposed_to_id;
  const contracting =
    viewer !== null ? await purchasingInsurerIds(ctx.em, doc.rows.map((r) => r[6]), input.year, KPI_SEGMENT) : new Map<number, Set<number>>();
  const readable = doc.rows.map((r) => {
    const readers = [...(contracting.get(r[6]) ?? [])];
    if (r[14] && viewer !== null) readers.push(viewer);
    const allowed = readers.filter((id) => onlyInsurerId === null || id === onlyInsurerId);
    return can(p, 'kpi.measurement.read', { providerId: r[6], purchasingInsurerIds: allowed });
  });

  const entries: DashboardEntry[] = doc.rows.map((row, index) => {
    const [targetId, targetInsurerId, targetValue, targetDate, baselineKind, baselineCount] = row;
    const baseline = baselineKind && baselineCount !== null ? { kind: baselineKind, count: Number(baselineCount) } : null;
    const points = row[15].map(([start, end, numerator, denominator]) => valuePoint(kpi.scoring, { kind, start, end, numerator, denominator }, baseline));
    const progress = progressOf({ scoring: kpi.scoring, direction: kpi.direction, year: input.year, targetValue, targetDate }, points, kind, asOf);
    const provider: ProviderRow = {
      id: row[6],
      agb: row[7],
      kvk: row[8],
      name: row[9],
      kind: row[10],
      regionId: row[11],
      createdAt: row[12],
      updatedAt: row[13],
    };
    return {
      provider,
      targetId,
      targetInsurerId,
      points,
      progress,
      visible: readable[index],
      targetVisible: readable[index] && can(p, 'kpi.target.read', { insurerId: targetInsurerId, providerId: provider.id }),
    };
  });

  const mayAggregate = can(ctx.principal, 'kpi.aggregate.read', {});
  return {
    year: input.year,
    kpiId: kpi.id,
    kpiCode: kpi.code,
    insurerId,
    periodKind: kind,
    asOf,
    entries,
    aggregate: mayAggregate ? aggregateOf(kpi.scoring, entries) : null,
    series: mayAggregate ? seriesOf(kpi.scoring, entries, kind, input.year, asOf) : null,
  };
}

function aggregateOf(scoring: KpiScoring, entries: readonly DashboardEntry[]): AggregateFigures {
  const result = aggregateKpi(
    { scoring },
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

/**
 * The counts summed per pair of period lengths. Every part was checked when its value was computed, and the pooled
 * rate is a sum over parts, so parts pro-rated alike can be added up first: the same rate from a handful of parts
 * instead of one per provider.
 */
function summedByLength(parts: readonly KpiCounts[]): KpiCounts[] {
  const sums = new Map<string, KpiCounts>();
  for (const part of parts) {
    const key = part.months ? `${part.months.measured}:${part.months.baseline}` : '';
    const sum = sums.get(key);
    if (sum) {
      sum.numerator += part.numerator;
      sum.denominator += part.denominator;
    } else {
      sums.set(key, { numerator: part.numerator, denominator: part.denominator, ...(part.months ? { months: part.months } : {}) });
    }
  }
  return [...sums.values()];
}

/** Pooled rate, median and quartiles per period of the year up to the as-of date, each suppressed under 5 providers. */
function seriesOf(scoring: KpiScoring, entries: readonly DashboardEntry[], kind: KpiPeriodKind, year: number, asOf: string): PeriodAggregateFigures[] {
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
      const pooled = pooledRate({ scoring }, summedByLength(points.map((p) => p.counts!)));
      const spread = medianAndIqr(points.map((p) => p.value!));
      if (!pooled.ok || !spread.ok) throw new Error('dashboard series failed on checked figures');
      figures = { pooledRate: pooled.data.value, median: spread.data.median, q1: spread.data.q1, q3: spread.data.q3, iqr: spread.data.iqr };
    }
    periods.push({ period, suppressed, reportingProviderCount: suppressed ? null : points.length, ...figures });
  }
  return periods;
}

function compareRows(order: KpiDashboardOrder | null | undefined) {
  const field = order?.field ?? KpiDashboardOrderField.PROVIDER_NAME;
  const sign = order?.direction === OrderDirection.DESC ? -1 : 1;
  const value = (r: DashboardRowView) => (r.latest?.value == null ? null : Number(r.latest.value));
  return (a: DashboardRowView, b: DashboardRowView): number => {
    let result = 0;
    switch (field) {
      case KpiDashboardOrderField.AGB:
        result = a.provider.agb.localeCompare(b.provider.agb);
        break;
      case KpiDashboardOrderField.STATUS:
        // Rows whose target is another insurer's have no status to show, and go last in either direction.
        if (!a.progress || !b.progress) return !a.progress && !b.progress ? a.provider.id - b.provider.id : !a.progress ? 1 : -1;
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

/** A dashboard row's provider: its columns, and its region through the page's region loader. */
interface RowProviderState {
  row: ProviderRow;
  region: { id: number; load: () => Promise<Region | null> } | null;
}

const ROW_STATE = Symbol('dashboard row provider');

/**
 * The prototype of dashboard row providers: a Provider (GraphQL resolvers check instanceof) whose fields read a
 * row's columns. The ORM puts change-tracking accessors for every property on Provider.prototype; these getters
 * shadow them, so no entity is hydrated and nothing is written through the ORM's setters.
 */
const ROW_PROVIDER: object = Object.create(Provider.prototype, {
  id: { get(this: { [ROW_STATE]: RowProviderState }) { return this[ROW_STATE].row.id; } },
  agb: { get(this: { [ROW_STATE]: RowProviderState }) { return this[ROW_STATE].row.agb; } },
  kvk: { get(this: { [ROW_STATE]: RowProviderState }) { return this[ROW_STATE].row.kvk; } },
  name: { get(this: { [ROW_STATE]: RowProviderState }) { return this[ROW_STATE].row.name; } },
  kind: { get(this: { [ROW_STATE]: RowProviderState }) { return this[ROW_STATE].row.kind; } },
  createdAt: { get(this: { [ROW_STATE]: RowProviderState }) { return new Date(this[ROW_STATE].row.createdAt); } },
  updatedAt: { get(this: { [ROW_STATE]: RowProviderState }) { return new Date(this[ROW_STATE].row.updatedAt); } },
  region: { get(this: { [ROW_STATE]: RowProviderState }) { return this[ROW_STATE].region; } },
});

/**
 * The provider of a dashboard row as the GraphQL Provider type reads it. Hydrating entities through the ORM cost
 * more than the whole dashboard computation (identity map, change-set snapshots); the row needs only its columns,
 * and its region through a loader that fetches the regions of a page in one statement.
 */
export function providerOf(ctx: RequestContext, row: ProviderRow): Provider {
  const regions = ctx.loaders.get<number, Region | null>('kpi.dashboardRegion', (ids) => findByIds(ctx, Region, ids));
  const state: RowProviderState = { row, region: row.regionId === null ? null : { id: row.regionId, load: () => regions.load(row.regionId!) } };
  const provider = Object.create(ROW_PROVIDER) as { [ROW_STATE]: RowProviderState };
  provider[ROW_STATE] = state;
  return provider as unknown as Provider;
}

/**
 * The page of rows the principal may see, in the order asked, each showing a target and progress only when the
 * principal may read that target (so ordering by status never ranks by a hidden one); a READ audit entry for the
 * figures shown.
 */
export function dashboardRows(ctx: RequestContext, data: DashboardData, order: KpiDashboardOrder | null | undefined, page: PageArgs): Page<DashboardRowView> {
  const { limit, offset } = pageWindow(page, ctx.config.limits);
  const visible = data.entries.filter((e) => e.visible).map(viewOf).sort(compareRows(order));
  const items = visible.slice(offset, offset + limit);
  if (items.length > 0) {
    ctx.audit({
      kind: AuditKind.READ,
      operation: 'kpiDashboard.rows',
      objectIds: items.map((r) => `${encodeGlobalId('Provider', r.provider.id)}:${data.kpiCode}:${data.year}`),
      outcome: AuditOutcome.SUCCESS,
      ownerProviderIds: items.map((r) => r.provider.id),
      ownerInsurerIds: items.filter((r) => r.targetInsurerId !== null).map((r) => r.targetInsurerId!),
    });
  }
  return { items, offset, hasNextPage: offset + limit < visible.length, totalCount: async () => visible.length };
}

function viewOf(e: DashboardEntry): DashboardRowView & { targetInsurerId: number | null } {
  return {
    provider: e.provider,
    points: e.points,
    latest: e.progress.latest,
    progress: e.targetVisible ? e.progress : null,
    targetId: e.targetVisible ? e.targetId : null,
    targetInsurerId: e.targetVisible ? e.targetInsurerId : null,
  };
}

