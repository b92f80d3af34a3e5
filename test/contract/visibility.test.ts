import { useTestApp, dataOf, errorCodes } from '../support/app';
import { RepresentationWorld, gid } from '../factories/contract';
import { Concern } from '../../src/insurer/concern.entity';
import { Insurer } from '../../src/insurer/insurer.entity';
import { Provider } from '../../src/provider/provider.entity';
import { RevenuePeriodKind } from '../../src/contract/contract-revenue.entity';
import { Contract } from '../../src/contract/contract.entity';

/**
 * The POLICY rows of contracts (contract.read, contract.write, contract.revenue.report, contract.alerts.read),
 * each tried both ways through every read path: a list, node, nodes, nested fields and aliases in one request.
 */
const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });
let w: RepresentationWorld;
let x: Insurer;
let q: Provider;
let otherProvider: Provider;
let sibling: Insurer;
let c1: Contract;
const ids = { c1: '', c2: '', r1: '', p: '', q: '' };
const YEAR = 2060;

beforeAll(async () => {
  // A representation region: C1 is the lead's contract with the region's provider, made on behalf of the followers.
  w = await app.contracts.world(YEAR);
  c1 = await app.contracts.contract({ insurer: w.lead, provider: w.provider, segment: w.segment, agreement: w.agreement, firstYear: YEAR, ceilingAmount: '500000.00' });
  const r1 = await app.contracts.revenue(c1, RevenuePeriodKind.MONTH, YEAR, 1, '40000.00');
  // C2: a contract in a segment without representation, with a provider in the same region; followers have a
  // market share there, but C2 was not made on their behalf.
  x = await app.factory.insurer();
  q = await app.factory.provider({ region: w.region });
  const plain = await app.contracts.seeded('MSZ');
  const c2 = await app.contracts.contract({ insurer: x, provider: q, segment: plain, firstYear: YEAR, ceilingAmount: '900000.00' });
  // An insurer of the lead's concern without a market share in the region, and an unrelated provider.
  sibling = await app.factory.insurer({ concern: await app.orm.em.fork().findOneOrFail(Concern, { id: w.lead.concern.id }) });
  otherProvider = await app.factory.provider({ region: w.region });
  Object.assign(ids, { c1: gid('Contract', c1.id), c2: gid('Contract', c2.id), r1: gid('ContractRevenue', r1.id), p: gid('Provider', w.provider.id), q: gid('Provider', q.id) });
});

const EVERY_PATH = `query($c1: ID!, $c2: ID!, $r1: ID!, $p: ID!, $q: ID!, $s: String!, $reg: String!, $y: Int!) {
  one: node(id: $c1) { ... on Contract { id ceilingAmount ceilingUse(year: $y) { realisedAmount status } revenue { amount } } }
  two: node(id: $c2) { ... on Contract { id ceilingAmount } }
  both: nodes(ids: [$c1, $c2]) { id }
  list: contracts(first: 100, filter: { year: $y }) { totalCount nodes { id } }
  revenue: node(id: $r1) { ... on ContractRevenue { amount contract { id ceilingAmount } } }
  agreement: representationAgreement(segmentCode: $s, year: $y, regionCode: $reg) { contracts { id ceilingAmount } }
  provider: node(id: $p) { ... on Provider { contracts { id } } }
  q: node(id: $q) { ... on Provider { contracts(year: $y) { id } } }
}`;

type Reader = 'lead' | 'leadDashboard' | 'second' | 'follower' | 'smallFollower' | 'outsider' | 'sibling' | 'provider' | 'x' | 'q' | 'otherProvider' | 'operator';

async function tokenOf(reader: Reader): Promise<string> {
  switch (reader) {
    case 'lead': return app.tokenFor({ role: 'INSURER_MEMBER', insurer: w.lead });
    case 'leadDashboard': return app.tokenFor({ role: 'DASHBOARD', insurer: w.lead });
    case 'second': return app.tokenFor({ role: 'INSURER_ADMIN', insurer: w.second });
    case 'follower': return app.tokenFor({ role: 'INSURER_MEMBER', insurer: w.follower });
    case 'smallFollower': return app.tokenFor({ role: 'DASHBOARD', insurer: w.smallFollower });
    case 'outsider': return app.tokenFor({ role: 'INSURER_ADMIN', insurer: w.outsider });
    case 'sibling': return app.tokenFor({ role: 'INSURER_ADMIN', insurer: sibling });
    case 'provider': return app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: w.provider });
    case 'x': return app.tokenFor({ role: 'INSURER_MEMBER', insurer: x });
    case 'q': return app.tokenFor({ role: 'PROVIDER_ADMIN', provider: q });
    case 'otherProvider': return app.tokenFor({ role: 'PROVIDER_ADMIN', provider: otherProvider });
    case 'operator': return app.operatorToken;
  }
}

