import { Entity, Enum, Index, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DateScalar } from '../graphql/scalars';
import { PurchasingPolicy } from './purchasing-policy.entity';

export enum MilestoneKind {
  PUBLICATION = 'PUBLICATION',
  REGISTRATION = 'REGISTRATION',
  OBJECTION = 'OBJECTION',
  INFORMATION_REQUEST = 'INFORMATION_REQUEST',
  NEGOTIATION = 'NEGOTIATION',
  OFFER = 'OFFER',
  SIGNING = 'SIGNING',
  CONTRACTED_CARE_VISIBLE = 'CONTRACTED_CARE_VISIBLE',
  CONTRACT_START = 'CONTRACT_START',
  SETTLEMENT = 'SETTLEMENT',
  OTHER = 'OTHER',
}
registerEnumType(MilestoneKind, {
  name: 'MilestoneKind',
  description: 'What happens at a dated step of the purchasing calendar (planning en termijnen).',
  valuesConfig: {
    PUBLICATION: { description: 'The policy is published.' },
    REGISTRATION: { description: 'Deadline or window for providers to register or request something.' },
    OBJECTION: { description: 'Deadline for objections to the policy.' },
    INFORMATION_REQUEST: { description: 'A questionnaire or information the provider must deliver.' },
    NEGOTIATION: { description: 'Purchasing talks or a concept agreement.' },
    OFFER: { description: 'An offer or proposal by the insurer or the provider.' },
    SIGNING: { description: 'Deadline to sign an agreement.' },
    CONTRACTED_CARE_VISIBLE: { description: 'Insured persons can see the contracted care (e.g. in the care finder).' },
    CONTRACT_START: { description: 'The contract period starts.' },
    SETTLEMENT: { description: 'A budget or settlement is made definitive.' },
    OTHER: { description: 'Any other dated step.' },
  },
});

@ObjectType('PolicyMilestone', { implements: Node, description: 'A dated step in the calendar of a purchasing policy.' })
@Entity({ tableName: 'policy_milestone' })
@Index({ properties: ['date'] })
export class PolicyMilestone extends BaseEntity {
  @ManyToOne(() => PurchasingPolicy, { ref: true, index: true, deleteRule: 'cascade' })
  policy!: Ref<PurchasingPolicy>;

  @Field(() => DateScalar, { description: 'Date of the step.' })
  @Property({ type: 'date' })
  date!: string;

  @Field(() => MilestoneKind, { description: 'What kind of step this is.' })
  @Enum({ items: () => MilestoneKind, nativeEnumName: 'milestone_kind' })
  kind!: MilestoneKind;

  @Field(() => String, { description: 'What happens on this date, as the policy says it.' })
  @Property({ type: 'text' })
  description!: string;

  get globalId(): string {
    return encodeGlobalId('PolicyMilestone', this.id);
  }
}
