/**
 * Exact arithmetic for KPI values: every value is computed exactly from integers and decimal strings and rounded
 * once, at the end, to two decimals (half away from zero), so no float drift reaches a contract. Calendar dates are
 * whole days since 1970-01-01. Not part of the GraphQL surface.
 */
import { KpiErrorCode, KpiIssue } from './result';

/** A fraction of two BigInts, kept in lowest terms with a positive denominator. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  // Dashboards reduce thousands of small fractions per request; Number arithmetic is exact below 2^53 and many
  // times faster than BigInt division, so the loop runs there whenever both fit.
  if (x <= MAX_SAFE && y <= MAX_SAFE) {
    let m = Number(x);
    let n = Number(y);
    while (n !== 0) [m, n] = [n, m % n];
    return BigInt(m);
  }
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

export const addR = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const subR = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mulR = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const divR = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const cmpR = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
};

// Length cap keeps a hostile upload from handing BigInt a million digits.
const DECIMAL_PATTERN = /^-?\d{1,18}(\.\d{1,12})?$/;

const POWERS_OF_TEN = Array.from({ length: 13 }, (_, k) => 10n ** BigInt(k));

/**
 * A parser of strings that remembers its last few thousand answers (forgetting all of them when full): the
 * dashboards parse the same values and dates over and over. Only for results that are never mutated.
 */
function memoised<T>(parse: (text: string) => T, size: number): (text: unknown) => T | null {
  const cache = new Map<string, T>();
  return (text) => {
    if (typeof text !== 'string') return null;
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const parsed = parse(text);
    if (cache.size >= size) cache.clear();
    cache.set(text, parsed);
    return parsed;
  };
}

/** Parses '25', '25.5' or '-3.25' exactly; anything else (exponents, commas, spaces, '+') gives null. */
export const parseDecimal: (text: unknown) => Rational | null = memoised(parseDecimalUncached, 8192);

function parseDecimalUncached(text: string): Rational | null {
  if (!DECIMAL_PATTERN.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const magnitude = BigInt(whole + fraction);
  return rational(negative ? -magnitude : magnitude, POWERS_OF_TEN[fraction.length]);
}

/** Rounds to hundredths, half away from zero, so -12.345 becomes -12.35 just as 12.345 becomes 12.35. */
export function roundToHundredths(value: Rational): bigint {
  const scaled = value.num * 100n;
  const quotient = scaled / value.den;
  const remainder = scaled % value.den;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (2n * absRemainder >= value.den) return quotient + (scaled < 0n ? -1n : 1n);
  return quotient;
}

/** The decimal string with exactly two decimals that every KPI value is returned as. */
export function toDecimalString(value: Rational): string {
  const hundredths = roundToHundredths(value);
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${abs / 100n}.${fraction}`;
}

/**
 * toDecimalString(numerator / denominator) for whole numbers, computed in Number arithmetic when every step stays
 * below 2^53 (so it is exact), else null. The dashboards compute thousands of shares per request; this skips the
 * BigInt fractions for them and gives the very same string.
 */
export function fastDecimal(numerator: number, denominator: number): string | null {
  const magnitude = Math.abs(numerator);
  if (!(denominator > 0) || !Number.isSafeInteger(magnitude * 200) || !Number.isSafeInteger(denominator * 2)) return null;
  const scaled = magnitude * 100;
  const remainder = scaled % denominator;
  let hundredths = (scaled - remainder) / denominator;
  if (2 * remainder >= denominator) hundredths += 1;
  const negative = numerator < 0 && hundredths > 0;
  return `${negative ? '-' : ''}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar dates as whole days since 1970-01-01, so the progress path is interpolated over days, not instants.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a real calendar date 'YYYY-MM-DD' (2023-02-29 is rejected), or null. */
export const parseIsoDate: (text: unknown) => number | null = memoised(parseIsoDateUncached, 4096);

function parseIsoDateUncached(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, day);
  const back = new Date(millis);
  if (year < 1 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return null;
  }
  return millis / 86_400_000;
}

export function checkDate(value: unknown, field: string, issues: KpiIssue[]): number | null {
  const day = parseIsoDate(value);
  if (day === null) {
    issues.push({
      code: KpiErrorCode.INVALID_DATE,
      field,
      message: `${field} must be a calendar date YYYY-MM-DD; got ${JSON.stringify(value)}.`,
    });
  }
  return day;
}

export function checkDecimal(value: unknown, field: string, issues: KpiIssue[]): Rational | null {
  const parsed = parseDecimal(value);
  if (parsed === null) {
    issues.push({
      code: KpiErrorCode.INVALID_DECIMAL,
      field,
      message: `${field} must be a decimal string such as '25' or '-3.50'; got ${JSON.stringify(value)}.`,
    });
  }
  return parsed;
}
