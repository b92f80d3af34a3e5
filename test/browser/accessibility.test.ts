import fs from 'node:fs';
import type { Page } from 'puppeteer-core';
import { useTestApp } from '../support/app';
import { csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';
import { ensureWebBuilt, launchBrowser, TestBrowser, signInWithToken } from './browser';

/**
 * WCAG 2.1 AA on every page of the web app, in Chromium against the real API: axe-core (from node_modules, run in
 * the page) finds no violation of the wcag2a, wcag2aa, wcag21a and wcag21aa rules; and our own check finds no
 * control without an accessible name and no text below its contrast minimum. Each page is checked in the state that
 * shows most: the dashboard with its tables opened, monitoring with a dry run's problems, review actions and the
 * reason dialog open.
 */
jest.setTimeout(180_000);

// The callbacks of page.evaluate run in Chromium: these are the browser's names there.
declare const document: any, window: any, getComputedStyle: any, axe: any;

let browser: TestBrowser;
let origin: string;
let tokens: { insurer: string; preferred: string; coordination: string };
let cfAgb: string;

const app = useTestApp({ before: ensureWebBuilt, beforeClose: () => browser?.close() });

beforeAll(async () => {
  origin = new URL(app.url).origin;
  browser = await launchBrowser();
  const zk = await app.orm.em.fork().getConnection().execute(`select id from insurer where uzovi = '3311'`);
  const g = await app.monitoring.purchasedFunction(2024);
  cfAgb = g.cf.agb;
  tokens = {
    insurer: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: { id: zk[0].id } }),
    preferred: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: g.lead }),
    coordination: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: g.cf }),
  };
  await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`]), { token: tokens.coordination, input: { submit: true } });
});

/** Opens every `details` (the charts' tables, the submissions' history) so their content is checked too. */
const openDetails = (page: Page) => page.evaluate(() => document.querySelectorAll('details').forEach((d: any) => (d.open = true)));

/** The pages, each brought into the state that shows most of it. */
const PAGES: [string, (page: Page) => Promise<void>][] = [
  [
    'sign-in',
    async (page) => {
      await page.goto(`${origin}/app`);
      await page.waitForSelector('#token');
    },
  ],
  [
    'KPI dashboard',
    async (page) => {
      await signInWithToken(page, origin, tokens.insurer);
      await page.waitForSelector('select[name=kpi]');
      await page.select('select[name=kpi]', 'HYBRID_PATHWAYS');
      await page.$eval('input[name=year]', (el: any) => (el.value = '2024'));
      await page.$eval('input[name=asOf]', (el: any) => (el.value = '2024-09-30'));
      await page.click('form.filters button[type=submit]');
      await page.waitForSelector('[data-testid=providers] tbody button[data-agb]');
      await page.click('[data-testid=providers] tbody button[data-agb]');
      await page.waitForFunction(() => document.querySelector('.detail table') !== null);
      await openDetails(page);
    },
  ],
  [
    'ceilings',
    async (page) => {
      await signInWithToken(page, origin, tokens.insurer);
      await page.goto(`${origin}/app/ceilings`);
      await page.waitForSelector('[data-testid=contracts]');
    },
  ],
  [
    'monitoring, coordination function with a dry run',
    async (page) => {
      await signInWithToken(page, origin, tokens.coordination);
      await page.goto(`${origin}/app/monitoring`);
      await page.waitForSelector('[data-testid=dropzone]');
      const bad = csv([`${cfAgb};2024;JAAR;GRZ;10;80;1`]).toString('utf8');
      await page.$eval('[data-testid=dropzone]', (zone: any, text) => {
        const transfer = new window.DataTransfer();
        transfer.items.add(new window.File([text as string], 'zn.csv', { type: 'text/csv' }));
        zone.dispatchEvent(new window.DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, bad);
      await page.waitForSelector('[data-testid=problems]');
      await page.waitForSelector('[data-testid=submissions]');
      await openDetails(page);
    },
  ],
  [
    'monitoring, preferred insurer with review actions and the checklist',
    async (page) => {
      await signInWithToken(page, origin, tokens.preferred);
      await page.goto(`${origin}/app/monitoring`);
      await page.waitForSelector('[data-testid=submissions] button[data-action=reject]');
      await page.type('input[name=agb]', cfAgb);
      await page.click('#check-h + form button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('table caption').length >= 3);
      await openDetails(page);
    },
  ],
  [
    'monitoring, the reason dialog',
    async (page) => {
      await signInWithToken(page, origin, tokens.preferred);
      await page.goto(`${origin}/app/monitoring`);
      await page.waitForSelector('[data-testid=submissions] button[data-action=reject]');
      await page.click('[data-testid=submissions] button[data-action=reject]');
      await page.waitForSelector('[data-testid=reason-dialog] textarea');
    },
  ],
  [
    'GraphiQL',
    async (page) => {
      await signInWithToken(page, origin, tokens.insurer);
      await page.goto(`${origin}/graphiql`);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      await page.waitForSelector('.graphiql-doc-explorer, .graphiql-sessions');
    },
  ],
];

/** axe-core's browser script, from node_modules: a devDependency of the project. */
function axeSource(): string {
  let file: string;
  try {
    file = require.resolve('axe-core/axe.min.js');
  } catch {
    throw new Error('axe-core is not installed: it is a devDependency of the project (npm install --save-dev axe-core); the accessibility check does not skip.');
  }
  return fs.readFileSync(file, 'utf8');
}

/** The WCAG 2.1 A and AA violations axe-core finds in the page, as "rule: target (summary)" lines. */
async function axeViolations(page: Page, source: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(source);
  return page.evaluate(async () => {
    // With a modal dialog open the rest of the page is inert behind its backdrop (and checked in its own state).
    const include = document.querySelector('dialog[open]') ?? document;
    const tags = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };
    const lines = (result: any) => result.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(1).join(' ') ?? v.help})`));
    // Every rule on everything, but whether a scrolling region takes the focus is asked apart: GraphiQL's CodeMirror
    // scroll areas follow the caret of the editor's own textarea (the keyboard scrolls them), so only they are left out.
    const all = await axe.run(include, { ...tags, rules: { 'scrollable-region-focusable': { enabled: false } } });
    const scrolling = await axe.run({ include: [include], exclude: [['.CodeMirror-scroll']] }, { runOnly: { type: 'rule', values: ['scrollable-region-focusable'] }, resultTypes: ['violations'] });
    return [...lines(all), ...lines(scrolling)];
  });
}

