import type express from 'express';

/**
 * A small GraphQL explorer served by the API itself, so it works without the internet (Apollo's landing page
 * loads from a CDN). The page keeps the token in sessionStorage only and sends it as a bearer header.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Zorginkoop exchange API explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/explorer.css">
</head>
<body>
<header><h1>Zorginkoop exchange API</h1><p>POST <code>/graphql</code> with a bearer token. <code>npm start</code> prints demo tokens in development.</p></header>
<main>
<section class="input">
<label>Token <input id="token" type="password" autocomplete="off" placeholder="zix_..."></label>
<label>Query <textarea id="query" spellcheck="false">{
  viewer { organisationKind organisationCode role }
  insurers(first: 5) { totalCount nodes { id uzovi name concern { name } } }
}</textarea></label>
<label>Variables (JSON) <textarea id="variables" class="small" spellcheck="false">{}</textarea></label>
<button id="run" type="button">Run (Ctrl+Enter)</button>
</section>
<section class="output"><pre id="result" aria-live="polite"></pre></section>
</main>
<script src="/explorer.js"></script>
</body>
</html>`;

const SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id);
  $('token').value = sessionStorage.getItem('token') || '';
  async function run() {
    sessionStorage.setItem('token', $('token').value);
    let variables;
    try { variables = JSON.parse($('variables').value || '{}'); } catch (e) { $('result').textContent = 'Variables are not valid JSON: ' + e.message; return; }
    $('result').textContent = 'running...';
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + $('token').value.trim() },
      body: JSON.stringify({ query: $('query').value, variables }),
    });
    const text = await response.text();
    try { $('result').textContent = response.status + '\\n' + JSON.stringify(JSON.parse(text), null, 2); }
    catch { $('result').textContent = response.status + '\\n' + text; }
  }
  $('run').addEventListener('click', run);
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
})();`;

const STYLE = `body{font:15px system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{padding:12px 20px;background:#0b3d62;color:#fff}header h1{margin:0;font-size:20px}header p{margin:4px 0 0}
main{display:grid;grid-template-columns:1fr 1fr;gap:16px;padding:16px}
label{display:block;margin-bottom:10px;font-weight:600}
input,textarea{display:block;width:100%;box-sizing:border-box;font:13px ui-monospace,monospace;margin-top:4px;padding:6px}
textarea{height:320px}textarea.small{height:80px}
button{padding:8px 16px;font-weight:600;background:#0b3d62;color:#fff;border:0;border-radius:4px;cursor:pointer}
pre{background:#fff;border:1px solid #ccd;padding:10px;min-height:440px;overflow:auto;font-size:13px;margin:0}`;

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function mountExplorer(app: express.Express): void {
  const send = (type: string, body: string) => (_req: express.Request, res: express.Response) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.type(type).send(body);
  };
  app.get('/', send('html', PAGE));
  app.get('/explorer.js', send('application/javascript', SCRIPT));
  app.get('/explorer.css', send('css', STYLE));
}
