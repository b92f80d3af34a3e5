/**
 * The ZN monitoring layout (shared/ZN-FORMAT.md, v1): columns, codes, the row shape and the problems a
 * file can have. Reader and writer both take the layout from here, so an exported file uploads again unchanged.
 */

/**
 * Reporting periods (column periode): the whole year (the cadence from 2024) or a half year. One object for
 * the whole API: the file format, the database and, registered in monitoring.enums.ts, GraphQL's enum
 * MonitoringPeriod. Its type is the union of its values, so a plain 'JAAR' is one too.
 */
export const MonitoringPeriod = { JAAR: 'JAAR', H1: 'H1', H2: 'H2' } as const;
export type MonitoringPeriod = (typeof MonitoringPeriod)[keyof typeof MonitoringPeriod];

/** Types of temporary stay (column type_verblijf); GraphQL's enum StayType, like MonitoringPeriod. */
export const StayType = { ELV_LAAG: 'ELV_LAAG', ELV_HOOG: 'ELV_HOOG', ELV_PALLIATIEF: 'ELV_PALLIATIEF', GRZ: 'GRZ', OVERIG: 'OVERIG' } as const;
export type StayType = (typeof StayType)[keyof typeof StayType];
export type ZnFileFormat = 'csv' | 'xlsx';
export type ZnSeverity = 'ERROR' | 'WARNING';

export const ZN_PERIODS: readonly MonitoringPeriod[] = ['JAAR', 'H1', 'H2'];
export const ZN_STAY_TYPES: readonly StayType[] = ['ELV_LAAG', 'ELV_HOOG', 'ELV_PALLIATIEF', 'GRZ', 'OVERIG'];

/** Period and stay type as small numbers, in the order above (the stay type's is its place in stored figures). */
export const ZN_PERIOD_INDEX: Readonly<Record<MonitoringPeriod, number>> = { JAAR: 0, H1: 1, H2: 2 };
export const ZN_STAY_TYPE_INDEX: Readonly<Record<StayType, number>> = { ELV_LAAG: 0, ELV_HOOG: 1, ELV_PALLIATIEF: 2, GRZ: 3, OVERIG: 4 };
/** The slots of one coordination function and year: 3 periods x 5 stay types. */
export const ZN_SLOTS = 15;
/** The slot of a period and stay type within its coordination function and year. */
export const znSlotOf = (period: MonitoringPeriod, stayType: StayType): number => ZN_PERIOD_INDEX[period] * 5 + ZN_STAY_TYPE_INDEX[stayType];

/**
 * The figures of one type of stay: a row of the file without its key, and how a submission version stores
 * them (submission/figures.ts). Decimals are strings so that no float rounding ever touches a figure.
 */
export interface FigureRow {
  stayType: StayType;
  registrations: number;
  inflow: number;
  notPlaceable: number;
  deflectedFirstLine: number | null;
  /** Euros as a normalised decimal: '.' as decimal mark, no leading zeros, no trailing fraction zeros. */
  savingEur: string | null;
  requiredCapacityBeds: number | null;
  outflowAfterAdmission: number | null;
  /** Days as a normalised decimal, like savingEur. */
  averageLengthOfStayDays: string | null;
}

/** What the writers take: a row as read, or as loaded from the database (the row number is not written). */
export interface ZnWritableRow extends FigureRow {
  agbCode: string;
  year: number;
  period: MonitoringPeriod;
}

/** One valid data row. */
export interface ZnRow extends ZnWritableRow {
  /** 1-based row number in the file; the header is row 1. */
  row: number;
}

export type ZnValueKind = 'agb' | 'year' | 'period' | 'stayType' | 'integer' | 'decimal';

export interface ZnColumn {
  /** The canonical header, as the writers print it. */
  name: string;
  field: keyof ZnWritableRow;
  required: boolean;
  kind: ZnValueKind;
  /** For the uploaders' documentation: the meaning, with the Dutch term, and the accepted values. */
  description: string;
}

