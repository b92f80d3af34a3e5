/** Measurement periods: calendar months, quarters and years, and the arithmetic on them. */

export const KpiPeriodKind = { MONTH: 'MONTH', QUARTER: 'QUARTER', YEAR: 'YEAR' } as const;
export type KpiPeriodKind = (typeof KpiPeriodKind)[keyof typeof KpiPeriodKind];

/** Months in a period of each kind: what a reduction pro-rates its baseline by. */
export const MONTHS_IN: Readonly<Record<KpiPeriodKind, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** A calendar month, quarter or year (the GraphQL type KpiPeriod, kpi.types.ts). */
export interface KpiPeriod {
  kind: KpiPeriodKind;
  year: number;
  /** Month (1-12) or quarter (1-4) within the year; null for a year. */
  number: number | null;
  /** First day of the period. */
  start: string;
  /** Last day of the period. */
  end: string;
  /** 2024-03 (month), 2024-Q1 (quarter) or 2024 (year). */
  label: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period of a kind, year and number, or a sentence saying what is wrong with them. */
export function periodOf(kind: KpiPeriodKind, year: number, number: number | null | undefined): KpiPeriod | string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return `year must be between ${MIN_YEAR} and ${MAX_YEAR}; got ${year}.`;
  let firstMonth: number;
  let lastMonth: number;
  let label: string;
  switch (kind) {
    case KpiPeriodKind.MONTH:
      if (!Number.isInteger(number) || number! < 1 || number! > 12) return `A month needs number 1-12; got ${number ?? 'none'}.`;
      firstMonth = lastMonth = number!;
      label = `${year}-${pad(number!)}`;
      break;
    case KpiPeriodKind.QUARTER:
      if (!Number.isInteger(number) || number! < 1 || number! > 4) return `A quarter needs number 1-4; got ${number ?? 'none'}.`;
      firstMonth = number! * 3 - 2;
      lastMonth = number! * 3;
      label = `${year}-Q${number}`;
      break;
    case KpiPeriodKind.YEAR:
      if (number !== null && number !== undefined) return `A year takes no number; got ${number}.`;
      firstMonth = 1;
      lastMonth = 12;
      label = String(year);
      break;
    default:
      return `Unknown period kind ${JSON.stringify(kind)}.`;
  }
  return {
    kind,
    year,
    number: kind === KpiPeriodKind.YEAR ? null : number!,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
    label,
  };
}

/** The period of a kind that starts on a date read back from the database. */
export function periodFromStart(kind: KpiPeriodKind, start: string): KpiPeriod {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  const number = kind === KpiPeriodKind.MONTH ? month : kind === KpiPeriodKind.QUARTER ? (month + 2) / 3 : null;
  const period = periodOf(kind, year, number);
  if (typeof period === 'string') throw new Error(`stored period ${kind} ${start} is invalid: ${period}`);
  return period;
}
