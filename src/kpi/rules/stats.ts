/**
 * Aggregates of one KPI over many providers, for insurers' dashboards. Exact arithmetic as in arithmetic.ts; every
 * figure is rounded once, at the end, to two decimals.
 */
import { KPI_BY_CODE, KpiCode, KpiScoring } from './catalogue';
import { KpiCounts, kpiValueFromCounts, valueFromCounts } from './values';
import { KpiErrorCode, KpiIssue, KpiResult } from './result';
import { KpiStatus } from './progress';
import {
  Rational,
  addR,
  cmpR,
  divR,
  mulR,
  parseDecimal,
  rational,
  subR,
  toDecimalString,
} from './arithmetic';

/**
 * A benchmark over providers the viewer may not read is shown only when at least this many of them are in it: a
 * figure over fewer could be undone with what the viewer knows of the others (README, "Aggregates").
 */
export const MIN_PROTECTED_PROVIDERS = 10;

/** Why an aggregate block is withheld. */
export const KpiSuppressionReason = { NO_PROVIDERS: 'NO_PROVIDERS', TOO_FEW_PROVIDERS: 'TOO_FEW_PROVIDERS' } as const;
export type KpiSuppressionReason = (typeof KpiSuppressionReason)[keyof typeof KpiSuppressionReason];

/**
 * Why a block over `count` providers, `protectedCount` of which the viewer may not read, is withheld; null when it
 * is shown. Providers the viewer may read reveal nothing new, so a block of those alone is never withheld.
 */
export function suppressionOf(count: number, protectedCount: number): KpiSuppressionReason | null {
  for (const [name, n] of [['count', count], ['protectedCount', protectedCount]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`suppressionOf: ${name} must be a whole number >= 0; got ${n}`);
  }
  if (protectedCount > count) throw new RangeError(`suppressionOf: protectedCount ${protectedCount} exceeds count ${count}`);
  if (count === 0) return KpiSuppressionReason.NO_PROVIDERS;
  if (protectedCount > 0 && protectedCount < MIN_PROTECTED_PROVIDERS) return KpiSuppressionReason.TOO_FEW_PROVIDERS;
  return null;
}

/** A catalogue KPI by its code, or any KPI (a hospital's own included) by its scoring. */
export type KpiOrScoring = KpiCode | { scoring: KpiScoring };

function valueOf(
  kpi: KpiOrScoring,
  counts: KpiCounts,
  fields: { numerator: string; denominator: string },
): ReturnType<typeof kpiValueFromCounts> {
  return typeof kpi === 'string' ? kpiValueFromCounts(kpi, counts, fields) : valueFromCounts(kpi.scoring, counts, fields);
}

export interface PooledValue {
  value: string;
  numerator: number;
  denominator: number;
}

/**
 * Sum of numerators over sum of denominators, scored like the KPI itself: a share for PROPORTION, and for
 * REDUCTION (sum of baselines - sum of measured) / sum of baselines, each baseline pro-rated to its measured
 * period's length when the part gives `months`. Large providers weigh more, which is what a pooled rate is for;
 * the median shows the typical provider. `numerator` and `denominator` of the result are the plain sums.
 */