async function readEverything(reader: Reader) {
  const vars = { ...ids, s: w.segment.code, reg: w.region.code, y: YEAR };
  return dataOf(await app.gql(EVERY_PATH, vars, { token: await tokenOf(reader) }));
}

describe('contract.read: its insurer and provider; in a representation segment the insurers represented in that region and year; no one else', () => {
  it.each<[Reader, boolean, boolean]>([
    // reader, sees C1 (representation), sees C2 (no representation)
    ['lead', true, false],
    ['leadDashboard', true, false],
    ['second', true, false],
    ['follower', true, false],
    ['smallFollower', true, false],
    ['provider', true, false],
    ['x', false, true],
    ['q', false, true],
    ['outsider', false, false],
    ['sibling', false, false],
    ['otherProvider', false, false],
    ['operator', false, false],
  ])('%s: sees C1 %s, sees C2 %s, the same through every path', async (reader, seesC1, seesC2) => {
    // when
    const data = await readEverything(reader);
    // then
    const visible = [seesC1 ? ids.c1 : null, seesC2 ? ids.c2 : null].filter(Boolean);
    expect(data.one).toEqual(seesC1 ? { id: ids.c1, ceilingAmount: '500000.00', ceilingUse: { realisedAmount: '40000.00', status: 'OK' }, revenue: [{ amount: '40000.00' }] } : null);
    expect(data.two).toEqual(seesC2 ? { id: ids.c2, ceilingAmount: '900000.00' } : null);
    expect(data.both).toEqual([seesC1 ? { id: ids.c1 } : null, seesC2 ? { id: ids.c2 } : null]);
    expect(data.list.nodes.map((n: any) => n.id).filter((id: string) => id === ids.c1 || id === ids.c2).sort()).toEqual([...visible].sort());
    expect(data.revenue).toEqual(seesC1 ? { amount: '40000.00', contract: { id: ids.c1, ceilingAmount: '500000.00' } } : null);
    expect(data.agreement.contracts).toEqual(seesC1 ? [{ id: ids.c1, ceilingAmount: '500000.00' }] : []);
    expect(data.provider.contracts).toEqual(seesC1 ? [{ id: ids.c1 }] : []);
    expect(data.q.contracts).toEqual(seesC2 ? [{ id: ids.c2 }] : []);
    if (reader === 'operator') expect(data.list.totalCount).toBe(0);
  });

  it('logs every read of a contract in the audit log with its owners, and nothing for a reader who saw nothing', async () => {
    // given
    await readEverything('follower');
    await readEverything('outsider');
    await app.flushAudit();
    // when
    const rows = await app.orm.em.getConnection().execute<{ organisation_code: string; operation: string; owner_insurer_ids: number[]; owner_provider_ids: number[] }[]>(
      `select organisation_code, operation, owner_insurer_ids, owner_provider_ids from audit_event where kind = 'READ' and ? = any(object_ids)`,
      [ids.c1],
    );
    // then
    const byFollower = rows.filter((r) => r.organisation_code === w.follower.uzovi);
    expect(new Set(byFollower.map((r) => r.operation))).toEqual(new Set(['node', 'contracts', 'RepresentationAgreement.contracts', 'Provider.contracts']));
    for (const r of byFollower) {
      expect(r.owner_insurer_ids.map(Number)).toContain(w.lead.id);
      expect(r.owner_provider_ids.map(Number)).toContain(w.provider.id);
    }
    expect(rows.filter((r) => r.organisation_code === w.outsider.uzovi)).toEqual([]);
    const revenueRows = await app.orm.em.getConnection().execute(`select 1 from audit_event where kind = 'READ' and organisation_code = ? and ? = any(object_ids)`, [
      w.follower.uzovi,
      ids.r1,
    ]);
    expect(revenueRows.length).toBeGreaterThan(0);
  });
});

