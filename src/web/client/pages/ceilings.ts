import { h, replace, s } from '../dom';
import { gql } from '../api';
import { label, money, num, tr } from '../i18n';
import { badge, downloadButton, field, notice, table } from '../ui';
import type { Viewer } from '../main';

const CONTRACTS = `query Ceilings($year: Int!, $after: String) {
  contracts(first: 100, after: $after, filter: { year: $year }) { pageInfo { hasNextPage endCursor }
    nodes { id status ceilingKind provider { agb name } insurer { uzovi name } segment { code name }
      ceilingUse(year: $year) { ceilingAmount realisedAmount projectedAmount utilisationPercent status monthsCovered } } }
}`;

interface Use { ceilingAmount: string | null; realisedAmount: string; projectedAmount: string | null; utilisationPercent: string | null; status: string | null; monthsCovered: number }
interface ContractRow { id: string; status: string; ceilingKind: string; provider: { agb: string; name: string }; insurer: { uzovi: string; name: string }; segment: { code: string; name: string }; ceilingUse: Use | null }

let year = 2024;

/** Utilisation as an SVG bar (no inline style: the CSP forbids it), with the 75% line and the projection. */
function bar(use: Use): Element {
  const pct = Number(use.utilisationPercent ?? 0);
  const projected = use.projectedAmount && use.ceilingAmount ? (Number(use.projectedAmount) / Number(use.ceilingAmount)) * 100 : null;
  const scale = 150;
  const x = (p: number) => (Math.min(p, scale) / scale) * 300;
  return s(
    'svg',
    { viewBox: '0 0 300 24', class: `util util-${use.status ?? 'NONE'}`, role: 'img', 'aria-label': `${num(pct)}% ${tr('gebruikt', 'used')}`, 'data-percent': pct },
    s('rect', { x: 0, y: 4, width: 300, height: 16, class: 'util-track' }),
    s('rect', { x: 0, y: 4, width: x(pct), height: 16, class: 'util-fill' }),
    projected !== null ? s('line', { x1: x(projected), x2: x(projected), y1: 0, y2: 24, class: 'util-projected' }) : null,
    s('line', { x1: x(75), x2: x(75), y1: 0, y2: 24, class: 'util-75' }),
    s('line', { x1: x(100), x2: x(100), y1: 0, y2: 24, class: 'util-100' }),
  );
}

export async function ceilingsPage(main: HTMLElement, _viewer: Viewer): Promise<void> {
  const input = h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: year, required: true });
  const output = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card filters', onsubmit: (e: Event) => { e.preventDefault(); year = Number(input.value); void show(); } }, field(tr('Contractjaar', 'Contract year'), input), h('div', { class: 'field' }, h('button', { type: 'submit' }, tr('Toon', 'Show'))));
  replace(main, h('h1', {}, tr('Plafonds', 'Ceilings')), form, output);

  async function show(): Promise<void> {
    replace(output, notice(tr('Bezig met laden…', 'Loading…')));
    try {
      const rows: ContractRow[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const data: { contracts: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: ContractRow[] } } = await gql(CONTRACTS, { year, after });
        rows.push(...data.contracts.nodes);
        if (!data.contracts.pageInfo.hasNextPage) break;
        after = data.contracts.pageInfo.endCursor;
      }
      const capped = rows.filter((r) => r.ceilingUse?.ceilingAmount);
      const alerts = capped.filter((r) => r.ceilingUse!.status && r.ceilingUse!.status !== 'OK');
      const alertText = (r: ContractRow): string => {
        const u = r.ceilingUse!;
        if (u.status === 'EXCEEDED') return tr(`${r.provider.name}: plafond overschreden (${num(u.utilisationPercent)}%). Zorg boven het plafond wordt niet betaald.`, `${r.provider.name}: ceiling exceeded (${num(u.utilisationPercent)}%). Care above it is not paid.`);
        if (u.status === 'THREATENED') return tr(`${r.provider.name}: dreigende overschrijding, prognose ${money(u.projectedAmount)} bij een plafond van ${money(u.ceilingAmount)}.`, `${r.provider.name}: projected overrun, ${money(u.projectedAmount)} against a ceiling of ${money(u.ceilingAmount)}.`);
        return tr(`${r.provider.name}: 75% van het plafond bereikt (${num(u.utilisationPercent)}%).`, `${r.provider.name}: 75% of the ceiling reached (${num(u.utilisationPercent)}%).`);
      };
      replace(
        output,
        h('section', { 'aria-labelledby': 'alerts-h' }, h('h2', { id: 'alerts-h' }, tr('Signalen', 'Alerts')),
          alerts.length ? h('ul', { class: 'alerts', 'data-testid': 'alerts' }, alerts.map((r) => h('li', { class: `alert alert-${r.ceilingUse!.status}` }, badge(r.ceilingUse!.status), ' ', alertText(r)))) : notice(tr('Geen plafond op of boven 75% en geen dreigende overschrijding.', 'No ceiling at or above 75% and no projected overrun.'))),
        h('div', { class: 'actions' }, downloadButton(tr('Download als CSV', 'Download as CSV'), `plafonds-${year}.csv`, () => [
          [tr('Zorgverzekeraar', 'Insurer'), tr('Aanbieder', 'Provider'), 'AGB', tr('Segment', 'Segment'), tr('Soort plafond', 'Ceiling kind'), tr('Plafond', 'Ceiling'), tr('Gerealiseerd', 'Realised'), tr('Prognose', 'Projected'), tr('Benutting %', 'Utilisation %'), 'Status'],
          ...rows.map((r) => [r.insurer.name, r.provider.name, r.provider.agb, r.segment.code, r.ceilingKind, r.ceilingUse?.ceilingAmount ?? '', r.ceilingUse?.realisedAmount ?? '', r.ceilingUse?.projectedAmount ?? '', r.ceilingUse?.utilisationPercent ?? '', r.ceilingUse?.status ?? '']),
        ])),
        table(
          tr(`Contracten in ${year} (${rows.length})`, `Contracts in ${year} (${rows.length})`),
          [tr('Zorgverzekeraar', 'Insurer'), tr('Aanbieder', 'Provider'), 'Segment', tr('Plafond', 'Ceiling'), tr('Gerealiseerd', 'Realised'), tr('Prognose', 'Projected'), tr('Benutting (lijn: 75% en 100%; streep: prognose)', 'Utilisation (lines: 75% and 100%; mark: projection)'), 'Status'],
          rows.map((r) => [
            r.insurer.name,
            `${r.provider.name} (${r.provider.agb})`,
            r.segment.name,
            r.ceilingUse?.ceilingAmount ? money(r.ceilingUse.ceilingAmount) : label(r.ceilingKind === 'NONE' ? null : r.ceilingKind),
            money(r.ceilingUse?.realisedAmount),
            money(r.ceilingUse?.projectedAmount),
            r.ceilingUse?.ceilingAmount ? h('span', { class: 'util-cell' }, bar(r.ceilingUse), ` ${num(r.ceilingUse.utilisationPercent)}%`) : '–',
            r.ceilingUse?.status ? badge(r.ceilingUse.status) : '–',
          ]),
          { 'data-testid': 'contracts' },
        ),
      );
    } catch (error) {
      replace(output, notice((error as Error).message, 'error'));
    }
  }
  await show();
}
