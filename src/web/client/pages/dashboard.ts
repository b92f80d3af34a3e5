import { h, replace } from '../dom';
import { gql } from '../api';
import { label, num, tr } from '../i18n';
import { barChart, distributionChart, lineChart } from '../charts';
import { badge, downloadButton, field, notice, select, table } from '../ui';
import type { Viewer } from '../main';

const DASHBOARD = `query Dashboard($input: KpiDashboardInput!, $after: String) {
  kpiDashboard(input: $input) {
    year asOf periodKind kpi { code name targetValue }
    insurer { uzovi name }
    aggregate { suppressed suppressionReason valuesSuppressed valuesSuppressionReason providerCount reportingProviderCount
      pooledRate median q1 q3 iqr statusCounts { met onTrack atRisk notMet noData } }
    series { ...Period }
    benchmark { asOf suppressed suppressionReason providerCount statusCounts { met onTrack atRisk notMet noData } series { ...Period } }
    rows(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      nodes { provider { agb name kind region { code } } latest { value period { label } }
        progress { status attainmentPercent trend trendDirection reason }
        target { targetValue targetDate insurer { name } }
        series { period { label } value } } }
  }
}
fragment Period on KpiPeriodAggregate { period { label } suppressed suppressionReason reportingProviderCount pooledRate median q1 q3 }`;

const HISTORY = `query History($filter: KpiMeasurementFilter!) {
  kpiMeasurements(filter: $filter, first: 100) { nodes { period { label } value numerator denominator version submittedAt
    history { version value numerator denominator submittedAt submittedBy } } }
}`;

interface Row {
  provider: { agb: string; name: string; kind: string; region: { code: string } | null };
  latest: { value: string | null; period: { label: string } } | null;
  progress: { status: string; attainmentPercent: string | null; trend: string | null; trendDirection: string | null; reason: string } | null;
  target: { targetValue: string; targetDate: string; insurer: { name: string } } | null;
  series: { period: { label: string }; value: string | null }[];
}

/** The API's KpiSuppressionReason: why a block is withheld. The page shows it; it never decides it. */
type Reason = 'NO_PROVIDERS' | 'TOO_FEW_PROVIDERS';
type StatusCounts = Record<'met' | 'onTrack' | 'atRisk' | 'notMet' | 'noData', number>;
interface PeriodAggregate {
  period: { label: string };
  suppressed: boolean;
  suppressionReason: Reason | null;
  reportingProviderCount: number | null;
  pooledRate: string | null;
  median: string | null;
  q1: string | null;
  q3: string | null;
}

interface Dashboard {
  year: number;
  asOf: string;
  periodKind: string;
  kpi: { code: string; name: string; targetValue: string };
  insurer: { uzovi: string; name: string } | null;
  aggregate: {
    suppressed: boolean; suppressionReason: Reason | null; valuesSuppressed: boolean; valuesSuppressionReason: Reason | null;
    providerCount: number | null; reportingProviderCount: number | null;
    pooledRate: string | null; median: string | null; q1: string | null; q3: string | null; iqr: string | null;
    statusCounts: StatusCounts | null;
  } | null;
  series: PeriodAggregate[] | null;
  benchmark: { asOf: string; suppressed: boolean; suppressionReason: Reason | null; providerCount: number | null; statusCounts: StatusCounts | null; series: PeriodAggregate[] } | null;
  rows: { totalCount: number; nodes: Row[] };
}

