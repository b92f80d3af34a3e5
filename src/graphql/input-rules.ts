import {
  GraphQLField,
  GraphQLInputType,
  GraphQLInt,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import { findInputProblem, InputProblem, intProblem, textProblem } from '../shared/input-safety';

/**
 * The extension that marks an input field holding the rows of a bulk mutation: the rows are left to the service,
 * which refuses a wrong row on its own (a userError for that row) so that REJECT_FAILED_ROWS still writes the others.
 */
export const ROWS_CHECKED_BY_SERVICE = 'rowsCheckedByService';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

function valueProblem(type: GraphQLInputType, value: unknown, name: string, path: string[]): InputProblem | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return valueProblem(type.ofType, value, name, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return valueProblem(type.ofType, value, name, path);
    for (let i = 0; i < value.length; i++) {
      const problem = valueProblem(type.ofType, value[i], name, [...path, String(i)]);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (!isPlainObject(value)) return null;
    for (const field of Object.values(type.getFields())) {
      if (!Object.prototype.hasOwnProperty.call(value, field.name) || field.extensions?.[ROWS_CHECKED_BY_SERVICE]) continue;
      const problem = valueProblem(field.type, value[field.name], field.name, [...path, field.name]);
      if (problem) return problem;
    }
    return null;
  }
  if (isEnumType(type)) return null;
  if (type === GraphQLInt && typeof value === 'number') return intProblem(value, name, path);
  if (typeof value === 'string') return textProblem(value, path);
  // Custom scalars that carry JSON (objects of strings) get the same text rule; parsed values such as uploads do not.
  if (isPlainObject(value) || Array.isArray(value)) return findInputProblem(value, path);
  return null;
}

/**
 * The first coerced argument value of a field that breaks the input rules of shared/input-safety: text with a NUL
 * character (PostgreSQL cannot store it) or a whole number out of range. Every String, ID, custom scalar and Int
 * passes here, whether written inline, in a variable or taken from a default.
 */
export function argumentProblem(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): InputProblem | null {
  for (const arg of field.args) {
    if (!Object.prototype.hasOwnProperty.call(args, arg.name)) continue;
    const problem = valueProblem(arg.type, args[arg.name], arg.name, [arg.name]);
    if (problem) return problem;
  }
  return null;
}
