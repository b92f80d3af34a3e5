import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { CoordinationCondition } from '../monitoring.enums';

@InputType('CoordinationConditionRecordInput', { description: "A purchasing insurer's assessment of one Bijlage 1 condition." })
export class CoordinationConditionRecordInput {
  @Field(() => ID, { description: 'Global ID of the coordination function (a Provider).' })
  coordinationFunctionId!: string;

  @Field(() => Int, { description: 'The contract year.' })
  year!: number;

  @Field(() => CoordinationCondition, { description: 'The condition.' })
  condition!: CoordinationCondition;

  @Field(() => Boolean, { description: 'Whether it is met (ja / nee).' })
  met!: boolean;

  @Field(() => String, { description: 'The evidence: what was shown and where it is kept (at most 4000 characters).' })
  evidenceNote!: string;

  @Field(() => DateScalar, { description: 'The date of the evidence.' })
  evidenceDate!: string;
}

@InputType('CoordinationSignatoryInput', { description: 'A provider that signed the regional agreements.' })
export class CoordinationSignatoryInput {
  @Field(() => String, { description: 'AGB code of the provider.' })
  providerAgb!: string;

  @Field(() => DateScalar, { description: 'When it signed.' })
  signedOn!: string;
}

@InputType('CoordinationSignatoriesSetInput', { description: 'The full list of signatories of the regional agreements for a year; replaces the earlier list.' })
export class CoordinationSignatoriesSetInput {
  @Field(() => ID, { description: 'Global ID of the coordination function (a Provider).' })
  coordinationFunctionId!: string;

  @Field(() => Int, { description: 'The contract year.' })
  year!: number;

  @Field(() => [CoordinationSignatoryInput], { description: 'The providers that signed; each must work in the coordination function\'s region.' })
  signatories!: CoordinationSignatoryInput[];
}

@InputType('ProviderElvBedsSetInput', { description: 'The number of ELV beds of a provider.' })
export class ProviderElvBedsSetInput {
  @Field(() => ID, { description: 'Global ID of the provider.' })
  providerId!: string;

  @Field(() => Int, { description: 'ELV beds, 0 to 100000.' })
  beds!: number;
}
