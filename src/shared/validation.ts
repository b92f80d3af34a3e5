import type { Problems } from '../core/problems';

export const digits = (n: number) => new RegExp(`^\\d{${n}}$`);
export const UZOVI = digits(4);
export const AGB = digits(8);
export const KVK = digits(8);

/** Trims a required name and checks its length; returns the clean value or null after adding a problem. */
export function requiredText<C extends string>(
  problems: Problems<C>,
  field: string,
  value: string | null | undefined,
  codes: { required: C; tooLong: C },
  max = 200,
): string | null {
  const clean = (value ?? '').trim();
  if (clean.length === 0) {
    problems.add(field, codes.required, `${field} must not be empty.`);
    return null;
  }
  if (clean.length > max) {
    problems.add(field, codes.tooLong, `${field} may be at most ${max} characters; it has ${clean.length}.`);
    return null;
  }
  return clean;
}

/**
 * Trims optional text and checks its length: null when absent, else the trimmed text (after adding a problem
 * when it is too long; the caller's throwIfAny stops the write).
 */
export function optionalText<C extends string>(problems: Problems<C>, field: string, value: string | null | undefined, tooLong: C, max: number): string | null {
  if (value == null) return null;
  const clean = value.trim();
  if (clean.length > max) problems.add(field, tooLong, `${field} may be at most ${max} characters; it has ${clean.length}.`);
  return clean;
}

/** The first and last year the API accepts anywhere: contract, market, policy and ZN reporting years (verslagjaar). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** Years the API accepts for contract, market and reporting years: FIRST_YEAR to LAST_YEAR. */
export function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}
