import { registerEnumType } from 'type-graphql';
import { BulkErrorPolicy } from '../shared/bulk-error-policy';
import { KpiSuppressionReason, MIN_PROTECTED_PROVIDERS } from './rules/stats';
import { KpiDirection, KpiScoring, KpiUnit } from './rules/catalogue';
import { KpiObligation } from './rules/obligation';
import { KpiStatus, TrendDirection } from './rules/progress';
import { PopulationSetVariant, TelemonitoringPopulation } from './rules/populations';
import { KpiPeriodKind } from './rules/period';

/**
 * GraphQL names for the enumerations of the pure KPI rules, plus the few that only the API needs. The rules keep
 * plain const objects; registering them here keeps the rules (rules/) free of type-graphql.
 */

export const KpiDefinitionStatus = {
  CATALOGUE: 'CATALOGUE',
  PROPOSED: 'PROPOSED',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
} as const;
export type KpiDefinitionStatus = (typeof KpiDefinitionStatus)[keyof typeof KpiDefinitionStatus];

/** Which counts a measurement of the KPI carries, and so which input fields a submission must fill. */
export const KpiMeasurementKind = {
  HYBRID_PATHWAYS: 'HYBRID_PATHWAYS',
  PHYSICAL_CONTACTS: 'PHYSICAL_CONTACTS',
  TELEMONITORING: 'TELEMONITORING',
  COUNTS: 'COUNTS',
} as const;
export type KpiMeasurementKind = (typeof KpiMeasurementKind)[keyof typeof KpiMeasurementKind];

export const ObligationSource = { DERIVED: 'DERIVED', OVERRIDDEN: 'OVERRIDDEN' } as const;
export type ObligationSource = (typeof ObligationSource)[keyof typeof ObligationSource];

/** The published name of BulkErrorPolicy before it was shared; kept on the deprecated `errorPolicy` field for one release. */
export const KpiBulkErrorPolicy = { ...BulkErrorPolicy };

export const KpiReviewDecision = { APPROVE: 'APPROVE', REJECT: 'REJECT' } as const;
export type KpiReviewDecision = (typeof KpiReviewDecision)[keyof typeof KpiReviewDecision];

registerEnumType(KpiDirection, {
  name: 'KpiDirection',
  description: 'Which way a KPI improves.',
  valuesConfig: {
    HIGHER_IS_BETTER: { description: 'A higher value is better (a share reached, a reduction achieved).' },
    LOWER_IS_BETTER: { description: 'A lower value is better.' },
  },
});

registerEnumType(KpiScoring, {
  name: 'KpiScoring',
  description: 'How a KPI turns its numerator and denominator into a value.',
  valuesConfig: {
    PROPORTION: { description: 'numerator / denominator x 100; the numerator is part of the denominator.' },
    REDUCTION: {
      description:
        'Reduction against a baseline: (baseline - measured) / baseline x 100, the baseline pro-rated to the measured period by whole months.',
    },
  },
});

registerEnumType(KpiUnit, {
  name: 'KpiUnit',
  description: 'The unit of a KPI value.',
  valuesConfig: { PERCENT: { description: 'Percent, two decimals.' } },
});

registerEnumType(KpiStatus, {
  name: 'KpiStatus',
  description: 'Where a target stands, by the rule in README (KPI progress status).',
  valuesConfig: {
    MET: { description: 'The latest value reaches the target.' },
    ON_TRACK: { description: 'Not reached yet, but on or beyond the straight path to the target at the target date.' },
    AT_RISK: { description: 'Not reached yet and behind the straight path to the target.' },
    NOT_MET: { description: 'The target date has passed, or its final period is in, and the target is not reached.' },
    NO_DATA: { description: 'No measurement counts yet for this target.' },
  },
});

registerEnumType(KpiObligation, {
  name: 'KpiObligation',
  description: 'Whether a KPI target binds as a best effort or as a result (seed 004).',
  valuesConfig: {
    BEST_EFFORT: { description: 'Best-effort obligation (inspanningsverplichting): the hospital must try.' },
    RESULT: { description: 'Result obligation (resultaatverplichting): the target must be met.' },
  },
});

registerEnumType(TrendDirection, {
  name: 'KpiTrendDirection',
  description: 'How the latest value moved against the one before it, judged by the KPI direction.',
  valuesConfig: {
    IMPROVING: { description: 'It moved the good way.' },
    STABLE: { description: 'It did not move.' },
    WORSENING: { description: 'It moved the bad way.' },
  },
});