describe('contract.write and contract.revenue.report: writes by the parties only', () => {
  const UPDATE = `mutation($input: ContractUpdateInput!) { contractUpdate(input: $input) { contract { obligations } userErrors { code } } }`;
  const REPORT = `mutation($input: ContractRevenueReportInput!) { contractRevenueReport(input: $input) { contractRevenue { version } userErrors { code } } }`;

  it.each<[Reader, 'OK' | 'FORBIDDEN' | 'NOT_FOUND']>([
    ['lead', 'OK'],
    ['leadDashboard', 'FORBIDDEN'],
    ['second', 'FORBIDDEN'],
    ['follower', 'FORBIDDEN'],
    ['provider', 'FORBIDDEN'],
    ['outsider', 'NOT_FOUND'],
    ['operator', 'NOT_FOUND'],
  ])('contract update by %s: %s', async (reader, expected) => {
    const response = await app.gql(UPDATE, { input: { id: ids.c1, obligations: `by ${reader}` } }, { token: await tokenOf(reader) });
    if (expected === 'FORBIDDEN') expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    else if (expected === 'NOT_FOUND') expect(dataOf(response).contractUpdate).toEqual({ contract: null, userErrors: [{ code: 'NOT_FOUND' }] });
    else expect(dataOf(response).contractUpdate).toEqual({ contract: { obligations: `by ${reader}` }, userErrors: [] });
  });

  it.each<[Reader, 'OK' | 'FORBIDDEN' | 'NOT_FOUND']>([
    ['lead', 'OK'],
    ['provider', 'OK'],
    ['leadDashboard', 'FORBIDDEN'],
    ['follower', 'FORBIDDEN'],
    ['second', 'FORBIDDEN'],
    ['otherProvider', 'NOT_FOUND'],
    ['operator', 'NOT_FOUND'],
  ])('revenue report by %s: %s', async (reader, expected) => {
    const input = { contractId: ids.c1, periodKind: 'MONTH', year: YEAR, number: 2, amount: '1000.00' };
    const response = await app.gql(REPORT, { input }, { token: await tokenOf(reader) });
    if (expected === 'FORBIDDEN') expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    else if (expected === 'NOT_FOUND') expect(dataOf(response).contractRevenueReport.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    else expect(dataOf(response).contractRevenueReport.userErrors).toEqual([]);
  });

  it('contract create: insurer staff only; the operator, providers and dashboards are refused', async () => {
    const CREATE = `mutation($input: ContractCreateInput!) { contractCreate(input: $input) { userErrors { code } } }`;
    const input = { providerAgb: w.provider.agb, segmentCode: w.segment.code, termStart: `${YEAR}-01-01`, termEnd: `${YEAR}-12-31`, tariffBasis: 'NZA_TARIFF', ceilingKind: 'NONE' };
    for (const reader of ['operator', 'provider', 'leadDashboard'] as Reader[]) {
      expect(errorCodes(await app.gql(CREATE, { input }, { token: await tokenOf(reader) }))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('contract.alerts.read: insurers and providers, their own contracts only', () => {
  it('shows a follower none of the contracts made on its behalf, and refuses the operator', async () => {
    // given C1 over its ceiling
    await app.contracts.revenue(c1, RevenuePeriodKind.MONTH, YEAR, 3, '600000.00');
    const ALERTS = `query($y: Int) { contractAlerts(year: $y) { nodes { contract { id } ceilingUse { status } } } }`;
    // when
    const lead = dataOf(await app.gql(ALERTS, { y: YEAR }, { token: await tokenOf('lead') })).contractAlerts.nodes;
    const provider = dataOf(await app.gql(ALERTS, { y: YEAR }, { token: await tokenOf('provider') })).contractAlerts.nodes;
    const follower = dataOf(await app.gql(ALERTS, { y: YEAR }, { token: await tokenOf('follower') })).contractAlerts.nodes;
    const operator = await app.gql(ALERTS, { y: YEAR });
    // then
    expect(lead).toEqual([{ contract: { id: ids.c1 }, ceilingUse: { status: 'EXCEEDED' } }]);
    expect(provider).toEqual(lead);
    expect(follower).toEqual([]);
    expect(errorCodes(operator)).toEqual(['FORBIDDEN']);
  });
});

describe('no N+1 in contract lists', () => {
  it('runs as many SQL statements for 12 contracts with nested fields as for 3', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.contracts.seeded('MSR');
    for (let i = 0; i < 12; i++) {
      const c = await app.contracts.contract({ insurer, provider: await app.factory.provider(), segment, firstYear: 2061 });
      await app.contracts.revenue(c, RevenuePeriodKind.QUARTER, 2061, 1, '100.00');
    }
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer });
    const QUERY = `query($n: Int!) { contracts(first: $n, filter: { year: 2061 }) { nodes {
      id insurer { uzovi } provider { agb } segment { code } agreement { id } ceilingAmount years
      ceilingUse(year: 2061) { status projectedAmount } revenue { amount isLatest } } } }`;
    // when
    const small = await app.gql(QUERY, { n: 3 }, { token });
    const large = await app.gql(QUERY, { n: 12 }, { token });
    // then
    expect(dataOf(large).contracts.nodes).toHaveLength(12);
    expect(large.body.extensions!.sqlStatements).toBe(small.body.extensions!.sqlStatements);
  });
});