/** README "Aggregates": a block over providers the viewer may not read is shown only over 10 or more of them. */
const MIN_PROTECTED = 10;
const n = (v: string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

interface Choice { kpiCode: string; year: number; asOf: string; periodKind: string; regions: string; core: boolean; kind: string; ownTargets: boolean }
let choice: Choice | null = null;

export async function dashboardPage(main: HTMLElement, viewer: Viewer): Promise<void> {
  const kpis = (await gql<{ kpis: { nodes: { code: string; name: string }[] } }>('query Kpis { kpis(first: 100) { nodes { code name } } }')).kpis.nodes;
  const insurer = viewer.organisationKind === 'INSURER';
  choice ??= { kpiCode: kpis[0]?.code ?? '', year: 2024, asOf: '2024-09-30', periodKind: 'MONTH', regions: '', core: false, kind: '', ownTargets: insurer };
  const c = choice;
  const kpiSelect = select('kpi', kpis.map((k) => [k.code, k.name]), c.kpiCode);
  const year = h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: c.year, required: true });
  const asOf = h('input', { type: 'date', name: 'asOf', value: c.asOf });
  const period = select('periodKind', [['MONTH', tr('Maand', 'Month')], ['QUARTER', tr('Kwartaal', 'Quarter')], ['YEAR', tr('Jaar', 'Year')]], c.periodKind);
  const regions = h('input', { type: 'text', name: 'regions', value: c.regions, inputmode: 'numeric', placeholder: '09, 16' });
  const kind = select('kind', [['', tr('Alle soorten', 'All kinds')], ['HOSPITAL', tr('Ziekenhuis', 'Hospital')], ['INDEPENDENT_CLINIC', tr('Zelfstandig behandelcentrum', 'Independent clinic')]], c.kind);
  const core = h('input', { type: 'checkbox', name: 'core', checked: c.core });
  const own = h('input', { type: 'checkbox', name: 'ownTargets', checked: c.ownTargets });
  const output = h('div', { class: 'dashboard-output', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card filters', 'aria-label': tr('Keuze van het dashboard', 'Dashboard choices'), onsubmit: (e: Event) => { e.preventDefault(); void show(); } },
    field('KPI', kpiSelect),
    field(tr('Jaar', 'Year'), year),
    field(tr('Peildatum', 'As of'), asOf),
    field(tr('Periode', 'Period'), period),
    field(tr('Regio’s (ambulanceregio)', 'Regions (ambulance region)'), regions, tr('Codes, gescheiden door komma’s', 'Codes, separated by commas')),
    field(tr('Soort aanbieder', 'Provider kind'), kind),
    insurer ? h('div', { class: 'field check' }, core, h('label', { for: (core.id = 'core') }, tr('Alleen onze kernregio’s', 'Only our core regions'))) : null,
    insurer ? h('div', { class: 'field check' }, own, h('label', { for: (own.id = 'own') }, tr('Beoordeel met onze doelen', 'Judge by our targets'))) : null,
    h('div', { class: 'field' }, h('button', { type: 'submit' }, tr('Toon', 'Show'))),
  );
  replace(main, h('h1', {}, tr('KPI-dashboard', 'KPI dashboard')), form, output);

  async function show(): Promise<void> {
    Object.assign(c, { kpiCode: kpiSelect.value, year: Number(year.value), asOf: asOf.value, periodKind: period.value, regions: regions.value, core: core.checked, kind: kind.value, ownTargets: own.checked });
    const filter: Record<string, unknown> = {};
    const codes = c.regions.split(',').map((x) => x.trim()).filter(Boolean);
    if (codes.length) filter.regionCodes = codes;
    if (c.kind) filter.providerKinds = [c.kind];
    if (insurer && c.core) filter.coreRegionsOf = viewer.organisationCode;
    const input = { kpiCode: c.kpiCode, year: c.year, asOf: c.asOf || null, periodKind: c.periodKind, filter, insurerUzovi: insurer && c.ownTargets ? viewer.organisationCode : null };
    replace(output, notice(tr('Bezig met laden…', 'Loading…')));
    try {
      let dashboard: Dashboard | null = null;
      let after: string | null = null;
      const rows: Row[] = [];
      // Every page of rows, up to 500 providers: the table and the CSV show what the viewer may see, all of it.
      for (let page = 0; page < 10; page++) {
        const data: { kpiDashboard: (Dashboard & { rows: { pageInfo: { hasNextPage: boolean; endCursor: string } } }) | null } = await gql(DASHBOARD, { input, after });
        if (!data.kpiDashboard) break;
        dashboard = data.kpiDashboard;
        rows.push(...data.kpiDashboard.rows.nodes);
        if (!data.kpiDashboard.rows.pageInfo.hasNextPage) break;
        after = data.kpiDashboard.rows.pageInfo.endCursor;
      }
      if (!dashboard) return replace(output, notice(tr('Onbekende KPI.', 'Unknown KPI.'), 'error'));
      renderDashboard(output, dashboard, rows);
    } catch (error) {
      replace(output, notice((error as Error).message, 'error'));
    }
  }
  await show();
}

