import { useTestApp, dataOf, errorCodes } from '../support/app';
import { ProviderKind } from '../../src/provider/provider.entity';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

const app = useTestApp();

const KPI_FIELDS = `id code name description unit direction scoring measurementKind targetValue targetDate needsBaseline source status custom
  numeratorDescription denominatorDescription proposalYear reviewReason reviewedAt proposedBy { agb } proposedTo { uzovi }`;
const PROPOSE = `mutation($input: KpiProposalCreateInput!) { kpiProposalCreate(input: $input) { kpi { ${KPI_FIELDS} } userErrors { field code message } } }`;
const REVIEW = `mutation($input: KpiProposalReviewInput!) { kpiProposalReview(input: $input) { kpi { ${KPI_FIELDS} } userErrors { field code message } } }`;

describe('KPI catalogue', () => {
  it('holds the three KPIs of seed 004 as data, readable by any principal', async () => {
    // given
    const dashboard = await app.tokenFor({ role: 'DASHBOARD', provider: await app.kpi.hospital() });
    // when
    const data = dataOf(await app.gql(`{ kpis(filter: { statuses: [CATALOGUE] }) { totalCount nodes { ${KPI_FIELDS} } } }`, {}, { token: dashboard }));
    // then
    const byCode = Object.fromEntries(data.kpis.nodes.map((k: any) => [k.code, k]));
    expect(data.kpis.totalCount).toBe(3);
    expect(byCode.HYBRID_PATHWAYS).toMatchObject({
      unit: 'PERCENT',
      direction: 'HIGHER_IS_BETTER',
      scoring: 'PROPORTION',
      measurementKind: 'HYBRID_PATHWAYS',
      targetValue: '25.00',
      targetDate: '2024-12-31',
      needsBaseline: false,
      source: '004_1f8df596a6e33aa0.txt',
      status: 'CATALOGUE',
      custom: false,
      proposedBy: null,
    });
    expect(byCode.PHYSICAL_CONTACTS_REDUCTION).toMatchObject({ scoring: 'REDUCTION', targetValue: '30.00', needsBaseline: true });
    expect(byCode.TELEMONITORING).toMatchObject({ targetValue: '20.00', measurementKind: 'TELEMONITORING' });
    expect(byCode.TELEMONITORING.description).toMatch(/variant I/);
  });
});

interface World {
  insurer: Insurer;
  hospital: Provider;
  submitter: string;
  insurerMember: string;
}

async function world(): Promise<World> {
  const insurer = await app.kpi.base.insurer();
  const hospital = await app.kpi.hospital();
  await app.kpi.contract(insurer, hospital, 2025);
  return {
    insurer,
    hospital,
    submitter: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: hospital }),
    insurerMember: await app.tokenFor({ role: 'INSURER_MEMBER', insurer }),
  };
}

let codeCounter = 0;
const proposal = (w: World, extra: Record<string, unknown> = {}) => ({
  insurerUzovi: w.insurer.uzovi,
  year: 2025,
  code: `VIDEO_CONSULTS_${Date.now() % 100000}_${(codeCounter += 1)}`,
  name: 'Video consultations',
  description: 'Share of follow-up consultations held by video instead of at the outpatient clinic.',
  direction: 'HIGHER_IS_BETTER',
  scoring: 'PROPORTION',
  targetValue: '15',
  numeratorDescription: 'Follow-up consultations by video.',
  denominatorDescription: 'All follow-up consultations.',
  ...extra,
});

