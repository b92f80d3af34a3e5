import { useTestApp, dataOf, errorCodes, testConfig } from '../support/app';
import { runCli } from '../../src/cli/main';
import { RepresentationWorld, gid } from '../factories/contract';
import { Contract } from '../../src/contract/contract.entity';
import { Provider } from '../../src/provider/provider.entity';
import { CeilingProcedure, CeilingProcedureKind, CeilingProcedureStatus } from '../../src/ceiling-procedure/ceiling-procedure.entity';

/**
 * The ceiling-threat procedures of seed 003 (003_2c4c2530db87d994.txt, ZG: "Neem uiterlijk 1 september van het lopende
 * jaar contact met ons op ... binnen 4 weken na het gesprek een reactie") and seed 004 (004_1f8df596a6e33aa0.txt, MSZ:
 * "Bij het (bijna) bereiken (maximaal 75%) van het omzetplafond kan de zorgaanbieder zich tot Zilveren Kruis wenden
 * ... binnen 5 weken nadat alle gevraagde informatie is ontvangen"), through the API.
 */
const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });
let w: RepresentationWorld;
let zgProvider: Provider;
let mszProvider: Provider;
let zgContract: Contract;
let mszContract: Contract;
let ambulanceContract: Contract;
const YEAR = 2060;

beforeAll(async () => {
  // The lead insurer of a region buys ZG and MSZ care from providers in that region; the follower has a market share
  // there (and reads the region's ambulance contract), the second insurer is a competitor.
  w = await app.contracts.world(YEAR);
  zgProvider = await app.factory.provider({ region: w.region });
  mszProvider = await app.factory.provider({ region: w.region });
  zgContract = await app.contracts.contract({ insurer: w.lead, provider: zgProvider, segment: await app.contracts.seeded('ZG'), firstYear: YEAR, lastYear: YEAR + 1 });
  mszContract = await app.contracts.contract({ insurer: w.lead, provider: mszProvider, segment: await app.contracts.seeded('MSZ'), firstYear: YEAR });
  ambulanceContract = await app.contracts.contract({ insurer: w.lead, provider: w.provider, segment: w.segment, agreement: w.agreement, firstYear: YEAR });
});

const tokens = {
  zgProvider: () => app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: zgProvider }),
  zgProviderDashboard: () => app.tokenFor({ role: 'DASHBOARD', provider: zgProvider }),
  mszProvider: () => app.tokenFor({ role: 'PROVIDER_ADMIN', provider: mszProvider }),
  insurer: () => app.tokenFor({ role: 'INSURER_MEMBER', insurer: w.lead }),
  insurerDashboard: () => app.tokenFor({ role: 'DASHBOARD', insurer: w.lead }),
  competitor: () => app.tokenFor({ role: 'INSURER_ADMIN', insurer: w.second }),
  follower: () => app.tokenFor({ role: 'INSURER_ADMIN', insurer: w.follower }),
  otherProvider: () => app.tokenFor({ role: 'PROVIDER_ADMIN', provider: w.provider }),
  operator: async () => app.operatorToken,
};
type Who = keyof typeof tokens;

const FIELDS = `id year kind status explanation forecastAmount forecastBasis growthPlans careConcerned redirectRequested protectedCareRoomKept
  submittedOn meetingOn informationCompleteOn decision patientsRedirected decisionNote decidedOn reportDueOn answerDueOn answeredLate`;
const RESULT = `ceilingProcedure { ${FIELDS} } userErrors { field code message }`;

