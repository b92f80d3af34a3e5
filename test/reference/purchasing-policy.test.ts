import { useTestApp, dataOf, errorCodes } from '../support/app';
import { SEED_FILES } from '../../src/shared/seed-files';
import { MilestoneKind } from '../../src/purchasing-policy/policy-milestone.entity';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Segment } from '../../src/segment/segment.entity';

// Many requests within a minute: the per-credential budget is not what this file tests.
const app = useTestApp({ env: { RATE_LIMIT_OPERATOR_ADMIN: '1000000000' } });

const ZILVEREN_KRUIS = '3311';
const ZORG_EN_ZEKERHEID = '9903';

const POLICY_FIELDS = 'id firstYear lastYear publishedOn contractTermYears title sourceDocument summary insurer { uzovi } segment { code }';
const MILESTONE_FIELDS = 'id date kind description';

const POLICY_CREATE = `mutation($input: PurchasingPolicyCreateInput!) {
  purchasingPolicyCreate(input: $input) { purchasingPolicy { ${POLICY_FIELDS} } userErrors { field message code } }
}`;
const POLICY_UPDATE = `mutation($input: PurchasingPolicyUpdateInput!) {
  purchasingPolicyUpdate(input: $input) { purchasingPolicy { ${POLICY_FIELDS} } userErrors { field message code } }
}`;
const MILESTONE_CREATE = `mutation($input: PolicyMilestoneCreateInput!) {
  policyMilestoneCreate(input: $input) { policyMilestone { ${MILESTONE_FIELDS} policy { id } } userErrors { field message code } }
}`;
const MILESTONE_UPDATE = `mutation($input: PolicyMilestoneUpdateInput!) {
  policyMilestoneUpdate(input: $input) { policyMilestone { ${MILESTONE_FIELDS} } userErrors { field message code } }
}`;
const POLICY_FOR = `query($u: String!, $s: String!, $y: Int!) { purchasingPolicy(insurerUzovi: $u, segmentCode: $s, year: $y) { ${POLICY_FIELDS} milestones { ${MILESTONE_FIELDS} } } }`;
const UPCOMING = `query($from: Date!, $days: Int, $insurer: String, $segment: String, $first: Int) {
  upcomingMilestones(from: $from, days: $days, insurer: $insurer, segment: $segment, first: $first) {
    totalCount nodes { date kind policy { sourceDocument insurer { uzovi } segment { code } } }
  }
}`;

async function policyFor(uzovi: string, segmentCode: string, year: number) {
  return dataOf(await app.gql(POLICY_FOR, { u: uzovi, s: segmentCode, y: year })).purchasingPolicy;
}

async function upcoming(variables: Record<string, unknown>) {
  return dataOf(await app.gql(UPCOMING, { first: 50, ...variables })).upcomingMilestones;
}

/** The calendar of a policy as [date, kind] pairs, read through `milestones`. */
async function calendar(uzovi: string, segmentCode: string, year: number): Promise<[string, string][]> {
  const policy = await policyFor(uzovi, segmentCode, year);
  return policy.milestones.map((m: any) => [m.date, m.kind]);
}

/** The global ID of a policy made by the factory, as the API hands it out. */
async function policyId(insurer: Insurer, segment: Segment, year: number): Promise<string> {
  return (await policyFor(insurer.uzovi, segment.code, year)).id;
}

async function policiesOf(uzovi: string) {
  return dataOf(await app.gql(`query($u: String) { purchasingPolicies(first: 20, filter: { insurerUzovi: $u }) { totalCount nodes { ${POLICY_FIELDS} } } }`, { u: uzovi }))
    .purchasingPolicies;
}

