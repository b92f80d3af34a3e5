import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { DecimalScalar, MoneyScalar } from '../graphql/scalars';
import { CeilingStatus } from './ceiling';
import { CeilingKind, Contract } from './contract.entity';
import { ContractRevenue } from './contract-revenue.entity';
import { ContractUserError } from './contract.errors';

export const ContractConnection = connectionType(Contract, 'Contract', 'contract');
export const ContractRevenueConnection = connectionType(ContractRevenue, 'ContractRevenue', 'reported revenue');

@ObjectType('CeilingUse', {
  description:
    'How full a contract\'s yearly ceiling is: realised revenue (latest version of each period), its share of the ceiling, a linear projection to year end, and the status.',
})
export class CeilingUse {
  @Field(() => Int, { description: 'The contract year.' })
  year!: number;

  @Field(() => CeilingKind, { description: 'What kind of cap applies.' })
  ceilingKind!: CeilingKind;

  @Field(() => MoneyScalar, { nullable: true, description: 'The yearly cap in euros; null when there is none.' })
  ceilingAmount!: string | null;

  @Field(() => MoneyScalar, { description: 'Realised revenue in the year so far: the latest version of every reported period, summed.' })
  realisedAmount!: string;

  @Field(() => Int, { description: 'Months from 1 January to the end of the latest reported period (0 to 12); periods not reported before it count as zero.' })
  monthsCovered!: number;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Linear projection to year end: realised x 12 / monthsCovered, rounded up to the cent; null when nothing is reported.',
  })
  projectedAmount!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Realised revenue as a percentage of the ceiling, rounded down to two decimals; null without a ceiling.' })
  utilisationPercent!: string | null;

  @Field(() => CeilingStatus, { nullable: true, description: 'EXCEEDED, THREATENED, NEAR or OK (the first that holds); null without a ceiling.' })
  status!: CeilingStatus | null;
}

@ObjectType('ContractAlert', { description: 'A contract whose ceiling is NEAR, THREATENED or EXCEEDED in a year.' })
export class ContractAlert {
  @Field(() => Contract, { description: 'The contract.' })
  contract!: Contract;

  @Field(() => CeilingUse, { description: 'How full its ceiling is.' })
  ceilingUse!: CeilingUse;
}

export const ContractAlertConnection = connectionType(ContractAlert, 'ContractAlert', 'contract alert');

@ObjectType('ContractPayload', { description: 'Result of a contract mutation.' })
export class ContractPayload {
  @Field(() => Contract, { nullable: true, description: 'The contract as saved; null when userErrors is not empty.' })
  contract!: Contract | null;

  @Field(() => [ContractUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof ContractUserError>[];
}

@ObjectType('ContractRevenuePayload', { description: 'Result of reporting revenue.' })
export class ContractRevenuePayload {
  @Field(() => ContractRevenue, { nullable: true, description: 'The version saved; null when userErrors is not empty.' })
  contractRevenue!: ContractRevenue | null;

  @Field(() => Contract, { nullable: true, description: 'The contract the revenue belongs to; null when userErrors is not empty.' })
  contract!: Contract | null;

  @Field(() => [ContractUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof ContractUserError>[];
}
