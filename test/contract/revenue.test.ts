import { useTestApp, dataOf, errorCodes } from '../support/app';
import { gid } from '../factories/contract';
import { RevenuePeriodKind } from '../../src/contract/contract-revenue.entity';
import { CeilingKind, ContractStatus } from '../../src/contract/contract.entity';

const app = useTestApp();

const REPORT = `mutation($input: ContractRevenueReportInput!) {
  contractRevenueReport(input: $input) {
    contractRevenue { id periodKind year number periodStart periodEnd amount version reportedByKind reportedByCode note isLatest }
    contract { id ceilingUse(year: 2052) { realisedAmount status } }
    userErrors { field code message }
  }
}`;
const USE = `query($id: ID!, $y: Int) { node(id: $id) { ... on Contract {
  ceilingUse(year: $y) { year ceilingKind ceilingAmount realisedAmount monthsCovered projectedAmount utilisationPercent status } } } }`;

/** A signed contract of a fresh insurer and provider in a non-representation segment, with tokens for both. */
async function contractOf(year: number, ceilingAmount = '1200.00', options: { lastYear?: number; ceilingKind?: CeilingKind; status?: ContractStatus } = {}) {
  const insurer = await app.factory.insurer();
  const provider = await app.factory.provider();
  const segment = await app.contracts.seeded('MSZ');
  const contract = await app.contracts.contract({ insurer, provider, segment, firstYear: year, lastYear: options.lastYear, ceilingAmount, ceilingKind: options.ceilingKind, status: options.status });
  return {
    insurer,
    provider,
    segment,
    contract,
    id: gid('Contract', contract.id),
    insurerToken: await app.tokenFor({ role: 'INSURER_MEMBER', insurer }),
    providerToken: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider }),
  };
}

async function report(token: string, input: Record<string, unknown>) {
  return dataOf(await app.gql(REPORT, { input: { periodKind: 'MONTH', year: 2052, ...input } }, { token })).contractRevenueReport;
}

