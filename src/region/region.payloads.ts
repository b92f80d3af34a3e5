import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { userErrorType } from '../graphql/user-error';
import { Region } from './region.entity';
import { MarketShare } from './market-share.entity';
import { RegionErrorCode } from './region.errors';

registerEnumType(RegionErrorCode, {
  name: 'RegionErrorCode',
  description: 'Why a region or market-share mutation was refused.',
  valuesConfig: {
    INVALID_CODE: { description: 'The region code is not 1-10 letters or digits.' },
    DUPLICATE_CODE: { description: 'The region set already has a region with this code.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    UNKNOWN_INSURER: { description: 'No insurer has the given UZOVI code.' },
    UNKNOWN_REGION: { description: 'No region has the given code.' },
    INVALID_YEAR: { description: 'The year is not between 2000 and 2100.' },
    OUT_OF_RANGE: { description: 'The share is not between 0 and 100 percent with at most two decimals.' },
    TOTAL_EXCEEDS_100: { description: 'The shares of the region and year would add up to more than 100 percent.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const RegionUserError = userErrorType('RegionUserError', RegionErrorCode, 'A problem with a region or market-share mutation input.');

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
