import { useTestApp, dataOf, errorCodes } from '../support/app';

const app = useTestApp();

const FIELDS = 'id code name description representation';
const CREATE = `mutation($input: SegmentCreateInput!) { segmentCreate(input: $input) { segment { ${FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: SegmentUpdateInput!) { segmentUpdate(input: $input) { segment { ${FIELDS} } userErrors { field message code } } }`;
const BY_CODE = `query($code: String!) { segment(code: $code) { ${FIELDS} } }`;

const SEEDED = ['AMBULANCE', 'COORDINATION', 'MSR', 'MSZ', 'ZG'];

async function segmentByCode(code: string) {
  return dataOf(await app.gql(BY_CODE, { code })).segment;
}

async function newCode(): Promise<string> {
  return `SEG_API_${await app.factory.nextNumber()}`;
}

describe('segments', () => {
  it('holds the five seeded segments of the five seed documents, with their Dutch names', async () => {
    // when
    const data = dataOf(await app.gql(`{ segments(first: 100) { nodes { code name representation description } } }`));
    // then
    const seeded = data.segments.nodes.filter((s: any) => SEEDED.includes(s.code));
    expect(seeded.map((s: any) => [s.code, s.name, s.representation])).toEqual([
      ['AMBULANCE', 'Ambulancezorg', true],
      ['COORDINATION', 'Coördinatiefuncties', true],
      ['MSR', 'Medisch specialistische revalidatie', false],
      ['MSZ', 'Medisch specialistische zorg', false],
      ['ZG', 'Zintuiglijk gehandicaptenzorg', false],
    ]);
    for (const s of seeded) expect(s.description.length).toBeGreaterThan(20);
  });

  it('are ordered by code', async () => {
    // given
    await app.factory.segment({ code: `AAA_${await app.factory.nextNumber()}` });
    // when
    const data = dataOf(await app.gql(`{ segments(first: 100) { nodes { code } } }`));
    // then
    const codes = data.segments.nodes.map((s: any) => s.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes[0].startsWith('AAA_')).toBe(true);
  });

  it('filter on representation: only ambulance care and coordination functions are bought by representation (seeds 000, 002)', async () => {
    // when
    const yes = dataOf(await app.gql(`{ segments(first: 100, filter: { representation: true }) { nodes { code representation } } }`));
    const no = dataOf(await app.gql(`{ segments(first: 100, filter: { representation: false }) { nodes { code representation } } }`));
    // then
    const yesCodes = yes.segments.nodes.map((s: any) => s.code);
    const noCodes = no.segments.nodes.map((s: any) => s.code);
    expect(yesCodes).toEqual(expect.arrayContaining(['AMBULANCE', 'COORDINATION']));
    expect(noCodes).toEqual(expect.arrayContaining(['MSR', 'MSZ', 'ZG']));
    expect(yesCodes.filter((c: string) => noCodes.includes(c))).toEqual([]);
    for (const s of yes.segments.nodes) expect(s.representation).toBe(true);
    for (const s of no.segments.nodes) expect(s.representation).toBe(false);
  });

  it('search matches code or name, case-insensitively', async () => {
    // when
    const byName = dataOf(await app.gql(`{ segments(first: 100, filter: { search: "ZORG" }) { nodes { code } } }`));
    const byCode = dataOf(await app.gql(`{ segments(first: 100, filter: { search: "msr" }) { nodes { code } } }`));
    const both = dataOf(await app.gql(`{ segments(first: 100, filter: { search: "zorg", representation: true }) { nodes { code } } }`));
    // then
    expect(byName.segments.nodes.map((s: any) => s.code)).toEqual(['AMBULANCE', 'MSZ', 'ZG']);
    expect(byCode.segments.nodes.map((s: any) => s.code)).toEqual(['MSR']);
    expect(both.segments.nodes.map((s: any) => s.code)).toEqual(['AMBULANCE']);
  });

  it('finds a segment by code and answers null for an unknown code', async () => {
    const data = dataOf(await app.gql(`{ zg: segment(code: "ZG") { code name } none: segment(code: "NOPE") { code } lower: segment(code: "zg") { code } }`));
    expect(data).toEqual({ zg: { code: 'ZG', name: 'Zintuiglijk gehandicaptenzorg' }, none: null, lower: null });
  });
});

