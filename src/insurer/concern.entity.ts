import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';

@ObjectType('Concern', {
  implements: Node,
  description: 'A group of insurers under one parent (e.g. Zilveren Kruis and De Friesland in Achmea); market positions are held by the group.',
})
@Entity({ tableName: 'concern' })
export class Concern extends BaseEntity {
  @Field(() => String, { description: 'Short stable code of the concern, e.g. "ACHMEA".' })
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Field(() => String, { description: 'Public name of the concern.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  get globalId(): string {
    return encodeGlobalId('Concern', this.id);
  }
}
