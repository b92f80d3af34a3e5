import { useTestApp, dataOf, errorCodes } from '../support/app';
import { ProviderKind } from '../../src/provider/provider.entity';

const app = useTestApp();

const FIELDS = 'id agb kvk name kind region { code name }';
const CREATE = `mutation($input: ProviderCreateInput!) { providerCreate(input: $input) { provider { ${FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: ProviderUpdateInput!) { providerUpdate(input: $input) { provider { ${FIELDS} } userErrors { field message code } } }`;
const BY_AGB = `query($agb: String!) { provider(agb: $agb) { ${FIELDS} } }`;

async function providerByAgb(agb: string) {
  return dataOf(await app.gql(BY_AGB, { agb })).provider;
}

/** An AGB code no provider has yet, with two leading zeros so that a numeric round trip would show. */
async function freshAgb(): Promise<string> {
  return `00${String(await app.factory.nextNumber()).padStart(6, '0')}`;
}

async function freshKvk(): Promise<string> {
  return String(await app.factory.nextNumber()).padStart(8, '9');
}

describe('providers', () => {
  it('holds a RAV for every ambulance region, e.g. RAV Hollands Midden in region 16', async () => {
    // when
    const data = dataOf(await app.gql(`{ providers(first: 100, filter: { kinds: [RAV] }, orderBy: { field: AGB }) { totalCount nodes { agb kind region { code } } } }`));
    const hm = await providerByAgb('09101601');
    // then
    const seeded = data.providers.nodes.filter((p: any) => /^0910\d{2}01$/.test(p.agb));
    expect(seeded.map((p: any) => p.region.code)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(hm).toMatchObject({ agb: '09101601', kvk: '70101601', name: 'RAV Hollands Midden', kind: 'RAV', region: { code: '16', name: 'Hollands Midden' } });
  });

  it('finds a provider by AGB code, keeping the leading zero, and answers null for an unknown code', async () => {
    const data = dataOf(await app.gql(`{ a: provider(agb: "06011301") { agb name } b: provider(agb: "6011301") { agb } c: provider(agb: "99999999") { agb } }`));
    expect(data).toEqual({ a: { agb: '06011301', name: 'Amstel Stadsziekenhuis' }, b: null, c: null });
  });

  it('Provider.region is null for a provider that works nationally', async () => {
    const zg = await providerByAgb('41000001');
    expect(zg).toMatchObject({ name: 'Stichting Zicht en Gehoor Nederland', kind: 'ZG_PROVIDER', region: null });
  });

  it('filters on kinds and region: the hospital and the clinic of Amsterdam-Amstelland', async () => {
    // when
    const data = dataOf(
      await app.gql(`{ providers(first: 100, filter: { kinds: [HOSPITAL, INDEPENDENT_CLINIC], regionCode: "13" }) { totalCount nodes { name kind region { code } } } }`),
    );
    // then: ordered by name by default
    expect(data.providers.totalCount).toBe(2);
    expect(data.providers.nodes).toEqual([
      { name: 'Amstel Stadsziekenhuis', kind: 'HOSPITAL', region: { code: '13' } },
      { name: 'Kliniek Amstelzicht', kind: 'INDEPENDENT_CLINIC', region: { code: '13' } },
    ]);
  });

  it('filters on a list of AGB codes', async () => {
    const data = dataOf(await app.gql(`{ providers(filter: { agb: ["03011601", "07010901", "00000000"] }, orderBy: { field: AGB }) { nodes { agb kind } } }`));
    expect(data.providers.nodes).toEqual([
      { agb: '03011601', kind: 'COORDINATION_FUNCTION' },
      { agb: '07010901', kind: 'OTHER' },
    ]);
  });

  it('searches names case-insensitively', async () => {
    const data = dataOf(await app.gql(`{ providers(first: 100, filter: { search: "KLINIEK" }) { nodes { name } } }`));
    expect(data.providers.nodes.map((p: any) => p.name)).toEqual(['Kliniek Amstelzicht', 'Oogkliniek Brabantse Wal', 'Orthopedische Kliniek Heuvelrug']);
  });

  it('orders by name or AGB code in either direction', async () => {
    // given: providers of a region of their own, named against their AGB order
    const region = await app.factory.region();
    const agbs = [await freshAgb(), await freshAgb(), await freshAgb()];
    await app.factory.provider({ agb: agbs[0], region, name: 'Charlie' });
    await app.factory.provider({ agb: agbs[1], region, name: 'Alpha' });
    await app.factory.provider({ agb: agbs[2], region, name: 'Bravo' });
    const query = `query($r: String!, $order: ProviderOrder) { providers(filter: { regionCode: $r }, orderBy: $order) { nodes { agb name } } }`;
    // when
    const byDefault = dataOf(await app.gql(query, { r: region.code }));
    const byNameDesc = dataOf(await app.gql(query, { r: region.code, order: { field: 'NAME', direction: 'DESC' } }));
    const byAgb = dataOf(await app.gql(query, { r: region.code, order: { field: 'AGB' } }));
    const byAgbDesc = dataOf(await app.gql(query, { r: region.code, order: { field: 'AGB', direction: 'DESC' } }));
    // then
    expect(byDefault.providers.nodes.map((p: any) => p.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(byNameDesc.providers.nodes.map((p: any) => p.name)).toEqual(['Charlie', 'Bravo', 'Alpha']);
    expect(byAgb.providers.nodes.map((p: any) => p.agb)).toEqual(agbs);
    expect(byAgbDesc.providers.nodes.map((p: any) => p.agb)).toEqual([...agbs].reverse());
  });

  it('pages through a filtered list without overlap', async () => {
    // given
    const region = await app.factory.region();
    for (let i = 0; i < 5; i += 1) await app.factory.provider({ region, kind: ProviderKind.OTHER });
    const query = `query($r: String!, $after: String) { providers(first: 2, after: $after, filter: { regionCode: $r }) { totalCount nodes { agb } pageInfo { hasNextPage endCursor } } }`;
    // when
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = dataOf(await app.gql(query, { r: region.code, after }));
      expect(page.providers.totalCount).toBe(5);
      seen.push(...page.providers.nodes.map((p: any) => p.agb));
      pages += 1;
      if (!page.providers.pageInfo.hasNextPage) break;
      after = page.providers.pageInfo.endCursor;
    }
    // then
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });
});

describe('providerCreate', () => {
  it("keeps an AGB code's leading zeros exactly, through create, lookup and filter", async () => {
    // given
    const agb = await freshAgb();
    const kvk = await freshKvk();
    // when
    const result = dataOf(await app.gql(CREATE, { input: { agb, kvk, name: ' Huisartsenpost Noord ', kind: 'OTHER', regionCode: '01' } }));
    // then
    expect(result.providerCreate.userErrors).toEqual([]);
    expect(result.providerCreate.provider).toMatchObject({ agb, kvk, name: 'Huisartsenpost Noord', kind: 'OTHER', region: { code: '01', name: 'Groningen' } });
    expect(agb.startsWith('00')).toBe(true);
    expect((await providerByAgb(agb)).agb).toBe(agb);
    const listed = dataOf(await app.gql(`query($a: [String!]) { providers(filter: { agb: $a }) { nodes { agb } } }`, { a: [agb] }));
    expect(listed.providers.nodes).toEqual([{ agb }]);
  });

  it('adds a provider without a region', async () => {
    const agb = await freshAgb();
    const result = dataOf(await app.gql(CREATE, { input: { agb, kvk: await freshKvk(), name: 'Landelijk', kind: 'ZG_PROVIDER' } }));
    expect(result.providerCreate.provider).toMatchObject({ agb, region: null });
  });

  it('does not accept an AGB code as a number, which would lose its leading zeros', async () => {
    const res = await app.gql(CREATE, { input: { agb: 123456, kvk: '12345678', name: 'x', kind: 'OTHER' } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['7 digits', '1234567'],
    ['9 digits', '123456789'],
    ['a letter', '1234567a'],
    ['inner spaces', '1234 5678'],
    ['nothing', ''],
  ])('refuses an AGB code of %s with INVALID_AGB and writes nothing', async (_label, agb) => {
    // given
    const name = `Refused provider ${await app.factory.nextNumber()}`;
    // when
    const result = dataOf(await app.gql(CREATE, { input: { agb, kvk: '12345678', name, kind: 'OTHER' } }));
    // then
    expect(result.providerCreate.provider).toBeNull();
    expect(result.providerCreate.userErrors).toEqual([{ field: ['agb'], code: 'INVALID_AGB', message: expect.stringContaining('8 digits') }]);
    const after = dataOf(await app.gql(`query($s: String!) { providers(filter: { search: $s }) { totalCount } }`, { s: name }));
    expect(after.providers.totalCount).toBe(0);
  });

  it.each([['1234567'], ['123456789'], ['KVK12345']])('refuses the KvK number %s with INVALID_KVK', async (kvk) => {
    const agb = await freshAgb();
    const result = dataOf(await app.gql(CREATE, { input: { agb, kvk, name: 'x', kind: 'OTHER' } }));
    expect(result.providerCreate.userErrors).toEqual([expect.objectContaining({ field: ['kvk'], code: 'INVALID_KVK' })]);
    expect(await providerByAgb(agb)).toBeNull();
  });

  it('refuses the AGB code of an existing provider with DUPLICATE_AGB and leaves it alone', async () => {
    const result = dataOf(await app.gql(CREATE, { input: { agb: '09101601', kvk: '12345678', name: 'Impostor', kind: 'RAV', regionCode: '16' } }));
    expect(result.providerCreate.userErrors).toEqual([expect.objectContaining({ field: ['agb'], code: 'DUPLICATE_AGB' })]);
    expect((await providerByAgb('09101601')).name).toBe('RAV Hollands Midden');
  });

  it('refuses an unknown region with UNKNOWN_REGION', async () => {
    const agb = await freshAgb();
    const result = dataOf(await app.gql(CREATE, { input: { agb, kvk: '12345678', name: 'x', kind: 'OTHER', regionCode: '99' } }));
    expect(result.providerCreate.userErrors).toEqual([expect.objectContaining({ field: ['regionCode'], code: 'UNKNOWN_REGION' })]);
    expect(await providerByAgb(agb)).toBeNull();
  });

  it('refuses an empty name with REQUIRED and a 201-character name with TOO_LONG', async () => {
    const [a, b] = [await freshAgb(), await freshAgb()];
    const empty = dataOf(await app.gql(CREATE, { input: { agb: a, kvk: '12345678', name: '', kind: 'OTHER' } }));
    const long = dataOf(await app.gql(CREATE, { input: { agb: b, kvk: '12345678', name: 'n'.repeat(201), kind: 'OTHER' } }));
    expect(empty.providerCreate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'REQUIRED' })]);
    expect(long.providerCreate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'TOO_LONG' })]);
    expect(await providerByAgb(a)).toBeNull();
    expect(await providerByAgb(b)).toBeNull();
  });

  it('reports every problem of one input at once', async () => {
    const result = dataOf(await app.gql(CREATE, { input: { agb: '09101601', kvk: '1', name: ' ', kind: 'RAV', regionCode: 'XX' } }));
    expect(result.providerCreate.userErrors.map((e: any) => e.code).sort()).toEqual(['DUPLICATE_AGB', 'INVALID_KVK', 'REQUIRED', 'UNKNOWN_REGION']);
  });
});

