import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../core/paging';
import { orderInputType } from '../graphql/connection';
import { DecimalScalar } from '../graphql/scalars';
import { RegionKind } from './region.entity';

@InputType('RegionFilter', { description: 'Narrows the list of regions; all given conditions must hold.' })
export class RegionFilter {
  @Field(() => RegionKind, { nullable: true, description: 'Only regions of this set.' })
  kind?: RegionKind | null;

  @Field(() => [String], { nullable: true, description: 'Only regions with one of these codes.' })
  codes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only regions whose name contains this text (case-insensitive).' })
  search?: string | null;
}

export enum RegionOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
}
registerEnumType(RegionOrderField, {
  name: 'RegionOrderField',
  description: 'What regions can be sorted by.',
  valuesConfig: { CODE: { description: 'By code.' }, NAME: { description: 'By name.' } },
});

@InputType('RegionOrder', { description: 'Sort order of regions.' })
export class RegionOrder {
  @Field(() => RegionOrderField, { description: 'The field to sort by.' })
  field!: RegionOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction.' })
  direction!: OrderDirection;
}

@InputType('RegionCreateInput', { description: 'A new region.' })
export class RegionCreateInput {
  @Field(() => RegionKind, { description: 'The region set.' })
  kind!: RegionKind;

  @Field(() => String, { description: 'Code within the set: 1-10 letters or digits.' })
  code!: string;

  @Field(() => String, { description: 'Public name.' })
  name!: string;
}

@InputType('RegionUpdateInput', { description: 'Changes to a region; omitted fields stay as they are.' })
export class RegionUpdateInput {
  @Field(() => ID, { description: 'Global ID of the region.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType('MarketShareFilter', { description: 'Narrows the list of market shares; all given conditions must hold.' })
export class MarketShareFilter {
  @Field(() => Int, { nullable: true, description: 'Only this year.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Only this insurer (UZOVI code).' })
  insurerUzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this ambulance region (code).' })
  regionCode?: string | null;
}

@InputType('MarketShareSetInput', { description: "Sets an insurer's share in a region and year, replacing any earlier value." })
export class MarketShareSetInput {
  @Field(() => String, { description: 'UZOVI code of the insurer.' })
  insurerUzovi!: string;

  @Field(() => String, { description: 'Code of the region.' })
  regionCode!: string;

  @Field(() => RegionKind, { defaultValue: RegionKind.AMBULANCE, description: 'Region set of the region; ambulance regions by default.' })
  regionKind!: RegionKind;

  @Field(() => Int, { description: 'Calendar year.' })
  year!: number;

  @Field(() => DecimalScalar, { description: 'Share in percent, 0 to 100, at most two decimals.' })
  sharePercent!: string;
}

export enum MarketShareOrderField {
  YEAR = 'YEAR',
  SHARE = 'SHARE',
  REGION = 'REGION',
}
registerEnumType(MarketShareOrderField, {
  name: 'MarketShareOrderField',
  description: 'What market shares can be sorted by; ties are broken by year (newest first), region and share.',
  valuesConfig: {
    YEAR: { description: 'By year.' },
    SHARE: { description: 'By share percent.' },
    REGION: { description: 'By region code.' },
  },
});

export const MarketShareOrder = orderInputType('MarketShare', MarketShareOrderField, 'market shares');
export type MarketShareOrder = InstanceType<typeof MarketShareOrder>;
