import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { KpiPeriodKind } from './kpi.enums';

/** Months in a period of each kind: what a reduction pro-rates its baseline by. */
export const MONTHS_IN: Readonly<Record<KpiPeriodKind, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** A calendar month, quarter or year. */
@ObjectType('KpiPeriod', { simpleResolvers: true, description: 'A measurement period: a calendar month, quarter or year.' })
export class KpiPeriod {
  @Field(() => KpiPeriodKind, { description: 'Month, quarter or year.' })
  kind!: KpiPeriodKind;

  @Field(() => Int, { description: 'The calendar year.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month (1-12) or quarter (1-4) within the year; null for a year.' })
  number!: number | null;

  @Field(() => DateScalar, { description: 'First day of the period.' })
  start!: string;

  @Field(() => DateScalar, { description: 'Last day of the period.' })
  end!: string;

  @Field(() => String, { description: 'Short label: 2024-03 (month), 2024-Q1 (quarter) or 2024 (year).' })
  label!: string;
}

@InputType('KpiPeriodInput', { description: 'A calendar month, quarter or year.' })
export class KpiPeriodInput {
  @Field(() => KpiPeriodKind, { description: 'Month, quarter or year.' })
  kind!: KpiPeriodKind;

  @Field(() => Int, { description: 'The calendar year (2000-2100).' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month (1-12) or quarter (1-4); omit for a year.' })
  number?: number | null;
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
  const period = new KpiPeriod();
  Object.assign(period, {
    kind,
    year,
    number: kind === KpiPeriodKind.YEAR ? null : number!,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
    label,
  });
  return period;
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

/** Dates from the database arrive as strings (date columns) or Date objects, depending on the path. */
export function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
