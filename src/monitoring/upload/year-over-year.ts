import type { ZnRow } from '../zn';
import { ZN_SLOTS as SLOTS, znSlotOf } from '../zn/zn-format';

/** A figure that changes by more than the allowed percentage against the year before. */
export interface Outlier {
  row: number;
  year: number;
  /** The ZN column. */
  column: string;
  /** Both figures as the file writes them (normalised decimals, whole numbers). */
  value: string;
  previous: string;
}

type Figure = 'registrations' | 'inflow' | 'notPlaceable' | 'deflectedFirstLine' | 'savingEur' | 'requiredCapacityBeds' | 'outflowAfterAdmission' | 'averageLengthOfStayDays';

/**
 * The figures compared year over year, in the order of a stored line: ZN column, field of a read row, column
 * of the staging table, and whether it is a decimal (compared exactly as one).
 */
export const OUTLIER_FIGURES: readonly { column: string; field: Figure; staged: string; decimal: boolean }[] = [
  { column: 'aanmeldingen', field: 'registrations', staged: 'registrations', decimal: false },
  { column: 'instroom', field: 'inflow', staged: 'inflow', decimal: false },
  { column: 'niet_plaatsbaar', field: 'notPlaceable', staged: 'not_placeable', decimal: false },
  { column: 'afgebogen_eerste_lijn', field: 'deflectedFirstLine', staged: 'deflected', decimal: false },
  { column: 'besparing_eur', field: 'savingEur', staged: 'saving', decimal: true },
  { column: 'benodigde_capaciteit_bedden', field: 'requiredCapacityBeds', staged: 'capacity', decimal: false },
  { column: 'uitstroom_na_opname', field: 'outflowAfterAdmission', staged: 'outflow', decimal: false },
  { column: 'gemiddelde_ligduur_dagen', field: 'averageLengthOfStayDays', staged: 'los', decimal: true },
];

/**
 * Whether `value` changes by more than `percent` against `previous`: |value - previous| x 100 > percent x previous,
 * exactly. A previous figure of 0 or none has no base to compare with. Whole numbers are exact as JavaScript
 * numbers; decimals (at most 15 significant digits) take a float test with a margin first and, only near or
 * over the limit, the exact test in scaled integers. The database applies the same rule (import.sql.ts).
 */
export function changesTooMuch(value: number | string | null, previous: number | string | null, percent: number): boolean {
  if (value === null || previous === null) return false;
  if (typeof value === 'number' && typeof previous === 'number') {
    return previous > 0 && Math.abs(value - previous) * 100 > percent * previous;
  }
  const v = Number(value);
  const p = Number(previous);
  if (!(p > 0) || Math.abs(v - p) * 100 <= percent * p * 0.999999) return false;
  const [a, b] = scaled(String(value), String(previous));
  const difference = a > b ? a - b : b - a;
  return difference * 100n > BigInt(percent) * b;
}

/** Two plain decimals as integers of one scale. */
function scaled(x: string, y: string): [bigint, bigint] {
  const [xi = '0', xf = ''] = x.split('.');
  const [yi = '0', yf = ''] = y.split('.');
  const scale = Math.max(xf.length, yf.length);
  return [BigInt(xi + xf.padEnd(scale, '0')), BigInt(yi + yf.padEnd(scale, '0'))];
}


/** The last row of one series (a function's period and stay type) and the way its years go. */
interface Series {
  row: ZnRow;
  /** +1 for years ascending, -1 for descending, 0 while the series has one year. */
  direction: number;
}

/**
 * The year-over-year check while the file streams, for files that keep each coordination function's rows
 * together and run each of its series (period and stay type) through the years in one direction: by function and
 * year, by function and period, ascending or descending, as exports and most spreadsheets do. Each row meets the
 * previous row of its series, so at most 15 rows (one per series of one function) are in memory. A file in another
 * order is noticed at its first row out of order; the database then compares every row instead (`inOrder`
 * false). Rows whose year before is not in the file are compared with the stored figures by the database either
 * way.
 */
export class StreamedYearOverYear {
  private provider = -1;
  private series: (Series | undefined)[] = new Array(SLOTS);
  private readonly seen = new Set<number>();
  private readonly listed: Outlier[] = [];
  private total = 0;
  inOrder = true;

  constructor(
    private readonly percent: number,
    /** How many outliers to keep for the summary (all are counted). */
    private readonly limit: number,
  ) {}

  /** Takes the next staged row (the reader lets no (function, year, period, stay type) through twice). */
  add(providerId: number, row: ZnRow): void {
    if (!this.inOrder) return;
    if (providerId !== this.provider) {
      if (this.seen.has(providerId)) return this.outOfOrder();
      this.seen.add(providerId);
      this.provider = providerId;
      this.series = new Array(SLOTS);
    }
    const slot = znSlotOf(row.period, row.stayType);
    const series = this.series[slot];
    if (!series) {
      this.series[slot] = { row, direction: 0 };
      return;
    }
    const step = Math.sign(row.year - series.row.year);
    if (series.direction !== 0 && step !== series.direction) return this.outOfOrder();
    if (Math.abs(row.year - series.row.year) === 1) this.compare(step > 0 ? row : series.row, step > 0 ? series.row : row);
    series.row = row;
    series.direction = step;
  }

  /** The outliers found (at most `limit`), and how many there are. */
  result(): { rows: Outlier[]; total: number } {
    return { rows: this.listed, total: this.total };
  }

  private compare(later: ZnRow, before: ZnRow): void {
    for (const figure of OUTLIER_FIGURES) {
      const value = later[figure.field];
      const previous = before[figure.field];
      if (!changesTooMuch(value, previous, this.percent)) continue;
      this.total++;
      if (this.listed.length < this.limit) {
        this.listed.push({ row: later.row, year: later.year, column: figure.column, value: String(value), previous: String(previous) });
      }
    }
  }

  private outOfOrder(): void {
    this.inOrder = false;
    this.listed.length = 0;
    this.total = 0;
    this.series = [];
  }
}
