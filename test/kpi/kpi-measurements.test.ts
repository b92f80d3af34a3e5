import { useTestApp, dataOf, errorCodes } from '../support/app';
import { gid } from '../factories/kpi';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });

const MEASUREMENT = `id version current numerator denominator value variant note submittedBy submittedAt supersededAt
  period { kind year number label start end } kpi { code } provider { agb }
  populations { population otherName telemonitored inPopulation value }`;
const SUBMIT = `mutation($input: KpiMeasurementInput!) { kpiMeasurementSubmit(input: $input) { kpiMeasurement { ${MEASUREMENT} } userErrors { field code message } } }`;
const BULK = `mutation($input: KpiMeasurementsSubmitInput!) { kpiMeasurementsSubmit(input: $input) {
  acceptedCount rejectedCount results { row kpiMeasurement { id period { label } } errors { field code } } userErrors { field code message } } }`;

interface World {
  insurer: Insurer;
  hospital: Provider;
  submitter: string;
}

/** A hospital with 2024 targets of all three KPIs (baseline year 2023), contracted by an insurer. */
async function world(): Promise<World> {
  const insurer = await app.kpi.base.insurer();
  const hospital = await app.kpi.hospital(await app.kpi.base.region());
  await app.kpi.contract(insurer, hospital, 2024);
  await app.kpi.target(insurer, hospital, 'HYBRID_PATHWAYS', 2024);
  await app.kpi.target(insurer, hospital, 'TELEMONITORING', 2024);
  await app.kpi.target(insurer, hospital, 'PHYSICAL_CONTACTS_REDUCTION', 2024, { baseline: { kind: 'YEAR', year: 2023 } });
  return { insurer, hospital, submitter: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: hospital }) };
}

const month = (number: number, year = 2024) => ({ kind: 'MONTH' as const, year, number });
const submit = async (token: string, input: Record<string, unknown>) => dataOf(await app.gql(SUBMIT, { input }, { token })).kpiMeasurementSubmit;
const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code).sort();

