import { RepresentationRole, RepresentationWarningCode } from './representation.errors';

/** One insurer's market share in a region and year, in hundredths of a percent so comparisons are exact. */
export interface ShareFact {
  insurerId: number;
  concernId: number;
  hundredths: number;
}

export interface Representing {
  leadInsurerId: number;
  leadConcernId: number;
  /** Null where the lead decides alone (the preferred insurer for coordination functions, seed 002). */
  secondInsurerId: number | null;
  secondConcernId: number | null;
}

export interface WarningFact {
  code: RepresentationWarningCode;
  expectedLeadInsurerId: number | null;
  expectedSecondInsurerId: number | null;
}

/** Largest share first; a tie goes to the lower insurer id, as in core-regions.ts, so the answer is stable. */
export function rankShares(shares: readonly ShareFact[]): ShareFact[] {
  return [...shares].sort((a, b) => b.hundredths - a.hundredths || a.insurerId - b.insurerId);
}

/**
 * The two insurers that should represent (seeds 000, 001): the largest, and the largest outside the lead's
 * concern, because insurers of one concern count as one party.
 */
export function expectedRepresentatives(shares: readonly ShareFact[]): { lead: ShareFact | null; second: ShareFact | null } {
  const ranked = rankShares(shares);
  const lead = ranked[0] ?? null;
  const second = lead ? (ranked.find((s) => s.concernId !== lead.concernId) ?? null) : null;
  return { lead, second };
}

/**
 * How an agreement departs from the two largest insurers. Ties are not departures: a lead whose share equals
 * the largest is accepted, so is a second whose share equals the largest outside the lead's concern. Without a
 * second insurer only the lead is judged.
 */
export function representationWarnings(agreement: Representing, shares: readonly ShareFact[]): WarningFact[] {
  const expected = expectedRepresentatives(shares);
  const facts = {
    expectedLeadInsurerId: expected.lead?.insurerId ?? null,
    expectedSecondInsurerId: expected.second?.insurerId ?? null,
  };
  const lead = shares.find((s) => s.insurerId === agreement.leadInsurerId);
  const second = shares.find((s) => s.insurerId === agreement.secondInsurerId);
  const warnings: WarningFact[] = [];
  if (!lead || shares.some((s) => s.insurerId !== agreement.leadInsurerId && s.hundredths > lead.hundredths)) {
    warnings.push({ code: RepresentationWarningCode.LEAD_NOT_LARGEST, ...facts });
  }
  const rivals = shares.filter(
    (s) => s.insurerId !== agreement.leadInsurerId && s.insurerId !== agreement.secondInsurerId && s.concernId !== agreement.leadConcernId,
  );
  if (agreement.secondInsurerId !== null && (!second || rivals.some((s) => s.hundredths > second.hundredths))) {
    warnings.push({ code: RepresentationWarningCode.SECOND_NOT_SECOND_LARGEST, ...facts });
  }
  return warnings;
}

/**
 * An insurer's part in an agreement. Insurers of one concern count as one party (seed 000: "Wij, Zilveren Kruis
 * en De Friesland"), so an insurer shares the role of a representing insurer of its concern; `actingInsurerId`
 * says which insurer holds it. Any other insurer with a market share follows; one without has no part (null).
 */
export function roleIn(
  agreement: Representing,
  insurer: { insurerId: number; concernId: number; hasShare: boolean },
): { role: RepresentationRole; actingInsurerId: number } | null {
  if (insurer.insurerId === agreement.leadInsurerId) return { role: RepresentationRole.LEAD, actingInsurerId: agreement.leadInsurerId };
  if (insurer.insurerId === agreement.secondInsurerId) return { role: RepresentationRole.CO_REPRESENTING, actingInsurerId: agreement.secondInsurerId };
  if (insurer.concernId === agreement.leadConcernId) return { role: RepresentationRole.LEAD, actingInsurerId: agreement.leadInsurerId };
  if (agreement.secondInsurerId !== null && insurer.concernId === agreement.secondConcernId) return { role: RepresentationRole.CO_REPRESENTING, actingInsurerId: agreement.secondInsurerId };
  if (insurer.hasShare) return { role: RepresentationRole.FOLLOWER, actingInsurerId: insurer.insurerId };
  return null;
}