describe('segmentCreate', () => {
  it('adds a segment with the defaults for description and representation', async () => {
    // given
    const code = await newCode();
    // when
    const result = dataOf(await app.gql(CREATE, { input: { code: ` ${code} `, name: ' Geestelijke gezondheid ' } }));
    // then
    expect(result.segmentCreate.userErrors).toEqual([]);
    expect(result.segmentCreate.segment).toMatchObject({ code, name: 'Geestelijke gezondheid', description: '', representation: false });
    expect(await segmentByCode(code)).toEqual(result.segmentCreate.segment);
  });

  it('adds a segment bought by representation with a description', async () => {
    const code = await newCode();
    const result = dataOf(await app.gql(CREATE, { input: { code, name: 'Acute hulp', description: ' Spoed ', representation: true } }));
    expect(result.segmentCreate.segment).toMatchObject({ code, description: 'Spoed', representation: true });
  });

  it.each([
    ['lower case', 'ggz'],
    ['one character', 'G'],
    ['a dash', 'GG-Z'],
    ['41 characters', 'G'.repeat(41)],
  ])('refuses a code with %s with INVALID_CODE and writes nothing', async (_label, code) => {
    // given
    const name = `Refused segment ${await app.factory.nextNumber()}`;
    // when
    const result = dataOf(await app.gql(CREATE, { input: { code, name } }));
    // then
    expect(result.segmentCreate.segment).toBeNull();
    expect(result.segmentCreate.userErrors).toEqual([{ field: ['code'], code: 'INVALID_CODE', message: expect.stringContaining(JSON.stringify(code)) }]);
    const after = dataOf(await app.gql(`query($s: String!) { segments(filter: { search: $s }) { totalCount } }`, { s: name }));
    expect(after.segments.totalCount).toBe(0);
  });

  it('accepts a code of exactly 40 characters', async () => {
    const code = `X${String(await app.factory.nextNumber()).padStart(39, '0')}`;
    const result = dataOf(await app.gql(CREATE, { input: { code, name: 'Long code' } }));
    expect(result.segmentCreate.userErrors).toEqual([]);
    expect(result.segmentCreate.segment.code).toBe(code);
  });

  it('refuses the code of a seeded segment with DUPLICATE_CODE and leaves that segment alone', async () => {
    // when
    const result = dataOf(await app.gql(CREATE, { input: { code: 'MSZ', name: 'Impostor' } }));
    // then
    expect(result.segmentCreate.userErrors).toEqual([expect.objectContaining({ field: ['code'], code: 'DUPLICATE_CODE' })]);
    expect((await segmentByCode('MSZ')).name).toBe('Medisch specialistische zorg');
  });

  it('refuses an empty name with REQUIRED', async () => {
    const code = await newCode();
    const result = dataOf(await app.gql(CREATE, { input: { code, name: ' \t ' } }));
    expect(result.segmentCreate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'REQUIRED' })]);
    expect(await segmentByCode(code)).toBeNull();
  });

  it('refuses a name over 200 and a description over 4000 characters with TOO_LONG', async () => {
    // given
    const code = await newCode();
    // when
    const result = dataOf(await app.gql(CREATE, { input: { code, name: 'n'.repeat(201), description: 'd'.repeat(4001) } }));
    // then
    expect(result.segmentCreate.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['name'], 'TOO_LONG'],
      [['description'], 'TOO_LONG'],
    ]);
    expect(await segmentByCode(code)).toBeNull();
  });

  it('accepts a name of exactly 200 and a description of exactly 4000 characters', async () => {
    const code = await newCode();
    const result = dataOf(await app.gql(CREATE, { input: { code, name: 'n'.repeat(200), description: 'd'.repeat(4000) } }));
    expect(result.segmentCreate.userErrors).toEqual([]);
  });
});

describe('segmentUpdate', () => {
  it('changes name, description and representation', async () => {
    // given
    const segment = await app.factory.segment();
    const { id } = await segmentByCode(segment.code);
    // when
    const result = dataOf(await app.gql(UPDATE, { input: { id, name: 'Wijkverpleging', description: 'Thuis', representation: true } }));
    // then
    expect(result.segmentUpdate).toEqual({
      segment: { id, code: segment.code, name: 'Wijkverpleging', description: 'Thuis', representation: true },
      userErrors: [],
    });
    expect(await segmentByCode(segment.code)).toEqual(result.segmentUpdate.segment);
  });

  it('leaves omitted fields as they are', async () => {
    // given
    const segment = await app.factory.segment({ representation: true });
    const before = await segmentByCode(segment.code);
    // when
    const result = dataOf(await app.gql(UPDATE, { input: { id: before.id, description: 'Alleen dit' } }));
    // then
    expect(result.segmentUpdate.segment).toEqual({ ...before, description: 'Alleen dit' });
  });

  it('refuses an empty name and a too long description, and writes none of the other changes', async () => {
    // given
    const segment = await app.factory.segment();
    const before = await segmentByCode(segment.code);
    // when
    const result = dataOf(await app.gql(UPDATE, { input: { id: before.id, name: '', description: 'd'.repeat(4001), representation: true } }));
    // then
    expect(result.segmentUpdate.segment).toBeNull();
    expect(result.segmentUpdate.userErrors.map((e: any) => e.code).sort()).toEqual(['REQUIRED', 'TOO_LONG']);
    expect(await segmentByCode(segment.code)).toEqual(before);
  });

  it('refuses a 201-character name with TOO_LONG', async () => {
    const segment = await app.factory.segment();
    const { id } = await segmentByCode(segment.code);
    const result = dataOf(await app.gql(UPDATE, { input: { id, name: 'n'.repeat(201) } }));
    expect(result.segmentUpdate.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'TOO_LONG' })]);
  });

  it('answers NOT_FOUND for an unknown id, a malformed id and the id of another type', async () => {
    // given
    const { region } = dataOf(await app.gql(`{ region(code: "16") { id } }`));
    // when
    const results = [];
    for (const id of [Buffer.from('Segment:99999999').toString('base64url'), 'not an id', region.id]) {
      results.push(dataOf(await app.gql(UPDATE, { input: { id, name: 'x' } })).segmentUpdate);
    }
    // then
    for (const r of results) expect(r).toEqual({ segment: null, userErrors: [expect.objectContaining({ field: ['id'], code: 'NOT_FOUND' })] });
    expect(dataOf(await app.gql(`{ region(code: "16") { name } }`)).region.name).toBe('Hollands Midden');
  });

  it('refuses a missing id as a request error', async () => {
    const res = await app.gql(UPDATE, { input: { name: 'x' } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});
