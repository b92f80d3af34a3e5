/**
 * The KPI catalogue: the KPI targets for hybrid care in medical-specialist care (MSZ) of Zilveren Kruis' purchasing
 * policy 2024, seed 004_1f8df596a6e33aa0.txt, section "Welke doelstellingen hebben wij voor ogen?".
 * The rules' enumerations are plain const objects rather than TypeScript enums: string literals type-check against
 * them, and type-graphql's registerEnumType (kpi.enums.ts) accepts them as they are.
 */

export const KPI_SEED_SOURCE = '004_1f8df596a6e33aa0.txt';

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