describe('realised revenue', () => {
  it('is reported by the provider or the insurer and versioned on correction, with the history readable', async () => {
    // given
    const c = await contractOf(2052);
    // when
    const first = await report(c.providerToken, { contractId: c.id, number: 3, amount: '100.10', note: 'March' });
    const second = await report(c.insurerToken, { contractId: c.id, number: 3, amount: '90', note: 'corrected after audit' });
    const april = await report(c.providerToken, { contractId: c.id, number: 4, amount: '50.00' });
    // then
    expect(first.userErrors).toEqual([]);
    expect(first.contractRevenue).toMatchObject({ periodStart: '2052-03-01', periodEnd: '2052-03-31', amount: '100.10', version: 1, reportedByKind: 'PROVIDER', reportedByCode: c.provider.agb });
    expect(second.contractRevenue).toMatchObject({ amount: '90.00', version: 2, reportedByKind: 'INSURER', reportedByCode: c.insurer.uzovi, note: 'corrected after audit', isLatest: true });
    expect(april.contract.ceilingUse).toEqual({ realisedAmount: '140.00', status: 'OK' });
    const history = dataOf(
      await app.gql(
        `query($id: ID!) { node(id: $id) { ... on Contract {
          latest: revenue(year: 2052) { number amount version }
          all: revenue(year: 2052, includeSuperseded: true) { number amount version isLatest } } } }`,
        { id: c.id },
        { token: c.providerToken },
      ),
    ).node;
    expect(history.latest).toEqual([{ number: 3, amount: '90.00', version: 2 }, { number: 4, amount: '50.00', version: 1 }]);
    expect(history.all).toEqual([
      { number: 3, amount: '90.00', version: 2, isLatest: true },
      { number: 3, amount: '100.10', version: 1, isLatest: false },
      { number: 4, amount: '50.00', version: 1, isLatest: true },
    ]);
    // and the first version is still readable on its own
    const old = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on ContractRevenue { amount version isLatest contract { id } } } }`, { id: first.contractRevenue.id }, { token: c.insurerToken }));
    expect(old.node).toEqual({ amount: '100.10', version: 1, isLatest: false, contract: { id: c.id } });
  });

  it('refuses revenue for a period outside the term, a period that does not exist, overlapping periods and bad amounts', async () => {
    // given
    const c = await contractOf(2052);
    const january = await report(c.providerToken, { contractId: c.id, number: 1, amount: '10' });
    expect(january.userErrors).toEqual([]);
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ year: 2053, number: 1 }, 'PERIOD_OUTSIDE_TERM', ['number']],
      [{ year: 2051, periodKind: 'QUARTER', number: 4 }, 'PERIOD_OUTSIDE_TERM', ['number']],
      [{ number: 13 }, 'INVALID_PERIOD', ['number']],
      [{ periodKind: 'QUARTER', number: 5 }, 'INVALID_PERIOD', ['number']],
      [{ periodKind: 'QUARTER', number: 0 }, 'INVALID_PERIOD', ['number']],
      [{ periodKind: 'QUARTER', number: 1 }, 'OVERLAPPING_PERIOD', ['periodKind']],
      [{ number: 2, amount: '-1.00' }, 'NEGATIVE_AMOUNT', ['amount']],
      [{ number: 2, amount: 'ten' }, 'INVALID_AMOUNT', ['amount']],
      [{ number: 2, amount: 10 }, 'INVALID_AMOUNT', ['amount']],
    ];
    for (const [change, code, field] of cases) {
      // when
      const result = await report(c.providerToken, { contractId: c.id, number: 2, amount: '1', ...change });
      // then
      expect({ change, errors: result.userErrors.map((e: any) => [e.code, e.field]) }).toEqual({ change, errors: [[code, field]] });
      expect(result.contractRevenue).toBeNull();
    }
    const rows = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on Contract { revenue(includeSuperseded: true) { number } } } }`, { id: c.id }, { token: c.insurerToken }));
    expect(rows.node.revenue).toEqual([{ number: 1 }]);
  });

  it('keeps reported revenue inside the term: a term change that would leave it outside is refused', async () => {
    // given
    const c = await contractOf(2052);
    await app.contracts.policy(c.insurer, c.segment, 2052);
    await app.contracts.policy(c.insurer, c.segment, 2053);
    await report(c.providerToken, { contractId: c.id, number: 7, amount: '10' });
    // when
    const moved = dataOf(
      await app.gql(`mutation($input: ContractUpdateInput!) { contractUpdate(input: $input) { contract { termStart } userErrors { field code } } }`, {
        input: { id: c.id, termStart: '2053-01-01', termEnd: '2053-12-31' },
      }, { token: c.insurerToken }),
    ).contractUpdate;
    // then
    expect(moved).toEqual({ contract: null, userErrors: [{ field: ['termStart'], code: 'PERIOD_OUTSIDE_TERM' }] });
  });

  it('accepts quarters of a two-year term in both years, and a zero amount', async () => {
    const c = await contractOf(2052, '1000.00', { lastYear: 2053 });
    const q = await report(c.providerToken, { contractId: c.id, periodKind: 'QUARTER', year: 2053, number: 4, amount: '0' });
    expect(q.userErrors).toEqual([]);
    expect(q.contractRevenue).toMatchObject({ periodStart: '2053-10-01', periodEnd: '2053-12-31', amount: '0.00' });
  });

  it('is kept as history by the database too: a stored version cannot be changed or deleted', async () => {
    const c = await contractOf(2052);
    await report(c.providerToken, { contractId: c.id, number: 5, amount: '10' });
    const connection = app.orm.em.getConnection();
    await expect(connection.execute(`update contract_revenue set amount = 1 where contract_id = ?`, [c.contract.id])).rejects.toThrow(/append-only/);
    await expect(connection.execute(`delete from contract_revenue where contract_id = ?`, [c.contract.id])).rejects.toThrow(/append-only/);
  });

  it('may be reported by staff of the two parties only', async () => {
    // given
    const c = await contractOf(2052);
    const input = { contractId: c.id, number: 6, amount: '1' };
    const insurerDashboard = await app.tokenFor({ role: 'DASHBOARD', insurer: c.insurer });
    const providerAdmin = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: c.provider });
    const stranger = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.factory.insurer() });
    // when / then
    expect(errorCodes(await app.gql(REPORT, { input: { periodKind: 'MONTH', year: 2052, ...input } }, { token: insurerDashboard }))).toEqual(['FORBIDDEN']);
    expect((await report(stranger, input)).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['contractId'] })]);
    expect((await report(app.operatorToken, input)).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await report(providerAdmin, input)).userErrors).toEqual([]);
  });
});

