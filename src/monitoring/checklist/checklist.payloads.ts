import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { Provider } from '../../provider/provider.entity';
import { CoordinationCondition } from '../monitoring.enums';
import { MonitoringUserError } from '../monitoring.payloads';

@ObjectType('CoordinationConditionState', { description: 'One Bijlage 1 condition with its assessment.' })
export class CoordinationConditionState {
  @Field(() => CoordinationCondition, { description: 'The condition.' })
  condition!: CoordinationCondition;

  @Field(() => Int, { description: 'Its number in Bijlage 1 (1 to 6).' })
  number!: number;

  @Field(() => String, { description: 'What the condition asks, after seed 002.' })
  text!: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether it is met: false when the recorded or the derived part is false, true when both hold (or the recorded one, for a condition with nothing to derive), else null.',
  })
  met!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'What the preferred insurer recorded; null while it has not assessed the condition.' })
  recordedMet!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The part derived from the data held here (condition 4: ELV-bed coverage of at least 85% and a hospital and a GP organisation among the signatories); null for a condition with nothing to derive.',
  })
  derivedMet!: boolean | null;

  @Field(() => String, { nullable: true, description: 'The evidence recorded.' })
  evidenceNote!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date of the evidence.' })
  evidenceDate!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the assessment was recorded.' })
  recordedAt!: Date | null;

  /** Resolved to the insurer by the resolver. */
  recordedById!: number | null;
}

@ObjectType('ElvSignatory', { description: 'A provider that signed the regional agreements, with its ELV beds.' })
export class ElvSignatory {
  /** Resolved by the resolver. */
  providerId!: number;

  @Field(() => DateScalar, { description: 'When it signed.' })
  signedOn!: string;

  @Field(() => Int, { description: 'Its ELV beds on record (0 when none).' })
  elvBeds!: number;

  /** Not exposed: the provider's own kind is on Provider. */
  kind!: string;

  @Field(() => Boolean, { description: "Whether it works in the coordination function's region (only those count)." })
  inRegion!: boolean;
}

@ObjectType('ElvBedCoverage', { description: 'Condition 4: the share of the region\'s ELV beds whose providers signed the regional agreements.' })
export class ElvBedCoverage {
  /** Resolved by the resolver. */
  regionId!: number | null;

  @Field(() => Int, { description: 'ELV beds of the signatories in the region.' })
  signedBeds!: number;

  @Field(() => Int, { description: 'All ELV beds on record in the region.' })
  totalBeds!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'signedBeds / totalBeds in percent, two decimals (rounded down); null without beds on record.' })
  percent!: string | null;

  @Field(() => Boolean, { description: 'At least 85% is covered: the condition of seed 002.' })
  meetsMinimum!: boolean;

  @Field(() => Boolean, { description: '100% is covered: what seed 002 prefers.' })
  meetsPreferred!: boolean;

  @Field(() => Boolean, { description: 'A hospital of the region is among the signatories (seed 002: at least the hospitals sign).' })
  hospitalsSigned!: boolean;

  @Field(() => Boolean, { description: 'A GP organisation of the region is among the signatories (seed 002: at least the GPs sign).' })
  gpsSigned!: boolean;

  @Field(() => [ElvSignatory], { description: 'The signatories, by AGB code.' })
  signatories!: ElvSignatory[];
}

@ObjectType('CoordinationChecklist', { description: 'The purchasing conditions of seed 002 Bijlage 1 for one coordination function and year.' })
export class CoordinationChecklistType {
  /** Resolved by the resolver. */
  coordinationFunctionId!: number;

  @Field(() => Int, { description: 'The contract year.' })
  year!: number;

  @Field(() => [CoordinationConditionState], { description: 'The six conditions in order.' })
  conditions!: CoordinationConditionState[];

  @Field(() => ElvBedCoverage, { description: 'The ELV-bed coverage behind condition 4, computed from the signatories.' })
  elvBedCoverage!: ElvBedCoverage;

  @Field(() => Boolean, { nullable: true, description: 'True when all six are met, false when one is not, null while one is unassessed.' })
  allMet!: boolean | null;
}

@ObjectType('CoordinationChecklistPayload', { description: 'Result of a checklist change.' })
export class CoordinationChecklistPayload {
  @Field(() => CoordinationChecklistType, { nullable: true, description: 'The checklist after the change; null when userErrors is not empty.' })
  checklist!: CoordinationChecklistType | null;

  @Field(() => [MonitoringUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}

@ObjectType('ProviderElvBedsPayload', { description: 'Result of setting the ELV beds of a provider.' })
export class ProviderElvBedsPayload {
  @Field(() => Provider, { nullable: true, description: 'The provider; null when userErrors is not empty.' })
  provider!: Provider | null;

  @Field(() => [MonitoringUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof MonitoringUserError>[];
}
