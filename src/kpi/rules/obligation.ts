/** Whether a KPI target binds as a best-effort or a result obligation (seed 004). */
import { checkEnum, KpiErrorCode, KpiIssue, KpiResult, fail, succeed } from './result';
import { KPI_SEED_SOURCE } from './catalogue';

export const KpiObligation = { BEST_EFFORT: 'BEST_EFFORT', RESULT: 'RESULT' } as const;
export type KpiObligation = (typeof KpiObligation)[keyof typeof KpiObligation];

/** The kinds of MSZ provider that seed 004 treats differently for the KPI obligation. */
export const KpiProviderKind = {
  HOSPITAL: 'HOSPITAL',
  INDEPENDENT_CLINIC: 'INDEPENDENT_CLINIC',
  REHABILITATION_CENTRE: 'REHABILITATION_CENTRE',
} as const;
export type KpiProviderKind = (typeof KpiProviderKind)[keyof typeof KpiProviderKind];

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