describe('KPI measurements: the three kinds of figures', () => {
  it('stores hybrid pathways (implemented of all) with its value', async () => {
    const w = await world();
    const result = await submit(w.submitter, { kpiCode: 'HYBRID_PATHWAYS', period: month(3), hybridPathways: { implemented: 9, total: 40 } });
    expect(result.userErrors).toEqual([]);
    expect(result.kpiMeasurement).toMatchObject({
      version: 1,
      current: true,
      numerator: 9,
      denominator: 40,
      value: '22.50',
      variant: null,
      period: { kind: 'MONTH', year: 2024, number: 3, label: '2024-03', start: '2024-03-01', end: '2024-03-31' },
      kpi: { code: 'HYBRID_PATHWAYS' },
      provider: { agb: w.hospital.agb },
      populations: [],
    });
  });

  it('stores physical contacts, also for the baseline period outside the target year, with no value of its own', async () => {
    const w = await world();
    const baseline = await submit(w.submitter, { kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', period: { kind: 'YEAR', year: 2023 }, physicalContacts: 120000 });
    const quarter = await submit(w.submitter, { kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', period: { kind: 'QUARTER', year: 2024, number: 1 }, physicalContacts: 21000 });
    expect(baseline.userErrors).toEqual([]);
    expect(quarter.kpiMeasurement).toMatchObject({ numerator: 21000, denominator: null, value: null, period: { label: '2024-Q1' } });
  });

  it('stores telemonitoring per population: variant I, and variant II with a condition the hospital names', async () => {
    const w = await world();
    const variantI = await submit(w.submitter, {
      kpiCode: 'TELEMONITORING',
      period: month(1),
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 30, inPopulation: 100 },
        { population: 'COPD', telemonitored: 10, inPopulation: 200 },
        { population: 'IBD', telemonitored: 0, inPopulation: 100 },
      ],
    });
    const variantII = await submit(w.submitter, {
      kpiCode: 'TELEMONITORING',
      period: month(2),
      populations: [
        { population: 'COPD', telemonitored: 20, inPopulation: 200 },
        { population: 'IBD', telemonitored: 5, inPopulation: 100 },
        { population: 'OTHER', otherName: '  Diabetes in pregnancy ', telemonitored: 15, inPopulation: 50 },
      ],
    });
    expect(variantI.kpiMeasurement).toMatchObject({
      numerator: 40,
      denominator: 400,
      value: '10.00',
      variant: 'VARIANT_I',
      populations: [
        { population: 'HEART_FAILURE', otherName: null, telemonitored: 30, inPopulation: 100, value: '30.00' },
        { population: 'COPD', telemonitored: 10, inPopulation: 200, value: '5.00' },
        { population: 'IBD', telemonitored: 0, inPopulation: 100, value: '0.00' },
      ],
    });
    expect(variantII.kpiMeasurement).toMatchObject({ value: '11.43', variant: 'VARIANT_II' });
    expect(variantII.kpiMeasurement.populations[2]).toMatchObject({ population: 'OTHER', otherName: 'Diabetes in pregnancy', value: '30.00' });
  });
});

describe('KPI measurements: every bad input the issue lists', () => {
  it.each([
    ['more implemented than total pathways', { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: 41, total: 40 } }, ['NUMERATOR_EXCEEDS_DENOMINATOR'], ['hybridPathways', 'implemented']],
    ['negative pathways', { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: -1, total: 40 } }, ['NEGATIVE_COUNT'], ['hybridPathways', 'implemented']],
    ['no pathways at all', { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: 0, total: 0 } }, ['ZERO_DENOMINATOR'], ['hybridPathways', 'total']],
    ['negative contacts', { kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', period: month(1), physicalContacts: -5 }, ['NEGATIVE_COUNT'], ['physicalContacts']],
    ['zero contacts in the baseline period', { kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', period: { kind: 'YEAR', year: 2023 }, physicalContacts: 0 }, ['BASELINE_ZERO'], ['physicalContacts']],
    ['a period outside the target year', { kpiCode: 'HYBRID_PATHWAYS', period: month(12, 2023), hybridPathways: { implemented: 1, total: 4 } }, ['PERIOD_OUTSIDE_TARGET_YEAR'], ['period']],
    ['another period of the baseline year', { kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', period: { kind: 'QUARTER', year: 2023, number: 4 }, physicalContacts: 30000 }, ['PERIOD_OUTSIDE_TARGET_YEAR'], ['period']],
    ['a period that has not ended', { kpiCode: 'HYBRID_PATHWAYS', period: { kind: 'YEAR', year: 2099 }, hybridPathways: { implemented: 1, total: 4 } }, ['PERIOD_NOT_ENDED'], ['period']],
    ['a malformed period', { kpiCode: 'HYBRID_PATHWAYS', period: { kind: 'QUARTER', year: 2024, number: 5 }, hybridPathways: { implemented: 1, total: 4 } }, ['INVALID_PERIOD'], ['period']],
    ['figures of another KPI', { kpiCode: 'HYBRID_PATHWAYS', period: month(1), physicalContacts: 5 }, ['WRONG_FIGURES', 'WRONG_FIGURES'], ['hybridPathways']],
    ['an unknown KPI', { kpiCode: 'WAITING_TIMES', period: month(1), physicalContacts: 5 }, ['UNKNOWN_KPI'], ['kpiCode']],
  ])('refuses %s', async (_label, input, expected, field) => {
    const w = await world();
    const result = await submit(w.submitter, input);
    expect(result.kpiMeasurement).toBeNull();
    expect(codes(result)).toEqual(expected);
    expect(result.userErrors[0].field).toEqual(field);
    expect(result.userErrors[0].message.length).toBeGreaterThan(15);
  });

  it('refuses figures for a KPI without any target of the provider', async () => {
    const insurer = await app.kpi.base.insurer();
    const hospital = await app.kpi.hospital();
    await app.kpi.contract(insurer, hospital, 2024);
    const token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: hospital });
    const result = await submit(token, { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: 1, total: 4 } });
    expect(codes(result)).toEqual(['NO_TARGET']);
  });

  it('refuses an unknown population with its own code and path, and names the set rule for a wrong set', async () => {
    const w = await world();
    const unknown = await submit(w.submitter, {
      kpiCode: 'TELEMONITORING',
      period: month(1),
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 1, inPopulation: 10 },
        { population: 'DIABETES', telemonitored: 1, inPopulation: 10 },
      ],
    });
    const wrongSet = await submit(w.submitter, {
      kpiCode: 'TELEMONITORING',
      period: month(1),
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 1, inPopulation: 10 },
        { population: 'COPD', telemonitored: 1, inPopulation: 10 },
        { population: 'IBD', telemonitored: 1, inPopulation: 10 },
        { population: 'ASTHMA', telemonitored: 1, inPopulation: 10 },
      ],
    });
    const tooFew = await submit(w.submitter, {
      kpiCode: 'TELEMONITORING',
      period: month(1),
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 1, inPopulation: 10 },
        { population: 'COPD', telemonitored: 1, inPopulation: 10 },
      ],
    });
    const more = await submit(w.submitter, {
      kpiCode: 'TELEMONITORING',
      period: month(1),
      populations: [
        { population: 'HEART_FAILURE', telemonitored: 11, inPopulation: 10 },
        { population: 'COPD', telemonitored: 1, inPopulation: 10 },
        { population: 'OTHER', telemonitored: 1, inPopulation: 10 },
      ],
    });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_POPULATION', field: ['populations', '1', 'population'] })]);
    expect(wrongSet.userErrors).toEqual([expect.objectContaining({ code: 'POPULATION_SET_NOT_ALLOWED', field: ['populations'] })]);
    expect(wrongSet.userErrors[0].message).toMatch(/variant I: exactly heart failure, COPD and IBD; or variant II/);
    expect(codes(tooFew)).toEqual(['POPULATION_SET_NOT_ALLOWED']);
    expect(codes(more)).toEqual(['NUMERATOR_EXCEEDS_DENOMINATOR', 'POPULATION_OTHER_NAME_REQUIRED']);
  });
});