describe('providerUpdate', () => {
  it('changes KvK number, name, kind and region', async () => {
    // given
    const provider = await app.factory.provider({ kind: ProviderKind.HOSPITAL });
    const { id } = await providerByAgb(provider.agb);
    const kvk = await freshKvk();
    // when
    const result = dataOf(await app.gql(UPDATE, { input: { id, kvk, name: 'Nieuwe Naam', kind: 'INDEPENDENT_CLINIC', regionCode: '24' } }));
    // then
    expect(result.providerUpdate).toEqual({
      provider: { id, agb: provider.agb, kvk, name: 'Nieuwe Naam', kind: 'INDEPENDENT_CLINIC', region: { code: '24', name: 'Zuid-Limburg' } },
      userErrors: [],
    });
    expect(await providerByAgb(provider.agb)).toEqual(result.providerUpdate.provider);
  });

  it('moves a provider from one region to another', async () => {
    // given
    const [from, to] = [await app.factory.region(), await app.factory.region()];
    const provider = await app.factory.provider({ region: from });
    const { id } = await providerByAgb(provider.agb);
    // when
    dataOf(await app.gql(UPDATE, { input: { id, regionCode: to.code } }));
    // then
    const inFrom = dataOf(await app.gql(`query($r: String!) { providers(filter: { regionCode: $r }) { totalCount } }`, { r: from.code }));
    const inTo = dataOf(await app.gql(`query($r: String!) { providers(filter: { regionCode: $r }) { nodes { agb } } }`, { r: to.code }));
    expect(inFrom.providers.totalCount).toBe(0);
    expect(inTo.providers.nodes).toEqual([{ agb: provider.agb }]);
  });

  it('refuses a bad KvK number, an empty name and an unknown region, and writes none of the changes', async () => {
    // given
    const region = await app.factory.region();
    const provider = await app.factory.provider({ region });
    const before = await providerByAgb(provider.agb);
    // when
    const result = dataOf(await app.gql(UPDATE, { input: { id: before.id, kvk: '123', name: '', kind: 'RAV', regionCode: 'NOPE' } }));
    // then
    expect(result.providerUpdate.provider).toBeNull();
    expect(result.providerUpdate.userErrors.map((e: any) => [e.field[0], e.code]).sort()).toEqual([
      ['kvk', 'INVALID_KVK'],
      ['name', 'REQUIRED'],
      ['regionCode', 'UNKNOWN_REGION'],
    ]);
    expect(await providerByAgb(provider.agb)).toEqual(before);
  });

  it('refuses a valid change when another field is wrong, writing nothing', async () => {
    const provider = await app.factory.provider();
    const before = await providerByAgb(provider.agb);
    const result = dataOf(await app.gql(UPDATE, { input: { id: before.id, name: 'Wel goed', kvk: 'fout' } }));
    expect(result.providerUpdate.userErrors).toEqual([expect.objectContaining({ field: ['kvk'], code: 'INVALID_KVK' })]);
    expect(await providerByAgb(provider.agb)).toEqual(before);
  });

  it('refuses a 201-character name with TOO_LONG', async () => {
    const provider = await app.factory.provider();
    const { id } = await providerByAgb(provider.agb);
    const result = dataOf(await app.gql(UPDATE, { input: { id, name: 'n'.repeat(201) } }));
    expect(result.providerUpdate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'TOO_LONG' })]);
  });

  it('answers NOT_FOUND for an unknown id and for the id of another type', async () => {
    // given
    const { segment } = dataOf(await app.gql(`{ segment(code: "MSZ") { id } }`));
    // when
    const unknown = dataOf(await app.gql(UPDATE, { input: { id: Buffer.from('Provider:99999999').toString('base64url'), name: 'x' } }));
    const wrongType = dataOf(await app.gql(UPDATE, { input: { id: segment.id, name: 'x' } }));
    // then
    expect(unknown.providerUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
    expect(wrongType.providerUpdate.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })]);
  });
});