describe("a hospital's own KPI: proposed by the hospital, approved or rejected by the insurer", () => {
  it('goes from proposed to approved, and can then be targeted and measured', async () => {
    // given
    const w = await world();
    const proposed = dataOf(await app.gql(PROPOSE, { input: proposal(w) }, { token: w.submitter })).kpiProposalCreate;
    // when
    const approved = dataOf(await app.gql(REVIEW, { input: { id: proposed.kpi.id, decision: 'APPROVE' } }, { token: w.insurerMember })).kpiProposalReview;
    const target = dataOf(
      await app.gql(`mutation($input: KpiTargetCreateInput!) { kpiTargetCreate(input: $input) { kpiTarget { targetValue obligation } userErrors { code } } }`,
        { input: { providerAgb: w.hospital.agb, kpiCode: proposed.kpi.code, year: 2025 } }, { token: w.insurerMember }),
    ).kpiTargetCreate;
    const measured = dataOf(
      await app.gql(`mutation($input: KpiMeasurementInput!) { kpiMeasurementSubmit(input: $input) { kpiMeasurement { value } userErrors { code field } } }`,
        { input: { kpiCode: proposed.kpi.code, period: { kind: 'QUARTER', year: 2025, number: 1 }, counts: { numerator: 30, denominator: 200 } } }, { token: w.submitter }),
    ).kpiMeasurementSubmit;
    // then
    expect(proposed.userErrors).toEqual([]);
    expect(proposed.kpi).toMatchObject({
      status: 'PROPOSED',
      custom: true,
      measurementKind: 'COUNTS',
      targetValue: '15.00',
      targetDate: '2025-12-31',
      proposalYear: 2025,
      proposedBy: { agb: w.hospital.agb },
      proposedTo: { uzovi: w.insurer.uzovi },
    });
    expect(approved.kpi).toMatchObject({ status: 'APPROVED', reviewReason: null });
    expect(approved.kpi.reviewedAt).not.toBeNull();
    expect(target).toEqual({ kpiTarget: { targetValue: '15.00', obligation: 'BEST_EFFORT' }, userErrors: [] });
    expect(measured).toEqual({ kpiMeasurement: { value: '15.00' }, userErrors: [] });
  });

  it('is rejected only with a reason, once, and cannot be used when not approved', async () => {
    const w = await world();
    const proposed = dataOf(await app.gql(PROPOSE, { input: proposal(w) }, { token: w.submitter })).kpiProposalCreate.kpi;
    const target = (token: string) =>
      app.gql(`mutation($input: KpiTargetCreateInput!) { kpiTargetCreate(input: $input) { userErrors { code } } }`, { input: { providerAgb: w.hospital.agb, kpiCode: proposed.code, year: 2025 } }, { token });
    const early = dataOf(await target(w.insurerMember)).kpiTargetCreate;
    const noReason = dataOf(await app.gql(REVIEW, { input: { id: proposed.id, decision: 'REJECT' } }, { token: w.insurerMember })).kpiProposalReview;
    const rejected = dataOf(await app.gql(REVIEW, { input: { id: proposed.id, decision: 'REJECT', reason: 'Video follow-up is already in our hybrid-pathway KPI.' } }, { token: w.insurerMember })).kpiProposalReview;
    const again = dataOf(await app.gql(REVIEW, { input: { id: proposed.id, decision: 'APPROVE' } }, { token: w.insurerMember })).kpiProposalReview;
    const late = dataOf(await target(w.insurerMember)).kpiTargetCreate;
    expect(early.userErrors.map((e: any) => e.code)).toEqual(['KPI_NOT_USABLE']);
    expect(noReason.userErrors).toEqual([expect.objectContaining({ field: ['reason'], code: 'REQUIRED' })]);
    expect(rejected.kpi).toMatchObject({ status: 'REJECTED', reviewReason: 'Video follow-up is already in our hybrid-pathway KPI.' });
    expect(again.userErrors.map((e: any) => e.code)).toEqual(['ALREADY_REVIEWED']);
    expect(late.userErrors.map((e: any) => e.code)).toEqual(['KPI_NOT_USABLE']);
  });

  it('checks the proposal: code, duplicate, texts, range, insurer, year and provider kind', async () => {
    const w = await world();
    const first = dataOf(await app.gql(PROPOSE, { input: proposal(w, { code: `TAKEN_${Date.now() % 100000}` }) }, { token: w.submitter })).kpiProposalCreate;
    const duplicate = dataOf(await app.gql(PROPOSE, { input: proposal(w, { code: first.kpi.code }) }, { token: w.submitter })).kpiProposalCreate;
    const bad = dataOf(
      await app.gql(PROPOSE, { input: proposal(w, { code: 'lower case', name: ' ', targetValue: '101', insurerUzovi: '0002', year: 2023, denominatorDescription: null }) }, { token: w.submitter }),
    ).kpiProposalCreate;
    const reduction = dataOf(await app.gql(PROPOSE, { input: proposal(w, { scoring: 'REDUCTION', targetValue: '-5', denominatorDescription: null }) }, { token: w.submitter })).kpiProposalCreate;
    const rav = await app.kpi.hospital(null, ProviderKind.RAV);
    const ravToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: rav });
    const notHospital = dataOf(await app.gql(PROPOSE, { input: proposal(w) }, { token: ravToken })).kpiProposalCreate;
    expect(duplicate.userErrors.map((e: any) => e.code)).toEqual(['DUPLICATE_CODE']);
    expect(bad.userErrors.map((e: any) => e.code).sort()).toEqual(['INVALID_CODE', 'REQUIRED', 'REQUIRED', 'TARGET_OUT_OF_RANGE', 'UNKNOWN_INSURER', 'YEAR_NOT_COVERED']);
    expect(reduction.kpi).toMatchObject({ scoring: 'REDUCTION', needsBaseline: true, targetValue: '-5.00' });
    expect(notHospital.userErrors.map((e: any) => e.code)).toEqual(['PROVIDER_KIND_NOT_ELIGIBLE']);
  });
});

