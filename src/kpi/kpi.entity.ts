import { Entity, Enum, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DateScalar, DecimalScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { KpiDirection, KpiScoring, KpiUnit } from './rules/catalogue';
import { KpiDefinitionStatus, KpiMeasurementKind } from './kpi.enums';

/**
 * A KPI of the catalogue: the three of seed 004, and the KPIs hospitals propose themselves ("zelf een
 * KPI-voorstel aan ons te doen"), which an insurer approves or rejects. The catalogue KPIs are reference data; a
 * proposed KPI belongs to its hospital and the insurer it was proposed to.
 */
@ObjectType('Kpi', { implements: Node, description: 'A KPI: one of the catalogue of seed 004, or a KPI a hospital proposed to an insurer.' })
@Entity({ tableName: 'kpi' })
export class Kpi extends BaseEntity<'custom'> {
  @Field(() => String, { description: 'Stable code, e.g. HYBRID_PATHWAYS; capitals, digits and underscores.' })
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Field(() => String, { description: 'Name of the KPI.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'What the KPI measures and how, quoting the seed where it comes from one.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => KpiUnit, { description: 'Unit of its values.' })
  @Enum({ items: () => KpiUnit, nativeEnumName: 'kpi_unit' })
  unit!: KpiUnit;

  @Field(() => KpiDirection, { description: 'Which way the KPI improves.' })
  @Enum({ items: () => KpiDirection, nativeEnumName: 'kpi_direction' })
  direction!: KpiDirection;

  @Field(() => KpiScoring, { description: 'How numerator and denominator become a value.' })
  @Enum({ items: () => KpiScoring, nativeEnumName: 'kpi_scoring' })
  scoring!: KpiScoring;

  @Field(() => KpiMeasurementKind, { description: 'Which counts a measurement of this KPI carries.' })
  @Enum({ items: () => KpiMeasurementKind, nativeEnumName: 'kpi_measurement_kind' })
  measurementKind!: KpiMeasurementKind;

  @Field(() => DecimalScalar, { description: 'Default target value in the KPI unit (targetValue 25.00 means 25 percent); a target may agree another.' })
  @Property({ type: 'decimal', precision: 9, scale: 2 })
  targetValue!: string;

  @Field(() => DateScalar, { description: 'Default date by which the target value is to be reached.' })
  @Property({ type: 'date' })
  targetDate!: string;

  @Field(() => Boolean, { description: 'Whether a target of this KPI needs a baseline period (true for a reduction).' })
  @Property({ type: 'boolean' })
  needsBaseline!: boolean;

  @Field(() => String, { description: 'Where the KPI comes from: a seed file name, or the proposing hospital.' })
  @Property({ type: 'string', length: 200 })
  source!: string;

  @Field(() => KpiDefinitionStatus, { description: 'Catalogue KPI, or where a proposal stands.' })
  @Enum({ items: () => KpiDefinitionStatus, nativeEnumName: 'kpi_definition_status' })
  status!: KpiDefinitionStatus;

  @Field(() => String, { description: 'What the numerator counts.' })
  @Property({ type: 'text' })
  numeratorDescription!: string;

  @Field(() => String, { description: 'What the denominator counts (for a reduction: the same count in the baseline period).' })
  @Property({ type: 'text' })
  denominatorDescription!: string;

  /** The hospital that proposed it; null for a catalogue KPI. */
  @ManyToOne(() => Provider, { ref: true, nullable: true, index: true })
  proposedBy!: Ref<Provider> | null;

  /** The insurer it was proposed to, which reviews it; null for a catalogue KPI. */
  @ManyToOne(() => Insurer, { ref: true, nullable: true, index: true })
  proposedTo!: Ref<Insurer> | null;

  @Field(() => Int, { nullable: true, description: 'The contract year a proposal is made for; null for a catalogue KPI.' })
  @Property({ type: 'smallint', nullable: true })
  proposalYear!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the insurer approved or rejected the proposal.' })
  @Property({ type: 'text', nullable: true })
  reviewReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the insurer reviewed the proposal.' })
  @Property({ type: 'datetime', nullable: true })
  reviewedAt!: Date | null;

  get custom(): boolean {
    return this.status !== KpiDefinitionStatus.CATALOGUE;
  }

  get globalId(): string {
    return encodeGlobalId('Kpi', this.id);
  }
}
