/**
 * Builds the FHIR R4 MeasureReport for one provider x KPI x period from its counts, and validates what it built.
 */
import { KPI_BY_CODE, KpiCode, KpiDirection, KpiScoring } from '../rules/catalogue';
import { KpiErrorCode, KpiIssue, KpiResult } from '../rules/result';
import {
  KpiValue,
  PeriodMonths,
  TelemonitoringRow,
  hybridPathwaysPercent,
  physicalContactsReductionPercent,
  telemonitoringPercent,
  valueFromCounts,
} from '../rules/values';
import { POPULATION_LABELS } from '../rules/populations';
import { parseIsoDate, rational, toDecimalString } from '../rules/arithmetic';
import {
  AGB_SYSTEM,
  BASELINE_PERIOD_EXTENSION,
  CustomKpiDefinition,
  Extension,
  IMPROVEMENT_NOTATION_SYSTEM,
  KPI_CODE_SYSTEM,
  MEASURE_POPULATION_SYSTEM,
  MeasureReport,
  MeasureReportPopulation,
  MeasureReportStratifier,
  MeasureReportStratum,
  POPULATION_CODE_SYSTEM,
  Quantity,
  STRATIFIER_CODE_SYSTEM,
  UCUM_SYSTEM,
  issue,
  measureCanonical,
  wholeMonths,
} from './measure-report.types';
import { isFhirDateTime, validateMeasureReport } from './measure-report.validator';

const CUSTOM_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

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
    issues.push(issue(KpiErrorCode.INVALID_DATE, field, `${field} needs start and end as calendar dates YYYY-MM-DD.`));
    return null;
  }
  if (start > end) {
    issues.push(issue(KpiErrorCode.INVALID_PERIOD, field, `${field} starts after it ends.`));
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
    issues.push(issue(KpiErrorCode.INVALID_AGB, 'provider.agb', 'provider.agb must be an AGB code of 8 digits.'));
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
        issues.push(issue(KpiErrorCode.UNKNOWN_ENUM_VALUE, 'definition.code', 'definition.code must be 2-40 capitals, digits or underscores.'));
      }
      if (typeof definition?.name !== 'string' || definition.name.trim() === '') {
        issues.push(issue(KpiErrorCode.FHIR_REQUIRED, 'definition.name', 'definition.name must not be empty.'));
      }
      if (definition?.direction !== KpiDirection.HIGHER_IS_BETTER && definition?.direction !== KpiDirection.LOWER_IS_BETTER) {
        issues.push(issue(KpiErrorCode.UNKNOWN_ENUM_VALUE, 'definition.direction', 'definition.direction must be HIGHER_IS_BETTER or LOWER_IS_BETTER.'));
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
        errors: [issue(KpiErrorCode.UNKNOWN_ENUM_VALUE, 'kpi', `Unknown KPI ${JSON.stringify((input as { kpi: unknown }).kpi)}.`)],
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
