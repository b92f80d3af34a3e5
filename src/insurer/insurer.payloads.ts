import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { userErrorType } from '../graphql/user-error';
import { Insurer } from './insurer.entity';
import { Concern } from './concern.entity';
import { InsurerErrorCode } from './insurer.errors';

registerEnumType(InsurerErrorCode, {
  name: 'InsurerErrorCode',
  description: 'Why an insurer or concern mutation was refused.',
  valuesConfig: {
    INVALID_UZOVI: { description: 'The UZOVI code is not exactly four digits.' },
    DUPLICATE_UZOVI: { description: 'Another insurer already has this UZOVI code.' },
    INVALID_CODE: { description: 'The concern code is not 2-40 capitals, digits or underscores.' },
    DUPLICATE_CODE: { description: 'Another concern already has this code.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    UNKNOWN_CONCERN: { description: 'No concern has the given code.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const InsurerUserError = userErrorType('InsurerUserError', InsurerErrorCode, 'A problem with an insurer or concern mutation input.');

export const InsurerConnection = connectionType(Insurer, 'Insurer', 'insurer');
export const ConcernConnection = connectionType(Concern, 'Concern', 'concern');

@ObjectType('InsurerPayload', { description: 'Result of an insurer mutation.' })
export class InsurerPayload {
  @Field(() => Insurer, { nullable: true, description: 'The insurer as saved; null when userErrors is not empty.' })
  insurer!: Insurer | null;

  @Field(() => [InsurerUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof InsurerUserError>[];
}

@ObjectType('ConcernPayload', { description: 'Result of a concern mutation.' })
export class ConcernPayload {
  @Field(() => Concern, { nullable: true, description: 'The concern as saved; null when userErrors is not empty.' })
  concern!: Concern | null;

  @Field(() => [InsurerUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof InsurerUserError>[];
}
