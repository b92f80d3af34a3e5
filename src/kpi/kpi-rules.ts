/**
 * KPI targets for hybrid care in medical-specialist care (MSZ): Zilveren Kruis' purchasing policy 2024,
 * seed 004_1f8df596a6e33aa0.txt, section "Welke doelstellingen hebben wij voor ogen?".
 *
 * Pure functions without I/O, so the GraphQL services, the CLI and the upload pipeline share one set of rules.
 * Data errors come back as a KpiResult with stable codes (they map one-to-one onto `userErrors`); exceptions are
 * thrown only for programming errors. Every value returned is computed exactly from integers and decimal strings
 * and rounded once, at the end, to two decimals (half away from zero), so no float drift reaches a contract.
 */

export const KPI_SEED_SOURCE = '004_1f8df596a6e33aa0.txt';

// ---------------------------------------------------------------------------------------------------------------
// Enumerations. Plain const objects rather than TypeScript enums: string literals type-check against them, and
// type-graphql's registerEnumType accepts them as they are.

export const KpiCode = {
  HYBRID_PATHWAYS: 'HYBRID_PATHWAYS',
  PHYSICAL_CONTACTS_REDUCTION: 'PHYSICAL_CONTACTS_REDUCTION',
  TELEMONITORING: 'TELEMONITORING',
} as const;
export type KpiCode = (typeof KpiCode)[keyof typeof KpiCode];

export const KpiDirection = {
  HIGHER_IS_BETTER: 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER: 'LOWER_IS_BETTER',
} as const;
export type KpiDirection = (typeof KpiDirection)[keyof typeof KpiDirection];

export const KpiUnit = { PERCENT: 'PERCENT' } as const;
export type KpiUnit = (typeof KpiUnit)[keyof typeof KpiUnit];

/**
 * How a KPI turns its two counts into a value. PROPORTION: numerator / denominator x 100, the numerator being part
 * of the denominator. REDUCTION: (denominator - numerator) / denominator x 100, with the denominator the baseline
 * period's count and the numerator the measured period's count (it may exceed the baseline).
 */
export const KpiScoring = { PROPORTION: 'PROPORTION', REDUCTION: 'REDUCTION' } as const;
export type KpiScoring = (typeof KpiScoring)[keyof typeof KpiScoring];

export const KpiStatus = {
  MET: 'MET',
  ON_TRACK: 'ON_TRACK',
  AT_RISK: 'AT_RISK',
  NOT_MET: 'NOT_MET',
  NO_DATA: 'NO_DATA',
} as const;
export type KpiStatus = (typeof KpiStatus)[keyof typeof KpiStatus];

export const KpiObligation = { BEST_EFFORT: 'BEST_EFFORT', RESULT: 'RESULT' } as const;
export type KpiObligation = (typeof KpiObligation)[keyof typeof KpiObligation];

/** The kinds of MSZ provider that seed 004 treats differently for the KPI obligation. */
export const KpiProviderKind = {
  HOSPITAL: 'HOSPITAL',
  INDEPENDENT_CLINIC: 'INDEPENDENT_CLINIC',
  REHABILITATION_CENTRE: 'REHABILITATION_CENTRE',
} as const;
export type KpiProviderKind = (typeof KpiProviderKind)[keyof typeof KpiProviderKind];

export const TelemonitoringPopulation = {
  HEART_FAILURE: 'HEART_FAILURE',
  COPD: 'COPD',
  IBD: 'IBD',
  HYPERTENSION: 'HYPERTENSION',
  ONCOLOGY: 'ONCOLOGY',
  ATRIAL_FIBRILLATION: 'ATRIAL_FIBRILLATION',
  ASTHMA: 'ASTHMA',
  OTHER: 'OTHER',
} as const;
export type TelemonitoringPopulation = (typeof TelemonitoringPopulation)[keyof typeof TelemonitoringPopulation];

export const POPULATION_LABELS: Readonly<Record<TelemonitoringPopulation, string>> = Object.freeze({
  HEART_FAILURE: 'Heart failure (hartfalen)',
  COPD: 'COPD',
  IBD: 'IBD',
  HYPERTENSION: 'Hypertension, including pregnancy (hypertensie, incl. zwangerschap)',
  ONCOLOGY: 'Oncology (oncologie)',
  ATRIAL_FIBRILLATION: 'Atrial fibrillation (atriumfibrilleren)',
  ASTHMA: 'Asthma (astma)',
  OTHER: 'A condition chosen by the hospital (zelf te bepalen door uw ziekenhuis)',
});

/** Heart failure, COPD and IBD: all three make variant I, exactly two of them are the core of variant II. */
export const CORE_POPULATIONS: readonly TelemonitoringPopulation[] = Object.freeze(['HEART_FAILURE', 'COPD', 'IBD']);

