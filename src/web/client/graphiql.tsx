import 'graphiql/graphiql.css';
import './graphiql-page.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { GraphiQLProps } from 'graphiql';
import { currentToken, signIn, signOut } from './auth';
import { lang, tr } from './i18n';

/**
 * GraphiQL from npm, served by the API (offline): schema docs, completion, variables, headers, history. The
 * bearer token comes from this tab's sessionStorage, unless the headers editor sets its own Authorization.
 * Headers typed in the editor are not persisted (shouldPersistHeaders stays false).
 */
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options?.headers as Record<string, string> | undefined) };
  const token = currentToken();
  if (token && !Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return response.json();
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

document.documentElement.lang = lang;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <div className="ide">
      <TokenBar />
      <div className="ide-main">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
      </div>
    </div>
  </StrictMode>,
);
