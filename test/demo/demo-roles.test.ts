import { useTestApp, dataOf } from '../support/app';
import { upload } from '../support/monitoring';
import { printDemoCredentials } from '../../src/auth/demo-credentials';

/**
 * A database seeded as `npm start` seeds it (the seed steps of src/db/seed.ts, which startTestApp applies), with the
 * demo tokens `npm start` prints: each demo role sees its data and can do its part. Seeds 002 (coordination
 * functions: contracts with the preferred insurer, monitoring) and 004 (MSZ: one-year contracts, KPI targets).
 */
const app = useTestApp();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const lines: string[] = [];
  await printDemoCredentials(app.orm, (line) => lines.push(line));
  for (const line of lines) {
    const match = /^\s+(.+?)\s+(zix_\S+)$/.exec(line);
    if (match) tokens[match[1]!] = match[2]!;
  }
});

const token = (titleStart: string): string => {
  const key = Object.keys(tokens).find((title) => title.startsWith(titleStart));
  if (!key) throw new Error(`no demo token "${titleStart}" among ${Object.keys(tokens).join(' | ')}`);
  return tokens[key]!;
};

describe('demo tokens of `npm start`, each on the data of its role', () => {
  it('prints a token for every demo role', () => {
    expect(Object.keys(tokens).find((t) => t.startsWith('a hospital'))).toContain('AGB 06010901');
    expect(Object.keys(tokens).find((t) => t.startsWith('a coordination function'))).toContain('AGB 03010901');
    expect(Object.keys(tokens).map((t) => t.replace(/ \(.*$/, ''))).toEqual([
      'operator admin',
      'Zilveren Kruis, insurer admin',
      'Zorg en Zekerheid, insurer member',
      'Zilveren Kruis, KPI dashboard',
      'a hospital, provider submitter',
      'a coordination function, provider submitter',
    ]);
  });

  it('the insurer sees monitoring submissions, completeness rows (not all LATE), contracts and KPI rows', async () => {
    const zk = token('Zilveren Kruis, insurer admin');
    const data = dataOf(
      await app.gql(
        `{ monitoringSubmissions(filter: { year: 2024 }, first: 100) { totalCount nodes { status coordinationFunction { agb } } }
           monitoringCompleteness(year: 2024) { onTime late notSubmitted regions { coordinationFunctions { state } } }
           contracts(first: 100) { totalCount nodes { status termStart termEnd obligations segment { code } provider { kind } } }
           kpiDashboard(input: { year: 2024, kpiCode: "TELEMONITORING", insurerUzovi: "3311", asOf: "2024-09-30" }) { rows(first: 50) { totalCount } } }`,
        {},
        { token: zk },
      ),
    );
    expect(data.monitoringSubmissions.totalCount).toBe(7);
    expect(data.monitoringSubmissions.nodes.every((n: any) => n.status === 'SUBMITTED')).toBe(true);
    const states = data.monitoringCompleteness.regions.flatMap((r: any) => r.coordinationFunctions.map((c: any) => c.state));
    expect(states.length).toBeGreaterThan(0);
    expect(data.monitoringCompleteness.onTime).toBeGreaterThan(0);
    expect(states).toContain('ON_TIME');
    expect(data.contracts.totalCount).toBeGreaterThan(0);
    const coordination = data.contracts.nodes.filter((c: any) => c.segment.code === 'COORDINATION');
    expect(coordination.length).toBeGreaterThan(0);
    // signed, one year (the coordination policy 2024), and marked DEMO
    for (const c of coordination) expect(c).toMatchObject({ status: 'SIGNED', termStart: '2024-01-01', termEnd: '2024-12-31', obligations: expect.stringContaining('DEMO') });
    expect(data.kpiDashboard.rows.totalCount).toBeGreaterThan(0);
  });

  it('the insurer reviews: Zilveren Kruis accepts the submission of the function in its core region, then reopens it', async () => {
    const zk = token('Zilveren Kruis, insurer admin');
    const list = dataOf(await app.gql(`{ monitoringSubmissions(filter: { year: 2024, coordinationFunctionAgb: "03010901" }) { nodes { id } } }`, {}, { token: zk }));
    const id = list.monitoringSubmissions.nodes[0].id;
    const accepted = dataOf(await app.gql(`mutation($id: ID!) { monitoringSubmissionAccept(input: { id: $id }) { monitoringSubmission { status } userErrors { code } } }`, { id }, { token: zk }));
    expect(accepted.monitoringSubmissionAccept).toEqual({ monitoringSubmission: { status: 'ACCEPTED' }, userErrors: [] });
    const reopened = dataOf(
      await app.gql(`mutation($id: ID!) { monitoringSubmissionReopen(input: { id: $id, reason: "demo test" }) { monitoringSubmission { status } userErrors { code } } }`, { id }, { token: zk }),
    );
    expect(reopened.monitoringSubmissionReopen.monitoringSubmission).toEqual({ status: 'SUBMITTED' });
  });

  it('Zorg en Zekerheid, following elsewhere and preferred in Hollands Midden, sees the submissions too', async () => {
    const zz = token('Zorg en Zekerheid, insurer member');
    const data = dataOf(await app.gql(`{ monitoringSubmissions(filter: { year: 2024 }) { totalCount } }`, {}, { token: zz }));
    expect(data.monitoringSubmissions.totalCount).toBeGreaterThan(0);
  });

  it('the hospital follows its KPI progress, under signed one-year MSZ contracts for 2024 and 2025 (seed 004)', async () => {
    const hospital = token('a hospital, provider submitter');
    const data = dataOf(
      await app.gql(
        `{ kpiTargets(filter: { year: 2024 }) { totalCount nodes { kpi { code } progress(asOf: "2024-12-31") { status latest { value } } } }
           contracts { nodes { status termStart termEnd obligations segment { code } } } }`,
        {},
        { token: hospital },
      ),
    );
    expect(data.kpiTargets.totalCount).toBe(3);
    for (const t of data.kpiTargets.nodes) expect(t.progress.status).not.toBe('NO_DATA');
    const msz = data.contracts.nodes.filter((c: any) => c.segment.code === 'MSZ');
    expect(msz.map((c: any) => [c.status, c.termStart, c.termEnd]).sort()).toEqual([
      ['SIGNED', '2024-01-01', '2024-12-31'],
      ['SIGNED', '2025-01-01', '2025-12-31'],
    ]);
    for (const c of msz) expect(c.obligations).toContain('DEMO');
  });

  it('the coordination function uploads (a dry run of its 2025 figures), and reads its checklist with condition 4 derived', async () => {
    const cf = token('a coordination function, provider submitter');
    const file = Buffer.from(
      ['agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar', ...['ELV_LAAG', 'ELV_HOOG', 'ELV_PALLIATIEF', 'GRZ'].map((t) => `03010901;2025;JAAR;${t};90;70;2`)].join('\r\n'),
      'utf8',
    );
    const summary = await upload(app, file, { token: cf, input: { dryRun: true } });
    expect(summary).toMatchObject({ outcome: 'APPLIED', dryRun: true, rowsRead: 4, rejected: 0 });
    const checklist = dataOf(await app.gql(`{ coordinationChecklist(coordinationFunctionAgb: "03010901", year: 2024) { conditions { condition derivedMet } elvBedCoverage { percent hospitalsSigned gpsSigned } } }`, {}, { token: cf }));
    expect(checklist.coordinationChecklist.elvBedCoverage).toEqual({ percent: '100.00', hospitalsSigned: true, gpsSigned: true });
    expect(checklist.coordinationChecklist.conditions[3]).toEqual({ condition: 'REGIONAL_AGREEMENTS', derivedMet: true });
  });

  it('the KPI dashboard token reads the dashboard rows', async () => {
    const dashboard = token('Zilveren Kruis, KPI dashboard');
    const data = dataOf(await app.gql(`{ kpiDashboard(input: { year: 2024, kpiCode: "HYBRID_PATHWAYS", insurerUzovi: "3311" }) { rows { totalCount } aggregate { suppressed providerCount } } }`, {}, { token: dashboard }));
    expect(data.kpiDashboard.rows.totalCount).toBeGreaterThan(0);
  });
});
