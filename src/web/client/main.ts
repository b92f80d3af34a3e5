import './app.css';
import { h, replace } from './dom';
import { lang, setLang, tr } from './i18n';
import { CALLBACK_PATH, completeOidc, currentToken, oidcSettings, signIn, signOut, startOidc } from './auth';
import { ApiError, gql } from './api';
import { dashboardPage } from './pages/dashboard';
import { ceilingsPage } from './pages/ceilings';
import { monitoringPage } from './pages/monitoring';

export interface Viewer {
  /** Whether the API would take a ZN upload from this credential (the page never decides it). */
  mayUploadMonitoring: boolean;
  organisationKind: 'INSURER' | 'PROVIDER' | 'OPERATOR';
  organisationCode: string;
  role: string;
  subject: string;
}

export type Page = (main: HTMLElement, viewer: Viewer) => Promise<void>;

const PAGES: { path: string; title: () => string; page: Page }[] = [
  { path: '/app/kpi', title: () => tr('KPI-dashboard', 'KPI dashboard'), page: dashboardPage },
  { path: '/app/ceilings', title: () => tr('Plafonds', 'Ceilings'), page: ceilingsPage },
  { path: '/app/monitoring', title: () => tr('Monitoring', 'Monitoring'), page: monitoringPage },
];

const root = document.getElementById('root')!;

export function navigate(path: string): void {
  history.pushState(null, '', path);
  void render();
}

function link(path: string, text: string, current: boolean): HTMLElement {
  return h('a', { href: path, 'aria-current': current ? 'page' : null, onclick: (e: MouseEvent) => { if (e.ctrlKey || e.metaKey || e.shiftKey) return; e.preventDefault(); navigate(path); } }, text);
}

function header(viewer: Viewer | null, path: string): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'skip', href: '#main' }, tr('Naar de inhoud', 'Skip to content')),
    h('span', { class: 'brand' }, 'Zorginkoop exchange'),
    viewer
      ? h('nav', { 'aria-label': tr('Hoofdmenu', 'Main menu') }, h('ul', {}, PAGES.map((p) => h('li', {}, link(p.path, p.title(), p.path === path))), h('li', {}, h('a', { href: '/graphiql' }, 'GraphiQL'))))
      : null,
    h(
      'div',
      { class: 'tools' },
      viewer ? h('span', { class: 'who', 'data-testid': 'viewer' }, `${viewer.organisationKind} ${viewer.organisationCode} · ${viewer.role}`) : null,
      h('button', { type: 'button', class: 'link', lang: lang === 'nl' ? 'en' : 'nl', onclick: () => { setLang(lang === 'nl' ? 'en' : 'nl'); void render(); } }, lang === 'nl' ? 'English' : 'Nederlands'),
      viewer ? h('button', { type: 'button', class: 'link', onclick: () => { signOut(); navigate('/app'); } }, tr('Uitloggen', 'Sign out')) : null,
    ),
  );
}

async function signInPage(main: HTMLElement, problem: string | null): Promise<void> {
  const oidc = await oidcSettings().catch(() => null);
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false', 'aria-describedby': 'token-help' });
  const form = h(
    'form',
    { class: 'card signin', onsubmit: (e: Event) => { e.preventDefault(); signIn(input.value); void render(); } },
    h('h1', {}, tr('Inloggen', 'Sign in')),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    h('label', { for: 'token' }, tr('API-token', 'API token')),
    input,
    h('p', { id: 'token-help', class: 'help' }, tr('Het token blijft alleen in dit tabblad bewaard en verdwijnt als u het sluit. In ontwikkeling drukt npm start demotokens af.', 'The token is kept for this tab only and is gone when you close it. In development, npm start prints demo tokens.')),
    h('button', { type: 'submit' }, tr('Inloggen met token', 'Sign in with token')),
    oidc ? h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'oidc', onclick: () => void startOidc(oidc) }, tr('Inloggen bij de identiteitsprovider', 'Sign in at the identity provider'))) : null,
  );
  replace(main, form);
  input.focus();
}

async function render(): Promise<void> {
  document.documentElement.lang = lang;
  const main = h('main', { id: 'main', tabindex: '-1' });
  let path = location.pathname;
  if (path === CALLBACK_PATH) {
    const oidc = await oidcSettings();
    try {
      if (!oidc) throw new Error('OIDC');
      await completeOidc(oidc);
    } catch (error) {
      replace(root, header(null, path), main);
      return signInPage(main, `${tr('Inloggen bij de identiteitsprovider mislukt', 'Sign-in at the identity provider failed')}: ${(error as Error).message}`);
    }
    path = '/app';
  }
  if (!currentToken()) {
    replace(root, header(null, path), main);
    document.title = `${tr('Inloggen', 'Sign in')} · Zorginkoop exchange`;
    return signInPage(main, null);
  }
  let viewer: Viewer;
  try {
    viewer = (await gql<{ viewer: Viewer }>('query Viewer { viewer { organisationKind organisationCode role subject mayUploadMonitoring } }')).viewer;
  } catch (error) {
    signOut();
    replace(root, header(null, path), main);
    return signInPage(main, error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? tr('Dit token wordt niet geaccepteerd.', 'This token is not accepted.') : (error as Error).message);
  }
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0];
  if (page.path !== path) history.replaceState(null, '', page.path);
  document.title = `${page.title()} · Zorginkoop exchange`;
  replace(root, header(viewer, page.path), main);
  try {
    await page.page(main, viewer);
  } catch (error) {
    main.append(h('p', { class: 'error', role: 'alert' }, (error as Error).message));
  }
}

window.addEventListener('popstate', () => void render());
void render();
