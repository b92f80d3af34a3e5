import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';

@ObjectType('Segment', { implements: Node, description: 'A kind of care purchased under its own policy (zorgsoort), e.g. ambulance care.' })
@Entity({ tableName: 'segment' })
export class Segment extends BaseEntity {
  @Field(() => String, { description: 'Stable code, e.g. "AMBULANCE", "COORDINATION", "ZG", "MSZ", "MSR".' })
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Field(() => String, { description: 'Name of the segment.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'What the segment covers.' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => Boolean, { description: 'Whether the segment is purchased by representation: two insurers per region buy for all.' })
  @Property({ type: 'boolean', default: false })
  representation: boolean = false;

  get globalId(): string {
    return encodeGlobalId('Segment', this.id);
  }
}
