import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { Region } from './region.entity';
import { MarketShare } from './market-share.entity';
import { RegionUserError } from './region.errors';

export const RegionConnection = connectionType(Region, 'Region', 'region');
export const MarketShareConnection = connectionType(MarketShare, 'MarketShare', 'market share');

@ObjectType('RegionPayload', { description: 'Result of a region mutation.' })
export class RegionPayload {
  @Field(() => Region, { nullable: true, description: 'The region as saved; null when userErrors is not empty.' })
  region!: Region | null;

  @Field(() => [RegionUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof RegionUserError>[];
}

@ObjectType('MarketSharePayload', { description: 'Result of setting a market share.' })
export class MarketSharePayload {
  @Field(() => MarketShare, { nullable: true, description: 'The market share as saved; null when userErrors is not empty.' })
  marketShare!: MarketShare | null;

  @Field(() => [RegionUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof RegionUserError>[];
}
