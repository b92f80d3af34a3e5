import { useTestApp, dataOf, errorCodes } from '../support/app';
import { csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';
import { encodeGlobalId } from '../../src/core/global-id';
import { Region } from '../../src/region/region.entity';
import { Insurer } from '../../src/insurer/insurer.entity';
import { ProviderKind } from '../../src/provider/provider.entity';
import { MilestoneKind, PolicyMilestone } from '../../src/purchasing-policy/policy-milestone.entity';

/** Completeness per year and core region against the deadline; the Bijlage 1 checklist with ELV-bed coverage. */
const app = useTestApp();

const SET_DEADLINE = `mutation($input: MonitoringDeadlineSetInput!) {
  monitoringDeadlineSet(input: $input) { deadline { year dueOn source milestone { date } } userErrors { field code } }
}`;
const COMPLETENESS = `query($year: Int!, $uzovi: String) {
  monitoringCompleteness(year: $year, insurerUzovi: $uzovi) {
    year deadline { dueOn source } deadlinePassed onTime late notSubmitted
    regions { region { code } marketLeader { uzovi }
      coordinationFunctions { coordinationFunction { agb } state deliveredAt periods missingFigures { period stayType columns } } }
  }
}`;
const FOUR = (agb: string, year: number, period = 'JAAR') => ['ELV_LAAG', 'ELV_HOOG', 'ELV_PALLIATIEF', 'GRZ'].map((t) => `${agb};${year};${period};${t};10;8;1`);

/** A region where `leader` is market leader, with a coordination function it buys from. */
async function coreRegionFunction(leader: Insurer, year: number, region?: Region) {
  const r = region ?? (await app.monitoring.base.region());
  if (!region) await app.monitoring.base.marketShare(leader, r, year, '60.00');
  const cf = await app.monitoring.coordinationFunction({ region: r });
  await app.monitoring.contract(leader, cf, year);
  return { region: r, cf, token: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf }) };
}

