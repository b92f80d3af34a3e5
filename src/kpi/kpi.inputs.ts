import { Extensions, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../graphql/scalars';
import { ROWS_CHECKED_BY_SERVICE } from '../graphql/input-rules';
import { KpiDirection, KpiScoring } from './rules/catalogue';
import { KpiObligation } from './rules/obligation';
import { KpiBulkErrorPolicy, KpiDefinitionStatus, KpiReviewDecision } from './kpi.enums';
import { KpiPeriodKind } from './rules/period';
import { REPLACED_BY_ROW_ERROR_POLICY } from '../shared/bulk-error-policy';
import { BulkErrorPolicy } from '../graphql/shared-enums';

@InputType('KpiPeriodInput', { description: 'A calendar month, quarter or year.' })
export class KpiPeriodInput {
  @Field(() => KpiPeriodKind, { description: 'Month, quarter or year.' })
  kind!: KpiPeriodKind;

  @Field(() => Int, { description: 'The calendar year (2000-2100).' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month (1-12) or quarter (1-4); omit for a year.' })
  number?: number | null;
}

@InputType('KpiFilter', { description: 'Narrows the list of KPIs; all given conditions must hold.' })
export class KpiFilter {
  @Field(() => [KpiDefinitionStatus], { nullable: true, description: 'Only KPIs with one of these statuses.' })
  statuses?: KpiDefinitionStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Only KPIs proposed by this provider (AGB code).' })
  proposedByAgb?: string | null;
}

@InputType('KpiProposalCreateInput', { description: "A hospital's own KPI, proposed to an insurer (seed 004: 'zelf een KPI-voorstel')." })
export class KpiProposalCreateInput {
  @Field(() => String, { nullable: true, description: 'AGB code of the proposing provider; your own organisation when omitted.' })
  providerAgb?: string | null;

  @Field(() => String, { description: 'UZOVI code of the insurer the KPI is proposed to; it reviews the proposal.' })
  insurerUzovi!: string;

  @Field(() => Int, { description: 'The contract year the KPI is proposed for (2024 or later).' })
  year!: number;

  @Field(() => String, { description: 'Code for the KPI: capitals, digits or underscores, starting with a capital. It is stored in your namespace, prefixed with H, your provider number and an underscore (as the returned code shows; at most 40 characters in all), and must be unique among your own proposals.' })
  code!: string;

  @Field(() => String, { description: 'Name of the KPI (at most 200 characters).' })
  name!: string;

  @Field(() => String, { description: 'What the KPI measures and why it relocates, replaces or prevents care (at most 4000 characters).' })
  description!: string;

  @Field(() => KpiDirection, { description: 'Which way the KPI improves.' })
  direction!: KpiDirection;

  @Field(() => KpiScoring, { description: 'PROPORTION (numerator part of denominator) or REDUCTION (against a baseline period).' })
  scoring!: KpiScoring;

  @Field(() => DecimalScalar, { description: 'The value proposed to reach by the end of the year, in percent (e.g. 25).' })
  targetValue!: string;

  @Field(() => String, { description: 'What the numerator counts (at most 1000 characters).' })
  numeratorDescription!: string;

  @Field(() => String, { nullable: true, description: 'What the denominator counts (at most 1000 characters); for a REDUCTION the same count in the baseline period.' })
  denominatorDescription?: string | null;
}

@InputType('KpiProposalReviewInput', { description: "An insurer's decision on a proposed KPI." })
export class KpiProposalReviewInput {
  @Field(() => ID, { description: 'Global ID of the proposed KPI.' })
  id!: string;

  @Field(() => KpiReviewDecision, { description: 'Approve or reject.' })
  decision!: KpiReviewDecision;

  @Field(() => String, { nullable: true, description: 'Why; required when rejecting (at most 4000 characters).' })
  reason?: string | null;
}

@InputType('KpiTargetCreateInput', { description: 'A KPI target an insurer agrees with a provider for a year.' })
export class KpiTargetCreateInput {
  @Field(() => String, { nullable: true, description: 'UZOVI code of the insurer; your own insurer when omitted.' })
  insurerUzovi?: string | null;

  @Field(() => String, { description: 'AGB code of the hospital or independent clinic.' })
  providerAgb!: string;

  @Field(() => String, { description: 'Code of a catalogue KPI, or of an approved KPI this provider proposed to this insurer.' })
  kpiCode!: string;

  @Field(() => Int, { description: 'The contract year (2024 or later).' })
  year!: number;

  @Field(() => DecimalScalar, { nullable: true, description: "The value to reach, in percent; the KPI's default when omitted." })
  targetValue?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date by which to reach it, within the year; 31 December when omitted.' })
  targetDate?: string | null;

  @Field(() => KpiPeriodInput, { nullable: true, description: 'The baseline period; required for a reduction KPI, refused for others; must end before the year starts.' })
  baselinePeriod?: KpiPeriodInput | null;

  @Field(() => KpiObligation, { nullable: true, description: 'An obligation other than the derived one; needs obligationOverrideReason.' })
  obligation?: KpiObligation | null;

  @Field(() => String, { nullable: true, description: 'Why the derived obligation is overridden (at most 4000 characters).' })
  obligationOverrideReason?: string | null;
}

@InputType('KpiTargetUpdateInput', { description: 'Changes to a KPI target; omitted fields stay as they are.' })
export class KpiTargetUpdateInput {
  @Field(() => ID, { description: 'Global ID of the target.' })
  id!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'New value to reach, in percent.' })
  targetValue?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New target date, within the year.' })
  targetDate?: string | null;

  @Field(() => KpiPeriodInput, { nullable: true, description: 'New baseline period (reduction KPIs only).' })
  baselinePeriod?: KpiPeriodInput | null;

  @Field(() => KpiObligation, { nullable: true, description: 'The obligation to set: the derived one clears an override; another needs obligationOverrideReason.' })
  obligation?: KpiObligation | null;

  @Field(() => String, { nullable: true, description: 'Why the derived obligation is overridden (at most 4000 characters).' })
  obligationOverrideReason?: string | null;
}

@InputType('KpiTargetFilter', { description: 'Narrows the list of KPI targets; all given conditions must hold.' })
export class KpiTargetFilter {
  @Field(() => Int, { nullable: true, description: 'Only targets for this year.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Only targets of this KPI (code).' })
  kpiCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only targets of this insurer (UZOVI code).' })
  insurerUzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'Only targets of this provider (AGB code).' })
  providerAgb?: string | null;
}

