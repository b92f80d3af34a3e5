import { FIRST_YEAR, LAST_YEAR, isPlausibleYear } from '../../shared/validation';
import { findPeriod, findStayType, MonitoringPeriod, ZnProblemCode, StayType, ZnValueKind } from './zn-format';

/** A spreadsheet cell whose type matters: anything that is not plain typed-in text. */
export interface ZnTypedCell {
  kind: 'text' | 'number' | 'boolean' | 'error' | 'date';
  /** The stored value as text: the number as XLSX stores it, TRUE/FALSE, or the error such as #N/A. */
  value: string;
  formula: boolean;
  /** A date cell holding a whole day: that day as YYYY-MM-DD, in the workbook's date system (1900 or 1904). */
  day?: string;
}

/** CSV fields and plain XLSX text arrive as strings, so the common case allocates nothing extra. */
export type ZnCell = string | ZnTypedCell | undefined;

/** One record of the file before validation; cells are indexed by column position. */
export interface ZnRecord {
  row: number;
  cells: ZnCell[];
}

export type ZnValue = string | number;

export type ZnParsed = { ok: true; value: ZnValue } | { ok: false; code: ZnProblemCode; detail: string };

/** The database stores counts as PostgreSQL integer. */
const MAX_INTEGER = 2_147_483_647;
/**
 * XLSX keeps numbers as doubles, which hold 15 significant decimal digits exactly; a decimal within that
 * survives Excel and our own writer unchanged.
 */
const MAX_DIGITS = 15;
const ZERO = 48;

export function isBlank(cell: ZnCell): boolean {
  if (cell === undefined) return true;
  if (typeof cell === 'string') return cell.trim() === '';
  return cell.kind === 'text' && !cell.formula && cell.value.trim() === '';
}

