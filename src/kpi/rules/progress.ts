/** The status of one provider's KPI against its target (KPI-RULES.md, "Progress"). */
import { checkEnum, KpiErrorCode, KpiIssue, KpiResult, fail, succeed } from './result';
import {
  addR,
  checkDate,
  checkDecimal,
  cmpR,
  divR,
  mulR,
  parseDecimal,
  parseIsoDate,
  rational,
  Rational,
  subR,
  toDecimalString,
} from './arithmetic';
import { KpiDirection } from './catalogue';

export const KpiStatus = {
  MET: 'MET',
  ON_TRACK: 'ON_TRACK',
  AT_RISK: 'AT_RISK',
  NOT_MET: 'NOT_MET',
  NO_DATA: 'NO_DATA',
} as const;
export type KpiStatus = (typeof KpiStatus)[keyof typeof KpiStatus];

/** What the progress rule reads of a target (the stored one is the entity KpiTarget). */
export interface TargetFacts {
  /** Decimal string in the KPI's unit. */
  value: string;
  direction: KpiDirection;
  year: number;
  /** The date by which the target must be reached; must lie in `year`. */
  targetDate: string;
}

/** What the progress rule reads of one measured value (the stored one is the entity KpiMeasurement). */
export interface MeasurementFacts {
  periodStart: string;
  periodEnd: string;
  /** Decimal string in the KPI's unit. */
  value: string;
}

export interface ProgressInput {
  target: TargetFacts;
  series: ReadonlyArray<MeasurementFacts>;
  asOf: string;
}

export const TrendDirection = { IMPROVING: 'IMPROVING', STABLE: 'STABLE', WORSENING: 'WORSENING' } as const;
export type TrendDirection = (typeof TrendDirection)[keyof typeof TrendDirection];

/** The progress rule's answer; a stored target's KpiProgress (series.ts) is built from it. */
export interface ProgressResult {
  status: KpiStatus;
  /** The measurement with the latest period end among those considered, or null. */
  latest: MeasurementFacts | null;
  /** HIGHER_IS_BETTER: latest / target x 100; LOWER_IS_BETTER: target / latest x 100. Null when undefined. */
  attainmentPercent: string | null;
  /** Latest value minus the one before it, in the KPI's unit; null with fewer than two measurements. */
  trend: string | null;
  trendDirection: TrendDirection | null;
  /** The pro-rata path's value at the latest period end; set only when the status is ON_TRACK or AT_RISK. */
  expectedValue: string | null;
  /** How many measurements ended on or before both the as-of date and the target date. */
  measurementsConsidered: number;
  reason: string;
}

/**
 * The status of one provider's KPI against its target, as KPI-RULES.md states it:
 * 1. Only measurements whose period ends on or before both `asOf` and the target date count.
 * 2. None: NO_DATA.
 * 3. The latest (greatest period end) reaches the target (>= for HIGHER_IS_BETTER, <= for LOWER_IS_BETTER): MET.
 * 4. Otherwise, when `asOf` is after the target date or the latest period ends on the target date: NOT_MET.
 * 5. Otherwise the latest is compared with a straight path to the target at the target date, evaluated at the
 *    latest period end and rounded to two decimals. The path starts at the first measurement; with a single
 *    HIGHER_IS_BETTER measurement it starts at 0 on 1 January of the target year instead. On or beyond the path:
 *    ON_TRACK, else AT_RISK. A single LOWER_IS_BETTER measurement has no neutral starting point and is ON_TRACK.
 */
