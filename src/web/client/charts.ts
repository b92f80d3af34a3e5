import { h, s, Child } from './dom';
import { num, tr } from './i18n';

/**
 * Charts as SVG drawn here: three kinds, each with its figures also as a table (for screen readers and for the
 * CSV), and every point carrying its value in data-* attributes. A chart library would add far more weight
 * than these hundred lines.
 */
const W = 640;
const H = 260;
const PAD = { left: 48, right: 30, top: 16, bottom: 40 };

export interface Line {
  name: string;
  key: string;
  values: (number | null)[];
  /** The key of the withheld group (see LineChartSpec.withheld) whose periods this line leaves empty. */
  group?: string;
}

/** A range shaded per period, e.g. first to third quartile. */
export interface Band {
  name: string;
  key: string;
  low: (number | null)[];
  high: (number | null)[];
  group?: string;
}

/** Periods whose figures the API withheld for one group of lines: the API's reason per period (null: shown). */
export interface Withheld {
  key: string;
  /** Whose periods these are, for the legend. */
  name: string;
  reasons: (string | null)[];
  /** The text a reason is shown as (in the mark's tooltip and the table). */
  text: (reason: string) => string;
}

export interface LineChartSpec {
  title: string;
  periods: string[];
  lines: Line[];
  bands?: Band[];
  target?: number | null;
  withheld?: Withheld[];
}

function niceMax(values: number[]): number {
  // A multiple of 20 (40 above 100), so that the quarter ticks are whole numbers.
  const max = Math.max(10, ...values);
  const step = max > 100 ? 40 : 20;
  return Math.ceil((max * 1.1) / step) * step;
}

