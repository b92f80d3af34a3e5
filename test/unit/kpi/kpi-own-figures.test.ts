/**
 * The own-KPI rule as a fact of the policy table: for a hospital's own (proposed) KPI only the insurer it was
 * proposed to may read its figures. The HTTP behaviour is in test/kpi/kpi-measurements.test.ts and
 * kpi-dashboard.test.ts; this pins the rule in POLICY and the one function that fills its fact.
 */
import { can } from '../../../src/auth/access-policy';
import type { Principal } from '../../../src/auth/principal';
import { proposedToInsurerOf } from '../../../src/kpi/kpi.access';
import { KpiDefinitionStatus } from '../../../src/kpi/kpi.enums';

const insurer = (insurerId: number): Principal => ({
  organisationKind: 'INSURER',
  organisationCode: `uzovi-${insurerId}`,
  insurerId,
  providerId: null,
  role: 'INSURER_MEMBER',
  subject: `insurer-${insurerId}`,
  credential: 'API_TOKEN',
  credentialId: `insurer-${insurerId}`,
});
const provider: Principal = { ...insurer(0), organisationKind: 'PROVIDER', insurerId: null, providerId: 7, role: 'PROVIDER_SUBMITTER' };

describe('kpi.measurement.read with proposedToInsurerId', () => {
  it('lets only the insurer a KPI was proposed to read its figures, among the purchasing insurers', () => {
    // given: insurers 1 and 2 both purchase from provider 7; the KPI was proposed to insurer 1
    const facts = { providerId: 7, purchasingInsurerIds: [1, 2], proposedToInsurerId: 1 };
    // when / then
    expect(can(insurer(1), 'kpi.measurement.read', facts)).toBe(true);
    expect(can(insurer(2), 'kpi.measurement.read', facts)).toBe(false);
    expect(can(insurer(3), 'kpi.measurement.read', facts)).toBe(false);
    expect(can(provider, 'kpi.measurement.read', facts)).toBe(true);
  });

  it('leaves a catalogue KPI to every purchasing insurer', () => {
    // given
    const facts = { providerId: 7, purchasingInsurerIds: [1, 2], proposedToInsurerId: null };
    // when / then
    expect(can(insurer(1), 'kpi.measurement.read', facts)).toBe(true);
    expect(can(insurer(2), 'kpi.measurement.read', facts)).toBe(true);
  });

  it('does not let the insurer a KPI was proposed to read figures of a provider it does not purchase from', () => {
    expect(can(insurer(1), 'kpi.measurement.read', { providerId: 7, purchasingInsurerIds: [2], proposedToInsurerId: 1 })).toBe(false);
  });
});

describe('proposedToInsurerOf', () => {
  it('is the insurer a proposed KPI went to, and null for a catalogue KPI', () => {
    expect(proposedToInsurerOf({ status: KpiDefinitionStatus.APPROVED, proposedTo: { id: 4 } })).toBe(4);
    expect(proposedToInsurerOf({ status: KpiDefinitionStatus.CATALOGUE, proposedTo: null })).toBeNull();
  });
});