async function mutate(name: string, input: Record<string, unknown>, who: Who) {
  const inputType = `CeilingProcedure${name[16].toUpperCase()}${name.slice(17)}Input`;
  return app.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${RESULT} } }`, { input }, { token: await tokens[who]() });
}
async function ok(name: string, input: Record<string, unknown>, who: Who) {
  const payload = dataOf(await mutate(name, input, who))[name];
  expect(payload.userErrors).toEqual([]);
  return payload.ceilingProcedure;
}
async function userErrorCodes(name: string, input: Record<string, unknown>, who: Who): Promise<string[]> {
  const payload = dataOf(await mutate(name, input, who))[name];
  expect(payload.ceilingProcedure).toBeNull();
  return payload.userErrors.map((e: { code: string }) => e.code);
}

/** A procedure in a state the API reached earlier (the "given"), with dates the test chooses. */
async function givenProcedure(contract: Contract, year: number, fields: Partial<CeilingProcedure>): Promise<string> {
  const em = app.orm.em.fork();
  const segment = contract.id === mszContract.id ? CeilingProcedureKind.MSZ_REDIRECT_REQUEST : CeilingProcedureKind.ZG_THREAT_REPORT;
  const procedure = em.create(CeilingProcedure, { contract: em.getReference(Contract, contract.id), year, kind: segment, status: CeilingProcedureStatus.SUBMITTED, ...fields });
  await em.flush();
  return gid('CeilingProcedure', procedure.id);
}

async function alerts(who: Who, year: number, asOf: string) {
  const data = dataOf(
    await app.gql(
      `query($y: Int!, $d: Date!) { ceilingProcedureAlerts(year: $y, asOf: $d, first: 100) { totalCount nodes { kind dueOn procedure { id } } } }`,
      { y: year, d: asOf },
      { token: await tokens[who]() },
    ),
  );
  return data.ceilingProcedureAlerts;
}

function plusDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('ZG ceiling-threat report (seed 003_2c4c2530db87d994.txt)', () => {
  it('goes DRAFT -> SUBMITTED -> MEETING_HELD -> DECIDED, with the report due 1 September and the answer 4 weeks after the meeting', async () => {
    // given: the provider opens a draft with part of the facts
    const draft = await ok('ceilingProcedureOpen', { contractId: gid('Contract', zgContract.id), year: YEAR, explanation: 'More clients with a hearing impairment' }, 'zgProvider');
    expect(draft).toMatchObject({ kind: 'ZG_THREAT_REPORT', status: 'DRAFT', reportDueOn: `${YEAR}-09-01`, submittedOn: null, answerDueOn: null });
    // when: it submits before the forecast and growth plans are there
    const incomplete = await userErrorCodes('ceilingProcedureSubmit', { id: draft.id }, 'zgProvider');
    // then: the seed's three facts are required
    expect(incomplete.sort()).toEqual(['INCOMPLETE', 'INCOMPLETE', 'INCOMPLETE']);

    // when: it adds a substantiated forecast and plans, and submits
    await ok('ceilingProcedureUpdate', { id: draft.id, forecastAmount: '1150000.50', forecastBasis: 'Clients x cost per client', growthPlans: 'Waiting list, no new intakes in Q4' }, 'zgProvider');
    const submitted = await ok('ceilingProcedureSubmit', { id: draft.id }, 'zgProvider');
    expect(submitted).toMatchObject({ status: 'SUBMITTED', forecastAmount: '1150000.50' });
    expect(submitted.submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // a submitted report is no longer the provider's to change
    expect(await userErrorCodes('ceilingProcedureUpdate', { id: draft.id, explanation: 'changed' }, 'zgProvider')).toEqual(['INVALID_STATUS_TRANSITION']);
    // the answer needs a meeting first, and the MSZ step does not apply
    expect(await userErrorCodes('ceilingProcedureDecide', { id: draft.id, decision: 'NO_ADDITIONAL_AGREEMENT', note: 'n' }, 'insurer')).toEqual(['INVALID_STATUS_TRANSITION']);
    expect(await userErrorCodes('ceilingProcedureRecordInformationComplete', { id: draft.id, informationCompleteOn: submitted.submittedOn }, 'insurer')).toEqual(['NOT_FOR_KIND']);
    // a meeting cannot lie before the submission or in the future
    expect(await userErrorCodes('ceilingProcedureRecordMeeting', { id: draft.id, meetingOn: plusDays(submitted.submittedOn, -1) }, 'insurer')).toEqual(['INVALID_DATE']);
    expect(await userErrorCodes('ceilingProcedureRecordMeeting', { id: draft.id, meetingOn: '2099-01-01' }, 'insurer')).toEqual(['INVALID_DATE']);

    // when: the insurer records the meeting (held the day the report came in)
    const met = await ok('ceilingProcedureRecordMeeting', { id: draft.id, meetingOn: submitted.submittedOn }, 'insurer');
    // then: the answer is due 4 weeks (28 days) later
    expect(met).toMatchObject({ status: 'MEETING_HELD', meetingOn: submitted.submittedOn, answerDueOn: plusDays(submitted.submittedOn, 28) });
    // a ZG answer does not redirect patients (that is the MSZ procedure)
    expect(await userErrorCodes('ceilingProcedureDecide', { id: draft.id, decision: 'ADDITIONAL_AGREEMENT', note: 'ok', patientsRedirected: true }, 'insurer')).toEqual(['NOT_FOR_KIND']);
    expect(await userErrorCodes('ceilingProcedureDecide', { id: draft.id, decision: 'ADDITIONAL_AGREEMENT', note: '  ' }, 'insurer')).toEqual(['NOTE_REQUIRED']);

    // when: the insurer answers
    const decided = await ok('ceilingProcedureDecide', { id: draft.id, decision: 'ADDITIONAL_AGREEMENT', note: 'Efficient provider: additional agreement' }, 'insurer');
    // then
    expect(decided).toMatchObject({ status: 'DECIDED', decision: 'ADDITIONAL_AGREEMENT', decisionNote: 'Efficient provider: additional agreement', patientsRedirected: null, answeredLate: false });
    expect(await userErrorCodes('ceilingProcedureDecide', { id: draft.id, decision: 'NO_ADDITIONAL_AGREEMENT', note: 'again' }, 'insurer')).toEqual(['INVALID_STATUS_TRANSITION']);
    // and one procedure per contract and year
    expect(await userErrorCodes('ceilingProcedureOpen', { contractId: gid('Contract', zgContract.id), year: YEAR }, 'zgProvider')).toEqual(['ALREADY_EXISTS']);
  });

  it('refuses facts of the MSZ request, a year outside the term, and a segment without a procedure', async () => {
    expect(await userErrorCodes('ceilingProcedureOpen', { contractId: gid('Contract', zgContract.id), year: YEAR + 1, careConcerned: 'x' }, 'zgProvider')).toEqual(['NOT_FOR_KIND']);
    expect(await userErrorCodes('ceilingProcedureOpen', { contractId: gid('Contract', zgContract.id), year: YEAR + 2 }, 'zgProvider')).toEqual(['YEAR_OUTSIDE_TERM']);
    expect(await userErrorCodes('ceilingProcedureOpen', { contractId: gid('Contract', ambulanceContract.id), year: YEAR }, 'otherProvider')).toEqual(['SEGMENT_NOT_COVERED']);
  });

  it('lists a report submitted after 1 September, or not submitted by then, as REPORT_LATE', async () => {
    // given: the report of the contract's second year, submitted on 2 September
    const lateId = await givenProcedure(zgContract, YEAR + 1, { submittedOn: `${YEAR + 1}-09-02`, explanation: 'late' });
    // when / then: submitted the day after the due date
    const after = await alerts('insurer', YEAR + 1, `${YEAR + 1}-09-30`);
    expect(after.nodes).toEqual([{ kind: 'REPORT_LATE', dueOn: `${YEAR + 1}-09-01`, procedure: { id: lateId } }]);
    // a draft not submitted is late from 2 September on, not on 1 September
    await app.orm.em.fork().nativeUpdate(CeilingProcedure, { contract: zgContract.id, year: YEAR + 1 }, { status: CeilingProcedureStatus.DRAFT, submittedOn: null });
    expect((await alerts('zgProvider', YEAR + 1, `${YEAR + 1}-09-01`)).nodes).toEqual([]);
    expect((await alerts('zgProvider', YEAR + 1, `${YEAR + 1}-09-02`)).nodes).toEqual([{ kind: 'REPORT_LATE', dueOn: `${YEAR + 1}-09-01`, procedure: { id: lateId } }]);
    // submitted exactly on 1 September is on time
    await app.orm.em.fork().nativeUpdate(CeilingProcedure, { contract: zgContract.id, year: YEAR + 1 }, { status: CeilingProcedureStatus.SUBMITTED, submittedOn: `${YEAR + 1}-09-01` });
    expect((await alerts('insurer', YEAR + 1, `${YEAR + 1}-12-31`)).nodes).toEqual([]);
  });

  it('lists an answer not given within 4 weeks after the meeting as ANSWER_OVERDUE, for both parties', async () => {
    // given: a report submitted in time in an earlier year, on a contract of that year
    const earlier = await app.contracts.contract({ insurer: w.lead, provider: zgProvider, segment: await app.contracts.seeded('ZG'), firstYear: 2024, lastYear: 2025 });
    const id = await givenProcedure(earlier, 2024, { submittedOn: '2024-08-15', explanation: 'e', forecastAmount: '10.00', forecastBasis: 'b', growthPlans: 'g' });
    // when: the insurer records the meeting of 10 September 2024
    const met = await ok('ceilingProcedureRecordMeeting', { id, meetingOn: '2024-09-10' }, 'insurer');
    // then: due 8 October 2024; overdue from 9 October, seen by the insurer and the provider alike
    expect(met.answerDueOn).toBe('2024-10-08');
    expect((await alerts('insurer', 2024, '2024-10-08')).nodes).toEqual([]);
    for (const who of ['insurer', 'insurerDashboard', 'zgProvider', 'zgProviderDashboard'] as const) {
      expect((await alerts(who, 2024, '2024-10-09')).nodes).toEqual([{ kind: 'ANSWER_OVERDUE', dueOn: '2024-10-08', procedure: { id } }]);
    }
    // the existing ceiling alerts answer as before beside it
    expect(dataOf(await app.gql('{ contractAlerts(year: 2024) { totalCount } }', {}, { token: await tokens.insurer() })).contractAlerts.totalCount).toBe(0);
    // when: the answer comes (today, long after 8 October 2024)
    const decided = await ok('ceilingProcedureDecide', { id, decision: 'NO_ADDITIONAL_AGREEMENT', note: 'No duty-of-care issue' }, 'insurer');
    // then: no longer overdue, but answered late
    expect(decided.answeredLate).toBe(true);
    expect((await alerts('insurer', 2024, '2024-10-09')).nodes).toEqual([]);
  });
});

describe('MSZ request to redirect patients (seed 004_1f8df596a6e33aa0.txt)', () => {
  it('requires room for chronic, emergency and restitution care, sets no report date, and decides 5 weeks after all information is in', async () => {
    // given
    const draft = await ok('ceilingProcedureOpen', { contractId: gid('Contract', mszContract.id), year: YEAR, explanation: 'Ceiling 75% used in May', careConcerned: 'Orthopaedics, new patients', redirectRequested: true }, 'mszProvider');
    expect(draft).toMatchObject({ kind: 'MSZ_REDIRECT_REQUEST', status: 'DRAFT', reportDueOn: null, redirectRequested: true, protectedCareRoomKept: false });
    expect(await userErrorCodes('ceilingProcedureUpdate', { id: draft.id, growthPlans: 'x' }, 'mszProvider')).toEqual(['NOT_FOR_KIND']);
    // when: submitted without confirming room for the care that always fits under the ceiling
    expect(await userErrorCodes('ceilingProcedureSubmit', { id: draft.id }, 'mszProvider')).toEqual(['PROTECTED_CARE_ROOM_REQUIRED']);
    await ok('ceilingProcedureUpdate', { id: draft.id, protectedCareRoomKept: true }, 'mszProvider');
    const submitted = await ok('ceilingProcedureSubmit', { id: draft.id }, 'mszProvider');
    // then: never late (the seed sets no date, "zo tijdig mogelijk")
    expect(submitted).toMatchObject({ status: 'SUBMITTED', reportDueOn: null });
    expect((await alerts('mszProvider', YEAR, `${YEAR}-12-31`)).nodes).toEqual([]);
    // the ZG meeting step does not apply
    expect(await userErrorCodes('ceilingProcedureRecordMeeting', { id: draft.id, meetingOn: submitted.submittedOn }, 'insurer')).toEqual(['NOT_FOR_KIND']);
    // when: all information is in
    const complete = await ok('ceilingProcedureRecordInformationComplete', { id: draft.id, informationCompleteOn: submitted.submittedOn }, 'insurer');
    // then: the decision is due 5 weeks (35 days) later
    expect(complete).toMatchObject({ status: 'ALL_INFORMATION_RECEIVED', answerDueOn: plusDays(submitted.submittedOn, 35) });
    expect(await userErrorCodes('ceilingProcedureDecide', { id: draft.id, decision: 'NO_ADDITIONAL_AGREEMENT', note: 'Room elsewhere in the region' }, 'insurer')).toEqual(['INCOMPLETE']);
    const decided = await ok('ceilingProcedureDecide', { id: draft.id, decision: 'NO_ADDITIONAL_AGREEMENT', note: 'Room elsewhere in the region', patientsRedirected: true }, 'insurer');
    expect(decided).toMatchObject({ status: 'DECIDED', decision: 'NO_ADDITIONAL_AGREEMENT', patientsRedirected: true, answeredLate: false });
  });

  it('lists a decision not taken within 5 weeks after all information is in as ANSWER_OVERDUE', async () => {
    // given
    const earlier = await app.contracts.contract({ insurer: w.lead, provider: mszProvider, segment: await app.contracts.seeded('MSZ'), firstYear: 2024 });
    const em = app.orm.em.fork();
    const procedure = em.create(CeilingProcedure, {
      contract: em.getReference(Contract, earlier.id),
      year: 2024,
      kind: CeilingProcedureKind.MSZ_REDIRECT_REQUEST,
      status: CeilingProcedureStatus.SUBMITTED,
      submittedOn: '2024-05-01',
      explanation: 'e',
      careConcerned: 'c',
      protectedCareRoomKept: true,
    });
    await em.flush();
    const id = gid('CeilingProcedure', procedure.id);
    // when: all information came in on 3 June 2024
    const complete = await ok('ceilingProcedureRecordInformationComplete', { id, informationCompleteOn: '2024-06-03' }, 'insurer');
    // then: due 8 July 2024, overdue from 9 July
    expect(complete.answerDueOn).toBe('2024-07-08');
    expect((await alerts('mszProvider', 2024, '2024-07-08')).nodes).toEqual([]);
    expect((await alerts('mszProvider', 2024, '2024-07-09')).nodes).toEqual([{ kind: 'ANSWER_OVERDUE', dueOn: '2024-07-08', procedure: { id } }]);
    expect((await alerts('insurer', 2024, '2024-07-09')).totalCount).toBe(1);
  });
});

describe('who may read and act (seeds 003, 004: the procedure is between the contract parties)', () => {
  let id: string;
  beforeAll(async () => {
    const contract = await app.contracts.contract({ insurer: w.lead, provider: zgProvider, segment: await app.contracts.seeded('ZG'), firstYear: 2022, lastYear: 2023 });
    id = await givenProcedure(contract, 2022, { submittedOn: '2022-09-15', explanation: 'e', forecastAmount: '10.00', forecastBasis: 'b', growthPlans: 'g' });
  });

  async function read(who: Who) {
    return dataOf(
      await app.gql(
        `query($id: ID!) { one: node(id: $id) { id ... on CeilingProcedure { status contract { id } } } many: nodes(ids: [$id]) { id }
           list: ceilingProcedures(first: 100, filter: { year: 2022 }) { totalCount nodes { id } }
           alerts: ceilingProcedureAlerts(year: 2022, asOf: "2022-12-31", first: 10) { totalCount nodes { kind } } }`,
        { id },
        { token: await tokens[who]() },
      ),
    );
  }

  it.each(['insurer', 'insurerDashboard', 'zgProvider', 'zgProviderDashboard'] as const)('lets the contract party %s read it', async (who) => {
    const data = await read(who);
    expect(data.one).toMatchObject({ id, status: 'SUBMITTED' });
    expect(data.many).toEqual([{ id }]);
    expect(data.list).toEqual({ totalCount: 1, nodes: [{ id }] });
    expect(data.alerts).toEqual({ totalCount: 1, nodes: [{ kind: 'REPORT_LATE' }] });
  });

  it.each(['competitor', 'follower', 'otherProvider', 'operator'] as const)('shows %s nothing, exactly as if it did not exist', async (who) => {
    const data = await read(who);
    const missing = await app.gql(`{ node(id: "${gid('CeilingProcedure', 999999)}") { id } }`, {}, { token: await tokens[who]() });
    expect(data).toEqual({ one: null, many: [null], list: { totalCount: 0, nodes: [] }, alerts: { totalCount: 0, nodes: [] } });
    expect(dataOf(missing)).toEqual({ node: null });
  });

  it.each(['competitor', 'follower', 'otherProvider', 'operator'] as const)('refuses the mutations of %s as NOT_FOUND', async (who) => {
    expect(await userErrorCodes('ceilingProcedureRecordMeeting', { id, meetingOn: '2022-09-20' }, who)).toEqual(['NOT_FOUND']);
    expect(await userErrorCodes('ceilingProcedureUpdate', { id, explanation: 'x' }, who)).toEqual(['NOT_FOUND']);
    expect(await userErrorCodes('ceilingProcedureOpen', { contractId: gid('Contract', zgContract.id), year: YEAR + 1 }, who)).toEqual(['CONTRACT_NOT_FOUND']);
  });

  it("refuses a party doing the other party's step (FORBIDDEN), and read-only roles", async () => {
    // the insurer cannot write the provider's report, the provider cannot answer it
    expect(errorCodes(await mutate('ceilingProcedureOpen', { contractId: gid('Contract', zgContract.id), year: YEAR + 1 }, 'insurer'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await mutate('ceilingProcedureSubmit', { id }, 'insurer'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await mutate('ceilingProcedureRecordMeeting', { id, meetingOn: '2022-09-20' }, 'zgProvider'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await mutate('ceilingProcedureDecide', { id, decision: 'ADDITIONAL_AGREEMENT', note: 'n' }, 'zgProvider'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await mutate('ceilingProcedureRecordMeeting', { id, meetingOn: '2022-09-20' }, 'insurerDashboard'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await mutate('ceilingProcedureUpdate', { id, explanation: 'x' }, 'zgProviderDashboard'))).toEqual(['FORBIDDEN']);
    // and nothing changed
    expect((await read('insurer')).one).toMatchObject({ status: 'SUBMITTED' });
    // the legitimate party's step still works
    expect(await ok('ceilingProcedureRecordMeeting', { id, meetingOn: '2022-09-20' }, 'insurer')).toMatchObject({ status: 'MEETING_HELD', answerDueOn: '2022-10-18' });
  });
});

describe('CLI: ceiling procedures (acts as the organisation of EXCHANGE_TOKEN)', () => {
  async function cli(args: string[], who: Who) {
    const lines: string[] = [];
    process.env.EXCHANGE_TOKEN = await tokens[who]();
    try {
      const code = await runCli(['ceiling', 'procedures', ...args], { out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) }, testConfig());
      return { code, lines };
    } finally {
      delete process.env.EXCHANGE_TOKEN;
    }
  }

  it('lists the overdue answers of the MSZ request of 2024 (seed 004) to both parties, and nothing to a competitor', async () => {
    for (const who of ['insurer', 'mszProvider'] as const) {
      const { code, lines } = await cli(['--year', '2024', '--overdue', '--as-of', '2024-10-09'], who);
      expect(code).toBe(0);
      expect(lines[0]).toMatch(/^late ceiling procedures 2024 on 2024-10-09 for \d+: 1$/);
      expect(lines.join('\n')).toMatch(/ANSWER_OVERDUE\s+2024-07-08\s+MSZ_REDIRECT_REQUEST\s+ALL_INFORMATION_RECEIVED/);
    }
    const competitor = await cli(['--year', '2024', '--overdue', '--as-of', '2024-10-09'], 'competitor');
    expect(competitor.lines).toEqual([expect.stringMatching(/: none$/)]);
  });

  it('lists the procedures of a year with their due dates (seed 003: report due 1 September)', async () => {
    const { code, lines } = await cli(['--year', '2022'], 'zgProvider');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^ceiling procedures 2022 for \d+: 1$/);
    expect(lines.join('\n')).toMatch(/2022\s+ZG_THREAT_REPORT\s+MEETING_HELD\s+\d{4}\s+\d{8}\s+2022-09-01\s+2022-09-15\s+2022-10-18\s+-/);
  });

  it('refuses to run for the operator', async () => {
    await expect(cli([], 'operator')).rejects.toThrow(/insurer or provider/);
  });
});

describe('no N+1 in procedure lists', () => {
  it('runs as many SQL statements for 8 procedures with nested contract fields as for 2', async () => {
    // given: 8 ZG contracts of a fresh insurer, each with a procedure for 2050
    const insurer = await app.factory.insurer();
    const segment = await app.contracts.seeded('ZG');
    for (let i = 0; i < 8; i++) {
      const c = await app.contracts.contract({ insurer, provider: await app.factory.provider(), segment, firstYear: 2050, lastYear: 2051 });
      await givenProcedure(c, 2050, { submittedOn: '2050-09-05', explanation: 'e' });
    }
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    const QUERY = `query($n: Int!) {
      ceilingProcedures(first: $n, filter: { year: 2050 }) { nodes { id status reportDueOn reportLate(asOf: "2050-12-31") answerDueOn
        contract { id ceilingAmount provider { agb } insurer { uzovi } segment { code } } } }
      ceilingProcedureAlerts(year: 2050, asOf: "2050-12-31", first: $n) { nodes { kind procedure { id contract { provider { agb } } } } } }`;
    // a first read fills what the process keeps once (a fresh token, lookups cached per process), so the two measured
    // reads differ only in how many procedures they list
    dataOf(await app.gql(QUERY, { n: 1 }, { token }));
    // when
    const small = await app.gql(QUERY, { n: 2 }, { token });
    const large = await app.gql(QUERY, { n: 8 }, { token });
    // then
    expect(dataOf(large).ceilingProcedures.nodes).toHaveLength(8);
    expect(dataOf(large).ceilingProcedureAlerts.nodes).toHaveLength(8);
    expect(large.body.extensions!.sqlStatements).toBe(small.body.extensions!.sqlStatements);
  });
});