registerEnumType(PopulationSetVariant, {
  name: 'TelemonitoringVariant',
  description: 'Which of the two population sets of seed 004 a telemonitoring measurement uses.',
  valuesConfig: {
    VARIANT_I: { description: 'Variant I: exactly heart failure, COPD and IBD.' },
    VARIANT_II: { description: 'Variant II: two of heart failure, COPD and IBD plus at least one other population.' },
  },
});

registerEnumType(TelemonitoringPopulation, {
  name: 'TelemonitoringPopulation',
  description: 'A patient population of the telemonitoring KPI (seed 004).',
  valuesConfig: {
    HEART_FAILURE: { description: 'Heart failure (hartfalen); a core population.' },
    COPD: { description: 'COPD; a core population.' },
    IBD: { description: 'Inflammatory bowel disease; a core population.' },
    HYPERTENSION: { description: 'Hypertension, including pregnancy (hypertensie, incl. zwangerschap).' },
    ONCOLOGY: { description: 'Oncology (oncologie).' },
    ATRIAL_FIBRILLATION: { description: 'Atrial fibrillation (atriumfibrilleren).' },
    ASTHMA: { description: 'Asthma (astma).' },
    OTHER: { description: 'A condition the hospital names itself (zelf te bepalen); its name is in otherName.' },
  },
});

registerEnumType(KpiPeriodKind, {
  name: 'KpiPeriodKind',
  description: 'The length of a measurement period.',
  valuesConfig: {
    MONTH: { description: 'A calendar month.' },
    QUARTER: { description: 'A calendar quarter.' },
    YEAR: { description: 'A calendar year.' },
  },
});

registerEnumType(KpiDefinitionStatus, {
  name: 'KpiDefinitionStatus',
  description: 'Where a KPI stands: from the catalogue, or proposed by a hospital and reviewed by an insurer.',
  valuesConfig: {
    CATALOGUE: { description: 'One of the KPIs of seed 004; open to every hospital.' },
    PROPOSED: { description: "A hospital's own KPI, awaiting the insurer's review." },
    APPROVED: { description: "A hospital's own KPI that the insurer approved; targets and measurements may use it." },
    REJECTED: { description: "A hospital's own KPI that the insurer rejected, with a reason." },
  },
});

registerEnumType(KpiMeasurementKind, {
  name: 'KpiMeasurementKind',
  description: 'Which counts a measurement of a KPI carries, and so which fields a submission fills.',
  valuesConfig: {
    HYBRID_PATHWAYS: { description: 'hybridPathways: pathways with hybrid care implemented, and all pathways.' },
    PHYSICAL_CONTACTS: { description: 'physicalContacts: the count of physical outpatient contacts and consults.' },
    TELEMONITORING: { description: 'populations: telemonitored and in-population patients per population.' },
    COUNTS: { description: "counts: the numerator and (for a proportion) the denominator of a hospital's own KPI." },
  },
});

registerEnumType(ObligationSource, {
  name: 'KpiObligationSource',
  description: 'Whether a target keeps the obligation the seed-004 rule derives, or overrides it.',
  valuesConfig: {
    DERIVED: { description: 'The obligation is the one the rule derives.' },
    OVERRIDDEN: { description: 'The insurer set another obligation and recorded why.' },
  },
});

registerEnumType(KpiBulkErrorPolicy, {
  name: 'KpiBulkErrorPolicy',
  description: 'What a bulk submission does when some rows are wrong. Deprecated: BulkErrorPolicy has the same values.',
  valuesConfig: {
    ALL_OR_NOTHING: { description: 'Write nothing when any row is wrong; every error is reported with its row.' },
    REJECT_FAILED_ROWS: { description: 'Write the good rows and reject the wrong ones, each error with its row.' },
  },
});

registerEnumType(KpiReviewDecision, {
  name: 'KpiReviewDecision',
  description: "An insurer's decision on a KPI a hospital proposed.",
  valuesConfig: {
    APPROVE: { description: 'Approve: targets and measurements may use the KPI.' },
    REJECT: { description: 'Reject, with a reason.' },
  },
});

registerEnumType(KpiSuppressionReason, {
  name: 'KpiSuppressionReason',
  description: 'Why a dashboard aggregate is withheld.',
  valuesConfig: {
    NO_PROVIDERS: { description: 'No provider is covered (for figures: none has a value), so there is nothing to aggregate.' },
    TOO_FEW_PROVIDERS: {
      description: `Between 1 and ${MIN_PROTECTED_PROVIDERS - 1} of the providers covered are ones whose figures or target you may not read: with what you know of the others, the figure could single them out.`,
    },
  },
});
