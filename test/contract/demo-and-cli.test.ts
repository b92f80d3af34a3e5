import { useTestApp, dataOf, testConfig } from '../support/app';
import { runCli } from '../../src/cli/main';
import { Insurer } from '../../src/insurer/insurer.entity';
import { ContractStatus } from '../../src/contract/contract.entity';
import { purchasingInsurerIds, insurerPurchasesFrom } from '../../src/contract/purchasing';
import { SEED_FILES } from '../../src/shared/seed-files';

const app = useTestApp();

async function insurerToken(uzovi: string) {
  return app.tokenFor({ role: 'INSURER_MEMBER', insurer: await app.orm.em.fork().findOneOrFail(Insurer, { uzovi }) });
}

const ALERTS = `query($y: Int) { contractAlerts(year: $y) { nodes { contract { provider { name } segment { code } agreement { region { name } } } ceilingUse { status utilisationPercent projectedAmount } } } }`;

describe('DEMO contracts of the seed step seed:contracts', () => {
  it('show every ceiling status in the alerts of their insurers', async () => {
    // when
    const zk2024 = dataOf(await app.gql(ALERTS, { y: 2024 }, { token: await insurerToken('3311') })).contractAlerts.nodes;
    const zk2025 = dataOf(await app.gql(ALERTS, { y: 2025 }, { token: await insurerToken('3311') })).contractAlerts.nodes;
    const zz2025 = dataOf(await app.gql(ALERTS, { y: 2025 }, { token: await insurerToken('9903') })).contractAlerts.nodes;
    const df2024 = dataOf(await app.gql(ALERTS, { y: 2024 }, { token: await insurerToken('9902') })).contractAlerts.nodes;
    // then
    expect(zk2024.map((a: any) => [a.contract.provider.name, a.ceilingUse.status])).toEqual([
      ['Stichting Zicht en Gehoor Nederland', 'EXCEEDED'],
      ['RAV Utrecht', 'NEAR'],
    ]);
    expect(zk2025.map((a: any) => [a.contract.provider.name, a.ceilingUse])).toEqual([
      ['Visueel Centrum Westkust', { status: 'NEAR', utilisationPercent: '75.00', projectedAmount: '2400000.00' }],
    ]);
    expect(zz2025).toEqual([
      {
        contract: { provider: { name: 'RAV Hollands Midden' }, segment: { code: 'AMBULANCE' }, agreement: { region: { name: 'Hollands Midden' } } },
        ceilingUse: { status: 'THREATENED', utilisationPercent: '70.23', projectedAmount: '22650000.00' },
      },
    ]);
    expect(df2024).toEqual([]);
  });

  it(`are visible to the followers of the region (${SEED_FILES.AMBULANCE_2025}: the others follow Zorg en Zekerheid in Hollands Midden)`, async () => {
    const query = `{ contracts(filter: { providerAgb: "09101601" }) { nodes { insurer { name } ceilingAmount } } }`;
    const cz = dataOf(await app.gql(query, {}, { token: await insurerToken('9905') })).contracts.nodes;
    expect(cz).toEqual([{ insurer: { name: 'Zorg en Zekerheid' }, ceilingAmount: '21500000.00' }]);
  });
});

describe('purchasingInsurerIds (src/contract/purchasing.ts), with the contracts of this feature', () => {
  it('names the contracting insurer, and under representation every insurer with a market share in the region that year', async () => {
    // given
    const w = await app.contracts.world(2070);
    await app.contracts.contract({ insurer: w.lead, provider: w.provider, segment: w.segment, agreement: w.agreement, firstYear: 2070 });
    const plainProvider = await app.factory.provider();
    const plain = await app.contracts.seeded('MSR');
    await app.contracts.contract({ insurer: w.outsider, provider: plainProvider, segment: plain, firstYear: 2070, lastYear: 2071 });
    await app.contracts.contract({ insurer: w.follower, provider: plainProvider, segment: plain, firstYear: 2070, status: ContractStatus.TERMINATED });
    const em = app.orm.em.fork();
    // when
    const map = await purchasingInsurerIds(em, [w.provider.id, plainProvider.id], 2070, w.segment.code);
    const plainMap = await purchasingInsurerIds(em, [w.provider.id, plainProvider.id], 2070, plain.code);
    const nextYear = await purchasingInsurerIds(em, [w.provider.id, plainProvider.id], 2071, plain.code);
    // then
    expect([...map.get(w.provider.id)!].sort()).toEqual([w.lead.id, w.second.id, w.follower.id, w.smallFollower.id].sort());
    expect([...map.get(plainProvider.id)!]).toEqual([]);
    expect([...plainMap.get(w.provider.id)!]).toEqual([]);
    expect([...plainMap.get(plainProvider.id)!]).toEqual([w.outsider.id]);
    expect([...nextYear.get(w.provider.id)!]).toEqual([]);
    expect([...nextYear.get(plainProvider.id)!]).toEqual([w.outsider.id]);
    expect(await insurerPurchasesFrom(em, w.follower.id, w.provider.id, 2070, w.segment.code)).toBe(true);
    expect(await insurerPurchasesFrom(em, w.follower.id, w.provider.id, 2070, plain.code)).toBe(false);
    expect(await insurerPurchasesFrom(em, w.outsider.id, w.provider.id, 2070, w.segment.code)).toBe(false);
  });
});

describe('CLI', () => {
  function io() {
    const lines: string[] = [];
    return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) } };
  }

  it('contract alerts: the alerts of the organisation of EXCHANGE_TOKEN', async () => {
    // given
    const out = io();
    process.env.EXCHANGE_TOKEN = await insurerToken('9903');
    try {
      // when
      const code = await runCli(['contract', 'alerts', '--year', '2025'], out.io, testConfig());
      // then
      expect(code).toBe(0);
      expect(out.lines[0]).toBe('ceiling alerts 2025 for 9903: 1');
      expect(out.lines.join('\n')).toMatch(/THREATENED\s+9903\s+09101601\s+AMBULANCE\s+2025-01-01\.\.2025-12-31\s+21500000\.00\s+15100000\.00\s+70\.23%\s+22650000\.00/);
    } finally {
      delete process.env.EXCHANGE_TOKEN;
    }
  });

  it('contract alerts: refuses to run without a valid token, so the operator never sees contract figures', async () => {
    const out = io();
    await expect(runCli(['contract', 'alerts'], out.io, testConfig())).rejects.toThrow(/EXCHANGE_TOKEN/);
    process.env.EXCHANGE_TOKEN = 'zix_notavalidtoken_xxxxxxxxxxxxxxxx';
    try {
      await expect(runCli(['contract', 'alerts'], out.io, testConfig())).rejects.toThrow(/not a valid/);
    } finally {
      delete process.env.EXCHANGE_TOKEN;
    }
  });

  it('representation coverage: lead and second per region', async () => {
    const out = io();
    const code = await runCli(['representation', 'coverage', '--segment', 'AMBULANCE', '--year', '2025'], out.io, testConfig());
    expect(code).toBe(0);
    expect(out.lines.find((l) => l.startsWith('16 '))).toMatch(/^16\s+Hollands Midden\s+Zorg en Zekerheid\s+Zilveren Kruis$/);
    const [, covered, total] = /^(\d+) of (\d+) regions covered/.exec(out.lines[out.lines.length - 1]!) ?? [];
    // the 25 seeded ambulance regions are covered; regions other tests add need not be
    expect(Number(covered)).toBeGreaterThanOrEqual(25);
    expect(Number(total)).toBeGreaterThanOrEqual(Number(covered));
  });
});
