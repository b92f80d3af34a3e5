/**
 * The rules every value a client sends must pass before it reaches a service, a query or an object key: the
 * GraphQL layer applies them to every argument (src/graphql/input-rules.ts), a bulk service to each of its rows,
 * and the multipart parser to the key paths of its `map`.
 */

/** Property names that lead from an object to its prototype (or its constructor's), so never a key path segment. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/**
 * Whole numbers outside these bounds are refused before any service sees them: a year with more than four digits
 * breaks date arithmetic, and a count near 2^31 overflows integer columns and sums. Tighter business rules
 * (years 2000 to 2100, counts not negative) stay in the services, which report them as userErrors.
 */
export const YEAR_RANGE = { min: 1000, max: 9999 } as const;
export const INT_RANGE = { min: -100_000_000, max: 100_000_000 } as const;

/** An argument or input field named `year` or `...Year` holds a calendar year. */
export function isYearName(name: string): boolean {
  return name === 'year' || name.endsWith('Year');
}

export interface InputProblem {
  /** Where the value is: argument, input field and list index names, outermost first. */
  path: string[];
  message: string;
}

const describe = (path: readonly string[]) => path.join('.');

/** PostgreSQL text cannot hold U+0000; no other character is refused. */
export function textProblem(value: string, path: readonly string[]): InputProblem | null {
  if (!value.includes('\u0000')) return null;
  return { path: [...path], message: `${describe(path)} must not contain the NUL character (U+0000).` };
}

/** `name` is the argument or input field the number belongs to (the last non-index segment of its path). */
export function intProblem(value: number, name: string, path: readonly string[]): InputProblem | null {
  const range = isYearName(name) ? YEAR_RANGE : INT_RANGE;
  if (value >= range.min && value <= range.max) return null;
  const what = isYearName(name) ? 'a year' : 'a whole number';
  return { path: [...path], message: `${describe(path)} must be ${what} from ${range.min} to ${range.max}; got ${value}.` };
}

/**
 * The first problem in a plain input value (objects, arrays, strings, numbers), for services that check rows one
 * by one; the GraphQL layer walks typed values instead. Only own keys are visited.
 */
export function findInputProblem(value: unknown, path: readonly string[]): InputProblem | null {
  if (typeof value === 'string') return textProblem(value, path);
  if (typeof value === 'number') {
    const name = [...path].reverse().find((segment) => !/^\d+$/.test(segment)) ?? '';
    return Number.isInteger(value) ? intProblem(value, name, path) : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findInputProblem(value[i], [...path, String(i)]);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      const problem = findInputProblem((value as Record<string, unknown>)[key], [...path, key]);
      if (problem) return problem;
    }
  }
  return null;
}
