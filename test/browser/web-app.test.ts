import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { dataOf, useTestApp } from '../support/app';
import { MonitoringFactory, csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';
import { Provider } from '../../src/provider/provider.entity';
import { ensureWebBuilt, launchBrowser, TestBrowser, signInWithToken, screenshot, startOriginServer } from './browser';

/**
 * The web app in Chromium against the real API and database: what each page shows is what the API gives the
 * signed-in credential. The demo data (seeded into the test database) is Zilveren Kruis' 2024 hybrid-care dashboard.
 */
jest.setTimeout(180_000);

// The callbacks of page.evaluate and $eval run in Chromium: these are the browser's names there (the test
// program itself is type-checked without the DOM library).
declare const document: any, sessionStorage: any, localStorage: any, DataTransfer: any, DragEvent: any;
type HTMLInputElement = any;
type HTMLButtonElement = any;

let browser: TestBrowser;
let origin: string;
let allowed: { origin: string; close: () => Promise<void> };
let foreign: { origin: string; close: () => Promise<void> };
let zkToken: string;

const DEMO_INPUT = { kpiCode: 'HYBRID_PATHWAYS', year: 2024, asOf: '2024-09-30', periodKind: 'MONTH', filter: {}, insurerUzovi: '3311' };

const app = useTestApp({
  before: async () => {
    allowed = await startOriginServer();
    foreign = await startOriginServer();
    await ensureWebBuilt();
  },
  env: () => ({ CORS_ORIGINS: allowed.origin }),
  // A database of its own: the assertions on the demo's dashboard hold for the demo data as a fresh start seeds it
  // (other files add hospitals with figures to the run's database, and in some orders fewer than 10 of them in a month).
  scratchDatabase: 'web_app',
  beforeClose: () => browser?.close(),
  after: async () => {
    await allowed?.close();
    await foreign?.close();
  },
});

beforeAll(async () => {
  origin = new URL(app.url).origin;
  browser = await launchBrowser();
  const zk = await app.orm.em.fork().getConnection().execute(`select id from insurer where uzovi = '3311'`);
  zkToken = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: { id: zk[0].id } });
});

async function chooseDashboard(page: Page, input: { kpi: string; year: number; asOf: string }): Promise<void> {
  await page.waitForSelector('select[name=kpi]');
  await page.select('select[name=kpi]', input.kpi);
  await page.$eval('input[name=year]', (el, v) => ((el as HTMLInputElement).value = String(v)), input.year);
  await page.$eval('input[name=asOf]', (el, v) => ((el as HTMLInputElement).value = String(v)), input.asOf);
  await page.click('form.filters button[type=submit]');
  await page.waitForFunction(() => document.querySelector('.dashboard-output h2') !== null);
}

const attr = (el: ElementHandle, name: string) => el.evaluate((e: any, n) => e.getAttribute(n), name);
/** The points of one line of the series chart: [period, value]. */
const points = (page: Page, series: string) =>
  page.$$eval(`.line-chart circle[data-series=${series}]`, (els) => els.map((e) => [e.getAttribute('data-period'), Number(e.getAttribute('data-value'))]));

describe('sign in', () => {
  it('keeps the token in sessionStorage only, never in the URL or localStorage', async () => {
    const page = await browser.page();
    await page.goto(`${origin}/`);
    expect(page.url()).toBe(`${origin}/app`);
    await page.waitForSelector('#token');
    await screenshot(page, 'sign-in');
    await signInWithToken(page, origin, zkToken);
    expect(await page.$eval('[data-testid=viewer]', (e) => e.textContent)).toContain('INSURER 3311');
    expect(await page.evaluate(() => sessionStorage.getItem('zix.token'))).toBe(zkToken);
    expect(JSON.stringify(await page.evaluate(() => ({ ...localStorage })))).not.toContain(zkToken);
    expect(page.url()).not.toContain(zkToken);
    await page.close();
  });

  it('refuses a wrong token with a message, and shows the form again', async () => {
    const page = await browser.page();
    await page.goto(`${origin}/app`);
    await page.waitForSelector('#token');
    await page.type('#token', 'zix_notatoken_0000000000000000000000');
    await page.click('form.signin button[type=submit]');
    await page.waitForSelector('.signin .error');
    expect(await page.$eval('.signin .error', (e) => e.textContent)).toContain('niet geaccepteerd');
    expect(await page.evaluate(() => sessionStorage.getItem('zix.token'))).toBeNull();
    await page.close();
  });
});