describe('POLICY kpi.proposal.create: provider admin or submitter of the proposing provider', () => {
  it.each([
    ['an insurer', 'INSURER_ADMIN'],
    ["the provider's DASHBOARD token", 'DASHBOARD'],
    ['a submitter of another provider naming this one', 'OTHER'],
  ])('refuses %s with FORBIDDEN', async (_label, role) => {
    const w = await world();
    const token =
      role === 'INSURER_ADMIN'
        ? await app.tokenFor({ role, insurer: w.insurer })
        : role === 'DASHBOARD'
          ? await app.tokenFor({ role, provider: w.hospital })
          : await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: await app.kpi.hospital() });
    expect(errorCodes(await app.gql(PROPOSE, { input: proposal(w, { providerAgb: w.hospital.agb }) }, { token }))).toEqual(['FORBIDDEN']);
  });

  it('allows the provider admin as well', async () => {
    const w = await world();
    const admin = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: w.hospital });
    expect(dataOf(await app.gql(PROPOSE, { input: proposal(w) }, { token: admin })).kpiProposalCreate.userErrors).toEqual([]);
  });
});

describe('POLICY kpi.proposal.review and kpi.proposal.read', () => {
  it('lets only the insurer proposed to review, when it contracts the hospital in the proposal year', async () => {
    const w = await world();
    const proposed = dataOf(await app.gql(PROPOSE, { input: proposal(w) }, { token: w.submitter })).kpiProposalCreate.kpi;
    const stranger = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.kpi.base.insurer() });
    const dashboard = await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer });
    const review = (token: string) => app.gql(REVIEW, { input: { id: proposed.id, decision: 'APPROVE' } }, { token });
    expect(dataOf(await review(stranger)).kpiProposalReview.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    expect(errorCodes(await review(dashboard))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await review(w.submitter))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await review(app.operatorToken))).toEqual(['FORBIDDEN']);

    const uncontracted = await world();
    const early = dataOf(await app.gql(PROPOSE, { input: proposal(uncontracted, { year: 2026 }) }, { token: uncontracted.submitter })).kpiProposalCreate.kpi;
    const result = dataOf(await app.gql(REVIEW, { input: { id: early.id, decision: 'APPROVE' } }, { token: uncontracted.insurerMember })).kpiProposalReview;
    expect(result.userErrors.map((e: any) => e.code)).toEqual(['NOT_CONTRACTED']);
  });

  it('shows a proposal to its hospital, its insurer and operator admins only, by code, list and node', async () => {
    const w = await world();
    const proposed = dataOf(await app.gql(PROPOSE, { input: proposal(w) }, { token: w.submitter })).kpiProposalCreate.kpi;
    const query = `query($code: String!, $id: ID!) { kpi(code: $code) { code } node(id: $id) { id } kpis(filter: { statuses: [PROPOSED] }, first: 100) { nodes { code } } }`;
    const read = async (token: string) => dataOf(await app.gql(query, { code: proposed.code, id: proposed.id }, { token }));
    const allowed = [w.submitter, await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer }), app.operatorToken];
    const denied = [await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.kpi.base.insurer() }), await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: await app.kpi.hospital() })];
    for (const token of allowed) {
      const view = await read(token);
      expect(view.kpi).toEqual({ code: proposed.code });
      expect(view.node).toEqual({ id: proposed.id });
      expect(view.kpis.nodes.map((k: any) => k.code)).toContain(proposed.code);
    }
    for (const token of denied) {
      const view = await read(token);
      expect(view.kpi).toBeNull();
      expect(view.node).toBeNull();
      expect(view.kpis.nodes.map((k: any) => k.code)).not.toContain(proposed.code);
    }
  });
});
