import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { DecimalScalar, MoneyScalar } from '../graphql/scalars';
import { userErrorType } from '../graphql/user-error';
import { CeilingStatus } from './ceiling';
import { CeilingKind, Contract } from './contract.entity';
import { ContractRevenue } from './contract-revenue.entity';
import { ContractErrorCode } from './contract.errors';

registerEnumType(CeilingStatus, {
  name: 'CeilingStatus',
  description: 'How full a revenue ceiling is in a year; the first of EXCEEDED, THREATENED, NEAR that holds, else OK.',
  valuesConfig: {
    OK: { description: 'Less than 75% used and not projected to exceed the ceiling.' },
    NEAR: { description: 'At least 75% used (the MSZ threshold to ask the insurer to redirect patients), not projected to exceed.' },
    THREATENED: { description: 'Projected linearly to exceed the ceiling by year end (the ZG rule: report by 1 September).' },
    EXCEEDED: { description: 'Realised revenue is above the ceiling: care above it is not paid.' },
  },
});
registerEnumType(ContractErrorCode, {
  name: 'ContractErrorCode',
  description: 'Why a contract or revenue mutation was refused.',
  valuesConfig: {
    NOT_FOUND: { description: 'No contract you may see has this ID.' },
    UNKNOWN_PROVIDER: { description: 'No provider has the given AGB code.' },
    UNKNOWN_SEGMENT: { description: 'No segment has the given code.' },
    INVALID_TERM: { description: 'The term is not whole calendar years: it must start on 1 January and end on 31 December.' },
    NO_POLICY: { description: 'The insurer (or its concern) has no purchasing policy for the segment covering the first contract year.' },
    TERM_NOT_ALLOWED: { description: "The term's length in years differs from the contract term of the insurer's purchasing policy." },
    NO_AGREEMENT: { description: "In a representation segment, the provider's region has no representation agreement for the first contract year." },
    NOT_REPRESENTING: { description: 'In a representation segment, only the lead or the co-representing insurer of the agreement may contract.' },
    OVERLAPPING_CONTRACT: { description: 'The insurer already has a contract with the provider in the segment whose term overlaps (not terminated).' },
    INVALID_AMOUNT: { description: 'The amount is not a decimal string in euros with at most two decimals and twelve digits before the point.' },
    NEGATIVE_AMOUNT: { description: 'The amount is below zero.' },
    CEILING_AMOUNT_REQUIRED: { description: 'A ceiling kind other than NONE needs a ceiling amount.' },
    CEILING_AMOUNT_NOT_ALLOWED: { description: 'Ceiling kind NONE takes no ceiling amount.' },
    ZERO_CEILING: { description: 'A ceiling amount must be above zero.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    INVALID_STATUS: { description: 'A new contract is OFFERED or SIGNED, never TERMINATED.' },
    INVALID_STATUS_TRANSITION: { description: 'The status cannot change this way: OFFERED to SIGNED or TERMINATED, SIGNED to TERMINATED.' },
    CONTRACT_TERMINATED: { description: 'A terminated contract cannot be changed.' },
    INVALID_PERIOD: { description: 'The period does not exist: a month is 1 to 12, a quarter 1 to 4, the year 2000 to 2100.' },
    PERIOD_OUTSIDE_TERM: { description: "The period lies (partly) outside the contract's term, or a new term would leave reported revenue outside it." },
    OVERLAPPING_PERIOD: { description: 'Revenue was already reported for an overlapping period of the other kind (a month inside this quarter, or the quarter of this month).' },
  },
});

export const ContractUserError = userErrorType('ContractUserError', ContractErrorCode, 'A problem with a contract or revenue mutation input.');

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
