import { Field, InterfaceType, ObjectType } from 'type-graphql';

@InterfaceType('UserError', { description: 'An expected problem with a mutation input; the mutation wrote nothing.' })
export abstract class UserError {
  @Field(() => [String], { description: 'Path to the input field at fault, relative to `input`, e.g. ["uzovi"].' })
  field!: string[];

  @Field(() => String, { description: 'What is wrong, in a sentence a person understands.' })
  message!: string;
}

/** Builds the per-feature user-error type whose `code` is that feature's enum. */
export function userErrorType<E extends object>(name: string, codeEnum: E, description: string) {
  @ObjectType(name, { implements: UserError, description })
  class FeatureUserError extends UserError {
    @Field(() => codeEnum, { description: 'Stable machine-readable code of the problem.' })
    code!: E[keyof E];
  }
  return FeatureUserError;
}
