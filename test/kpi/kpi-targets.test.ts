import { useTestApp, dataOf, errorCodes } from '../support/app';
import { gid } from '../factories/kpi';
import { ProviderKind } from '../../src/provider/provider.entity';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';
import type { Region } from '../../src/region/region.entity';

const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });

const TARGET_FIELDS = `id year targetValue targetDate obligation derivedObligation derivedReason obligationSource overrideReason changedBy
  baselinePeriod { kind year number label start end } insurer { uzovi } provider { agb } kpi { code }`;
const CREATE = `mutation($input: KpiTargetCreateInput!) { kpiTargetCreate(input: $input) { kpiTarget { ${TARGET_FIELDS} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: KpiTargetUpdateInput!) { kpiTargetUpdate(input: $input) { kpiTarget { ${TARGET_FIELDS} } userErrors { field code message } } }`;

interface World {
  leader: Insurer;
  other: Insurer;
  core: Region;
  elsewhere: Region;
  hospital: Provider;
  clinic: Provider;
  farHospital: Provider;
  leaderAdmin: string;
}

/** An insurer that leads one region in 2024 and 2025 and trails in another, with a hospital and a clinic it contracts. */
async function world(): Promise<World> {
  const leader = await app.kpi.base.insurer();
  const other = await app.kpi.base.insurer();
  const core = await app.kpi.base.region();
  const elsewhere = await app.kpi.base.region();
  for (const year of [2024, 2025, 2026]) {
    await app.kpi.base.marketShare(leader, core, year, '55.00');
    await app.kpi.base.marketShare(other, core, year, '45.00');
    await app.kpi.base.marketShare(leader, elsewhere, year, '20.00');
    await app.kpi.base.marketShare(other, elsewhere, year, '80.00');
  }
  const hospital = await app.kpi.hospital(core);
  const clinic = await app.kpi.hospital(core, ProviderKind.INDEPENDENT_CLINIC);
  const farHospital = await app.kpi.hospital(elsewhere);
  for (const provider of [hospital, clinic, farHospital]) await app.kpi.contract(leader, provider, 2024, 2026);
  return { leader, other, core, elsewhere, hospital, clinic, farHospital, leaderAdmin: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: leader }) };
}

describe('KPI targets: the obligation rule of seed 004', () => {
  it('sets best effort in 2024 even at a hospital where the insurer is market leader, with the catalogue defaults', async () => {
    // given
    const w = await world();
    // when
    const result = dataOf(await app.gql(CREATE, { input: { providerAgb: w.hospital.agb, kpiCode: 'HYBRID_PATHWAYS', year: 2024 } }, { token: w.leaderAdmin }));
    // then
    expect(result.kpiTargetCreate.userErrors).toEqual([]);
    expect(result.kpiTargetCreate.kpiTarget).toMatchObject({
      year: 2024,
      targetValue: '25.00',
      targetDate: '2024-12-31',
      obligation: 'BEST_EFFORT',
      derivedObligation: 'BEST_EFFORT',
      obligationSource: 'DERIVED',
      overrideReason: null,
      baselinePeriod: null,
      insurer: { uzovi: w.leader.uzovi },
      provider: { agb: w.hospital.agb },
      kpi: { code: 'HYBRID_PATHWAYS' },
    });
  });

  it.each([
    ['a hospital where the insurer is market leader', 'hospital', 'RESULT'],
    ['a hospital where another insurer leads', 'farHospital', 'BEST_EFFORT'],
    ['an independent clinic where the insurer leads', 'clinic', 'BEST_EFFORT'],
  ] as const)('derives from 2025 at %s: %s', async (_label, which, obligation) => {
    // given
    const w = await world();
    // when
    const result = dataOf(await app.gql(CREATE, { input: { providerAgb: w[which].agb, kpiCode: 'TELEMONITORING', year: 2025 } }, { token: w.leaderAdmin }));
    // then
    expect(result.kpiTargetCreate.kpiTarget).toMatchObject({ obligation, derivedObligation: obligation, obligationSource: 'DERIVED' });
    expect(result.kpiTargetCreate.kpiTarget.derivedReason.length).toBeGreaterThan(20);
  });

  it('overrides the derived obligation only with a recorded reason, and returns to the derived one on update', async () => {
    // given
    const w = await world();
    const input = { providerAgb: w.farHospital.agb, kpiCode: 'HYBRID_PATHWAYS', year: 2025, obligation: 'RESULT' };
    // when
    const refused = dataOf(await app.gql(CREATE, { input }, { token: w.leaderAdmin }));
    const created = dataOf(await app.gql(CREATE, { input: { ...input, obligationOverrideReason: 'Maatwerkafspraak 2025 with a result obligation.' } }, { token: w.leaderAdmin }));
    const id = created.kpiTargetCreate.kpiTarget.id;
    const kept = dataOf(await app.gql(UPDATE, { input: { id, targetValue: '30' } }, { token: w.leaderAdmin }));
    const back = dataOf(await app.gql(UPDATE, { input: { id, obligation: 'BEST_EFFORT' } }, { token: w.leaderAdmin }));
    // then
    expect(refused.kpiTargetCreate).toMatchObject({ kpiTarget: null, userErrors: [{ field: ['obligationOverrideReason'], code: 'OVERRIDE_REASON_REQUIRED' }] });
    expect(created.kpiTargetCreate.kpiTarget).toMatchObject({
      obligation: 'RESULT',
      derivedObligation: 'BEST_EFFORT',
      obligationSource: 'OVERRIDDEN',
      overrideReason: 'Maatwerkafspraak 2025 with a result obligation.',
    });
    expect(kept.kpiTargetUpdate.kpiTarget).toMatchObject({ targetValue: '30.00', obligation: 'RESULT', obligationSource: 'OVERRIDDEN' });
    expect(back.kpiTargetUpdate.kpiTarget).toMatchObject({ obligation: 'BEST_EFFORT', obligationSource: 'DERIVED', overrideReason: null });
  });
});

