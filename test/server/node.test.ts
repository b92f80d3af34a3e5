import { useTestApp, dataOf, errorCodes } from '../support/app';

// Many requests within a minute: the per-credential budget is not what this file tests.
const app = useTestApp({ env: { RATE_LIMIT_OPERATOR_ADMIN: '1000000000' } });

/** What `node` must show for each type: a fragment and the value it yields for the object fetched below. */
const FRAGMENTS = `
  __typename id
  ... on Insurer { uzovi }
  ... on Concern { code }
  ... on Region { code }
  ... on MarketShare { year sharePercent }
  ... on Segment { code }
  ... on Provider { agb }
  ... on PurchasingPolicy { sourceDocument }
  ... on PolicyMilestone { date kind }
  ... on SustainabilityRequest { year }
`;

/** One object of every Node type with its global ID, fetched through the ordinary queries. */
async function oneOfEach(): Promise<Record<string, { id: string; fields: Record<string, unknown> }>> {
  const data = dataOf(
    await app.gql(`{
      insurer(uzovi: "3311") { id uzovi concern { id code } }
      region(code: "16") { id code }
      marketShares(first: 1, filter: { insurerUzovi: "9903", regionCode: "16", year: 2024 }) { nodes { id year sharePercent } }
      segment(code: "ZG") { id code }
      provider(agb: "09101601") { id agb }
      purchasingPolicy(insurerUzovi: "3311", segmentCode: "ZG", year: 2024) { id sourceDocument milestones { id date kind } }
      sustainabilityRequest(year: 2025) { id year }
    }`),
  );
  const [share] = data.marketShares.nodes;
  const [milestone] = data.purchasingPolicy.milestones;
  return {
    Insurer: { id: data.insurer.id, fields: { uzovi: '3311' } },
    Concern: { id: data.insurer.concern.id, fields: { code: data.insurer.concern.code } },
    Region: { id: data.region.id, fields: { code: '16' } },
    MarketShare: { id: share.id, fields: { year: 2024, sharePercent: '36.00' } },
    Segment: { id: data.segment.id, fields: { code: 'ZG' } },
    Provider: { id: data.provider.id, fields: { agb: '09101601' } },
    PurchasingPolicy: { id: data.purchasingPolicy.id, fields: { sourceDocument: '003_2c4c2530db87d994.txt' } },
    PolicyMilestone: { id: milestone.id, fields: { date: '2023-04-01', kind: 'PUBLICATION' } },
    SustainabilityRequest: { id: data.sustainabilityRequest.id, fields: { year: 2025 } },
  };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('node(id)', () => {
  it.each(['Insurer', 'Concern', 'Region', 'MarketShare', 'Segment', 'Provider', 'PurchasingPolicy', 'PolicyMilestone', 'SustainabilityRequest'])(
    'returns the %s behind a global ID the API handed out',
    async (typeName) => {
      // given
      const expected = (await oneOfEach())[typeName];
      // when
      const data = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ${FRAGMENTS} } }`, { id: expected.id }));
      // then
      expect(data.node).toEqual({ __typename: typeName, id: expected.id, ...expected.fields });
    },
  );

  it('gives every object of the seed a different global ID, also across types with the same database id', async () => {
    const ids = Object.values(await oneOfEach()).map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    const { regions } = dataOf(await app.gql(`{ regions(first: 1) { nodes { id } } }`));
    const { segments } = dataOf(await app.gql(`{ segments(first: 1) { nodes { id } } }`));
    expect(regions.nodes[0].id).not.toBe(segments.nodes[0].id);
  });

  it('finds an object created after the schema was built', async () => {
    // given
    const provider = await app.factory.provider();
    const { provider: listed } = dataOf(await app.gql(`query($agb: String!) { provider(agb: $agb) { id } }`, { agb: provider.agb }));
    // when
    const data = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on Provider { agb name } } }`, { id: listed.id }));
    // then
    expect(data.node).toEqual({ agb: provider.agb, name: provider.name });
  });

  it.each([
    ['an empty string', ''],
    ['text that is not base64url', 'not an id!'],
    ['base64url of text without a type', b64('12')],
    ['a type with id 0', b64('Insurer:0')],
    ['a type with a negative id', b64('Insurer:-1')],
    ['a type with a non-numeric id', b64('Insurer:abc')],
    ['a lower-case type', b64('insurer:1')],
    ['an unknown type', b64('Contract:1')],
    ['a type that is not a Node', b64('PageInfo:1')],
    ['the interface itself', b64('Node:1')],
    ['an id that does not exist', b64('Insurer:99999999')],
    ['an id too large for the database', b64('Insurer:999999999999999')],
    ['a very long string', 'A'.repeat(500)],
  ])('returns null for %s', async (_label, id) => {
    // when
    const res = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    // then
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ node: null });
  });

  it('returns null for a handed-out ID with padding added: an ID is passed back exactly as it was given', async () => {
    // given
    const { region } = dataOf(await app.gql(`{ region(code: "16") { id } }`));
    // when
    const padded = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: `${region.id}==` }));
    // then
    expect(padded.node).toBeNull();
  });
});

describe('nodes(ids)', () => {
  it('returns the objects in the order asked, with null in place of what does not exist, and repeats duplicates', async () => {
    // given
    const all = await oneOfEach();
    const ids = [all.Segment.id, 'garbage', all.Insurer.id, b64('Region:99999999'), all.PolicyMilestone.id, all.Segment.id, b64('Unknown:1')];
    // when
    const data = dataOf(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${FRAGMENTS} } }`, { ids }));
    // then
    expect(data.nodes).toEqual([
      { __typename: 'Segment', id: all.Segment.id, code: 'ZG' },
      null,
      { __typename: 'Insurer', id: all.Insurer.id, uzovi: '3311' },
      null,
      { __typename: 'PolicyMilestone', id: all.PolicyMilestone.id, date: '2023-04-01', kind: 'PUBLICATION' },
      { __typename: 'Segment', id: all.Segment.id, code: 'ZG' },
      null,
    ]);
  });

  it('returns one object of every Node type in one request', async () => {
    // given
    const all = await oneOfEach();
    const types = Object.keys(all);
    // when
    const data = dataOf(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${FRAGMENTS} } }`, { ids: types.map((t) => all[t].id) }));
    // then
    expect(data.nodes).toEqual(types.map((t) => ({ __typename: t, id: all[t].id, ...all[t].fields })));
  });

  it('accepts an empty list', async () => {
    expect(dataOf(await app.gql(`{ nodes(ids: []) { id } }`)).nodes).toEqual([]);
  });

  it('accepts 100 ids', async () => {
    // given
    const { regions } = dataOf(await app.gql(`{ regions(first: 25, filter: { kind: AMBULANCE }) { nodes { id } } }`));
    const ids = Array.from({ length: 100 }, (_, i) => regions.nodes[i % regions.nodes.length].id);
    // when
    const data = dataOf(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }));
    // then
    expect(data.nodes.map((n: any) => n.id)).toEqual(ids);
  });

  it('refuses more than 100 ids with BAD_USER_INPUT', async () => {
    // given
    const ids = Array.from({ length: 101 }, (_, i) => b64(`Region:${i + 1}`));
    // when
    const res = await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    // then
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].message).toContain('at most 100');
    expect(res.body.data ?? null).toBeNull();
  });
});
