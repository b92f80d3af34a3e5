import { Check, Entity, Enum, Index, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DateScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { Segment } from '../segment/segment.entity';
import { RepresentationAgreement } from '../representation/representation-agreement.entity';

export enum ContractStatus {
  OFFERED = 'OFFERED',
  SIGNED = 'SIGNED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  description: 'Where a contract stands.',
  valuesConfig: {
    OFFERED: { description: 'Offered by the insurer, not yet signed.' },
    SIGNED: { description: 'Signed by both parties.' },
    TERMINATED: { description: 'Ended before its term, or dissolved.' },
  },
});

export enum TariffBasis {
  NZA_TARIFF = 'NZA_TARIFF',
  PRICE_VOLUME = 'PRICE_VOLUME',
  BUDGET = 'BUDGET',
  OTHER = 'OTHER',
}
registerEnumType(TariffBasis, {
  name: 'TariffBasis',
  description: 'How the care under a contract is priced.',
  valuesConfig: {
    NZA_TARIFF: { description: 'The tariffs the NZa (Dutch Healthcare Authority) sets, as in ambulance care.' },
    PRICE_VOLUME: { description: 'Agreed prices times volumes (p x q), as in ZG care.' },
    BUDGET: { description: 'A fixed budget, as for coordination functions.' },
    OTHER: { description: 'Any other basis, described in the obligations.' },
  },
});

export enum CeilingKind {
  BUDGET = 'BUDGET',
  REVENUE_CEILING = 'REVENUE_CEILING',
  SUB_CEILING = 'SUB_CEILING',
  NONE = 'NONE',
}
registerEnumType(CeilingKind, {
  name: 'CeilingKind',
  description: 'What kind of cap a contract puts on what the insurer pays in a year.',
  valuesConfig: {
    BUDGET: { description: 'A budget (e.g. per RAV): spending above it is for the provider.' },
    REVENUE_CEILING: { description: 'A revenue ceiling (omzetplafond): care above it is not paid.' },
    SUB_CEILING: { description: 'A sub-ceiling (deelplafond) for part of the care.' },
    NONE: { description: 'No cap.' },
  },
});

/** A contract between an insurer and a provider for a segment and a term of one or two years. */
@ObjectType('Contract', { implements: Node, description: 'A contract (zorgovereenkomst) between an insurer and a provider. Confidential to its parties.' })
@Entity({ tableName: 'contract' })
@Index({ properties: ['provider', 'segment'] })
@Index({ properties: ['insurer', 'segment'] })
@Check({ name: 'contract_term', expression: 'term_end >= term_start' })
@Check({ name: 'contract_ceiling_amount', expression: 'ceiling_amount is null or ceiling_amount >= 0' })
export class Contract extends BaseEntity {
  @ManyToOne(() => Insurer, { ref: true })
  insurer!: Ref<Insurer>;

  @ManyToOne(() => Provider, { ref: true })
  provider!: Ref<Provider>;

  @ManyToOne(() => Segment, { ref: true })
  segment!: Ref<Segment>;

  /** Set when the contract was made under representation, on behalf of the followers of that agreement. */
  @ManyToOne(() => RepresentationAgreement, { ref: true, nullable: true, index: true })
  agreement!: Ref<RepresentationAgreement> | null;

  @Field(() => DateScalar, { description: 'First day of the term.' })
  @Property({ type: 'date' })
  termStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the term.' })
  @Property({ type: 'date' })
  termEnd!: string;

  @Field(() => ContractStatus, { description: 'Where the contract stands.' })
  @Enum({ items: () => ContractStatus, nativeEnumName: 'contract_status' })
  status!: ContractStatus;

  @Field(() => TariffBasis, { description: 'How the care is priced.' })
  @Enum({ items: () => TariffBasis, nativeEnumName: 'tariff_basis' })
  tariffBasis!: TariffBasis;

  @Field(() => CeilingKind, { description: 'What kind of cap applies.' })
  @Enum({ items: () => CeilingKind, nativeEnumName: 'ceiling_kind' })
  ceilingKind!: CeilingKind;

  /** Euros, exact; null when ceilingKind is NONE. Exposed through a field resolver as Money. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  ceilingAmount!: string | null;

  @Field(() => String, { description: 'Obligations of the parties, as text.' })
  @Property({ type: 'text', default: '' })
  obligations: string = '';

  get globalId(): string {
    return encodeGlobalId('Contract', this.id);
  }
}
