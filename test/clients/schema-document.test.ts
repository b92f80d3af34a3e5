import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import { useTestApp } from '../support/app';

const ROOT = path.resolve(__dirname, '../..');
const COMMITTED = fs.readFileSync(path.join(ROOT, 'schema/schema.graphql'), 'utf8');

describe('GET /schema.graphql', () => {
  // given: production settings, where introspection is off
  const app = useTestApp({ env: { NODE_ENV: 'production', INTROSPECTION: 'false', SEED_ON_START: 'false' } });
  let base: string;
  beforeAll(() => {
    base = app.url.replace(/\/graphql$/, '');
  });

  it('serves the committed SDL without a credential while introspection is refused', async () => {
    // when
    const sdl = await fetch(`${base}/schema.graphql`);
    const introspection = await app.gql('{ __schema { queryType { name } } }');
    // then
    expect(sdl.status).toBe(200);
    expect(sdl.headers.get('content-type')).toMatch(/^application\/graphql/);
    expect(await sdl.text()).toBe(COMMITTED);
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('answers 304 to a request that holds the current version', async () => {
    // given
    const first = await fetch(`${base}/schema.graphql`);
    const etag = first.headers.get('etag')!;
    // when
    const again = await fetch(`${base}/schema.graphql`, { headers: { 'if-none-match': etag } });
    const stale = await fetch(`${base}/schema.graphql`, { headers: { 'if-none-match': '"something-else"' } });
    // then
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(again.status).toBe(304);
    expect(stale.status).toBe(200);
  });
});

/** The "Unreleased" part of CHANGELOG.md: from its heading to the next release heading. */
function unreleasedNotes(): string {
  const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  const start = changelog.indexOf('## Unreleased');
  if (start < 0) throw new Error('CHANGELOG.md has no "## Unreleased" section');
  const next = changelog.indexOf('\n## ', start + 1);
  return changelog.slice(start, next < 0 ? undefined : next);
}

describe('breaking changes against the last release (schema/released.graphql)', () => {
  it('every breaking change of the schema is announced in CHANGELOG.md under Unreleased', () => {
    // given
    const released = buildSchema(fs.readFileSync(path.join(ROOT, 'schema/released.graphql'), 'utf8'));
    const current = buildSchema(COMMITTED);
    const notes = unreleasedNotes();
    // when
    const unannounced = findBreakingChanges(released, current)
      .map((change) => change.description)
      .filter((description) => !notes.includes(description));
    // then
    if (unannounced.length > 0) {
      throw new Error(
        `Breaking changes against the last release that CHANGELOG.md does not announce under "## Unreleased" (quote each line there, or keep the old field deprecated):\n${unannounced.join('\n')}`,
      );
    }
  });

  it('the check finds a removed field and a narrowed argument', () => {
    // given
    const before = buildSchema('type Query { a: Int b(x: Int): Int }');
    const after = buildSchema('type Query { b(x: Int!): Int }');
    // when
    const changes = findBreakingChanges(before, after).map((c) => c.description);
    // then
    expect(changes).toEqual(['Query.a was removed.', 'Query.b arg x has changed type from Int to Int!.']);
  });
});
