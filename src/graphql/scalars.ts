import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { withScale } from '../shared/decimal';
import { InvalidMoney, isIsoDate, MoneyInput, parseMoney } from '../core/parse';

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
