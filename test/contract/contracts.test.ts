import { useTestApp, dataOf } from '../support/app';
import { RepresentationWorld, gid } from '../factories/contract';
import { Concern } from '../../src/insurer/concern.entity';
import { ContractStatus } from '../../src/contract/contract.entity';

const app = useTestApp();

const CREATE = `mutation($input: ContractCreateInput!) {
  contractCreate(input: $input) {
    contract { id status termStart termEnd years tariffBasis ceilingKind ceilingAmount obligations insurer { uzovi } provider { agb } segment { code } agreement { id } }
    userErrors { field message code }
  }
}`;
const UPDATE = `mutation($input: ContractUpdateInput!) {
  contractUpdate(input: $input) { contract { id termStart termEnd ceilingKind ceilingAmount tariffBasis obligations agreement { year } } userErrors { field code message } }
}`;
const STATUS = `mutation($input: ContractStatusChangeInput!) { contractStatusChange(input: $input) { contract { status } userErrors { field code } } }`;

function ambulanceInput(w: RepresentationWorld, overrides: Record<string, unknown> = {}) {
  return {
    providerAgb: w.provider.agb,
    segmentCode: w.segment.code,
    termStart: `${w.year}-01-01`,
    termEnd: `${w.year}-12-31`,
    tariffBasis: 'NZA_TARIFF',
    ceilingKind: 'BUDGET',
    ceilingAmount: '1250000.5',
    obligations: ' No extra care is bought in the running year. ',
    ...overrides,
  };
}

async function member(insurer: { id: number }, role: 'INSURER_MEMBER' | 'INSURER_ADMIN' | 'DASHBOARD' = 'INSURER_MEMBER') {
  return app.tokenFor({ role, insurer });
}

async function contractCount(w: RepresentationWorld, token: string) {
  return dataOf(await app.gql(`query($s: String) { contracts(filter: { segmentCode: $s }) { totalCount } }`, { s: w.segment.code }, { token })).contracts.totalCount;
}

describe('contract create in a representation segment (seeds 000, 001)', () => {
  it('lets the lead insurer contract under the agreement of the provider region and first year', async () => {
    // given
    const w = await app.contracts.world(2040);
    const token = await member(w.lead);
    // when
    const result = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token })).contractCreate;
    // then
    expect(result.userErrors).toEqual([]);
    expect(result.contract).toMatchObject({
      status: 'OFFERED',
      termStart: '2040-01-01',
      termEnd: '2040-12-31',
      years: [2040],
      tariffBasis: 'NZA_TARIFF',
      ceilingKind: 'BUDGET',
      ceilingAmount: '1250000.50',
      obligations: 'No extra care is bought in the running year.',
      insurer: { uzovi: w.lead.uzovi },
      provider: { agb: w.provider.agb },
      segment: { code: w.segment.code },
      agreement: { id: gid('RepresentationAgreement', w.agreement.id) },
    });
  });

  it('lets the co-representing insurer contract too, and refuses a follower with NOT_REPRESENTING', async () => {
    // given
    const w = await app.contracts.world(2040);
    await app.contracts.policy(w.follower, w.segment, w.year);
    // when
    const second = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token: await member(w.second, 'INSURER_ADMIN') })).contractCreate;
    const follower = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token: await member(w.follower) })).contractCreate;
    // then
    expect(second.userErrors).toEqual([]);
    expect(follower.contract).toBeNull();
    expect(follower.userErrors.map((e: any) => e.code)).toEqual(['NOT_REPRESENTING']);
    expect(await contractCount(w, await member(w.follower))).toBe(1);
  });

  it('refuses a provider whose region has no agreement that year, or no region at all, with NO_AGREEMENT', async () => {
    // given
    const w = await app.contracts.world(2040);
    const elsewhere = await app.factory.provider({ region: await app.factory.region() });
    const nowhere = await app.factory.provider({ region: null });
    const token = await member(w.lead);
    // when
    const a = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, { providerAgb: elsewhere.agb }) }, { token })).contractCreate;
    const b = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, { providerAgb: nowhere.agb }) }, { token })).contractCreate;
    await app.contracts.policy(w.lead, w.segment, 2041);
    const c = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, { termStart: '2041-01-01', termEnd: '2041-12-31' }) }, { token })).contractCreate;
    // then
    for (const r of [a, b, c]) expect(r.userErrors).toEqual([expect.objectContaining({ code: 'NO_AGREEMENT', field: ['providerAgb'] })]);
  });
});

