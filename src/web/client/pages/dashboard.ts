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
    aggregate { suppressed valuesSuppressed providerCount reportingProviderCount pooledRate median q1 q3 iqr
      statusCounts { met onTrack atRisk notMet noData } }
    series { period { label } suppressed reportingProviderCount pooledRate median q1 q3 }
    rows(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      nodes { provider { agb name kind region { code } } latest { value period { label } }
        progress { status attainmentPercent trend trendDirection reason }
        target { targetValue targetDate insurer { name } }
        series { period { label } value } } }
  }
}`;

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

interface Dashboard {
  year: number;
  asOf: string;
  periodKind: string;
  kpi: { code: string; name: string; targetValue: string };
  insurer: { uzovi: string; name: string } | null;
  aggregate: {
    suppressed: boolean; valuesSuppressed: boolean; providerCount: number | null; reportingProviderCount: number | null;
    pooledRate: string | null; median: string | null; q1: string | null; q3: string | null; iqr: string | null;
    statusCounts: Record<'met' | 'onTrack' | 'atRisk' | 'notMet' | 'noData', number> | null;
  } | null;
  series: { period: { label: string }; suppressed: boolean; reportingProviderCount: number | null; pooledRate: string | null; median: string | null; q1: string | null; q3: string | null }[] | null;
  rows: { totalCount: number; nodes: Row[] };
}

const SUPPRESSION_MIN = 5;
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

function suppressionNotice(agg: NonNullable<Dashboard['aggregate']>): HTMLElement | null {
  if (agg.suppressed) {
    return notice(
      tr(
        `Totalen onderdrukt: dit dashboard telt minder dan ${SUPPRESSION_MIN} aanbieders. Zo kan geen enkele aanbieder herkend worden; u ziet alleen de aanbieders die u mag zien.`,
        `Aggregates suppressed: this dashboard covers fewer than ${SUPPRESSION_MIN} providers, so that no single provider can be singled out; you see only the providers you may see.`,
      ),
      'warn',
      { 'data-testid': 'suppressed' },
    );
  }
  if (agg.valuesSuppressed) {
    return notice(
      tr(
        `Mediaan en kwartielen onderdrukt: minder dan ${SUPPRESSION_MIN} aanbieders hebben een waarde, zodat geen enkele aanbieder herkend kan worden.`,
        `Median and quartiles suppressed: fewer than ${SUPPRESSION_MIN} providers have a value, so that no single provider can be singled out.`,
      ),
      'warn',
      { 'data-testid': 'suppressed' },
    );
  }
  return null;
}

function renderDashboard(output: HTMLElement, d: Dashboard, rows: Row[]): void {
  const target = n(d.kpi.targetValue);
  const charts: HTMLElement[] = [];
  const agg = d.aggregate;
  if (d.series) {
    const suppressedPeriods = d.series.filter((p) => p.suppressed).length;
    charts.push(
      lineChart({
        title: tr(`${d.kpi.name} per periode: mediaan en gepoolde waarde over alle aanbieders`, `${d.kpi.name} per period: median and pooled rate over all providers`),
        periods: d.series.map((p) => p.period.label),
        lines: [
          { name: tr('Mediaan', 'Median'), key: 'median', values: d.series.map((p) => n(p.median)) },
          { name: tr('Gepoold', 'Pooled'), key: 'pooled', values: d.series.map((p) => n(p.pooledRate)) },
        ],
        band: { low: d.series.map((p) => n(p.q1)), high: d.series.map((p) => n(p.q3)), name: tr('Q1–Q3 (spreiding)', 'Q1–Q3 (spread)') },
        target,
        suppressed: d.series.map((p) => p.suppressed),
      }),
    );
    if (suppressedPeriods) {
      charts.push(notice(tr(`${suppressedPeriods} periode(n) onderdrukt (×): daarin rapporteerden minder dan ${SUPPRESSION_MIN} aanbieders.`, `${suppressedPeriods} period(s) suppressed (×): fewer than ${SUPPRESSION_MIN} providers reported in them.`), 'warn', { 'data-testid': 'suppressed-periods' }));
    }
  } else {
    // No market-wide series for this viewer (a provider): its own figures, against its own target where visible.
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
  const stats = agg && !agg.suppressed && !agg.valuesSuppressed && agg.median !== null ? { median: Number(agg.median), q1: Number(agg.q1), q3: Number(agg.q3) } : null;
  charts.push(distributionChart({ title: tr('Verdeling van de laatste waarden (mediaan, Q1–Q3; punten: aanbieders die u mag zien)', 'Distribution of the latest values (median, Q1–Q3; dots: providers you may see)'), values: latest, stats, target }));
  const statusKeys: [string, 'met' | 'onTrack' | 'atRisk' | 'notMet' | 'noData'][] = [['MET', 'met'], ['ON_TRACK', 'onTrack'], ['AT_RISK', 'atRisk'], ['NOT_MET', 'notMet'], ['NO_DATA', 'noData']];
  const counts = agg?.statusCounts
    ? statusKeys.map(([code, key]) => ({ key: code, label: label(code), value: agg.statusCounts![key] }))
    : statusKeys.map(([code]) => ({ key: code, label: label(code), value: rows.filter((r) => r.progress?.status === code).length }));
  charts.push(barChart(agg?.statusCounts ? tr('Aantal aanbieders per status (alle aanbieders)', 'Providers per status (all providers)') : tr('Aantal per status (aanbieders die u mag zien)', 'Count per status (providers you may see)'), counts));

  const figure = (term: string, value: string) => h('div', {}, h('dt', {}, term), h('dd', {}, value));
  const shown = (value: string | number | null, unit = '') => (value === null ? tr('onderdrukt', 'suppressed') : `${typeof value === 'number' ? value : num(value)}${unit}`);
  const figures = agg
    ? h(
        'dl',
        { class: 'figures', 'data-testid': 'aggregate' },
        figure(tr('Aanbieders', 'Providers'), shown(agg.providerCount)),
        figure(tr('Met een waarde', 'Reporting'), shown(agg.reportingProviderCount)),
        figure(tr('Gepoolde waarde', 'Pooled rate'), shown(agg.pooledRate, '%')),
        figure(tr('Mediaan', 'Median'), shown(agg.median, '%')),
        figure('IQR', shown(agg.iqr)),
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
  const csv = () => [
    ['KPI', d.kpi.code, tr('Jaar', 'Year'), d.year, tr('Peildatum', 'As of'), d.asOf],
    ...(agg ? [[tr('Onderdrukt', 'Suppressed'), agg.suppressed || agg.valuesSuppressed ? 'ja' : 'nee', tr('Aanbieders', 'Providers'), agg.providerCount, tr('Mediaan', 'Median'), agg.median, 'Q1', agg.q1, 'Q3', agg.q3, tr('Gepoold', 'Pooled'), agg.pooledRate]] : []),
    [],
    [tr('Aanbieder', 'Provider'), 'AGB', tr('Regio', 'Region'), tr('Laatste waarde', 'Latest value'), tr('Periode', 'Period'), 'Status', tr('Doelwaarde', 'Target value'), tr('Realisatie %', 'Attainment %'), 'Trend'],
    ...rows.map((r) => [r.provider.name, r.provider.agb, r.provider.region?.code ?? '', r.latest?.value ?? '', r.latest?.period.label ?? '', r.progress?.status ?? '', r.target?.targetValue ?? '', r.progress?.attainmentPercent ?? '', r.progress?.trend ?? '']),
    ...(d.series ? [[], [tr('Periode', 'Period'), tr('Onderdrukt', 'Suppressed'), tr('Mediaan', 'Median'), 'Q1', 'Q3', tr('Gepoold', 'Pooled')], ...d.series.map((p) => [p.period.label, p.suppressed ? 'ja' : 'nee', p.median ?? '', p.q1 ?? '', p.q3 ?? '', p.pooledRate ?? ''])] : []),
  ];
  replace(
    output,
    h('h2', {}, `${d.kpi.name} · ${d.year} · ${tr('peildatum', 'as of')} ${d.asOf}${d.insurer ? ` · ${tr('doelen van', 'targets of')} ${d.insurer.name}` : ''}`),
    agg ? suppressionNotice(agg) : notice(tr('Totalen over alle aanbieders zijn er alleen voor zorgverzekeraars; u ziet uw eigen cijfers.', 'Aggregates over all providers are for insurers only; you see your own figures.')),
    figures,
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
