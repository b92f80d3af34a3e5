import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { JSONObjectScalar } from '../graphql/scalars';
import { Kpi } from './kpi.entity';
import { KpiTarget } from './kpi-target.entity';
import { KpiMeasurement } from './kpi-measurement.entity';
import { KpiUserError } from './kpi.errors';

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
