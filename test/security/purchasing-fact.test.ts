import { useTestApp, dataOf } from '../support/app';
import { csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';
import { ContractStatus } from '../../src/contract/contract.entity';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

/**
 * Finding 3 of issue 10: the purchasing fact. An insurer purchases from a provider in a year, in a segment, only
 * with a SIGNED contract in that segment whose term overlaps the year (or by representation on its behalf). For
 * every contract status and every segment an insurer X holds with hospital H (or coordination function F), the test
 * asks whether X reads H's KPI figures, creates a KPI target for H, reviews a KPI H proposed to it, and reads F's
 * monitoring submissions. Only SIGNED + MSZ opens the KPI data, only SIGNED + COORDINATION the monitoring data.
 */
const app = useTestApp();
let hospital: Provider;
let cf: Provider;
let hospitalToken: string;

const YEAR = 2025;
const STATUSES = [ContractStatus.OFFERED, ContractStatus.SIGNED, ContractStatus.TERMINATED];
const SEGMENTS = ['MSZ', 'MSR', 'ZG', 'AMBULANCE', 'COORDINATION'] as const;
type SegmentCode = (typeof SEGMENTS)[number];
const CASES = STATUSES.flatMap((status) => SEGMENTS.map((segment) => ({ status, segment })));

beforeAll(async () => {
  hospital = await app.kpi.hospital();
  hospitalToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: hospital });
  await app.kpi.measurement(hospital, 'HYBRID_PATHWAYS', { kind: 'QUARTER', year: YEAR, number: 1 }, 30, 100);
  cf = await app.monitoring.coordinationFunction();
  const cfToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
  await upload(app, csv([`${cf.agb};${YEAR};JAAR;GRZ;10;8;1`]), { token: cfToken });
});

/** An insurer with one contract with the provider: the given status and segment, for the given years. */
async function insurerWith(provider: Provider, status: ContractStatus, segment: SegmentCode, firstYear = YEAR, lastYear = firstYear) {
  const insurer = await app.kpi.base.insurer();
  await app.contracts.contract({ insurer, provider, segment: await app.contracts.seeded(segment), firstYear, lastYear, status });
  return { insurer, token: await app.tokenFor({ role: 'INSURER_MEMBER', insurer }) };
}

const readsFigures = async (token: string) =>
  dataOf(await app.gql(`query($agb: String!) { kpiMeasurements(filter: { providerAgb: $agb }) { totalCount } }`, { agb: hospital.agb }, { token })).kpiMeasurements.totalCount > 0;

const createsTarget = async (token: string) => {
  const payload = dataOf(
    await app.gql(`mutation($input: KpiTargetCreateInput!) { kpiTargetCreate(input: $input) { kpiTarget { id } userErrors { code } } }`, {
      input: { providerAgb: hospital.agb, kpiCode: 'HYBRID_PATHWAYS', year: YEAR },
    }, { token }),
  ).kpiTargetCreate;
  return { created: payload.kpiTarget !== null, codes: payload.userErrors.map((e: { code: string }) => e.code) };
};

let proposalNumber = 0;
async function proposeTo(insurer: Insurer): Promise<string> {
  proposalNumber += 1;
  const payload = dataOf(
    await app.gql(`mutation($input: KpiProposalCreateInput!) { kpiProposalCreate(input: $input) { kpi { id } userErrors { code } } }`, {
      input: {
        insurerUzovi: insurer.uzovi,
        year: YEAR,
        code: `PURCHASING_FACT_${proposalNumber}`,
        name: 'Video consultations',
        description: 'Share of follow-up consultations held by video.',
        direction: 'HIGHER_IS_BETTER',
        scoring: 'PROPORTION',
        targetValue: '15',
        numeratorDescription: 'Follow-up consultations by video.',
        denominatorDescription: 'All follow-up consultations.',
      },
    }, { token: hospitalToken }),
  ).kpiProposalCreate;
  expect(payload.userErrors).toEqual([]);
  return payload.kpi.id;
}

const reviews = async (token: string, id: string) => {
  const payload = dataOf(
    await app.gql(`mutation($input: KpiProposalReviewInput!) { kpiProposalReview(input: $input) { kpi { status } userErrors { code } } }`, {
      input: { id, decision: 'APPROVE' },
    }, { token }),
  ).kpiProposalReview;
  return { approved: payload.kpi?.status === 'APPROVED', codes: payload.userErrors.map((e: { code: string }) => e.code) };
};

const readsMonitoring = async (token: string) =>
  dataOf(await app.gql(`query($agb: String!) { monitoringSubmissions(filter: { coordinationFunctionAgb: $agb }) { totalCount } }`, { agb: cf.agb }, { token }))
    .monitoringSubmissions.totalCount > 0;