export function pooledRate(kpi: KpiOrScoring, parts: ReadonlyArray<KpiCounts>): KpiResult<PooledValue> {
  const issues: KpiIssue[] = [];
  // Only a reduction needs the pro-rated baselines; a share pools the plain sums.
  const reduction = (typeof kpi === 'string' ? KPI_BY_CODE[kpi]?.scoring : kpi.scoring) === KpiScoring.REDUCTION;
  let numerator = 0n;
  let denominator = 0n;
  let expectedBaseline = rational(0n);
  parts.forEach((part, index) => {
    const checked = valueOf(kpi, part, {
      numerator: `parts[${index}].numerator`,
      denominator: `parts[${index}].denominator`,
    });
    if (!checked.ok) {
      issues.push(...checked.errors);
      return;
    }
    numerator += BigInt(part.numerator);
    denominator += BigInt(part.denominator);
    if (!reduction) return;
    const months = part.months ?? { measured: 1, baseline: 1 };
    expectedBaseline = addR(
      expectedBaseline,
      rational(BigInt(part.denominator) * BigInt(months.measured), BigInt(months.baseline)),
    );
  });
  if (issues.length > 0) return { ok: false, errors: issues };
  if (parts.length === 0) {
    return {
      ok: false,
      errors: [
        { code: KpiErrorCode.EMPTY_SAMPLE, field: 'parts', message: 'A pooled rate needs at least one provider.' },
      ],
    };
  }
  const share = reduction
      ? mulR(divR(subR(expectedBaseline, rational(numerator)), expectedBaseline), rational(100n))
      : rational(numerator * 100n, denominator);
  return {
    ok: true,
    data: { value: toDecimalString(share), numerator: Number(numerator), denominator: Number(denominator) },
  };
}

export interface Spread {
  count: number;
  median: string;
  q1: string;
  q3: string;
  /** q3 - q1 computed before rounding, so it can differ by 0.01 from the difference of the rounded quartiles. */
  iqr: string;
}

/**
 * Quantile by linear interpolation between closest ranks (Hyndman and Fan type 7, the default of R and of
 * numpy.percentile): position h = (n - 1) p on the sorted values, counted from 0, and the value
 * x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). `p` is a fraction given as two integers.
 */
function quantileType7(sorted: readonly Rational[], pNumerator: bigint, pDenominator: bigint): Rational {
  const position = rational(BigInt(sorted.length - 1) * pNumerator, pDenominator);
  const lowerIndex = Number(position.num / position.den);
  const fraction = subR(position, rational(BigInt(lowerIndex)));
  const lower = sorted[lowerIndex];
  if (fraction.num === 0n) return lower;
  return addR(lower, mulR(fraction, subR(sorted[lowerIndex + 1], lower)));
}

const SHORT_DECIMAL = /^-?\d{1,13}(\.\d{1,2})?$/;

/**
 * The values in ascending order. Decimals with at most two places and thirteen whole digits convert to distinct,
 * order-preserving doubles (they lie 0.01 apart, far above a double's spacing there), so those sort as numbers,
 * many times faster than comparing BigInt fractions; anything longer sorts exactly.
 */
