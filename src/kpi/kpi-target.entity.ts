import { Check, Entity, Enum, Index, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DateScalar, DecimalScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { KpiObligation } from './rules/obligation';
import { ObligationSource } from './kpi.enums';
import { KpiPeriodKind } from './rules/period';
import { Kpi } from './kpi.entity';

/**
 * What an insurer agreed with a hospital for one KPI and year: the value to reach by a date, the baseline period
 * where the KPI is a reduction, and whether it binds as best effort or result. The obligation is derived by the
 * rule of seed 004 and may be overridden with a recorded reason.
 */
@ObjectType('KpiTarget', { implements: Node, description: 'A KPI target an insurer agreed with a provider for a year. Confidential to the two of them.' })
@Entity({ tableName: 'kpi_target' })
@Unique({ properties: ['insurer', 'provider', 'kpi', 'year'] })
@Index({ properties: ['kpi', 'year', 'provider'] })
@Index({ properties: ['provider', 'kpi'] })
@Check({ name: 'kpi_target_baseline_complete', expression: '(baseline_kind is null) = (baseline_start is null) and (baseline_start is null) = (baseline_end is null)' })
@Check({ name: 'kpi_target_override_reason', expression: "(obligation_source = 'DERIVED') = (override_reason is null)" })
export class KpiTarget extends BaseEntity {
  @ManyToOne(() => Insurer, { ref: true })
  insurer!: Ref<Insurer>;

  @ManyToOne(() => Provider, { ref: true })
  provider!: Ref<Provider>;

  @ManyToOne(() => Kpi, { ref: true })
  kpi!: Ref<Kpi>;

  @Field(() => Int, { description: 'The contract year the target is for.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => DecimalScalar, { description: 'The value to reach, in the KPI unit (25.00 means 25 percent).' })
  @Property({ type: 'decimal', precision: 9, scale: 2 })
  targetValue!: string;

  @Field(() => DateScalar, { description: 'The date by which the value is to be reached; within the year.' })
  @Property({ type: 'date' })
  targetDate!: string;

  @Enum({ items: () => KpiPeriodKind, nativeEnumName: 'kpi_period_kind', nullable: true })
  baselineKind!: KpiPeriodKind | null;

  @Property({ type: 'date', nullable: true })
  baselineStart!: string | null;

  @Property({ type: 'date', nullable: true })
  baselineEnd!: string | null;

  @Field(() => KpiObligation, { description: 'The obligation in force: derived by the seed-004 rule, or overridden.' })
  @Enum({ items: () => KpiObligation, nativeEnumName: 'kpi_obligation' })
  obligation!: KpiObligation;

  @Field(() => KpiObligation, { description: 'The obligation the seed-004 rule derives for this insurer, provider and year.' })
  @Enum({ items: () => KpiObligation, nativeEnumName: 'kpi_obligation' })
  derivedObligation!: KpiObligation;

  @Field(() => String, { description: 'Why the rule derives that obligation, in a sentence.' })
  @Property({ type: 'text' })
  derivedReason!: string;

  @Field(() => ObligationSource, { description: 'Whether the obligation in force is the derived one or an override.' })
  @Enum({ items: () => ObligationSource, nativeEnumName: 'kpi_obligation_source' })
  obligationSource!: ObligationSource;

  @Field(() => String, { nullable: true, description: 'Why the insurer overrode the derived obligation; null when it did not.' })
  @Property({ type: 'text', nullable: true })
  overrideReason!: string | null;

  @Field(() => String, { description: 'Who last set the target (token prefix or OIDC subject).' })
  @Property({ type: 'string', length: 200 })
  changedBy!: string;

  get globalId(): string {
    return encodeGlobalId('KpiTarget', this.id);
  }
}
