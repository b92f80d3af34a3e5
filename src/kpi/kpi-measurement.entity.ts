import { Check, Entity, Enum, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DecimalScalar } from '../graphql/scalars';
import { Provider } from '../provider/provider.entity';
import { KpiScoring } from './rules/catalogue';
import { PopulationSetVariant, TelemonitoringPopulation } from './rules/populations';
import { valueFromCounts } from './rules/values';
import { KpiPeriodKind } from './rules/period';
import { Kpi } from './kpi.entity';

/**
 * A provider's figures for one KPI and period, in one version. A correction adds a version and marks the one
 * before it superseded; nothing is overwritten, so the history stays readable. A partial unique index (in the
 * migration) keeps one current version per provider, KPI and period.
 */
@ObjectType('KpiMeasurement', {
  implements: Node,
  description: "A provider's figures for one KPI and period, in one version. Readable by the provider, the insurers contracting it, and operator admins.",
})
@Entity({ tableName: 'kpi_measurement' })
@Unique({ properties: ['provider', 'kpi', 'periodKind', 'periodStart', 'version'] })
// One current version per period, and the dashboards' index: their reads touch current rows only and find every
// column they need in it (index-only scans); with correction history it halves the dashboard statement.
@Unique({
  name: 'kpi_measurement_current_unique',
  expression:
    'create unique index "kpi_measurement_current_unique" on "kpi_measurement" ("provider_id", "kpi_id", "period_kind", "period_start") include ("period_end", "numerator", "denominator") where "current"',
})
@Check({ name: 'kpi_measurement_counts', expression: 'numerator >= 0 and (denominator is null or denominator >= 0)' })
@Check({ name: 'kpi_measurement_period', expression: "period_end >= period_start and extract(day from period_start) = 1" })
export class KpiMeasurement extends BaseEntity {
  @ManyToOne(() => Provider, { ref: true })
  provider!: Ref<Provider>;

  @ManyToOne(() => Kpi, { ref: true })
  kpi!: Ref<Kpi>;

  @Enum({ items: () => KpiPeriodKind, nativeEnumName: 'kpi_period_kind' })
  periodKind!: KpiPeriodKind;

  @Property({ type: 'date' })
  periodStart!: string;

  @Property({ type: 'date' })
  periodEnd!: string;

  @Field(() => Int, { description: 'Version of the figures for this period: 1 for the first submission, one more for each correction.' })
  @Property({ type: 'smallint' })
  version!: number;

  @Field(() => Boolean, { description: 'Whether this is the version in force (the latest).' })
  @Property({ type: 'boolean' })
  current!: boolean;

  @Field(() => Int, {
    description:
      'HYBRID_PATHWAYS: pathways with hybrid care implemented; PHYSICAL_CONTACTS_REDUCTION: physical outpatient contacts and consults in the period; TELEMONITORING: telemonitored patients over the chosen populations; own KPI: its numerator.',
  })
  @Property({ type: 'integer' })
  numerator!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'HYBRID_PATHWAYS: all care pathways; TELEMONITORING: patients in the chosen populations; own proportion KPI: its denominator; null for a reduction, whose denominator is the baseline.',
  })
  @Property({ type: 'integer', nullable: true })
  denominator!: number | null;

  @Field(() => PopulationSetVariant, { nullable: true, description: 'TELEMONITORING: the population set used (variant I or II); null otherwise.' })
  @Enum({ items: () => PopulationSetVariant, nativeEnumName: 'telemonitoring_variant', nullable: true })
  variant!: PopulationSetVariant | null;

  @Field(() => String, { nullable: true, description: 'What the submitter wrote with this version, e.g. why it corrects the one before.' })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => String, { description: 'Who submitted this version (token prefix or OIDC subject).' })
  @Property({ type: 'string', length: 200 })
  submittedBy!: string;

  @Field(() => Date, { nullable: true, description: 'When a correction replaced this version; null while it is current.' })
  @Property({ type: 'datetime', nullable: true })
  supersededAt!: Date | null;

  get globalId(): string {
    return encodeGlobalId('KpiMeasurement', this.id);
  }
}

/** One population of a telemonitoring measurement: its patients and how many of them are telemonitored. */
@ObjectType('KpiPopulationFigures', { description: 'The figures of one telemonitoring population within a measurement.' })
@Entity({ tableName: 'kpi_measurement_population' })
@Unique({ properties: ['measurement', 'position'] })
@Check({ name: 'kpi_population_counts', expression: 'telemonitored >= 0 and telemonitored <= in_population' })
export class KpiMeasurementPopulation extends BaseEntity<'value'> {
  @ManyToOne(() => KpiMeasurement, { ref: true })
  measurement!: Ref<KpiMeasurement>;

  /** Order in which the submitter listed the populations. */
  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => TelemonitoringPopulation, { description: 'The population.' })
  @Enum({ items: () => TelemonitoringPopulation, nativeEnumName: 'telemonitoring_population' })
  population!: TelemonitoringPopulation;

  @Field(() => String, { nullable: true, description: 'For OTHER: the condition the hospital named; null otherwise.' })
  @Property({ type: 'string', length: 200, nullable: true })
  otherName!: string | null;

  @Field(() => Int, { description: 'Patients of this population who are telemonitored.' })
  @Property({ type: 'integer' })
  telemonitored!: number;

  @Field(() => Int, { description: 'Patients in this population.' })
  @Property({ type: 'integer' })
  inPopulation!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'telemonitored / inPopulation x 100, two decimals; null when the population has no patients.' })
  get value(): string | null {
    const share = valueFromCounts(KpiScoring.PROPORTION, { numerator: this.telemonitored, denominator: this.inPopulation });
    return share.ok ? share.data.value : null;
  }
}