describe('the five seeded purchasing policies', () => {
  it('are each traceable to their seed file', async () => {
    // when
    const seeded = [...(await policiesOf(ZILVEREN_KRUIS)).nodes, ...(await policiesOf(ZORG_EN_ZEKERHEID)).nodes];
    // then
    expect(seeded.map((p: any) => p.sourceDocument).sort()).toEqual(Object.values(SEED_FILES).sort());
    const bySource = Object.fromEntries(seeded.map((p: any) => [p.sourceDocument, p]));
    expect(seeded).toHaveLength(5);
    expect(bySource[SEED_FILES.AMBULANCE_2024]).toMatchObject({
      insurer: { uzovi: ZILVEREN_KRUIS },
      segment: { code: 'AMBULANCE' },
      firstYear: 2024,
      lastYear: 2024,
      publishedOn: '2023-04-01',
      contractTermYears: 1,
      title: 'Inkoopbeleid Ambulancezorg 2024',
    });
    expect(bySource[SEED_FILES.AMBULANCE_2025]).toMatchObject({
      insurer: { uzovi: ZORG_EN_ZEKERHEID },
      segment: { code: 'AMBULANCE' },
      firstYear: 2025,
      lastYear: 2025,
      publishedOn: '2024-04-01',
      contractTermYears: 1,
      title: 'Zorginkoopbeleid Ambulancezorg 2025',
    });
    expect(bySource[SEED_FILES.COORDINATION_2024]).toMatchObject({
      insurer: { uzovi: ZILVEREN_KRUIS },
      segment: { code: 'COORDINATION' },
      firstYear: 2024,
      lastYear: 2024,
      publishedOn: '2023-04-01',
      contractTermYears: 1,
    });
    expect(bySource[SEED_FILES.ZG_2024_2025]).toMatchObject({
      insurer: { uzovi: ZILVEREN_KRUIS },
      segment: { code: 'ZG' },
      firstYear: 2024,
      lastYear: 2025,
      publishedOn: '2023-04-01',
      contractTermYears: 2,
    });
    expect(bySource[SEED_FILES.MSZ_2024]).toMatchObject({
      insurer: { uzovi: ZILVEREN_KRUIS },
      segment: { code: 'MSZ' },
      firstYear: 2024,
      lastYear: 2024,
      publishedOn: '2023-04-01',
      contractTermYears: 1,
    });
    for (const p of seeded) expect(p.summary.length).toBeGreaterThan(50);
  });

  it('are listed newest publication first', async () => {
    const data = dataOf(await app.gql(`{ purchasingPolicies(first: 100) { nodes { publishedOn } } }`));
    expect(data.purchasingPolicies.nodes.length).toBeGreaterThanOrEqual(5);
    const dates = data.purchasingPolicies.nodes.map((p: any) => p.publishedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filter by insurer, segment and contract year', async () => {
    // when
    const zk = await policiesOf(ZILVEREN_KRUIS);
    const zz = await policiesOf(ZORG_EN_ZEKERHEID);
    const in2025 = dataOf(await app.gql(`{ purchasingPolicies(filter: { insurerUzovi: "3311", year: 2025 }) { nodes { sourceDocument } } }`));
    // Other files add ambulance policies of their own test insurers, so the segment filter is checked per seeded insurer.
    const ambulance = dataOf(
      await app.gql(`{ zz: purchasingPolicies(filter: { segmentCode: "AMBULANCE", insurerUzovi: "9903" }) { nodes { sourceDocument } }
        zk: purchasingPolicies(filter: { segmentCode: "AMBULANCE", insurerUzovi: "3311" }) { nodes { sourceDocument } } }`),
    );
    // then
    expect(zk.nodes.map((p: any) => p.sourceDocument).sort()).toEqual([SEED_FILES.AMBULANCE_2024, SEED_FILES.COORDINATION_2024, SEED_FILES.ZG_2024_2025, SEED_FILES.MSZ_2024].sort());
    expect(zz.nodes.map((p: any) => p.sourceDocument)).toEqual([SEED_FILES.AMBULANCE_2025]);
    expect(in2025.purchasingPolicies.nodes.map((p: any) => p.sourceDocument)).toEqual([SEED_FILES.ZG_2024_2025]);
    expect([...ambulance.zz.nodes, ...ambulance.zk.nodes].map((p: any) => p.sourceDocument)).toEqual([SEED_FILES.AMBULANCE_2025, SEED_FILES.AMBULANCE_2024]);
  });
});

describe('purchasingPolicy(insurerUzovi, segmentCode, year)', () => {
  it(`the ZG policy 2024-2025 (${SEED_FILES.ZG_2024_2025}) covers 2024 and 2025, not 2023 or 2026`, async () => {
    // when
    const [y2023, y2024, y2025, y2026] = await Promise.all([2023, 2024, 2025, 2026].map((y) => policyFor(ZILVEREN_KRUIS, 'ZG', y)));
    // then
    expect(y2024.sourceDocument).toBe(SEED_FILES.ZG_2024_2025);
    expect(y2025.id).toBe(y2024.id);
    expect(y2023).toBeNull();
    expect(y2026).toBeNull();
  });

  it(`finds the ambulance policy 2025 of Zorg en Zekerheid (${SEED_FILES.AMBULANCE_2025}) and none of Zilveren Kruis for 2025`, async () => {
    expect((await policyFor(ZORG_EN_ZEKERHEID, 'AMBULANCE', 2025)).sourceDocument).toBe(SEED_FILES.AMBULANCE_2025);
    expect((await policyFor(ZILVEREN_KRUIS, 'AMBULANCE', 2024)).sourceDocument).toBe(SEED_FILES.AMBULANCE_2024);
    expect(await policyFor(ZILVEREN_KRUIS, 'AMBULANCE', 2025)).toBeNull();
  });

  it('answers null for an unknown insurer or segment', async () => {
    expect(await policyFor('0000', 'ZG', 2024)).toBeNull();
    expect(await policyFor(ZILVEREN_KRUIS, 'NOPE', 2024)).toBeNull();
  });
});

describe('the purchasing calendars (DOMAIN.md "Purchasing calendar"), in date order', () => {
  it(`ambulance 2024, ${SEED_FILES.AMBULANCE_2024}: publication 2023-04-01, definitive budget 2023 due 2024-06-30`, async () => {
    expect(await calendar(ZILVEREN_KRUIS, 'AMBULANCE', 2024)).toEqual([
      ['2023-04-01', 'PUBLICATION'],
      ['2023-07-01', 'NEGOTIATION'],
      ['2024-06-30', 'SETTLEMENT'],
    ]);
  });

  it(`ambulance 2025, ${SEED_FILES.AMBULANCE_2025}: repatriation tariffs requested by 2024-08-31 and signed by 2024-11-01, care finder on 2024-11-12`, async () => {
    expect(await calendar(ZORG_EN_ZEKERHEID, 'AMBULANCE', 2025)).toEqual([
      ['2024-04-01', 'PUBLICATION'],
      ['2024-06-30', 'OTHER'],
      ['2024-07-01', 'NEGOTIATION'],
      ['2024-08-31', 'REGISTRATION'],
      ['2024-11-01', 'SIGNING'],
      ['2024-11-12', 'CONTRACTED_CARE_VISIBLE'],
    ]);
  });

  it(`coordination functions 2024, ${SEED_FILES.COORDINATION_2024}: objections by 2023-05-15, updated agreement by 2023-09-29`, async () => {
    expect(await calendar(ZILVEREN_KRUIS, 'COORDINATION', 2024)).toEqual([
      ['2022-12-31', 'OTHER'],
      ['2023-04-01', 'PUBLICATION'],
      ['2023-05-15', 'OBJECTION'],
      ['2023-09-29', 'OFFER'],
      ['2024-01-01', 'CONTRACT_START'],
      ['2024-01-01', 'OTHER'],
    ]);
  });

  it(`ZG 2024-2025, ${SEED_FILES.ZG_2024_2025}: registration by 2023-06-01, talks from 2023-08-01, visible 2023-11-12, 2025 dates by 2024-04-01`, async () => {
    expect(await calendar(ZILVEREN_KRUIS, 'ZG', 2025)).toEqual([
      ['2023-04-01', 'PUBLICATION'],
      ['2023-06-01', 'REGISTRATION'],
      ['2023-08-01', 'NEGOTIATION'],
      ['2023-11-12', 'CONTRACTED_CARE_VISIBLE'],
      ['2024-01-01', 'OTHER'],
      ['2024-04-01', 'OTHER'],
      ['2024-09-01', 'OTHER'],
      ['2025-09-01', 'OTHER'],
    ]);
  });

  it(`MSZ 2024, ${SEED_FILES.MSZ_2024}: questionnaire sent 2023-06-08 and due 2023-07-20, offers in September, signing by 2023-11-10, start 2024-01-01`, async () => {
    // when
    const milestones = await calendar(ZILVEREN_KRUIS, 'MSZ', 2024);
    // then
    expect(milestones).toEqual([
      ['2022-09-30', 'OTHER'],
      ['2023-04-01', 'PUBLICATION'],
      ['2023-06-01', 'REGISTRATION'],
      ['2023-06-08', 'INFORMATION_REQUEST'],
      ['2023-07-20', 'INFORMATION_REQUEST'],
      ['2023-09-01', 'OFFER'],
      ['2023-09-15', 'NEGOTIATION'],
      ['2023-09-30', 'OFFER'],
      ['2023-11-01', 'NEGOTIATION'],
      ['2023-11-10', 'SIGNING'],
      ['2023-11-12', 'CONTRACTED_CARE_VISIBLE'],
      ['2023-12-31', 'SIGNING'],
      ['2024-01-01', 'CONTRACT_START'],
      ['2024-01-01', 'OTHER'],
      ['2024-12-31', 'OTHER'],
    ]);
  });

  it(`every seeded milestone has a description; the MSZ negotiation agreement of 1 November is explained (${SEED_FILES.MSZ_2024})`, async () => {
    const policy = await policyFor(ZILVEREN_KRUIS, 'MSZ', 2024);
    for (const m of policy.milestones) expect(m.description.length).toBeGreaterThan(20);
    expect(policy.milestones.find((m: any) => m.date === '2023-11-01').description).toContain('Onderhandelakkoord');
  });
});

describe('upcomingMilestones', () => {
  it(`lists the milestones of a window in date order, both edges included (${SEED_FILES.MSZ_2024}, ${SEED_FILES.ZG_2024_2025})`, async () => {
    // when
    const window = await upcoming({ from: '2023-11-10', days: 2 });
    // then
    expect(window.totalCount).toBe(3);
    expect(window.nodes.map((m: any) => [m.date, m.kind, m.policy.sourceDocument])).toEqual([
      ['2023-11-10', 'SIGNING', SEED_FILES.MSZ_2024],
      ['2023-11-12', 'CONTRACTED_CARE_VISIBLE', SEED_FILES.ZG_2024_2025],
      ['2023-11-12', 'CONTRACTED_CARE_VISIBLE', SEED_FILES.MSZ_2024],
    ]);
  });

  it('leaves out what lies one day outside the window', async () => {
    // when
    const before = await upcoming({ from: '2023-11-11', days: 0 });
    const justFrom = await upcoming({ from: '2023-11-10', days: 1 });
    const justTo = await upcoming({ from: '2023-11-11', days: 1 });
    // then
    expect(before.nodes).toEqual([]);
    expect(justFrom.nodes.map((m: any) => m.date)).toEqual(['2023-11-10']);
    expect(justTo.nodes.map((m: any) => m.date)).toEqual(['2023-11-12', '2023-11-12']);
  });

  it(`filters by insurer: the six steps of Zorg en Zekerheid in 2024 (${SEED_FILES.AMBULANCE_2025})`, async () => {
    const result = await upcoming({ from: '2024-01-01', days: 365, insurer: ZORG_EN_ZEKERHEID });
    expect(result.nodes.map((m: any) => m.date)).toEqual(['2024-04-01', '2024-06-30', '2024-07-01', '2024-08-31', '2024-11-01', '2024-11-12']);
    for (const m of result.nodes) expect(m.policy.insurer.uzovi).toBe(ZORG_EN_ZEKERHEID);
  });

  it(`filters by segment and by insurer and segment together (${SEED_FILES.ZG_2024_2025}, ${SEED_FILES.AMBULANCE_2024})`, async () => {
    // when
    const zg = await upcoming({ from: '2023-01-01', days: 1095, segment: 'ZG' });
    const zkAmbulance = await upcoming({ from: '2023-01-01', days: 1095, insurer: ZILVEREN_KRUIS, segment: 'AMBULANCE' });
    const nobody = await upcoming({ from: '2023-01-01', days: 1095, insurer: ZORG_EN_ZEKERHEID, segment: 'ZG' });
    // then
    expect(zg.totalCount).toBe(8);
    for (const m of zg.nodes) expect(m.policy.segment.code).toBe('ZG');
    expect(zkAmbulance.nodes.map((m: any) => m.date)).toEqual(['2023-04-01', '2023-07-01', '2024-06-30']);
    expect(nobody).toEqual({ totalCount: 0, nodes: [] });
  });

  it('orders a wide window by date', async () => {
    const result = await upcoming({ from: '2022-01-01', days: 1460 });
    const dates = result.nodes.map((m: any) => m.date);
    expect(dates.length).toBeGreaterThanOrEqual(38);
    expect(dates).toEqual([...dates].sort());
  });

  it('looks 90 days ahead when no length is given', async () => {
    const result = dataOf(await app.gql(`{ upcomingMilestones(from: "2023-09-01", first: 50) { nodes { date } } }`)).upcomingMilestones;
    const dates: string[] = result.nodes.map((m: any) => m.date);
    expect(dates[0]).toBe('2023-09-01');
    expect(dates).toContain('2023-11-12');
    expect(dates.every((d) => d <= '2023-11-30')).toBe(true);
    expect(dates).not.toContain('2023-12-31');
  });

  it.each([[-1], [3661]])('refuses days = %i with BAD_USER_INPUT', async (days) => {
    const res = await app.gql(UPCOMING, { from: '2024-01-01', days });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].message).toContain('days must be between 0 and 3660');
  });

  it('accepts the longest window of 3660 days, which holds all 38 seeded milestones', async () => {
    // 2015-12-20 plus 3660 days is 2025-12-27: after the last seeded date (2025-09-01), before other files' test years
    const result = await upcoming({ from: '2015-12-20', days: 3660 });
    expect(result.totalCount).toBe(38);
  });

  it.each([['2023-02-30'], ['2023-1-1'], ['1 april 2023']])('refuses the date %s with BAD_USER_INPUT', async (from) => {
    const res = await app.gql(UPCOMING, { from, days: 10 });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('purchasingPolicyCreate', () => {
  const input = (overrides: Record<string, unknown>) => ({
    firstYear: 2040,
    publishedOn: '2039-04-01',
    contractTermYears: 1,
    title: 'Inkoopbeleid Test 2040',
    sourceDocument: 'test-2040.pdf',
    ...overrides,
  });

  it('records a policy; lastYear defaults to firstYear', async () => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const result = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSR', summary: ' Kort ' }) }));
    // then
    expect(result.purchasingPolicyCreate.userErrors).toEqual([]);
    expect(result.purchasingPolicyCreate.purchasingPolicy).toMatchObject({
      firstYear: 2040,
      lastYear: 2040,
      publishedOn: '2039-04-01',
      contractTermYears: 1,
      title: 'Inkoopbeleid Test 2040',
      sourceDocument: 'test-2040.pdf',
      summary: 'Kort',
      insurer: { uzovi: insurer.uzovi },
      segment: { code: 'MSR' },
    });
    expect((await policyFor(insurer.uzovi, 'MSR', 2040)).id).toBe(result.purchasingPolicyCreate.purchasingPolicy.id);
  });

  it('records a multi-year policy that covers each of its years', async () => {
    const insurer = await app.factory.insurer();
    const result = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'ZG', lastYear: 2042, contractTermYears: 3 }) }));
    expect(result.purchasingPolicyCreate.userErrors).toEqual([]);
    for (const year of [2040, 2041, 2042]) expect(await policyFor(insurer.uzovi, 'ZG', year)).not.toBeNull();
    expect(await policyFor(insurer.uzovi, 'ZG', 2043)).toBeNull();
  });

  it('refuses an unknown insurer and an unknown segment and writes nothing', async () => {
    // when
    const result = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: '0000', segmentCode: 'NOPE' }) }));
    // then
    expect(result.purchasingPolicyCreate.purchasingPolicy).toBeNull();
    expect(result.purchasingPolicyCreate.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['insurerUzovi'], 'UNKNOWN_INSURER'],
      [['segmentCode'], 'UNKNOWN_SEGMENT'],
    ]);
  });

  it.each([
    ['firstYear 1999', { firstYear: 1999, lastYear: 2000 }, 'firstYear'],
    ['lastYear 2101', { firstYear: 2100, lastYear: 2101 }, 'lastYear'],
    ['lastYear before firstYear', { firstYear: 2041, lastYear: 2040 }, 'lastYear'],
  ])('refuses %s with INVALID_YEAR and writes nothing', async (_label, years, field) => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const result = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSZ', ...years }) }));
    // then
    expect(result.purchasingPolicyCreate.userErrors).toEqual([expect.objectContaining({ field: [field], code: 'INVALID_YEAR' })]);
    expect((await policiesOf(insurer.uzovi)).totalCount).toBe(0);
  });

  it.each([[0], [6], [-1]])('refuses a contract term of %i years with INVALID_TERM', async (term) => {
    const insurer = await app.factory.insurer();
    const result = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSZ', contractTermYears: term }) }));
    expect(result.purchasingPolicyCreate.userErrors).toEqual([expect.objectContaining({ field: ['contractTermYears'], code: 'INVALID_TERM' })]);
    expect((await policiesOf(insurer.uzovi)).totalCount).toBe(0);
  });

  it('accepts contract terms of 1 and 5 years', async () => {
    const insurer = await app.factory.insurer();
    const one = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSZ', contractTermYears: 1 }) }));
    const five = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSR', contractTermYears: 5 }) }));
    expect(one.purchasingPolicyCreate.userErrors).toEqual([]);
    expect(five.purchasingPolicyCreate.userErrors).toEqual([]);
  });

  it(`refuses a Zilveren Kruis ZG policy for 2025-2026, which overlaps ${SEED_FILES.ZG_2024_2025}, with OVERLAPPING_POLICY`, async () => {
    // when
    const result = dataOf(
      await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: ZILVEREN_KRUIS, segmentCode: 'ZG', firstYear: 2025, lastYear: 2026, contractTermYears: 2 }) }),
    );
    // then
    expect(result.purchasingPolicyCreate.userErrors).toEqual([
      { field: ['firstYear'], code: 'OVERLAPPING_POLICY', message: expect.stringContaining('2024-2025') },
    ]);
    expect(await policyFor(ZILVEREN_KRUIS, 'ZG', 2026)).toBeNull();
  });

  it('allows a policy right after an existing one, and for the same years in another segment', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040, 2041);
    // when
    const next = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: segment.code, firstYear: 2042 }) }));
    const other = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSZ', firstYear: 2040 }) }));
    // then
    expect(next.purchasingPolicyCreate.userErrors).toEqual([]);
    expect(other.purchasingPolicyCreate.userErrors).toEqual([]);
  });

  it('refuses an empty title and source document with REQUIRED, and over-long texts with TOO_LONG', async () => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const empty = dataOf(await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSZ', title: ' ', sourceDocument: '' }) }));
    const long = dataOf(
      await app.gql(POLICY_CREATE, {
        input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSZ', title: 't'.repeat(301), sourceDocument: 's'.repeat(201), summary: 'x'.repeat(8001) }),
      }),
    );
    // then
    expect(empty.purchasingPolicyCreate.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['title'], 'REQUIRED'],
      [['sourceDocument'], 'REQUIRED'],
    ]);
    expect(long.purchasingPolicyCreate.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['title'], 'TOO_LONG'],
      [['sourceDocument'], 'TOO_LONG'],
      [['summary'], 'TOO_LONG'],
    ]);
    expect((await policiesOf(insurer.uzovi)).totalCount).toBe(0);
  });

  it('refuses an impossible publication date as a request error', async () => {
    const insurer = await app.factory.insurer();
    const res = await app.gql(POLICY_CREATE, { input: input({ insurerUzovi: insurer.uzovi, segmentCode: 'MSZ', publishedOn: '2039-02-29' }) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect((await policiesOf(insurer.uzovi)).totalCount).toBe(0);
  });
});

