import { csvRecords } from './zn-csv';
import {
  fileError,
  fileProblem,
  findColumn,
  ZN_COLUMNS,
  ZnBatch,
  ZnColumn,
  ZnFileError,
  ZnFileFormat,
  MonitoringPeriod,
  ZnProblem,
  ZnProblemCode,
  ZnReadOptions,
  ZnRow,
  ZnSeverity,
  StayType,
  ZnWritableRow,
  ZN_SLOTS as SLOTS,
  znSlotOf,
} from './zn-format';
import { decodeCsvText } from './zn-text';
import { describeCell, isBlank, parseCell, ZnRecord, ZnValue } from './zn-values';
import { xlsxRecords } from './zn-xlsx';

type ZnChunk = Buffer | Uint8Array | string;
/** A request body stream, or any (async) sequence of chunks, such as the pieces of a buffered upload. */
export type ZnInput = NodeJS.ReadableStream | AsyncIterable<ZnChunk> | Iterable<ZnChunk>;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound files: Excel 97-2003 workbooks, and XLSX workbooks saved with a password. */
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d];
const SNIFF_BYTES = 8;
/** Input is passed on in pieces of at most this size, so one huge chunk cannot become one huge batch of work. */
const PIECE_BYTES = 64 * 1024;

/**
 * Reads a ZN monitoring file (CSV or XLSX) and yields its rows in batches of at most `batchSize` data rows,
 * valid rows and row problems apart. Memory is bounded by the batch, not the file: the CSV is decoded and
 * split as it streams, and of an XLSX only the packed zip and its shared strings are held.
 * File-level failures are thrown as ZnFileError, possibly after batches were yielded (see ZnFileError).
 */
export async function* readZn(input: ZnInput, options: ZnReadOptions): AsyncGenerator<ZnBatch> {
  checkOptions(options);
  const { format, chunks } = await sniff(limitBytes(input, options.maxBytes), options.format);
  const records =
    format === 'xlsx'
      ? xlsxRecords(await collect(chunks), { maxInflatedBytes: options.maxInflatedBytes ?? 50 * options.maxBytes })
      : csvRecords(decodeCsvText(chunks));
  yield* validate(records, format, options);
}

function checkOptions(options: ZnReadOptions): void {
  for (const key of ['currentYear', 'maxBytes', 'maxRows', 'batchSize', 'maxInflatedBytes'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new RangeError(`readZn: ${key} must be a positive integer, got ${value}`);
    }
  }
}

function describeBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

async function* limitBytes(input: ZnInput, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of input as AsyncIterable<ZnChunk> | Iterable<ZnChunk>) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += bytes.length;
    if (total > maxBytes) {
      throw fileError(ZnProblemCode.FILE_TOO_LARGE, `The file is larger than the limit of ${describeBytes(maxBytes)}.`);
    }
    for (let start = 0; start < bytes.length; start += PIECE_BYTES) yield bytes.subarray(start, start + PIECE_BYTES);
  }
}

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** Decides the format from the first bytes, then hands on every byte, those first ones included. */
async function sniff(
  input: AsyncGenerator<Buffer>,
  declared: ZnFileFormat | undefined,
): Promise<{ format: ZnFileFormat; chunks: AsyncIterable<Buffer> }> {
  try {
    const head: Buffer[] = [];
    let headLength = 0;
    while (headLength < SNIFF_BYTES) {
      const next = await input.next();
      if (next.done) break;
      head.push(next.value);
      headLength += next.value.length;
    }
    const first = Buffer.concat(head);
    const format = detectFormat(first, declared);
    return { format, chunks: prepend(first, input) };
  } catch (error) {
    await input.return(undefined);
    throw error;
  }
}

/**
 * The format of a file from its first bytes (a zip is an XLSX workbook, anything else CSV text) and the format its
 * name or the client declared. Throws a ZnFileError for an empty file, an .xls or password-protected workbook, a PDF,
 * and a declared format the bytes contradict. Shared with the sustainability answer upload.
 */