describe('contract terms follow the purchasing policy', () => {
  it('refuses a term longer than the one-year policy, and terms that are not whole calendar years', async () => {
    // given
    const w = await app.contracts.world(2042);
    const token = await member(w.lead);
    const cases: [Record<string, string>, string, string[]][] = [
      [{ termEnd: '2043-12-31' }, 'TERM_NOT_ALLOWED', ['termEnd']],
      [{ termStart: '2042-04-01' }, 'INVALID_TERM', ['termStart']],
      [{ termEnd: '2042-06-30' }, 'INVALID_TERM', ['termEnd']],
      [{ termStart: '2042-01-01', termEnd: '2041-12-31' }, 'INVALID_TERM', ['termEnd']],
    ];
    for (const [change, code, field] of cases) {
      // when
      const result = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, change) }, { token })).contractCreate;
      // then
      expect({ change, errors: result.userErrors.map((e: any) => [e.code, e.field]) }).toEqual({ change, errors: [[code, field]] });
    }
    expect(await contractCount(w, token)).toBe(0);
  });

  it('takes two-year terms where the policy says two years (seed 003) and refuses one year there', async () => {
    // given
    const insurer = await app.factory.insurer();
    const zg = await app.contracts.seeded('ZG');
    await app.contracts.policy(insurer, zg, 2044, 2, 2045);
    const provider = await app.factory.provider();
    const token = await member(insurer);
    const input = { providerAgb: provider.agb, segmentCode: zg.code, tariffBasis: 'PRICE_VOLUME', ceilingKind: 'REVENUE_CEILING', ceilingAmount: '6200000' };
    // when
    const oneYear = dataOf(await app.gql(CREATE, { input: { ...input, termStart: '2044-01-01', termEnd: '2044-12-31' } }, { token })).contractCreate;
    const twoYears = dataOf(await app.gql(CREATE, { input: { ...input, termStart: '2044-01-01', termEnd: '2045-12-31' } }, { token })).contractCreate;
    // then
    expect(oneYear.userErrors).toEqual([expect.objectContaining({ code: 'TERM_NOT_ALLOWED', message: expect.stringContaining('2-year') })]);
    expect(twoYears.userErrors).toEqual([]);
    expect(twoYears.contract).toMatchObject({ years: [2044, 2045], agreement: null, ceilingAmount: '6200000.00' });
  });

  it('refuses a contract without a policy (NO_POLICY), but accepts the policy of a concern sibling (seed 000: "Wij, Zilveren Kruis en De Friesland")', async () => {
    // given
    const concern = await app.factory.concern();
    const publisher = await app.factory.insurer({ concern });
    const sibling = await app.factory.insurer({ concern: await app.orm.em.fork().findOneOrFail(Concern, { id: concern.id }) });
    const loner = await app.factory.insurer();
    const msz = await app.contracts.seeded('MSZ');
    await app.contracts.policy(publisher, msz, 2046);
    const provider = await app.factory.provider();
    const input = { providerAgb: provider.agb, segmentCode: msz.code, termStart: '2046-01-01', termEnd: '2046-12-31', tariffBasis: 'OTHER', ceilingKind: 'NONE' };
    // when
    const viaConcern = dataOf(await app.gql(CREATE, { input }, { token: await member(sibling) })).contractCreate;
    const without = dataOf(await app.gql(CREATE, { input }, { token: await member(loner) })).contractCreate;
    // then
    expect(viaConcern.userErrors).toEqual([]);
    expect(viaConcern.contract.ceilingAmount).toBeNull();
    expect(without.userErrors).toEqual([expect.objectContaining({ code: 'NO_POLICY', field: ['termStart'] })]);
  });
});

describe('overlapping contracts and amounts', () => {
  it('refuses an overlapping contract for the same parties and segment until the first is terminated', async () => {
    // given
    const w = await app.contracts.world(2047);
    const token = await member(w.lead);
    const first = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token })).contractCreate.contract;
    // when
    const clash = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token })).contractCreate;
    const terminated = dataOf(await app.gql(STATUS, { input: { id: first.id, status: 'TERMINATED' } }, { token })).contractStatusChange;
    const after = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token })).contractCreate;
    // then
    expect(clash.userErrors).toEqual([expect.objectContaining({ code: 'OVERLAPPING_CONTRACT', field: ['termStart'] })]);
    expect(terminated).toEqual({ contract: { status: 'TERMINATED' }, userErrors: [] });
    expect(after.userErrors).toEqual([]);
  });

  it.each([
    ['"-5"', '-5', 'NEGATIVE_AMOUNT'],
    ['"-0.01"', '-0.01', 'NEGATIVE_AMOUNT'],
    ['"abc"', 'abc', 'INVALID_AMOUNT'],
    ['"1.250,00"', '1.250,00', 'INVALID_AMOUNT'],
    ['"12.345"', '12.345', 'INVALID_AMOUNT'],
    ['a JSON number (a float)', 12.5, 'INVALID_AMOUNT'],
    ['"0"', '0', 'ZERO_CEILING'],
  ])('refuses ceiling amount %s (%j) with %s and writes nothing', async (_label, amount, code) => {
    // given
    const w = await app.contracts.world(2048);
    const token = await member(w.lead);
    // when
    const result = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, { ceilingAmount: amount }) }, { token })).contractCreate;
    // then
    expect(result.contract).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ code, field: ['ceilingAmount'] })]);
    expect(await contractCount(w, token)).toBe(0);
  });

  it('refuses a numeric literal in the query text as INVALID_AMOUNT too, and mismatched ceiling kinds', async () => {
    // given
    const w = await app.contracts.world(2048);
    const token = await member(w.lead);
    // when
    const literal = await app.gql(
      `mutation($agb: String!, $s: String!) { contractCreate(input: { providerAgb: $agb, segmentCode: $s, termStart: "2048-01-01", termEnd: "2048-12-31",
        tariffBasis: NZA_TARIFF, ceilingKind: BUDGET, ceilingAmount: 100 }) { userErrors { code } } }`,
      { agb: w.provider.agb, s: w.segment.code },
      { token },
    );
    const none = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, { ceilingKind: 'NONE' }) }, { token })).contractCreate;
    const missing = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, { ceilingAmount: null }) }, { token })).contractCreate;
    const terminated = dataOf(await app.gql(CREATE, { input: ambulanceInput(w, { status: 'TERMINATED' }) }, { token })).contractCreate;
    // then
    expect(dataOf(literal).contractCreate.userErrors).toEqual([{ code: 'INVALID_AMOUNT' }]);
    expect(none.userErrors.map((e: any) => e.code)).toEqual(['CEILING_AMOUNT_NOT_ALLOWED']);
    expect(missing.userErrors.map((e: any) => e.code)).toEqual(['CEILING_AMOUNT_REQUIRED']);
    expect(terminated.userErrors.map((e: any) => e.code)).toEqual(['INVALID_STATUS']);
  });
});

