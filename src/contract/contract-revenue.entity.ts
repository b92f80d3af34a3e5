import { Check, Entity, Enum, Index, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DateScalar } from '../graphql/scalars';
import { OrganisationKindEnum } from '../auth/api-token.entity';
import { Contract } from './contract.entity';

export enum RevenuePeriodKind {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(RevenuePeriodKind, {
  name: 'RevenuePeriodKind',
  description: 'The length of a period revenue is reported for.',
  valuesConfig: {
    MONTH: { description: 'A calendar month (number 1 to 12).' },
    QUARTER: { description: 'A calendar quarter (number 1 to 4).' },
  },
});

/**
 * Realised revenue of a contract in one period, as reported. Rows are never changed: a correction is a new row
 * with the next version, so the history stays readable and the latest version counts.
 */
@ObjectType('ContractRevenue', {
  implements: Node,
  description: 'Realised revenue of a contract in one month or quarter, one version of it; a correction adds the next version. Confidential like its contract.',
})
@Entity({ tableName: 'contract_revenue' })
@Unique({ properties: ['contract', 'periodStart', 'version'] })
@Index({ properties: ['contract', 'year'] })
@Check({ name: 'contract_revenue_amount', expression: 'amount >= 0' })
@Check({ name: 'contract_revenue_version', expression: 'version >= 1' })
@Check({ name: 'contract_revenue_period', expression: 'period_end >= period_start' })
export class ContractRevenue extends BaseEntity {
  @ManyToOne(() => Contract, { ref: true })
  contract!: Ref<Contract>;

  @Field(() => RevenuePeriodKind, { description: 'Whether the period is a month or a quarter.' })
  @Enum({ items: () => RevenuePeriodKind, nativeEnumName: 'revenue_period_kind' })
  periodKind!: RevenuePeriodKind;

  @Field(() => Int, { description: 'Calendar year of the period.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => Int, { description: 'Number of the month (1 to 12) or quarter (1 to 4) within the year.' })
  @Property({ type: 'smallint' })
  number!: number;

  @Field(() => DateScalar, { description: 'First day of the period.' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the period.' })
  @Property({ type: 'date' })
  periodEnd!: string;

  /** Euros, exact. Exposed through a field resolver as Money. */
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field(() => Int, { description: 'Version of the figure for this period: 1 for the first report, one more for each correction.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => OrganisationKindEnum, { description: 'Whether the contract\'s insurer or its provider reported this version.' })
  @Enum({ items: () => OrganisationKindEnum, nativeEnumName: 'organisation_kind' })
  reportedByKind!: OrganisationKindEnum;

  @Field(() => String, { description: 'UZOVI or AGB code of the organisation that reported this version.' })
  @Property({ type: 'string', length: 20 })
  reportedByCode!: string;

  /** Token prefix or JWT subject that reported; kept for the record, not exposed to the other party. */
  @Property({ type: 'string', length: 200 })
  reportedBySubject!: string;

  @Field(() => String, { description: 'Why the figure was reported or corrected, as text.' })
  @Property({ type: 'text', default: '' })
  note: string = '';

  get globalId(): string {
    return encodeGlobalId('ContractRevenue', this.id);
  }
}
