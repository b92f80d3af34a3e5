import { createHash } from 'node:crypto';
import { useTestApp } from '../support/app';

const app = useTestApp();

const QUERY = '{ insurers(first: 3, orderBy: { field: NAME }) { nodes { uzovi name } } }';

/** A GET query as urql sends it, with the preflight header CSRF prevention asks for. */
function getQuery(params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  const search = new URLSearchParams(params).toString();
  return fetch(`${app.url}?${search}`, {
    headers: { authorization: `Bearer ${app.operatorToken}`, 'apollo-require-preflight': 'true', ...headers },
  });
}

describe('caching of GET queries', () => {
  it('gives two identical answers the same body and ETag, the rate budget only in headers', async () => {
    // when
    const first = await getQuery({ query: QUERY });
    const second = await getQuery({ query: QUERY });
    // then
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).not.toBe(second.headers.get('ratelimit-remaining'));
    const [a, b] = [await first.text(), await second.text()];
    expect(a).toBe(b);
    expect(JSON.stringify(JSON.parse(a).extensions)).not.toMatch(/budget/i);
    expect(first.headers.get('etag')).toBeTruthy();
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toMatch(/authorization/i);
  });

  it('answers 304 without a body to If-None-Match with the current ETag, and 200 to an old one', async () => {
    // given
    const etag = (await getQuery({ query: QUERY })).headers.get('etag')!;
    // when
    const unchanged = await getQuery({ query: QUERY }, { 'if-none-match': etag });
    const other = await getQuery({ query: QUERY }, { 'if-none-match': 'W/"0-0"' });
    // then
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(other.status).toBe(200);
    expect(((await other.json()) as any).data.insurers.nodes).toHaveLength(3);
  });

  it('answers 200 again once the data changed', async () => {
    // given
    const query = '{ segments(first: 100) { totalCount } }';
    const etag = (await getQuery({ query })).headers.get('etag')!;
    await app.gql('mutation($i: SegmentCreateInput!) { segmentCreate(input: $i) { userErrors { code } } }', {
      i: { code: `ETAG_${Date.now()}`, name: 'ETag test' },
    });
    // when
    const after = await getQuery({ query }, { 'if-none-match': etag });
    // then
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('never answers 304 to another credential than the one that may read the data', async () => {
    // given: the operator's ETag of the token list
    const query = '{ apiTokens(first: 5) { totalCount } }';
    const etag = (await getQuery({ query })).headers.get('etag')!;
    // when: an insurer member presents it
    const member = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: { id: 1 } });
    const response = await getQuery({ query }, { authorization: `Bearer ${member}`, 'if-none-match': etag });
    // then: it gets its own answer (a refusal), not the operator's
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a GET query without the preflight header (CSRF), as README says', async () => {
    // when
    const response = await fetch(`${app.url}?query=${encodeURIComponent(QUERY)}`, { headers: { authorization: `Bearer ${app.operatorToken}` } });
    // then
    expect(response.status).toBe(400);
  });
});

describe('automatic persisted queries over GET', () => {
  it('asks for an unknown hash once, then answers by hash alone', async () => {
    // given
    const sha256Hash = createHash('sha256').update(QUERY).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    // when
    const unknown = (await (await getQuery({ extensions })).json()) as any;
    const registered = await getQuery({ query: QUERY, extensions });
    const byHash = await getQuery({ extensions });
    // then
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(registered.status).toBe(200);
    expect(byHash.status).toBe(200);
    expect(((await byHash.json()) as any).data.insurers.nodes).toHaveLength(3);
  });
});