describe('KPI measurements: corrections keep the history', () => {
  it('adds a version for a corrected period; the history reads oldest first and the list shows the current one', async () => {
    // given
    const w = await world();
    const first = await submit(w.submitter, { kpiCode: 'HYBRID_PATHWAYS', period: month(4), hybridPathways: { implemented: 8, total: 40 } });
    // when
    const second = await submit(w.submitter, { kpiCode: 'HYBRID_PATHWAYS', period: month(4), hybridPathways: { implemented: 10, total: 40 }, note: 'Two pathways were missed.' });
    // then
    expect(second.kpiMeasurement).toMatchObject({ version: 2, current: true, value: '25.00', note: 'Two pathways were missed.' });
    const read = dataOf(
      await app.gql(
        `query($id: ID!, $agb: String!) { node(id: $id) { ... on KpiMeasurement { version current supersededAt history { version current numerator value note } } }
          current: kpiMeasurements(filter: { providerAgb: $agb, kpiCode: "HYBRID_PATHWAYS" }) { totalCount nodes { version } }
          all: kpiMeasurements(filter: { providerAgb: $agb, kpiCode: "HYBRID_PATHWAYS", includeSuperseded: true }) { totalCount } }`,
        { id: first.kpiMeasurement.id, agb: w.hospital.agb },
      ),
    );
    expect(read.node.current).toBe(false);
    expect(read.node.supersededAt).not.toBeNull();
    expect(read.node.history).toEqual([
      { version: 1, current: false, numerator: 8, value: '20.00', note: null },
      { version: 2, current: true, numerator: 10, value: '25.00', note: 'Two pathways were missed.' },
    ]);
    expect(read.current).toEqual({ totalCount: 1, nodes: [{ version: 2 }] });
    expect(read.all.totalCount).toBe(2);
  });
});

