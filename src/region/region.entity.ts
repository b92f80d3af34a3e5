import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';

export enum RegionKind {
  AMBULANCE = 'AMBULANCE',
}
registerEnumType(RegionKind, {
  name: 'RegionKind',
  description: 'The set of regions a region belongs to; other region sets can be added beside the ambulance regions.',
  valuesConfig: { AMBULANCE: { description: 'The 25 ambulance regions (RAV regions), numbered 01 to 25.' } },
});

@ObjectType('Region', { implements: Node, description: 'A geographic region of one region set, such as an ambulance region.' })
@Entity({ tableName: 'region' })
@Unique({ properties: ['kind', 'code'] })
export class Region extends BaseEntity {
  @Field(() => RegionKind, { description: 'The region set this region belongs to.' })
  @Enum({ items: () => RegionKind, nativeEnumName: 'region_kind' })
  kind!: RegionKind;

  @Field(() => String, { description: 'Code of the region within its set, e.g. "16" for Hollands Midden.' })
  @Property({ type: 'string', length: 10 })
  code!: string;

  @Field(() => String, { description: 'Public name of the region.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  get globalId(): string {
    return encodeGlobalId('Region', this.id);
  }
}
