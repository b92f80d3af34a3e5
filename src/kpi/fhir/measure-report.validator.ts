/**
 * A structural validator for the part of FHIR R4 MeasureReport we emit: a small table of element rules walked over
 * the JSON.
 */
import { KpiErrorCode, KpiIssue, KpiResult } from '../rules/result';
import { parseIsoDate } from '../rules/arithmetic';
import { CodeableConcept, IMPROVEMENT_NOTATION_SYSTEM, MEASURE_POPULATION_SYSTEM, MeasureReport, issue } from './measure-report.types';

// ---------------------------------------------------------------------------------------------------------------
// Validator: a small table of element rules walked over the JSON. Closed: any element not in the table is an
// error, because an element we do not check is one we cannot vouch for.

type PrimitiveType = 'string' | 'code' | 'id' | 'uri' | 'canonical' | 'dateTime' | 'integer' | 'decimal' | 'boolean';

interface PrimitiveSpec {
  kind: 'primitive';
  type: PrimitiveType;
  allowed?: readonly string[];
  fixed?: string;
}
interface ComplexSpec {
  kind: 'complex';
  name: string;
  elements: Readonly<Record<string, ElementRule>>;
  /** Invariants across elements, run only when the elements themselves passed. */
  invariants?: (value: Record<string, unknown>, path: string, issues: KpiIssue[]) => void;
}
type Spec = PrimitiveSpec | ComplexSpec;
interface ElementRule {
  spec: Spec;
  min: 0 | 1;
  max: 1 | '*';
}

const prim = (type: PrimitiveType, extra: Partial<PrimitiveSpec> = {}): PrimitiveSpec => ({
  kind: 'primitive',
  type,
  ...extra,
});
const opt = (spec: Spec): ElementRule => ({ spec, min: 0, max: 1 });
const req = (spec: Spec): ElementRule => ({ spec, min: 1, max: 1 });
const many = (spec: Spec): ElementRule => ({ spec, min: 0, max: '*' });

const DATE_TIME_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2})))?)?)?$/;