export function detectFormat(first: Buffer, declared: ZnFileFormat | undefined): ZnFileFormat {
  if (first.length === 0) throw fileError(ZnProblemCode.EMPTY_FILE, 'The file is empty.');
  if (startsWith(first, OLE2_SIGNATURE)) {
    throw fileError(
      ZnProblemCode.UNSUPPORTED_FORMAT,
      'The file is an old Excel 97-2003 workbook (.xls) or a password-protected workbook; save it as .xlsx without a password, or as CSV.',
    );
  }
  if (startsWith(first, PDF_SIGNATURE)) {
    throw fileError(
      ZnProblemCode.UNSUPPORTED_FORMAT,
      'The file is a PDF document; upload the figures as an .xlsx or CSV file.',
    );
  }
  const zip = startsWith(first, ZIP_SIGNATURE);
  if (declared === 'csv' && zip) {
    throw fileError(
      ZnProblemCode.UNSUPPORTED_FORMAT,
      'The file was sent as CSV but is a zip archive, such as an .xlsx workbook.',
    );
  }
  if (declared === 'xlsx' && !zip) {
    throw fileError(
      ZnProblemCode.CORRUPT_XLSX,
      'The file was sent as XLSX but is not one: an .xlsx file is a zip archive.',
    );
  }
  return zip ? 'xlsx' : 'csv';
}