function sortExactly(parsed: Rational[], texts: ReadonlyArray<string>): Rational[] {
  if (!texts.every((text) => SHORT_DECIMAL.test(text))) return [...parsed].sort(cmpR);
  return parsed
    .map((value, index) => ({ value, key: Number(texts[index]) }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.value);
}

/** Median, first and third quartile and interquartile range (type 7) of decimal-string values. */
export function medianAndIqr(values: ReadonlyArray<string>): KpiResult<Spread> {
  const issues: KpiIssue[] = [];
  const parsed: Rational[] = [];
  values.forEach((text, index) => {
    const value = parseDecimal(text);
    if (value === null) {
      issues.push({
        code: KpiErrorCode.INVALID_DECIMAL,
        field: `values[${index}]`,
        message: `values[${index}] must be a decimal string; got ${JSON.stringify(text)}.`,
      });
    } else {
      parsed.push(value);
    }
  });
  if (issues.length > 0) return { ok: false, errors: issues };
  if (parsed.length === 0) {
    return {
      ok: false,
      errors: [{ code: KpiErrorCode.EMPTY_SAMPLE, field: 'values', message: 'A median needs at least one value.' }],
    };
  }
  const sorted = sortExactly(parsed, values);
  const q1 = quantileType7(sorted, 1n, 4n);
  const q3 = quantileType7(sorted, 3n, 4n);
  return {
    ok: true,
    data: {
      count: sorted.length,
      median: toDecimalString(quantileType7(sorted, 1n, 2n)),
      q1: toDecimalString(q1),
      q3: toDecimalString(q3),
      iqr: toDecimalString(subR(q3, q1)),
    },
  };
}

/** ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, nine terms; relative error about 1e-15). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i += 1) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta function, evaluated by the modified Lentz method. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (v: number) => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 500; m += 1) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), for a, b > 0. */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/**
 * The Harrell-Davis estimate of the p-quantile: a weighted mean of every sorted value, the i-th weighted by the
 * Beta(p(n+1), (1-p)(n+1)) probability of ((i-1)/n, i/n]. Every weight is positive, so over two or more distinct
 * values the estimate is never one provider's value, as an order statistic (type 7 at a whole position) is.
 */
function harrellDavis(sorted: readonly number[], p: number): number {
  const weights = harrellDavisWeights(sorted.length, p);
  let estimate = 0;
  for (let i = 0; i < weights.length; i += 1) estimate += weights[i] * sorted[i];
  return estimate;
}

/**
 * The Harrell-Davis weights depend only on n and p, and each costs an incomplete beta (a continued fraction): a
 * dashboard asks for three quantiles of every period over the same providers, so they are computed once per n and p.
 * Bounded: n is a count of providers, but nothing else limits how many distinct counts a process sees.
 */
const hdWeights = new Map<string, Float64Array>();
const HD_WEIGHT_SETS = 256;

function harrellDavisWeights(n: number, p: number): Float64Array {
  const key = `${n}:${p}`;
  let weights = hdWeights.get(key);
  if (!weights) {
    const [a, b] = [p * (n + 1), (1 - p) * (n + 1)];
    weights = new Float64Array(n);
    let below = 0;
    for (let i = 1; i <= n; i += 1) {
      const upTo = incompleteBeta(i / n, a, b);
      weights[i - 1] = upTo - below;
      below = upTo;
    }
    if (hdWeights.size >= HD_WEIGHT_SETS) hdWeights.clear();
    hdWeights.set(key, weights);
  }
  return weights;
}

/** Two decimals of a double, half away from zero, as the other figures are rounded. */
function hundredths(value: number): string {
  return toDecimalString(rational(BigInt(Math.round(Math.abs(value) * 100)) * (value < 0 ? -1n : 1n), 100n));
}

/**
 * Median, quartiles and IQR by Harrell-Davis, for figures over providers the viewer may not read. Computed in
 * doubles (the weights are not rational) and rounded to two decimals; the IQR is taken before rounding.
 */
export function smoothSpread(values: ReadonlyArray<string>): KpiResult<Spread> {
  const parsed = values.map(Number);
  const bad = parsed.findIndex((v, index) => !Number.isFinite(v) || parseDecimal(values[index]) === null);
  if (bad >= 0) {
    return { ok: false, errors: [{ code: KpiErrorCode.INVALID_DECIMAL, field: `values[${bad}]`, message: `values[${bad}] must be a decimal string; got ${JSON.stringify(values[bad])}.` }] };
  }
  if (parsed.length === 0) {
    return { ok: false, errors: [{ code: KpiErrorCode.EMPTY_SAMPLE, field: 'values', message: 'A median needs at least one value.' }] };
  }
  const sorted = [...parsed].sort((x, y) => x - y);
  const [q1, median, q3] = [0.25, 0.5, 0.75].map((p) => harrellDavis(sorted, p));
  return { ok: true, data: { count: sorted.length, median: hundredths(median), q1: hundredths(q1), q3: hundredths(q3), iqr: hundredths(q3 - q1) } };
}

/** How many providers have each status; every status is present, zero when none has it. */
export function countByStatus(statuses: ReadonlyArray<KpiStatus>): Record<KpiStatus, number> {
  const counts: Record<KpiStatus, number> = { MET: 0, ON_TRACK: 0, AT_RISK: 0, NOT_MET: 0, NO_DATA: 0 };
  for (const status of statuses) {
    if (!(status in counts)) throw new RangeError(`countByStatus: unknown status ${JSON.stringify(status)}`);
    counts[status] += 1;
  }
  return counts;
}

export interface AggregateRow {
  providerId: string;
  status: KpiStatus;
  /** The provider's counts for the period; null when it reported none (it still counts for the statuses). */
  counts: KpiCounts | null;
  /** True when the viewer may not read this provider's figures or the target it is judged by. */
  protected?: boolean;
}

export interface KpiAggregate {
  kpi: KpiOrScoring;
  providerCount: number;
  reportingProviderCount: number;
  /** Null when withheld: see statusSuppression. */
  statusCounts: Record<KpiStatus, number> | null;
  statusSuppression: KpiSuppressionReason | null;
  /** Null when withheld: see valuesSuppression. */
  values: { pooled: PooledValue; spread: Spread } | null;
  valuesSuppression: KpiSuppressionReason | null;
}

/**
 * The figures for one KPI and period. Each block is withheld on its own (suppressionOf): statuses on all providers
 * in the rows, values on the providers that reported counts, each counting the protected rows among them. The
 * quartiles are type 7 over rows the viewer may read all of, and Harrell-Davis as soon as one row is protected.
 */
export function aggregateKpi(kpi: KpiOrScoring, rows: ReadonlyArray<AggregateRow>): KpiResult<KpiAggregate> {
  const issues: KpiIssue[] = [];
  const seen = new Map<string, number>();
  const providerValues: string[] = [];
  const reported: KpiCounts[] = [];
  let protectedRows = 0;
  let protectedReporting = 0;
  rows.forEach((row, index) => {
    const first = seen.get(row.providerId);
    if (first !== undefined) {
      issues.push({
        code: KpiErrorCode.DUPLICATE_PROVIDER,
        field: `rows[${index}].providerId`,
        message: `rows[${index}] repeats provider ${row.providerId} of rows[${first}]; suppression counts providers.`,
      });
      return;
    }
    seen.set(row.providerId, index);
    if (!Object.prototype.hasOwnProperty.call(KpiStatus, row.status)) {
      issues.push({
        code: KpiErrorCode.UNKNOWN_ENUM_VALUE,
        field: `rows[${index}].status`,
        message: `rows[${index}].status must be one of ${Object.values(KpiStatus).join(', ')}.`,
      });
    }
    if (row.protected) protectedRows += 1;
    if (row.counts === null) return;
    const value = valueOf(kpi, row.counts, {
      numerator: `rows[${index}].counts.numerator`,
      denominator: `rows[${index}].counts.denominator`,
    });
    if (!value.ok) {
      issues.push(...value.errors);
      return;
    }
    if (row.protected) protectedReporting += 1;
    providerValues.push(value.data.value);
    reported.push(row.counts);
  });
  if (issues.length > 0) return { ok: false, errors: issues };

  const valuesSuppression = suppressionOf(reported.length, protectedReporting);
  let values: KpiAggregate['values'] = null;
  if (valuesSuppression === null) {
    const pooled = pooledRate(kpi, reported);
    const spread = protectedReporting > 0 ? smoothSpread(providerValues) : medianAndIqr(providerValues);
    // Both inputs were checked row by row above, so neither can fail here.
    if (!pooled.ok || !spread.ok) throw new Error('aggregateKpi: checked rows failed to aggregate');
    values = { pooled: pooled.data, spread: spread.data };
  }
  const statusSuppression = suppressionOf(rows.length, protectedRows);
  return {
    ok: true,
    data: {
      kpi,
      providerCount: rows.length,
      reportingProviderCount: reported.length,
      statusCounts: statusSuppression === null ? countByStatus(rows.map((row) => row.status)) : null,
      statusSuppression,
      values,
      valuesSuppression,
    },
  };
}