function axis(yMax: number, x0: number, x1: number, y: (v: number) => number): Child[] {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  return ticks.map((t) => [
    s('line', { x1: x0, x2: x1, y1: y(t), y2: y(t), class: 'grid' }),
    s('text', { x: x0 - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, num(t, 0)),
  ]);
}

function figure(title: string, svg: SVGElement, table: HTMLTableElement, extra: Child = null): HTMLElement {
  const titleId = `chart-${title.replace(/[^A-Za-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', titleId);
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', { id: titleId }, title),
    extra,
    svg,
    h('details', {}, h('summary', {}, tr('Toon als tabel', 'Show as table')), table),
  );
}

export function lineChart(spec: LineChartSpec): HTMLElement {
  const bands = spec.bands ?? [];
  const withheld = spec.withheld ?? [];
  const all = [...spec.lines.flatMap((l) => l.values), ...bands.flatMap((b) => b.high), spec.target ?? null].filter((v): v is number => v !== null);
  const yMax = niceMax(all);
  const n = Math.max(1, spec.periods.length);
  const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * (n === 1 ? 0.5 : i / (n - 1)));
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / yMax;
  const parts: Child[] = [axis(yMax, PAD.left, W - PAD.right, y)];
  const reasonOf = (group: string | undefined, i: number) => withheld.find((w) => w.key === group)?.reasons[i] ?? null;
  spec.periods.forEach((p, i) => {
    if (n <= 12 || i % Math.ceil(n / 12) === 0) parts.push(s('text', { x: x(i), y: H - PAD.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, p));
    // One mark per withheld group, stacked, so that the own figures and the benchmark can each say why.
    withheld.forEach((w, wi) => {
      const reason = w.reasons[i];
      if (reason) parts.push(s('text', { x: x(i), y: H - PAD.bottom - 6 - wi * 14, 'text-anchor': 'middle', class: `suppressed-mark mark-${wi}`, 'data-series': w.key, 'data-period': p, 'data-reason': reason }, '×', s('title', {}, `${p}: ${w.text(reason)}`)));
    });
  });
  bands.forEach((band, bi) => {
    const idx = spec.periods.map((_, i) => i).filter((i) => band.low[i] !== null && band.high[i] !== null);
    if (!idx.length) return;
    const points = [...idx.map((i) => `${x(i)},${y(band.high[i]!)}`), ...[...idx].reverse().map((i) => `${x(i)},${y(band.low[i]!)}`)].join(' ');
    parts.push(s('polygon', { points, class: `band band-${bi}`, 'data-series': band.key }));
  });
  if (spec.target !== null && spec.target !== undefined) {
    parts.push(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(spec.target), y2: y(spec.target), class: 'target', 'data-value': spec.target }));
    parts.push(s('text', { x: W - PAD.right, y: y(spec.target) - 5, 'text-anchor': 'end', class: 'target-label' }, `${tr('doel', 'target')} ${num(spec.target)}`));
  }
  spec.lines.forEach((line, li) => {
    let d = '';
    line.values.forEach((v, i) => {
      if (v === null) return;
      d += `${d && line.values[i - 1] !== null ? 'L' : 'M'}${x(i)},${y(v)}`;
    });
    parts.push(s('path', { d, class: `line line-${li}`, 'data-series': line.key }));
    line.values.forEach((v, i) => {
      if (v === null) return;
      parts.push(
        s('circle', { cx: x(i), cy: y(v), r: 3.5, class: `point line-${li}`, 'data-series': line.key, 'data-period': spec.periods[i], 'data-value': v }, s('title', {}, `${line.name} ${spec.periods[i]}: ${num(v)}`)),
      );
    });
  });
  const legend = h(
    'ul',
    { class: 'legend' },
    spec.lines.map((l, li) => h('li', { class: `key line-${li}` }, l.name)),
    bands.map((b, bi) => h('li', { class: `key band band-${bi}` }, b.name)),
    spec.target !== null && spec.target !== undefined ? h('li', { class: 'key target' }, tr('Doel', 'Target')) : null,
    withheld.map((w, wi) => (w.reasons.some(Boolean) ? h('li', { class: `key-mark mark-${wi}` }, `× ${tr('onderdrukt', 'suppressed')}: ${w.name}`) : null)),
  );
  const cell = (group: string | undefined, i: number, value: number | null) => {
    const reason = reasonOf(group, i);
    const w = withheld.find((g) => g.key === group);
    return h('td', reason && w ? { 'data-reason': reason } : {}, reason && w ? w.text(reason) : num(value));
  };
  const table = h(
    'table',
    {},
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, tr('Periode', 'Period')), spec.lines.map((l) => h('th', { scope: 'col' }, l.name)), bands.map((b) => [h('th', { scope: 'col' }, `${b.name}: Q1`), h('th', { scope: 'col' }, `${b.name}: Q3`)])),
    ),
    h(
      'tbody',
      {},
      spec.periods.map((p, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, p),
          spec.lines.map((l) => cell(l.group, i, l.values[i])),
          bands.map((b) => [cell(b.group, i, b.low[i]), cell(b.group, i, b.high[i])]),
        ),
      ),
    ),
  );
  return figure(spec.title, s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'svg-chart line-chart' }, parts), table, legend);
}

export interface Bar {
  label: string;
  key: string;
  value: number;
}

/** `block` names whose counts these are (data-block on the figure), for a page that shows more than one. */
export function barChart(title: string, bars: Bar[], block = ''): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 32;
  const height = bars.length * rowH + 8;
  const labelW = 150;
  const parts = bars.map((b, i) => {
    const width = ((W - labelW - 60) * b.value) / max;
    return s(
      'g',
      { class: `bar bar-${b.key}`, 'data-key': b.key, 'data-value': b.value },
      s('text', { x: labelW - 8, y: i * rowH + 21, 'text-anchor': 'end', class: 'bar-label' }, b.label),
      s('rect', { x: labelW, y: i * rowH + 6, width: Math.max(width, 1), height: rowH - 10, rx: 3 }),
      s('text', { x: labelW + Math.max(width, 1) + 6, y: i * rowH + 21, class: 'bar-value' }, String(b.value)),
    );
  });
  const table = h('table', {}, h('tbody', {}, bars.map((b) => h('tr', {}, h('th', { scope: 'row' }, b.label), h('td', {}, String(b.value))))));
  const chart = figure(title, s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'svg-chart bar-chart' }, parts), table);
  if (block) chart.setAttribute('data-block', block);
  return chart;
}

export interface Distribution {
  title: string;
  values: { label: string; value: number }[];
  /** Median and quartiles over all providers covered; null when not available or suppressed. */
  stats: { median: number; q1: number; q3: number } | null;
  target?: number | null;
}

export function distributionChart(spec: Distribution): HTMLElement {
  const all = [...spec.values.map((v) => v.value), ...(spec.stats ? [spec.stats.q3] : []), spec.target ?? 0];
  const xMax = niceMax(all);
  const height = 120;
  const x = (v: number) => PAD.left + ((W - PAD.left - PAD.right) * v) / xMax;
  const mid = 55;
  const parts: Child[] = [s('line', { x1: x(0), x2: x(xMax), y1: 95, y2: 95, class: 'grid' })];
  [0, 0.25, 0.5, 0.75, 1].forEach((f) => parts.push(s('text', { x: x(f * xMax), y: 112, 'text-anchor': 'middle', class: 'tick' }, num(f * xMax, 0))));
  if (spec.stats) {
    const { q1, q3, median } = spec.stats;
    parts.push(s('rect', { x: x(q1), y: mid - 22, width: Math.max(1, x(q3) - x(q1)), height: 44, class: 'box', 'data-q1': q1, 'data-q3': q3 }));
    parts.push(s('line', { x1: x(median), x2: x(median), y1: mid - 26, y2: mid + 26, class: 'median', 'data-value': median }));
  }
  if (spec.target !== null && spec.target !== undefined) {
    parts.push(s('line', { x1: x(spec.target), x2: x(spec.target), y1: 8, y2: 95, class: 'target', 'data-value': spec.target }));
  }
  spec.values.forEach((v, i) => {
    parts.push(s('circle', { cx: x(v.value), cy: mid + ((i % 5) - 2) * 6, r: 4, class: 'dot', 'data-value': v.value }, s('title', {}, `${v.label}: ${num(v.value)}`)));
  });
  const table = h(
    'table',
    {},
    h(
      'tbody',
      {},
      spec.stats ? [h('tr', {}, h('th', { scope: 'row' }, 'Q1'), h('td', {}, num(spec.stats.q1))), h('tr', {}, h('th', { scope: 'row' }, tr('Mediaan', 'Median')), h('td', {}, num(spec.stats.median))), h('tr', {}, h('th', { scope: 'row' }, 'Q3'), h('td', {}, num(spec.stats.q3)))] : null,
      spec.values.map((v) => h('tr', {}, h('th', { scope: 'row' }, v.label), h('td', {}, num(v.value)))),
    ),
  );
  return figure(spec.title, s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'svg-chart distribution-chart' }, parts), table);
}
