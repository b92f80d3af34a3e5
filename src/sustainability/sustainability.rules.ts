/**
 * The sustainability obligations of the insurers' uniform national text (ZN, seed 001 Bijlage 1) and of the general
 * purchasing sections of seeds 000, 002, 003 and 004, decided from one provider's answers for a year. Pure: the
 * service and the tests call it with answers only.
 */

export enum SustainabilityObligation {
  STRATEGY = 'STRATEGY',
  CO2_ROADMAP = 'CO2_ROADMAP',
  MOBILITY_PLAN = 'MOBILITY_PLAN',
  REPORTING = 'REPORTING',
}

export enum ComplianceStatus {
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  UNKNOWN = 'UNKNOWN',
}

export enum RealEstate {
  OWNS = 'OWNS',
  RENTS = 'RENTS',
  OWNS_AND_RENTS = 'OWNS_AND_RENTS',
  NONE = 'NONE',
}

/** The answers the rules read, typed; null where the provider left a question open. */
export interface SustainabilityFacts {
  fte: number | null;
  realEstate: RealEstate | null;
  sustainabilityInStrategy: boolean | null;
  co2RoadmapDeliveredOn: string | null;
  co2RoadmapDelivered: boolean | null;
  mobilityPlan: boolean | null;
  csrdObliged: boolean | null;
  annualReportObliged: boolean | null;
  annualReportSustainabilitySection: boolean | null;
}

export interface ComplianceItem {
  obligation: SustainabilityObligation;
  status: ComplianceStatus;
  reason: string;
}

/** Seeds 002, 003, 004: "Heeft uw organisatie vastgoed en meer dan 250 fte?" */
export const ROADMAP_FTE_THRESHOLD = 250;
/** Seeds 002, 003, 004: "Hiervoor is de deadline 1 januari 2024." */
export const ROADMAP_DEADLINE = '2024-01-01';
/** Seed 001 Bijlage 1, GDDZ 3.0 art. 4.2.e: "alleen zorgaanbieders met meer dan 100 fte". */
export const MOBILITY_FTE_THRESHOLD = 100;

const item = (obligation: SustainabilityObligation, status: ComplianceStatus, reason: string): ComplianceItem => ({ obligation, status, reason });

export function strategy(f: SustainabilityFacts): ComplianceItem {
  const o = SustainabilityObligation.STRATEGY;
  if (f.sustainabilityInStrategy === null) return item(o, ComplianceStatus.UNKNOWN, 'Not answered whether sustainability is part of the strategy.');
  return f.sustainabilityInStrategy
    ? item(o, ComplianceStatus.MET, 'Sustainability is part of the strategy.')
    : item(o, ComplianceStatus.NOT_MET, 'Sustainability is not part of the strategy (seeds 000-004: "Duurzaamheid is onderdeel van uw strategie").');
}

/**
 * Owned real estate counts as "vastgoed": a strategic real-estate management plan (vastgoedbeheerplan) is about
 * buildings the organisation manages as owner; a provider that only rents has none to plan.
 */
export const ownsRealEstate = (r: RealEstate) => r === RealEstate.OWNS || r === RealEstate.OWNS_AND_RENTS;

