import { Entity, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { Concern } from './concern.entity';

@ObjectType('Insurer', { implements: Node, description: 'A health insurer (zorgverzekeraar), identified by its UZOVI code.' })
@Entity({ tableName: 'insurer' })
export class Insurer extends BaseEntity {
  @Field(() => String, { description: 'UZOVI code: exactly four digits, unique.' })
  @Property({ type: 'string', length: 4, unique: true })
  uzovi!: string;

  @Field(() => String, { description: 'Public name of the insurer.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne(() => Concern, { ref: true, index: true })
  concern!: Ref<Concern>;

  get globalId(): string {
    return encodeGlobalId('Insurer', this.id);
  }
}