/** In the order of the published table, which is also the order the writers use. */
export const ZN_COLUMNS: readonly ZnColumn[] = [
  {
    name: 'agb_code',
    field: 'agbCode',
    required: true,
    kind: 'agb',
    description: "AGB code of the coordination function's operator (uitvoerder): exactly 8 digits, leading zeros kept.",
  },
  { name: 'verslagjaar', field: 'year', required: true, kind: 'year', description: 'Reporting year: 4 digits, from 2000 and not after the current year.' },
  {
    name: 'periode',
    field: 'period',
    required: true,
    kind: 'period',
    description: 'JAAR for the whole year (the cadence from 2024), or H1 / H2 for a half year.',
  },
  {
    name: 'type_verblijf',
    field: 'stayType',
    required: true,
    kind: 'stayType',
    description:
      'Type of temporary stay: ELV_LAAG, ELV_HOOG, ELV_PALLIATIEF, GRZ or OVERIG (or the labels ELV laagcomplex, ' +
      'ELV hoogcomplex, ELV palliatief, GRZ, Overig).',
  },
  {
    name: 'aanmeldingen',
    field: 'registrations',
    required: true,
    kind: 'integer',
    description: 'Registrations (aanmeldingen): a whole number, 0 or more.',
  },
  {
    name: 'instroom',
    field: 'inflow',
    required: true,
    kind: 'integer',
    description: 'Inflow (instroom): a whole number, 0 or more, at most the registrations.',
  },
  {
    name: 'niet_plaatsbaar',
    field: 'notPlaceable',
    required: true,
    kind: 'integer',
    description:
      'Clients not placeable in the advised form of care (niet plaatsbaar): a whole number, at most the registrations.',
  },
  {
    name: 'afgebogen_eerste_lijn',
    field: 'deflectedFirstLine',
    required: false,
    kind: 'integer',
    description: 'Care requests deflected from second to first line (afgebogen naar eerste lijn): a whole number.',
  },
  {
    name: 'besparing_eur',
    field: 'savingEur',
    required: false,
    kind: 'decimal',
    description: 'Saving realised by that deflection, in euros (besparing): a decimal, comma or point as decimal mark.',
  },
  {
    name: 'benodigde_capaciteit_bedden',
    field: 'requiredCapacityBeds',
    required: false,
    kind: 'integer',
    description: 'Required regional capacity, in beds (benodigde capaciteit): a whole number.',
  },
  {
    name: 'uitstroom_na_opname',
    field: 'outflowAfterAdmission',
    required: false,
    kind: 'integer',
    description: 'Outflow after admission (uitstroom na opname): a whole number; above the inflow gives a warning.',
  },
  {
    name: 'gemiddelde_ligduur_dagen',
    field: 'averageLengthOfStayDays',
    required: false,
    kind: 'decimal',
    description: 'Average length of stay, in days (gemiddelde ligduur): a decimal.',
  },
];

/**
 * Header names and stay-type labels are compared in this form: trimmed, lower case, and any run of spaces,
 * '-' and '_' made one '_', so `AGB-code`, `agb code` and `agb_code` are one column.
 */
export function normaliseName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

const COLUMNS_BY_NAME = new Map(ZN_COLUMNS.map((column) => [column.name, column]));

export function findColumn(header: string): ZnColumn | undefined {
  return COLUMNS_BY_NAME.get(normaliseName(header));
}

/** The codes and the labels of ZN-FORMAT.md, both in normalised form. */
const STAY_TYPES_BY_NAME = new Map<string, StayType>([
  ['elv_laag', 'ELV_LAAG'],
  ['elv_hoog', 'ELV_HOOG'],
  ['elv_palliatief', 'ELV_PALLIATIEF'],
  ['grz', 'GRZ'],
  ['overig', 'OVERIG'],
  ['elv_laagcomplex', 'ELV_LAAG'],
  ['elv_hoogcomplex', 'ELV_HOOG'],
]);

const CANONICAL_STAY_TYPES = new Set<string>(ZN_STAY_TYPES);

export function findStayType(text: string): StayType | undefined {
  // The codes as our own export writes them, without the normalisation that labels need.
  if (CANONICAL_STAY_TYPES.has(text)) return text as StayType;
  return STAY_TYPES_BY_NAME.get(normaliseName(text));
}

export function findPeriod(text: string): MonitoringPeriod | undefined {
  const upper = text.trim().toUpperCase();
  return ZN_PERIODS.find((period) => period === upper);
}