export const PopulationSetVariant = { VARIANT_I: 'VARIANT_I', VARIANT_II: 'VARIANT_II' } as const;
export type PopulationSetVariant = (typeof PopulationSetVariant)[keyof typeof PopulationSetVariant];

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

function succeed<T>(data: T): KpiResult<T> {
  return { ok: true, data };
}

function fail<T>(errors: KpiIssue[]): KpiResult<T> {
  return { ok: false, errors };
}

function isOneOf<T extends string>(options: Readonly<Record<string, T>>, value: unknown): value is T {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(options, value) && options[value] === value;
}

function checkEnum<T extends string>(
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

// ---------------------------------------------------------------------------------------------------------------
// Exact arithmetic. Exported for kpi-stats.ts and measure-report.ts; not part of the GraphQL surface.

/** A fraction of two BigInts, kept in lowest terms with a positive denominator. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  // Dashboards reduce thousands of small fractions per request; Number arithmetic is exact below 2^53 and many
  // times faster than BigInt division, so the loop runs there whenever both fit.
  if (x <= MAX_SAFE && y <= MAX_SAFE) {
    let m = Number(x);
    let n = Number(y);
    while (n !== 0) [m, n] = [n, m % n];
    return BigInt(m);
  }
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

export const addR = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const subR = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mulR = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const divR = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const cmpR = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
};

// Length cap keeps a hostile upload from handing BigInt a million digits.
const DECIMAL_PATTERN = /^-?\d{1,18}(\.\d{1,12})?$/;

const POWERS_OF_TEN = Array.from({ length: 13 }, (_, k) => 10n ** BigInt(k));

/**
 * A parser of strings that remembers its last few thousand answers (forgetting all of them when full): the
 * dashboards parse the same values and dates over and over. Only for results that are never mutated.
 */
function memoised<T>(parse: (text: string) => T, size: number): (text: unknown) => T | null {
  const cache = new Map<string, T>();
  return (text) => {
    if (typeof text !== 'string') return null;
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const parsed = parse(text);
    if (cache.size >= size) cache.clear();
    cache.set(text, parsed);
    return parsed;
  };
}

/** Parses '25', '25.5' or '-3.25' exactly; anything else (exponents, commas, spaces, '+') gives null. */
export const parseDecimal: (text: unknown) => Rational | null = memoised(parseDecimalUncached, 8192);

function parseDecimalUncached(text: string): Rational | null {
  if (!DECIMAL_PATTERN.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const magnitude = BigInt(whole + fraction);
  return rational(negative ? -magnitude : magnitude, POWERS_OF_TEN[fraction.length]);
}

/** Rounds to hundredths, half away from zero, so -12.345 becomes -12.35 just as 12.345 becomes 12.35. */
export function roundToHundredths(value: Rational): bigint {
  const scaled = value.num * 100n;
  const quotient = scaled / value.den;
  const remainder = scaled % value.den;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (2n * absRemainder >= value.den) return quotient + (scaled < 0n ? -1n : 1n);
  return quotient;
}

/** The decimal string with exactly two decimals that every KPI value is returned as. */
export function toDecimalString(value: Rational): string {
  const hundredths = roundToHundredths(value);
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${abs / 100n}.${fraction}`;
}

/**
 * toDecimalString(numerator / denominator) for whole numbers, computed in Number arithmetic when every step stays
 * below 2^53 (so it is exact), else null. The dashboards compute thousands of shares per request; this skips the
 * BigInt fractions for them and gives the very same string.
 */
function fastDecimal(numerator: number, denominator: number): string | null {
  const magnitude = Math.abs(numerator);
  if (!(denominator > 0) || !Number.isSafeInteger(magnitude * 200) || !Number.isSafeInteger(denominator * 2)) return null;
  const scaled = magnitude * 100;
  const remainder = scaled % denominator;
  let hundredths = (scaled - remainder) / denominator;
  if (2 * remainder >= denominator) hundredths += 1;
  const negative = numerator < 0 && hundredths > 0;
  return `${negative ? '-' : ''}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar dates as whole days since 1970-01-01, so the progress path is interpolated over days, not instants.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a real calendar date 'YYYY-MM-DD' (2023-02-29 is rejected), or null. */
export const parseIsoDate: (text: unknown) => number | null = memoised(parseIsoDateUncached, 4096);

function parseIsoDateUncached(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, day);
  const back = new Date(millis);
  if (year < 1 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return null;
  }
  return millis / 86_400_000;
}

function checkDate(value: unknown, field: string, issues: KpiIssue[]): number | null {
  const day = parseIsoDate(value);
  if (day === null) {
    issues.push({
      code: KpiErrorCode.INVALID_DATE,
      field,
      message: `${field} must be a calendar date YYYY-MM-DD; got ${JSON.stringify(value)}.`,
    });
  }
  return day;
}

function checkDecimal(value: unknown, field: string, issues: KpiIssue[]): Rational | null {
  const parsed = parseDecimal(value);
  if (parsed === null) {
    issues.push({
      code: KpiErrorCode.INVALID_DECIMAL,
      field,
      message: `${field} must be a decimal string such as '25' or '-3.50'; got ${JSON.stringify(value)}.`,
    });
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. The catalogue.

export interface KpiDefinition {
  readonly code: KpiCode;
  readonly name: string;
  readonly description: string;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  readonly scoring: KpiScoring;
  /** Decimal string in the KPI's unit: '25.00' means 25 percent. */
  readonly targetValue: string;
  readonly targetDate: string;
  readonly needsBaseline: boolean;
  readonly source: string;
}

export const KPI_CATALOGUE: readonly KpiDefinition[] = Object.freeze(
  [
    {
      code: KpiCode.HYBRID_PATHWAYS,
      name: 'Hybrid care pathways',
      description:
        "Share of the hospital's care pathways (zorgpaden) for which hybrid care, a redesign that mixes digital " +
        "and physical care, is implemented ('KPI hybride zorgpaden: voor 25% van de zorgpaden is hybride zorg " +
        "geïmplementeerd'). Numerator: pathways with hybrid care implemented; denominator: all care pathways.",
      unit: KpiUnit.PERCENT,
      direction: KpiDirection.HIGHER_IS_BETTER,
      scoring: KpiScoring.PROPORTION,
      targetValue: '25.00',
      targetDate: '2024-12-31',
      needsBaseline: false,
      source: KPI_SEED_SOURCE,
    },
    {
      code: KpiCode.PHYSICAL_CONTACTS_REDUCTION,
      name: 'Reduction of physical outpatient contacts and consults',
      description:
        "Reduction of physical outpatient contacts and consults against a baseline period agreed with the " +
        "hospital ('KPI poliklinische contacten & consulten: tenminste 30% afname van fysieke contacten en " +
        "consulten'), at least 30 percent. Numerator: physical contacts and consults in the measured period; " +
        'denominator: the same count in the baseline period; value: (baseline - measured) / baseline x 100, ' +
        'negative when contacts rose.',
      unit: KpiUnit.PERCENT,
      direction: KpiDirection.HIGHER_IS_BETTER,
      scoring: KpiScoring.REDUCTION,
      targetValue: '30.00',
      targetDate: '2024-12-31',
      needsBaseline: true,
      source: KPI_SEED_SOURCE,
    },
    {
      code: KpiCode.TELEMONITORING,
      name: 'Telemonitoring',
      description:
        "Share of the hospital's patients in the chosen populations who are telemonitored ('KPI telemonitoring: " +
        "bij tenminste 20% van uw patiënten uit de volgende populaties'), at least 20 percent. The populations " +
        'are variant I (heart failure, COPD and IBD) or variant II (two of those plus at least one of ' +
        'hypertension incl. pregnancy, oncology, atrial fibrillation, asthma, or a condition the hospital names). ' +
        'Numerator: telemonitored patients; denominator: patients in the chosen populations.',
      unit: KpiUnit.PERCENT,
      direction: KpiDirection.HIGHER_IS_BETTER,
      scoring: KpiScoring.PROPORTION,
      targetValue: '20.00',
      targetDate: '2024-12-31',
      needsBaseline: false,
      source: KPI_SEED_SOURCE,
    },
  ].map((definition) => Object.freeze(definition)),
);

export const KPI_BY_CODE: Readonly<Record<KpiCode, KpiDefinition>> = Object.freeze(
  Object.fromEntries(KPI_CATALOGUE.map((definition) => [definition.code, definition])) as Record<
    KpiCode,
    KpiDefinition
  >,
);

// ---------------------------------------------------------------------------------------------------------------
// 2. Telemonitoring populations.

export interface PopulationSelection {
  population: TelemonitoringPopulation;
  /** Required for OTHER (the condition the hospital names), forbidden for the listed conditions. */
  otherName?: string;
}

export interface PopulationSetMatch {
  variant: PopulationSetVariant;
  /** The input in its given order, with a bare code expanded and otherName trimmed. */
  populations: PopulationSelection[];
}

const SET_RULE =
  'The telemonitoring populations must be variant I: exactly heart failure, COPD and IBD; or variant II: exactly ' +
  'two of heart failure, COPD and IBD plus at least one of hypertension (incl. pregnancy), oncology, atrial ' +
  `fibrillation, asthma or a condition the hospital names (seed ${KPI_SEED_SOURCE}).`;

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Checks a hospital's choice of telemonitoring populations against the two variants of seed 004. Variant I is
 * closed: the seed puts no "minimaal" before it, while variant II says "2 van" for the core and "minimaal 1" only
 * for the others, and its closing sentence ("We moedigen aan dat u telemonitoring ook bij andere zorgpaden
 * toepast") encourages telemonitoring outside the KPI without adding to its denominator. So all three core
 * conditions plus another is rejected; the hospital drops one core condition (variant II) or the extra one.
 */
export function validatePopulationSet(
  pops: ReadonlyArray<TelemonitoringPopulation | PopulationSelection>,
): KpiResult<PopulationSetMatch> {
  const issues: KpiIssue[] = [];
  const populations: PopulationSelection[] = [];
  const seen = new Map<string, number>();

  pops.forEach((entry, index) => {
    const field = `populations[${index}]`;
    const selection: PopulationSelection =
      typeof entry === 'string'
        ? { population: entry }
        : { population: entry.population, ...(entry.otherName !== undefined ? { otherName: entry.otherName } : {}) };
    if (!checkEnum(TelemonitoringPopulation, selection.population, `${field}.population`, issues)) return;

    let key: string = selection.population;
    if (selection.population === TelemonitoringPopulation.OTHER) {
      const name = typeof selection.otherName === 'string' ? selection.otherName.trim() : '';
      if (name === '') {
        issues.push({
          code: KpiErrorCode.POPULATION_OTHER_NAME_REQUIRED,
          field: `${field}.otherName`,
          message: `${field}: a population of type OTHER needs the name of the condition the hospital chose.`,
        });
        return;
      }
      selection.otherName = name;
      key = `OTHER:${normaliseName(name)}`;
    } else if (selection.otherName !== undefined) {
      issues.push({
        code: KpiErrorCode.POPULATION_NAME_NOT_ALLOWED,
        field: `${field}.otherName`,
        message: `${field}: only a population of type OTHER takes a name; ${selection.population} has its code.`,
      });
      return;
    }

    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        code: KpiErrorCode.POPULATION_DUPLICATE,
        field,
        message: `${field} repeats populations[${first}]; every population counts once.`,
      });
      return;
    }
    seen.set(key, index);
    populations.push(selection);
  });
  // A set rule judged on entries already rejected would only add a confusing second error.
  if (issues.length > 0) return fail(issues);

  const coreCount = populations.filter((p) => CORE_POPULATIONS.includes(p.population)).length;
  const otherCount = populations.length - coreCount;
  if (coreCount === 3 && otherCount === 0) return succeed({ variant: PopulationSetVariant.VARIANT_I, populations });
  if (coreCount === 2 && otherCount >= 1) return succeed({ variant: PopulationSetVariant.VARIANT_II, populations });

  let hint: string;
  if (coreCount === 3) {
    hint = 'All three core conditions plus another is neither: drop one core condition (variant II) or the others.';
  } else if (coreCount === 2) {
    hint = 'Two core conditions need at least one other condition (variant II), or add the third (variant I).';
  } else {
    hint = `Only ${coreCount} of heart failure, COPD and IBD chosen; at least two are needed.`;
  }
  return fail([
    { code: KpiErrorCode.POPULATION_SET_NOT_ALLOWED, field: 'populations', message: `${SET_RULE} ${hint}` },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Values.

export interface KpiCounts {
  numerator: number;
  denominator: number;
  /**
   * REDUCTION only: the lengths, in whole months, of the measured period and of the baseline period. A month
   * measured against a baseline year is compared with a twelfth of that year; absent means equal lengths.
   */
  months?: PeriodMonths;
}

export interface PeriodMonths {
  measured: number;
  baseline: number;
}

export interface KpiValue {
  /** Percent, two decimals. */
  value: string;
  numerator: number;
  denominator: number;
}

function checkCount(value: unknown, field: string, issues: KpiIssue[]): value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    issues.push({
      code: KpiErrorCode.NOT_AN_INTEGER,
      field,
      message: `${field} must be a whole number (at most ${Number.MAX_SAFE_INTEGER}); got ${JSON.stringify(value)}.`,
    });
    return false;
  }
  if (value < 0) {
    issues.push({ code: KpiErrorCode.NEGATIVE_COUNT, field, message: `${field} must not be negative; got ${value}.` });
    return false;
  }
  return true;
}

/**
 * The value of any catalogue KPI from its two counts, by the KPI's scoring. `fields` names the counts as the
 * caller's input does, so errors point at the caller's own fields.
 */
export function kpiValueFromCounts(
  kpi: KpiCode,
  counts: KpiCounts,
  fields: { numerator: string; denominator: string } = { numerator: 'numerator', denominator: 'denominator' },
): KpiResult<KpiValue> {
  const issues: KpiIssue[] = [];
  if (!checkEnum(KpiCode, kpi, 'kpi', issues)) return fail(issues);
  return valueFromCounts(KPI_BY_CODE[kpi].scoring, counts, fields);
}

function checkMonths(months: PeriodMonths | undefined): void {
  if (months === undefined) return;
  for (const length of [months.measured, months.baseline]) {
    if (!Number.isSafeInteger(length) || length < 1) {
      throw new RangeError(`valueFromCounts: period lengths must be whole months >= 1; got ${JSON.stringify(months)}`);
    }
  }
}

/**
 * The value of any KPI, a catalogue one or a hospital's own, from its two counts by its scoring. For REDUCTION
 * with `counts.months` the baseline is first pro-rated to the measured period's length:
 * (baseline x measured months - count x baseline months) / (baseline x measured months) x 100, which is the plain
 * (baseline - count) / baseline x 100 when both periods are equally long.
 */
export function valueFromCounts(
  scoring: KpiScoring,
  counts: KpiCounts,
  fields: { numerator: string; denominator: string } = { numerator: 'numerator', denominator: 'denominator' },
): KpiResult<KpiValue> {
  const issues: KpiIssue[] = [];
  if (!checkEnum(KpiScoring, scoring, 'scoring', issues)) return fail(issues);
  checkMonths(counts.months);
  const numeratorOk = checkCount(counts.numerator, fields.numerator, issues);
  const denominatorOk = checkCount(counts.denominator, fields.denominator, issues);
  if (!numeratorOk || !denominatorOk) return fail(issues);

  const { numerator, denominator } = counts;
  if (scoring === KpiScoring.REDUCTION) {
    if (denominator === 0) {
      return fail([
        {
          code: KpiErrorCode.BASELINE_ZERO,
          field: fields.denominator,
          message: `${fields.denominator} is 0: a reduction against a baseline without contacts is undefined.`,
        },
      ]);
    }
    const measuredMonths = counts.months?.measured ?? 1;
    const baselineMonths = counts.months?.baseline ?? 1;
    const quick = fastDecimal((denominator * measuredMonths - numerator * baselineMonths) * 100, denominator * measuredMonths);
    if (quick !== null) return succeed({ value: quick, numerator, denominator });
    const expected = BigInt(denominator) * BigInt(measuredMonths);
    const value = rational((expected - BigInt(numerator) * BigInt(baselineMonths)) * 100n, expected);
    return succeed({ value: toDecimalString(value), numerator, denominator });
  }

  if (denominator === 0) {
    return fail([
      {
        code: KpiErrorCode.ZERO_DENOMINATOR,
        field: fields.denominator,
        message: `${fields.denominator} is 0: a share of nothing is undefined.`,
      },
    ]);
  }
  if (numerator > denominator) {
    return fail([
      {
        code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR,
        field: fields.numerator,
        message: `${fields.numerator} (${numerator}) exceeds ${fields.denominator} (${denominator}).`,
      },
    ]);
  }
  return succeed({
    value: fastDecimal(numerator * 100, denominator) ?? toDecimalString(rational(BigInt(numerator) * 100n, BigInt(denominator))),
    numerator,
    denominator,
  });
}

/** implemented / total x 100. */
export function hybridPathwaysPercent(input: { implemented: number; total: number }): KpiResult<KpiValue> {
  return kpiValueFromCounts(
    KpiCode.HYBRID_PATHWAYS,
    { numerator: input.implemented, denominator: input.total },
    { numerator: 'implemented', denominator: 'total' },
  );
}

/**
 * (baseline - current) / baseline x 100; the result's numerator is `current`, its denominator `baseline`. With
 * `months` the baseline is pro-rated to the measured period's length first (see valueFromCounts).
 */
export function physicalContactsReductionPercent(input: {
  baseline: number;
  current: number;
  months?: PeriodMonths;
}): KpiResult<KpiValue> {
  return valueFromCounts(
    KpiScoring.REDUCTION,
    { numerator: input.current, denominator: input.baseline, ...(input.months ? { months: input.months } : {}) },
    { numerator: 'current', denominator: 'baseline' },
  );
}

export interface TelemonitoringRow extends PopulationSelection {
  telemonitored: number;
  inPopulation: number;
}

export interface TelemonitoringBreakdown {
  population: TelemonitoringPopulation;
  otherName?: string;
  numerator: number;
  denominator: number;
  /** Null when the hospital had no patients in this population: the pooled value is still defined. */
  value: string | null;
}

export interface TelemonitoringValue extends KpiValue {
  variant: PopulationSetVariant;
  breakdown: TelemonitoringBreakdown[];
}

/** sum(telemonitored) / sum(inPopulation) x 100 over a valid population set, with each population's own share. */
export function telemonitoringPercent(input: {
  populations: ReadonlyArray<TelemonitoringRow>;
}): KpiResult<TelemonitoringValue> {
  const issues: KpiIssue[] = [];
  const set = validatePopulationSet(input.populations);
  if (!set.ok) issues.push(...set.errors);

  input.populations.forEach((row, index) => {
    const field = `populations[${index}]`;
    const numeratorOk = checkCount(row.telemonitored, `${field}.telemonitored`, issues);
    const denominatorOk = checkCount(row.inPopulation, `${field}.inPopulation`, issues);
    if (numeratorOk && denominatorOk && row.telemonitored > row.inPopulation) {
      issues.push({
        code: KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR,
        field: `${field}.telemonitored`,
        message: `${field}.telemonitored (${row.telemonitored}) exceeds ${field}.inPopulation (${row.inPopulation}).`,
      });
    }
  });
  if (issues.length > 0 || !set.ok) return fail(issues);

  // The set passed, so it holds every row in input order, with OTHER names trimmed.
  const breakdown: TelemonitoringBreakdown[] = set.data.populations.map((selection, index) => {
    const { telemonitored, inPopulation } = input.populations[index];
    return {
      ...selection,
      numerator: telemonitored,
      denominator: inPopulation,
      value: inPopulation === 0 ? null : toDecimalString(rational(BigInt(telemonitored) * 100n, BigInt(inPopulation))),
    };
  });
  const numerator = breakdown.reduce((sum, row) => sum + BigInt(row.numerator), 0n);
  const denominator = breakdown.reduce((sum, row) => sum + BigInt(row.denominator), 0n);
  if (denominator === 0n) {
    return fail([
      {
        code: KpiErrorCode.ZERO_DENOMINATOR,
        field: 'populations',
        message: 'The chosen populations hold no patients, so the telemonitoring share is undefined.',
      },
    ]);
  }
  return succeed({
    value: toDecimalString(rational(numerator * 100n, denominator)),
    numerator: Number(numerator),
    denominator: Number(denominator),
    variant: set.data.variant,
    breakdown,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Obligation.

export const FIRST_KPI_YEAR = 2024;
export const FIRST_RESULT_OBLIGATION_YEAR = 2025;

export interface ObligationInput {
  year: number;
  providerKind: KpiProviderKind;
  /** Whether the contracting insurer is market leader (marktleider) where this provider is. */
  insurerIsMarketLeaderInProviderRegion: boolean;
  /** An obligation written into a custom agreement (maatwerkafspraak); it wins over the default. */
  agreedObligation?: KpiObligation;
}

export interface ObligationDecision {
  obligation: KpiObligation;
  reason: string;
}

/**
 * Whether the KPI targets bind as a best-effort or a result obligation. Seed 004: "Vanaf 2025 wordt de
 * inspanningsverplichting een resultaatverplichting bij ziekenhuizen waar wij marktleider zijn. Levert u medisch
 * specialistische zorg vanuit een zelfstandige kliniek? Dan zijn de doelstellingen, indien op u van toepassing,
 * een inspanningsverplichting." It also names custom agreements with a result obligation in core regions and
 * says digital care in rehabilitation (MSR) is agreed per provider and may deviate from the hospital targets.
 */
export function deriveObligation(input: ObligationInput): KpiResult<ObligationDecision> {
  const issues: KpiIssue[] = [];
  if (!Number.isSafeInteger(input.year)) {
    issues.push({
      code: KpiErrorCode.INVALID_YEAR,
      field: 'year',
      message: `year must be a whole number; got ${input.year}.`,
    });
  } else if (input.year < FIRST_KPI_YEAR) {
    issues.push({
      code: KpiErrorCode.YEAR_NOT_COVERED,
      field: 'year',
      message:
        `The hybrid-care KPI targets start with contract year ${FIRST_KPI_YEAR} (seed ${KPI_SEED_SOURCE}); ` +
        `got ${input.year}.`,
    });
  }
  checkEnum(KpiProviderKind, input.providerKind, 'providerKind', issues);
  if (input.agreedObligation !== undefined) {
    checkEnum(KpiObligation, input.agreedObligation, 'agreedObligation', issues);
  }
  if (typeof input.insurerIsMarketLeaderInProviderRegion !== 'boolean') {
    issues.push({
      code: KpiErrorCode.UNKNOWN_ENUM_VALUE,
      field: 'insurerIsMarketLeaderInProviderRegion',
      message: 'insurerIsMarketLeaderInProviderRegion must be true or false.',
    });
  }
  if (issues.length > 0) return fail(issues);

  if (input.agreedObligation !== undefined) {
    return succeed({
      obligation: input.agreedObligation,
      reason:
        `A custom agreement (maatwerkafspraak) sets a ` +
        `${input.agreedObligation === KpiObligation.RESULT ? 'result' : 'best-effort'} obligation; ` +
        'it overrides the policy default.',
    });
  }
  switch (input.providerKind) {
    case KpiProviderKind.INDEPENDENT_CLINIC:
      return succeed({
        obligation: KpiObligation.BEST_EFFORT,
        reason:
          'Independent clinic (zelfstandige kliniek): the targets, where they apply to the clinic, stay a ' +
          'best-effort obligation (inspanningsverplichting) in every year.',
      });
    case KpiProviderKind.REHABILITATION_CENTRE:
      return succeed({
        obligation: KpiObligation.BEST_EFFORT,
        reason:
          'Medical-specialist rehabilitation (MSR): digital care is agreed per provider and may deviate from the ' +
          'hospital targets; the policy sets no result obligation for it.',
      });
    case KpiProviderKind.HOSPITAL:
      if (input.year < FIRST_RESULT_OBLIGATION_YEAR) {
        return succeed({
          obligation: KpiObligation.BEST_EFFORT,
          reason:
            `In ${input.year} the targets are a best-effort obligation (inspanningsverplichting) ` +
            'for every hospital.',
        });
      }
      if (input.insurerIsMarketLeaderInProviderRegion) {
        return succeed({
          obligation: KpiObligation.RESULT,
          reason:
            `From ${FIRST_RESULT_OBLIGATION_YEAR} the targets are a result obligation (resultaatverplichting) at ` +
            'hospitals where the contracting insurer is market leader.',
        });
      }
      return succeed({
        obligation: KpiObligation.BEST_EFFORT,
        reason:
          `From ${FIRST_RESULT_OBLIGATION_YEAR} only hospitals where the contracting insurer is market leader move ` +
          'to a result obligation; here it is not, so the targets stay best effort.',
      });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Progress.

export interface KpiTarget {
  /** Decimal string in the KPI's unit. */
  value: string;
  direction: KpiDirection;
  year: number;
  /** The date by which the target must be reached; must lie in `year`. */
  targetDate: string;
}

export interface KpiMeasurement {
  periodStart: string;
  periodEnd: string;
  /** Decimal string in the KPI's unit. */
  value: string;
}

export interface ProgressInput {
  target: KpiTarget;
  series: ReadonlyArray<KpiMeasurement>;
  asOf: string;
}

export const TrendDirection = { IMPROVING: 'IMPROVING', STABLE: 'STABLE', WORSENING: 'WORSENING' } as const;
export type TrendDirection = (typeof TrendDirection)[keyof typeof TrendDirection];

export interface KpiProgress {
  status: KpiStatus;
  /** The measurement with the latest period end among those considered, or null. */
  latest: KpiMeasurement | null;
  /** HIGHER_IS_BETTER: latest / target x 100; LOWER_IS_BETTER: target / latest x 100. Null when undefined. */
  attainmentPercent: string | null;
  /** Latest value minus the one before it, in the KPI's unit; null with fewer than two measurements. */
  trend: string | null;
  trendDirection: TrendDirection | null;
  /** The pro-rata path's value at the latest period end; set only when the status is ON_TRACK or AT_RISK. */
  expectedValue: string | null;
  /** How many measurements ended on or before both the as-of date and the target date. */
  measurementsConsidered: number;
  reason: string;
}

/**
 * The status of one provider's KPI against its target, as KPI-RULES.md states it:
 * 1. Only measurements whose period ends on or before both `asOf` and the target date count.
 * 2. None: NO_DATA.
 * 3. The latest (greatest period end) reaches the target (>= for HIGHER_IS_BETTER, <= for LOWER_IS_BETTER): MET.
 * 4. Otherwise, when `asOf` is after the target date or the latest period ends on the target date: NOT_MET.
 * 5. Otherwise the latest is compared with a straight path to the target at the target date, evaluated at the
 *    latest period end and rounded to two decimals. The path starts at the first measurement; with a single
 *    HIGHER_IS_BETTER measurement it starts at 0 on 1 January of the target year instead. On or beyond the path:
 *    ON_TRACK, else AT_RISK. A single LOWER_IS_BETTER measurement has no neutral starting point and is ON_TRACK.
 */
export function evaluateProgress(input: ProgressInput): KpiResult<KpiProgress> {
  const issues: KpiIssue[] = [];
  const { target } = input;
  const targetValue = checkDecimal(target.value, 'target.value', issues);
  const directionOk = checkEnum(KpiDirection, target.direction, 'target.direction', issues);
  const targetDay = checkDate(target.targetDate, 'target.targetDate', issues);
  const asOfDay = checkDate(input.asOf, 'asOf', issues);
  if (!Number.isSafeInteger(target.year)) {
    issues.push({
      code: KpiErrorCode.INVALID_YEAR,
      field: 'target.year',
      message: `target.year must be a whole number; got ${target.year}.`,
    });
  } else if (targetDay !== null && !target.targetDate.startsWith(`${String(target.year).padStart(4, '0')}-`)) {
    issues.push({
      code: KpiErrorCode.TARGET_DATE_OUTSIDE_YEAR,
      field: 'target.targetDate',
      message: `target.targetDate ${target.targetDate} does not lie in target.year ${target.year}.`,
    });
  }

  interface Point {
    measurement: KpiMeasurement;
    endDay: number;
    value: Rational;
  }
  const points: Point[] = [];
  const endSeen = new Map<number, number>();
  input.series.forEach((measurement, index) => {
    const field = `series[${index}]`;
    const startDay = checkDate(measurement.periodStart, `${field}.periodStart`, issues);
    const endDay = checkDate(measurement.periodEnd, `${field}.periodEnd`, issues);
    const value = checkDecimal(measurement.value, `${field}.value`, issues);
    if (startDay === null || endDay === null || value === null) return;
    if (startDay > endDay) {
      issues.push({
        code: KpiErrorCode.INVALID_PERIOD,
        field,
        message: `${field} starts (${measurement.periodStart}) after it ends (${measurement.periodEnd}).`,
      });
      return;
    }
    // Two values for one period end would make "the latest" a coin toss.
    const other = endSeen.get(endDay);
    if (other !== undefined) {
      issues.push({
        code: KpiErrorCode.DUPLICATE_PERIOD_END,
        field,
        message: `${field} ends on ${measurement.periodEnd}, as series[${other}] does; keep one per period end.`,
      });
      return;
    }
    endSeen.set(endDay, index);
    points.push({ measurement, endDay, value });
  });
  if (issues.length > 0 || targetValue === null || !directionOk || targetDay === null || asOfDay === null) {
    return fail(issues);
  }

  const higher = target.direction === KpiDirection.HIGHER_IS_BETTER;
  const considered = points
    .filter((p) => p.endDay <= asOfDay && p.endDay <= targetDay)
    .sort((a, b) => a.endDay - b.endDay);
  const base = {
    attainmentPercent: null,
    trend: null,
    trendDirection: null,
    expectedValue: null,
    measurementsConsidered: considered.length,
  };
  if (considered.length === 0) {
    return succeed({
      ...base,
      status: KpiStatus.NO_DATA,
      latest: null,
      reason: 'No measurement ends on or before both the as-of date and the target date.',
    });
  }

  const latest = considered[considered.length - 1];
  const previous = considered.length > 1 ? considered[considered.length - 2] : null;
  const difference = previous ? subR(latest.value, previous.value) : null;
  const facts = {
    ...base,
    latest: { ...latest.measurement },
    attainmentPercent: attainment(latest.value, targetValue, higher),
    trend: difference ? toDecimalString(difference) : null,
    trendDirection: difference ? trendOf(difference, higher) : null,
  };

  const reached = higher ? cmpR(latest.value, targetValue) >= 0 : cmpR(latest.value, targetValue) <= 0;
  if (reached) {
    return succeed({ ...facts, status: KpiStatus.MET, reason: `The latest value reaches the target ${target.value}.` });
  }
  if (asOfDay > targetDay || latest.endDay === targetDay) {
    return succeed({
      ...facts,
      status: KpiStatus.NOT_MET,
      reason:
        asOfDay > targetDay
          ? `The target date ${target.targetDate} has passed and the latest value misses the target.`
          : `The period ending on the target date is in and misses the target.`,
    });
  }

  let origin: { day: number; value: Rational } | null = null;
  if (considered.length > 1) {
    origin = { day: considered[0].endDay, value: considered[0].value };
  } else if (higher) {
    // All three seed KPIs are shares or reductions that stand at 0 before any work is done.
    origin = { day: parseIsoDate(`${target.targetDate.slice(0, 4)}-01-01`) as number, value: rational(0n) };
  }
  if (origin === null) {
    return succeed({
      ...facts,
      status: KpiStatus.ON_TRACK,
      reason: 'A single measurement of a lower-is-better KPI gives no path to judge it by before the target date.',
    });
  }

  const expected =
    latest.endDay <= origin.day
      ? origin.value
      : addR(
          origin.value,
          mulR(
            subR(targetValue, origin.value),
            rational(BigInt(latest.endDay - origin.day), BigInt(targetDay - origin.day)),
          ),
        );
  // Judged against the path as shown (two decimals), so a value equal to the displayed path is never AT_RISK.
  const expectedValue = toDecimalString(expected);
  const shownPath = parseDecimal(expectedValue) as Rational;
  const onTrack = higher ? cmpR(latest.value, shownPath) >= 0 : cmpR(latest.value, shownPath) <= 0;
  return succeed({
    ...facts,
    expectedValue,
    status: onTrack ? KpiStatus.ON_TRACK : KpiStatus.AT_RISK,
    reason: onTrack
      ? 'The latest value is on or beyond the straight path to the target.'
      : 'The latest value is behind the straight path to the target.',
  });
}

function attainment(latest: Rational, target: Rational, higher: boolean): string | null {
  if (higher) return target.num > 0n ? toDecimalString(mulR(divR(latest, target), rational(100n))) : null;
  return latest.num > 0n ? toDecimalString(mulR(divR(target, latest), rational(100n))) : null;
}

function trendOf(difference: Rational, higher: boolean): TrendDirection {
  if (difference.num === 0n) return TrendDirection.STABLE;
  return difference.num > 0n === higher ? TrendDirection.IMPROVING : TrendDirection.WORSENING;
}