describe('completeness', () => {
  it('tells on time, late and not submitted per core region, and which required figures are missing', async () => {
    // given a year with a deadline, and three functions in the leader's core regions
    const year = 2015;
    const leader = await app.monitoring.base.insurer();
    const leaderToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: leader });
    const onTime = await coreRegionFunction(leader, year);
    const late = await coreRegionFunction(leader, year, onTime.region);
    const missing = await coreRegionFunction(leader, year);
    expect(dataOf(await app.gql(SET_DEADLINE, { input: { year, dueOn: '2099-03-31' } })).monitoringDeadlineSet.deadline).toMatchObject({ dueOn: '2099-03-31', source: 'CONFIGURED' });
    await upload(app, csv(FOUR(onTime.cf.agb, year)), { token: onTime.token, input: { submit: true } });
    await upload(app, csv([`${late.cf.agb};${year};H1;GRZ;10;8;1`, `${late.cf.agb};${year};H2;GRZ;10;8;1`]), { token: late.token, input: { submit: true } });
    await upload(app, csv(FOUR(missing.cf.agb, year)), { token: missing.token });
    // a submission of the late one's H2 delivered after the deadline
    await app.orm.em.getConnection().execute(
      `update monitoring_submission set submitted_at = '2100-01-02T10:00:00Z' where provider_id = ? and period = 'H2'`,
      [late.cf.id],
    );
    // when
    const result = dataOf(await app.gql(COMPLETENESS, { year }, { token: leaderToken })).monitoringCompleteness;
    // then
    expect(result).toMatchObject({ year, deadline: { dueOn: '2099-03-31', source: 'CONFIGURED' }, deadlinePassed: false, onTime: 1, late: 1, notSubmitted: 1 });
    const byAgb = new Map(result.regions.flatMap((r: any) => r.coordinationFunctions.map((c: any) => [c.coordinationFunction.agb, { ...c, region: r.region.code, leader: r.marketLeader.uzovi }])));
    expect(byAgb.get(onTime.cf.agb)).toMatchObject({ state: 'ON_TIME', periods: ['JAAR'], missingFigures: [], region: onTime.region.code, leader: leader.uzovi });
    expect(byAgb.get(late.cf.agb)).toMatchObject({ state: 'LATE', periods: ['H1', 'H2'] });
    expect((byAgb.get(late.cf.agb) as any).missingFigures).toHaveLength(6);
    expect((byAgb.get(late.cf.agb) as any).missingFigures[0]).toEqual({ period: 'H1', stayType: 'ELV_LAAG', columns: ['aanmeldingen', 'instroom', 'niet_plaatsbaar'] });
    expect(byAgb.get(missing.cf.agb)).toMatchObject({ state: 'NOT_SUBMITTED', deliveredAt: null, missingFigures: [] });
  });

  it('lists only the functions the principal may read, and a function only itself', async () => {
    const year = 2016;
    const leader = await app.monitoring.base.insurer();
    const mine = await coreRegionFunction(leader, year);
    const unbought = await app.monitoring.coordinationFunction({ region: mine.region });
    const asOperator = dataOf(await app.gql(COMPLETENESS, { year, uzovi: leader.uzovi })).monitoringCompleteness;
    const agbs = (c: any) => c.regions.flatMap((r: any) => r.coordinationFunctions.map((x: any) => x.coordinationFunction.agb));
    expect(agbs(asOperator)).toEqual(expect.arrayContaining([mine.cf.agb, unbought.agb]));
    const asLeader = dataOf(await app.gql(COMPLETENESS, { year }, { token: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: leader }) })).monitoringCompleteness;
    expect(agbs(asLeader)).toEqual([mine.cf.agb]);
    const asFunction = dataOf(await app.gql(COMPLETENESS, { year, uzovi: leader.uzovi }, { token: mine.token })).monitoringCompleteness;
    expect(agbs(asFunction)).toEqual([mine.cf.agb]);
    const competitor = await app.monitoring.base.insurer();
    const asCompetitor = dataOf(await app.gql(COMPLETENESS, { year, uzovi: leader.uzovi }, { token: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: competitor }) })).monitoringCompleteness;
    expect(agbs(asCompetitor)).toEqual([]);
  });

  it('takes the deadline from a policy milestone, falls back to the default, and is set by operator admins only', async () => {
    // a seeded milestone of the coordination policy (seed 002); other files count the seeded milestones, so none is added
    const milestone = await app.orm.em.fork().findOneOrFail(PolicyMilestone, { date: '2023-09-29', kind: MilestoneKind.OFFER });
    const set = dataOf(await app.gql(SET_DEADLINE, { input: { year: 2018, milestoneId: encodeGlobalId('PolicyMilestone', milestone.id) } })).monitoringDeadlineSet;
    expect(set.deadline).toEqual({ year: 2018, dueOn: '2023-09-29', source: 'MILESTONE', milestone: { date: '2023-09-29' } });
    expect(dataOf(await app.gql(`{ monitoringDeadline(year: 2017) { dueOn source } }`)).monitoringDeadline).toEqual({ dueOn: '2018-03-31', source: 'DEFAULT' });
    const early = dataOf(await app.gql(SET_DEADLINE, { input: { year: 2018, dueOn: '2018-06-30' } })).monitoringDeadlineSet;
    expect(early.userErrors).toEqual([{ field: ['dueOn'], code: 'INVALID_DEADLINE' }]);
    const insurerAdmin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.monitoring.base.insurer() });
    expect(errorCodes(await app.gql(SET_DEADLINE, { input: { year: 2018, dueOn: '2019-01-31' } }, { token: insurerAdmin }))).toEqual(['FORBIDDEN']);
    const passed = dataOf(await app.gql(`{ monitoringCompleteness(year: 2018) { deadlinePassed } }`)).monitoringCompleteness;
    expect(passed.deadlinePassed).toBe(true);
  });
});

