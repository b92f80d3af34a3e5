import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the browser app (src/web/client) with esbuild: the pages in plain TypeScript, and GraphiQL with React
 * from node_modules, so nothing loads from a CDN. `npm start` and the browser tests run it; it takes seconds.
 */
/** The repository root: the nearest folder above this file with a package.json (this file runs from src/ or dist/src/). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export async function buildWeb(outDir: string): Promise<void> {
  const client = path.join(repositoryRoot(), 'src/web/client');
  await build({
    entryPoints: { app: path.join(client, 'main.ts'), graphiql: path.join(client, 'graphiql.tsx') },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.svg': 'dataurl' },
  });
}

if (require.main === module) {
  const started = Date.now();
  const outDir = process.argv[2] ?? 'dist/web';
  buildWeb(outDir).then(
    () => process.stdout.write(`web app built into ${outDir} in ${Date.now() - started} ms\n`),
    (error: unknown) => {
      process.stderr.write(`web build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