/** A withheld block's reason as the API gives it, in words; `values` for figures over the providers with a value. */
function reasonText(reason: string, values = false): string {
  if (reason === 'NO_PROVIDERS') return values ? tr('geen aanbieder met een waarde', 'no provider with a value') : tr('geen aanbieders', 'no providers');
  if (reason === 'TOO_FEW_PROVIDERS') {
    return tr(`minder dan ${MIN_PROTECTED} aanbieders die u niet mag inzien`, `fewer than ${MIN_PROTECTED} providers you may not read`);
  }
  return reason;
}

const WHY_TOO_FEW = (): string =>
  tr(
    `Er telden 1 tot ${MIN_PROTECTED - 1} aanbieders mee waarvan u de cijfers of het doel niet mag inzien: met wat u van de andere weet, zou het cijfer hen kunnen aanwijzen.`,
    `It covered 1 to ${MIN_PROTECTED - 1} providers whose figures or target you may not read: with what you know of the others, the figure could single them out.`,
  );

function withheldNotice(block: string, subject: string, reason: string, values = false): HTMLElement {
  const text = `${subject} ${tr('onderdrukt', 'suppressed')}: ${reasonText(reason, values)}.${reason === 'TOO_FEW_PROVIDERS' ? ` ${WHY_TOO_FEW()}` : ''}`;
  return notice(text, 'warn', { 'data-testid': 'suppressed', 'data-block': block, 'data-reason': reason });
}

/** The notices for every withheld block, each with the API's reason. */
function suppressionNotices(d: Dashboard): HTMLElement[] {
  const notices: HTMLElement[] = [];
  const agg = d.aggregate;
  if (agg?.suppressed) notices.push(withheldNotice('aggregate', tr('Totalen van uw aanbieders', 'Aggregates of your providers'), agg.suppressionReason ?? ''));
  else if (agg?.valuesSuppressed) notices.push(withheldNotice('aggregate-values', tr('Mediaan, kwartielen en gepoolde waarde van uw aanbieders', 'Median, quartiles and pooled rate of your providers'), agg.valuesSuppressionReason ?? '', true));
  if (d.benchmark?.suppressed) notices.push(withheldNotice('benchmark', tr('Landelijke benchmark', 'National benchmark'), d.benchmark.suppressionReason ?? ''));
  return notices;
}

/** Per reason, how many periods of a series are withheld. */
function periodNotices(block: string, subject: string, series: PeriodAggregate[]): HTMLElement[] {
  const counts = new Map<string, number>();
  for (const p of series) if (p.suppressed) counts.set(p.suppressionReason ?? '', (counts.get(p.suppressionReason ?? '') ?? 0) + 1);
  return [...counts].map(([reason, count]) =>
    notice(
      `${subject}: ${tr(`${count} periode(n) onderdrukt (×)`, `${count} period(s) suppressed (×)`)}: ${reasonText(reason, true)}.`,
      'warn',
      { 'data-testid': 'suppressed-periods', 'data-block': block, 'data-reason': reason },
    ),
  );
}

const STATUS_KEYS: [string, keyof StatusCounts][] = [['MET', 'met'], ['ON_TRACK', 'onTrack'], ['AT_RISK', 'atRisk'], ['NOT_MET', 'notMet'], ['NO_DATA', 'noData']];