export function co2Roadmap(f: SustainabilityFacts): ComplianceItem {
  const o = SustainabilityObligation.CO2_ROADMAP;
  if (f.realEstate !== null && !ownsRealEstate(f.realEstate)) return item(o, ComplianceStatus.NOT_APPLICABLE, 'The provider owns no real estate.');
  if (f.fte !== null && f.fte <= ROADMAP_FTE_THRESHOLD) return item(o, ComplianceStatus.NOT_APPLICABLE, `The provider has ${f.fte} FTE, not more than ${ROADMAP_FTE_THRESHOLD}.`);
  if (f.realEstate === null || f.fte === null) return item(o, ComplianceStatus.UNKNOWN, 'FTE or real estate not answered, so whether the roadmap is due is unknown.');
  if (f.co2RoadmapDelivered === null) return item(o, ComplianceStatus.UNKNOWN, 'Not answered whether the CO2 roadmap was delivered.');
  if (!f.co2RoadmapDelivered) {
    return item(o, ComplianceStatus.NOT_MET, `Owns real estate and has more than ${ROADMAP_FTE_THRESHOLD} FTE, but delivered no board-approved CO2 roadmap with a strategic real-estate plan to the Expertisecentrum Verduurzaming Zorg.`);
  }
  if (f.co2RoadmapDeliveredOn === null) return item(o, ComplianceStatus.UNKNOWN, 'The CO2 roadmap was delivered, but the delivery date is not answered.');
  if (f.co2RoadmapDeliveredOn > ROADMAP_DEADLINE) {
    return item(o, ComplianceStatus.NOT_MET, `The CO2 roadmap was delivered on ${f.co2RoadmapDeliveredOn}, after the deadline of ${ROADMAP_DEADLINE}.`);
  }
  return item(o, ComplianceStatus.MET, `The CO2 roadmap was delivered on ${f.co2RoadmapDeliveredOn}, by the deadline of ${ROADMAP_DEADLINE}.`);
}

export function mobilityPlan(f: SustainabilityFacts): ComplianceItem {
  const o = SustainabilityObligation.MOBILITY_PLAN;
  if (f.fte === null) return item(o, ComplianceStatus.UNKNOWN, 'FTE not answered, so whether a mobility plan is due is unknown.');
  if (f.fte <= MOBILITY_FTE_THRESHOLD) return item(o, ComplianceStatus.NOT_APPLICABLE, `The provider has ${f.fte} FTE, not more than ${MOBILITY_FTE_THRESHOLD}.`);
  if (f.mobilityPlan === null) return item(o, ComplianceStatus.UNKNOWN, 'Not answered whether a mobility plan exists.');
  return f.mobilityPlan
    ? item(o, ComplianceStatus.MET, `More than ${MOBILITY_FTE_THRESHOLD} FTE and a mobility plan (GDDZ 3.0 art. 4.2.e).`)
    : item(o, ComplianceStatus.NOT_MET, `More than ${MOBILITY_FTE_THRESHOLD} FTE but no mobility plan (GDDZ 3.0 art. 4.2.e).`);
}

/**
 * Seed 001 Bijlage 1: a provider that must publish an annual report but is not CSRD-obliged reports on its
 * sustainability in that annual report; a CSRD-obliged provider reports under the CSRD itself.
 */
export function reporting(f: SustainabilityFacts): ComplianceItem {
  const o = SustainabilityObligation.REPORTING;
  if (f.csrdObliged === true) return item(o, ComplianceStatus.MET, 'The provider reports under the CSRD itself.');
  if (f.csrdObliged === null) return item(o, ComplianceStatus.UNKNOWN, 'Not answered whether the provider is CSRD-obliged.');
  if (f.annualReportObliged === null) return item(o, ComplianceStatus.UNKNOWN, 'Not answered whether the provider must publish an annual report.');
  if (!f.annualReportObliged) return item(o, ComplianceStatus.NOT_APPLICABLE, 'Neither CSRD-obliged nor obliged to publish an annual report.');
  if (f.annualReportSustainabilitySection === null) return item(o, ComplianceStatus.UNKNOWN, 'Not answered whether the annual report has a sustainability section.');
  return f.annualReportSustainabilitySection
    ? item(o, ComplianceStatus.MET, 'Not CSRD-obliged; the annual report has a sustainability section.')
    : item(o, ComplianceStatus.NOT_MET, 'Not CSRD-obliged and obliged to publish an annual report, which has no sustainability section.');
}

export function compliance(f: SustainabilityFacts): ComplianceItem[] {
  return [strategy(f), co2Roadmap(f), mobilityPlan(f), reporting(f)];
}
