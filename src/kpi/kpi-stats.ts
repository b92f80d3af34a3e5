/**
 * Aggregates of one KPI over many providers, for insurers' dashboards. Exact arithmetic as in kpi-rules.ts; every
 * figure is rounded once, at the end, to two decimals.
 */
import {
  KPI_BY_CODE,
  KpiCode,
  KpiCounts,
  KpiErrorCode,
  KpiIssue,
  KpiResult,
  KpiScoring,
  KpiStatus,
  Rational,
  addR,
  cmpR,
  divR,
  kpiValueFromCounts,
  mulR,
  valueFromCounts,
  parseDecimal,
  rational,
  subR,
  toDecimalString,
} from './kpi-rules';

/** Fewer providers than this and a figure could point at a single provider, so it is not shown. */
export const MIN_PROVIDERS_FOR_AGGREGATE = 5;

/** True when an aggregate over `providerCount` providers must be hidden: 4 is hidden, 5 is shown. */
export function suppressAggregate(providerCount: number): boolean {
  if (!Number.isSafeInteger(providerCount) || providerCount < 0) {
    throw new RangeError(`suppressAggregate: providerCount must be a whole number >= 0; got ${providerCount}`);
  }
  return providerCount < MIN_PROVIDERS_FOR_AGGREGATE;
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
}

export interface KpiAggregate {
  kpi: KpiOrScoring;
  providerCount: number;
  reportingProviderCount: number;
  /** Null when fewer than MIN_PROVIDERS_FOR_AGGREGATE providers are in the rows. */
  statusCounts: Record<KpiStatus, number> | null;
  /** Null when fewer than MIN_PROVIDERS_FOR_AGGREGATE providers reported counts. */
  values: { pooled: PooledValue; spread: Spread } | null;
}

/**
 * The dashboard figures for one KPI and period. Each block is suppressed on its own provider count: statuses on
 * all providers in the rows, values on the providers that reported counts, so four reporting providers among
 * twenty show statuses but no values.
 */
export function aggregateKpi(kpi: KpiOrScoring, rows: ReadonlyArray<AggregateRow>): KpiResult<KpiAggregate> {
  const issues: KpiIssue[] = [];
  const seen = new Map<string, number>();
  const providerValues: string[] = [];
  const reported: KpiCounts[] = [];
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
    if (row.counts === null) return;
    const value = valueOf(kpi, row.counts, {
      numerator: `rows[${index}].counts.numerator`,
      denominator: `rows[${index}].counts.denominator`,
    });
    if (!value.ok) {
      issues.push(...value.errors);
      return;
    }
    providerValues.push(value.data.value);
    reported.push(row.counts);
  });
  if (issues.length > 0) return { ok: false, errors: issues };

  let values: KpiAggregate['values'] = null;
  if (!suppressAggregate(reported.length)) {
    const pooled = pooledRate(kpi, reported);
    const spread = medianAndIqr(providerValues);
    // Both inputs were checked row by row above, so neither can fail here.
    if (!pooled.ok || !spread.ok) throw new Error('aggregateKpi: checked rows failed to aggregate');
    values = { pooled: pooled.data, spread: spread.data };
  }
  return {
    ok: true,
    data: {
      kpi,
      providerCount: rows.length,
      reportingProviderCount: reported.length,
      statusCounts: suppressAggregate(rows.length) ? null : countByStatus(rows.map((row) => row.status)),
      values,
    },
  };
}