describe('purchasingPolicyUpdate', () => {
  it('extends the last year, and changes publication date, term, title and summary', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040);
    const id = await policyId(insurer, segment, 2040);
    // when
    const result = dataOf(
      await app.gql(POLICY_UPDATE, { input: { id, lastYear: 2041, publishedOn: '2039-05-01', contractTermYears: 2, title: 'Nieuwe titel', summary: 'Nieuw' } }),
    );
    // then
    expect(result.purchasingPolicyUpdate.userErrors).toEqual([]);
    expect(result.purchasingPolicyUpdate.purchasingPolicy).toMatchObject({
      id,
      firstYear: 2040,
      lastYear: 2041,
      publishedOn: '2039-05-01',
      contractTermYears: 2,
      title: 'Nieuwe titel',
      summary: 'Nieuw',
    });
    expect((await policyFor(insurer.uzovi, segment.code, 2041)).id).toBe(id);
  });

  it('refuses a last year before the first with INVALID_YEAR and writes none of the changes', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040);
    const before = await policyFor(insurer.uzovi, segment.code, 2040);
    // when
    const result = dataOf(await app.gql(POLICY_UPDATE, { input: { id: before.id, lastYear: 2039, title: 'Mag niet blijven' } }));
    // then
    expect(result.purchasingPolicyUpdate).toEqual({ purchasingPolicy: null, userErrors: [expect.objectContaining({ field: ['lastYear'], code: 'INVALID_YEAR' })] });
    expect(await policyFor(insurer.uzovi, segment.code, 2040)).toEqual(before);
  });

  it('refuses extending into the years of the next policy with OVERLAPPING_POLICY', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040);
    await app.factory.policy(insurer, segment, 2042, 2043);
    const id = await policyId(insurer, segment, 2040);
    // when
    const clash = dataOf(await app.gql(POLICY_UPDATE, { input: { id, lastYear: 2042 } }));
    const fits = dataOf(await app.gql(POLICY_UPDATE, { input: { id, lastYear: 2041 } }));
    // then
    expect(clash.purchasingPolicyUpdate.userErrors).toEqual([expect.objectContaining({ field: ['lastYear'], code: 'OVERLAPPING_POLICY' })]);
    expect(fits.purchasingPolicyUpdate.userErrors).toEqual([]);
    expect((await policyFor(insurer.uzovi, segment.code, 2042)).firstYear).toBe(2042);
  });

  it('refuses a term outside 1-5 with INVALID_TERM and an empty title with REQUIRED, writing nothing', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040);
    const before = await policyFor(insurer.uzovi, segment.code, 2040);
    // when
    const result = dataOf(await app.gql(POLICY_UPDATE, { input: { id: before.id, contractTermYears: 6, title: '', summary: 'Niet opslaan' } }));
    // then
    expect(result.purchasingPolicyUpdate.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['contractTermYears'], 'INVALID_TERM'],
      [['title'], 'REQUIRED'],
    ]);
    expect(await policyFor(insurer.uzovi, segment.code, 2040)).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown id and for the id of a milestone', async () => {
    // given
    const msz = await policyFor(ZILVEREN_KRUIS, 'MSZ', 2024);
    // when
    const unknown = dataOf(await app.gql(POLICY_UPDATE, { input: { id: Buffer.from('PurchasingPolicy:99999999').toString('base64url'), title: 'x' } }));
    const milestone = dataOf(await app.gql(POLICY_UPDATE, { input: { id: msz.milestones[0].id, title: 'x' } }));
    // then
    expect(unknown.purchasingPolicyUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
    expect(milestone.purchasingPolicyUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
  });
});