function renderDashboard(output: HTMLElement, d: Dashboard, rows: Row[]): void {
  const target = n(d.kpi.targetValue);
  const charts: HTMLElement[] = [];
  const agg = d.aggregate;
  const bench = d.benchmark;
  const ownName = tr('uw aanbieders', 'your providers');
  const benchName = tr('landelijk', 'national');
  const periodNoticeList: HTMLElement[] = [];
  if (d.series) {
    // The own series and the benchmark's, period by period (the benchmark ends on its own asOf, a period end).
    const labels = [...new Set([...d.series, ...(bench?.series ?? [])].map((p) => p.period.label))].sort();
    const at = (series: PeriodAggregate[] | undefined) => labels.map((l) => series?.find((p) => p.period.label === l) ?? null);
    const own = at(d.series);
    const national = bench ? at(bench.series) : null;
    const values = (points: (PeriodAggregate | null)[], key: 'median' | 'pooledRate' | 'q1' | 'q3') => points.map((p) => n(p?.[key]));
    const reasons = (points: (PeriodAggregate | null)[]) => points.map((p) => (p?.suppressed ? p.suppressionReason ?? '' : null));
    charts.push(
      lineChart({
        title: bench
          ? tr(`${d.kpi.name} per periode: uw aanbieders en de landelijke benchmark`, `${d.kpi.name} per period: your providers and the national benchmark`)
          : tr(`${d.kpi.name} per periode: uw aanbieders`, `${d.kpi.name} per period: your providers`),
        periods: labels,
        lines: [
          { name: tr(`Mediaan ${ownName}`, `Median ${ownName}`), key: 'median', values: values(own, 'median'), group: 'own' },
          { name: tr(`Gepoold ${ownName}`, `Pooled ${ownName}`), key: 'pooled', values: values(own, 'pooledRate'), group: 'own' },
          ...(national
            ? [
                { name: tr(`Mediaan ${benchName}`, `Median ${benchName}`), key: 'benchmark-median', values: values(national, 'median'), group: 'benchmark' },
                { name: tr(`Gepoold ${benchName}`, `Pooled ${benchName}`), key: 'benchmark-pooled', values: values(national, 'pooledRate'), group: 'benchmark' },
              ]
            : []),
        ],
        bands: [
          { name: tr(`Q1–Q3 ${ownName}`, `Q1–Q3 ${ownName}`), key: 'spread', low: values(own, 'q1'), high: values(own, 'q3'), group: 'own' },
          ...(national ? [{ name: tr(`Q1–Q3 ${benchName}`, `Q1–Q3 ${benchName}`), key: 'benchmark-spread', low: values(national, 'q1'), high: values(national, 'q3'), group: 'benchmark' }] : []),
        ],
        target,
        withheld: [
          { key: 'own', name: ownName, reasons: reasons(own), text: (r) => `${tr('onderdrukt', 'suppressed')}: ${reasonText(r, true)}` },
          ...(national ? [{ key: 'benchmark', name: benchName, reasons: reasons(national), text: (r: string) => `${tr('onderdrukt', 'suppressed')}: ${reasonText(r, true)}` }] : []),
        ],
      }),
    );
    periodNoticeList.push(...periodNotices('own', tr('Uw aanbieders', 'Your providers'), d.series), ...(bench ? periodNotices('benchmark', tr('Landelijke benchmark', 'National benchmark'), bench.series) : []));
  } else {
    // No aggregates for this viewer (a provider): its own figures, against its own target where visible.
    const own = rows[0];
    if (own) {
      charts.push(
        lineChart({
          title: tr(`${d.kpi.name} per periode: ${own.provider.name}`, `${d.kpi.name} per period: ${own.provider.name}`),
          periods: own.series.map((p) => p.period.label),
          lines: [{ name: own.provider.name, key: 'own', values: own.series.map((p) => n(p.value)) }],
          target: n(own.target?.targetValue) ?? target,
        }),
      );
    }
  }
  const latest = rows.filter((r) => r.latest?.value !== null && r.latest?.value !== undefined).map((r) => ({ label: r.provider.name, value: Number(r.latest!.value) }));
  const stats = agg && !agg.valuesSuppressed && agg.median !== null ? { median: Number(agg.median), q1: Number(agg.q1), q3: Number(agg.q3) } : null;
  charts.push(distributionChart({ title: tr('Verdeling van de laatste waarden van uw aanbieders (mediaan, Q1–Q3)', 'Distribution of the latest values of your providers (median, Q1–Q3)'), values: latest, stats, target }));
  const bars = (counts: StatusCounts) => STATUS_KEYS.map(([code, key]) => ({ key: code, label: label(code), value: counts[key] }));
  if (agg?.statusCounts) charts.push(barChart(tr('Aantal per status: uw aanbieders', 'Count per status: your providers'), bars(agg.statusCounts), 'aggregate'));
  else if (!agg) charts.push(barChart(tr('Aantal per status', 'Count per status'), STATUS_KEYS.map(([code]) => ({ key: code, label: label(code), value: rows.filter((r) => r.progress?.status === code).length })), 'rows'));
  if (bench?.statusCounts) charts.push(barChart(tr(`Aantal per status: landelijke benchmark op ${bench.asOf}`, `Count per status: national benchmark on ${bench.asOf}`), bars(bench.statusCounts), 'benchmark'));

  const figure = (term: string, value: string, key: string) => h('div', {}, h('dt', {}, term), h('dd', { 'data-key': key }, value));
  const shown = (value: string | number | null, unit = '') => (value === null ? tr('onderdrukt', 'suppressed') : `${typeof value === 'number' ? value : num(value)}${unit}`);
  const lastShown = bench ? [...bench.series].reverse().find((p) => !p.suppressed) ?? null : null;
  const blocks = agg
    ? h(
        'div',
        { class: 'blocks' },
        h(
          'section',
          { 'aria-labelledby': 'own-figures' },
          h('h3', { id: 'own-figures' }, tr('Uw aanbieders (exact)', 'Your providers (exact)')),
          h(
            'dl',
            { class: 'figures', 'data-testid': 'aggregate' },
            figure(tr('Aanbieders', 'Providers'), shown(agg.providerCount), 'providerCount'),
            figure(tr('Met een waarde', 'Reporting'), shown(agg.reportingProviderCount), 'reportingProviderCount'),
            figure(tr('Gepoolde waarde', 'Pooled rate'), shown(agg.pooledRate, '%'), 'pooledRate'),
            figure(tr('Mediaan', 'Median'), shown(agg.median, '%'), 'median'),
            figure('IQR', shown(agg.iqr), 'iqr'),
          ),
        ),
        bench
          ? h(
              'section',
              { 'aria-labelledby': 'benchmark-figures' },
              h('h3', { id: 'benchmark-figures' }, tr('Landelijke benchmark (alle aanbieders met een doel)', 'National benchmark (every provider with a target)')),
              h(
                'dl',
                { class: 'figures', 'data-testid': 'benchmark', 'data-suppressed': String(bench.suppressed) },
                figure(tr('Peildatum', 'As of'), bench.asOf, 'asOf'),
                figure(tr('Aanbieders', 'Providers'), shown(bench.providerCount), 'providerCount'),
                figure(lastShown ? tr(`Mediaan ${lastShown.period.label}`, `Median ${lastShown.period.label}`) : tr('Mediaan', 'Median'), shown(lastShown?.median ?? null, '%'), 'median'),
                figure(lastShown ? tr(`Gepoold ${lastShown.period.label}`, `Pooled ${lastShown.period.label}`) : tr('Gepoold', 'Pooled'), shown(lastShown?.pooledRate ?? null, '%'), 'pooledRate'),
              ),
            )
          : null,
      )
    : null;
  const detail = h('section', { class: 'detail', 'aria-live': 'polite' });
  const tableRows = rows.map((r) => [
    h('button', { type: 'button', class: 'link', 'data-agb': r.provider.agb, onclick: () => void drill(detail, d, r) }, r.provider.name),
    r.provider.agb,
    r.provider.region?.code ?? '–',
    r.latest ? `${num(r.latest.value)}% (${r.latest.period.label})` : '–',
    badge(r.progress?.status ?? null),
    r.progress?.attainmentPercent ? `${num(r.progress.attainmentPercent)}%` : '–',
    r.progress?.trend ? `${trendArrow(r.progress.trendDirection)} ${num(r.progress.trend)}` : '–',
  ]);
  const why = (suppressed: boolean, reason: string | null, values = false) => (suppressed ? reasonText(reason ?? '', values) : '');
  const countCells = (c: StatusCounts | null) => STATUS_KEYS.map(([, key]) => c?.[key] ?? '');
  const periodCells = (p: PeriodAggregate | undefined) => (p ? [why(p.suppressed, p.suppressionReason, true), p.reportingProviderCount ?? '', p.median ?? '', p.q1 ?? '', p.q3 ?? '', p.pooledRate ?? ''] : ['', '', '', '', '', '']);
  const periodHeads = (who: string) => [`${tr('Onderdrukt', 'Suppressed')} (${who})`, `${tr('Met een waarde', 'Reporting')} (${who})`, `${tr('Mediaan', 'Median')} (${who})`, `Q1 (${who})`, `Q3 (${who})`, `${tr('Gepoold', 'Pooled')} (${who})`];
  const csv = () => [
    ['KPI', d.kpi.code, tr('Jaar', 'Year'), d.year, tr('Peildatum', 'As of'), d.asOf],
    ...(agg
      ? [
          [],
          [tr('Blok', 'Block'), tr('Peildatum', 'As of'), tr('Aanbieders', 'Providers'), tr('Onderdrukt', 'Suppressed'), ...STATUS_KEYS.map(([code]) => label(code)), tr('Met een waarde', 'Reporting'), tr('Mediaan', 'Median'), 'Q1', 'Q3', tr('Gepoold', 'Pooled'), tr('Waarden onderdrukt', 'Values suppressed')],
          [tr('Uw aanbieders', 'Your providers'), d.asOf, agg.providerCount ?? '', why(agg.suppressed, agg.suppressionReason), ...countCells(agg.statusCounts), agg.reportingProviderCount ?? '', agg.median ?? '', agg.q1 ?? '', agg.q3 ?? '', agg.pooledRate ?? '', why(agg.valuesSuppressed, agg.valuesSuppressionReason, true)],
          ...(bench ? [[tr('Landelijke benchmark', 'National benchmark'), bench.asOf, bench.providerCount ?? '', why(bench.suppressed, bench.suppressionReason), ...countCells(bench.statusCounts)]] : []),
        ]
      : []),
    [],
    [tr('Aanbieder', 'Provider'), 'AGB', tr('Regio', 'Region'), tr('Laatste waarde', 'Latest value'), tr('Periode', 'Period'), 'Status', tr('Doelwaarde', 'Target value'), tr('Realisatie %', 'Attainment %'), 'Trend'],
    ...rows.map((r) => [r.provider.name, r.provider.agb, r.provider.region?.code ?? '', r.latest?.value ?? '', r.latest?.period.label ?? '', r.progress?.status ?? '', r.target?.targetValue ?? '', r.progress?.attainmentPercent ?? '', r.progress?.trend ?? '']),
    ...(d.series
      ? [
          [],
          [tr('Periode', 'Period'), ...periodHeads(ownName), ...(bench ? periodHeads(benchName) : [])],
          ...[...new Set([...d.series, ...(bench?.series ?? [])].map((p) => p.period.label))].sort().map((l) => [
            l,
            ...periodCells(d.series!.find((p) => p.period.label === l)),
            ...(bench ? periodCells(bench.series.find((p) => p.period.label === l)) : []),
          ]),
        ]
      : []),
  ];
  replace(
    output,
    h('h2', {}, `${d.kpi.name} · ${d.year} · ${tr('peildatum', 'as of')} ${d.asOf}${d.insurer ? ` · ${tr('doelen van', 'targets of')} ${d.insurer.name}` : ''}`),
    agg ? suppressionNotices(d) : notice(tr('Totalen en de landelijke benchmark zijn er alleen voor zorgverzekeraars en beheerders; u ziet uw eigen cijfers.', 'Aggregates and the national benchmark are for insurers and operators only; you see your own figures.')),
    blocks,
    periodNoticeList,
    h('div', { class: 'charts' }, charts),
    h('div', { class: 'actions' }, downloadButton(tr('Download als CSV', 'Download as CSV'), `kpi-${d.kpi.code}-${d.year}.csv`, csv)),
    table(tr(`Aanbieders die u mag zien (${rows.length} van ${d.rows.totalCount})`, `Providers you may see (${rows.length} of ${d.rows.totalCount})`), [tr('Aanbieder', 'Provider'), 'AGB', tr('Regio', 'Region'), tr('Laatste waarde', 'Latest value'), 'Status', tr('Realisatie', 'Attainment'), 'Trend'], tableRows, { 'data-testid': 'providers' }),
    detail,
  );
}