describe('contract update and status', () => {
  it('updates the ceiling, clears it with NONE, and re-checks a changed term', async () => {
    // given
    const w = await app.contracts.world(2049);
    const token = await member(w.lead);
    const { id } = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token })).contractCreate.contract;
    // when
    const raised = dataOf(await app.gql(UPDATE, { input: { id, ceilingAmount: '1300000', tariffBasis: 'BUDGET', obligations: 'updated' } }, { token })).contractUpdate;
    const cleared = dataOf(await app.gql(UPDATE, { input: { id, ceilingKind: 'NONE' } }, { token })).contractUpdate;
    const needsAmount = dataOf(await app.gql(UPDATE, { input: { id, ceilingKind: 'REVENUE_CEILING' } }, { token })).contractUpdate;
    const longer = dataOf(await app.gql(UPDATE, { input: { id, termEnd: '2050-12-31' } }, { token })).contractUpdate;
    const negative = dataOf(await app.gql(UPDATE, { input: { id, ceilingKind: 'BUDGET', ceilingAmount: '-1' } }, { token })).contractUpdate;
    // then
    expect(raised).toMatchObject({ userErrors: [], contract: { ceilingAmount: '1300000.00', tariffBasis: 'BUDGET', obligations: 'updated' } });
    expect(cleared).toMatchObject({ userErrors: [], contract: { ceilingKind: 'NONE', ceilingAmount: null } });
    expect(needsAmount.userErrors.map((e: any) => e.code)).toEqual(['CEILING_AMOUNT_REQUIRED']);
    expect(longer.userErrors.map((e: any) => e.code)).toEqual(['TERM_NOT_ALLOWED']);
    expect(negative.userErrors.map((e: any) => e.code)).toEqual(['NEGATIVE_AMOUNT']);
    const now = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on Contract { termEnd ceilingKind ceilingAmount } } }`, { id }, { token }));
    expect(now.node).toEqual({ termEnd: '2049-12-31', ceilingKind: 'NONE', ceilingAmount: null });
  });

  it('allows OFFERED to SIGNED to TERMINATED only, and no change after termination', async () => {
    // given
    const w = await app.contracts.world(2051);
    const token = await member(w.lead, 'INSURER_ADMIN');
    const { id } = dataOf(await app.gql(CREATE, { input: ambulanceInput(w) }, { token })).contractCreate.contract;
    const change = async (status: ContractStatus) => dataOf(await app.gql(STATUS, { input: { id, status } }, { token })).contractStatusChange;
    // when / then
    expect(await change(ContractStatus.SIGNED)).toEqual({ contract: { status: 'SIGNED' }, userErrors: [] });
    expect((await change(ContractStatus.OFFERED)).userErrors).toEqual([{ field: ['status'], code: 'INVALID_STATUS_TRANSITION' }]);
    expect((await change(ContractStatus.SIGNED)).userErrors).toEqual([{ field: ['status'], code: 'INVALID_STATUS_TRANSITION' }]);
    expect(await change(ContractStatus.TERMINATED)).toEqual({ contract: { status: 'TERMINATED' }, userErrors: [] });
    expect((await change(ContractStatus.SIGNED)).userErrors).toEqual([{ field: ['status'], code: 'INVALID_STATUS_TRANSITION' }]);
    const update = dataOf(await app.gql(UPDATE, { input: { id, obligations: 'x' } }, { token })).contractUpdate;
    expect(update.userErrors).toEqual([expect.objectContaining({ code: 'CONTRACT_TERMINATED' })]);
  });
});
