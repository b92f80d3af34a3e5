/** A KPI's value from its counts, by its scoring; telemonitoring with a breakdown per population. */
import { checkEnum, KpiErrorCode, KpiIssue, KpiResult, fail, succeed } from './result';
import { fastDecimal, rational, toDecimalString } from './arithmetic';
import { KPI_BY_CODE, KpiCode, KpiScoring } from './catalogue';
import {
  PopulationSelection,
  PopulationSetVariant,
  TelemonitoringPopulation,
  validatePopulationSet,
} from './populations';

export interface KpiCounts {
  numerator: number;
  denominator: number;
  /**
   * REDUCTION only: the lengths, in whole months, of the measured period and of the baseline period. A month
   * measured against a baseline year is compared with a twelfth of that year; absent means equal lengths.
   */
  months?: PeriodMonths;
}

export interface PeriodMonths {
  measured: number;
  baseline: number;
}

export interface KpiValue {
  /** Percent, two decimals. */
  value: string;
  numerator: number;
  denominator: number;
}

function checkCount(value: unknown, field: string, issues: KpiIssue[]): value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    issues.push({
      code: KpiErrorCode.NOT_AN_INTEGER,
      field,
      message: `${field} must be a whole number (at most ${Number.MAX_SAFE_INTEGER}); got ${JSON.stringify(value)}.`,
    });
    return false;
  }
  if (value < 0) {
    issues.push({ code: KpiErrorCode.NEGATIVE_COUNT, field, message: `${field} must not be negative; got ${value}.` });
    return false;
  }
  return true;
}

/**
 * The value of any catalogue KPI from its two counts, by the KPI's scoring. `fields` names the counts as the
 * caller's input does, so errors point at the caller's own fields.
 */
export function kpiValueFromCounts(
  kpi: KpiCode,
  counts: KpiCounts,
  fields: { numerator: string; denominator: string } = { numerator: 'numerator', denominator: 'denominator' },
): KpiResult<KpiValue> {
  const issues: KpiIssue[] = [];
  if (!checkEnum(KpiCode, kpi, 'kpi', issues)) return fail(issues);
  return valueFromCounts(KPI_BY_CODE[kpi].scoring, counts, fields);
}

function checkMonths(months: PeriodMonths | undefined): void {
  if (months === undefined) return;
  for (const length of [months.measured, months.baseline]) {
    if (!Number.isSafeInteger(length) || length < 1) {
      throw new RangeError(`valueFromCounts: period lengths must be whole months >= 1; got ${JSON.stringify(months)}`);
    }
  }
}

/**
 * The value of any KPI, a catalogue one or a hospital's own, from its two counts by its scoring. For REDUCTION
 * with `counts.months` the baseline is first pro-rated to the measured period's length:
 * (baseline x measured months - count x baseline months) / (baseline x measured months) x 100, which is the plain
 * (baseline - count) / baseline x 100 when both periods are equally long.
 */
export function valueFromCounts(
  scoring: KpiScoring,
  counts: KpiCounts,
  fields: { numerator: string; denominator: string } = { numerator: 'numerator', denominator: 'denominator' },
): KpiResult<KpiValue> {
  const issues: KpiIssue[] = [];
  if (!checkEnum(KpiScoring, scoring, 'scoring', issues)) return fail(issues);
  checkMonths(counts.months);
  const numeratorOk = checkCount(counts.numerator, fields.numerator, issues);
  const denominatorOk = checkCount(counts.denominator, fields.denominator, issues);
  if (!numeratorOk || !denominatorOk) return fail(issues);

  const { numerator, denominator } = counts;
  if (scoring === KpiScoring.REDUCTION) {
    if (denominator === 0) {
      return fail([
        {
          code: KpiErrorCode.BASELINE_ZERO,
          field: fields.denominator,
          message: `${fields.denominator} is 0: a reduction against a baseline without contacts is undefined.`,
        },
      ]);
    }
    const measuredMonths = counts.months?.measured ?? 1;
    const baselineMonths = counts.months?.baseline ?? 1;
    const quick = fastDecimal((denominator * measuredMonths - numerator * baselineMonths) * 100, denominator * measuredMonths);
    if (quick !== null) return succeed({ value: quick, numerator, denominator });
    const expected = BigInt(denominator) * BigInt(measuredMonths);
    const value = rational((expected - BigInt(numerator) * BigInt(baselineMonths)) * 100n, expected);
    return succeed({ value: toDecimalString(value), numerator, denominator });
  }

  if (denominator === 0) {
    return fail([
      {
        code: KpiErrorCode.ZERO_DENOMINATOR,
        field: fields.denominator,
        message: `${fields.denominator} is 0: a share of nothing is undefined.`,
      },
    ]);
  }
  if (numerator > denominator) {
    return fail([
      {
        code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR,
        field: fields.numerator,
        message: `${fields.numerator} (${numerator}) exceeds ${fields.denominator} (${denominator}).`,
      },
    ]);
  }
  return succeed({
    value: fastDecimal(numerator * 100, denominator) ?? toDecimalString(rational(BigInt(numerator) * 100n, BigInt(denominator))),
    numerator,
    denominator,
  });
}

