import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { userErrorType } from '../graphql/user-error';
import { Segment } from './segment.entity';
import { SegmentErrorCode } from './segment.errors';

registerEnumType(SegmentErrorCode, {
  name: 'SegmentErrorCode',
  description: 'Why a segment mutation was refused.',
  valuesConfig: {
    INVALID_CODE: { description: 'The code is not 2-40 capitals, digits or underscores.' },
    DUPLICATE_CODE: { description: 'Another segment already has this code.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const SegmentUserError = userErrorType('SegmentUserError', SegmentErrorCode, 'A problem with a segment mutation input.');

export const SegmentConnection = connectionType(Segment, 'Segment', 'segment');

@ObjectType('SegmentPayload', { description: 'Result of a segment mutation.' })
export class SegmentPayload {
  @Field(() => Segment, { nullable: true, description: 'The segment as saved; null when userErrors is not empty.' })
  segment!: Segment | null;

  @Field(() => [SegmentUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof SegmentUserError>[];
}