describe('KPI dashboard', () => {
  it('draws the demo series, target, distribution, status counts and national benchmark the API gives the insurer', async () => {
    // given: what the API answers this insurer
    const api = dataOf(await app.gql(`query($input: KpiDashboardInput!) { kpiDashboard(input: $input) {
      kpi { targetValue } aggregate { suppressed median q1 q3 statusCounts { met onTrack atRisk notMet noData } }
      series { period { label } median pooledRate q1 q3 suppressed }
      benchmark { asOf suppressed providerCount statusCounts { met onTrack atRisk notMet noData } series { period { label } median pooledRate q1 q3 suppressed } }
      rows(first: 100) { totalCount } } }`, { input: DEMO_INPUT }, { token: zkToken })).kpiDashboard;
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09'];
    expect(api.aggregate.suppressed).toBe(false);
    expect(api.series.map((p: any) => p.period.label)).toEqual(months);
    // the demo's 16 hospitals are all Zilveren Kruis' own, so none is protected from it and the benchmark is shown
    expect(api.benchmark).toMatchObject({ asOf: '2024-09-30', suppressed: false });
    expect(api.benchmark.providerCount).toBeGreaterThanOrEqual(16);
    expect(api.benchmark.series.map((p: any) => [p.period.label, p.suppressed])).toEqual(months.map((m) => [m, false]));
    // when
    const page = await browser.page();
    await signInWithToken(page, origin, zkToken);
    await chooseDashboard(page, { kpi: 'HYBRID_PATHWAYS', year: 2024, asOf: '2024-09-30' });
    // then: one point per period and line, at the API's value: the insurer's own figures and the benchmark's
    expect(await points(page, 'median')).toEqual(api.series.map((p: any) => [p.period.label, Number(p.median)]));
    expect(await points(page, 'pooled')).toEqual(api.series.map((p: any) => [p.period.label, Number(p.pooledRate)]));
    expect(await points(page, 'benchmark-median')).toEqual(api.benchmark.series.map((p: any) => [p.period.label, Number(p.median)]));
    expect(await points(page, 'benchmark-pooled')).toEqual(api.benchmark.series.map((p: any) => [p.period.label, Number(p.pooledRate)]));
    // the benchmark's Harrell-Davis quartiles differ from the rows' type 7 ones: two bands, each from its own figures
    expect(api.benchmark.series.map((p: any) => p.q1)).not.toEqual(api.series.map((p: any) => p.q1));
    const band = (series: string) => page.$eval(`.line-chart polygon[data-series=${series}]`, (e) => e.getAttribute('points')!.split(' ').length);
    expect(await band('spread')).toBe(2 * months.length);
    expect(await band('benchmark-spread')).toBe(2 * months.length);
    expect(await page.$eval('.line-chart line.target', (e) => Number(e.getAttribute('data-value')))).toBe(25);
    expect(Number(api.kpi.targetValue)).toBe(25);
    // the distribution: median and quartiles of the aggregate, one dot per provider row
    const box = (await page.$('.distribution-chart rect.box'))!;
    expect([Number(await attr(box, 'data-q1')), Number(await attr(box, 'data-q3'))]).toEqual([Number(api.aggregate.q1), Number(api.aggregate.q3)]);
    expect(await page.$eval('.distribution-chart line.median', (e) => Number(e.getAttribute('data-value')))).toBe(Number(api.aggregate.median));
    expect(await page.$$eval('.distribution-chart circle.dot', (els) => els.length)).toBe(api.rows.totalCount);
    // the count per status: the insurer's own providers, and the benchmark's beside it
    const bars = async (block: string) =>
      Object.fromEntries(await page.$$eval(`[data-block=${block}] .bar-chart g.bar`, (els) => els.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-value'))])));
    const counts = (c: any) => ({ MET: c.met, ON_TRACK: c.onTrack, AT_RISK: c.atRisk, NOT_MET: c.notMet, NO_DATA: c.noData });
    expect(await bars('aggregate')).toEqual(counts(api.aggregate.statusCounts));
    expect(await bars('benchmark')).toEqual(counts(api.benchmark.statusCounts));
    expect(api.aggregate.statusCounts.onTrack + api.aggregate.statusCounts.atRisk).toBeGreaterThan(0);
    // the benchmark's own figures: its as-of date, its provider count, the median of its last period
    const benchmark = (key: string) => page.$eval(`[data-testid=benchmark] dd[data-key=${key}]`, (e) => e.textContent);
    expect(await benchmark('asOf')).toBe('2024-09-30');
    expect(await benchmark('providerCount')).toBe(String(api.benchmark.providerCount));
    expect(await benchmark('median')).toBe(`${Number(api.benchmark.series[8].median).toLocaleString('nl-NL')}%`);
    expect(await page.$$eval('[data-testid=providers] tbody tr', (els) => els.length)).toBe(api.rows.totalCount);
    expect(await page.$('[data-testid=suppressed]')).toBeNull();
    expect(await page.$('.line-chart .suppressed-mark')).toBeNull();
    await screenshot(page, 'kpi-dashboard');

    // drill-down: one provider's progress and measurement history
    const first = (await page.$('[data-testid=providers] tbody button[data-agb]'))!;
    const agb = await attr(first, 'data-agb');
    await first.click();
    await page.waitForFunction(() => document.querySelector('.detail table') !== null);
    const detail = await page.$eval('.detail', (e) => e.textContent ?? '');
    expect(detail).toContain(`AGB ${agb}`);
    expect(detail).toContain('Meetgeschiedenis');
    expect(await page.$$eval('.detail .line-chart circle[data-series=provider]', (els) => els.length)).toBe(9);
    await page.close();
  });

  it('says the national benchmark is suppressed, and why in the API’s words, over fewer than 10 providers the viewer may not read', async () => {
    // given: in a year of its own (the benchmark covers every provider of a year), insurer A has targets at two
    // hospitals with January and February figures, and insurer B at three more, which A may not read
    const year = 2029;
    const region = await app.kpi.base.region();
    const a = await app.kpi.base.insurer();
    const b = await app.kpi.base.insurer();
    const market: [typeof a, [number, number][]][] = [[a, [[10, 100], [20, 100]]], [a, [[30, 100], [35, 100]]], [b, [[5, 100], [8, 100]]], [b, [[12, 100], [15, 100]]], [b, [[40, 100], [45, 100]]]];
    for (const [insurer, figures] of market) {
      const hospital = await app.kpi.hospital(region);
      await app.kpi.contract(insurer, hospital, year);
      await app.kpi.target(insurer, hospital, 'HYBRID_PATHWAYS', year);
      await app.kpi.hybridMonths(hospital, year, figures);
    }
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: a });
    const input = { kpiCode: 'HYBRID_PATHWAYS', year, asOf: `${year}-09-30`, periodKind: 'MONTH', filter: {}, insurerUzovi: a.uzovi };
    const api = dataOf(await app.gql(`query($input: KpiDashboardInput!) { kpiDashboard(input: $input) {
      aggregate { suppressed providerCount median } series { period { label } suppressed suppressionReason median q1 q3 }
      benchmark { suppressed suppressionReason providerCount series { period { label } suppressed suppressionReason } } } }`, { input }, { token })).kpiDashboard;
    // the API withholds the benchmark (3 protected hospitals), its January and February for the same reason, and
    // the months without figures as covering no provider; A's own figures over its two rows are exact
    expect(api.benchmark).toMatchObject({ suppressed: true, suppressionReason: 'TOO_FEW_PROVIDERS', providerCount: null });
    const reasons = api.benchmark.series.map((p: any) => p.suppressionReason);
    expect(reasons).toEqual(['TOO_FEW_PROVIDERS', 'TOO_FEW_PROVIDERS', ...Array(7).fill('NO_PROVIDERS')]);
    expect(api.aggregate).toMatchObject({ suppressed: false, providerCount: 2 });
    // when
    const page = await browser.page();
    await signInWithToken(page, origin, token);
    await chooseDashboard(page, { kpi: 'HYBRID_PATHWAYS', year, asOf: `${year}-09-30` });
    // then: the benchmark says it is withheld, with the API's reason, and shows no figure
    const notices = await page.$$eval('[data-testid=suppressed]', (els) => els.map((e) => [e.getAttribute('data-block'), e.getAttribute('data-reason'), e.textContent]));
    expect(notices).toHaveLength(1);
    expect(notices[0][0]).toBe('benchmark');
    expect(notices[0][1]).toBe('TOO_FEW_PROVIDERS');
    expect(notices[0][2]).toContain('Landelijke benchmark onderdrukt: minder dan 10 aanbieders die u niet mag inzien');
    expect(await page.$eval('[data-testid=benchmark] dd[data-key=providerCount]', (e) => e.textContent)).toBe('onderdrukt');
    expect(await page.$('[data-block=benchmark] .bar-chart')).toBeNull();
    expect(await page.$$eval('.line-chart circle[data-series^=benchmark]', (els) => els.length)).toBe(0);
    // every withheld period is marked with the API's reason, for the benchmark and for A's months without figures
    const marks = (series: string) => page.$$eval(`.line-chart .suppressed-mark[data-series=${series}]`, (els) => els.map((e) => e.getAttribute('data-reason')));
    expect(await marks('benchmark')).toEqual(reasons);
    expect(await marks('own')).toEqual(api.series.map((p: any) => p.suppressionReason).filter(Boolean));
    expect(await page.$$eval('[data-testid=suppressed-periods][data-block=benchmark]', (els) => els.map((e) => [e.getAttribute('data-reason'), e.textContent])))
      .toEqual([['TOO_FEW_PROVIDERS', expect.stringContaining('2 periode(n) onderdrukt')], ['NO_PROVIDERS', expect.stringContaining('7 periode(n) onderdrukt (×): geen aanbieder met een waarde')]]);
    // A's own figures over the rows it may read are shown, exactly as the API gives them
    expect(await page.$eval('[data-testid=aggregate] dd[data-key=providerCount]', (e) => e.textContent)).toBe('2');
    expect(await points(page, 'median')).toEqual(api.series.filter((p: any) => !p.suppressed).map((p: any) => [p.period.label, Number(p.median)]));
    expect(await page.$$eval('[data-testid=providers] tbody tr', (els) => els.length)).toBe(2);
    await screenshot(page, 'kpi-dashboard-benchmark-suppressed');
    // the CSV holds what is shown: both blocks with their reasons, and the series of both per period
    await page.evaluate(() => {
      const create = URL.createObjectURL;
      (globalThis as any).downloaded = null;
      URL.createObjectURL = (blob: any) => ((globalThis as any).downloaded = blob.text(), create(blob));
    });
    await page.click('[data-testid=csv]');
    const lines = ((await page.evaluate(() => (globalThis as any).downloaded)) as string).split('\r\n').map((l) => l.replace(/^\ufeff/, ''));
    expect(lines).toContain(`"Landelijke benchmark";"${year}-09-30";"";"minder dan 10 aanbieders die u niet mag inzien";"";"";"";"";""`);
    expect(lines.find((l) => l.startsWith('"Uw aanbieders";'))).toMatch(new RegExp(`^"Uw aanbieders";"${year}-09-30";"2";"";`));
    expect(lines).toContain(`"${year}-01";"";"2";"20.00";"${api.series[0].q1 ?? ''}";"${api.series[0].q3 ?? ''}";"20.00";"minder dan 10 aanbieders die u niet mag inzien";"";"";"";"";""`);
    expect(lines).toContain(`"${year}-03";"geen aanbieder met een waarde";"";"";"";"";"";"geen aanbieder met een waarde";"";"";"";"";""`);
    // and in English
    await page.click('header .tools button[lang=en]');
    await page.waitForFunction(() => document.querySelector('[data-testid=suppressed]')?.textContent?.includes('National benchmark suppressed: fewer than 10 providers you may not read'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.evaluate(() => localStorage.removeItem('zix.lang'));
    await page.close();
  });

  it('shows a hospital only itself', async () => {
    // given
    const hospital = await app.orm.em.fork().findOneOrFail(Provider, { agb: '06010101' });
    const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: hospital });
    // when
    const page = await browser.page();
    await signInWithToken(page, origin, token);
    await chooseDashboard(page, { kpi: 'HYBRID_PATHWAYS', year: 2024, asOf: '2024-09-30' });
    // then
    const agbs = await page.$$eval('[data-testid=providers] tbody button[data-agb]', (els) => els.map((e) => e.getAttribute('data-agb')));
    expect(agbs).toEqual(['06010101']);
    const body = await page.evaluate(() => document.body.innerText);
    expect(body).not.toContain('Betuwe Ziekenhuis');
    expect(body).not.toContain('Amstel Stadsziekenhuis');
    expect(await page.$('[data-testid=aggregate]')).toBeNull();
    expect(await page.$$eval('.line-chart circle[data-series=own]', (els) => els.length)).toBe(9);
    await screenshot(page, 'kpi-dashboard-hospital');
    // and its monitoring page offers no upload, as the API (viewer.mayUploadMonitoring) says: it is no coordination function
    expect(dataOf(await app.gql(`{ viewer { mayUploadMonitoring } }`, {}, { token })).viewer.mayUploadMonitoring).toBe(false);
    await page.goto(`${origin}/app/monitoring`);
    await page.waitForSelector('[data-testid=submissions]');
    expect(await page.$('[data-testid=dropzone]')).toBeNull();
    await page.close();
  });
});