const CHECKLIST = `query($agb: String!, $year: Int!) {
  coordinationChecklist(coordinationFunctionAgb: $agb, year: $year) {
    year allMet coordinationFunction { agb }
    conditions { condition number met evidenceNote evidenceDate recordedBy { uzovi } }
    elvBedCoverage { region { code } signedBeds totalBeds percent meetsMinimum meetsPreferred signatories { provider { agb } elvBeds signedOn inRegion } }
  }
}`;
const RECORD = `mutation($input: CoordinationConditionRecordInput!) {
  coordinationConditionRecord(input: $input) { checklist { allMet conditions { condition met evidenceNote } } userErrors { field code } }
}`;
const SIGNATORIES = `mutation($input: CoordinationSignatoriesSetInput!) {
  coordinationSignatoriesSet(input: $input) { checklist { elvBedCoverage { signedBeds totalBeds percent meetsMinimum meetsPreferred } } userErrors { field code } }
}`;

describe('Bijlage 1 checklist (seed 002)', () => {
  it('records the six conditions with evidence, and computes the ELV-bed coverage against the 85% rule', async () => {
    // given a purchased function in a region with 100 ELV beds over four providers
    const g = await app.monitoring.purchasedFunction(2024);
    const elv = await Promise.all([40, 30, 15, 15].map((beds) => app.monitoring.elvProvider(g.region, beds)));
    const elsewhere = await app.monitoring.elvProvider(await app.monitoring.base.region(), 50);
    const leadToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead });
    const cfToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: g.cf });
    const cfId = encodeGlobalId('Provider', g.cf.id);
    // when the function names signatories covering 85 of 100 beds, then 70
    const at85 = dataOf(await app.gql(SIGNATORIES, { input: { coordinationFunctionId: cfId, year: 2024, signatories: [0, 1, 2].map((i) => ({ providerAgb: elv[i]!.agb, signedOn: '2023-11-01' })) } }, { token: cfToken })).coordinationSignatoriesSet;
    const at70 = dataOf(await app.gql(SIGNATORIES, { input: { coordinationFunctionId: cfId, year: 2024, signatories: [0, 1].map((i) => ({ providerAgb: elv[i]!.agb, signedOn: '2023-11-01' })) } }, { token: leadToken })).coordinationSignatoriesSet;
    const outside = dataOf(await app.gql(SIGNATORIES, { input: { coordinationFunctionId: cfId, year: 2024, signatories: [{ providerAgb: elsewhere.agb, signedOn: '2023-11-01' }, { providerAgb: '99999997', signedOn: '2023-11-01' }] } }, { token: leadToken })).coordinationSignatoriesSet;
    // then
    expect(at85.checklist.elvBedCoverage).toEqual({ signedBeds: 85, totalBeds: 100, percent: '85.00', meetsMinimum: true, meetsPreferred: false });
    expect(at70.checklist.elvBedCoverage).toEqual({ signedBeds: 70, totalBeds: 100, percent: '70.00', meetsMinimum: false, meetsPreferred: false });
    expect(outside.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['signatories.0.providerAgb', 'OUTSIDE_REGION'],
      ['signatories.1.providerAgb', 'UNKNOWN_PROVIDER'],
    ]);

    // when the lead insurer records all six conditions, one of them not met
    const conditions = ['CONTRACT_PREVIOUS_YEAR', 'MINIMUM_FUNCTIONALITIES', 'MONITORING', 'REGIONAL_AGREEMENTS', 'CASE_TABLES', 'REACHABLE_FOR_OTHER_FUNCTIONS'];
    let last: any;
    for (const condition of conditions) {
      last = dataOf(
        await app.gql(RECORD, { input: { coordinationFunctionId: cfId, year: 2024, condition, met: condition !== 'REGIONAL_AGREEMENTS', evidenceNote: `Checked ${condition}`, evidenceDate: '2023-12-01' } }, { token: leadToken }),
      ).coordinationConditionRecord;
    }
    expect(last.checklist.allMet).toBe(false);
    const fixed = dataOf(
      await app.gql(RECORD, { input: { coordinationFunctionId: cfId, year: 2024, condition: 'REGIONAL_AGREEMENTS', met: true, evidenceNote: 'Signed by ELV providers with 85% of beds, GPs and hospitals', evidenceDate: '2023-12-05' } }, { token: leadToken }),
    ).coordinationConditionRecord;
    // condition 4 is derived too: 70% of the beds and no hospital or GP among the signatories keep it unmet
    expect(fixed.checklist.allMet).toBe(false);
    const hospital = await app.monitoring.base.provider({ kind: ProviderKind.HOSPITAL, region: g.region });
    const gps = await app.monitoring.base.provider({ kind: ProviderKind.GP_ORGANISATION, region: g.region });
    const signed = [elv[0]!, elv[1]!, elv[2]!, hospital, gps].map((p) => ({ providerAgb: p.agb, signedOn: '2023-11-01' }));
    await app.gql(SIGNATORIES, { input: { coordinationFunctionId: cfId, year: 2024, signatories: signed } }, { token: cfToken });

    // then the function reads its checklist
    const read = dataOf(await app.gql(CHECKLIST, { agb: g.cf.agb, year: 2024 }, { token: cfToken })).coordinationChecklist;
    expect(read.allMet).toBe(true);
    expect(read.conditions.map((c: any) => [c.number, c.condition, c.met])).toEqual(conditions.map((c, i) => [i + 1, c, true]));
    expect(read.conditions[3]).toMatchObject({ evidenceNote: 'Signed by ELV providers with 85% of beds, GPs and hospitals', evidenceDate: '2023-12-05', recordedBy: { uzovi: g.lead.uzovi } });
    expect(read.elvBedCoverage).toMatchObject({ region: { code: g.region.code }, signedBeds: 85, totalBeds: 100, meetsMinimum: true });
    expect(read.elvBedCoverage.signatories.map((s: any) => [s.elvBeds, s.inRegion])).toEqual(expect.arrayContaining([[40, true], [30, true], [0, true]]));
  });

  it('lets only the preferred insurer record conditions (seed 002); the other purchasing insurers read; others get FORBIDDEN or NOT_FOUND', async () => {
    const g = await app.monitoring.purchasedFunction(2024);
    const cfId = encodeGlobalId('Provider', g.cf.id);
    const input = { coordinationFunctionId: cfId, year: 2024, condition: 'CASE_TABLES', met: true, evidenceNote: 'Minutes of the case table', evidenceDate: '2023-10-10' };
    const cfToken = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: g.cf });
    expect(errorCodes(await app.gql(RECORD, { input }, { token: cfToken }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.gql(RECORD, { input }))).toEqual(['FORBIDDEN']);
    const competitor = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.competitor });
    expect(dataOf(await app.gql(RECORD, { input }, { token: competitor })).coordinationConditionRecord.userErrors).toEqual([{ field: ['coordinationFunctionId'], code: 'NOT_FOUND' }]);
    const follower = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.follower });
    expect(errorCodes(await app.gql(RECORD, { input }, { token: follower }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await app.gql(CHECKLIST, { agb: g.cf.agb, year: 2024 }, { token: follower })).coordinationChecklist.year).toBe(2024);
    const lead = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead });
    // recorded by the preferred insurer; without signatories condition 4 is already known to fail
    expect(dataOf(await app.gql(RECORD, { input }, { token: lead })).coordinationConditionRecord.checklist.allMet).toBe(false);
    const empty = dataOf(await app.gql(RECORD, { input: { ...input, evidenceNote: ' ' } }, { token: lead })).coordinationConditionRecord;
    expect(empty.userErrors).toEqual([{ field: ['evidenceNote'], code: 'REQUIRED' }]);
  });

  it('lets only the function and its purchasing insurers set the signatories; others get FORBIDDEN or NOT_FOUND', async () => {
    const g = await app.monitoring.purchasedFunction(2024);
    const elv = await app.monitoring.elvProvider(g.region, 10);
    const input = { coordinationFunctionId: encodeGlobalId('Provider', g.cf.id), year: 2024, signatories: [{ providerAgb: elv.agb, signedOn: '2023-11-01' }] };
    const set = async (token?: string) => app.gql(SIGNATORIES, { input }, token ? { token } : {});
    // the operator admin and a dashboard of the purchasing insurer read the function but may not write
    expect(errorCodes(await set())).toEqual(['FORBIDDEN']);
    expect(errorCodes(await set(await app.tokenFor({ role: 'DASHBOARD', insurer: g.lead })))).toEqual(['FORBIDDEN']);
    // a competitor and another function do not even see it
    for (const token of [await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.competitor }), await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: elv })]) {
      expect(dataOf(await set(token)).coordinationSignatoriesSet.userErrors).toEqual([{ field: ['coordinationFunctionId'], code: 'NOT_FOUND' }]);
    }
    // a following insurer (it purchases too) may
    const follower = dataOf(await set(await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.follower }))).coordinationSignatoriesSet;
    expect(follower).toMatchObject({ userErrors: [], checklist: { elvBedCoverage: { signedBeds: 10 } } });
  });

  it('holds the seeded ELV beds of the demo providers and lets operator admins change them', async () => {
    const data = dataOf(await app.gql(`{ providers(filter: { agb: ["07010901", "07010902", "07010903"] }) { nodes { id agb elvBeds } } }`));
    expect(data.providers.nodes.map((p: any) => [p.agb, p.elvBeds]).sort()).toEqual([
      ['07010901', 42],
      ['07010902', 28],
      ['07010903', 30],
    ]);
    const id = data.providers.nodes[0].id;
    const SET = `mutation($input: ProviderElvBedsSetInput!) { providerElvBedsSet(input: $input) { provider { elvBeds } userErrors { code } } }`;
    expect(dataOf(await app.gql(SET, { input: { providerId: id, beds: -1 } })).providerElvBedsSet.userErrors).toEqual([{ code: 'INVALID_BEDS' }]);
    const insurerAdmin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.monitoring.base.insurer() });
    expect(errorCodes(await app.gql(SET, { input: { providerId: id, beds: 10 } }, { token: insurerAdmin }))).toEqual(['FORBIDDEN']);
    const original = data.providers.nodes[0].elvBeds;
    expect(dataOf(await app.gql(SET, { input: { providerId: id, beds: original + 1 } })).providerElvBedsSet.provider.elvBeds).toBe(original + 1);
    await app.gql(SET, { input: { providerId: id, beds: original } });
  });
});

