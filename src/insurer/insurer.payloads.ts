import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { Insurer } from './insurer.entity';
import { Concern } from './concern.entity';
import { InsurerUserError } from './insurer.errors';

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