describe('ceilings', () => {
  it('shows the insurer its contracts with utilisation bars and the 75% and overrun alerts', async () => {
    const api = dataOf(await app.gql(`{ contracts(first: 100, filter: { year: 2024 }) { totalCount nodes { ceilingUse(year: 2024) { status utilisationPercent } } } }`, {}, { token: zkToken })).contracts;
    const page = await browser.page();
    await signInWithToken(page, origin, zkToken);
    await page.goto(`${origin}/app/ceilings`);
    await page.waitForSelector('[data-testid=contracts]');
    expect(await page.$$eval('[data-testid=contracts] tbody tr', (els) => els.length)).toBe(api.totalCount);
    const flagged = api.nodes.filter((n: any) => n.ceilingUse?.status && n.ceilingUse.status !== 'OK').length;
    expect(flagged).toBeGreaterThan(0);
    expect(await page.$$eval('[data-testid=alerts] li', (els) => els.length)).toBe(flagged);
    const percents = await page.$$eval('svg.util', (els) => els.map((e) => Number(e.getAttribute('data-percent'))));
    expect(percents.sort()).toEqual(api.nodes.filter((n: any) => n.ceilingUse?.utilisationPercent !== null && n.ceilingUse).map((n: any) => Number(n.ceilingUse.utilisationPercent)).sort());
    await screenshot(page, 'ceilings');
    await page.close();
  });
});

