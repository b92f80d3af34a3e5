import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useTestApp, dataOf, testConfig } from '../support/app';
import { runCli } from '../../src/cli/main';
import { validateMeasureReport } from '../../src/kpi/fhir/measure-report.validator';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Provider } from '../../src/provider/provider.entity';

const app = useTestApp();

const REPORT = `query($agb: String!, $code: String!, $period: KpiPeriodInput!) { kpiMeasureReport(providerAgb: $agb, kpiCode: $code, period: $period) }`;
const REPORTS = `query($agb: String!, $year: Int!) { kpiMeasureReports(providerAgb: $agb, year: $year) { reportCount skipped bundle } }`;

interface World {
  insurer: Insurer;
  hospital: Provider;
}

/** A hospital with figures of all three KPIs in 2024, and a reduction target with baseline year 2023. */
async function world(): Promise<World> {
  const insurer = await app.kpi.base.insurer();
  const hospital = await app.kpi.hospital();
  await app.kpi.contract(insurer, hospital, 2024);
  await app.kpi.target(insurer, hospital, 'PHYSICAL_CONTACTS_REDUCTION', 2024, { baseline: { kind: 'YEAR', year: 2023 } });
  await app.kpi.measurement(hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'YEAR', year: 2023 }, 120000, null);
  await app.kpi.measurement(hospital, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'MONTH', year: 2024, number: 3 }, 7000, null);
  await app.kpi.measurement(hospital, 'HYBRID_PATHWAYS', { kind: 'QUARTER', year: 2024, number: 2 }, 12, 48);
  await app.kpi.measurement(hospital, 'TELEMONITORING', { kind: 'MONTH', year: 2024, number: 3 }, 45, 400, {
    populations: [
      { population: 'HEART_FAILURE', telemonitored: 30, inPopulation: 100 },
      { population: 'COPD', telemonitored: 15, inPopulation: 200 },
      { population: 'OTHER', otherName: 'Pre-eclampsia', telemonitored: 0, inPopulation: 100 },
    ],
  });
  return { insurer, hospital };
}