/** implemented / total x 100. */
export function hybridPathwaysPercent(input: { implemented: number; total: number }): KpiResult<KpiValue> {
  return kpiValueFromCounts(
    KpiCode.HYBRID_PATHWAYS,
    { numerator: input.implemented, denominator: input.total },
    { numerator: 'implemented', denominator: 'total' },
  );
}

/**
 * (baseline - current) / baseline x 100; the result's numerator is `current`, its denominator `baseline`. With
 * `months` the baseline is pro-rated to the measured period's length first (see valueFromCounts).
 */
export function physicalContactsReductionPercent(input: {
  baseline: number;
  current: number;
  months?: PeriodMonths;
}): KpiResult<KpiValue> {
  return valueFromCounts(
    KpiScoring.REDUCTION,
    { numerator: input.current, denominator: input.baseline, ...(input.months ? { months: input.months } : {}) },
    { numerator: 'current', denominator: 'baseline' },
  );
}

export interface TelemonitoringRow extends PopulationSelection {
  telemonitored: number;
  inPopulation: number;
}

export interface TelemonitoringBreakdown {
  population: TelemonitoringPopulation;
  otherName?: string;
  numerator: number;
  denominator: number;
  /** Null when the hospital had no patients in this population: the pooled value is still defined. */
  value: string | null;
}

export interface TelemonitoringValue extends KpiValue {
  variant: PopulationSetVariant;
  breakdown: TelemonitoringBreakdown[];
}

/** sum(telemonitored) / sum(inPopulation) x 100 over a valid population set, with each population's own share. */
export function telemonitoringPercent(input: {
  populations: ReadonlyArray<TelemonitoringRow>;
}): KpiResult<TelemonitoringValue> {
  const issues: KpiIssue[] = [];
  const set = validatePopulationSet(input.populations);
  if (!set.ok) issues.push(...set.errors);

  input.populations.forEach((row, index) => {
    const field = `populations[${index}]`;
    const numeratorOk = checkCount(row.telemonitored, `${field}.telemonitored`, issues);
    const denominatorOk = checkCount(row.inPopulation, `${field}.inPopulation`, issues);
    if (numeratorOk && denominatorOk && row.telemonitored > row.inPopulation) {
      issues.push({
        code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR,
        field: `${field}.telemonitored`,
        message: `${field}.telemonitored (${row.telemonitored}) exceeds ${field}.inPopulation (${row.inPopulation}).`,
      });
    }
  });
  if (issues.length > 0 || !set.ok) return fail(issues);

  // The set passed, so it holds every row in input order, with OTHER names trimmed.
  const breakdown: TelemonitoringBreakdown[] = set.data.populations.map((selection, index) => {
    const { telemonitored, inPopulation } = input.populations[index];
    return {
      ...selection,
      numerator: telemonitored,
      denominator: inPopulation,
      value: inPopulation === 0 ? null : toDecimalString(rational(BigInt(telemonitored) * 100n, BigInt(inPopulation))),
    };
  });
  const numerator = breakdown.reduce((sum, row) => sum + BigInt(row.numerator), 0n);
  const denominator = breakdown.reduce((sum, row) => sum + BigInt(row.denominator), 0n);
  if (denominator === 0n) {
    return fail([
      {
        code: KpiErrorCode.ZERO_DENOMINATOR,
        field: 'populations',
        message: 'The chosen populations hold no patients, so the telemonitoring share is undefined.',
      },
    ]);
  }
  return succeed({
    value: toDecimalString(rational(numerator * 100n, denominator)),
    numerator: Number(numerator),
    denominator: Number(denominator),
    variant: set.data.variant,
    breakdown,
  });
}
