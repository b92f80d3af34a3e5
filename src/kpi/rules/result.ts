/**
 * The shape every KPI rule answers in. The rules (this folder) are pure functions without I/O, so the GraphQL
 * services, the CLI and the upload pipeline share one set of rules. Data errors come back as a KpiResult with
 * stable codes (they map one-to-one onto `userErrors`); exceptions are thrown only for programming errors.
 */

/**
 * Every KPI error code, of the rules and of the services, as one enum. kpi.payloads.ts publishes it in the API as
 * `KpiErrorCode` (userErrors[].code), without the codes in RULE_ONLY_KPI_ERROR_CODES below.
 */
export enum KpiErrorCode {
  // Published: the API can return these.
  NEGATIVE_COUNT = 'NEGATIVE_COUNT',
  ZERO_DENOMINATOR = 'ZERO_DENOMINATOR',
  NUMERATOR_EXCEEDS_DENOMINATOR = 'NUMERATOR_EXCEEDS_DENOMINATOR',
  BASELINE_ZERO = 'BASELINE_ZERO',
  INVALID_DECIMAL = 'INVALID_DECIMAL',
  INVALID_PERIOD = 'INVALID_PERIOD',
  BASELINE_PERIOD_NOT_BEFORE = 'BASELINE_PERIOD_NOT_BEFORE',
  INVALID_YEAR = 'INVALID_YEAR',
  TARGET_DATE_OUTSIDE_YEAR = 'TARGET_DATE_OUTSIDE_YEAR',
  YEAR_NOT_COVERED = 'YEAR_NOT_COVERED',
  UNKNOWN_POPULATION = 'UNKNOWN_POPULATION',
  POPULATION_DUPLICATE = 'POPULATION_DUPLICATE',
  POPULATION_OTHER_NAME_REQUIRED = 'POPULATION_OTHER_NAME_REQUIRED',
  POPULATION_NAME_NOT_ALLOWED = 'POPULATION_NAME_NOT_ALLOWED',
  POPULATION_SET_NOT_ALLOWED = 'POPULATION_SET_NOT_ALLOWED',
  // Published, from the services only.
  TARGET_OUT_OF_RANGE = 'TARGET_OUT_OF_RANGE',
  UNKNOWN_KPI = 'UNKNOWN_KPI',
  KPI_NOT_USABLE = 'KPI_NOT_USABLE',
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
  UNKNOWN_INSURER = 'UNKNOWN_INSURER',
  PROVIDER_KIND_NOT_ELIGIBLE = 'PROVIDER_KIND_NOT_ELIGIBLE',
  NOT_CONTRACTED = 'NOT_CONTRACTED',
  DUPLICATE_TARGET = 'DUPLICATE_TARGET',
  BASELINE_REQUIRED = 'BASELINE_REQUIRED',
  BASELINE_NOT_ALLOWED = 'BASELINE_NOT_ALLOWED',
  OVERRIDE_REASON_REQUIRED = 'OVERRIDE_REASON_REQUIRED',
  NO_TARGET = 'NO_TARGET',
  PERIOD_OUTSIDE_TARGET_YEAR = 'PERIOD_OUTSIDE_TARGET_YEAR',
  PERIOD_NOT_ENDED = 'PERIOD_NOT_ENDED',
  WRONG_FIGURES = 'WRONG_FIGURES',
  DUPLICATE_ROW = 'DUPLICATE_ROW',
  TOO_MANY_ROWS = 'TOO_MANY_ROWS',
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
  INVALID_CODE = 'INVALID_CODE',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  ALREADY_REVIEWED = 'ALREADY_REVIEWED',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  // Not published: the API's inputs cannot produce them (GraphQL checks integers and enums first), or they come
  // only from the FHIR builder and validator, the dashboard statistics and the CLI.
  NOT_AN_INTEGER = 'NOT_AN_INTEGER',
  INVALID_DATE = 'INVALID_DATE',
  INVALID_DATE_TIME = 'INVALID_DATE_TIME',
  DUPLICATE_PERIOD_END = 'DUPLICATE_PERIOD_END',
  UNKNOWN_ENUM_VALUE = 'UNKNOWN_ENUM_VALUE',
  EMPTY_SAMPLE = 'EMPTY_SAMPLE',
  DUPLICATE_PROVIDER = 'DUPLICATE_PROVIDER',
  INVALID_AGB = 'INVALID_AGB',
  FHIR_REQUIRED = 'FHIR_REQUIRED',
  FHIR_UNKNOWN_ELEMENT = 'FHIR_UNKNOWN_ELEMENT',
  FHIR_WRONG_TYPE = 'FHIR_WRONG_TYPE',
  FHIR_CARDINALITY = 'FHIR_CARDINALITY',
  FHIR_EMPTY = 'FHIR_EMPTY',
  FHIR_FIXED_VALUE = 'FHIR_FIXED_VALUE',
  FHIR_CODE_NOT_ALLOWED = 'FHIR_CODE_NOT_ALLOWED',
  FHIR_INVARIANT = 'FHIR_INVARIANT',
}

/** The codes the API never returns; reaching one in a user error is a bug. */
export const RULE_ONLY_KPI_ERROR_CODES: ReadonlySet<KpiErrorCode> = new Set([
  KpiErrorCode.NOT_AN_INTEGER,
  KpiErrorCode.INVALID_DATE,
  KpiErrorCode.INVALID_DATE_TIME,
  KpiErrorCode.DUPLICATE_PERIOD_END,
  KpiErrorCode.UNKNOWN_ENUM_VALUE,
  KpiErrorCode.EMPTY_SAMPLE,
  KpiErrorCode.DUPLICATE_PROVIDER,
  KpiErrorCode.INVALID_AGB,
  KpiErrorCode.FHIR_REQUIRED,
  KpiErrorCode.FHIR_UNKNOWN_ELEMENT,
  KpiErrorCode.FHIR_WRONG_TYPE,
  KpiErrorCode.FHIR_CARDINALITY,
  KpiErrorCode.FHIR_EMPTY,
  KpiErrorCode.FHIR_FIXED_VALUE,
  KpiErrorCode.FHIR_CODE_NOT_ALLOWED,
  KpiErrorCode.FHIR_INVARIANT,
]);

/** One problem with the input; `field` is a path into it (`populations[2].otherName`), shaped like a UserError. */
export interface KpiIssue {
  code: KpiErrorCode;
  field: string;
  message: string;
}

export type KpiResult<T> = { ok: true; data: T } | { ok: false; errors: KpiIssue[] };

export function succeed<T>(data: T): KpiResult<T> {
  return { ok: true, data };
}

export function fail<T>(errors: KpiIssue[]): KpiResult<T> {
  return { ok: false, errors };
}

export function isOneOf<T extends string>(options: Readonly<Record<string, T>>, value: unknown): value is T {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(options, value) && options[value] === value;
}

export function checkEnum<T extends string>(
  options: Readonly<Record<string, T>>,
  value: unknown,
  field: string,
  issues: KpiIssue[],
): value is T {
  if (isOneOf(options, value)) return true;
  issues.push({
    code: KpiErrorCode.UNKNOWN_ENUM_VALUE,
    field,
    message: `${field} must be one of ${Object.values(options).join(', ')}; got ${JSON.stringify(value)}.`,
  });
  return false;
}