describe('monitoring', () => {
  it('shows a bad file’s problems and writes nothing; a good file applies and appears as a submission', async () => {
    // given: a coordination function of its own
    const region = await app.monitoring.base.region();
    const cf = await app.monitoring.coordinationFunction({ region });
    const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
    const submissions = async () => dataOf(await app.gql(`{ monitoringSubmissions(filter: { coordinationFunctionAgb: "${cf.agb}" }) { totalCount nodes { status version } } }`)).monitoringSubmissions;
    const page = await browser.page();
    await signInWithToken(page, origin, token);
    await page.goto(`${origin}/app/monitoring`);
    await page.waitForSelector('[data-testid=dropzone]');

    // when: a bad file is dragged in
    const bad = csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `1234567;2024;JAAR;OVERIG;10;3;0`, `${cf.agb};2024;JAAR;ELV laagcomplex;-4;3;0`]).toString('utf8');
    await page.$eval('[data-testid=dropzone]', (zone, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text as string], 'zn-<b>bad</b>.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bad);
    await page.waitForSelector('[data-testid=problems]');
    // then: its problems, a disabled apply, and nothing stored
    const problems = await page.$$eval('[data-testid=problems] tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td: any) => td.textContent)));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.map((p) => p[0])).toEqual(expect.arrayContaining(['3', '4']));
    expect(await page.$eval('[data-testid=summary] dd[data-key=errorCount]', (e) => Number(e.textContent))).toBeGreaterThanOrEqual(2);
    expect(await page.$eval('.actions button:not(.secondary)', (e) => (e as HTMLButtonElement).disabled)).toBe(true);
    // the file name is shown as text, never as markup
    expect(await page.$$eval('b', (els) => els.filter((e) => e.textContent === 'bad').length)).toBe(0);
    expect(await page.evaluate(() => document.body.innerText)).toContain('zn-<b>bad</b>.csv');
    // the problems table filters
    await page.type('input[name=problem-filter]', 'AGB');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=problems] tbody tr').length === 1);
    await screenshot(page, 'monitoring-dry-run');
    expect((await submissions()).totalCount).toBe(0);

    // when: a good file is chosen with the file input (the keyboard path)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zn-'));
    const good = path.join(dir, 'zn-2024.csv');
    fs.writeFileSync(good, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `${cf.agb};2024;JAAR;ELV laagcomplex;12;10;2`]));
    const input = (await page.$('#zn-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(good);
    await page.waitForSelector('[data-testid=summary]');
    await page.waitForFunction(() => document.querySelector('[data-testid=summary] dd[data-key=created]')?.textContent === '2');
    expect((await submissions()).totalCount).toBe(0);
    await page.click('.actions button:not(.secondary)');
    await page.waitForSelector('[data-testid=applied]');
    // then: stored, and listed as a submission
    expect((await submissions()).totalCount).toBe(1);
    await page.waitForFunction((agb) => document.querySelector('[data-testid=submissions] tbody')?.textContent?.includes(agb as string), {}, cf.agb);
    expect(await page.$eval('[data-testid=submissions] tbody', (e) => e.textContent)).toContain('JAAR');
    await screenshot(page, 'monitoring');
    fs.rmSync(dir, { recursive: true, force: true });

    // when: the coordination function submits it, and an insurer that purchases from it accepts it
    await page.click('[data-testid=submissions] tbody .actions button');
    await page.waitForFunction(() => document.querySelector('[data-testid=submissions] tbody [data-status]')?.getAttribute('data-status') === 'SUBMITTED');
    await page.close();
    // the preferred insurer (lead of the region's coordination agreement) decides (seed 002)
    const insurer = await app.monitoring.base.insurer();
    const second = await app.monitoring.base.insurer();
    // the two largest insurers of the region, so the agreement matches the market (seed facts count mismatches)
    await app.monitoring.base.marketShare(insurer, region, 2024, '60.00');
    await app.monitoring.base.marketShare(second, region, 2024, '40.00');
    const agreement = await app.monitoring.agreement(region, 2024, insurer, second);
    await app.monitoring.contract(insurer, cf, 2024, { agreement });
    const reviewer = await browser.page();
    await signInWithToken(reviewer, origin, await app.tokenFor({ role: 'INSURER_MEMBER', insurer }));
    await reviewer.goto(`${origin}/app/monitoring`);
    await reviewer.waitForSelector('[data-testid=submissions] tbody .actions button');
    // then: the reviewer sees no upload, and accept and reject for the submitted one
    expect(await reviewer.$('[data-testid=dropzone]')).toBeNull();
    expect(await reviewer.$$eval('[data-testid=submissions] tbody .actions button', (els) => els.map((e: any) => e.textContent))).toEqual(['Accepteren', 'Afwijzen']);
    await screenshot(reviewer, 'monitoring-review');
    await reviewer.click('[data-testid=submissions] tbody .actions button');
    await reviewer.waitForFunction(() => document.querySelector('[data-testid=submissions] tbody [data-status]')?.getAttribute('data-status') === 'ACCEPTED');
    expect((await submissions()).nodes).toEqual([{ status: 'ACCEPTED', version: 1 }]);
    await reviewer.close();
  });
});

