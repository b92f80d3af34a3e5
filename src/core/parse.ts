const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (no 2023-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

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
