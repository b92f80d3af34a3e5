import { useTestApp, dataOf, errorCodes } from '../support/app';

const app = useTestApp();

/** The 25 ambulance regions of the Netherlands by code, as the seeds (000: "14 van de 25 regio's") rely on. */
const AMBULANCE_REGIONS: [string, string][] = [
  ['01', 'Groningen'],
  ['02', 'Fryslân'],
  ['03', 'Drenthe'],
  ['04', 'IJsselland'],
  ['05', 'Twente'],
  ['06', 'Noord- en Oost-Gelderland'],
  ['07', 'Gelderland-Midden'],
  ['08', 'Gelderland-Zuid'],
  ['09', 'Utrecht'],
  ['10', 'Noord-Holland Noord'],
  ['11', 'Zaanstreek-Waterland'],
  ['12', 'Kennemerland'],
  ['13', 'Amsterdam-Amstelland'],
  ['14', 'Gooi en Vechtstreek'],
  ['15', 'Haaglanden'],
  ['16', 'Hollands Midden'],
  ['17', 'Rotterdam-Rijnmond'],
  ['18', 'Zuid-Holland Zuid'],
  ['19', 'Zeeland'],
  ['20', 'Midden- en West-Brabant'],
  ['21', 'Brabant-Noord'],
  ['22', 'Brabant-Zuidoost'],
  ['23', 'Limburg-Noord'],
  ['24', 'Zuid-Limburg'],
  ['25', 'Flevoland'],
];
const SEEDED_CODES = AMBULANCE_REGIONS.map(([code]) => code);

const CREATE = `mutation($input: RegionCreateInput!) {
  regionCreate(input: $input) { region { id kind code name } userErrors { field message code } }
}`;
const UPDATE = `mutation($input: RegionUpdateInput!) {
  regionUpdate(input: $input) { region { id code name } userErrors { field message code } }
}`;

