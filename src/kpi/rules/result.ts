/**
 * The shape every KPI rule answers in. The rules (this folder) are pure functions without I/O, so the GraphQL
 * services, the CLI and the upload pipeline share one set of rules. Data errors come back as a KpiResult with
 * stable codes (they map one-to-one onto `userErrors`); exceptions are thrown only for programming errors.
 */

/** Stable error codes; the GraphQL layer exposes them unchanged in `userErrors[].code`. */
export const KpiErrorCode = {
  NOT_AN_INTEGER: 'NOT_AN_INTEGER',
  NEGATIVE_COUNT: 'NEGATIVE_COUNT',
  ZERO_DENOMINATOR: 'ZERO_DENOMINATOR',
  NUMERATOR_EXCEEDS_DENOMINATOR: 'NUMERATOR_EXCEEDS_DENOMINATOR',
  BASELINE_ZERO: 'BASELINE_ZERO',
  INVALID_DECIMAL: 'INVALID_DECIMAL',
  INVALID_DATE: 'INVALID_DATE',
  INVALID_DATE_TIME: 'INVALID_DATE_TIME',
  INVALID_PERIOD: 'INVALID_PERIOD',
  BASELINE_PERIOD_NOT_BEFORE: 'BASELINE_PERIOD_NOT_BEFORE',
  DUPLICATE_PERIOD_END: 'DUPLICATE_PERIOD_END',
  INVALID_YEAR: 'INVALID_YEAR',
  TARGET_DATE_OUTSIDE_YEAR: 'TARGET_DATE_OUTSIDE_YEAR',
  YEAR_NOT_COVERED: 'YEAR_NOT_COVERED',
  UNKNOWN_ENUM_VALUE: 'UNKNOWN_ENUM_VALUE',
  POPULATION_DUPLICATE: 'POPULATION_DUPLICATE',
  POPULATION_OTHER_NAME_REQUIRED: 'POPULATION_OTHER_NAME_REQUIRED',
  POPULATION_NAME_NOT_ALLOWED: 'POPULATION_NAME_NOT_ALLOWED',
  POPULATION_SET_NOT_ALLOWED: 'POPULATION_SET_NOT_ALLOWED',
  EMPTY_SAMPLE: 'EMPTY_SAMPLE',
  DUPLICATE_PROVIDER: 'DUPLICATE_PROVIDER',
  INVALID_AGB: 'INVALID_AGB',
  FHIR_REQUIRED: 'FHIR_REQUIRED',
  FHIR_UNKNOWN_ELEMENT: 'FHIR_UNKNOWN_ELEMENT',
  FHIR_WRONG_TYPE: 'FHIR_WRONG_TYPE',
  FHIR_CARDINALITY: 'FHIR_CARDINALITY',
  FHIR_EMPTY: 'FHIR_EMPTY',
  FHIR_FIXED_VALUE: 'FHIR_FIXED_VALUE',
  FHIR_CODE_NOT_ALLOWED: 'FHIR_CODE_NOT_ALLOWED',
  FHIR_INVARIANT: 'FHIR_INVARIANT',
} as const;
export type KpiErrorCode = (typeof KpiErrorCode)[keyof typeof KpiErrorCode];

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
