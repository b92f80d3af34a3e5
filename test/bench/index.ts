import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench`: runs every test/bench/*.bench.ts (compiled) in turn, or only those named on the command line
 * (`npm run bench -- reads`). Each prints its own figures; they never run inside `npm test`.
 */
export interface Benchmark {
  name: string;
  run: () => Promise<void>;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
    .sort();
  if (files.length === 0) throw new Error(`no benchmark matches ${wanted.join(', ') || '(any)'}`);
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bench = require(path.join(__dirname, file)).default as Benchmark;
    process.stdout.write(`\n=== ${bench.name}\n`);
    await bench.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