/** Stable, machine-readable problem codes; clients may switch on them, so never rename one. */
export enum ZnProblemCode {
  // File-level: thrown as ZnFileError.
  EMPTY_FILE = 'EMPTY_FILE',
  NO_ROWS = 'NO_ROWS',
  MISSING_HEADER = 'MISSING_HEADER',
  MISSING_COLUMN = 'MISSING_COLUMN',
  DUPLICATE_COLUMN = 'DUPLICATE_COLUMN',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  TOO_MANY_ROWS = 'TOO_MANY_ROWS',
  UNSUPPORTED_FORMAT = 'UNSUPPORTED_FORMAT',
  ENCODING = 'ENCODING',
  INVALID_CSV = 'INVALID_CSV',
  CORRUPT_XLSX = 'CORRUPT_XLSX',
  ZIP_BOMB = 'ZIP_BOMB',
  // Header warning, delivered with the first batch (or with the ZnFileError when the header fails).
  UNKNOWN_COLUMN = 'UNKNOWN_COLUMN',
  // Row-level errors.
  MISSING_VALUE = 'MISSING_VALUE',
  TOO_MANY_VALUES = 'TOO_MANY_VALUES',
  INVALID_AGB = 'INVALID_AGB',
  INVALID_YEAR = 'INVALID_YEAR',
  YEAR_OUT_OF_RANGE = 'YEAR_OUT_OF_RANGE',
  FUTURE_YEAR = 'FUTURE_YEAR',
  INVALID_PERIOD = 'INVALID_PERIOD',
  INVALID_STAY_TYPE = 'INVALID_STAY_TYPE',
  INVALID_INTEGER = 'INVALID_INTEGER',
  THOUSANDS_SEPARATOR = 'THOUSANDS_SEPARATOR',
  NEGATIVE_VALUE = 'NEGATIVE_VALUE',
  VALUE_TOO_LARGE = 'VALUE_TOO_LARGE',
  INVALID_DECIMAL = 'INVALID_DECIMAL',
  FORMULA_NOT_ALLOWED = 'FORMULA_NOT_ALLOWED',
  DATE_NOT_ALLOWED = 'DATE_NOT_ALLOWED',
  INFLOW_EXCEEDS_REGISTRATIONS = 'INFLOW_EXCEEDS_REGISTRATIONS',
  NOT_PLACEABLE_EXCEEDS_REGISTRATIONS = 'NOT_PLACEABLE_EXCEEDS_REGISTRATIONS',
  DUPLICATE_ROW = 'DUPLICATE_ROW',
  MIXED_PERIODS = 'MIXED_PERIODS',
  // Row-level warning.
  OUTFLOW_EXCEEDS_INFLOW = 'OUTFLOW_EXCEEDS_INFLOW',
  // Row-level, checked against the database by the import pipeline (src/monitoring/import), not by readZn.
  UNKNOWN_COORDINATION_FUNCTION = 'UNKNOWN_COORDINATION_FUNCTION',
  NOT_ALLOWED_TO_REPORT = 'NOT_ALLOWED_TO_REPORT',
  SUBMISSION_LOCKED = 'SUBMISSION_LOCKED',
  OUTLIER = 'OUTLIER',
}

