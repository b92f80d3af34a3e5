import 'graphiql/graphiql.css';
import './graphiql-page.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { GraphiQLProps } from 'graphiql';
import { currentToken, signIn, signOut } from './auth';
import { lang, tr } from './i18n';

/**
 * GraphiQL from npm, served by the API (offline): schema docs, completion, variables, headers, history, and a
 * panel that attaches a file to the next mutation (multipart). The
 * bearer token comes from this tab's sessionStorage, unless the headers editor sets its own Authorization.
 * Headers typed in the editor are not persisted (shouldPersistHeaders stays false).
 */
/** A file attached in the upload panel, sent with the next operation at a variable path (e.g. input.file). */
const attachment: { file: File | null; path: string } = { file: null, path: 'input.file' };

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const headers: Record<string, string> = { ...(options?.headers as Record<string, string> | undefined) };
  const token = currentToken();
  if (token && !Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) headers.authorization = `Bearer ${token}`;
  const variables = (params.variables ?? {}) as Record<string, unknown>;
  const isMutation = /^\s*mutation\b/m.test(params.query) && params.operationName !== 'IntrospectionQuery';
  let body: BodyInit;
  if (attachment.file && isMutation) {
    // graphql-multipart-request-spec: the operation with null at the file's place, the map, then the file.
    const form = new FormData();
    form.append('operations', JSON.stringify({ ...params, variables: withNullAt(variables, attachment.path) }));
    form.append('map', JSON.stringify({ 0: [`variables.${attachment.path}`] }));
    form.append('0', attachment.file, attachment.file.name);
    headers['apollo-require-preflight'] = 'true';
    body = form;
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(params);
  }
  const response = await fetch('/graphql', { method: 'POST', headers, body });
  return response.json();
};

function withNullAt(variables: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(variables)) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = Object.create(null);
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = null;
  return copy;
}

function UploadPanel() {
  const [name, setName] = useState(attachment.file?.name ?? '');
  const [path, setPath] = useState(attachment.path);
  return (
    <div className="ide-upload">
      <h2>{tr('Bestand uploaden', 'File upload')}</h2>
      <p>{tr('Het gekozen bestand gaat mee met de volgende mutation, op de plek van de variabele hieronder (multipart).', 'The chosen file goes with the next mutation, at the variable below (multipart).')}</p>
      <label htmlFor="ide-file">{tr('Bestand', 'File')}</label>
      <input id="ide-file" type="file" onChange={(e) => { attachment.file = e.target.files?.[0] ?? null; setName(attachment.file?.name ?? ''); }} />
      <label htmlFor="ide-file-path">{tr('Variabele', 'Variable')}</label>
      <input id="ide-file-path" type="text" value={path} onChange={(e) => { attachment.path = e.target.value; setPath(e.target.value); }} />
      <p data-testid="ide-attached">{name ? `${tr('Klaar', 'Ready')}: ${name}` : tr('Geen bestand gekozen.', 'No file chosen.')}</p>
      {name ? <button type="button" onClick={() => { attachment.file = null; setName(''); }}>{tr('Verwijderen', 'Remove')}</button> : null}
    </div>
  );
}

const UPLOAD_PLUGIN = {
  title: tr('Bestand uploaden', 'File upload'),
  icon: () => (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 3v12M6 9l6-6 6 6M4 17v4h16v-4" fill="none" stroke="currentColor" strokeWidth="2" /></svg>
  ),
  content: UploadPanel,
};

const DEFAULT_QUERY = `# ${tr('Welkom. Ctrl+Spatie vult aan, Ctrl+Enter voert uit; de documentatie staat links.', 'Welcome. Ctrl+Space completes, Ctrl+Enter runs; the docs are on the left.')}
{
  viewer { organisationKind organisationCode role }
  insurers(first: 5) { totalCount nodes { id uzovi name concern { name } } }
}
`;

function TokenBar() {
  const [signedIn, setSignedIn] = useState(Boolean(currentToken()));
  const [value, setValue] = useState('');
  return (
    <header className="ide-bar">
      <a href="/app">{tr('← Naar de web-app', '← To the web app')}</a>
      {signedIn ? (
        <span>
          {tr('Ingelogd in dit tabblad.', 'Signed in in this tab.')}{' '}
          <button type="button" onClick={() => { signOut(); setSignedIn(false); }}>{tr('Uitloggen', 'Sign out')}</button>
        </span>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); signIn(value); setValue(''); setSignedIn(true); }}>
          <label htmlFor="ide-token">{tr('API-token', 'API token')}</label>{' '}
          <input id="ide-token" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} required />{' '}
          <button type="submit">{tr('Inloggen', 'Sign in')}</button>
        </form>
      )}
    </header>
  );
}

/**
 * GraphiQL's CodeMirror editors type into a hidden textarea that has no label of its own (WCAG 4.1.2): each gets the
 * name of the editor region around it ("Query Editor", "Variables", ...), also when GraphiQL redraws.
 */
function nameEditors(root: HTMLElement): void {
  const name = () =>
    root.querySelectorAll('textarea:not([aria-label]):not([id])').forEach((area) => {
      const region = area.parentElement?.closest('[aria-label]');
      if (region) area.setAttribute('aria-label', region.getAttribute('aria-label')!);
    });
  new MutationObserver(name).observe(root, { childList: true, subtree: true });
  name();
}

document.documentElement.lang = lang;
const root = document.getElementById('root')!;
nameEditors(root);
createRoot(root).render(
  <StrictMode>
    <div className="ide">
      <TokenBar />
      <div className="ide-main" lang="en">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} plugins={[UPLOAD_PLUGIN]} />
      </div>
    </div>
  </StrictMode>,
);