describe('KPI data: only a SIGNED MSZ contract in force in the year makes an insurer a purchaser', () => {
  it.each(CASES)('a $status $segment contract with the hospital', async ({ status, segment }) => {
    // given
    const x = await insurerWith(hospital, status, segment);
    const proposalId = await proposeTo(x.insurer);
    const purchases = status === ContractStatus.SIGNED && segment === 'MSZ';
    // when
    const figures = await readsFigures(x.token);
    const target = await createsTarget(x.token);
    const review = await reviews(x.token, proposalId);
    // then
    expect(figures).toBe(purchases);
    expect(target).toEqual(purchases ? { created: true, codes: [] } : { created: false, codes: ['NOT_CONTRACTED'] });
    expect(review).toEqual(purchases ? { approved: true, codes: [] } : { approved: false, codes: ['NOT_CONTRACTED'] });
  });

  it('a signed MSZ contract of another year opens nothing for this year', async () => {
    const x = await insurerWith(hospital, ContractStatus.SIGNED, 'MSZ', YEAR - 2, YEAR - 1);
    const proposalId = await proposeTo(x.insurer);
    expect(await readsFigures(x.token)).toBe(false);
    expect(await createsTarget(x.token)).toEqual({ created: false, codes: ['NOT_CONTRACTED'] });
    expect(await reviews(x.token, proposalId)).toEqual({ approved: false, codes: ['NOT_CONTRACTED'] });
  });

  it('a signed two-year MSZ contract opens both years it covers', async () => {
    const x = await insurerWith(hospital, ContractStatus.SIGNED, 'MSZ', YEAR - 1, YEAR);
    expect(await readsFigures(x.token)).toBe(true);
    expect(await createsTarget(x.token)).toEqual({ created: true, codes: [] });
  });

  it("another insurer's target stays its own: a purchaser does not read it", async () => {
    // given: two purchasers, one with a target
    const holder = await insurerWith(hospital, ContractStatus.SIGNED, 'MSZ');
    const other = await insurerWith(hospital, ContractStatus.SIGNED, 'MSZ');
    const offerer = await insurerWith(hospital, ContractStatus.OFFERED, 'MSZ');
    expect((await createsTarget(holder.token)).created).toBe(true);
    const LIST = `query($agb: String!) { kpiTargets(filter: { providerAgb: $agb }) { totalCount nodes { insurer { uzovi } } } }`;
    // when
    const own = dataOf(await app.gql(LIST, { agb: hospital.agb }, { token: holder.token })).kpiTargets;
    const others = await Promise.all([other, offerer].map(async (x) => dataOf(await app.gql(LIST, { agb: hospital.agb }, { token: x.token })).kpiTargets));
    // then
    expect(own).toEqual({ totalCount: 1, nodes: [{ insurer: { uzovi: holder.insurer.uzovi } }] });
    for (const list of others) expect(list).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('monitoring: only a SIGNED COORDINATION contract in force in the year makes an insurer a purchaser', () => {
  it.each(CASES)('a $status $segment contract with the coordination function', async ({ status, segment }) => {
    const x = await insurerWith(cf, status, segment);
    expect(await readsMonitoring(x.token)).toBe(status === ContractStatus.SIGNED && segment === 'COORDINATION');
  });

  it.each(STATUSES)("a follower purchases through the representing insurer's %s contract only when it is signed", async (status) => {
    // given: a region whose lead insurer contracts a coordination function on behalf of a follower
    const region = await app.kpi.base.region();
    const fn = await app.monitoring.coordinationFunction({ region });
    const fnToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: fn });
    await upload(app, csv([`${fn.agb};${YEAR};JAAR;GRZ;10;8;1`]), { token: fnToken });
    const [lead, second, follower] = [await app.kpi.base.insurer(), await app.kpi.base.insurer(), await app.kpi.base.insurer()];
    await app.kpi.base.marketShare(lead, region, YEAR, '50.00');
    await app.kpi.base.marketShare(second, region, YEAR, '30.00');
    await app.kpi.base.marketShare(follower, region, YEAR, '20.00');
    const agreement = await app.monitoring.agreement(region, YEAR, lead, second);
    await app.monitoring.contract(lead, fn, YEAR, { agreement, status });
    const followerToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: follower });
    // when
    const data = dataOf(await app.gql(`query($agb: String!) { monitoringSubmissions(filter: { coordinationFunctionAgb: $agb }) { totalCount } }`, { agb: fn.agb }, { token: followerToken }));
    // then
    expect(data.monitoringSubmissions.totalCount).toBe(status === ContractStatus.SIGNED ? 1 : 0);
  });
});
