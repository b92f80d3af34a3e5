/**
 * FHIR R4 MeasureReport for one provider x KPI x period, and a structural validator for the part of R4 we emit.
 * Own types instead of @types/fhir: we use a dozen elements, and the validator, not the compiler, is what guards
 * JSON that arrives from outside.
 */
import {
  KPI_BY_CODE,
  KpiCode,
  KpiDirection,
  KpiErrorCode,
  KpiIssue,
  KpiResult,
  KpiScoring,
  KpiValue,
  PeriodMonths,
  POPULATION_LABELS,
  TelemonitoringRow,
  hybridPathwaysPercent,
  parseIsoDate,
  physicalContactsReductionPercent,
  rational,
  telemonitoringPercent,
  toDecimalString,
  valueFromCounts,
} from './kpi-rules';

const issue = (code: KpiErrorCode, field: string, message: string): KpiIssue => ({ code, field, message });

/** Our own namespace for Measure canonicals and code systems; `.example` is reserved and never resolves. */
export const FHIR_BASE = 'https://zorginkoop-exchange.example/fhir';
export const AGB_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/agb-z';
export const MEASURE_POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
export const IMPROVEMENT_NOTATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const KPI_CODE_SYSTEM = `${FHIR_BASE}/CodeSystem/kpi`;
export const STRATIFIER_CODE_SYSTEM = `${FHIR_BASE}/CodeSystem/kpi-stratifier`;
export const POPULATION_CODE_SYSTEM = `${FHIR_BASE}/CodeSystem/telemonitoring-population`;
export const BASELINE_PERIOD_EXTENSION = `${FHIR_BASE}/StructureDefinition/baseline-period`;

/** FHIR ids allow no underscore, so the Measure's id is the code in kebab case: .../Measure/hybrid-pathways. */
export function measureCanonical(kpi: KpiCode | string): string {
  return `${FHIR_BASE}/Measure/${kpi.toLowerCase().replace(/_/g, '-')}`;
}

/** A KPI a hospital proposed and an insurer approved: its code (capitals, digits, underscores) and scoring. */
export interface CustomKpiDefinition {
  code: string;
  name: string;
  direction: KpiDirection;
  scoring: KpiScoring;
}