async function* prepend(first: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  yield* rest;
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const all: Buffer[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return Buffer.concat(all);
}

interface Header {
  /** For each cell position, its column; undefined for unknown or unnamed columns. */
  columns: (ZnColumn | undefined)[];
  /** For each cell position, whether the header names it (known or not). */
  named: boolean[];
  /** How each known column is written in this file, so messages use the uploader's own words. */
  labels: Map<string, string>;
}

function cellText(record: ZnRecord, index: number): string {
  const cell = record.cells[index];
  if (cell === undefined) return '';
  return (typeof cell === 'string' ? cell : cell.value).trim();
}

function readHeader(record: ZnRecord): { header: Header; problems: ZnProblem[] } {
  const header: Header = { columns: [], named: [], labels: new Map() };
  const problems: ZnProblem[] = [];
  for (let index = 0; index < record.cells.length; index++) {
    const label = cellText(record, index);
    if (label === '') continue;
    header.named[index] = true;
    const column = findColumn(label);
    if (!column) {
      problems.push({
        row: 1,
        column: label,
        code: ZnProblemCode.UNKNOWN_COLUMN,
        severity: 'WARNING',
        message: `Column "${label}" is not part of the ZN format and is ignored.`,
      });
      continue;
    }
    const earlier = header.labels.get(column.name);
    if (earlier !== undefined) {
      problems.push({
        row: 1,
        column: column.name,
        code: ZnProblemCode.DUPLICATE_COLUMN,
        severity: 'ERROR',
        message: `Columns "${earlier}" and "${label}" are both the column ${column.name}; keep one of them.`,
      });
      continue;
    }
    header.columns[index] = column;
    header.labels.set(column.name, label);
  }
  for (const column of ZN_COLUMNS) {
    if (column.required && !header.labels.has(column.name)) {
      problems.push({
        row: 1,
        column: column.name,
        code: ZnProblemCode.MISSING_COLUMN,
        severity: 'ERROR',
        message: `The required column "${column.name}" is missing from the header in row 1.`,
      });
    }
  }
  return { header, problems };
}

async function* validate(
  source: AsyncIterable<ZnRecord[]>,
  format: ZnFileFormat,
  options: ZnReadOptions,
): AsyncGenerator<ZnBatch> {
  let validator: RowValidator | undefined;
  let batch: ZnBatch = { rows: [], problems: [] };
  let inBatch = 0;
  let dataRows = 0;
  for await (const records of source) {
    for (const record of records) {
      if (record.cells.every(isBlank)) continue;
      if (!validator) {
        if (record.row !== 1) {
          throw fileError(
            ZnProblemCode.MISSING_HEADER,
            `Row 1 is empty, but it must hold the header with the column names; the first filled row is row ${record.row}.`,
          );
        }
        const { header, problems } = readHeader(record);
        if (problems.some((problem) => problem.severity === 'ERROR')) throw new ZnFileError(problems);
        batch.problems.push(...problems);
        validator = new RowValidator(header, format === 'csv', options.currentYear);
        continue;
      }
      dataRows++;
      if (dataRows > options.maxRows) {
        throw fileError(
          ZnProblemCode.TOO_MANY_ROWS,
          `The file has more than ${options.maxRows} data rows, the most one upload may hold; split it into several files.`,
        );
      }
      validator.validate(record, batch);
      inBatch++;
      if (inBatch === options.batchSize) {
        yield batch;
        batch = { rows: [], problems: [] };
        inBatch = 0;
      }
    }
  }
  if (!validator) throw fileError(ZnProblemCode.EMPTY_FILE, 'The file is empty: it has neither a header nor rows.');
  if (dataRows === 0) {
    throw new ZnFileError([
      fileProblem(ZnProblemCode.NO_ROWS, 'The file has a header but no data rows.'),
      ...batch.problems,
    ]);
  }
  if (inBatch > 0) yield batch;
}


type Values = Record<keyof ZnWritableRow, ZnValue | null>;

/** Every field present from the start, so that all rows share one object shape. */
function emptyValues(): Values {
  return {
    agbCode: null,
    year: null,
    period: null,
    stayType: null,
    registrations: null,
    inflow: null,
    notPlaceable: null,
    deflectedFirstLine: null,
    savingEur: null,
    requiredCapacityBeds: null,
    outflowAfterAdmission: null,
    averageLengthOfStayDays: null,
  };
}

/** One figure that may not exceed another. */
const FIGURE_RULES: {
  part: keyof ZnWritableRow;
  whole: keyof ZnWritableRow;
  code: ZnProblemCode;
  severity: ZnSeverity;
  advice: string;
}[] = [
  {
    part: 'inflow',
    whole: 'registrations',
    code: ZnProblemCode.INFLOW_EXCEEDS_REGISTRATIONS,
    severity: 'ERROR',
    advice: 'the inflow cannot exceed the registrations',
  },
  {
    part: 'notPlaceable',
    whole: 'registrations',
    code: ZnProblemCode.NOT_PLACEABLE_EXCEEDS_REGISTRATIONS,
    severity: 'ERROR',
    advice: 'the clients not placeable cannot exceed the registrations',
  },
  {
    part: 'outflowAfterAdmission',
    whole: 'inflow',
    code: ZnProblemCode.OUTFLOW_EXCEEDS_INFLOW,
    severity: 'WARNING',
    advice: 'please check the figures',
  },
];

function columnOf(field: keyof ZnWritableRow): string {
  return ZN_COLUMNS.find((column) => column.field === field)?.name ?? field;
}

/**
 * Validates data rows one at a time. The rules that span the file (duplicates, JAAR against H1/H2) keep
 * only numeric keys and first row numbers, never rows.
 */
class RowValidator {
  /**
   * Per AGB code and year, the first row of each period and stay type (0 when none yet): one small array per
   * coordination function and year instead of one entry per row.
   */
  private readonly firstRows = new Map<string, Map<number, Int32Array>>();

  constructor(
    private readonly header: Header,
    private readonly valuesNeedAHeader: boolean,
    private readonly currentYear: number,
  ) {}

  validate(record: ZnRecord, batch: ZnBatch): void {
    const { row } = record;
    const problems = batch.problems;
    const firstProblem = problems.length;
    const values = emptyValues();

    if (this.valuesNeedAHeader) this.checkUnnamedValues(record, problems);
    const { columns } = this.header;
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index];
      if (!column) continue;
      const cell = record.cells[index];
      if (cell === undefined || isBlank(cell)) {
        if (column.required) {
          problems.push(
            rowError(
              row,
              column.name,
              ZnProblemCode.MISSING_VALUE,
              `${this.where(row, column)}: the value is missing, and this column is required.`,
            ),
          );
        }
        continue;
      }
      const parsed = parseCell(column.kind, cell, this.currentYear);
      if (parsed.ok) values[column.field] = parsed.value;
      else {
        problems.push(
          rowError(row, column.name, parsed.code, `${this.where(row, column)}: ${describeCell(cell)} ${parsed.detail}.`),
        );
      }
    }

    this.checkFigures(row, values, problems);
    this.checkAcrossFile(row, values, problems);
    if (!hasError(problems, firstProblem)) batch.rows.push(toRow(row, values));
  }

  /** Built only for a message: most rows have none, and this runs for every cell. */
  private where(row: number, column: ZnColumn): string {
    return `Row ${row}, column "${this.label(column.name)}"`;
  }

  private label(column: string): string {
    return this.header.labels.get(column) ?? column;
  }

  /**
   * In a CSV file a value under no header means the row is out of line, for instance through an unquoted
   * decimal comma in a comma-separated file: every value after it would land in the wrong column.
   */
  private checkUnnamedValues(record: ZnRecord, problems: ZnProblem[]): void {
    const index = record.cells.findIndex((cell, position) => !this.header.named[position] && !isBlank(cell));
    if (index < 0) return;
    problems.push(
      rowError(
        record.row,
        null,
        ZnProblemCode.TOO_MANY_VALUES,
        `Row ${record.row} has the value ${describeCell(record.cells[index])} in column ${index + 1}, which has no ` +
          'header; a value with a comma must be in double quotes when commas separate the columns.',
      ),
    );
  }

  private checkFigures(row: number, values: Values, problems: ZnProblem[]): void {
    for (const rule of FIGURE_RULES) {
      const part = values[rule.part];
      const whole = values[rule.whole];
      if (typeof part !== 'number' || typeof whole !== 'number' || part <= whole) continue;
      const partName = columnOf(rule.part);
      const wholeName = columnOf(rule.whole);
      problems.push({
        row,
        column: partName,
        code: rule.code,
        severity: rule.severity,
        message: `Row ${row}: "${this.label(partName)}" (${part}) is larger than "${this.label(wholeName)}" (${whole}); ${rule.advice}.`,
      });
    }
  }

  private checkAcrossFile(row: number, values: Values, problems: ZnProblem[]): void {
    const { agbCode, year, period, stayType } = values;
    if (typeof agbCode !== 'string' || typeof year !== 'number') return;
    if (typeof period !== 'string' || typeof stayType !== 'string') return;
    // Keyed by code, then year: no key string is built per row, and the year is a small-integer key.
    let years = this.firstRows.get(agbCode);
    if (!years) {
      years = new Map();
      this.firstRows.set(agbCode, years);
    }
    let slots = years.get(year);
    if (!slots) {
      slots = new Int32Array(SLOTS);
      years.set(year, slots);
    }
    const slot = znSlotOf(period as MonitoringPeriod, stayType as StayType);
    const duplicateOf = slots[slot] ?? 0;
    if (duplicateOf === 0) {
      slots[slot] = row;
    } else {
      problems.push(
        rowError(
          row,
          null,
          ZnProblemCode.DUPLICATE_ROW,
          `Row ${row} repeats AGB code ${agbCode}, year ${year}, period ${period} and stay type ${stayType} of ` +
            `row ${duplicateOf}; each combination may occur once in a file.`,
        ),
      );
    }

    const wholeYear = period === 'JAAR';
    const conflict = wholeYear ? firstFilled(slots, 5, SLOTS) : firstFilled(slots, 0, 5);
    if (conflict !== 0 && conflict !== row) {
      problems.push(
        rowError(
          row,
          'periode',
          ZnProblemCode.MIXED_PERIODS,
          `Row ${row} reports period ${period} for AGB code ${agbCode} in ${year}, but row ${conflict} reports ` +
            `${wholeYear ? 'a half year' : 'the whole year (JAAR)'} for it; a year is reported either as JAAR or ` +
            'as H1 and H2, not both.',
        ),
      );
    }
  }
}