describe('ceiling use: utilisation, linear projection and status at their edges', () => {
  async function useAfter(amounts: string[], ceiling = '1200.00', kind: 'MONTH' | 'QUARTER' = 'MONTH') {
    const c = await contractOf(2052, ceiling);
    for (const [i, amount] of amounts.entries()) await app.contracts.revenue(c.contract, kind as RevenuePeriodKind, 2052, i + 1, amount);
    return dataOf(await app.gql(USE, { id: c.id, y: 2052 }, { token: c.insurerToken })).node.ceilingUse;
  }

  it('is NEAR at exactly 75% after a whole year, OK one cent below', async () => {
    const near = await useAfter([...Array(11).fill('75.00'), '75.00']);
    const ok = await useAfter([...Array(11).fill('75.00'), '74.99']);
    expect(near).toMatchObject({ realisedAmount: '900.00', monthsCovered: 12, projectedAmount: '900.00', utilisationPercent: '75.00', status: 'NEAR' });
    expect(ok).toMatchObject({ realisedAmount: '899.99', utilisationPercent: '74.99', status: 'OK' });
  });

  it('is THREATENED when the projection passes the ceiling by a cent, not when it meets it', async () => {
    const meets = await useAfter(['300.00', '300.00'], '1200.00', 'QUARTER');
    const passes = await useAfter(['300.00', '300.01'], '1200.00', 'QUARTER');
    expect(meets).toMatchObject({ monthsCovered: 6, projectedAmount: '1200.00', utilisationPercent: '50.00', status: 'OK' });
    expect(passes).toMatchObject({ monthsCovered: 6, projectedAmount: '1200.02', status: 'THREATENED' });
  });

  it('is EXCEEDED above the ceiling, not at it; a correction downwards takes it back', async () => {
    const at = await useAfter(Array(12).fill('100.00'));
    expect(at).toMatchObject({ realisedAmount: '1200.00', utilisationPercent: '100.00', status: 'NEAR' });
    const c = await contractOf(2052, '1200.00');
    for (let m = 1; m <= 12; m++) await app.contracts.revenue(c.contract, RevenuePeriodKind.MONTH, 2052, m, m === 12 ? '100.01' : '100.00');
    expect(dataOf(await app.gql(USE, { id: c.id, y: 2052 }, { token: c.insurerToken })).node.ceilingUse).toMatchObject({ utilisationPercent: '100.00', status: 'EXCEEDED' });
    await report(c.providerToken, { contractId: c.id, number: 12, amount: '10.00' });
    expect(dataOf(await app.gql(USE, { id: c.id, y: 2052 }, { token: c.insurerToken })).node.ceilingUse).toMatchObject({ realisedAmount: '1110.00', status: 'NEAR' });
  });

  it('counts gaps before the latest period as zero, has no status without a ceiling, and is null outside the term', async () => {
    const gap = await useAfter(['0.00', '0.00', '150.00']);
    expect(gap).toMatchObject({ monthsCovered: 3, projectedAmount: '600.00', status: 'OK' });
    const none = await contractOf(2052, '0', { ceilingKind: CeilingKind.NONE });
    await app.contracts.revenue(none.contract, RevenuePeriodKind.MONTH, 2052, 1, '10.00');
    const noCeiling = dataOf(await app.gql(USE, { id: none.id, y: 2052 }, { token: none.insurerToken })).node.ceilingUse;
    expect(noCeiling).toEqual({ year: 2052, ceilingKind: 'NONE', ceilingAmount: null, realisedAmount: '10.00', monthsCovered: 1, projectedAmount: '120.00', utilisationPercent: null, status: null });
    expect(dataOf(await app.gql(USE, { id: none.id, y: 2053 }, { token: none.insurerToken })).node.ceilingUse).toBeNull();
    const empty = dataOf(await app.gql(USE, { id: none.id, y: null }, { token: none.insurerToken })).node.ceilingUse;
    expect(empty.year).toBe(2052);
  });
});