describe('KPI measurements: bulk submission', () => {
  const rows = [
    { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: 2, total: 40 } },
    { kpiCode: 'HYBRID_PATHWAYS', period: month(2), hybridPathways: { implemented: 50, total: 40 } },
    { kpiCode: 'PHYSICAL_CONTACTS_REDUCTION', period: month(1), physicalContacts: 9000 },
    { kpiCode: 'HYBRID_PATHWAYS', period: month(1), hybridPathways: { implemented: 3, total: 40 } },
    { kpiCode: 'TELEMONITORING', period: month(1), populations: [{ population: 'ASTHMA', telemonitored: 1, inPopulation: 10 }] },
  ];

  it('writes nothing under ALL_OR_NOTHING and reports every error with its row', async () => {
    const w = await world();
    const result = dataOf(await app.gql(BULK, { input: { rows, rowErrorPolicy: 'ALL_OR_NOTHING' } }, { token: w.submitter })).kpiMeasurementsSubmit;
    expect(result).toMatchObject({ acceptedCount: 0, rejectedCount: 5 });
    expect(result.userErrors.map((e: any) => [e.field.slice(0, 2).join('.'), e.code])).toEqual([
      ['rows.1', 'NUMERATOR_EXCEEDS_DENOMINATOR'],
      ['rows.3', 'DUPLICATE_ROW'],
      ['rows.4', 'POPULATION_SET_NOT_ALLOWED'],
    ]);
    expect(result.results.map((r: any) => [r.row, r.kpiMeasurement, r.errors.length])).toEqual([[0, null, 0], [1, null, 1], [2, null, 0], [3, null, 1], [4, null, 1]]);
    const listed = dataOf(await app.gql(`query($a: String!) { kpiMeasurements(filter: { providerAgb: $a }) { totalCount } }`, { a: w.hospital.agb }));
    expect(listed.kpiMeasurements.totalCount).toBe(0);
  });

  it('writes the good rows under REJECT_FAILED_ROWS and rejects the others, each error with its row', async () => {
    const w = await world();
    const result = dataOf(await app.gql(BULK, { input: { rows, rowErrorPolicy: 'REJECT_FAILED_ROWS' } }, { token: w.submitter })).kpiMeasurementsSubmit;
    expect(result).toMatchObject({ acceptedCount: 2, rejectedCount: 3 });
    expect(result.results[0].kpiMeasurement.period.label).toBe('2024-01');
    expect(result.results[2].kpiMeasurement).not.toBeNull();
    expect(result.results[1]).toMatchObject({ kpiMeasurement: null, errors: [{ field: ['rows', '1', 'hybridPathways', 'implemented'], code: 'NUMERATOR_EXCEEDS_DENOMINATOR' }] });
    const listed = dataOf(await app.gql(`query($a: String!) { kpiMeasurements(filter: { providerAgb: $a }) { totalCount } }`, { a: w.hospital.agb }));
    expect(listed.kpiMeasurements.totalCount).toBe(2);
  });

  it('still takes the deprecated errorPolicy (KpiBulkErrorPolicy) in place of rowErrorPolicy', async () => {
    const w = await world();
    const result = dataOf(await app.gql(BULK, { input: { rows, errorPolicy: 'REJECT_FAILED_ROWS' } }, { token: w.submitter })).kpiMeasurementsSubmit;
    expect(result).toMatchObject({ acceptedCount: 2, rejectedCount: 3 });
  });

  it('refuses an empty bulk and one above the limit as a whole', async () => {
    const w = await world();
    const empty = dataOf(await app.gql(BULK, { input: { rows: [] } }, { token: w.submitter })).kpiMeasurementsSubmit;
    const many = Array.from({ length: 2001 }, (_, i) => ({ kpiCode: 'HYBRID_PATHWAYS', period: month((i % 12) + 1), hybridPathways: { implemented: 1, total: 2 } }));
    const tooMany = dataOf(await app.gql(BULK, { input: { rows: many } }, { token: w.submitter })).kpiMeasurementsSubmit;
    expect(empty.userErrors.map((e: any) => e.code)).toEqual(['REQUIRED']);
    expect(tooMany.userErrors.map((e: any) => e.code)).toEqual(['TOO_MANY_ROWS']);
  });
});

describe('POLICY kpi.measurement.submit: the provider admin or submitter, for its own figures', () => {
  it('allows the admin as well as the submitter', async () => {
    const w = await world();
    const admin = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: w.hospital });
    const result = await submit(admin, { providerAgb: w.hospital.agb, kpiCode: 'HYBRID_PATHWAYS', period: month(5), hybridPathways: { implemented: 1, total: 4 } });
    expect(result.userErrors).toEqual([]);
  });

  it.each([
    ['the contracting insurer', 'INSURER_ADMIN'],
    ["the provider's DASHBOARD token", 'DASHBOARD'],
    ['an operator admin', 'OPERATOR_ADMIN'],
    ['a submitter of another provider, naming this one', 'OTHER'],
  ])('refuses %s with FORBIDDEN, single and bulk', async (_label, role) => {
    const w = await world();
    const other = await app.kpi.hospital();
    const token =
      role === 'INSURER_ADMIN'
        ? await app.tokenFor({ role, insurer: w.insurer })
        : role === 'DASHBOARD'
          ? await app.tokenFor({ role, provider: w.hospital })
          : role === 'OTHER'
            ? await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: other })
            : app.operatorToken;
    const input = { providerAgb: w.hospital.agb, kpiCode: 'HYBRID_PATHWAYS', period: month(6), hybridPathways: { implemented: 1, total: 4 } };
    expect(errorCodes(await app.gql(SUBMIT, { input }, { token }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.gql(BULK, { input: { rows: [input] } }, { token }))).toEqual(['FORBIDDEN']);
  });
});

