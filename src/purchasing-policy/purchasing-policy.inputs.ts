import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { orderInputType } from '../graphql/connection';
import { DateScalar } from '../graphql/scalars';
import { MilestoneKind } from './policy-milestone.entity';

@InputType('PurchasingPolicyFilter', { description: 'Narrows the list of purchasing policies; all given conditions must hold.' })
export class PurchasingPolicyFilter {
  @Field(() => String, { nullable: true, description: 'Only policies of this insurer (UZOVI code).' })
  insurerUzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'Only policies for this segment (code).' })
  segmentCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only policies covering this contract year.' })
  year?: number | null;
}

@InputType('PurchasingPolicyCreateInput', { description: 'A new purchasing policy.' })
export class PurchasingPolicyCreateInput {
  @Field(() => String, { description: 'UZOVI code of the insurer that published it.' })
  insurerUzovi!: string;

  @Field(() => String, { description: 'Code of the segment it covers.' })
  segmentCode!: string;

  @Field(() => Int, { description: 'First contract year covered.' })
  firstYear!: number;

  @Field(() => Int, { nullable: true, description: 'Last contract year covered; the first year when omitted.' })
  lastYear?: number | null;

  @Field(() => DateScalar, { description: 'Publication date.' })
  publishedOn!: string;

  @Field(() => Int, { description: 'Length of the contracts offered, in years (1 to 5).' })
  contractTermYears!: number;

  @Field(() => String, { description: 'Title of the policy document.' })
  title!: string;

  @Field(() => String, { description: 'File name of the source document.' })
  sourceDocument!: string;

  @Field(() => String, { defaultValue: '', description: 'Short summary.' })
  summary!: string;
}

@InputType('PurchasingPolicyUpdateInput', { description: 'Changes to a purchasing policy; omitted fields stay as they are.' })
export class PurchasingPolicyUpdateInput {
  @Field(() => ID, { description: 'Global ID of the policy.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'New last contract year.' })
  lastYear?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'New publication date.' })
  publishedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'New contract term in years.' })
  contractTermYears?: number | null;

  @Field(() => String, { nullable: true, description: 'New title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary.' })
  summary?: string | null;
}

@InputType('PolicyMilestoneCreateInput', { description: 'A new dated step in a policy calendar.' })
export class PolicyMilestoneCreateInput {
  @Field(() => ID, { description: 'Global ID of the policy.' })
  policyId!: string;

  @Field(() => DateScalar, { description: 'Date of the step.' })
  date!: string;

  @Field(() => MilestoneKind, { description: 'What kind of step it is.' })
  kind!: MilestoneKind;

  @Field(() => String, { description: 'What happens on that date.' })
  description!: string;
}

@InputType('PolicyMilestoneUpdateInput', { description: 'Changes to a milestone; omitted fields stay as they are.' })
export class PolicyMilestoneUpdateInput {
  @Field(() => ID, { description: 'Global ID of the milestone.' })
  id!: string;

  @Field(() => DateScalar, { nullable: true, description: 'New date.' })
  date?: string | null;

  @Field(() => MilestoneKind, { nullable: true, description: 'New kind.' })
  kind?: MilestoneKind | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;
}

export enum PurchasingPolicyOrderField {
  PUBLISHED_ON = 'PUBLISHED_ON',
  FIRST_YEAR = 'FIRST_YEAR',
}
registerEnumType(PurchasingPolicyOrderField, {
  name: 'PurchasingPolicyOrderField',
  description: 'What purchasing policies can be sorted by.',
  valuesConfig: { PUBLISHED_ON: { description: 'By publication date.' }, FIRST_YEAR: { description: 'By first contract year.' } },
});

export const PurchasingPolicyOrder = orderInputType('PurchasingPolicy', PurchasingPolicyOrderField, 'purchasing policies');
export type PurchasingPolicyOrder = InstanceType<typeof PurchasingPolicyOrder>;
