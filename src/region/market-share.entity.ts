import { Check, Entity, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DecimalScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Region } from './region.entity';

@ObjectType('MarketShare', { implements: Node, description: "An insurer's share of the insured in one region and year." })
@Entity({ tableName: 'market_share' })
@Unique({ properties: ['insurer', 'region', 'year'] })
@Check({ name: 'market_share_percent_range', expression: 'share_percent >= 0 and share_percent <= 100' })
export class MarketShare extends BaseEntity {
  @ManyToOne(() => Insurer, { ref: true })
  insurer!: Ref<Insurer>;

  @ManyToOne(() => Region, { ref: true, index: true })
  region!: Ref<Region>;

  @Field(() => Int, { description: 'Calendar year the share applies to.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => DecimalScalar, { description: 'Share of the insured in the region, in percent (0 to 100, two decimals).' })
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  sharePercent!: string;

  get globalId(): string {
    return encodeGlobalId('MarketShare', this.id);
  }
}
