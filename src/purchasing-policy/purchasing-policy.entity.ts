import { Check, Entity, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DateScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Segment } from '../segment/segment.entity';

@ObjectType('PurchasingPolicy', {
  implements: Node,
  description: "An insurer's published purchasing policy (inkoopbeleid) for one segment and one or more contract years.",
})
@Entity({ tableName: 'purchasing_policy' })
@Unique({ properties: ['insurer', 'segment', 'firstYear'] })
@Check({ name: 'purchasing_policy_years', expression: 'last_year >= first_year and contract_term_years >= 1 and contract_term_years <= 5' })
export class PurchasingPolicy extends BaseEntity {
  @ManyToOne(() => Insurer, { ref: true })
  insurer!: Ref<Insurer>;

  @ManyToOne(() => Segment, { ref: true, index: true })
  segment!: Ref<Segment>;

  @Field(() => Int, { description: 'First contract year the policy covers.' })
  @Property({ type: 'smallint' })
  firstYear!: number;

  @Field(() => Int, { description: 'Last contract year the policy covers (equal to firstYear for a one-year policy).' })
  @Property({ type: 'smallint' })
  lastYear!: number;

  @Field(() => DateScalar, { description: 'Date the policy was published.' })
  @Property({ type: 'date' })
  publishedOn!: string;

  @Field(() => Int, { description: 'Length of the contracts offered under this policy, in years.' })
  @Property({ type: 'smallint' })
  contractTermYears!: number;

  @Field(() => String, { description: 'Title of the policy document.' })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String, { description: 'File name of the source document the policy was taken from.' })
  @Property({ type: 'string', length: 200 })
  sourceDocument!: string;

  @Field(() => String, { description: 'Short summary of what the policy asks and offers.' })
  @Property({ type: 'text', default: '' })
  summary: string = '';

  get globalId(): string {
    return encodeGlobalId('PurchasingPolicy', this.id);
  }
}