export function evaluateProgress(input: ProgressInput): KpiResult<ProgressResult> {
  const issues: KpiIssue[] = [];
  const { target } = input;
  const targetValue = checkDecimal(target.value, 'target.value', issues);
  const directionOk = checkEnum(KpiDirection, target.direction, 'target.direction', issues);
  const targetDay = checkDate(target.targetDate, 'target.targetDate', issues);
  const asOfDay = checkDate(input.asOf, 'asOf', issues);
  if (!Number.isSafeInteger(target.year)) {
    issues.push({
      code: KpiErrorCode.INVALID_YEAR,
      field: 'target.year',
      message: `target.year must be a whole number; got ${target.year}.`,
    });
  } else if (targetDay !== null && !target.targetDate.startsWith(`${String(target.year).padStart(4, '0')}-`)) {
    issues.push({
      code: KpiErrorCode.TARGET_DATE_OUTSIDE_YEAR,
      field: 'target.targetDate',
      message: `target.targetDate ${target.targetDate} does not lie in target.year ${target.year}.`,
    });
  }

  interface Point {
    measurement: MeasurementFacts;
    endDay: number;
    value: Rational;
  }
  const points: Point[] = [];
  const endSeen = new Map<number, number>();
  input.series.forEach((measurement, index) => {
    const field = `series[${index}]`;
    const startDay = checkDate(measurement.periodStart, `${field}.periodStart`, issues);
    const endDay = checkDate(measurement.periodEnd, `${field}.periodEnd`, issues);
    const value = checkDecimal(measurement.value, `${field}.value`, issues);
    if (startDay === null || endDay === null || value === null) return;
    if (startDay > endDay) {
      issues.push({
        code: KpiErrorCode.INVALID_PERIOD,
        field,
        message: `${field} starts (${measurement.periodStart}) after it ends (${measurement.periodEnd}).`,
      });
      return;
    }
    // Two values for one period end would make "the latest" a coin toss.
    const other = endSeen.get(endDay);
    if (other !== undefined) {
      issues.push({
        code: KpiErrorCode.DUPLICATE_PERIOD_END,
        field,
        message: `${field} ends on ${measurement.periodEnd}, as series[${other}] does; keep one per period end.`,
      });
      return;
    }
    endSeen.set(endDay, index);
    points.push({ measurement, endDay, value });
  });
  if (issues.length > 0 || targetValue === null || !directionOk || targetDay === null || asOfDay === null) {
    return fail(issues);
  }

  const higher = target.direction === KpiDirection.HIGHER_IS_BETTER;
  const considered = points
    .filter((p) => p.endDay <= asOfDay && p.endDay <= targetDay)
    .sort((a, b) => a.endDay - b.endDay);
  const base = {
    attainmentPercent: null,
    trend: null,
    trendDirection: null,
    expectedValue: null,
    measurementsConsidered: considered.length,
  };
  if (considered.length === 0) {
    return succeed({
      ...base,
      status: KpiStatus.NO_DATA,
      latest: null,
      reason: 'No measurement ends on or before both the as-of date and the target date.',
    });
  }

  const latest = considered[considered.length - 1];
  const previous = considered.length > 1 ? considered[considered.length - 2] : null;
  const difference = previous ? subR(latest.value, previous.value) : null;
  const facts = {
    ...base,
    latest: { ...latest.measurement },
    attainmentPercent: attainment(latest.value, targetValue, higher),
    trend: difference ? toDecimalString(difference) : null,
    trendDirection: difference ? trendOf(difference, higher) : null,
  };

  const reached = higher ? cmpR(latest.value, targetValue) >= 0 : cmpR(latest.value, targetValue) <= 0;
  if (reached) {
    return succeed({ ...facts, status: KpiStatus.MET, reason: `The latest value reaches the target ${target.value}.` });
  }
  if (asOfDay > targetDay || latest.endDay === targetDay) {
    return succeed({
      ...facts,
      status: KpiStatus.NOT_MET,
      reason:
        asOfDay > targetDay
          ? `The target date ${target.targetDate} has passed and the latest value misses the target.`
          : `The period ending on the target date is in and misses the target.`,
    });
  }

  let origin: { day: number; value: Rational } | null = null;
  if (considered.length > 1) {
    origin = { day: considered[0].endDay, value: considered[0].value };
  } else if (higher) {
    // All three seed KPIs are shares or reductions that stand at 0 before any work is done.
    origin = { day: parseIsoDate(`${target.targetDate.slice(0, 4)}-01-01`) as number, value: rational(0n) };
  }
  if (origin === null) {
    return succeed({
      ...facts,
      status: KpiStatus.ON_TRACK,
      reason: 'A single measurement of a lower-is-better KPI gives no path to judge it by before the target date.',
    });
  }

  const expected =
    latest.endDay <= origin.day
      ? origin.value
      : addR(
          origin.value,
          mulR(
            subR(targetValue, origin.value),
            rational(BigInt(latest.endDay - origin.day), BigInt(targetDay - origin.day)),
          ),
        );
  // Judged against the path as shown (two decimals), so a value equal to the displayed path is never AT_RISK.
  const expectedValue = toDecimalString(expected);
  const shownPath = parseDecimal(expectedValue) as Rational;
  const onTrack = higher ? cmpR(latest.value, shownPath) >= 0 : cmpR(latest.value, shownPath) <= 0;
  return succeed({
    ...facts,
    expectedValue,
    status: onTrack ? KpiStatus.ON_TRACK : KpiStatus.AT_RISK,
    reason: onTrack
      ? 'The latest value is on or beyond the straight path to the target.'
      : 'The latest value is behind the straight path to the target.',
  });
}

function attainment(latest: Rational, target: Rational, higher: boolean): string | null {
  if (higher) return target.num > 0n ? toDecimalString(mulR(divR(latest, target), rational(100n))) : null;
  return latest.num > 0n ? toDecimalString(mulR(divR(target, latest), rational(100n))) : null;
}

function trendOf(difference: Rational, higher: boolean): TrendDirection {
  if (difference.num === 0n) return TrendDirection.STABLE;
  return difference.num > 0n === higher ? TrendDirection.IMPROVING : TrendDirection.WORSENING;
}
