import { buildSchema, getNamedType, isListType, isNonNullType, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useTestApp, dataOf, issueToken } from '../support/app';
import { Contract } from '../../src/contract/contract.entity';

/** The plain lists of Node types have connections beside them; the lists stay, deprecated, for one release. */
const app = useTestApp();

describe('connections beside the plain lists', () => {
  it('every list field of a Node type outside a connection is deprecated and has a `<name>Connection` with the same arguments', () => {
    // given
    const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
    const lists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
        const item = getNamedType(field.type);
        if (!isListType(inner) || !isObjectType(item) || !item.getInterfaces().some((i) => i.name === 'Node')) continue;
        if (type === schema.getQueryType()) continue;
        lists.push(`${type.name}.${field.name}`);
        // then
        expect({ field: `${type.name}.${field.name}`, deprecated: Boolean(field.deprecationReason) }).toEqual({ field: `${type.name}.${field.name}`, deprecated: true });
        const connection = type.getFields()[`${field.name}Connection`];
        expect(connection && String(connection.type)).toBe(`${item.name}Connection!`);
        expect(connection!.args.map((a) => a.name).sort()).toEqual([...field.args.map((a) => a.name), 'after', 'before', 'first', 'last'].sort());
      }
    }
    expect(lists).toHaveLength(13);
  });

  it("pages a provider's contracts by keyset: an insert and a delete between two reads neither repeat nor skip one; last/before reverses", async () => {
    // given: five contracts of one provider, read by their insurer
    const insurer = await app.factory.insurer();
    const provider = await app.factory.provider();
    const segment = await app.contracts.seeded('MSZ');
    const made: Contract[] = [];
    for (const year of [2051, 2052, 2053, 2054, 2055]) made.push(await app.contracts.contract({ insurer, provider, segment, firstYear: year }));
    const token = await issueToken(app.orm, { role: 'INSURER_MEMBER', insurer });
    const q = `query($agb: [String!], $first: Int, $after: String, $last: Int, $before: String) { providers(first: 1, filter: { agb: $agb }) { nodes {
      contracts { termStart }
      contractsConnection(first: $first, after: $after, last: $last, before: $before) { totalCount nodes { termStart } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`;
    const read = async (v: Record<string, unknown>) => dataOf(await app.gql(q, { agb: [provider.agb], ...v }, { token })).providers.nodes[0];
    const whole = await read({ first: 100 });
    expect(whole.contractsConnection.nodes).toEqual(whole.contracts);
    const page1 = (await read({ first: 2 })).contractsConnection;
    // when: a contract newer than all, and the one right after the cursor deleted
    await app.contracts.contract({ insurer, provider, segment, firstYear: 2056 });
    await app.orm.em.fork().nativeDelete(Contract, { id: made[2]!.id });
    const page2 = (await read({ first: 10, after: page1.pageInfo.endCursor })).contractsConnection;
    // then: newest term first; after 2055 and 2054 come 2052 and 2051
    expect(page1.nodes.map((n: any) => n.termStart)).toEqual(['2055-01-01', '2054-01-01']);
    expect(page2.nodes.map((n: any) => n.termStart)).toEqual(['2052-01-01', '2051-01-01']);
    expect(page2.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(page2.totalCount).toBe(5);
    // and backwards: the last two, then the two before
    const back1 = (await read({ last: 2 })).contractsConnection;
    const back2 = (await read({ last: 2, before: back1.pageInfo.startCursor })).contractsConnection;
    expect(back1.nodes.map((n: any) => n.termStart)).toEqual(['2052-01-01', '2051-01-01']);
    expect(back2.nodes.map((n: any) => n.termStart)).toEqual(['2055-01-01', '2054-01-01']);
    expect(back2.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    // a cursor of another list is refused
    const foreign = dataOf(await app.gql(`{ insurers(first: 1) { pageInfo { endCursor } } }`)).insurers.pageInfo.endCursor;
    const refused = await app.gql(q, { agb: [provider.agb], first: 1, after: foreign }, { token });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