/** How a value is shown in a message. Long values are cut so that a message stays one readable sentence. */
export function describeCell(cell: ZnCell): string {
  if (cell === undefined) return 'an empty cell';
  if (typeof cell !== 'string') {
    if (cell.formula) return 'a formula';
    if (cell.kind === 'date') return 'a date';
    if (cell.kind === 'error') return `the Excel error ${cell.value}`;
    if (cell.kind === 'boolean') return `the logical value ${cell.value}`;
  }
  const text = typeof cell === 'string' ? cell.trim() : cell.value;
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

function fail(code: ZnProblemCode, detail: string): ZnParsed {
  return { ok: false, code, detail };
}

/** Parses a non-blank cell of the given kind. */
export function parseCell(kind: ZnValueKind, cell: Exclude<ZnCell, undefined>, currentYear: number): ZnParsed {
  switch (kind) {
    case 'agb':
      return parseAgb(cell);
    case 'year':
      return parseYear(cell, currentYear);
    case 'period':
      return parseCode(cell, findPeriod, ZnProblemCode.INVALID_PERIOD, 'is not a period; use JAAR, H1 or H2');
    case 'stayType':
      return parseCode(
        cell,
        findStayType,
        ZnProblemCode.INVALID_STAY_TYPE,
        'is not a type of stay; use ELV_LAAG, ELV_HOOG, ELV_PALLIATIEF, GRZ or OVERIG',
      );
    case 'integer':
      return parseInteger(cell);
    case 'decimal':
      return parseDecimal(cell);
  }
}

/**
 * Text columns take a formula's cached result: `=TEXT(A2;"00000000")` is the usual way to keep an AGB
 * code's leading zeros.
 */
function textOf(cell: Exclude<ZnCell, undefined>): string | undefined {
  if (typeof cell === 'string') return cell.trim();
  return cell.kind === 'text' || cell.kind === 'number' ? cell.value.trim() : undefined;
}

/** Figures must be typed in: a formula's cached result may be stale, and a date is no count. */
function numberCellGuard(cell: Exclude<ZnCell, undefined>): ZnParsed | undefined {
  if (typeof cell === 'string') return undefined;
  if (cell.formula) {
    return fail(
      ZnProblemCode.FORMULA_NOT_ALLOWED,
      'is not allowed where a figure belongs; enter the figure itself (paste values only)',
    );
  }
  if (cell.kind === 'date') {
    return fail(ZnProblemCode.DATE_NOT_ALLOWED, 'is not allowed where a figure belongs; format the cell as a number');
  }
  return undefined;
}

function parseAgb(cell: Exclude<ZnCell, undefined>): ZnParsed {
  const text = textOf(cell);
  if (text !== undefined && /^\d{8}$/.test(text)) return { ok: true, value: text };
  if (text !== undefined && /^\d{1,7}$/.test(text)) {
    return fail(
      ZnProblemCode.INVALID_AGB,
      `has ${text.length} digits, but an AGB code has exactly 8; leading zeros get lost when the column is formatted as a number, so format it as text`,
    );
  }
  return fail(ZnProblemCode.INVALID_AGB, 'is not an AGB code of exactly 8 digits');
}

function parseYear(cell: Exclude<ZnCell, undefined>, currentYear: number): ZnParsed {
  const guarded = numberCellGuard(cell);
  if (guarded) return guarded;
  const text = textOf(cell);
  if (text === undefined || !/^[1-9]\d{3}$/.test(text)) {
    return fail(ZnProblemCode.INVALID_YEAR, 'is not a year of 4 digits');
  }
  const year = Number(text);
  // The same range as every other year of the API (export, checklist, completeness, deadlines), so nothing is
  // stored that cannot be read back.
  if (!isPlausibleYear(year)) {
    return fail(ZnProblemCode.YEAR_OUT_OF_RANGE, `is outside the years ${FIRST_YEAR} to ${LAST_YEAR} that the API accepts`);
  }
  if (year > currentYear) {
    return fail(
      ZnProblemCode.FUTURE_YEAR,
      `is after the current year ${currentYear}; figures can only be reported for a year that has begun`,
    );
  }
  return { ok: true, value: year };
}

function parseCode<T extends MonitoringPeriod | StayType>(
  cell: Exclude<ZnCell, undefined>,
  find: (text: string) => T | undefined,
  code: ZnProblemCode,
  detail: string,
): ZnParsed {
  const text = textOf(cell);
  const found = text === undefined ? undefined : find(text);
  return found === undefined ? fail(code, detail) : { ok: true, value: found };
}

/** The value of 1 to 9 ASCII digits (always within MAX_INTEGER), else -1. */
function smallWholeNumber(text: string): number {
  if (text.length === 0 || text.length > 9) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function parseInteger(cell: Exclude<ZnCell, undefined>): ZnParsed {
  // The usual CSV cell, handled without regular expressions; everything else takes the general path below.
  if (typeof cell === 'string') {
    const value = smallWholeNumber(cell.trim());
    if (value >= 0) return { ok: true, value };
  }
  const guarded = numberCellGuard(cell);
  if (guarded) return guarded;
  if (typeof cell !== 'string' && cell.kind === 'number') return integerFromNumber(Number(cell.value));
  const text = textOf(cell);
  if (text === undefined) return fail(ZnProblemCode.INVALID_INTEGER, 'is not a whole number');
  if (/^\d+$/.test(text)) return integerFromNumber(Number(text));
  if (/^-\s*\d/.test(text)) return fail(ZnProblemCode.NEGATIVE_VALUE, 'is negative; figures must be 0 or more');
  // '1.234' is a thousand in Dutch and a little over one in English: refuse rather than guess.
  if (/^\d{1,3}(?:[.,\s]\d{3})+$/.test(text)) {
    return fail(
      ZnProblemCode.THOUSANDS_SEPARATOR,
      `contains a thousands separator, which is ambiguous; write the whole number without separators, such as ${text.replace(/\D/g, '')}`,
    );
  }
  return fail(ZnProblemCode.INVALID_INTEGER, 'is not a whole number');
}

function integerFromNumber(value: number): ZnParsed {
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    return fail(ZnProblemCode.INVALID_INTEGER, 'is not a whole number');
  }
  if (value < 0) return fail(ZnProblemCode.NEGATIVE_VALUE, 'is negative; figures must be 0 or more');
  if (value > MAX_INTEGER) return fail(ZnProblemCode.VALUE_TOO_LARGE, `is larger than ${MAX_INTEGER}`);
  return { ok: true, value };
}

function parseDecimal(cell: Exclude<ZnCell, undefined>): ZnParsed {
  const guarded = numberCellGuard(cell);
  if (guarded) return guarded;
  if (typeof cell !== 'string' && cell.kind === 'number') return decimalFromNumber(Number(cell.value));
  const text = textOf(cell);
  if (text === undefined) return fail(ZnProblemCode.INVALID_DECIMAL, 'is not a number');
  const plain = /^(\d*)(?:[.,](\d+))?$/.exec(text);
  if (plain && text !== '') return checkedDecimal(plain[1] ?? '', plain[2] ?? '');
  if (/^-\s*[\d.,]/.test(text)) return fail(ZnProblemCode.NEGATIVE_VALUE, 'is negative; figures must be 0 or more');
  if (/^\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?$/.test(text) || /^\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?$/.test(text)) {
    return fail(
      ZnProblemCode.THOUSANDS_SEPARATOR,
      'contains a thousands separator, which is ambiguous; write the number with only a decimal comma or point, such as 1234,56',
    );
  }
  return fail(ZnProblemCode.INVALID_DECIMAL, 'is not a number; use digits with at most one decimal comma or point');
}

/** XLSX stores a double printed to 17 digits; Excel shows it to 15, and so do we (0.1+0.2 is 0.3). */
function decimalFromNumber(value: number): ZnParsed {
  if (!Number.isFinite(value)) return fail(ZnProblemCode.INVALID_DECIMAL, 'is not a number');
  if (value < 0) return fail(ZnProblemCode.NEGATIVE_VALUE, 'is negative; figures must be 0 or more');
  const [mantissa = '', exponent = '0'] = value.toExponential(MAX_DIGITS - 1).split('e');
  const digits = mantissa.replace('.', '');
  const pointAt = 1 + Number(exponent);
  if (pointAt <= 0) return checkedDecimal('0', '0'.repeat(-pointAt) + digits);
  if (pointAt >= digits.length) return checkedDecimal(digits + '0'.repeat(pointAt - digits.length), '');
  return checkedDecimal(digits.slice(0, pointAt), digits.slice(pointAt));
}

function checkedDecimal(integerDigits: string, fractionDigits: string): ZnParsed {
  // Runs for every decimal cell: the regular expressions only when there are zeros to strip.
  const integer = integerDigits.charCodeAt(0) === ZERO ? integerDigits.replace(/^0+/, '') : integerDigits;
  const fraction = fractionDigits.charCodeAt(fractionDigits.length - 1) === ZERO ? fractionDigits.replace(/0+$/, '') : fractionDigits;
  if (integer.length > MAX_DIGITS) {
    return fail(ZnProblemCode.VALUE_TOO_LARGE, `has more than ${MAX_DIGITS} digits before the decimal mark`);
  }
  // The significant digits are never more than these.
  if (integer.length + fraction.length <= MAX_DIGITS) {
    return { ok: true, value: fraction === '' ? integer || '0' : `${integer || '0'}.${fraction}` };
  }
  const significant = (integer + fraction).replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > MAX_DIGITS) {
    return fail(ZnProblemCode.INVALID_DECIMAL, `has more than ${MAX_DIGITS} significant digits; round it`);
  }
  return { ok: true, value: fraction === '' ? integer || '0' : `${integer || '0'}.${fraction}` };
}
