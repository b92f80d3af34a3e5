import { Field, InterfaceType, ObjectType } from 'type-graphql';

/** One expected business failure of a mutation: which input field, why, and a stable code. */
export interface UserErrorItem<C extends string = string> {
  field: string[];
  message: string;
  code: C;
}

/**
 * Thrown inside a service to abort its transaction and report the failures in the payload; nothing the service
 * wrote survives.
 */
export class UserErrorFailure<C extends string = string> extends Error {
  constructor(readonly errors: UserErrorItem<C>[]) {
    super(errors.map((e) => e.message).join(' '));
    this.name = 'UserErrorFailure';
  }
}

/** Collects every problem of an input before failing, so the client can fix them all at once. */
export class Problems<C extends string = string> {
  private readonly items: UserErrorItem<C>[] = [];

  add(field: string | string[], code: C, message: string): this {
    this.items.push({ field: Array.isArray(field) ? field : [field], code, message });
    return this;
  }

  get any(): boolean {
    return this.items.length > 0;
  }

  /** Throws when anything was added; otherwise does nothing. */
  throwIfAny(): void {
    if (this.items.length > 0) throw new UserErrorFailure([...this.items]);
  }
}

export function fail<C extends string>(field: string | string[], code: C, message: string): never {
  throw new UserErrorFailure<C>([{ field: Array.isArray(field) ? field : [field], code, message }]);
}

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
