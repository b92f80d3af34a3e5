import { useTestApp, dataOf, issueToken } from '../support/app';
import { Provider } from '../../src/provider/provider.entity';
import { Insurer } from '../../src/insurer/insurer.entity';
import { Contract } from '../../src/contract/contract.entity';

/**
 * Keyset cursors: a page read after rows were inserted and deleted continues exactly after the last row read, for
 * lists on different tables and orders; `last`/`before` pages back; a cursor the API did not issue is refused.
 */
const app = useTestApp();

type Node = { id: string };
interface Conn {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** A list under test: a query taking `$first/$after/$last/$before`, and how to add and remove one row of it. */
interface ListCase {
  name: string;
  query: string;
  field: string;
  setup: () => Promise<{ add: (position: 'early' | 'late') => Promise<void>; remove: (globalId: string) => Promise<void>; vars: Record<string, unknown>; token?: string }>;
}

const PAGE_ARGS = `first: $first, after: $after, last: $last, before: $before`;
const PAGE_SEL = `totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const rawId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

const cases: ListCase[] = [
  {
    name: 'providers by name',
    field: 'providers',
    query: `query($first: Int, $after: String, $last: Int, $before: String, $s: String) {
      providers(${PAGE_ARGS}, filter: { search: $s }, orderBy: { field: NAME, direction: ASC }) { ${PAGE_SEL} } }`,
    setup: async () => {
      const marker = `Keyset zorg ${await app.factory.nextNumber()}`;
      for (const n of ['b', 'd', 'f', 'h', 'j']) await app.factory.provider({ name: `${marker} ${n}` });
      return {
        vars: { s: marker },
        add: async (position) => {
          await app.factory.provider({ name: `${marker} ${position === 'early' ? 'a' : 'i'}` });
        },
        remove: async (globalId) => {
          await app.orm.em.fork().nativeDelete(Provider, { id: rawId(globalId) });
        },
      };
    },
  },
  {
    name: 'insurers by name, descending',
    field: 'insurers',
    query: `query($first: Int, $after: String, $last: Int, $before: String, $s: String) {
      insurers(${PAGE_ARGS}, filter: { search: $s }, orderBy: { field: NAME, direction: DESC }) { ${PAGE_SEL} } }`,
    setup: async () => {
      const marker = `Keyset verzekeraar ${await app.factory.nextNumber()}`;
      for (const n of ['b', 'd', 'f', 'h', 'j']) await app.factory.insurer({ name: `${marker} ${n}` });
      return {
        vars: { s: marker },
        add: async (position) => {
          await app.factory.insurer({ name: `${marker} ${position === 'early' ? 'k' : 'c'}` });
        },
        remove: async (globalId) => {
          await app.orm.em.fork().nativeDelete(Insurer, { id: rawId(globalId) });
        },
      };
    },
  },
  {
    name: 'contracts (newest term first, ties by id)',
    field: 'contracts',
    query: `query($first: Int, $after: String, $last: Int, $before: String, $agb: String) {
      contracts(${PAGE_ARGS}, filter: { providerAgb: $agb }) { ${PAGE_SEL} } }`,
    setup: async () => {
      const insurer = await app.factory.insurer();
      const provider = await app.factory.provider();
      const segment = await app.contracts.seeded('MSZ');
      // Two contracts share each term start, so the id breaks ties inside the sort key.
      for (const year of [2041, 2041, 2043, 2043, 2045]) await app.contracts.contract({ insurer, provider, segment, firstYear: year });
      return {
        vars: { agb: provider.agb },
        // the contract's insurer reads its own contracts (an operator admin sees none)
        token: await issueToken(app.orm, { role: 'INSURER_MEMBER', insurer }),
        add: async (position) => {
          await app.contracts.contract({ insurer, provider, segment, firstYear: position === 'early' ? 2046 : 2041 });
        },
        remove: async (globalId) => {
          await app.orm.em.fork().nativeDelete(Contract, { id: rawId(globalId) });
        },
      };
    },
  },
];

let token: string | undefined;
async function read(c: ListCase, vars: Record<string, unknown>): Promise<Conn> {
  return dataOf(await app.gql(c.query, vars, token ? { token } : {}))[c.field];
}

async function readAll(c: ListCase, vars: Record<string, unknown>): Promise<string[]> {
  return (await read(c, { ...vars, first: 100 })).nodes.map((n) => n.id);
}

describe.each(cases)('keyset cursors: $name', (c) => {
  it('neither repeats nor skips a row when two rows are inserted and one deleted between two page reads', async () => {
    // given: five rows, the first page of two read
    const list = await c.setup();
    token = list.token;
    const before = await readAll(c, list.vars);
    const page1 = await read(c, { ...list.vars, first: 2 });
    expect(page1.nodes.map((n) => n.id)).toEqual(before.slice(0, 2));
    // when: one row is inserted before the cursor, one after it, and the row right after the cursor is deleted
    await list.add('early');
    await list.add('late');
    await list.remove(before[2]!);
    const after = await readAll(c, list.vars);
    const page2 = await read(c, { ...list.vars, first: 2, after: page1.pageInfo.endCursor });
    const page3 = await read(c, { ...list.vars, first: 10, after: page2.pageInfo.endCursor });
    // then: the following pages are exactly the rows now after the last row read, in order
    const lastRead = after.indexOf(page1.nodes[1]!.id);
    expect(lastRead).toBeGreaterThan(0);
    expect([...page2.nodes, ...page3.nodes].map((n) => n.id)).toEqual(after.slice(lastRead + 1));
    expect(page2.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(page3.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    // the rows present throughout appear once each across the pages read
    const seen = [...page1.nodes, ...page2.nodes, ...page3.nodes].map((n) => n.id);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before.filter((id) => after.includes(id))) expect(seen).toContain(id);
    expect(page2.totalCount).toBe(after.length);
  });

  it('pages backwards with last/before: the same rows, each page in list order', async () => {
    // given
    const list = await c.setup();
    token = list.token;
    const all = await readAll(c, list.vars);
    // when: the last two, then the two before them, then the rest
    const p1 = await read(c, { ...list.vars, last: 2 });
    const p2 = await read(c, { ...list.vars, last: 2, before: p1.pageInfo.startCursor });
    const p3 = await read(c, { ...list.vars, last: 10, before: p2.pageInfo.startCursor });
    // then
    expect(p1.nodes.map((n) => n.id)).toEqual(all.slice(-2));
    expect(p2.nodes.map((n) => n.id)).toEqual(all.slice(-4, -2));
    expect(p3.nodes.map((n) => n.id)).toEqual(all.slice(0, -4));
    expect(p1.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(p2.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(p3.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    // and a forward page from a backward page's cursor continues in list order
    const forward = await read(c, { ...list.vars, first: 2, after: p2.pageInfo.endCursor });
    expect(forward.nodes.map((n) => n.id)).toEqual(p1.nodes.map((n) => n.id));
  });

  it('refuses a tampered, foreign or offset cursor with BAD_USER_INPUT', async () => {
    // given
    const list = await c.setup();
    token = list.token;
    const page = await read(c, { ...list.vars, first: 1 });
    const cursor = page.pageInfo.endCursor!;
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const tampered = [
      Buffer.from(decoded.replace(/\d+\]$/, '"1 or 1=1"]')).toString('base64url'),
      Buffer.from(decoded.replace(/\d+\]$/, '1e400]')).toString('base64url'),
      Buffer.from(decoded.replace(/^\["[^"]*"/, '["other"')).toString('base64url'),
      Buffer.from(JSON.stringify(JSON.parse(decoded).map((v: unknown, i: number) => (i === 1 ? { $ne: null } : v)))).toString('base64url'),
      Buffer.from('o:3').toString('base64url'),
      'not a cursor',
      `${cursor}x`,
    ];
    for (const bad of tampered) {
      // when
      const response = await app.gql(c.query, { ...list.vars, first: 1, after: bad }, token ? { token } : {});
      // then
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0]?.message).toMatch(/cursor/);
    }
  });
});

describe('page arguments', () => {
  it('refuses first with last, and after with last', async () => {
    for (const args of ['first: 1, last: 1', 'last: 1, after: "x"', 'first: 1, before: "x"']) {
      const response = await app.gql(`{ segments(${args}) { nodes { id } } }`);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('offset cursors are refused with a message that says to start from the first page', async () => {
    const response = await app.gql(`query($a: String) { segments(first: 1, after: $a) { nodes { id } } }`, { a: Buffer.from('o:0').toString('base64url') });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(/first page/);
  });
});

describe('every list pages forward and backward to the rows of one big page', () => {
  // Orders on a relation's column (market shares by region code, agreements by segment and region code), on a
  // foreign key, on dates, decimals, enums and timestamps.
  const lists: [field: string, args: string][] = [
    ['marketShares', ''],
    ['marketShares', 'orderBy: { field: REGION, direction: DESC }'],
    ['representationAgreements', ''],
    ['regions', ''],
    ['segments', 'orderBy: { field: NAME, direction: DESC }'],
    ['concerns', ''],
    ['purchasingPolicies', ''],
    ['upcomingMilestones', 'from: "2023-01-01", days: 366'],
    ['kpis', ''],
    ['apiTokens', ''],
    ['auditEvents', ''],
    ['monitoringSubmissions', ''],
  ];
  beforeAll(async () => {
    // tokens (ordered by creation time) and audit events of their own
    for (let i = 0; i < 4; i += 1) await issueToken(app.orm, { role: 'OPERATOR_ADMIN' });
    for (let i = 0; i < 3; i += 1) await app.gql(`mutation { segmentCreate(input: { code: "KS_${await app.factory.nextNumber()}", name: "x" }) { userErrors { code } } }`);
    await app.flushAudit();
  });

  it.each(lists)('%s(%s)', async (field, args) => {
    const sep = args ? `${args}, ` : '';
    const q = `query($first: Int, $after: String, $last: Int, $before: String) { ${field}(${sep}first: $first, after: $after, last: $last, before: $before) {
      nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    token = undefined;
    const all = dataOf(await app.gql(q, { first: 60 }))[field].nodes.map((n: Node) => n.id);
    expect(all.length).toBeGreaterThan(1);
    const forward: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 30 && forward.length < all.length; i += 1) {
      const page: Conn = dataOf(await app.gql(q, { first: 7, after }))[field];
      forward.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.endCursor;
    }
    expect(forward.slice(0, all.length)).toEqual(all);
    // the three before the k-th item
    const k = Math.min(4, all.length - 1);
    const before = dataOf(await app.gql(q, { first: k + 1 }))[field].pageInfo.endCursor;
    const last = dataOf(await app.gql(q, { last: 3, before }))[field];
    expect(last.nodes.map((n: Node) => n.id)).toEqual(all.slice(Math.max(0, k - 3), k));
    expect(last.pageInfo.hasPreviousPage).toBe(k > 3);
  });
});