function trendArrow(direction: string | null): string {
  return direction === 'IMPROVING' ? '▲' : direction === 'WORSENING' ? '▼' : '▶';
}

async function drill(detail: HTMLElement, d: Dashboard, r: Row): Promise<void> {
  replace(detail, notice(tr('Bezig met laden…', 'Loading…')));
  const data = await gql<{ kpiMeasurements: { nodes: { period: { label: string }; value: string | null; numerator: number; denominator: number | null; version: number; submittedAt: string; history: { version: number; value: string | null; numerator: number; denominator: number | null; submittedAt: string; submittedBy: string }[] }[] } }>(
    HISTORY,
    { filter: { providerAgb: r.provider.agb, kpiCode: d.kpi.code, year: d.year, periodKind: d.periodKind } },
  ).catch((error: Error) => error);
  const heading = h('h2', { tabindex: '-1' }, `${r.provider.name} (AGB ${r.provider.agb})`);
  const progress = r.progress
    ? h('p', {}, badge(r.progress.status), ' ', r.progress.reason)
    : notice(tr('De voortgang hoort bij het doel van een andere zorgverzekeraar en is niet zichtbaar.', 'The progress belongs to another insurer’s target and is not visible.'));
  const chart = lineChart({
    title: tr(`Voortgang van ${r.provider.name}`, `Progress of ${r.provider.name}`),
    periods: r.series.map((p) => p.period.label),
    lines: [{ name: r.provider.name, key: 'provider', values: r.series.map((p) => n(p.value)) }],
    target: n(r.target?.targetValue) ?? n(d.kpi.targetValue),
  });
  const history =
    data instanceof Error
      ? notice(data.message, 'error')
      : table(
          tr('Meetgeschiedenis (alle versies)', 'Measurement history (every version)'),
          [tr('Periode', 'Period'), tr('Versie', 'Version'), tr('Waarde', 'Value'), tr('Teller', 'Numerator'), tr('Noemer', 'Denominator'), tr('Ingediend', 'Submitted'), tr('Door', 'By')],
          data.kpiMeasurements.nodes.flatMap((m) => (m.history.length ? m.history : [{ ...m, submittedBy: '' }]).map((v) => [m.period.label, String(v.version), num(v.value), String(v.numerator), v.denominator === null ? '–' : String(v.denominator), new Date(v.submittedAt).toLocaleDateString(), v.submittedBy])),
        );
  replace(detail, heading, progress, chart, history, h('button', { type: 'button', class: 'secondary', onclick: () => replace(detail) }, tr('Sluiten', 'Close')));
  heading.focus();
}