describe('demo data (src/monitoring/monitoring.seed.ts)', () => {
  it('holds the demo coordination functions’ figures for 2022 to 2025: submitted up to 2024, 2025 a draft, imported by the platform', async () => {
    // when the operator lists the Utrecht coordination function's submissions
    const data = dataOf(
      await app.gql(`{ monitoringSubmissions(filter: { coordinationFunctionAgb: "03010901" }, first: 10) {
        nodes { year period status figures { stayType } versions { createdBy import { summary { outcome } } } } } }`),
    );
    // then
    const nodes = data.monitoringSubmissions.nodes.map((n: any) => [n.year, n.period, n.status, n.figures.length, n.versions[0].createdBy]);
    expect(nodes.sort()).toEqual([
      [2022, 'H1', 'SUBMITTED', 5, 'seed (DEMO)'],
      [2022, 'H2', 'SUBMITTED', 5, 'seed (DEMO)'],
      [2023, 'H1', 'SUBMITTED', 5, 'seed (DEMO)'],
      [2023, 'H2', 'SUBMITTED', 5, 'seed (DEMO)'],
      [2024, 'JAAR', 'SUBMITTED', 5, 'seed (DEMO)'],
      [2025, 'JAAR', 'DRAFT', 5, 'seed (DEMO)'],
    ]);
  });
});
