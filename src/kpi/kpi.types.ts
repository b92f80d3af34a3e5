import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../graphql/scalars';
import { KpiPeriod, KpiPeriodKind } from './rules/period';
import { KpiProgress, KpiSeriesPoint } from './rules/series';
import { KpiStatus, TrendDirection } from './rules/progress';

/**
 * The GraphQL shapes of the rules' periods and progress. The rules return plain objects of these interfaces, which
 * the resolvers hand out as they are (the types have simple resolvers).
 */

@ObjectType('KpiPeriod', { simpleResolvers: true, description: 'A measurement period: a calendar month, quarter or year.' })
export class KpiPeriodType implements KpiPeriod {
  @Field(() => KpiPeriodKind, { description: 'Month, quarter or year.' })
  kind!: KpiPeriodKind;

  @Field(() => Int, { description: 'The calendar year.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month (1-12) or quarter (1-4) within the year; null for a year.' })
  number!: number | null;

  @Field(() => DateScalar, { description: 'First day of the period.' })
  start!: string;

  @Field(() => DateScalar, { description: 'Last day of the period.' })
  end!: string;

  @Field(() => String, { description: 'Short label: 2024-03 (month), 2024-Q1 (quarter) or 2024 (year).' })
  label!: string;
}

@ObjectType('KpiSeriesPoint', { simpleResolvers: true, description: 'The value of a KPI in one period.' })
export class KpiSeriesPointType implements KpiSeriesPoint {
  @Field(() => KpiPeriodType, { description: 'The period.' })
  period!: KpiPeriod;

  @Field(() => DecimalScalar, { nullable: true, description: 'The value in percent, two decimals; null when it cannot be computed (a reduction without baseline figures).' })
  value!: string | null;

  @Field(() => Int, { description: 'The numerator of the value.' })
  numerator!: number;

  @Field(() => Int, { nullable: true, description: 'The denominator of the value (for a reduction: the baseline count); null when unknown.' })
  denominator!: number | null;
}

@ObjectType('KpiProgress', { simpleResolvers: true, description: 'Where a target stands on a date, by the status rule in README.' })
export class KpiProgressType implements KpiProgress {
  @Field(() => KpiStatus, { description: 'MET, ON_TRACK, AT_RISK, NOT_MET or NO_DATA.' })
  status!: KpiStatus;

  @Field(() => DateScalar, { description: 'The date the status is judged on.' })
  asOf!: string;

  @Field(() => KpiPeriodKind, { nullable: true, description: 'Which measurements were used; null when there are none.' })
  periodKind!: KpiPeriodKind | null;

  @Field(() => KpiSeriesPointType, { nullable: true, description: 'The latest measurement that counts; null with NO_DATA.' })
  latest!: KpiSeriesPoint | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Latest value against the target, in percent of the target (lower-is-better: target / latest).' })
  attainmentPercent!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Latest value minus the one before it, in percentage points; null with one measurement.' })
  trend!: string | null;

  @Field(() => TrendDirection, { nullable: true, description: 'Whether the trend improves or worsens, by the KPI direction.' })
  trendDirection!: TrendDirection | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The straight path to the target at the latest period end; set with ON_TRACK and AT_RISK.' })
  expectedValue!: string | null;

  @Field(() => Int, { description: 'How many measurements ended on or before both the as-of date and the target date.' })
  measurementsConsidered!: number;

  @Field(() => String, { description: 'Why this status, in a sentence.' })
  reason!: string;
}