const CUSTOM_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/** Whole months from a period's first day of a month to the last day of a month, or null for any other span. */
export function wholeMonths(period: { start: string; end: string }): number | null {
  const start = parseIsoDate(period.start);
  const end = parseIsoDate(period.end);
  if (start === null || end === null || start > end) return null;
  const first = new Date(start * 86_400_000);
  const dayAfter = new Date((end + 1) * 86_400_000);
  if (first.getUTCDate() !== 1 || dayAfter.getUTCDate() !== 1) return null;
  return (
    (dayAfter.getUTCFullYear() - first.getUTCFullYear()) * 12 + (dayAfter.getUTCMonth() - first.getUTCMonth())
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The R4 elements we use.

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
  userSelected?: boolean;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Period {
  start?: string;
  end?: string;
}
export interface Identifier {
  use?: string;
  system?: string;
  value?: string;
}
export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}
export interface Quantity {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
}
export interface Extension {
  url: string;
  valuePeriod?: Period;
  valueString?: string;
}
export interface MeasureReportPopulation {
  extension?: Extension[];
  code?: CodeableConcept;
  count?: number;
}
export interface MeasureReportStratum {
  value: CodeableConcept;
  population?: MeasureReportPopulation[];
  measureScore?: Quantity;
}
export interface MeasureReportStratifier {
  code?: CodeableConcept[];
  stratum?: MeasureReportStratum[];
}
export interface MeasureReportGroup {
  code?: CodeableConcept;
  population?: MeasureReportPopulation[];
  measureScore?: Quantity;
  stratifier?: MeasureReportStratifier[];
}
export interface MeasureReport {
  resourceType: 'MeasureReport';
  id?: string;
  identifier?: Identifier[];
  status: 'complete' | 'pending' | 'error';
  type: 'individual' | 'subject-list' | 'summary' | 'data-collection';
  measure: string;
  date?: string;
  reporter?: Reference;
  period: Period;
  improvementNotation?: CodeableConcept;
  group?: MeasureReportGroup[];
}

// ---------------------------------------------------------------------------------------------------------------
// Builder.

interface ReportCommon {
  provider: { agb: string; name?: string };
  /** The measured period, as calendar dates. */
  period: { start: string; end: string };
  /** When the report was made: a FHIR dateTime with time and zone. Passed in so the builder stays pure. */
  date: string;
  id?: string;
}

export type MeasureReportInput = ReportCommon &
  (
    | { kpi: 'HYBRID_PATHWAYS'; implemented: number; total: number }
    | {
        kpi: 'PHYSICAL_CONTACTS_REDUCTION';
        baseline: number;
        current: number;
        baselinePeriod: { start: string; end: string };
      }
    | { kpi: 'TELEMONITORING'; populations: ReadonlyArray<TelemonitoringRow> }
    | {
        kpi: 'CUSTOM';
        definition: CustomKpiDefinition;
        numerator: number;
        denominator: number;
        /** Required for a REDUCTION KPI: the period its denominator was counted in. */
        baselinePeriod?: { start: string; end: string };
      }
  );

function populationEntry(code: 'numerator' | 'denominator', count: number): MeasureReportPopulation {
  return { code: { coding: [{ system: MEASURE_POPULATION_SYSTEM, code }] }, count };
}

function percentQuantity(value: string): Quantity {
  // A two-decimal string survives the trip through a double: JSON.stringify prints the shortest form back.
  return { value: Number(value), unit: '%', system: UCUM_SYSTEM, code: '%' };
}

function checkPeriod(
  period: { start: string; end: string } | undefined,
  field: string,
  issues: KpiIssue[],
): [number, number] | null {
  const start = parseIsoDate(period?.start);
  const end = parseIsoDate(period?.end);
  if (start === null || end === null) {
    issues.push(issue('INVALID_DATE', field, `${field} needs start and end as calendar dates YYYY-MM-DD.`));
    return null;
  }
  if (start > end) {
    issues.push(issue('INVALID_PERIOD', field, `${field} starts after it ends.`));
    return null;
  }
  return [start, end];
}

function checkBaseline(
  baselinePeriod: { start: string; end: string } | undefined,
  period: [number, number] | null,
  issues: KpiIssue[],
): Extension {
  const baseline = checkPeriod(baselinePeriod, 'baselinePeriod', issues);
  if (baseline && period && baseline[1] >= period[0]) {
    issues.push({
      code: KpiErrorCode.BASELINE_PERIOD_NOT_BEFORE,
      field: 'baselinePeriod',
      message: 'baselinePeriod must end before the measured period starts.',
    });
  }
  return { url: BASELINE_PERIOD_EXTENSION, valuePeriod: { start: baselinePeriod?.start, end: baselinePeriod?.end } };
}

/** Month lengths for pro-rating a baseline, when both periods span whole months; nothing otherwise. */
function monthsOf(
  period: { start: string; end: string } | undefined,
  baselinePeriod: { start: string; end: string } | undefined,
): { months?: PeriodMonths } {
  const measured = period ? wholeMonths(period) : null;
  const baseline = baselinePeriod ? wholeMonths(baselinePeriod) : null;
  return measured !== null && baseline !== null ? { months: { measured, baseline } } : {};
}

function reductionMonths(input: MeasureReportInput): PeriodMonths {
  const baselinePeriod = input.kpi === KpiCode.PHYSICAL_CONTACTS_REDUCTION || input.kpi === 'CUSTOM' ? input.baselinePeriod : undefined;
  return monthsOf(input.period, baselinePeriod).months ?? { measured: 1, baseline: 1 };
}

/**
 * A reduction the FHIR way: the report measures the contacts themselves, so fewer is better (improvementNotation
 * decrease), and its populations reproduce its score. Numerator: the measured contacts x the months of the baseline;
 * denominator: the baseline contacts x the months measured (integers, which pro-rate the baseline exactly as the
 * API does); measureScore = numerator / denominator in percent, so the API's reduction is 100 - measureScore. A
 * stratifier gives the measurement and the baseline as they were counted, each in its own stratum.
 */
function contactsAgainstBaseline(value: KpiValue, months: PeriodMonths, baselinePeriod: Extension) {
  const numerator = value.numerator * months.baseline;
  const denominator = value.denominator * months.measured;
  const scaledDenominator = populationEntry('denominator', denominator);
  scaledDenominator.extension = [baselinePeriod];
  const stratum = (code: 'measurement' | 'baseline', display: string, count: number): MeasureReportStratum => ({
    value: { coding: [{ system: STRATIFIER_CODE_SYSTEM, code, display }] },
    population: [{ code: { coding: [{ system: MEASURE_POPULATION_SYSTEM, code: 'measure-population' }] }, count }],
  });
  return {
    population: [populationEntry('numerator', numerator), scaledDenominator],
    score: toDecimalString(rational(BigInt(numerator) * 100n, BigInt(denominator))),
    stratifier: {
      code: [{ coding: [{ system: STRATIFIER_CODE_SYSTEM, code: 'reduction-period' }], text: 'Measured period or baseline period' }],
      stratum: [
        stratum('measurement', `Physical contacts in the measured period (${months.measured} months)`, value.numerator),
        stratum('baseline', `Physical contacts in the baseline period (${months.baseline} months)`, value.denominator),
      ],
    } satisfies MeasureReportStratifier,
  };
}

/**
 * One summary MeasureReport. The value is computed by the same functions as everywhere else, so the report
 * cannot disagree with the API. For PHYSICAL_CONTACTS_REDUCTION the numerator is the measured period's physical
 * contacts and the denominator the baseline's, the score being (denominator - numerator) / denominator; the
 * baseline period rides on the denominator as an extension, since R4 has no element for it.
 */
export function buildMeasureReport(input: MeasureReportInput): KpiResult<MeasureReport> {
  const issues: KpiIssue[] = [];
  if (typeof input.provider?.agb !== 'string' || !/^\d{8}$/.test(input.provider.agb)) {
    issues.push(issue('INVALID_AGB', 'provider.agb', 'provider.agb must be an AGB code of 8 digits.'));
  }
  const period = checkPeriod(input.period, 'period', issues);
  if (typeof input.date !== 'string' || !isFhirDateTime(input.date) || !input.date.includes('T')) {
    issues.push({
      code: KpiErrorCode.INVALID_DATE_TIME,
      field: 'date',
      message: 'date must be a date and time with zone, such as 2025-01-15T09:30:00+01:00.',
    });
  }

  let value: KpiResult<KpiValue>;
  let stratifier: MeasureReportStratifier | undefined;
  let baselineExtension: Extension | undefined;
  switch (input.kpi) {
    case KpiCode.HYBRID_PATHWAYS:
      value = hybridPathwaysPercent(input);
      break;
    case KpiCode.PHYSICAL_CONTACTS_REDUCTION: {
      baselineExtension = checkBaseline(input.baselinePeriod, period, issues);
      value = physicalContactsReductionPercent({
        baseline: input.baseline,
        current: input.current,
        ...monthsOf(input.period, input.baselinePeriod),
      });
      break;
    }
    case 'CUSTOM': {
      const { definition } = input;
      if (typeof definition?.code !== 'string' || !CUSTOM_CODE.test(definition.code)) {
        issues.push(issue('UNKNOWN_ENUM_VALUE', 'definition.code', 'definition.code must be 2-40 capitals, digits or underscores.'));
      }
      if (typeof definition?.name !== 'string' || definition.name.trim() === '') {
        issues.push(issue('FHIR_REQUIRED', 'definition.name', 'definition.name must not be empty.'));
      }
      if (definition?.direction !== KpiDirection.HIGHER_IS_BETTER && definition?.direction !== KpiDirection.LOWER_IS_BETTER) {
        issues.push(issue('UNKNOWN_ENUM_VALUE', 'definition.direction', 'definition.direction must be HIGHER_IS_BETTER or LOWER_IS_BETTER.'));
      }
      const reduction = definition?.scoring === KpiScoring.REDUCTION;
      if (reduction) baselineExtension = checkBaseline(input.baselinePeriod, period, issues);
      value = valueFromCounts(
        definition?.scoring,
        {
          numerator: input.numerator,
          denominator: input.denominator,
          ...(reduction ? monthsOf(input.period, input.baselinePeriod) : {}),
        },
      );
      break;
    }
    case KpiCode.TELEMONITORING: {
      const telemonitoring = telemonitoringPercent(input);
      value = telemonitoring;
      if (telemonitoring.ok) {
        stratifier = {
          code: [
            {
              coding: [{ system: STRATIFIER_CODE_SYSTEM, code: 'telemonitoring-population' }],
              text: 'Telemonitoring population',
            },
          ],
          stratum: telemonitoring.data.breakdown.map((row) => ({
            value: {
              coding: [
                { system: POPULATION_CODE_SYSTEM, code: row.population, display: POPULATION_LABELS[row.population] },
              ],
              ...(row.otherName !== undefined ? { text: row.otherName } : {}),
            },
            population: [populationEntry('numerator', row.numerator), populationEntry('denominator', row.denominator)],
            ...(row.value !== null ? { measureScore: percentQuantity(row.value) } : {}),
          })),
        };
      }
      break;
    }
    default:
      return {
        ok: false,
        errors: [issue('UNKNOWN_ENUM_VALUE', 'kpi', `Unknown KPI ${JSON.stringify((input as { kpi: unknown }).kpi)}.`)],
      };
  }
  if (!value.ok) issues.push(...value.errors);
  if (issues.length > 0 || !value.ok) return { ok: false, errors: issues };

  const definition = input.kpi === 'CUSTOM' ? input.definition : KPI_BY_CODE[input.kpi];
  const scored = baselineExtension ? contactsAgainstBaseline(value.data, reductionMonths(input), baselineExtension) : null;
  const denominator = populationEntry('denominator', value.data.denominator);
  const report: MeasureReport = {
    resourceType: 'MeasureReport',
    ...(input.id !== undefined ? { id: input.id } : {}),
    status: 'complete',
    type: 'summary',
    measure: measureCanonical(definition.code),
    date: input.date,
    reporter: {
      type: 'Organization',
      identifier: { system: AGB_SYSTEM, value: input.provider.agb },
      ...(input.provider.name ? { display: input.provider.name } : {}),
    },
    period: { start: input.period.start, end: input.period.end },
    improvementNotation: {
      coding: [
        {
          system: IMPROVEMENT_NOTATION_SYSTEM,
          code: !scored && definition.direction === KpiDirection.HIGHER_IS_BETTER ? 'increase' : 'decrease',
        },
      ],
    },
    group: [
      {
        code: { coding: [{ system: KPI_CODE_SYSTEM, code: definition.code, display: definition.name }] },
        population: scored ? scored.population : [populationEntry('numerator', value.data.numerator), denominator],
        measureScore: percentQuantity(scored ? scored.score : value.data.value),
        ...(scored ? { stratifier: [scored.stratifier] } : stratifier ? { stratifier: [stratifier] } : {}),
      },
    ],
  };
  // The validator is the contract; a builder bug (a count past 32 bits, a bad id) surfaces here, not at a partner.
  return validateMeasureReport(report);
}

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
    issues.push(issue('FHIR_WRONG_TYPE', path, `${path} must be ${expected}; got ${JSON.stringify(value)}.`));
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
    issues.push(issue('FHIR_EMPTY', path, `${path} must not be empty or blank.`));
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
    issues.push(issue('FHIR_FIXED_VALUE', path, `${path} must be '${spec.fixed}'; got '${value}'.`));
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
    issues.push(issue('FHIR_EMPTY', path, `${path} is null; FHIR JSON leaves absent elements out.`));
    return;
  }
  if (spec.kind === 'primitive') {
    checkPrimitive(value, spec, path, issues);
    return;
  }
  if (!isPlainObject(value)) {
    issues.push(issue('FHIR_WRONG_TYPE', path, `${path} must be a ${spec.name} object.`));
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    issues.push(issue('FHIR_EMPTY', path, `${path} is an empty object; FHIR JSON leaves it out.`));
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
    if (rule.min === 1) issues.push(issue('FHIR_REQUIRED', path, `${path} is required.`));
    return;
  }
  if (rule.max === 1) {
    if (Array.isArray(value)) {
      issues.push(issue('FHIR_CARDINALITY', path, `${path} takes one value, not an array.`));
      return;
    }
    checkValue(value, rule.spec, path, issues);
    return;
  }
  if (!Array.isArray(value)) {
    issues.push(issue('FHIR_CARDINALITY', path, `${path} repeats, so it must be an array.`));
    return;
  }
  if (value.length === 0) {
    issues.push(issue('FHIR_EMPTY', path, `${path} is an empty array; FHIR JSON leaves it out.`));
    return;
  }
  value.forEach((item, index) => checkValue(item, rule.spec, `${path}[${index}]`, issues));
}

const invariant = (issues: KpiIssue[], path: string, message: string) =>
  issues.push(issue('FHIR_INVARIANT', path, message));

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
    return { ok: false, errors: [issue('FHIR_WRONG_TYPE', '', 'A MeasureReport must be a JSON object.')] };
  }
  checkValue(json, MEASURE_REPORT, '', issues);
  if (issues.length > 0) return { ok: false, errors: issues };
  return { ok: true, data: json as unknown as MeasureReport };
}
