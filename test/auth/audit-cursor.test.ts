import { useTestApp, dataOf } from '../support/app';

const app = useTestApp();

const PAGE = `query($a: String, $s: DateTime) {
  auditEvents(first: 2, after: $a, filter: { operation: "segmentCreate", since: $s }) {
    nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

async function createSegments(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await app.gql(`mutation { segmentCreate(input: { code: "KEYSET_${await app.factory.nextNumber()}", name: "x" }) { userErrors { code } } }`);
  }
  await app.flushAudit();
}

describe('audit log cursors (keyset)', () => {
  it('continues after the last event read when events are written between two page reads', async () => {
    // given: four events, the first page read
    const since = new Date(Date.now() - 1000).toISOString();
    await createSegments(4);
    const all = dataOf(await app.gql(PAGE.replace('first: 2', 'first: 100'), { s: since })).auditEvents.nodes.map((n: { id: string }) => n.id);
    const page1 = dataOf(await app.gql(PAGE, { s: since })).auditEvents;
    // when: two more events arrive (they are newest, so they sort before page 1), then page 2 is read
    await createSegments(2);
    const page2 = dataOf(await app.gql(PAGE, { s: since, a: page1.pageInfo.endCursor })).auditEvents;
    // then: page 2 holds the next two events of the first reading, none repeated
    expect(all).toHaveLength(4);
    expect(page1.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(0, 2));
    expect(page2.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(2, 4));
    expect(page2.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('refuses a keyset cursor of the previous release, saying to start from the first page', async () => {
    const response = await app.gql(PAGE, { a: Buffer.from('k:12').toString('base64url') });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(/first page/);
  });

  it('refuses a cursor it did not issue', async () => {
    // given: an offset cursor of another list
    const offsetCursor = Buffer.from('o:3').toString('base64url');
    // when
    const response = await app.gql(PAGE, { a: offsetCursor });
    // then
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