describe('monitoring review by the preferred insurer (seed 002)', () => {
  const REVIEWED = `query($agb: String!) { monitoringSubmissions(filter: { coordinationFunctionAgb: $agb }) { nodes { id status version rejectionReason
    viewerMayReview viewerMayReopen versions { version } history { kind fromStatus toStatus reason } } } }`;
  /** The one row of the function's submission, as the page shows it. */
  const shown = (page: Page, agb: string) =>
    page.$$eval('[data-testid=submissions] tbody tr', (rows, a) => {
      const row = rows.find((r: any) => r.textContent.includes(a)) as any;
      if (!row) return null;
      return {
        status: row.querySelector('[data-status]').getAttribute('data-status'),
        version: Number(row.children[3].textContent),
        reason: row.querySelector('td:nth-child(3) .help')?.textContent ?? null,
        versions: Array.from(row.querySelectorAll('[data-testid=versions] li')).map((li: any) => Number(li.getAttribute('data-version'))),
        history: Array.from(row.querySelectorAll('[data-testid=history] li')).map((li: any) => [li.getAttribute('data-kind'), li.textContent]),
        actions: Array.from(row.querySelectorAll('.actions button')).map((b: any) => b.getAttribute('data-action')),
      };
    }, agb);
  const waitForStatus = (page: Page, agb: string, status: string) =>
    page.waitForFunction(
      (a, st) => Array.from(document.querySelectorAll('[data-testid=submissions] tbody tr')).some((r: any) => r.textContent.includes(a) && r.querySelector('[data-status]')?.getAttribute('data-status') === st),
      {},
      agb,
      status,
    );
  const dialogOpen = (page: Page) => page.$eval('[data-testid=reason-dialog]', (d: any) => d.open).catch(() => false);

  let g: Awaited<ReturnType<MonitoringFactory['purchasedFunction']>>;
  let cfToken: string;
  beforeAll(async () => {
    // a function whose region's coordination agreement names g.lead (the preferred insurer) and g.second; g.second
    // and g.follower purchase through the agreement and only read; two versions, the second submitted
    g = await app.monitoring.purchasedFunction(2024);
    cfToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf });
    await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`]), { token: cfToken });
    await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;12;9;1`]), { token: cfToken, input: { submit: true } });
  });

  it('shows a purchasing insurer that is not the preferred one the submission without any review action', async () => {
    const token = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: g.second });
    const api = dataOf(await app.gql(REVIEWED, { agb: g.cf.agb }, { token })).monitoringSubmissions.nodes;
    expect(api).toEqual([expect.objectContaining({ status: 'SUBMITTED', version: 2, viewerMayReview: false, viewerMayReopen: false })]);
    const page = await browser.page();
    await signInWithToken(page, origin, token);
    await page.goto(`${origin}/app/monitoring`);
    await waitForStatus(page, g.cf.agb, 'SUBMITTED');
    const row = (await shown(page, g.cf.agb))!;
    expect(row).toMatchObject({ status: 'SUBMITTED', version: 2, versions: [2, 1], actions: [] });
    expect(await page.$$('[data-testid=submissions] button[data-action]')).toHaveLength(0);
    expect(await page.$('[data-testid=dropzone]')).toBeNull();
    await page.close();
  });

  it('lets the preferred insurer reject with a reason and reopen through the dialog; the page shows what the API then returns', async () => {
    const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead });
    const api = async () => dataOf(await app.gql(REVIEWED, { agb: g.cf.agb }, { token })).monitoringSubmissions.nodes[0];
    const matchesApi = async (page: Page) => {
      const [row, now] = [(await shown(page, g.cf.agb))!, await api()];
      expect(row.status).toBe(now.status);
      expect(row.version).toBe(now.version);
      expect(row.reason).toBe(now.rejectionReason);
      expect(row.versions).toEqual(now.versions.map((v: any) => v.version));
      expect(row.history.map(([kind]: any) => kind)).toEqual(now.history.map((e: any) => e.kind));
      now.history.forEach((e: any, i: number) => e.reason && expect(row.history[i][1]).toContain(e.reason));
      return row;
    };
    const page = await browser.page();
    await signInWithToken(page, origin, token);
    await page.goto(`${origin}/app/monitoring`);
    await waitForStatus(page, g.cf.agb, 'SUBMITTED');
    expect((await matchesApi(page)).actions).toEqual(['accept', 'reject']);

    // when: reject opens the dialog; an empty reason is not sent, Escape cancels and changes nothing
    await page.click('[data-testid=submissions] button[data-action=reject]');
    await page.waitForSelector('[data-testid=reason-dialog] textarea');
    expect(await dialogOpen(page)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await page.click('[data-testid=reason-dialog] button[type=submit]');
    expect(await dialogOpen(page)).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid=reason-dialog]'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('reject');
    expect((await api()).status).toBe('SUBMITTED');
    // when: rejected with a reason
    await page.click('[data-testid=submissions] button[data-action=reject]');
    await page.waitForSelector('[data-testid=reason-dialog] textarea');
    await page.type('[data-testid=reason-dialog] textarea', 'Instroom GRZ <b>klopt</b> niet');
    await screenshot(page, 'monitoring-reject-dialog');
    await page.click('[data-testid=reason-dialog] button[type=submit]');
    await waitForStatus(page, g.cf.agb, 'REJECTED');
    // then: the status, the reason and the history are the API's; no review action is left on a rejected submission
    const rejected = await matchesApi(page);
    expect(rejected).toMatchObject({ status: 'REJECTED', reason: 'Instroom GRZ <b>klopt</b> niet', actions: [] });
    expect(rejected.history.map(([kind]: any) => kind)).toEqual(['SUBMITTED', 'REJECTED']);
    expect(await page.$$eval('[data-testid=submissions] b', (els) => els.length)).toBe(0);

    // when: the function submits again and the preferred insurer accepts, then reopens with a reason
    const id = (await api()).id;
    expect(dataOf(await app.gql(`mutation($id: ID!) { monitoringSubmissionSubmit(input: { id: $id }) { monitoringSubmission { status } } }`, { id }, { token: cfToken })).monitoringSubmissionSubmit.monitoringSubmission).toEqual({ status: 'SUBMITTED' });
    await page.click('form.filters button[type=submit]');
    await waitForStatus(page, g.cf.agb, 'SUBMITTED');
    await page.click('[data-testid=submissions] button[data-action=accept]');
    await waitForStatus(page, g.cf.agb, 'ACCEPTED');
    expect((await matchesApi(page)).actions).toEqual(['reopen']);
    await page.click('[data-testid=submissions] button[data-action=reopen]');
    await page.waitForSelector('[data-testid=reason-dialog] textarea');
    expect(await page.$eval('[data-testid=reason-dialog] h2', (e) => e.textContent)).toContain('Heropenen');
    await page.type('[data-testid=reason-dialog] textarea', 'Correctie ELV-cijfers aangekondigd');
    await page.click('[data-testid=reason-dialog] button[type=submit]');
    await waitForStatus(page, g.cf.agb, 'SUBMITTED');
    // then: back to SUBMITTED, the reopening and its reason in the history, as the API has it
    const reopened = await matchesApi(page);
    expect(reopened).toMatchObject({ status: 'SUBMITTED', version: 2, versions: [2, 1], actions: ['accept', 'reject'] });
    expect(reopened.history.map(([kind]: any) => kind)).toEqual(['SUBMITTED', 'REJECTED', 'SUBMITTED', 'ACCEPTED', 'REOPENED']);
    expect(reopened.history[4][1]).toContain('Correctie ELV-cijfers aangekondigd');
    await page.close();
  });
});

