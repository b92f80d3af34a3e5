import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../core/paging';
import { ProviderKind } from './provider.entity';

@InputType('ProviderFilter', { description: 'Narrows the list of providers; all given conditions must hold.' })
export class ProviderFilter {
  @Field(() => [ProviderKind], { nullable: true, description: 'Only providers of these kinds.' })
  kinds?: ProviderKind[] | null;

  @Field(() => String, { nullable: true, description: 'Only providers in this ambulance region (code).' })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only providers with one of these AGB codes.' })
  agb?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only providers whose name contains this text (case-insensitive).' })
  search?: string | null;
}

export enum ProviderOrderField {
  NAME = 'NAME',
  AGB = 'AGB',
}
registerEnumType(ProviderOrderField, {
  name: 'ProviderOrderField',
  description: 'What providers can be sorted by.',
  valuesConfig: { NAME: { description: 'By name.' }, AGB: { description: 'By AGB code.' } },
});

@InputType('ProviderOrder', { description: 'Sort order of providers.' })
export class ProviderOrder {
  @Field(() => ProviderOrderField, { description: 'The field to sort by.' })
  field!: ProviderOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction.' })
  direction!: OrderDirection;
}

@InputType('ProviderCreateInput', { description: 'A new care provider.' })
export class ProviderCreateInput {
  @Field(() => String, { description: 'AGB code: exactly eight digits, leading zeros included.' })
  agb!: string;

  @Field(() => String, { description: 'KvK number: exactly eight digits.' })
  kvk!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => ProviderKind, { description: 'Kind of provider.' })
  kind!: ProviderKind;

  @Field(() => String, { nullable: true, description: 'Code of the ambulance region the provider is located in.' })
  regionCode?: string | null;
}

@InputType('ProviderUpdateInput', { description: 'Changes to a provider; omitted fields stay as they are.' })
export class ProviderUpdateInput {
  @Field(() => ID, { description: 'Global ID of the provider.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New KvK number.' })
  kvk?: string | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => ProviderKind, { nullable: true, description: 'New kind.' })
  kind?: ProviderKind | null;

  @Field(() => String, { nullable: true, description: 'Code of the new ambulance region.' })
  regionCode?: string | null;
}