/** One sentence per code, for the GraphQL enum's value descriptions and the uploaders' documentation. */
export const ZN_PROBLEM_CODE_DESCRIPTIONS: Readonly<Record<ZnProblemCode, string>> = {
  EMPTY_FILE: 'The file is empty.',
  NO_ROWS: 'The file has a header but no data rows.',
  MISSING_HEADER: 'Row 1 is empty, while it must hold the column names.',
  MISSING_COLUMN: 'A required column is missing from the header.',
  DUPLICATE_COLUMN: 'Two header cells name the same column.',
  FILE_TOO_LARGE: 'The file has more bytes than one upload may hold.',
  TOO_MANY_ROWS: 'The file has more data rows than one upload may hold.',
  UNSUPPORTED_FORMAT: 'The file is neither CSV text nor an XLSX workbook (for instance .xls, PDF or binary data).',
  ENCODING: 'The CSV text is neither UTF-8 nor Windows-1252, or mixes the two.',
  INVALID_CSV: 'The CSV cannot be split into rows, for instance through a double quote that is never closed.',
  CORRUPT_XLSX: 'The XLSX workbook is damaged or incomplete.',
  ZIP_BOMB: 'The XLSX workbook unpacks to far more than it packs, and is refused as a possible zip bomb.',
  UNKNOWN_COLUMN: 'A column that is not part of the ZN format; it is ignored.',
  MISSING_VALUE: 'A required value is empty.',
  TOO_MANY_VALUES: 'A CSV row has a value under no header, so its values may be out of line.',
  INVALID_AGB: 'The AGB code is not exactly 8 digits.',
  INVALID_YEAR: 'The reporting year is not a year of 4 digits.',
  YEAR_OUT_OF_RANGE: 'The reporting year is before 2000 or after 2100, the years the API accepts everywhere.',
  FUTURE_YEAR: 'The reporting year is after the current year.',
  INVALID_PERIOD: 'The period is not JAAR, H1 or H2.',
  INVALID_STAY_TYPE: 'The type of stay is not one of the ZN codes or labels.',
  INVALID_INTEGER: 'A count is not a whole number.',
  THOUSANDS_SEPARATOR: 'A number has a thousands separator, which is ambiguous in Dutch and English.',
  NEGATIVE_VALUE: 'A figure is below 0.',
  VALUE_TOO_LARGE: 'A figure is larger than the format allows.',
  INVALID_DECIMAL: 'A decimal is not a number, or has more than 15 significant digits.',
  FORMULA_NOT_ALLOWED: 'An XLSX cell holds a formula where a figure belongs.',
  DATE_NOT_ALLOWED: 'An XLSX cell holds a date where a figure belongs.',
  INFLOW_EXCEEDS_REGISTRATIONS: 'The inflow is larger than the registrations.',
  NOT_PLACEABLE_EXCEEDS_REGISTRATIONS: 'The clients not placeable are more than the registrations.',
  DUPLICATE_ROW: 'The same AGB code, year, period and type of stay occur twice in the file.',
  MIXED_PERIODS: 'The file reports both JAAR and H1/H2 for the same coordination function and year.',
  OUTFLOW_EXCEEDS_INFLOW: 'The outflow after admission is larger than the inflow (a warning).',
  UNKNOWN_COORDINATION_FUNCTION: 'The AGB code is not that of a registered coordination function.',
  NOT_ALLOWED_TO_REPORT: 'The uploader may not report for the coordination function with this AGB code.',
  SUBMISSION_LOCKED:
    'An insurer accepted this period, which locks it until that insurer reopens it; the figures differ from the accepted ones.',
  OUTLIER:
    'A figure changes by more than the allowed percentage (50% by default) against the same coordination function, period and stay type of the year before (a warning).',
};

export interface ZnProblem {
  /** 1-based row (header = 1); null when the problem is about the file as a whole. */
  row: number | null;
  /** The canonical column name, or null when no single column is at fault. */
  column: string | null;
  code: ZnProblemCode;
  severity: ZnSeverity;
  /** One sentence for a person, naming the value and the column. */
  message: string;
}

export interface ZnReadOptions {
  /** Sniffed from the first bytes when omitted; when given, a file of the other kind is refused. */
  format?: ZnFileFormat;
  /** Reporting years after this one are refused. */
  currentYear: number;
  /** Raw bytes of the upload. */
  maxBytes: number;
  /** Data rows, blank rows not counted. */
  maxRows: number;
  /** Data rows per yielded batch; bounds the reader's memory. */
  batchSize: number;
  /** XLSX only: the most bytes one part of the workbook may unpack to. Default: 50 x maxBytes. */
  maxInflatedBytes?: number;
}

export interface ZnBatch {
  /** The valid rows of this batch, in file order. */
  rows: ZnRow[];
  /** Row-level errors and warnings of this batch (the first batch also has the header's warnings). */
  problems: ZnProblem[];
}

/**
 * A failure of the file as a whole. It can be thrown after batches were already yielded (size, row count,
 * encoding and damage are found while streaming), so a consumer must treat the whole import as failed.
 */
export class ZnFileError extends Error {
  override readonly name = 'ZnFileError';

  constructor(readonly problems: ZnProblem[]) {
    super(problems.map((problem) => problem.message).join(' '));
  }
}

export function fileProblem(code: ZnProblemCode, message: string): ZnProblem {
  return { row: null, column: null, code, severity: 'ERROR', message };
}

export function fileError(code: ZnProblemCode, message: string): ZnFileError {
  return new ZnFileError([fileProblem(code, message)]);
}