/** Interactive roles that must have an accessible name (WCAG 4.1.2, 1.3.1, 2.4.6). */
const NAMED_ROLES = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'spinbutton', 'checkbox', 'radio', 'slider', 'listbox', 'menuitem', 'tab', 'switch', 'img', 'dialog']);

/** Controls and images in the accessibility tree without a name. */
async function unnamed(page: Page): Promise<string[]> {
  const tree = await page.accessibility.snapshot({ interestingOnly: true });
  const out: string[] = [];
  const walk = (node: any, path: string) => {
    if (NAMED_ROLES.has(node.role) && !String(node.name ?? '').trim()) out.push(`${path} > ${node.role}`);
    for (const child of node.children ?? []) walk(child, node.name ? `${node.role} "${String(node.name).slice(0, 30)}"` : path);
  };
  if (tree) walk(tree, 'page');
  return out;
}

/**
 * Text whose contrast with what is behind it is below WCAG 1.4.3 (4.5:1; 3:1 for large text): every visible text
 * node's colour (fill for SVG text) against the first opaque background of its ancestors. Disabled controls are
 * exempt; with a modal dialog open only the dialog counts (the rest is inert behind its backdrop).
 */
function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = '1'] = m[1]!.split(/[ ,/]+/).filter(Boolean);
      return { r: Number(r), g: Number(g), b: Number(b), a: Number(a) };
    };
    const lum = (c: { r: number; g: number; b: number }) => {
      const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
    };
    const over = (top: any, bottom: any) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
    const background = (el: any) => {
      const layers: any[] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      return layers.reduceRight((acc, layer) => over(layer, acc), { r: 255, g: 255, b: 255, a: 1 });
    };
    const dialog = document.querySelector('dialog[open]');
    const scope = dialog ?? document.body;
    const walker = document.createTreeWalker(scope, 4 /* NodeFilter.SHOW_TEXT */);
    const out: string[] = [];
    const seen = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.textContent.trim()) continue;
      seen.add(el);
      if (el.closest('[aria-hidden=true], script, style, option, [disabled], .CodeMirror-measure')) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || rect.width < 2 || rect.height < 2 || rect.right <= 0 || rect.bottom <= 0) continue;
      let opacity = 1;
      for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const bg = background(el instanceof window.SVGElement ? el.closest('figure, div, section, main') : el);
      const raw = parse(el instanceof window.SVGElement ? style.fill : style.color);
      if (!raw) continue;
      const fg = over({ ...raw, a: raw.a * opacity }, bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName.toLowerCase()}.${String(el.className?.baseVal ?? el.className).replace(/ /g, '.')} "${node.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}:1`);
    }
    return out;
  });
}

