/**
 * The layering of src/: services, rules, pipelines, the CLI and the database code use src/core/ and never
 * src/graphql/, so the CLI, the upload pipeline and the web app run the same code without the GraphQL layer.
 * Only the files that declare the GraphQL shape of a feature may import src/graphql/ or the GraphQL packages
 * (graphql, type-graphql, @apollo/server); src/web/ may use the packages too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');
const GRAPHQL = path.join(SRC, 'graphql');
const CORE = path.join(SRC, 'core');
const WEB = path.join(SRC, 'web');

/**
 * The kinds of file that declare GraphQL types and so may use the GraphQL layer. Entities are GraphQL object types
 * too (one class is the MikroORM entity and the GraphQL type, and implements `Node`); a feature's payloads file
 * registers its error-code enum and builds its `UserError` type.
 */
const GRAPHQL_KINDS = ['.resolver.ts', '.inputs.ts', '.payloads.ts', '.enums.ts', '.types.ts', '.entity.ts'];

/** Files that may import src/graphql/ although their name says otherwise, each with its reason. */
const ALLOWED_FILES: Record<string, string> = {
  'app.ts': 'builds the schema and the Apollo server',
  'cli/main.ts': 'schema:emit prints the SDL the GraphQL layer builds',
};

/** Files that may import the GraphQL packages although their name says otherwise, each with its reason. */
const GRAPHQL_PACKAGE_FILES: Record<string, string> = {
  'app.ts': 'builds the schema and the Apollo server',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The module specifiers of a file's imports, re-exports, dynamic imports and requires. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push(match[1]!);
  return found;
}

const within = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);

const GRAPHQL_PACKAGES = ['graphql', 'type-graphql', '@apollo/server'];

const isGraphqlPackage = (spec: string) => GRAPHQL_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`));
const isGraphqlLayer = (file: string, spec: string) =>
  spec.startsWith('.') && within(path.resolve(path.dirname(file), spec), GRAPHQL);

/** The imports of a file that `reaches` picks, each as "<file> imports <specifier>". */
function importsOf(file: string, reaches: (spec: string) => boolean): string[] {
  return specifiers(readFileSync(file, 'utf8'))
    .filter(reaches)
    .map((spec) => `${path.relative(SRC, file)} imports ${spec}`);
}

/** The imports of a file that reach GraphQL: its packages or src/graphql/. */
const graphqlImports = (file: string) => importsOf(file, (spec) => isGraphqlPackage(spec) || isGraphqlLayer(file, spec));

const relativeName = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

describe('source layout', () => {
  const files = sourceFiles(SRC);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => within(f, CORE))).toBe(true);
  });

  it('imports src/graphql/ only from the GraphQL layer and the files that declare GraphQL types', () => {
    const offenders = files
      .filter((file) => !within(file, GRAPHQL))
      .filter((file) => !GRAPHQL_KINDS.some((kind) => file.endsWith(kind)))
      .filter((file) => !(relativeName(file) in ALLOWED_FILES))
      .flatMap((file) => importsOf(file, (spec) => isGraphqlLayer(file, spec)));
    expect(offenders).toEqual([]);
  });

  it('imports the GraphQL packages only from the GraphQL layer, the web app and the files that declare GraphQL types', () => {
    const offenders = files
      .filter((file) => !within(file, GRAPHQL) && !within(file, WEB))
      .filter((file) => !GRAPHQL_KINDS.some((kind) => file.endsWith(kind)))
      .filter((file) => !(relativeName(file) in GRAPHQL_PACKAGE_FILES))
      .flatMap((file) => importsOf(file, isGraphqlPackage));
    expect(offenders).toEqual([]);
  });

  it('keeps src/core/ free of GraphQL', () => {
    expect(files.filter((file) => within(file, CORE)).flatMap(graphqlImports)).toEqual([]);
  });

  it('keeps the domain rules free of GraphQL', () => {
    const rules = files.filter((file) => within(file, path.join(SRC, 'kpi', 'rules')) || file.endsWith('.rules.ts'));
    expect(rules.length).toBeGreaterThan(5);
    expect(rules.flatMap(graphqlImports)).toEqual([]);
  });

  it('keeps the error codes services import free of GraphQL', () => {
    const errors = files.filter((file) => file.endsWith('.errors.ts'));
    expect(errors.length).toBeGreaterThan(5);
    expect(errors.flatMap(graphqlImports)).toEqual([]);
  });

  it('reaches per-request loaders only through loader definitions (core/loaders.ts)', () => {
    const offenders = files
      .filter((file) => !within(file, CORE))
      .filter((file) => /\.loaders\s*\.\s*obtain\b/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(offenders).toEqual([]);
  });

  it('lists only allowed files that exist', () => {
    const relative = new Set(files.map(relativeName));
    const listed = [...Object.keys(ALLOWED_FILES), ...Object.keys(GRAPHQL_PACKAGE_FILES)];
    expect(listed.filter((f) => !relative.has(f))).toEqual([]);
  });
});
