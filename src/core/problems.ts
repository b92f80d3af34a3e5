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