describe('KPI targets: input rules', () => {
  it('needs a baseline period for the reduction KPI, before the target year, and refuses one elsewhere', async () => {
    // given
    const w = await world();
    const base = { providerAgb: w.hospital.agb, year: 2024 };
    // when
    const missing = dataOf(await app.gql(CREATE, { input: { ...base, kpiCode: 'PHYSICAL_CONTACTS_REDUCTION' } }, { token: w.leaderAdmin }));
    const late = dataOf(await app.gql(CREATE, { input: { ...base, kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', baselinePeriod: { kind: 'QUARTER', year: 2024, number: 1 } } }, { token: w.leaderAdmin }));
    const malformed = dataOf(await app.gql(CREATE, { input: { ...base, kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', baselinePeriod: { kind: 'MONTH', year: 2023, number: 13 } } }, { token: w.leaderAdmin }));
    const extra = dataOf(await app.gql(CREATE, { input: { ...base, kpiCode: 'TELEMONITORING', baselinePeriod: { kind: 'YEAR', year: 2023 } } }, { token: w.leaderAdmin }));
    const ok = dataOf(await app.gql(CREATE, { input: { ...base, kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', baselinePeriod: { kind: 'YEAR', year: 2023 } } }, { token: w.leaderAdmin }));
    // then
    expect(missing.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['BASELINE_REQUIRED']);
    expect(late.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['BASELINE_PERIOD_NOT_BEFORE']);
    expect(malformed.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['INVALID_PERIOD']);
    expect(extra.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['BASELINE_NOT_ALLOWED']);
    expect(ok.kpiTargetCreate.kpiTarget.baselinePeriod).toEqual({ kind: 'YEAR', year: 2023, number: null, label: '2023', start: '2023-01-01', end: '2023-12-31' });
  });

  it('reports value, date, year and duplicate problems as user errors and writes nothing', async () => {
    // given
    const w = await world();
    const input = { providerAgb: w.hospital.agb, kpiCode: 'TELEMONITORING', year: 2024 };
    await app.gql(CREATE, { input }, { token: w.leaderAdmin });
    // when
    const duplicate = dataOf(await app.gql(CREATE, { input }, { token: w.leaderAdmin }));
    const values = dataOf(await app.gql(CREATE, { input: { ...input, kpiCode: 'HYBRID_PATHWAYS', targetValue: '120', targetDate: '2025-03-31' } }, { token: w.leaderAdmin }));
    const early = dataOf(await app.gql(CREATE, { input: { ...input, year: 2023 } }, { token: w.leaderAdmin }));
    const unknown = dataOf(await app.gql(CREATE, { input: { ...input, kpiCode: 'WAITING_TIMES' } }, { token: w.leaderAdmin }));
    const noProvider = dataOf(await app.gql(CREATE, { input: { ...input, providerAgb: '99999999' } }, { token: w.leaderAdmin }));
    // then
    expect(duplicate.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['DUPLICATE_TARGET']);
    expect(values.kpiTargetCreate.userErrors.map((e: any) => e.code).sort()).toEqual(['TARGET_DATE_OUTSIDE_YEAR', 'TARGET_OUT_OF_RANGE']);
    expect(early.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['YEAR_NOT_COVERED']);
    expect(unknown.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_KPI']);
    expect(noProvider.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_PROVIDER']);
    const listed = dataOf(await app.gql(`query($a: String) { kpiTargets(filter: { providerAgb: $a }) { totalCount } }`, { a: w.hospital.agb }, { token: w.leaderAdmin }));
    expect(listed.kpiTargets.totalCount).toBe(1);
  });

  it('sets targets for hospitals and independent clinics only', async () => {
    const w = await world();
    const rav = await app.kpi.hospital(w.core, ProviderKind.RAV);
    await app.kpi.contract(w.leader, rav, 2024);
    const result = dataOf(await app.gql(CREATE, { input: { providerAgb: rav.agb, kpiCode: 'TELEMONITORING', year: 2024 } }, { token: w.leaderAdmin }));
    expect(result.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['PROVIDER_KIND_NOT_ELIGIBLE']);
  });
});

describe('POLICY kpi.target.write: insurer admin or member of the target insurer that contracts the provider', () => {
  it('allows the admin and the member of the contracting insurer', async () => {
    const w = await world();
    const member = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: w.leader });
    const byAdmin = dataOf(await app.gql(CREATE, { input: { providerAgb: w.hospital.agb, kpiCode: 'TELEMONITORING', year: 2024 } }, { token: w.leaderAdmin }));
    const byMember = dataOf(await app.gql(CREATE, { input: { providerAgb: w.hospital.agb, kpiCode: 'HYBRID_PATHWAYS', year: 2024 } }, { token: member }));
    expect(byAdmin.kpiTargetCreate.userErrors).toEqual([]);
    expect(byMember.kpiTargetCreate.userErrors).toEqual([]);
    expect(byMember.kpiTargetCreate.kpiTarget.changedBy).toMatch(/^zix_/);
  });

  it('reports a missing contract as NOT_CONTRACTED, also for a contract terminated or of another year', async () => {
    const w = await world();
    const terminated = await app.kpi.hospital(w.core);
    await app.kpi.contract(w.leader, terminated, 2024, 2024, 'TERMINATED' as never);
    const noContract = dataOf(await app.gql(CREATE, { input: { providerAgb: w.hospital.agb, kpiCode: 'TELEMONITORING', year: 2027 } }, { token: w.leaderAdmin }));
    const ended = dataOf(await app.gql(CREATE, { input: { providerAgb: terminated.agb, kpiCode: 'TELEMONITORING', year: 2024 } }, { token: w.leaderAdmin }));
    expect(noContract.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['NOT_CONTRACTED']);
    expect(ended.kpiTargetCreate.userErrors.map((e: any) => e.code)).toEqual(['NOT_CONTRACTED']);
  });

  it.each([
    ['a DASHBOARD token of the insurer', 'DASHBOARD', 'leader'],
    ["another insurer's admin for this insurer", 'INSURER_ADMIN', 'other'],
    ['the provider itself', 'PROVIDER_ADMIN', 'provider'],
    ['an operator admin', 'OPERATOR_ADMIN', 'operator'],
  ] as const)('refuses %s with FORBIDDEN', async (_label, role, who) => {
    const w = await world();
    const token = await app.tokenFor(
      who === 'leader' ? { role, insurer: w.leader } : who === 'other' ? { role, insurer: w.other } : who === 'provider' ? { role, provider: w.hospital } : { role },
    );
    const response = await app.gql(CREATE, { input: { insurerUzovi: w.leader.uzovi, providerAgb: w.hospital.agb, kpiCode: 'TELEMONITORING', year: 2024 } }, { token });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('treats a target of another insurer as not found on update', async () => {
    const w = await world();
    const target = await app.kpi.target(w.leader, w.hospital, 'TELEMONITORING', 2024);
    await app.kpi.contract(w.other, w.hospital, 2024);
    const otherAdmin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: w.other });
    const result = dataOf(await app.gql(UPDATE, { input: { id: gid('KpiTarget', target.id), targetValue: '10' } }, { token: otherAdmin }));
    expect(result.kpiTargetUpdate).toEqual({ kpiTarget: null, userErrors: [expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })] });
  });
});

describe('POLICY kpi.target.read: the target insurer, the target provider, operator admins', () => {
  it('lets each party read through the list, node and aliases, and hides the target from everyone else', async () => {
    // given
    const w = await world();
    const target = await app.kpi.target(w.leader, w.hospital, 'HYBRID_PATHWAYS', 2024);
    const foreign = await app.kpi.target(w.other, w.farHospital, 'HYBRID_PATHWAYS', 2024);
    const id = gid('KpiTarget', target.id);
    const tokens = {
      insurerDashboard: await app.tokenFor({ role: 'DASHBOARD', insurer: w.leader }),
      provider: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: w.hospital }),
      providerDashboard: await app.tokenFor({ role: 'DASHBOARD', provider: w.hospital }),
      otherInsurer: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: w.other }),
      otherProvider: await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: w.farHospital }),
    };
    const query = `query($id: ID!, $f: ID!, $agb: String) {
      mine: node(id: $id) { id ... on KpiTarget { year } }
      again: nodes(ids: [$id, $f]) { id }
      list: kpiTargets(filter: { providerAgb: $agb }) { totalCount nodes { id } } }`;
    const read = async (token?: string) => dataOf(await app.gql(query, { id, f: gid('KpiTarget', foreign.id), agb: w.hospital.agb }, token ? { token } : {}));
    // when
    const [operator, insurerDashboard, provider, providerDashboard, otherInsurer, otherProvider] = await Promise.all([
      read(),
      read(tokens.insurerDashboard),
      read(tokens.provider),
      read(tokens.providerDashboard),
      read(tokens.otherInsurer),
      read(tokens.otherProvider),
    ]);
    // then
    for (const allowed of [operator, insurerDashboard, provider, providerDashboard]) {
      expect(allowed.mine).toEqual({ id, year: 2024 });
      expect(allowed.list.nodes.map((n: any) => n.id)).toContain(id);
    }
    expect(operator.again.map((n: any) => n?.id)).toEqual([id, gid('KpiTarget', foreign.id)]);
    expect(insurerDashboard.again).toEqual([{ id }, null]);
    for (const denied of [otherInsurer, otherProvider]) {
      expect(denied.mine).toBeNull();
      expect(denied.again[0]).toBeNull();
      expect(denied.list).toEqual({ totalCount: 0, nodes: [] });
    }
    expect(otherInsurer.again[1]).toEqual({ id: gid('KpiTarget', foreign.id) });
  });

  it('writes a READ audit entry naming the owners of the targets read', async () => {
    const w = await world();
    const target = await app.kpi.target(w.leader, w.hospital, 'TELEMONITORING', 2024);
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: w.leader });
    dataOf(await app.gql(`query($a: String) { kpiTargets(filter: { providerAgb: $a }) { nodes { id } } }`, { a: w.hospital.agb }, { token }));
    await app.flushAudit();
    const rows = await app.orm.em
      .getConnection()
      .execute(`select operation, object_ids, owner_insurer_ids, owner_provider_ids from audit_event where kind = 'READ' and ? = any(object_ids)`, [gid('KpiTarget', target.id)]);
    expect(rows).toEqual([{ operation: 'kpiTargets', object_ids: [gid('KpiTarget', target.id)], owner_insurer_ids: [w.leader.id], owner_provider_ids: [w.hospital.id] }]);
  });
});

describe('KPI targets: nested reads without N+1', () => {
  it('runs the same number of statements for 2 and for 8 targets with progress, series, insurer, provider and KPI', async () => {
    const w = await world();
    const providers = [];
    for (let i = 0; i < 8; i += 1) {
      const p = await app.kpi.hospital(w.core);
      await app.kpi.target(w.leader, p, 'HYBRID_PATHWAYS', 2024);
      await app.kpi.hybridMonths(p, 2024, [[1, 10], [2, 10]]);
      providers.push(p);
    }
    const query = `query($n: Int) { kpiTargets(first: $n, filter: { insurerUzovi: "${w.leader.uzovi}" }) { nodes { id insurer { name } provider { name region { code } } kpi { code }
      progress(asOf: "2024-03-31") { status latest { value } } series { value period { label } } } } }`;
    const small = await app.gql(query, { n: 2 }, { token: w.leaderAdmin });
    const large = await app.gql(query, { n: 8 }, { token: w.leaderAdmin });
    expect(dataOf(large).kpiTargets.nodes).toHaveLength(8);
    expect(dataOf(large).kpiTargets.nodes[0].series).toHaveLength(2);
    expect(large.body.extensions!.sqlStatements).toBe(small.body.extensions!.sqlStatements);
  });
});
