import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { orderInputType } from '../graphql/connection';

@InputType('SegmentFilter', { description: 'Narrows the list of segments.' })
export class SegmentFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only segments purchased by representation (true) or not (false).' })
  representation?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only segments whose code or name contains this text (case-insensitive).' })
  search?: string | null;
}

@InputType('SegmentCreateInput', { description: 'A new segment.' })
export class SegmentCreateInput {
  @Field(() => String, { description: 'Code: 2-40 capitals, digits or underscores, e.g. "GGZ".' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { defaultValue: '', description: 'What the segment covers.' })
  description!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether it is purchased by representation.' })
  representation!: boolean;
}

@InputType('SegmentUpdateInput', { description: 'Changes to a segment; omitted fields stay as they are.' })
export class SegmentUpdateInput {
  @Field(() => ID, { description: 'Global ID of the segment.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is purchased by representation.' })
  representation?: boolean | null;
}

export enum SegmentOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
}
registerEnumType(SegmentOrderField, {
  name: 'SegmentOrderField',
  description: 'What segments can be sorted by.',
  valuesConfig: { CODE: { description: 'By code.' }, NAME: { description: 'By name.' } },
});

export const SegmentOrder = orderInputType('Segment', SegmentOrderField, 'segments');
export type SegmentOrder = InstanceType<typeof SegmentOrder>;
