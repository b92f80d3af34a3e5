import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { withScale } from '../shared/decimal';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (no 2023-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date as YYYY-MM-DD; got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date without time or zone, carried as the string YYYY-MM-DD end to end. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time zone, ISO 8601 (YYYY-MM-DD).',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text.trim())) {
    throw new GraphQLError(
      `Decimal must be a number written with a dot, e.g. "38.50"; got ${JSON.stringify(value)}.`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return text.trim();
}

/**
 * An exact decimal number as a string ("38.50"), never a float, so amounts and percentages keep every digit. Output
 * has the one scale of the API (shared/decimal.ts) whatever the source wrote: "1150.5" leaves as "1150.50".
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal number, written as a string with a dot and always at least two decimals ("38.50", "14.00"), never rounded; numbers are accepted as input.',
  serialize: (value) => withScale(typeof value === 'string' ? value : parseDecimal(value)),
  parseValue: parseDecimal,
  parseLiteral: (ast) =>
    parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT ? ast.value : undefined),
});

/** Why a Money input is not an amount; the mutation that receives it reports the reason as a user error. */
export type InvalidMoneyReason = 'NOT_A_STRING' | 'NOT_A_NUMBER' | 'NEGATIVE' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE';

/**
 * A Money input that is not an amount. The scalar lets it through instead of failing the whole operation, so the
 * mutation can answer with a userError that has a stable code, like every other bad input.
 */
export class InvalidMoney {
  constructor(
    readonly raw: string,
    readonly reason: InvalidMoneyReason,
  ) {}
}

/** What a Money argument holds after parsing: a canonical amount ("1250.50") or the reason it is not one. */
export type MoneyInput = string | InvalidMoney;

/** At most 12 digits before the point (numeric(14,2) in the database), at most 2 after. */
const MONEY_DIGITS = 12;

/** Parses euro text such as "1250", "1250.5" or "1250.50" into the canonical form "1250.50". */
export function parseMoney(value: unknown): MoneyInput {
  if (typeof value !== 'string') return new InvalidMoney(String(value), 'NOT_A_STRING');
  const text = value.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return new InvalidMoney(value, 'NOT_A_NUMBER');
  const [, sign, whole, fraction = ''] = match;
  const units = whole.replace(/^0+(?=\d)/, '');
  if (fraction.length > 2) return new InvalidMoney(value, 'TOO_MANY_DECIMALS');
  if (units.length > MONEY_DIGITS) return new InvalidMoney(value, 'TOO_LARGE');
  const canonical = `${units}.${fraction.padEnd(2, '0')}`;
  if (sign === '-' && canonical !== '0.00') return new InvalidMoney(value, 'NEGATIVE');
  return canonical;
}

function serializeMoney(value: unknown): string {
  const parsed = parseMoney(value);
  if (parsed instanceof InvalidMoney) throw new GraphQLError(`Cannot serialize ${JSON.stringify(value)} as Money.`);
  return parsed;
}

/**
 * An amount in euros as a decimal string with a dot and two decimals ("1250.50"), never a float. Input must be a
 * string with at most two decimals and not negative; anything else reaches the mutation, which refuses it in
 * userErrors.
 */
export const MoneyScalar = new GraphQLScalarType<MoneyInput, string>({
  name: 'Money',
  description:
    'An amount in euros as a decimal string with a dot ("1250.50"), never a float. Output always has two decimals. Input is a string with at most two decimals and not negative; other input is refused in the userErrors of the mutation.',
  serialize: serializeMoney,
  parseValue: parseMoney,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseMoney(ast.value);
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return new InvalidMoney(ast.value, 'NOT_A_STRING');
    throw new GraphQLError('Money must be a string such as "1250.50".', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

/** A JSON object passed through as it is: for documents in a standard format of their own, such as FHIR resources. */
export { GraphQLJSONObject as JSONObjectScalar } from 'graphql-scalars';
