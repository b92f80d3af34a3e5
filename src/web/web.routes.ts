import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { WebConfig } from '../config';

/**
 * The web app the API serves: one HTML shell per bundle (no data is ever written into the HTML; every page reads
 * through /graphql with the signed-in credential), the built assets, and the public sign-in settings.
 */
/** What `src/web/build.ts` writes; nothing else is served from the assets folder. */
const WEB_ENTRIES = ['app.js', 'app.css', 'graphiql.js', 'graphiql.css'];

const APP_PATHS = ['/app', '/app/kpi', '/app/ceilings', '/app/monitoring', '/app/callback'];

function shell(title: string, bundle: 'app' | 'graphiql'): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/${bundle}.css">
<script defer src="/assets/${bundle}.js"></script>
</head>
<body>
<div id="root"><noscript>Deze pagina heeft JavaScript nodig. / This page needs JavaScript.</noscript></div>
</body>
</html>`;
}

const APP_HTML = shell('Zorginkoop exchange', 'app');
const GRAPHIQL_HTML = shell('Zorginkoop exchange: GraphiQL', 'graphiql');

export function webRouter(web: WebConfig): express.Router {
  const router = express.Router();
  const assetsDir = path.resolve(web.assetsDir);
  router.get('/', (_req, res) => res.redirect(302, '/app'));
  router.get('/favicon.ico', (_req, res) => res.status(204).end());
  router.get(APP_PATHS, (_req, res) => res.type('html').setHeader('cache-control', 'no-cache').send(APP_HTML));
  router.get('/graphiql', (_req, res) => res.type('html').setHeader('cache-control', 'no-cache').send(GRAPHIQL_HTML));
  // Only what the identity provider needs from the page: it holds no secret (a public client with PKCE).
  const signIn = JSON.stringify({ oidc: web.oidcClient });
  router.get('/web-config.json', (_req, res) => res.type('json').setHeader('cache-control', 'no-store').send(signIn));
  const names = new Set<string>(WEB_ENTRIES);
  router.get('/assets/:name', (req, res) => {
    const name = req.params.name;
    const file = path.join(assetsDir, name);
    if (!names.has(name) || !fs.existsSync(file)) {
      res.status(404).type('text').send(names.has(name) ? 'The web app is not built: run npm run build.' : 'Not found.');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(file);
  });
  return router;
}
