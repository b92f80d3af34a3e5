import { useTestApp, dataOf, errorCodes } from '../support/app';

const app = useTestApp();

const CREATE = `mutation($input: InsurerCreateInput!) {
  insurerCreate(input: $input) { insurer { id uzovi name concern { code } } userErrors { field message code } }
}`;
const UPDATE = `mutation($input: InsurerUpdateInput!) {
  insurerUpdate(input: $input) { insurer { id uzovi name concern { code } } userErrors { field message code } }
}`;

describe('insurers', () => {
  it('lists the seeded large insurers with their concern; Zilveren Kruis and De Friesland share one', async () => {
    // given: other files add insurers named "Test insurer ...", which would push seeded names off a page sorted by name
    const seeded = ['3311', '9902', '9903', '9904', '9905', '9906', '9907', '9908'];
    // when
    const data = dataOf(
      await app.gql(`query($u: [String!]) { insurers(first: 100, filter: { uzovi: $u }, orderBy: { field: NAME }) { totalCount nodes { uzovi name concern { code name } } } }`, { u: seeded }),
    );
    // then
    const names = data.insurers.nodes.map((i: any) => i.name);
    for (const name of ['Zilveren Kruis', 'De Friesland', 'Zorg en Zekerheid', 'VGZ', 'CZ', 'Menzis', 'DSW', 'ONVZ']) expect(names).toContain(name);
    const concernOf = (name: string) => data.insurers.nodes.find((i: any) => i.name === name).concern.code;
    expect(concernOf('Zilveren Kruis')).toBe(concernOf('De Friesland'));
    expect(concernOf('Zilveren Kruis')).not.toBe(concernOf('CZ'));
    expect(data.insurers.totalCount).toBe(8);
  });

  it('finds an insurer by UZOVI code and returns null for an unknown one', async () => {
    const data = dataOf(await app.gql(`{ zk: insurer(uzovi: "3311") { name } none: insurer(uzovi: "0000") { name } }`));
    expect(data.zk.name).toBe('Zilveren Kruis');
    expect(data.none).toBeNull();
  });

  it('filters by concern and by name, and orders by UZOVI descending', async () => {
    // given
    const concern = await app.factory.concern();
    await app.factory.insurer({ concern, name: 'Alpha Zorg' });
    await app.factory.insurer({ concern, name: 'Beta Zorg' });
    // when
    const data = dataOf(
      await app.gql(`query($c: String) { insurers(filter: { concernCode: $c, search: "zorg" }, orderBy: { field: UZOVI, direction: DESC }) { totalCount nodes { name uzovi } } }`, {
        c: concern.code,
      }),
    );
    // then
    expect(data.insurers.totalCount).toBe(2);
    const codes = data.insurers.nodes.map((n: any) => n.uzovi);
    expect(codes).toEqual([...codes].sort().reverse());
  });

  it('pages with cursors without overlap', async () => {
    const first = dataOf(await app.gql(`{ insurers(first: 3, orderBy: { field: UZOVI }) { edges { cursor node { uzovi } } pageInfo { hasNextPage endCursor hasPreviousPage } } }`));
    expect(first.insurers.pageInfo.hasNextPage).toBe(true);
    expect(first.insurers.pageInfo.hasPreviousPage).toBe(false);
    const second = dataOf(
      await app.gql(`query($after: String) { insurers(first: 3, after: $after, orderBy: { field: UZOVI }) { nodes { uzovi } pageInfo { hasPreviousPage } } }`, {
        after: first.insurers.pageInfo.endCursor,
      }),
    );
    expect(second.insurers.pageInfo.hasPreviousPage).toBe(true);
    const firstCodes = first.insurers.edges.map((e: any) => e.node.uzovi);
    for (const n of second.insurers.nodes) expect(firstCodes).not.toContain(n.uzovi);
    expect(second.insurers.nodes[0].uzovi > firstCodes[2]).toBe(true);
  });

  it('creates an insurer, reachable through node()', async () => {
    // given
    const concern = await app.factory.concern();
    const uzovi = await app.factory.uzovi();
    // when
    const created = dataOf(await app.gql(CREATE, { input: { uzovi, name: '  Nieuwe Zorgverzekeraar ', concernCode: concern.code } }));
    // then
    expect(created.insurerCreate.userErrors).toEqual([]);
    expect(created.insurerCreate.insurer).toMatchObject({ uzovi, name: 'Nieuwe Zorgverzekeraar', concern: { code: concern.code } });
    const viaNode = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id ... on Insurer { uzovi } } }`, { id: created.insurerCreate.insurer.id }));
    expect(viaNode.node.uzovi).toBe(uzovi);
  });

  it.each([
    ['123', 'INVALID_UZOVI'],
    ['12345', 'INVALID_UZOVI'],
    ['12a4', 'INVALID_UZOVI'],
  ])('refuses UZOVI code %s with %s and writes nothing', async (uzovi, code) => {
    const concern = await app.factory.concern();
    const result = dataOf(await app.gql(CREATE, { input: { uzovi, name: 'X', concernCode: concern.code } }));
    expect(result.insurerCreate.insurer).toBeNull();
    expect(result.insurerCreate.userErrors).toEqual([expect.objectContaining({ field: ['uzovi'], code })]);
    const after = dataOf(await app.gql(`{ insurers(filter: { concernCode: "${concern.code}" }) { totalCount } }`));
    expect(after.insurers.totalCount).toBe(0);
  });

  it('refuses a duplicate UZOVI code, an unknown concern and an empty name together', async () => {
    const result = dataOf(await app.gql(CREATE, { input: { uzovi: '3311', name: '   ', concernCode: 'NO_SUCH_CONCERN' } }));
    const codes = result.insurerCreate.userErrors.map((e: any) => e.code).sort();
    expect(codes).toEqual(['DUPLICATE_UZOVI', 'REQUIRED', 'UNKNOWN_CONCERN']);
    for (const e of result.insurerCreate.userErrors) expect(e.message.length).toBeGreaterThan(10);
  });

  it('updates name and concern, and refuses a duplicate code on update without changing anything', async () => {
    // given
    const insurer = await app.factory.insurer();
    const other = await app.factory.concern();
    const id = Buffer.from(`Insurer:${insurer.id}`).toString('base64url');
    // when
    const ok = dataOf(await app.gql(UPDATE, { input: { id, name: 'Renamed', concernCode: other.code } }));
    const dup = dataOf(await app.gql(UPDATE, { input: { id, uzovi: '3311', name: 'Should not stick' } }));
    // then
    expect(ok.insurerUpdate.insurer).toMatchObject({ name: 'Renamed', concern: { code: other.code } });
    expect(dup.insurerUpdate.userErrors[0].code).toBe('DUPLICATE_UZOVI');
    const now = dataOf(await app.gql(`query($u: String!) { insurer(uzovi: $u) { name } }`, { u: insurer.uzovi }));
    expect(now.insurer.name).toBe('Renamed');
  });

  it('reports an unknown id on update as a user error', async () => {
    const result = dataOf(await app.gql(UPDATE, { input: { id: 'bm9wZQ', name: 'x' } }));
    expect(result.insurerUpdate.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('creates and renames a concern, refusing a malformed or duplicate code', async () => {
    const code = `NEW_${await app.factory.nextNumber()}`;
    const created = dataOf(await app.gql(`mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id code name } userErrors { code } } }`, { i: { code, name: 'New group' } }));
    expect(created.concernCreate.concern).toMatchObject({ code, name: 'New group' });
    const again = dataOf(await app.gql(`mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id } userErrors { code } } }`, { i: { code, name: 'x' } }));
    expect(again.concernCreate.userErrors.map((e: any) => e.code)).toEqual(['DUPLICATE_CODE']);
    const bad = dataOf(await app.gql(`mutation($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { id } userErrors { code } } }`, { i: { code: 'lower case', name: 'x' } }));
    expect(bad.concernCreate.userErrors.map((e: any) => e.code)).toEqual(['INVALID_CODE']);
    const renamed = dataOf(
      await app.gql(`mutation($i: ConcernUpdateInput!) { concernUpdate(input: $i) { concern { name insurers { name } } userErrors { code } } }`, {
        i: { id: created.concernCreate.concern.id, name: 'Renamed group' },
      }),
    );
    expect(renamed.concernUpdate.concern).toEqual({ name: 'Renamed group', insurers: [] });
    const listed = dataOf(await app.gql(`query($c: String!) { concern(code: $c) { name } concerns(first: 100) { nodes { code } } }`, { c: code }));
    expect(listed.concern.name).toBe('Renamed group');
    expect(listed.concerns.nodes.map((n: any) => n.code)).toContain(code);
  });

  it('maps a malformed cursor to BAD_USER_INPUT', async () => {
    const res = await app.gql(`{ insurers(after: "!!!") { totalCount } }`);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});