/**
 * Page-level facts: a language, a title, one h1 (none inside GraphiQL's own layout), unique ids, and no region that
 * scrolls without anything in it to take the keyboard focus (a keyboard user could not scroll it, WCAG 2.1.1).
 */
function pageFacts(page: Page): Promise<{ lang: string; title: string; h1: number; duplicateIds: string[]; unscrollable: string[] }> {
  return page.evaluate(() => {
    const ids = Array.from(document.querySelectorAll('[id]')).map((e: any) => e.id);
    const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const unscrollable = Array.from(document.querySelectorAll('body *'))
      .filter((e: any) => {
        const style = getComputedStyle(e);
        const scrolls = (/(auto|scroll)/.test(style.overflowX) && e.scrollWidth > e.clientWidth + 1) || (/(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 1);
        // CodeMirror's scroll areas follow the caret of the editor's own textarea, so the keyboard scrolls them.
        return scrolls && e.tabIndex < 0 && !e.querySelector(focusable) && !e.closest('.CodeMirror');
      })
      .map((e: any) => `${e.tagName.toLowerCase()}.${String(e.className).replace(/ /g, '.')}`);
    return {
      lang: document.documentElement.lang,
      title: document.title,
      h1: document.querySelectorAll('h1').length,
      duplicateIds: [...new Set(ids.filter((id: string, i: number) => ids.indexOf(id) !== i))] as string[],
      unscrollable,
    };
  });
}

describe.each(PAGES)('accessibility (WCAG 2.1 AA): %s', (name, open) => {
  it('names every control and image, keeps text contrast at AA, lets the keyboard scroll every scrolling region, has a language, a title and unique ids', async () => {
    const page = await browser.page();
    await open(page);
    expect(await unnamed(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
    const facts = await pageFacts(page);
    expect(facts.lang).toMatch(/^(nl|en)$/);
    expect(facts.title).not.toBe('');
    expect(facts.duplicateIds).toEqual([]);
    expect(facts.unscrollable).toEqual([]);
    if (name !== 'GraphiQL') expect(facts.h1).toBe(1);
    await page.close();
  });

  it('has no violation of the wcag2a, wcag2aa, wcag21a or wcag21aa rules of axe-core', async () => {
    const source = axeSource();
    const page = await browser.page();
    await open(page);
    expect(await axeViolations(page, source)).toEqual([]);
    await page.close();
  });
});

describe('the accessibility pages', () => {
  it('ran without a Content-Security-Policy violation or a script error', () => {
    expect(browser.errors).toEqual([]);
  });
});
