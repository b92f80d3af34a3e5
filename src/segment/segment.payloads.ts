import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { Segment } from './segment.entity';
import { SegmentUserError } from './segment.errors';

export const SegmentConnection = connectionType(Segment, 'Segment', 'segment');

@ObjectType('SegmentPayload', { description: 'Result of a segment mutation.' })
export class SegmentPayload {
  @Field(() => Segment, { nullable: true, description: 'The segment as saved; null when userErrors is not empty.' })
  segment!: Segment | null;

  @Field(() => [SegmentUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof SegmentUserError>[];
}
