/** Telemonitoring populations and the two population sets (variants) seed 004 allows. */
import { checkEnum, KpiErrorCode, KpiIssue, KpiResult, fail, succeed } from './result';
import { KPI_SEED_SOURCE } from './catalogue';

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