describe('the 25 ambulance regions', () => {
  it('are all seeded with their public names, ordered by code', async () => {
    // when
    const data = dataOf(
      await app.gql(`query($codes: [String!]) { regions(first: 100, filter: { kind: AMBULANCE, codes: $codes }) { totalCount nodes { kind code name } } }`, {
        codes: SEEDED_CODES,
      }),
    );
    // then
    expect(data.regions.totalCount).toBe(25);
    expect(data.regions.nodes.map((r: any) => [r.code, r.name])).toEqual(AMBULANCE_REGIONS);
    expect(new Set(data.regions.nodes.map((r: any) => r.kind))).toEqual(new Set(['AMBULANCE']));
  });

  it('finds Hollands Midden by code 16 and answers null for an unknown code', async () => {
    // when
    const data = dataOf(await app.gql(`{ hm: region(code: "16") { code name kind } explicit: region(code: "16", kind: AMBULANCE) { name } none: region(code: "99") { name } }`));
    // then
    expect(data.hm).toEqual({ code: '16', name: 'Hollands Midden', kind: 'AMBULANCE' });
    expect(data.explicit.name).toBe('Hollands Midden');
    expect(data.none).toBeNull();
  });

  it('orders by name in both directions', async () => {
    // given
    const byName = [...AMBULANCE_REGIONS].map(([, name]) => name).sort((a, b) => (a < b ? -1 : 1));
    const query = `query($codes: [String!], $dir: OrderDirection!) {
      regions(first: 100, filter: { codes: $codes }, orderBy: { field: NAME, direction: $dir }) { nodes { name } }
    }`;
    // when
    const asc = dataOf(await app.gql(query, { codes: SEEDED_CODES, dir: 'ASC' }));
    const desc = dataOf(await app.gql(query, { codes: SEEDED_CODES, dir: 'DESC' }));
    // then
    expect(asc.regions.nodes.map((r: any) => r.name)).toEqual(byName);
    expect(desc.regions.nodes.map((r: any) => r.name)).toEqual([...byName].reverse());
    expect(asc.regions.nodes[0].name).toBe('Amsterdam-Amstelland');
  });

  it('orders by code descending', async () => {
    const data = dataOf(
      await app.gql(`query($codes: [String!]) { regions(first: 3, filter: { codes: $codes }, orderBy: { field: CODE, direction: DESC }) { nodes { code } pageInfo { hasNextPage } } }`, {
        codes: SEEDED_CODES,
      }),
    );
    expect(data.regions.nodes.map((r: any) => r.code)).toEqual(['25', '24', '23']);
    expect(data.regions.pageInfo.hasNextPage).toBe(true);
  });

  it('searches names case-insensitively', async () => {
    // when
    const data = dataOf(await app.gql(`{ regions(first: 100, filter: { search: "HOLLAND" }) { nodes { code name } } }`));
    // then
    expect(data.regions.nodes).toEqual([
      { code: '10', name: 'Noord-Holland Noord' },
      { code: '16', name: 'Hollands Midden' },
      { code: '18', name: 'Zuid-Holland Zuid' },
    ]);
  });

  it('treats % and _ in a search as text, not as wildcards', async () => {
    // given
    const region = await app.factory.region({ name: `Proefregio 100%_${await app.factory.nextNumber()}` });
    // when
    const data = dataOf(await app.gql(`{ percent: regions(first: 100, filter: { search: "0%_" }) { nodes { code } } }`));
    // then
    expect(data.percent.nodes).toEqual([{ code: region.code }]);
  });

  it('combines the codes filter with a search', async () => {
    const data = dataOf(await app.gql(`{ regions(filter: { codes: ["01", "02", "21"], search: "brabant" }) { totalCount nodes { code } } }`));
    expect(data.regions).toEqual({ totalCount: 1, nodes: [{ code: '21' }] });
  });

  it('pages through the regions with cursors', async () => {
    // when
    const first = dataOf(
      await app.gql(`query($codes: [String!]) { regions(first: 10, filter: { codes: $codes }) { nodes { code } pageInfo { endCursor hasNextPage } } }`, { codes: SEEDED_CODES }),
    );
    const rest = dataOf(
      await app.gql(`query($codes: [String!], $after: String) { regions(first: 100, after: $after, filter: { codes: $codes }) { nodes { code } pageInfo { hasNextPage hasPreviousPage } } }`, {
        codes: SEEDED_CODES,
        after: first.regions.pageInfo.endCursor,
      }),
    );
    // then
    expect([...first.regions.nodes, ...rest.regions.nodes].map((r: any) => r.code)).toEqual(SEEDED_CODES);
    expect(rest.regions.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('Region.marketShares', () => {
  it('lists the 2024 shares of Hollands Midden largest first, Zorg en Zekerheid leading (seed 001_46c4bc6250e7718a.txt)', async () => {
    // when
    const data = dataOf(await app.gql(`{ region(code: "16") { marketShares(year: 2024) { year sharePercent insurer { name } } } }`));
    // then
    expect(data.region.marketShares.map((s: any) => [s.insurer.name, s.sharePercent])).toEqual([
      ['Zorg en Zekerheid', '36.00'],
      ['Zilveren Kruis', '24.00'],
      ['VGZ', '12.50'],
      ['CZ', '11.50'],
      ['DSW', '4.50'],
      ['Menzis', '4.00'],
      ['ONVZ', '3.50'],
      ['De Friesland', '0.50'],
    ]);
    expect(new Set(data.region.marketShares.map((s: any) => s.year))).toEqual(new Set([2024]));
  });

  it('without a year gives every year, newest first', async () => {
    // when
    const data = dataOf(await app.gql(`{ region(code: "16") { marketShares { year sharePercent } } }`));
    // then
    const years = data.region.marketShares.map((s: any) => s.year);
    expect(years).toHaveLength(24);
    expect(years).toEqual([...Array(8).fill(2025), ...Array(8).fill(2024), ...Array(8).fill(2023)]);
  });

  it('is empty for a year without shares and for a region without shares', async () => {
    // given
    const region = await app.factory.region();
    // when
    const data = dataOf(
      await app.gql(`query($code: String!) { old: region(code: "16") { marketShares(year: 1999) { year } } fresh: region(code: $code) { marketShares { year } } }`, {
        code: region.code,
      }),
    );
    // then
    expect(data.old.marketShares).toEqual([]);
    expect(data.fresh.marketShares).toEqual([]);
  });

  it('shows a share of a new region next to the insurer that holds it', async () => {
    // given
    const insurer = await app.factory.insurer();
    const region = await app.factory.region();
    await app.factory.marketShare(insurer, region, 2031, '12.34');
    // when
    const data = dataOf(await app.gql(`query($code: String!) { region(code: $code) { marketShares(year: 2031) { sharePercent insurer { uzovi } region { code } } } }`, { code: region.code }));
    // then
    expect(data.region.marketShares).toEqual([{ sharePercent: '12.34', insurer: { uzovi: insurer.uzovi }, region: { code: region.code } }]);
  });
});

describe('regionCreate', () => {
  it('adds a region that the lookups then find', async () => {
    // given
    const code = `N${await app.factory.nextNumber()}`;
    // when
    const result = dataOf(await app.gql(CREATE, { input: { kind: 'AMBULANCE', code: ` ${code} `, name: '  Nieuwe Regio ' } }));
    // then
    expect(result.regionCreate.userErrors).toEqual([]);
    expect(result.regionCreate.region).toMatchObject({ kind: 'AMBULANCE', code, name: 'Nieuwe Regio' });
    const found = dataOf(await app.gql(`query($code: String!) { region(code: $code) { id name } }`, { code }));
    expect(found.region).toEqual({ id: result.regionCreate.region.id, name: 'Nieuwe Regio' });
  });

  it.each([
    ['an empty code', ''],
    ['a code with a space', 'A 1'],
    ['a code with a dash', '1-2'],
    ['a code of 11 characters', 'ABCDEFGHIJK'],
  ])('refuses %s with INVALID_CODE and writes nothing', async (_label, code) => {
    // given
    const name = `Refused region ${await app.factory.nextNumber()}`;
    // when
    const result = dataOf(await app.gql(CREATE, { input: { kind: 'AMBULANCE', code, name } }));
    // then
    expect(result.regionCreate.region).toBeNull();
    expect(result.regionCreate.userErrors).toEqual([{ field: ['code'], code: 'INVALID_CODE', message: expect.stringContaining('1-10 letters or digits') }]);
    const after = dataOf(await app.gql(`query($s: String!) { regions(filter: { search: $s }) { totalCount } }`, { s: name }));
    expect(after.regions.totalCount).toBe(0);
  });

  it('refuses an existing code with DUPLICATE_CODE and keeps the existing region', async () => {
    // when
    const result = dataOf(await app.gql(CREATE, { input: { kind: 'AMBULANCE', code: '16', name: 'Impostor' } }));
    // then
    expect(result.regionCreate.region).toBeNull();
    expect(result.regionCreate.userErrors).toEqual([expect.objectContaining({ field: ['code'], code: 'DUPLICATE_CODE' })]);
    const hm = dataOf(await app.gql(`{ region(code: "16") { name } }`));
    expect(hm.region.name).toBe('Hollands Midden');
  });

  it('refuses an empty name with REQUIRED and a 201-character name with TOO_LONG', async () => {
    // given
    const [a, b] = [`E${await app.factory.nextNumber()}`, `L${await app.factory.nextNumber()}`];
    // when
    const empty = dataOf(await app.gql(CREATE, { input: { kind: 'AMBULANCE', code: a, name: '   ' } }));
    const long = dataOf(await app.gql(CREATE, { input: { kind: 'AMBULANCE', code: b, name: 'x'.repeat(201) } }));
    // then
    expect(empty.regionCreate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'REQUIRED' })]);
    expect(long.regionCreate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'TOO_LONG' })]);
    const after = dataOf(await app.gql(`query($a: String!, $b: String!) { a: region(code: $a) { id } b: region(code: $b) { id } }`, { a, b }));
    expect(after).toEqual({ a: null, b: null });
  });

  it('reports every problem of one input at once', async () => {
    const result = dataOf(await app.gql(CREATE, { input: { kind: 'AMBULANCE', code: '16', name: '' } }));
    expect(result.regionCreate.userErrors.map((e: any) => e.code).sort()).toEqual(['DUPLICATE_CODE', 'REQUIRED']);
  });

  it('refuses a region kind that does not exist as a request error', async () => {
    const res = await app.gql(CREATE, { input: { kind: 'SAFETY', code: 'X1', name: 'x' } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('regionUpdate', () => {
  it('renames a region', async () => {
    // given
    const region = await app.factory.region();
    const { region: before } = dataOf(await app.gql(`query($c: String!) { region(code: $c) { id } }`, { c: region.code }));
    // when
    const result = dataOf(await app.gql(UPDATE, { input: { id: before.id, name: ' Hernoemd ' } }));
    // then
    expect(result.regionUpdate).toEqual({ region: { id: before.id, code: region.code, name: 'Hernoemd' }, userErrors: [] });
    const after = dataOf(await app.gql(`query($c: String!) { region(code: $c) { name } }`, { c: region.code }));
    expect(after.region.name).toBe('Hernoemd');
  });

  it('refuses an empty name and keeps the old one', async () => {
    // given
    const region = await app.factory.region({ name: 'Blijft staan' });
    const { region: before } = dataOf(await app.gql(`query($c: String!) { region(code: $c) { id } }`, { c: region.code }));
    // when
    const result = dataOf(await app.gql(UPDATE, { input: { id: before.id, name: '' } }));
    // then
    expect(result.regionUpdate.region).toBeNull();
    expect(result.regionUpdate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'REQUIRED' })]);
    const after = dataOf(await app.gql(`query($c: String!) { region(code: $c) { name } }`, { c: region.code }));
    expect(after.region.name).toBe('Blijft staan');
  });

  it('answers NOT_FOUND for an unknown id and for the id of another type', async () => {
    // given
    const { insurer } = dataOf(await app.gql(`{ insurer(uzovi: "3311") { id } }`));
    // when
    const unknown = dataOf(await app.gql(UPDATE, { input: { id: Buffer.from('Region:99999999').toString('base64url'), name: 'x' } }));
    const wrongType = dataOf(await app.gql(UPDATE, { input: { id: insurer.id, name: 'x' } }));
    // then
    expect(unknown.regionUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
    expect(wrongType.regionUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
  });
});