describe('policyMilestoneCreate', () => {
  it('adds a step that appears in the calendar in date order', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    const policy = await app.factory.policy(insurer, segment, 2040);
    await app.factory.milestone(policy, '2039-04-01', MilestoneKind.PUBLICATION);
    await app.factory.milestone(policy, '2040-01-01', MilestoneKind.CONTRACT_START);
    const id = await policyId(insurer, segment, 2040);
    // when
    const result = dataOf(await app.gql(MILESTONE_CREATE, { input: { policyId: id, date: '2039-11-12', kind: 'CONTRACTED_CARE_VISIBLE', description: ' Zichtbaar in de zorgzoeker ' } }));
    // then
    expect(result.policyMilestoneCreate.userErrors).toEqual([]);
    expect(result.policyMilestoneCreate.policyMilestone).toMatchObject({
      date: '2039-11-12',
      kind: 'CONTRACTED_CARE_VISIBLE',
      description: 'Zichtbaar in de zorgzoeker',
      policy: { id },
    });
    expect(await calendar(insurer.uzovi, segment.code, 2040)).toEqual([
      ['2039-04-01', 'PUBLICATION'],
      ['2039-11-12', 'CONTRACTED_CARE_VISIBLE'],
      ['2040-01-01', 'CONTRACT_START'],
    ]);
  });

  it('accepts dates from two years before the first contract year to the end of the year after the last, and refuses one day outside', async () => {
    // given: a 2040 policy, so its window is 2038-01-01 to 2041-12-31
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040);
    const id = await policyId(insurer, segment, 2040);
    const add = async (date: string) => dataOf(await app.gql(MILESTONE_CREATE, { input: { policyId: id, date, kind: 'OTHER', description: `Op ${date}` } })).policyMilestoneCreate;
    // when
    const tooEarly = await add('2037-12-31');
    const first = await add('2038-01-01');
    const last = await add('2041-12-31');
    const tooLate = await add('2042-01-01');
    // then
    expect(tooEarly.userErrors).toEqual([{ field: ['date'], code: 'DATE_OUT_OF_RANGE', message: expect.stringContaining('2038-01-01 to 2041-12-31') }]);
    expect(tooLate.userErrors).toEqual([expect.objectContaining({ field: ['date'], code: 'DATE_OUT_OF_RANGE' })]);
    expect(first.userErrors).toEqual([]);
    expect(last.userErrors).toEqual([]);
    expect((await calendar(insurer.uzovi, segment.code, 2040)).map(([date]) => date)).toEqual(['2038-01-01', '2041-12-31']);
  });

  it('refuses an empty description with REQUIRED and writes nothing', async () => {
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040);
    const id = await policyId(insurer, segment, 2040);
    const result = dataOf(await app.gql(MILESTONE_CREATE, { input: { policyId: id, date: '2040-03-01', kind: 'OTHER', description: '  ' } }));
    expect(result.policyMilestoneCreate).toEqual({ policyMilestone: null, userErrors: [expect.objectContaining({ field: ['description'], code: 'REQUIRED' })] });
    expect(await calendar(insurer.uzovi, segment.code, 2040)).toEqual([]);
  });

  it('refuses a description over 2000 characters with TOO_LONG', async () => {
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2040);
    const id = await policyId(insurer, segment, 2040);
    const result = dataOf(await app.gql(MILESTONE_CREATE, { input: { policyId: id, date: '2040-03-01', kind: 'OTHER', description: 'd'.repeat(2001) } }));
    expect(result.policyMilestoneCreate.userErrors).toEqual([expect.objectContaining({ field: ['description'], code: 'TOO_LONG' })]);
    expect(await calendar(insurer.uzovi, segment.code, 2040)).toEqual([]);
  });

  it('answers NOT_FOUND on policyId for an unknown policy', async () => {
    const result = dataOf(
      await app.gql(MILESTONE_CREATE, { input: { policyId: Buffer.from('PurchasingPolicy:99999999').toString('base64url'), date: '2040-03-01', kind: 'OTHER', description: 'x' } }),
    );
    expect(result.policyMilestoneCreate.userErrors).toEqual([expect.objectContaining({ field: ['policyId'], code: 'NOT_FOUND' })]);
  });

  it('refuses an impossible date and an unknown kind as request errors', async () => {
    const msz = await policyFor(ZILVEREN_KRUIS, 'MSZ', 2024);
    const badDate = await app.gql(MILESTONE_CREATE, { input: { policyId: msz.id, date: '2023-02-29', kind: 'OTHER', description: 'x' } });
    const badKind = await app.gql(MILESTONE_CREATE, { input: { policyId: msz.id, date: '2023-02-28', kind: 'PARTY', description: 'x' } });
    expect(errorCodes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(badKind)).toEqual(['BAD_USER_INPUT']);
    expect((await calendar(ZILVEREN_KRUIS, 'MSZ', 2024)).length).toBe(15);
  });
});

