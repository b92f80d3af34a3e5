import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ts from 'typescript';
import config from './codegen.config';

const ROOT = path.resolve(__dirname, '../..');

/** One output of a codegen config: its plugins and their settings. */
interface Output {
  plugins: string[];
  config: { scalars: Record<string, unknown> } & Record<string, unknown>;
}

/** The codegen config README shows, as committed in test/clients/codegen.config.ts. */
const CONFIG_FILE = fs.readFileSync(path.join(__dirname, 'codegen.config.ts'), 'utf8');

/**
 * Runs the graphql-codegen command as a partner would (its CLI is ES modules, which jest cannot load) with README's
 * output settings, against the committed SDL and this folder's operations.
 */
async function codegen(dir: string, name: string, output: Output): Promise<string> {
  const target = path.join(dir, `${name}.ts`);
  const configFile = path.join(dir, `${name}.codegen.json`);
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      schema: path.join(ROOT, 'schema/schema.graphql'),
      documents: [path.join(__dirname, 'operations.graphql')],
      generates: { [target]: output },
    }),
  );
  // From the repository, where the codegen plugins are installed; under NODE_ENV=test (jest's) it prints nothing.
  const env = { ...process.env, NODE_ENV: 'development' };
  await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', configFile], { cwd: ROOT, env }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`graphql-codegen failed: ${error.stdout ?? ''}${error.stderr ?? ''}`);
    },
  );
  return target;
}

describe('types generated from the committed SDL (GraphQL Code Generator, strictScalars)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zix-codegen-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('README shows exactly the config this test uses', () => {
    // given
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    // then
    expect(readme).toContain(`\`\`\`ts\n${CONFIG_FILE}\`\`\``);
  });

  it('generates and compiles with every custom scalar mapped', async () => {
    // given: README's config, pointed at the committed SDL and this folder's operations
    const [output] = Object.values(config.generates) as Output[];
    const target = await codegen(dir, 'exchange', output);
    fs.copyFileSync(path.join(__dirname, 'operations-usage.ts.txt'), path.join(dir, 'usage.ts'));
    const program = ts.createProgram([target, path.join(dir, 'usage.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${path.basename(d.file?.fileName ?? '')}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    // then
    expect(fs.readFileSync(target, 'utf8')).toContain('export type AlertsQuery');
    expect(diagnostics).toEqual([]);
  });

  it('fails under strictScalars when a custom scalar has no mapping', async () => {
    // given
    const [output] = Object.values(config.generates) as Output[];
    const { Money: _money, ...withoutMoney } = output.config.scalars;
    // when
    const run = codegen(dir, 'broken', { ...output, config: { ...output.config, scalars: withoutMoney } });
    // then
    await expect(run).rejects.toThrow(/Money/);
  });
});