/** R4 dateTime: a year, year-month, date, or date and time with zone; every part must exist on the calendar. */
export function isFhirDateTime(text: string): boolean {
  const m = DATE_TIME_PATTERN.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1) return false;
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 12)) return false;
  if (m[3] !== undefined && parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`) === null) return false;
  if (m[4] !== undefined) {
    // Second 60 is allowed for leap seconds, as FHIR's own pattern does.
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60) return false;
    if (m[8] !== undefined && (Number(m[8]) * 60 + Number(m[9]) > 14 * 60 || Number(m[9]) > 59)) return false;
  }
  return true;
}

function checkPrimitive(value: unknown, spec: PrimitiveSpec, path: string, issues: KpiIssue[]): void {
  const wrong = (expected: string) =>
    issues.push(issue(KpiErrorCode.FHIR_WRONG_TYPE, path, `${path} must be ${expected}; got ${JSON.stringify(value)}.`));
  switch (spec.type) {
    case 'integer':
      // R4 integers are signed 32-bit.
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -2_147_483_648 || value > 2_147_483_647) {
        wrong('a 32-bit integer');
      }
      return;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) wrong('a JSON number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrong('true or false');
      return;
  }
  if (typeof value !== 'string') {
    wrong(`a ${spec.type} string`);
    return;
  }
  if (value.trim() === '') {
    issues.push(issue(KpiErrorCode.FHIR_EMPTY, path, `${path} must not be empty or blank.`));
    return;
  }
  const formatOk: Record<Exclude<PrimitiveType, 'integer' | 'decimal' | 'boolean'>, boolean> = {
    string: true,
    code: /^\S+( \S+)*$/.test(value),
    id: /^[A-Za-z0-9.-]{1,64}$/.test(value),
    uri: !/\s/.test(value),
    canonical: !/\s/.test(value),
    dateTime: isFhirDateTime(value),
  };
  if (!formatOk[spec.type]) {
    wrong(`a valid ${spec.type}`);
    return;
  }
  if (spec.fixed !== undefined && value !== spec.fixed) {
    issues.push(issue(KpiErrorCode.FHIR_FIXED_VALUE, path, `${path} must be '${spec.fixed}'; got '${value}'.`));
  } else if (spec.allowed && !spec.allowed.includes(value)) {
    issues.push({
      code: KpiErrorCode.FHIR_CODE_NOT_ALLOWED,
      field: path,
      message: `${path} must be one of ${spec.allowed.join(', ')}; got '${value}'.`,
    });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValue(value: unknown, spec: Spec, path: string, issues: KpiIssue[]): void {
  if (value === null) {
    issues.push(issue(KpiErrorCode.FHIR_EMPTY, path, `${path} is null; FHIR JSON leaves absent elements out.`));
    return;
  }
  if (spec.kind === 'primitive') {
    checkPrimitive(value, spec, path, issues);
    return;
  }
  if (!isPlainObject(value)) {
    issues.push(issue(KpiErrorCode.FHIR_WRONG_TYPE, path, `${path} must be a ${spec.name} object.`));
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    issues.push(issue(KpiErrorCode.FHIR_EMPTY, path, `${path} is an empty object; FHIR JSON leaves it out.`));
    return;
  }
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(spec.elements, key)) {
      issues.push({
        code: KpiErrorCode.FHIR_UNKNOWN_ELEMENT,
        field: path === '' ? key : `${path}.${key}`,
        message: `${spec.name} does not allow '${key}' here (allowed: ${Object.keys(spec.elements).join(', ')}).`,
      });
    }
  }
  const before = issues.length;
  for (const [name, rule] of Object.entries(spec.elements)) {
    checkElement(value, name, rule, path === '' ? name : `${path}.${name}`, issues);
  }
  if (spec.invariants && issues.length === before) spec.invariants(value, path, issues);
}

function checkElement(
  parent: Record<string, unknown>,
  name: string,
  rule: ElementRule,
  path: string,
  issues: KpiIssue[],
): void {
  const value = parent[name];
  if (value === undefined) {
    if (rule.min === 1) issues.push(issue(KpiErrorCode.FHIR_REQUIRED, path, `${path} is required.`));
    return;
  }
  if (rule.max === 1) {
    if (Array.isArray(value)) {
      issues.push(issue(KpiErrorCode.FHIR_CARDINALITY, path, `${path} takes one value, not an array.`));
      return;
    }
    checkValue(value, rule.spec, path, issues);
    return;
  }
  if (!Array.isArray(value)) {
    issues.push(issue(KpiErrorCode.FHIR_CARDINALITY, path, `${path} repeats, so it must be an array.`));
    return;
  }
  if (value.length === 0) {
    issues.push(issue(KpiErrorCode.FHIR_EMPTY, path, `${path} is an empty array; FHIR JSON leaves it out.`));
    return;
  }
  value.forEach((item, index) => checkValue(item, rule.spec, `${path}[${index}]`, issues));
}

const invariant = (issues: KpiIssue[], path: string, message: string) =>
  issues.push(issue(KpiErrorCode.FHIR_INVARIANT, path, message));

const PERIOD: ComplexSpec = {
  kind: 'complex',
  name: 'Period',
  elements: { start: opt(prim('dateTime')), end: opt(prim('dateTime')) },
  invariants: (period, path, issues) => {
    // per-1: start <= end. Compared on the date part both share, which is exact for the dates we emit.
    const start = period.start as string | undefined;
    const end = period.end as string | undefined;
    if (start === undefined || end === undefined) return;
    const length = Math.min(start.slice(0, 10).length, end.slice(0, 10).length);
    const startDate = start.slice(0, length);
    const endDate = end.slice(0, length);
    const bothTimed = start.includes('T') && end.includes('T');
    const later = startDate > endDate || (startDate === endDate && bothTimed && Date.parse(start) > Date.parse(end));
    if (later) invariant(issues, path, `per-1: ${path}.start must not be after ${path}.end.`);
  },
};
const CODING: ComplexSpec = {
  kind: 'complex',
  name: 'Coding',
  elements: {
    system: opt(prim('uri')),
    version: opt(prim('string')),
    code: opt(prim('code')),
    display: opt(prim('string')),
    userSelected: opt(prim('boolean')),
  },
};
const CODEABLE_CONCEPT: ComplexSpec = {
  kind: 'complex',
  name: 'CodeableConcept',
  elements: { coding: many(CODING), text: opt(prim('string')) },
};
const IDENTIFIER: ComplexSpec = {
  kind: 'complex',
  name: 'Identifier',
  elements: {
    use: opt(prim('code', { allowed: ['usual', 'official', 'temp', 'secondary', 'old'] })),
    system: opt(prim('uri')),
    value: opt(prim('string')),
  },
};
const REFERENCE: ComplexSpec = {
  kind: 'complex',
  name: 'Reference',
  elements: {
    reference: opt(prim('string')),
    type: opt(prim('uri')),
    identifier: opt(IDENTIFIER),
    display: opt(prim('string')),
  },
};
const QUANTITY: ComplexSpec = {
  kind: 'complex',
  name: 'Quantity',
  elements: {
    value: opt(prim('decimal')),
    unit: opt(prim('string')),
    system: opt(prim('uri')),
    code: opt(prim('code')),
  },
  invariants: (quantity, path, issues) => {
    if (quantity.code !== undefined && quantity.system === undefined) {
      invariant(issues, path, `qty-3: ${path}.code needs ${path}.system.`);
    }
  },
};
const EXTENSION: ComplexSpec = {
  kind: 'complex',
  name: 'Extension',
  elements: { url: req(prim('uri')), valuePeriod: opt(PERIOD), valueString: opt(prim('string')) },
  invariants: (extension, path, issues) => {
    if (Object.keys(extension).filter((key) => key.startsWith('value')).length !== 1) {
      invariant(issues, path, `ext-1: ${path} must have exactly one value[x].`);
    }
  },
};

const MEASURE_POPULATION_CODES = [
  'initial-population',
  'numerator',
  'numerator-exclusion',
  'denominator',
  'denominator-exclusion',
  'denominator-exception',
  'measure-population',
  'measure-population-exclusion',
  'measure-observation',
];

const POPULATION: ComplexSpec = {
  kind: 'complex',
  name: 'MeasureReport population',
  elements: { extension: many(EXTENSION), code: opt(CODEABLE_CONCEPT), count: opt(prim('integer')) },
  invariants: (population, path, issues) => {
    const codings = ((population.code as CodeableConcept | undefined)?.coding ?? []).filter(
      (coding) => coding.system === MEASURE_POPULATION_SYSTEM,
    );
    for (const coding of codings) {
      if (!MEASURE_POPULATION_CODES.includes(coding.code ?? '')) {
        issues.push({
          code: KpiErrorCode.FHIR_CODE_NOT_ALLOWED,
          field: `${path}.code`,
          message: `'${coding.code}' is not a code of ${MEASURE_POPULATION_SYSTEM}.`,
        });
      }
    }
  },
};
// R4 lets a stratum carry value or components (mrp-2); we emit value only, so component is outside the closed set.
const STRATUM: ComplexSpec = {
  kind: 'complex',
  name: 'MeasureReport stratum',
  elements: { value: req(CODEABLE_CONCEPT), population: many(POPULATION), measureScore: opt(QUANTITY) },
};
const STRATIFIER: ComplexSpec = {
  kind: 'complex',
  name: 'MeasureReport stratifier',
  elements: { code: many(CODEABLE_CONCEPT), stratum: many(STRATUM) },
};
const GROUP: ComplexSpec = {
  kind: 'complex',
  name: 'MeasureReport group',
  elements: {
    code: opt(CODEABLE_CONCEPT),
    population: many(POPULATION),
    measureScore: opt(QUANTITY),
    stratifier: many(STRATIFIER),
  },
};
const MEASURE_REPORT: ComplexSpec = {
  kind: 'complex',
  name: 'MeasureReport',
  elements: {
    resourceType: req(prim('string', { fixed: 'MeasureReport' })),
    id: opt(prim('id')),
    identifier: many(IDENTIFIER),
    status: req(prim('code', { allowed: ['complete', 'pending', 'error'] })),
    type: req(prim('code', { allowed: ['individual', 'subject-list', 'summary', 'data-collection'] })),
    measure: req(prim('canonical')),
    date: opt(prim('dateTime')),
    reporter: opt(REFERENCE),
    period: req(PERIOD),
    improvementNotation: opt(CODEABLE_CONCEPT),
    group: many(GROUP),
  },
  invariants: (report, _path, issues) => {
    if (report.type === 'data-collection' && report.group !== undefined) {
      invariant(issues, 'group', 'mrp-1: a data-collection MeasureReport carries no group and no score.');
    }
    const notation = report.improvementNotation as CodeableConcept | undefined;
    // Required binding: the concept must carry a coding from the measure-improvement-notation value set.
    if (
      notation !== undefined &&
      !(notation.coding ?? []).some(
        (coding) =>
          coding.system === IMPROVEMENT_NOTATION_SYSTEM && (coding.code === 'increase' || coding.code === 'decrease'),
      )
    ) {
      issues.push({
        code: KpiErrorCode.FHIR_CODE_NOT_ALLOWED,
        field: 'improvementNotation',
        message: `improvementNotation needs a coding 'increase' or 'decrease' from ${IMPROVEMENT_NOTATION_SYSTEM}.`,
      });
    }
  },
};

/**
 * Checks JSON against R4 MeasureReport for the elements we use: required elements, cardinalities, value types,
 * FHIR JSON's ban on null, empty strings, empty objects and empty arrays, the codes of required bindings, and the
 * invariants per-1, qty-3, ext-1 and mrp-1. It does not resolve references or canonicals.
 */
export function validateMeasureReport(json: unknown): KpiResult<MeasureReport> {
  const issues: KpiIssue[] = [];
  if (!isPlainObject(json)) {
    return { ok: false, errors: [issue(KpiErrorCode.FHIR_WRONG_TYPE, '', 'A MeasureReport must be a JSON object.')] };
  }
  checkValue(json, MEASURE_REPORT, '', issues);
  if (issues.length > 0) return { ok: false, errors: issues };
  return { ok: true, data: json as unknown as MeasureReport };
}