@InputType('HybridPathwaysInput', { description: 'Figures of the hybrid care pathways KPI for one period.' })
export class HybridPathwaysInput {
  @Field(() => Int, { description: 'Care pathways (zorgpaden) with hybrid care implemented.' })
  implemented!: number;

  @Field(() => Int, { description: 'All care pathways of the hospital.' })
  total!: number;
}

@InputType('TelemonitoringPopulationInput', { description: 'Figures of one telemonitoring population for one period.' })
export class TelemonitoringPopulationInput {
  @Field(() => String, {
    description:
      'Population code: HEART_FAILURE, COPD, IBD, HYPERTENSION, ONCOLOGY, ATRIAL_FIBRILLATION, ASTHMA or OTHER. A string, so an unknown code is reported with its row.',
  })
  population!: string;

  @Field(() => String, { nullable: true, description: 'For OTHER: the condition the hospital chose; refused for the others.' })
  otherName?: string | null;

  @Field(() => Int, { description: 'Patients of the population who are telemonitored.' })
  telemonitored!: number;

  @Field(() => Int, { description: 'Patients in the population.' })
  inPopulation!: number;
}

@InputType('KpiCountsInput', { description: "Figures of a hospital's own KPI for one period." })
export class KpiCountsInput {
  @Field(() => Int, { description: 'The numerator (for a reduction: the count in the period).' })
  numerator!: number;

  @Field(() => Int, { nullable: true, description: 'The denominator, for a proportion; omitted for a reduction (its baseline is the denominator).' })
  denominator?: number | null;
}

@InputType('KpiMeasurementInput', {
  description: 'Figures of one KPI for one period. Fill exactly the field that fits the KPI: hybridPathways, physicalContacts, populations or counts.',
})
export class KpiMeasurementInput {
  @Field(() => String, { nullable: true, description: 'AGB code of the provider; your own organisation when omitted.' })
  providerAgb?: string | null;

  @Field(() => String, { description: 'Code of the KPI.' })
  kpiCode!: string;

  @Field(() => KpiPeriodInput, { description: 'The period the figures are for: within a target year, or a target’s baseline period.' })
  period!: KpiPeriodInput;

  @Field(() => HybridPathwaysInput, { nullable: true, description: 'HYBRID_PATHWAYS: implemented and total pathways.' })
  hybridPathways?: HybridPathwaysInput | null;

  @Field(() => Int, { nullable: true, description: 'PHYSICAL_CONTACTS_REDUCTION: physical outpatient contacts and consults in the period.' })
  physicalContacts?: number | null;

  @Field(() => [TelemonitoringPopulationInput], { nullable: true, description: 'TELEMONITORING: one entry per chosen population (variant I or II).' })
  populations?: TelemonitoringPopulationInput[] | null;

  @Field(() => KpiCountsInput, { nullable: true, description: "A hospital's own KPI: its numerator and denominator." })
  counts?: KpiCountsInput | null;

  @Field(() => String, { nullable: true, description: 'A note with the figures, e.g. why they correct earlier ones (at most 4000 characters).' })
  note?: string | null;
}

@InputType('KpiMeasurementsSubmitInput', { description: 'Many measurements at once, with what to do when some rows are wrong.' })
export class KpiMeasurementsSubmitInput {
  @Field(() => [KpiMeasurementInput], { description: 'The rows, at most 2000.' })
  @Extensions({ [ROWS_CHECKED_BY_SERVICE]: true })
  rows!: KpiMeasurementInput[];

  @Field(() => BulkErrorPolicy, { defaultValue: BulkErrorPolicy.ALL_OR_NOTHING, description: 'All or nothing (default), or reject only the wrong rows.' })
  rowErrorPolicy!: BulkErrorPolicy;

  @Field(() => KpiBulkErrorPolicy, {
    nullable: true,
    description: 'The same as rowErrorPolicy under its earlier type; when given, it decides.',
    deprecationReason: REPLACED_BY_ROW_ERROR_POLICY,
  })
  errorPolicy?: BulkErrorPolicy | null;
}

@InputType('KpiMeasurementFilter', { description: "Selects a provider's measurements; all given conditions must hold." })
export class KpiMeasurementFilter {
  @Field(() => String, { description: 'AGB code of the provider.' })
  providerAgb!: string;

  @Field(() => String, { nullable: true, description: 'Only this KPI (code).' })
  kpiCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only periods in this year.' })
  year?: number | null;

  @Field(() => KpiPeriodKind, { nullable: true, description: 'Only periods of this kind.' })
  periodKind?: KpiPeriodKind | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Include superseded versions too (the full history).' })
  includeSuperseded!: boolean;
}