describe('FHIR R4 MeasureReport export', () => {
  it('returns one valid summary MeasureReport per provider, KPI and period', async () => {
    const w = await world();
    const report = dataOf(await app.gql(REPORT, { agb: w.hospital.agb, code: 'HYBRID_PATHWAYS', period: { kind: 'QUARTER', year: 2024, number: 2 } })).kpiMeasureReport;
    expect(validateMeasureReport(report).ok).toBe(true);
    expect(report).toMatchObject({
      resourceType: 'MeasureReport',
      status: 'complete',
      type: 'summary',
      measure: 'https://zorginkoop-exchange.example/fhir/Measure/hybrid-pathways',
      period: { start: '2024-04-01', end: '2024-06-30' },
      reporter: { type: 'Organization', identifier: { system: 'http://fhir.nl/fhir/NamingSystem/agb-z', value: w.hospital.agb }, display: w.hospital.name },
      improvementNotation: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation', code: 'increase' }] },
      group: [
        {
          code: { coding: [{ code: 'HYBRID_PATHWAYS' }] },
          population: [
            { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'numerator' }] }, count: 12 },
            { code: { coding: [{ code: 'denominator' }] }, count: 48 },
          ],
          measureScore: { value: 25, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
        },
      ],
    });
    expect(report.id).toBe(`${w.hospital.agb}-hybrid-pathways-2024-q2`);
  });

  it('breaks telemonitoring down per population and carries the pro-rated baseline of a reduction', async () => {
    const w = await world();
    const tele = dataOf(await app.gql(REPORT, { agb: w.hospital.agb, code: 'TELEMONITORING', period: { kind: 'MONTH', year: 2024, number: 3 } })).kpiMeasureReport;
    const reduction = dataOf(await app.gql(REPORT, { agb: w.hospital.agb, code: 'PHYSICAL_CONTACTS_REDUCTION', period: { kind: 'MONTH', year: 2024, number: 3 } })).kpiMeasureReport;
    expect(validateMeasureReport(tele).ok).toBe(true);
    expect(tele.group[0].measureScore.value).toBe(11.25);
    expect(tele.group[0].stratifier[0].stratum.map((s: any) => [s.value.coding[0].code, s.value.text, s.measureScore?.value])).toEqual([
      ['HEART_FAILURE', undefined, 30],
      ['COPD', undefined, 7.5],
      ['OTHER', 'Pre-eclampsia', 0],
    ]);
    expect(validateMeasureReport(reduction).ok).toBe(true);
  });

  it('seed 004_1f8df596a6e33aa0.txt, fewer physical contacts: the populations explain the score, the measurement and the baseline stratified, improvementNotation decrease', async () => {
    const w = await world();
    const reduction = dataOf(await app.gql(REPORT, { agb: w.hospital.agb, code: 'PHYSICAL_CONTACTS_REDUCTION', period: { kind: 'MONTH', year: 2024, number: 3 } })).kpiMeasureReport;
    expect(validateMeasureReport(reduction).ok).toBe(true);
    expect(reduction.improvementNotation.coding[0].code).toBe('decrease');
    // 120 000 in 2023 is 10 000 a month; 7 000 in March 2024 is 70% of that: the reduction of the API is 30%.
    const [numerator, denominator] = reduction.group[0].population;
    expect([numerator.code.coding[0].code, numerator.count]).toEqual(['numerator', 7000 * 12]);
    expect(denominator).toMatchObject({
      code: { coding: [{ code: 'denominator' }] },
      count: 120000 * 1,
      extension: [{ url: 'https://zorginkoop-exchange.example/fhir/StructureDefinition/baseline-period', valuePeriod: { start: '2023-01-01', end: '2023-12-31' } }],
    });
    expect(reduction.group[0].measureScore.value).toBe(70);
    expect(Math.round((numerator.count / denominator.count) * 10000) / 100).toBe(reduction.group[0].measureScore.value);
    const progress = dataOf(
      await app.gql(`query($agb: String!) { kpiTargets(filter: { providerAgb: $agb, kpiCode: "PHYSICAL_CONTACTS_REDUCTION" }) { nodes { progress(asOf: "2024-03-31") { latest { value } } } } }`, { agb: w.hospital.agb }),
    ).kpiTargets.nodes[0];
    expect(Number(progress.progress.latest.value)).toBe(100 - reduction.group[0].measureScore.value);
    expect(reduction.group[0].stratifier[0].stratum.map((s: any) => [s.value.coding[0].code, s.population[0].code.coding[0].code, s.population[0].count])).toEqual([
      ['measurement', 'measure-population', 7000],
      ['baseline', 'measure-population', 120000],
    ]);
  });

  it('bundles a year, reports what it skips, and shows nothing to an insurer without a contract', async () => {
    const w = await world();
    const bare = await app.kpi.hospital();
    await app.kpi.target(w.insurer, bare, 'PHYSICAL_CONTACTS_REDUCTION', 2024, { baseline: { kind: 'YEAR', year: 2023 } });
    await app.kpi.measurement(bare, 'PHYSICAL_CONTACTS_REDUCTION', { kind: 'MONTH', year: 2024, number: 1 }, 5000, null);
    const stranger = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: await app.kpi.base.insurer() });
    const contracting = await app.tokenFor({ role: 'DASHBOARD', insurer: w.insurer });
    const all = dataOf(await app.gql(REPORTS, { agb: w.hospital.agb, year: 2024 }, { token: contracting })).kpiMeasureReports;
    const skipped = dataOf(await app.gql(REPORTS, { agb: bare.agb, year: 2024 })).kpiMeasureReports;
    const hidden = dataOf(await app.gql(REPORTS, { agb: w.hospital.agb, year: 2024 }, { token: stranger })).kpiMeasureReports;
    const single = dataOf(await app.gql(REPORT, { agb: w.hospital.agb, code: 'HYBRID_PATHWAYS', period: { kind: 'QUARTER', year: 2024, number: 2 } }, { token: stranger })).kpiMeasureReport;
    expect(all.reportCount).toBe(3);
    expect(all.bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    for (const entry of all.bundle.entry) expect(validateMeasureReport(entry.resource).ok).toBe(true);
    expect(skipped).toMatchObject({ reportCount: 0, skipped: [expect.stringMatching(/PHYSICAL_CONTACTS_REDUCTION 2024-01: no baseline/)] });
    expect(hidden.reportCount).toBe(0);
    expect(single).toBeNull();
  });
});

describe('CLI: kpi export', () => {
  it('writes the bundle of a provider and year to a file, and to stdout without --out', async () => {
    // given
    const w = await world();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-export-'));
    const file = path.join(dir, 'reports', 'out.json');
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(`err: ${line}`) };
    // when
    const code = await runCli(['kpi', 'export', '--provider', w.hospital.agb, '--year', '2024', '--out', file], io, testConfig());
    const toStdout: string[] = [];
    await runCli(['kpi', 'export', '--provider', w.hospital.agb, '--year', '2024', '--kpi', 'TELEMONITORING'], { out: (l) => toStdout.push(l), err: () => undefined }, testConfig());
    // then
    expect(code).toBe(0);
    expect(lines).toEqual([`wrote 3 MeasureReports of ${w.hospital.agb} for 2024 to ${file}`]);
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bundle.entry.map((e: any) => e.resource.group[0].code.coding[0].code).sort()).toEqual(['HYBRID_PATHWAYS', 'PHYSICAL_CONTACTS_REDUCTION', 'TELEMONITORING']);
    for (const entry of bundle.entry) expect(validateMeasureReport(entry.resource).ok).toBe(true);
    expect(JSON.parse(toStdout.join('\n')).entry).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a malformed AGB code or year', async () => {
    await expect(runCli(['kpi', 'export', '--provider', '123', '--year', '2024'], { out: () => undefined, err: () => undefined }, testConfig())).rejects.toThrow(/8-digit AGB/);
    await expect(runCli(['kpi', 'export', '--provider', '12345678'], { out: () => undefined, err: () => undefined }, testConfig())).rejects.toThrow(/--year/);
  });
});
