import { Check, Entity, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { Insurer } from '../insurer/insurer.entity';
import { Region } from '../region/region.entity';
import { Segment } from '../segment/segment.entity';

/**
 * Who purchases for all insurers in a region and year (seeds 000, 001, 002): the market leader and the second
 * insurer; for coordination functions the preferred insurer alone (seed 002), so the second is optional. The
 * followers are derived from the market shares, never stored.
 */
@ObjectType('RepresentationAgreement', {
  implements: Node,
  description: 'The representation in one segment, region and year: a lead and a co-representing insurer purchase for all insurers there.',
})
@Entity({ tableName: 'representation_agreement' })
@Unique({ properties: ['segment', 'region', 'year'] })
@Check({ name: 'representation_two_insurers', expression: 'lead_insurer_id <> second_insurer_id' })
export class RepresentationAgreement extends BaseEntity {
  @ManyToOne(() => Segment, { ref: true })
  segment!: Ref<Segment>;

  @ManyToOne(() => Region, { ref: true, index: true })
  region!: Ref<Region>;

  @Field(() => Int, { description: 'Contract year the representation applies to.' })
  @Property({ type: 'smallint' })
  year!: number;

  @ManyToOne(() => Insurer, { ref: true, index: true })
  leadInsurer!: Ref<Insurer>;

  /** Null where the lead decides alone, as the preferred insurer for coordination functions (seed 002). */
  @ManyToOne(() => Insurer, { ref: true, index: true, nullable: true })
  secondInsurer!: Ref<Insurer> | null;

  @Field(() => String, { description: 'On what basis the insurers represent, e.g. "largest market share".' })
  @Property({ type: 'text', default: '' })
  basis: string = '';

  @Field(() => String, { description: 'Notes, e.g. the seed document a fact comes from.' })
  @Property({ type: 'text', default: '' })
  notes: string = '';

  get globalId(): string {
    return encodeGlobalId('RepresentationAgreement', this.id);
  }
}
