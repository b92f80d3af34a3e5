/** The values of stored measurements and the progress of a stored target, by the rules of values.ts and progress.ts. */
import { KpiCounts, valueFromCounts } from './values';
import { KpiDirection, KpiScoring } from './catalogue';
import { ProgressResult, evaluateProgress } from './progress';
import { KpiPeriod, KpiPeriodKind, MONTHS_IN, periodFromStart } from './period';

/** One stored measurement, as far as values and progress need it. */
export interface MeasuredPoint {
  kind: KpiPeriodKind;
  start: string;
  end: string;
  numerator: number;
  denominator: number | null;
}

/** The baseline a reduction is computed against: its period kind and the count in it. */
export interface BaselineCount {
  kind: KpiPeriodKind;
  count: number;
}

/** What progress needs to know of a target and its KPI. */
export interface ProgressTarget {
  scoring: KpiScoring;
  direction: KpiDirection;
  year: number;
  targetValue: string;
  targetDate: string;
}

export interface ValuedPoint extends MeasuredPoint {
  /** The counts the value is computed from: for a reduction the denominator is the baseline count. */
  counts: KpiCounts | null;
  value: string | null;
}

/**
 * The value of a measurement under a KPI's scoring. A reduction needs the baseline count, pro-rated by whole
 * months to the measured period; without a usable baseline the value is null, as it is for figures the rules
 * refuse (which the submission checks keep out of the table).
 */
export function valuePoint(scoring: KpiScoring, point: MeasuredPoint, baseline: BaselineCount | null): ValuedPoint {
  let counts: KpiCounts | null;
  if (scoring === KpiScoring.REDUCTION) {
    counts = baseline
      ? { numerator: point.numerator, denominator: baseline.count, months: { measured: MONTHS_IN[point.kind], baseline: MONTHS_IN[baseline.kind] } }
      : null;
  } else {
    counts = point.denominator === null ? null : { numerator: point.numerator, denominator: point.denominator };
  }
  const value = counts ? valueFromCounts(scoring, counts) : null;
  const ok = value !== null && value.ok;
  return {
    kind: point.kind,
    start: point.start,
    end: point.end,
    numerator: point.numerator,
    denominator: point.denominator,
    counts: ok ? counts : null,
    value: ok ? value.data.value : null,
  };
}

/** The value of a KPI in one period (the GraphQL type KpiSeriesPoint, kpi.types.ts). */
export interface KpiSeriesPoint {
  period: KpiPeriod;
  /** Percent, two decimals; null when it cannot be computed (a reduction without baseline figures). */
  value: string | null;
  numerator: number;
  /** For a reduction: the baseline count; null when unknown. */
  denominator: number | null;
}

export function seriesPoint(point: ValuedPoint): KpiSeriesPoint {
  return {
    period: periodFromStart(point.kind, point.start),
    value: point.value,
    numerator: point.numerator,
    denominator: point.counts?.denominator ?? point.denominator,
  };
}

/**
 * Where a target stands on a date (the GraphQL type KpiProgress, kpi.types.ts): the progress rule's answer, with
 * the date, the period kind used, and the latest measurement as a stored point.
 */
export interface KpiProgress extends Omit<ProgressResult, 'latest'> {
  asOf: string;
  /** Which measurements were used; null when there are none. */
  periodKind: KpiPeriodKind | null;
  /** The latest measurement that counts; null with NO_DATA. */
  latest: KpiSeriesPoint | null;
}

/** The finest period kind among the points, which a target's progress uses unless another is asked for. */
export function finestKind(points: readonly MeasuredPoint[]): KpiPeriodKind | null {
  for (const kind of [KpiPeriodKind.MONTH, KpiPeriodKind.QUARTER, KpiPeriodKind.YEAR]) {
    if (points.some((p) => p.kind === kind)) return kind;
  }
  return null;
}

/**
 * Progress of a target from the valued points of one period kind within its year, by evaluateProgress (the rule
 * in KPI-RULES.md). Points without a value, of another kind or before the target year do not count.
 */
export function progressOf(target: ProgressTarget, points: readonly ValuedPoint[], kind: KpiPeriodKind | null, asOf: string): KpiProgress {
  const yearStart = `${target.year}-01-01`;
  const lastEnd = asOf < target.targetDate ? asOf : target.targetDate;
  // Figures before the target year (a baseline period) are not part of the path to the target; figures after the
  // as-of or target date do not count (rule 1), which evaluateProgress would decide the same way.
  const counted = points
    .filter((p) => p.value !== null && p.kind === kind && p.start >= yearStart && p.end <= lastEnd)
    .sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  // The rule reads the first counted figure (the start of the path), the one before the latest (the trend) and
  // the latest. Handing it only those keeps a dashboard of a hundred providers with twelve months each cheap.
  const used = counted.length <= 3 ? counted : [counted[0], counted[counted.length - 2], counted[counted.length - 1]];
  const result = evaluateProgress({
    target: { value: target.targetValue, direction: target.direction, year: target.year, targetDate: target.targetDate },
    series: used.map((p) => ({ periodStart: p.start, periodEnd: p.end, value: p.value! })),
    asOf,
  });
  // The stored target and points were checked on the way in, so a failure here is a bug, not an input problem.
  if (!result.ok) throw new Error(`progress of a stored target failed: ${JSON.stringify(result.errors)}`);
  const latest = result.data.latest ? counted.find((p) => p.end === result.data.latest!.periodEnd)! : null;
  return {
    status: result.data.status,
    asOf,
    periodKind: counted.length > 0 ? kind : null,
    latest: latest ? seriesPoint(latest) : null,
    attainmentPercent: result.data.attainmentPercent,
    trend: result.data.trend,
    trendDirection: result.data.trendDirection,
    expectedValue: result.data.expectedValue,
    measurementsConsidered: counted.length,
    reason: result.data.reason,
  };
}

/** Today's date (UTC), the default as-of date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
