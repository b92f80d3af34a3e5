/**
 * The FHIR R4 MeasureReport as we emit it: our own types for the dozen R4 elements we use (instead of @types/fhir:
 * the validator, not the compiler, is what guards JSON that arrives from outside), our code systems and canonicals.
 */
import { KpiCode, KpiDirection, KpiScoring } from '../rules/catalogue';
import { KpiErrorCode, KpiIssue } from '../rules/result';
import { parseIsoDate } from '../rules/arithmetic';

export const issue = (code: KpiErrorCode, field: string, message: string): KpiIssue => ({ code, field, message });

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