describe('policyMilestoneUpdate', () => {
  it('moves a step to another date and kind, re-ordering the calendar', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    const policy = await app.factory.policy(insurer, segment, 2040);
    await app.factory.milestone(policy, '2039-04-01', MilestoneKind.PUBLICATION);
    await app.factory.milestone(policy, '2039-06-01', MilestoneKind.REGISTRATION);
    const [, registration] = (await policyFor(insurer.uzovi, segment.code, 2040)).milestones;
    // when
    const result = dataOf(await app.gql(MILESTONE_UPDATE, { input: { id: registration.id, date: '2039-03-01', kind: 'OBJECTION', description: 'Bezwaar' } }));
    // then
    expect(result.policyMilestoneUpdate).toEqual({
      policyMilestone: { id: registration.id, date: '2039-03-01', kind: 'OBJECTION', description: 'Bezwaar' },
      userErrors: [],
    });
    expect(await calendar(insurer.uzovi, segment.code, 2040)).toEqual([
      ['2039-03-01', 'OBJECTION'],
      ['2039-04-01', 'PUBLICATION'],
    ]);
  });

  it('refuses a date out of range and an empty description, and writes none of the changes', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    const policy = await app.factory.policy(insurer, segment, 2040);
    await app.factory.milestone(policy, '2039-04-01', MilestoneKind.PUBLICATION, 'Publicatie');
    const [before] = (await policyFor(insurer.uzovi, segment.code, 2040)).milestones;
    // when
    const result = dataOf(await app.gql(MILESTONE_UPDATE, { input: { id: before.id, date: '2050-01-01', kind: 'OTHER', description: '' } }));
    // then
    expect(result.policyMilestoneUpdate.policyMilestone).toBeNull();
    expect(result.policyMilestoneUpdate.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['date'], 'DATE_OUT_OF_RANGE'],
      [['description'], 'REQUIRED'],
    ]);
    expect((await policyFor(insurer.uzovi, segment.code, 2040)).milestones).toEqual([before]);
  });

  it('answers NOT_FOUND for an unknown id and for the id of a policy', async () => {
    const msz = await policyFor(ZILVEREN_KRUIS, 'MSZ', 2024);
    const unknown = dataOf(await app.gql(MILESTONE_UPDATE, { input: { id: Buffer.from('PolicyMilestone:99999999').toString('base64url'), kind: 'OTHER' } }));
    const policy = dataOf(await app.gql(MILESTONE_UPDATE, { input: { id: msz.id, kind: 'OTHER' } }));
    expect(unknown.policyMilestoneUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
    expect(policy.policyMilestoneUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
  });
});