/** Whether a problem from index `from` on is an error; a loop, as this runs for every row. */
function hasError(problems: readonly ZnProblem[], from: number): boolean {
  for (let i = from; i < problems.length; i++) if (problems[i]!.severity === 'ERROR') return true;
  return false;
}

/** The earliest row recorded in slots [from, to), or 0 when none is. */
function firstFilled(slots: Int32Array, from: number, to: number): number {
  let first = 0;
  for (let i = from; i < to; i++) {
    const row = slots[i] ?? 0;
    if (row !== 0 && (first === 0 || row < first)) first = row;
  }
  return first;
}

function rowError(row: number, column: string | null, code: ZnProblemCode, message: string): ZnProblem {
  return { row, column, code, severity: 'ERROR', message };
}

function toRow(row: number, values: Values): ZnRow {
  return {
    row,
    agbCode: values.agbCode as string,
    year: values.year as number,
    period: values.period as MonitoringPeriod,
    stayType: values.stayType as StayType,
    registrations: values.registrations as number,
    inflow: values.inflow as number,
    notPlaceable: values.notPlaceable as number,
    deflectedFirstLine: values.deflectedFirstLine as number | null,
    savingEur: values.savingEur as string | null,
    requiredCapacityBeds: values.requiredCapacityBeds as number | null,
    outflowAfterAdmission: values.outflowAfterAdmission as number | null,
    averageLengthOfStayDays: values.averageLengthOfStayDays as string | null,
  };
}
