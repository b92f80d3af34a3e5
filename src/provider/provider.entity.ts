import { Entity, Enum, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { Region } from '../region/region.entity';

export enum ProviderKind {
  RAV = 'RAV',
  HOSPITAL = 'HOSPITAL',
  INDEPENDENT_CLINIC = 'INDEPENDENT_CLINIC',
  COORDINATION_FUNCTION = 'COORDINATION_FUNCTION',
  ZG_PROVIDER = 'ZG_PROVIDER',
  GP_ORGANISATION = 'GP_ORGANISATION',
  OTHER = 'OTHER',
}
registerEnumType(ProviderKind, {
  name: 'ProviderKind',
  description: 'What kind of care provider an organisation is.',
  valuesConfig: {
    RAV: { description: 'Regional ambulance service (Regionale Ambulancevoorziening).' },
    HOSPITAL: { description: 'Hospital (ziekenhuis) providing medical-specialist care.' },
    INDEPENDENT_CLINIC: { description: 'Independent treatment centre (zelfstandige kliniek).' },
    COORDINATION_FUNCTION: { description: 'Regional coordination function for temporary stay (coördinatiefunctie).' },
    ZG_PROVIDER: { description: 'Provider of sensory-disability care (zintuiglijk gehandicaptenzorg).' },
    GP_ORGANISATION: { description: 'GP organisation (huisartsenorganisatie), a referrer that signs the regional agreements of seed 002.' },
    OTHER: { description: 'Any other provider, e.g. an elderly-care provider with ELV beds.' },
  },
});

@ObjectType('Provider', { implements: Node, description: 'A care provider (zorgaanbieder), identified by its AGB code.' })
@Entity({ tableName: 'provider' })
export class Provider extends BaseEntity {
  @Field(() => String, { description: 'AGB code: exactly eight digits, leading zeros kept, unique.' })
  @Property({ type: 'string', length: 8, unique: true })
  agb!: string;

  @Field(() => String, { description: 'KvK (chamber of commerce) number: eight digits.' })
  @Property({ type: 'string', length: 8, index: true })
  kvk!: string;

  @Field(() => String, { description: 'Name of the provider.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => ProviderKind, { description: 'What kind of provider this is.' })
  @Enum({ items: () => ProviderKind, nativeEnumName: 'provider_kind', index: true })
  kind!: ProviderKind;

  @ManyToOne(() => Region, { ref: true, nullable: true, index: true })
  region!: Ref<Region> | null;

  get globalId(): string {
    return encodeGlobalId('Provider', this.id);
  }
}
