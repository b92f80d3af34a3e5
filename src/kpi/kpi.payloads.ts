import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { JSONObjectScalar } from '../graphql/scalars';
import { userErrorType } from '../graphql/user-error';
import { Kpi } from './kpi.entity';
import { KpiTarget } from './kpi-target.entity';
import { KpiMeasurement } from './kpi-measurement.entity';
import { KpiErrorCode, RULE_ONLY_KPI_ERROR_CODES } from './rules/result';

/**
 * KpiErrorCode (rules/result.ts) as the API publishes it, under the same name: every code but the rule-only ones,
 * which the API never returns.
 */
const PUBLISHED_KPI_ERROR_CODES: Readonly<Record<string, KpiErrorCode>> = Object.freeze(
  Object.fromEntries(Object.entries(KpiErrorCode).filter(([, code]) => !RULE_ONLY_KPI_ERROR_CODES.has(code))),
);

registerEnumType(PUBLISHED_KPI_ERROR_CODES, {
  name: 'KpiErrorCode',
  description: 'Why a KPI mutation (proposal, review, target, measurement) refused an input or a row.',
  valuesConfig: {
    NEGATIVE_COUNT: { description: 'A count is below 0.' },
    ZERO_DENOMINATOR: { description: 'A share of nothing: 0 pathways in total, or no patient in any chosen population.' },
    NUMERATOR_EXCEEDS_DENOMINATOR: { description: 'More implemented than total pathways, or more telemonitored than patients.' },
    BASELINE_ZERO: { description: 'A baseline period without contacts: a reduction against it is undefined.' },
    INVALID_DECIMAL: { description: 'A value is not a decimal such as 25 or 25.50.' },
    INVALID_PERIOD: { description: 'A period is malformed: a month needs number 1-12, a quarter 1-4, a year none.' },
    BASELINE_PERIOD_NOT_BEFORE: { description: 'The baseline period does not end before the target year starts.' },
    INVALID_YEAR: { description: 'A year is outside 2000-2100.' },
    TARGET_DATE_OUTSIDE_YEAR: { description: 'The target date does not lie in the target year.' },
    YEAR_NOT_COVERED: { description: 'The KPI targets of seed 004 start with contract year 2024.' },
    UNKNOWN_POPULATION: { description: 'A telemonitoring population code is not one of the TelemonitoringPopulation values.' },
    POPULATION_DUPLICATE: { description: 'A telemonitoring population is listed twice.' },
    POPULATION_OTHER_NAME_REQUIRED: { description: 'A population OTHER needs the name of the condition.' },
    POPULATION_NAME_NOT_ALLOWED: { description: 'Only a population OTHER takes a name.' },
    POPULATION_SET_NOT_ALLOWED: { description: 'The populations are neither variant I nor variant II of seed 004.' },
    TARGET_OUT_OF_RANGE: { description: 'A target value is outside 0-100 percent (a reduction: -100 to 100).' },
    UNKNOWN_KPI: { description: 'No KPI you may use has this code.' },
    KPI_NOT_USABLE: { description: "The KPI is a hospital's own that is not approved, or belongs to another provider or insurer." },
    UNKNOWN_PROVIDER: { description: 'No provider has this AGB code.' },
    UNKNOWN_INSURER: { description: 'No insurer has this UZOVI code.' },
    PROVIDER_KIND_NOT_ELIGIBLE: { description: 'KPI targets are for hospitals and independent clinics only.' },
    NOT_CONTRACTED: { description: 'Your insurer has no signed MSZ contract with the provider in that year (the purchasing fact).' },
    DUPLICATE_TARGET: { description: 'Your insurer already has a target for this provider, KPI and year.' },
    BASELINE_REQUIRED: { description: 'The KPI is a reduction and needs a baseline period.' },
    BASELINE_NOT_ALLOWED: { description: 'The KPI is not a reduction and takes no baseline period.' },
    OVERRIDE_REASON_REQUIRED: { description: 'Setting an obligation other than the derived one needs a reason.' },
    NO_TARGET: { description: 'No target of this KPI exists for you, so there is no period to report.' },
    PERIOD_OUTSIDE_TARGET_YEAR: { description: 'The period lies outside the year of every target of the KPI and is not a baseline period.' },
    PERIOD_NOT_ENDED: { description: 'The period has not ended yet.' },
    WRONG_FIGURES: { description: 'The figures given do not fit the KPI (e.g. populations for the hybrid-pathways KPI).' },
    DUPLICATE_ROW: { description: 'Two rows of one bulk submission are for the same provider, KPI and period.' },
    TOO_MANY_ROWS: { description: 'A bulk submission holds more rows than allowed.' },
    CONCURRENT_CHANGE: { description: 'Someone else submitted the same period at the same moment; submit again.' },
    INVALID_CODE: { description: 'A KPI code must be 2-40 capitals, digits or underscores, starting with a capital.' },
    DUPLICATE_CODE: { description: 'Your organisation already proposed a KPI with this code.' },
    ALREADY_REVIEWED: { description: 'The proposal was approved or rejected already.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'The object does not exist or is not visible to you.' },
    INVALID_INPUT: { description: 'A row holds text with a NUL character or a whole number out of the range the API accepts.' },
  },
});

export const KpiUserError = userErrorType('KpiUserError', PUBLISHED_KPI_ERROR_CODES, 'A problem with a KPI mutation input or bulk row.');

export const KpiConnection = connectionType(Kpi, 'Kpi', 'KPI');
export const KpiTargetConnection = connectionType(KpiTarget, 'KpiTarget', 'KPI target');
export const KpiMeasurementConnection = connectionType(KpiMeasurement, 'KpiMeasurement', 'KPI measurement');

type KpiUserErrorShape = InstanceType<typeof KpiUserError>;

@ObjectType('KpiPayload', { description: 'Result of a KPI proposal or review.' })
export class KpiPayload {
  @Field(() => Kpi, { nullable: true, description: 'The KPI as saved; null when userErrors is not empty.' })
  kpi!: Kpi | null;

  @Field(() => [KpiUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: KpiUserErrorShape[];
}

@ObjectType('KpiTargetPayload', { description: 'Result of a KPI target mutation.' })
export class KpiTargetPayload {
  @Field(() => KpiTarget, { nullable: true, description: 'The target as saved; null when userErrors is not empty.' })
  kpiTarget!: KpiTarget | null;

  @Field(() => [KpiUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: KpiUserErrorShape[];
}

@ObjectType('KpiMeasurementPayload', { description: 'Result of submitting one measurement.' })
export class KpiMeasurementPayload {
  @Field(() => KpiMeasurement, { nullable: true, description: 'The new version as saved; null when userErrors is not empty.' })
  kpiMeasurement!: KpiMeasurement | null;

  @Field(() => [KpiUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: KpiUserErrorShape[];
}

@ObjectType('KpiMeasurementRowResult', { description: 'What became of one row of a bulk submission.' })
export class KpiMeasurementRowResult {
  @Field(() => Int, { description: 'Index of the row in input.rows, from 0.' })
  row!: number;

  @Field(() => KpiMeasurement, { nullable: true, description: 'The version written for this row; null when the row was not written.' })
  kpiMeasurement!: KpiMeasurement | null;

  @Field(() => [KpiUserError], { description: "This row's errors (field paths start with rows and the index); empty when it was fine." })
  errors!: KpiUserErrorShape[];
}

@ObjectType('KpiMeasurementsSubmitPayload', { description: 'Result of a bulk submission.' })
export class KpiMeasurementsSubmitPayload {
  @Field(() => Int, { description: 'Rows written.' })
  acceptedCount!: number;

  @Field(() => Int, { description: 'Rows not written: the wrong ones, or all of them when ALL_OR_NOTHING met an error.' })
  rejectedCount!: number;

  @Field(() => [KpiMeasurementRowResult], { description: 'One result per row, in input order.' })
  results!: KpiMeasurementRowResult[];

  @Field(() => [KpiUserError], { description: 'Every error of every row (field paths start with rows and the index); empty when all rows were fine.' })
  userErrors!: KpiUserErrorShape[];
}

@ObjectType('KpiMeasureReportExport', { description: "A provider's KPI results as FHIR R4 MeasureReports in a Bundle of type collection." })
export class KpiMeasureReportExport {
  @Field(() => JSONObjectScalar, { description: 'The FHIR R4 Bundle (type collection), one MeasureReport entry per KPI and period.' })
  bundle!: Record<string, unknown>;

  @Field(() => Int, { description: 'How many MeasureReports the bundle holds.' })
  reportCount!: number;

  @Field(() => [String], { description: 'Periods with figures that have no report, each with why (a reduction without baseline figures).' })
  skipped!: string[];
}