describe('POLICY kpi.measurement.read: the provider, the insurers contracting it, operator admins', () => {
  it('shows the figures to each of them through the list, node and aliases, and to nobody else', async () => {
    // given
    const w = await world();
    const stranger = await app.kpi.base.insurer();
    const measurement = await app.kpi.measurement(w.hospital, 'HYBRID_PATHWAYS', month(1), 3, 30);
    const id = gid('KpiMeasurement', measurement.id);
    const query = `query($id: ID!, $agb: String!) { one: node(id: $id) { id } two: node(id: $id) { id }
      list: kpiMeasurements(filter: { providerAgb: $agb }) { totalCount nodes { id } } }`;
    const read = async (token?: string) => dataOf(await app.gql(query, { id, agb: w.hospital.agb }, token ? { token } : {}));
    // when
    const allowed = await Promise.all([
      read(),
      read(w.submitter),
      read(await app.tokenFor({ role: 'DASHBOARD', provider: w.hospital })),
      read(await app.tokenFor({ role: 'INSURER_MEMBER', insurer: w.insurer })),
      read(await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer })),
    ]);
    const denied = await Promise.all([
      read(await app.tokenFor({ role: 'INSURER_ADMIN', insurer: stranger })),
      read(await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: await app.kpi.hospital() })),
    ]);
    // then
    for (const view of allowed) expect(view).toEqual({ one: { id }, two: { id }, list: { totalCount: 1, nodes: [{ id }] } });
    for (const view of denied) expect(view).toEqual({ one: null, two: null, list: { totalCount: 0, nodes: [] } });
  });

  it('lets an insurer read the figures of the years it contracts the provider, and the baseline of its target', async () => {
    // given: a contract for 2024 only, and a 2024 reduction target with baseline year 2023
    const w = await world();
    await app.kpi.measurement(w.hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'YEAR', year: 2023 }, 100000, null);
    await app.kpi.measurement(w.hospital, 'HYBRID_PATHWAYS', month(1, 2023), 1, 10);
    await app.kpi.measurement(w.hospital, 'HYBRID_PATHWAYS', month(1), 2, 10);
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: w.insurer });
    // when
    const read = dataOf(await app.gql(`query($agb: String!) { kpiMeasurements(filter: { providerAgb: $agb }) { nodes { kpi { code } period { label } } } }`, { agb: w.hospital.agb }, { token }));
    // then
    expect(read.kpiMeasurements.nodes).toEqual([
      { kpi: { code: 'PHYSICAL_CONTACTS_REDUCTION' }, period: { label: '2023' } },
      { kpi: { code: 'HYBRID_PATHWAYS' }, period: { label: '2024-01' } },
    ]);
  });

  it('audits the read of figures and runs as many statements for 2 as for 12 measurements with populations and history', async () => {
    const w = await world();
    for (let m = 1; m <= 12; m += 1) {
      await app.kpi.measurement(w.hospital, 'TELEMONITORING', month(m), 3, 30, {
        populations: [
          { population: 'HEART_FAILURE', telemonitored: 1, inPopulation: 10 },
          { population: 'COPD', telemonitored: 1, inPopulation: 10 },
          { population: 'IBD', telemonitored: 1, inPopulation: 10 },
        ],
      });
    }
    const token = await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer });
    const query = `query($agb: String!, $n: Int) { kpiMeasurements(first: $n, filter: { providerAgb: $agb }) { nodes { id value kpi { code } provider { name }
      populations { population value } history { version } } } }`;
    const small = await app.gql(query, { agb: w.hospital.agb, n: 2 }, { token });
    const large = await app.gql(query, { agb: w.hospital.agb, n: 12 }, { token });
    expect(dataOf(large).kpiMeasurements.nodes).toHaveLength(12);
    expect(dataOf(large).kpiMeasurements.nodes[11].populations).toHaveLength(3);
    expect(large.body.extensions!.sqlStatements).toBe(small.body.extensions!.sqlStatements);
    await app.flushAudit();
    const audited = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as n from audit_event where kind = 'READ' and operation = 'kpiMeasurements' and ? = any(owner_provider_ids)`, [w.hospital.id]);
    expect(audited[0].n).toBe(2);
  });
});
