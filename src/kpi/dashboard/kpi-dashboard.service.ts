import type { RequestContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { PageQuery, Page, pageSorted, OrderDirection } from '../../core/paging';
import { can } from '../../auth/access-policy';
import { AuditKind, AuditOutcome } from '../../auth/audit-event.entity';
import { isPlausibleYear } from '../../shared/validation';
import { pgArray } from '../../db/pg-array';
import { Provider, ProviderKind } from '../../provider/provider.entity';
import { coreRegionIds } from '../../region/core-regions';
import { Region } from '../../region/region.entity';
import { encodeGlobalId } from '../../core/global-id';
import { KpiCounts } from '../rules/values';
import { KpiScoring } from '../rules/catalogue';
import { KpiStatus } from '../rules/progress';
import { AggregateRow, KpiSuppressionReason, aggregateKpi, countByStatus, medianAndIqr, pooledRate, smoothSpread, suppressionOf } from '../rules/stats';
import { KpiDashboardOrderField, KpiDashboardInput, KpiDashboardOrder } from './kpi-dashboard.inputs';
import { KpiPeriod, KpiPeriodKind, periodOf } from '../rules/period';
import { KpiProgress, ValuedPoint, progressOf, today, valuePoint } from '../rules/series';
import { KPI_SEGMENT, canSeeKpi, proposedToInsurerOf } from '../kpi.access';
import { kpiLoaders } from '../kpi.loaders';
import { purchasingParams } from '../../contract/purchasing';
import { SCOPE_SQL, ScopeDocument, TargetTuple, ProviderTuple } from './kpi-dashboard.sql';
import { preparedRead } from '../../db/prepared';

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

/** One provider of a dashboard, judged by one of its targets of the KPI in the year. */
export interface DashboardEntry {
  provider: ProviderRow;
  targetId: number;
  targetInsurerId: number;
  points: ValuedPoint[];
  progress: KpiProgress;
  /** True when the principal may not read this provider's figures or the target it is judged by. */
  protected: boolean;
}

/** One row of a dashboard: a provider whose figures and judging target the principal may both read. */
export interface DashboardRowView {
  provider: ProviderRow;
  points: ValuedPoint[];
  latest: KpiProgress['latest'];
  progress: KpiProgress;
  targetId: number;
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
  suppressionReason: KpiSuppressionReason | null;
  providerCount: number | null;
  statusCounts: StatusCounts | null;
  valuesSuppressed: boolean;
  valuesSuppressionReason: KpiSuppressionReason | null;
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
  suppressionReason: KpiSuppressionReason | null;
  reportingProviderCount: number | null;
  pooledRate: string | null;
  median: string | null;
  q1: string | null;
  q3: string | null;
  iqr: string | null;
}

/** The national benchmark of a KPI and year: statuses at the end of a period, and figures per period. */
export interface BenchmarkFigures {
  asOf: string;
  suppressed: boolean;
  suppressionReason: KpiSuppressionReason | null;
  providerCount: number | null;
  statusCounts: StatusCounts | null;
  series: PeriodAggregateFigures[];
}

export interface DashboardData {
  year: number;
  kpiId: number;
  kpiCode: string;
  insurerId: number | null;
  periodKind: KpiPeriodKind;
  asOf: string;
  /** The rows the principal may read, each judged by a target it may read. */
  rows: DashboardEntry[];
  /** Over the rows; null when the principal may not read aggregates. */
  aggregate: AggregateFigures | null;
  series: PeriodAggregateFigures[] | null;
  /** The national benchmark, computed when asked; null when the principal may not read aggregates. */
  benchmark: (() => BenchmarkFigures) | null;
}

const STATUS_ORDER: Record<KpiStatus, number> = { MET: 0, ON_TRACK: 1, AT_RISK: 2, NOT_MET: 3, NO_DATA: 4 };

/**
 * The end of the last period of the kind in the year on or before the date (31 December of the year before when
 * none is). The benchmark judges statuses there, so the as-of date cannot be moved a day at a time to find the
 * day one hospital's status changes.
 */
export function benchmarkDate(kind: KpiPeriodKind, year: number, asOf: string): string {
  const count = kind === KpiPeriodKind.MONTH ? 12 : kind === KpiPeriodKind.QUARTER ? 4 : 1;
  let last = `${year - 1}-12-31`;
  for (let n = 1; n <= count; n += 1) {
    const period = periodOf(kind, year, kind === KpiPeriodKind.YEAR ? null : n) as KpiPeriod;
    if (period.end > asOf) break;
    last = period.end;
  }
  return last;
}

/**
 * The dashboard of one KPI and year, in three parts, each depending only on what the principal may read or on a
 * grouping it cannot shape (README, "Aggregates"):
 *  - rows: the providers the filter covers whose figures the principal may read, each judged by the earliest target
 *    of the KPI (of the named insurer, when one is named) that the principal may read; a provider without such a
 *    target has no row, so no row, order, count or latest-value window tells of a target the principal may not read;
 *  - aggregate and series: exact figures over those rows;
 *  - benchmark: every provider in the country with a target of the KPI in the year, judged by its earliest target,
 *    on the end of the last period before the as-of date, whatever the filter or insurer asked; shown only when none
 *    or at least MIN_PROTECTED_PROVIDERS of its providers are protected from the principal.
 * One statement for everything (an insurer's purchasing fact included), and one more for the market
 * leaders when filtering on core regions.
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
  const [{ doc }] = await preparedRead<{ doc: ScopeDocument }>(ctx.em, SCOPE_SQL, [
    input.kpiCode, pgArray(uzovis), regionsParam ?? '{}', input.year,
    input.year, viewer !== null, ...purchasingParams(KPI_SEGMENT),
    kinds, kinds, regionsParam, core, core,
    viewer, input.year, input.year, kind, input.year, input.year, asOf, input.year, asOf,
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

  // Whose figures the principal may read: the policy row kpi.measurement.read, with the contracting insurers from
  // purchasing fact (read for insurers only) and the target holders, both from the statement above, and for a
  // hospital's own KPI the insurer it was proposed to.
  const proposedToInsurerId = proposedToInsurerOf({ status: kpi.status, proposedTo });
  const contracting = new Map<number, Set<number>>();
  for (const [providerId, insurer] of doc.purchasing) {
    const insurers = contracting.get(providerId);
    if (insurers) insurers.add(insurer);
    else contracting.set(providerId, new Set([insurer]));
  }
  const figuresReadable = new Map(
    doc.providers.map((r) => {
      const readers = [...(contracting.get(r[0]) ?? [])];
      if (r[9] && viewer !== null) readers.push(viewer);
      return [r[0], can(p, 'kpi.measurement.read', { providerId: r[0], purchasingInsurerIds: readers, proposedToInsurerId })] as const;
    }),
  );
  const targetReadable = (t: TargetTuple) => can(p, 'kpi.target.read', { insurerId: t[2], providerId: t[1] });
  const targetsOf = new Map<number, TargetTuple[]>();
  for (const target of doc.targets) {
    const list = targetsOf.get(target[1]);
    if (list) list.push(target);
    else targetsOf.set(target[1], [target]);
  }

  const entryOf = (row: ProviderTuple, target: TargetTuple, judgedOn: string): DashboardEntry => {
    const [targetId, , targetInsurerId, targetValue, targetDate, baselineKind, baselineCount] = target;
    const baseline = baselineKind && baselineCount !== null ? { kind: baselineKind, count: Number(baselineCount) } : null;
    const points = row[10]
      .filter(([, end]) => end <= judgedOn)
      .map(([start, end, numerator, denominator]) => valuePoint(kpi.scoring, { kind, start, end, numerator, denominator }, baseline));
    const progress = progressOf({ scoring: kpi.scoring, direction: kpi.direction, year: input.year, targetValue, targetDate }, points, kind, judgedOn);
    const provider: ProviderRow = { id: row[0], agb: row[1], kvk: row[2], name: row[3], kind: row[4], regionId: row[5], createdAt: row[6], updatedAt: row[7] };
    return { provider, targetId, targetInsurerId, points, progress, protected: !(figuresReadable.get(row[0]) && targetReadable(target)) };
  };

  const rows: DashboardEntry[] = [];
  for (const row of doc.providers) {
    if (!row[8] || !figuresReadable.get(row[0])) continue;
    const target = targetsOf.get(row[0])!.find((t) => (insurerId === null || t[2] === insurerId) && targetReadable(t));
    if (target) rows.push(entryOf(row, target, asOf));
  }

  if (!can(ctx.principal, 'kpi.aggregate.read', {})) {
    return { year: input.year, kpiId: kpi.id, kpiCode: kpi.code, insurerId, periodKind: kind, asOf, rows, aggregate: null, series: null, benchmark: null };
  }
  const judgedOn = benchmarkDate(kind, input.year, asOf);
  // Judged only when a query asks for the benchmark: most dashboards do not show it.
  const benchmark = () => {
    // An entry depends only on its provider, target and date: a row judged by the provider's first target on the
    // same date is the benchmark's entry already, and judging it again would be most of the benchmark's work.
    const judgedAlready = new Map(judgedOn === asOf ? rows.map((e) => [e.targetId, e] as const) : []);
    const national = doc.providers.map((row) => {
      const target = targetsOf.get(row[0])![0];
      return judgedAlready.get(target[0]) ?? entryOf(row, target, judgedOn);
    });
    return benchmarkOf(kpi.scoring, national, kind, input.year, judgedOn);
  };
  return {
    year: input.year,
    kpiId: kpi.id,
    kpiCode: kpi.code,
    insurerId,
    periodKind: kind,
    asOf,
    rows,
    aggregate: aggregateOf(kpi.scoring, rows),
    series: seriesOf(kpi.scoring, rows, kind, input.year, asOf, false),
    benchmark,
  };
}

function statusCountsOf(counts: Record<KpiStatus, number> | null): StatusCounts | null {
  return counts && { met: counts.MET, onTrack: counts.ON_TRACK, atRisk: counts.AT_RISK, notMet: counts.NOT_MET, noData: counts.NO_DATA };
}

function aggregateRows(entries: readonly DashboardEntry[]): AggregateRow[] {
  return entries.map((e) => {
    const latest = e.progress.latest ? e.points.find((p) => p.end === e.progress.latest!.period.end) ?? null : null;
    return { providerId: String(e.provider.id), status: e.progress.status, counts: latest?.counts ?? null, protected: e.protected };
  });
}

function aggregateOf(scoring: KpiScoring, entries: readonly DashboardEntry[]): AggregateFigures {
  const result = aggregateKpi({ scoring }, aggregateRows(entries));
  if (!result.ok) throw new Error(`dashboard aggregate failed: ${JSON.stringify(result.errors)}`);
  const { statusCounts, statusSuppression, values, valuesSuppression, providerCount, reportingProviderCount } = result.data;
  return {
    suppressed: statusSuppression !== null,
    suppressionReason: statusSuppression,
    providerCount: statusSuppression === null ? providerCount : null,
    statusCounts: statusCountsOf(statusCounts),
    valuesSuppressed: valuesSuppression !== null,
    valuesSuppressionReason: valuesSuppression,
    reportingProviderCount: values === null ? null : reportingProviderCount,
    pooledRate: values?.pooled.value ?? null,
    median: values?.spread.median ?? null,
    q1: values?.spread.q1 ?? null,
    q3: values?.spread.q3 ?? null,
    iqr: values?.spread.iqr ?? null,
  };
}

/**
 * The benchmark: statuses of every provider judged on `judgedOn`, and the figures per period, each block withheld
 * by suppressionOf on its own protected providers. The latest values are not aggregated here: a provider whose
 * latest value is of an earlier period would make that aggregate differ from the period's by one provider.
 */
function benchmarkOf(scoring: KpiScoring, entries: readonly DashboardEntry[], kind: KpiPeriodKind, year: number, judgedOn: string): BenchmarkFigures {
  const reason = suppressionOf(entries.length, entries.filter((e) => e.protected).length);
  return {
    asOf: judgedOn,
    suppressed: reason !== null,
    suppressionReason: reason,
    providerCount: reason === null ? entries.length : null,
    statusCounts: reason === null ? statusCountsOf(countByStatus(entries.map((e) => e.progress.status))) : null,
    series: seriesOf(scoring, entries, kind, year, judgedOn, true),
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

/**
 * Pooled rate, median and quartiles per period of the year up to the as-of date, each period withheld by
 * suppressionOf on its own reporting providers. `smooth` gives Harrell-Davis quartiles: the benchmark always uses
 * them, so every viewer it is shown to gets the same figures; rows, all readable, get type 7.
 */
function seriesOf(scoring: KpiScoring, entries: readonly DashboardEntry[], kind: KpiPeriodKind, year: number, asOf: string, smooth: boolean): PeriodAggregateFigures[] {
  const count = kind === KpiPeriodKind.MONTH ? 12 : kind === KpiPeriodKind.QUARTER ? 4 : 1;
  const byStart = new Map<string, { points: ValuedPoint[]; protectedCount: number }>();
  for (const entry of entries) {
    for (const point of entry.points) {
      if (point.counts === null || point.value === null) continue;
      const group = byStart.get(point.start) ?? { points: [], protectedCount: 0 };
      group.points.push(point);
      if (entry.protected) group.protectedCount += 1;
      byStart.set(point.start, group);
    }
  }
  const periods: PeriodAggregateFigures[] = [];
  for (let n = 1; n <= count; n += 1) {
    const period = periodOf(kind, year, kind === KpiPeriodKind.YEAR ? null : n) as KpiPeriod;
    if (period.end > asOf) break;
    const { points, protectedCount } = byStart.get(period.start) ?? { points: [], protectedCount: 0 };
    const reason = suppressionOf(points.length, protectedCount);
    let figures = { pooledRate: null as string | null, median: null as string | null, q1: null as string | null, q3: null as string | null, iqr: null as string | null };
    if (reason === null) {
      const pooled = pooledRate({ scoring }, summedByLength(points.map((p) => p.counts!)));
      const values = points.map((p) => p.value!);
      const spread = smooth ? smoothSpread(values) : medianAndIqr(values);
      if (!pooled.ok || !spread.ok) throw new Error('dashboard series failed on checked figures');
      figures = { pooledRate: pooled.data.value, median: spread.data.median, q1: spread.data.q1, q3: spread.data.q3, iqr: spread.data.iqr };
    }
    periods.push({ period, suppressed: reason !== null, suppressionReason: reason, reportingProviderCount: reason === null ? points.length : null, ...figures });
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
  const regions = kpiLoaders.dashboardRegion.of(ctx);
  const state: RowProviderState = { row, region: row.regionId === null ? null : { id: row.regionId, load: () => regions.load(row.regionId!) } };
  const provider = Object.create(ROW_PROVIDER) as { [ROW_STATE]: RowProviderState };
  provider[ROW_STATE] = state;
  return provider as unknown as Provider;
}

/**
 * The page of rows in the order asked (every row is one the principal may read, with its judging target); a READ
 * audit entry for the figures shown.
 */
export function dashboardRows(ctx: RequestContext, data: DashboardData, order: KpiDashboardOrder | null | undefined, page: PageQuery): Page<DashboardRowView> {
  const compare = compareRows(order);
  const rows = data.rows.map(viewOf).sort(compare);
  // Sorted in Node (progress is computed): the cursor holds what `compareRows` reads, the provider id last.
  const result = pageSorted<DashboardRowView & { targetInsurerId: number }, DashboardRowView>(
    rows,
    compare,
    {
      list: `KpiDashboardRow|${order?.field ?? ''}|${order?.direction ?? ''}`,
      size: 5,
      of: (r) => [r.provider.name, r.provider.agb, r.progress.status, r.latest?.value == null ? null : String(r.latest.value), r.provider.id],
      from: ([name, agb, status, value, id]) =>
        typeof name === 'string' &&
        typeof agb === 'string' &&
        typeof status === 'string' &&
        Object.prototype.hasOwnProperty.call(STATUS_ORDER, status) &&
        (value === null || (typeof value === 'string' && Number.isFinite(Number(value)))) &&
        Number.isSafeInteger(id)
          ? ({ provider: { id, name, agb }, progress: { status }, latest: value === null ? null : { value } } as unknown as DashboardRowView)
          : null,
    },
    page,
    ctx.config.limits,
  );
  const items = result.items;
  if (items.length > 0) {
    ctx.audit({
      kind: AuditKind.READ,
      operation: 'kpiDashboard.rows',
      objectIds: items.map((r) => `${encodeGlobalId('Provider', r.provider.id)}:${data.kpiCode}:${data.year}`),
      outcome: AuditOutcome.SUCCESS,
      ownerProviderIds: items.map((r) => r.provider.id),
      ownerInsurerIds: items.map((r) => r.targetInsurerId),
    });
  }
  return result;
}

function viewOf(e: DashboardEntry): DashboardRowView & { targetInsurerId: number } {
  return { provider: e.provider, points: e.points, latest: e.progress.latest, progress: e.progress, targetId: e.targetId, targetInsurerId: e.targetInsurerId };
}