describe('alerts', () => {
  it("list an insurer's own contracts in NEAR, THREATENED or EXCEEDED, most severe first, and a provider's own", async () => {
    // given one insurer with five contracts in 2052 and one provider shared by two of them
    const insurer = await app.factory.insurer();
    const provider = await app.factory.provider();
    const segment = await app.contracts.seeded('MSZ');
    const make = async (amounts: string[], options: { status?: ContractStatus; ceilingKind?: CeilingKind; provider?: typeof provider } = {}) => {
      const contract = await app.contracts.contract({ insurer, provider: options.provider ?? (await app.factory.provider()), segment, firstYear: 2052, ceilingAmount: '1200.00', ...options });
      for (const [i, a] of amounts.entries()) await app.contracts.revenue(contract, RevenuePeriodKind.MONTH, 2052, i + 1, a);
      return gid('Contract', contract.id);
    };
    const exceeded = await make(['1300.00'], { provider });
    const threatened = await make(['200.00']);
    const near = await make(Array(12).fill('80.00'), { provider });
    await make(Array(12).fill('10.00'));
    await make(['1300.00'], { status: ContractStatus.TERMINATED });
    await make(['1300.00'], { ceilingKind: CeilingKind.NONE });
    const insurerToken = await app.tokenFor({ role: 'DASHBOARD', insurer });
    const providerToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider });
    const ALERTS = `query($y: Int, $first: Int) { contractAlerts(year: $y, first: $first) { totalCount pageInfo { hasNextPage } nodes { contract { id } ceilingUse { status } } } }`;
    // when
    const forInsurer = dataOf(await app.gql(ALERTS, { y: 2052 }, { token: insurerToken })).contractAlerts;
    const firstPage = dataOf(await app.gql(ALERTS, { y: 2052, first: 2 }, { token: insurerToken })).contractAlerts;
    const forProvider = dataOf(await app.gql(ALERTS, { y: 2052 }, { token: providerToken })).contractAlerts;
    const otherYear = dataOf(await app.gql(ALERTS, { y: 2053 }, { token: insurerToken })).contractAlerts;
    const operator = await app.gql(ALERTS, { y: 2052 });
    // then
    expect(forInsurer.totalCount).toBe(3);
    expect(forInsurer.nodes).toEqual([
      { contract: { id: exceeded }, ceilingUse: { status: 'EXCEEDED' } },
      { contract: { id: threatened }, ceilingUse: { status: 'THREATENED' } },
      { contract: { id: near }, ceilingUse: { status: 'NEAR' } },
    ]);
    expect(firstPage.nodes).toHaveLength(2);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    expect(forProvider.nodes.map((n: any) => n.contract.id)).toEqual([exceeded, near]);
    expect(otherYear.totalCount).toBe(0);
    expect(errorCodes(operator)).toEqual(['FORBIDDEN']);
  });
});
