import { expectedRepresentatives, representationWarnings, roleIn, ShareFact } from '../../../src/representation/representation.rules';
import { RepresentationRole, RepresentationWarningCode } from '../../../src/representation/representation.errors';

const share = (insurerId: number, concernId: number, percent: number): ShareFact => ({ insurerId, concernId, hundredths: Math.round(percent * 100) });
// Insurers 1 and 2 are one concern (10), like Zilveren Kruis and De Friesland.
const shares = [share(1, 10, 38), share(2, 10, 20), share(3, 30, 19), share(4, 40, 14)];
const agreement = (lead: number, second: number) => ({
  leadInsurerId: lead,
  leadConcernId: shares.find((s) => s.insurerId === lead)?.concernId ?? lead * 10,
  secondInsurerId: second,
  secondConcernId: shares.find((s) => s.insurerId === second)?.concernId ?? second * 10,
});

describe('representation rules (seeds 000, 001)', () => {
  it('expects the largest and the largest outside the lead concern', () => {
    const { lead, second } = expectedRepresentatives(shares);
    expect([lead?.insurerId, second?.insurerId]).toEqual([1, 3]);
  });

  it('no warning for the two largest; ties are not departures', () => {
    expect(representationWarnings(agreement(1, 3), shares)).toEqual([]);
    const tied = [share(5, 50, 30), share(6, 60, 30), share(7, 70, 20)];
    expect(representationWarnings({ leadInsurerId: 6, leadConcernId: 60, secondInsurerId: 5, secondConcernId: 50 }, tied)).toEqual([]);
  });

  it('warns when the lead is not the largest and when the second is not the next largest', () => {
    expect(representationWarnings(agreement(3, 1), shares).map((w) => w.code)).toEqual([RepresentationWarningCode.LEAD_NOT_LARGEST]);
    expect(representationWarnings(agreement(1, 4), shares).map((w) => w.code)).toEqual([RepresentationWarningCode.SECOND_NOT_SECOND_LARGEST]);
    const both = representationWarnings(agreement(4, 3), shares);
    expect(both.map((w) => w.code)).toEqual([RepresentationWarningCode.LEAD_NOT_LARGEST, RepresentationWarningCode.SECOND_NOT_SECOND_LARGEST]);
    expect(both[0]).toMatchObject({ expectedLeadInsurerId: 1, expectedSecondInsurerId: 3 });
  });

  it('warns when a representing insurer has no market share at all', () => {
    expect(representationWarnings(agreement(1, 9), shares).map((w) => w.code)).toEqual([RepresentationWarningCode.SECOND_NOT_SECOND_LARGEST]);
  });

  it('gives an insurer the role of a representing insurer of its concern, with the acting insurer', () => {
    const a = agreement(1, 3);
    expect(roleIn(a, { insurerId: 1, concernId: 10, hasShare: true })).toEqual({ role: RepresentationRole.LEAD, actingInsurerId: 1 });
    expect(roleIn(a, { insurerId: 2, concernId: 10, hasShare: true })).toEqual({ role: RepresentationRole.LEAD, actingInsurerId: 1 });
    expect(roleIn(a, { insurerId: 3, concernId: 30, hasShare: true })).toEqual({ role: RepresentationRole.CO_REPRESENTING, actingInsurerId: 3 });
    expect(roleIn(a, { insurerId: 4, concernId: 40, hasShare: true })).toEqual({ role: RepresentationRole.FOLLOWER, actingInsurerId: 4 });
    expect(roleIn(a, { insurerId: 8, concernId: 80, hasShare: false })).toBeNull();
  });
});
