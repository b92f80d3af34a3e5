import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../graphql/scalars';
import { MoneyInput } from '../core/parse';
import { CeilingKind, ContractStatus, TariffBasis } from './contract.entity';
import { RevenuePeriodKind } from './contract-revenue.entity';

@InputType('ContractCreateInput', { description: 'A new contract of the calling insurer with a provider.' })
export class ContractCreateInput {
  @Field(() => String, { description: 'AGB code of the provider.' })
  providerAgb!: string;

  @Field(() => String, { description: 'Code of the segment, e.g. "AMBULANCE" or "ZG".' })
  segmentCode!: string;

  @Field(() => DateScalar, { description: 'First day of the term: 1 January of the first contract year.' })
  termStart!: string;

  @Field(() => DateScalar, { description: "Last day of the term: 31 December of the last contract year, as many years as the insurer's policy says." })
  termEnd!: string;

  @Field(() => ContractStatus, { defaultValue: ContractStatus.OFFERED, description: 'OFFERED (default) or SIGNED.' })
  status!: ContractStatus;

  @Field(() => TariffBasis, { description: 'How the care is priced.' })
  tariffBasis!: TariffBasis;

  @Field(() => CeilingKind, { description: 'What kind of yearly cap applies.' })
  ceilingKind!: CeilingKind;

  @Field(() => MoneyScalar, { nullable: true, description: 'The yearly cap in euros; required unless ceilingKind is NONE.' })
  ceilingAmount?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'Obligations of the parties, as text.' })
  obligations?: string | null;
}

@InputType('ContractUpdateInput', { description: 'Changes to a contract; omitted fields stay as they are.' })
export class ContractUpdateInput {
  @Field(() => ID, { description: 'Global ID of the contract.' })
  id!: string;

  @Field(() => DateScalar, { nullable: true, description: 'New first day of the term.' })
  termStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New last day of the term.' })
  termEnd?: string | null;

  @Field(() => TariffBasis, { nullable: true, description: 'New tariff basis.' })
  tariffBasis?: TariffBasis | null;

  @Field(() => CeilingKind, { nullable: true, description: 'New ceiling kind; NONE clears the amount.' })
  ceilingKind?: CeilingKind | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'New yearly cap in euros.' })
  ceilingAmount?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'New obligations text.' })
  obligations?: string | null;
}

@InputType('ContractStatusChangeInput', { description: 'A change of status: OFFERED to SIGNED or TERMINATED, SIGNED to TERMINATED.' })
export class ContractStatusChangeInput {
  @Field(() => ID, { description: 'Global ID of the contract.' })
  id!: string;

  @Field(() => ContractStatus, { description: 'The new status.' })
  status!: ContractStatus;
}

@InputType('ContractRevenueReportInput', { description: 'Realised revenue of a contract in one period; reporting a period again corrects it (a new version).' })
export class ContractRevenueReportInput {
  @Field(() => ID, { description: 'Global ID of the contract.' })
  contractId!: string;

  @Field(() => RevenuePeriodKind, { description: 'Month or quarter.' })
  periodKind!: RevenuePeriodKind;

  @Field(() => Int, { description: 'Calendar year of the period.' })
  year!: number;

  @Field(() => Int, { description: 'Month (1 to 12) or quarter (1 to 4).' })
  number!: number;

  @Field(() => MoneyScalar, { description: 'Realised revenue in the period, in euros (zero or more).' })
  amount!: MoneyInput;

  @Field(() => String, { nullable: true, description: 'Why it is reported or corrected.' })
  note?: string | null;
}

@InputType('ContractFilter', { description: 'Narrows the list of contracts you may see; all given conditions must hold.' })
export class ContractFilter {
  @Field(() => String, { nullable: true, description: "Only contracts of this insurer (UZOVI code)." })
  insurerUzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'Only contracts with this provider (AGB code).' })
  providerAgb?: string | null;

  @Field(() => String, { nullable: true, description: 'Only contracts in this segment (code).' })
  segmentCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only contracts whose term covers part of this year.' })
  year?: number | null;

  @Field(() => ContractStatus, { nullable: true, description: 'Only contracts with this status.' })
  status?: ContractStatus | null;
}