describe('GraphiQL', () => {
  it('completes a field name from the schema', async () => {
    const page = await browser.page();
    await signInWithToken(page, origin, zkToken);
    await page.goto(`${origin}/graphiql`);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    // the schema is loaded through the API with the signed-in token
    await page.waitForFunction(() => document.querySelector('.graphiql-container') !== null);
    await page.$eval('.graphiql-query-editor .CodeMirror', (e) => (e as any).CodeMirror.setValue(''));
    await page.click('.graphiql-query-editor .CodeMirror');
    await page.keyboard.type('{ vie');
    await page.waitForSelector('.CodeMirror-hints .CodeMirror-hint', { timeout: 30_000 });
    const hints = await page.$$eval('.CodeMirror-hints .CodeMirror-hint', (els) => els.map((e) => e.textContent));
    expect(hints).toContain('viewer');
    await screenshot(page, 'graphiql');
    await page.keyboard.press('Enter');
    await page.keyboard.type(' { role } }');
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('INSURER_ADMIN'), { timeout: 30_000 });
    await page.close();
  });
});

describe('GraphiQL file upload', () => {
  it('sends a file attached in the upload panel with the next mutation', async () => {
    // given: a coordination function signed in, a ZN file on disk
    const cf = await app.monitoring.coordinationFunction();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zn-'));
    const file = path.join(dir, 'zn.csv');
    fs.writeFileSync(file, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`]));
    const page = await browser.page();
    await signInWithToken(page, origin, await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf }));
    await page.goto(`${origin}/graphiql`);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    // when: the file is attached and a dry-run upload is run
    await page.click('button[aria-label="Show Bestand uploaden"]');
    const input = (await page.waitForSelector('#ide-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await page.waitForFunction(() => document.querySelector('[data-testid=ide-attached]')?.textContent?.includes('zn.csv'));
    await page.$eval('.graphiql-query-editor .CodeMirror', (e: any) =>
      e.CodeMirror.setValue('mutation Upload($input: MonitoringUploadInput!) { monitoringUpload(input: $input) { summary { dryRun rowsRead created filename } userErrors { code } } }'),
    );
    await page.click('button[data-name=variables]');
    await page.$eval('.graphiql-editor-tool .CodeMirror', (e: any) => e.CodeMirror.setValue('{ "input": { "dryRun": true } }'));
    await page.click('.graphiql-execute-button');
    // then: the server read the file, and wrote nothing
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('rowsRead'), { timeout: 30_000 });
    const response = await page.$eval('.graphiql-response', (e: any) => e.textContent as string);
    expect(response).toMatch(/"dryRun":\s*true/);
    expect(response).toMatch(/"rowsRead":\s*1/);
    expect(response).toMatch(/"filename":\s*"zn.csv"/);
    expect(dataOf(await app.gql(`{ monitoringSubmissions(filter: { coordinationFunctionAgb: "${cf.agb}" }) { totalCount } }`)).monitoringSubmissions.totalCount).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
    await page.close();
  });
});

describe('CORS', () => {
  const query = (apiUrl: string, token: string) =>
    fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ viewer { organisationCode } }' }) })
      .then((r) => r.json())
      .then((b) => JSON.stringify(b), (e: Error) => `refused: ${e.message}`);

  it('lets a page on an allowed origin query the API, and not one outside the list', async () => {
    // The refused request is logged by Chromium as an error by design: this page stays out of the error check.
    const page = await browser.page({ recordErrors: false });
    await page.goto(allowed.origin);
    const answer = await page.evaluate(query, app.url, zkToken);
    expect(JSON.parse(answer)).toMatchObject({ data: { viewer: { organisationCode: '3311' } } });
    await page.goto(foreign.origin);
    expect(await page.evaluate(query, app.url, zkToken)).toMatch(/^refused: /);
    await page.close();
  });
});

describe('the pages', () => {
  it('ran without a Content-Security-Policy violation or a script error', () => {
    // The wrong-token test answers 401 on purpose; Chromium logs that as a failed resource.
    const problems = browser.errors.filter((e) => !/status of 401/.test(e));
    expect(problems).toEqual([]);
  });
});
