import { useTestApp, dataOf, errorCodes } from '../support/app';
import type { Insurer } from '../../src/insurer/insurer.entity';
import type { Region } from '../../src/region/region.entity';

// Many requests within a minute: the per-credential budget is not what this file tests.
const app = useTestApp({ env: { RATE_LIMIT_OPERATOR_ADMIN: '1000000000' } });

const SET = `mutation($input: MarketShareSetInput!) {
  marketShareSet(input: $input) {
    marketShare { id year sharePercent insurer { uzovi } region { code } }
    userErrors { field message code }
  }
}`;

/** Sets a share through the API and returns the payload. */
async function setShare(insurer: Pick<Insurer, 'uzovi'>, region: Pick<Region, 'code'>, year: number, sharePercent: unknown) {
  const res = await app.gql(SET, { input: { insurerUzovi: insurer.uzovi, regionCode: region.code, year, sharePercent } });
  return dataOf(res).marketShareSet;
}

/** Every share of a region in a year as `uzovi -> percent`, read back through the API. */
async function sharesIn(region: Pick<Region, 'code'>, year: number): Promise<Record<string, string>> {
  const data = dataOf(
    await app.gql(`query($code: String!, $year: Int!) { marketShares(filter: { regionCode: $code, year: $year }) { nodes { sharePercent insurer { uzovi } } } }`, {
      code: region.code,
      year,
    }),
  );
  return Object.fromEntries(data.marketShares.nodes.map((s: any) => [s.insurer.uzovi, s.sharePercent]));
}

describe('marketShares', () => {
  it('filters by region and year, largest share first (Hollands Midden 2024, seed 001_46c4bc6250e7718a.txt)', async () => {
    // when
    const data = dataOf(
      await app.gql(`{ marketShares(first: 100, filter: { regionCode: "16", year: 2024 }) { totalCount nodes { year sharePercent insurer { uzovi name } region { code name } } } }`),
    );
    // then
    expect(data.marketShares.totalCount).toBe(8);
    const nodes = data.marketShares.nodes;
    expect(nodes[0]).toEqual({ year: 2024, sharePercent: '36.00', insurer: { uzovi: '9903', name: 'Zorg en Zekerheid' }, region: { code: '16', name: 'Hollands Midden' } });
    expect(nodes[1].insurer.name).toBe('Zilveren Kruis');
    const percents = nodes.map((n: any) => Number(n.sharePercent));
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
  });

  it('filters by insurer and year: one share per ambulance region, ordered by region code', async () => {
    // when
    const data = dataOf(await app.gql(`{ marketShares(first: 100, filter: { insurerUzovi: "3311", year: 2025 }) { totalCount nodes { year insurer { uzovi } region { code } } } }`));
    // then
    expect(data.marketShares.totalCount).toBe(25);
    expect(data.marketShares.nodes.map((n: any) => n.region.code)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0')));
    for (const n of data.marketShares.nodes) expect(n).toMatchObject({ year: 2025, insurer: { uzovi: '3311' } });
  });

  it('orders newest year first when no year is given', async () => {
    // when
    const data = dataOf(await app.gql(`{ marketShares(first: 100, filter: { insurerUzovi: "3311", regionCode: "09" }) { totalCount nodes { year sharePercent } } }`));
    // then: the demo trend of Zilveren Kruis is -0.15 points a year from 38.00 in 2024
    expect(data.marketShares.nodes).toEqual([
      { year: 2025, sharePercent: '37.85' },
      { year: 2024, sharePercent: '38.00' },
      { year: 2023, sharePercent: '38.15' },
    ]);
  });

  it('pages without overlap and counts all rows of the filter', async () => {
    // when
    const first = dataOf(await app.gql(`{ marketShares(first: 5, filter: { year: 2023 }) { totalCount nodes { id } pageInfo { endCursor hasNextPage } } }`));
    const second = dataOf(
      await app.gql(`query($after: String) { marketShares(first: 5, after: $after, filter: { year: 2023 }) { nodes { id } } }`, { after: first.marketShares.pageInfo.endCursor }),
    );
    // then: 8 seeded insurers in 25 regions
    expect(first.marketShares.totalCount).toBe(200);
    expect(first.marketShares.pageInfo.hasNextPage).toBe(true);
    const ids = new Set([...first.marketShares.nodes, ...second.marketShares.nodes].map((n: any) => n.id));
    expect(ids.size).toBe(10);
  });

  it('is empty for an unknown insurer', async () => {
    const data = dataOf(await app.gql(`{ marketShares(filter: { insurerUzovi: "0000" }) { totalCount nodes { id } } }`));
    expect(data.marketShares).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('Insurer.marketShares', () => {
  it("lists an insurer's shares of one year largest first: Zorg en Zekerheid leads in Hollands Midden (seed 001_46c4bc6250e7718a.txt)", async () => {
    // when
    const data = dataOf(await app.gql(`{ insurer(uzovi: "9903") { marketShares(year: 2024) { year sharePercent region { code } } } }`));
    // then
    const shares = data.insurer.marketShares;
    expect(shares).toHaveLength(25);
    expect(shares[0]).toEqual({ year: 2024, sharePercent: '36.00', region: { code: '16' } });
    const percents = shares.map((s: any) => Number(s.sharePercent));
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
  });

  it('lists every year, newest first, when no year is given', async () => {
    const data = dataOf(await app.gql(`{ insurer(uzovi: "9903") { marketShares { year } } }`));
    const years = data.insurer.marketShares.map((s: any) => s.year);
    expect(years).toEqual([...Array(25).fill(2025), ...Array(25).fill(2024), ...Array(25).fill(2023)]);
  });

  it('is empty for an insurer without shares', async () => {
    // given
    const insurer = await app.factory.insurer();
    // when
    const data = dataOf(await app.gql(`query($u: String!) { insurer(uzovi: $u) { marketShares { year } } }`, { u: insurer.uzovi }));
    // then
    expect(data.insurer.marketShares).toEqual([]);
  });
});

describe('marketShareSet', () => {
  it('creates a share, then replaces it in place (upsert)', async () => {
    // given
    const insurer = await app.factory.insurer();
    const region = await app.factory.region();
    // when
    const created = await setShare(insurer, region, 2030, '12.5');
    const replaced = await setShare(insurer, region, 2030, '20.25');
    // then
    expect(created.userErrors).toEqual([]);
    expect(created.marketShare).toMatchObject({ year: 2030, sharePercent: '12.50', insurer: { uzovi: insurer.uzovi }, region: { code: region.code } });
    expect(replaced.userErrors).toEqual([]);
    expect(replaced.marketShare.id).toBe(created.marketShare.id);
    expect(await sharesIn(region, 2030)).toEqual({ [insurer.uzovi]: '20.25' });
  });

  it.each([
    [7.5, '7.50'],
    ['007.5', '7.50'],
    ['0.1', '0.10'],
    ['33', '33.00'],
  ])('stores %j as %s and shows it so in the payload and in later reads', async (given, stored) => {
    // given
    const insurer = await app.factory.insurer();
    const region = await app.factory.region();
    // when
    const result = await setShare(insurer, region, 2030, given);
    // then
    expect(result.userErrors).toEqual([]);
    expect(result.marketShare.sharePercent).toBe(stored);
    expect(await sharesIn(region, 2030)).toEqual({ [insurer.uzovi]: stored });
  });

  it('accepts the edges 0 and 100', async () => {
    // given
    const [a, b] = [await app.factory.insurer(), await app.factory.insurer()];
    const region = await app.factory.region();
    // when
    const full = await setShare(a, region, 2030, '100');
    const zero = await setShare(b, region, 2030, '0');
    // then
    expect(full.userErrors).toEqual([]);
    expect(zero.userErrors).toEqual([]);
    expect(await sharesIn(region, 2030)).toEqual({ [a.uzovi]: '100.00', [b.uzovi]: '0.00' });
  });

  it.each([['-1'], ['100.01'], ['12.345'], ['1000']])('refuses %s percent with OUT_OF_RANGE and writes nothing', async (share) => {
    // given
    const insurer = await app.factory.insurer();
    const region = await app.factory.region();
    // when
    const result = await setShare(insurer, region, 2030, share);
    // then
    expect(result.marketShare).toBeNull();
    expect(result.userErrors).toEqual([{ field: ['sharePercent'], code: 'OUT_OF_RANGE', message: expect.stringContaining(share) }]);
    expect(await sharesIn(region, 2030)).toEqual({});
  });

  it.each([['abc'], ['12,5'], ['']])('refuses the non-number %j in the Decimal scalar as a BAD_USER_INPUT request error', async (share) => {
    // given
    const insurer = await app.factory.insurer();
    const region = await app.factory.region();
    // when
    const res = await app.gql(SET, { input: { insurerUzovi: insurer.uzovi, regionCode: region.code, year: 2030, sharePercent: share } });
    // then
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.data ?? null).toBeNull();
    expect(await sharesIn(region, 2030)).toEqual({});
  });

  it('refuses a non-number written inline in the query while validating the document, before anything runs', async () => {
    const res = await app.gql(`mutation { marketShareSet(input: { insurerUzovi: "3311", regionCode: "16", year: 2030, sharePercent: "abc" }) { userErrors { code } } }`);
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0].message).toContain('Decimal must be a number');
  });

  it('refuses an unknown insurer and an unknown region', async () => {
    // given
    const insurer = await app.factory.insurer();
    const region = await app.factory.region();
    // when
    const noInsurer = await setShare({ uzovi: '0000' }, region, 2030, '10');
    const noRegion = await setShare(insurer, { code: 'NOPE' }, 2030, '10');
    // then
    expect(noInsurer.userErrors).toEqual([expect.objectContaining({ field: ['insurerUzovi'], code: 'UNKNOWN_INSURER' })]);
    expect(noRegion.userErrors).toEqual([expect.objectContaining({ field: ['regionCode'], code: 'UNKNOWN_REGION' })]);
    expect(await sharesIn(region, 2030)).toEqual({});
  });

  it.each([[1999], [2101]])('refuses the year %i with INVALID_YEAR', async (year) => {
    // given
    const insurer = await app.factory.insurer();
    const region = await app.factory.region();
    // when
    const result = await setShare(insurer, region, year, '10');
    // then
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ['year'], code: 'INVALID_YEAR' })]);
    expect(await sharesIn(region, year)).toEqual({});
  });

  it('reports every problem of one input at once', async () => {
    const result = await setShare({ uzovi: '0000' }, { code: 'NOPE' }, 1850, '101');
    expect(result.userErrors.map((e: any) => e.code).sort()).toEqual(['INVALID_YEAR', 'OUT_OF_RANGE', 'UNKNOWN_INSURER', 'UNKNOWN_REGION']);
  });

  describe('the shares of a region-year may not exceed 100', () => {
    let a: Insurer, b: Insurer, c: Insurer, region: Region;

    beforeEach(async () => {
      // given: a region of its own, so the seeded regions stay untouched
      [a, b, c] = [await app.factory.insurer(), await app.factory.insurer(), await app.factory.insurer()];
      region = await app.factory.region();
    });

    it('allows 60 + 40, then refuses 0.01 more with TOTAL_EXCEEDS_100 and writes nothing', async () => {
      // when
      const sixty = await setShare(a, region, 2030, '60');
      const forty = await setShare(b, region, 2030, '40');
      const more = await setShare(c, region, 2030, '0.01');
      // then
      expect(sixty.userErrors).toEqual([]);
      expect(forty.userErrors).toEqual([]);
      expect(more.marketShare).toBeNull();
      expect(more.userErrors).toEqual([{ field: ['sharePercent'], code: 'TOTAL_EXCEEDS_100', message: expect.stringContaining('100.00') }]);
      expect(await sharesIn(region, 2030)).toEqual({ [a.uzovi]: '60.00', [b.uzovi]: '40.00' });
    });

    it("counts a replaced share once: an insurer may restate or lower its own share in a full region", async () => {
      // given
      await setShare(a, region, 2030, '60');
      await setShare(b, region, 2030, '40');
      // when
      const same = await setShare(a, region, 2030, '60');
      const lower = await setShare(a, region, 2030, '59.99');
      const fill = await setShare(c, region, 2030, '0.01');
      // then
      expect(same.userErrors).toEqual([]);
      expect(lower.userErrors).toEqual([]);
      expect(fill.userErrors).toEqual([]);
      expect(await sharesIn(region, 2030)).toEqual({ [a.uzovi]: '59.99', [b.uzovi]: '40.00', [c.uzovi]: '0.01' });
    });

    it('refuses raising an own share past 100 and keeps the old value', async () => {
      // given
      await setShare(a, region, 2030, '59.99');
      await setShare(b, region, 2030, '40');
      // when
      const raise = await setShare(a, region, 2030, '60.01');
      // then
      expect(raise.userErrors).toEqual([expect.objectContaining({ code: 'TOTAL_EXCEEDS_100' })]);
      expect(await sharesIn(region, 2030)).toEqual({ [a.uzovi]: '59.99', [b.uzovi]: '40.00' });
    });

    it('counts each year apart', async () => {
      // given
      await setShare(a, region, 2030, '100');
      // when
      const otherYear = await setShare(b, region, 2031, '100');
      // then
      expect(otherYear.userErrors).toEqual([]);
      expect(await sharesIn(region, 2031)).toEqual({ [b.uzovi]: '100.00' });
    });

    it('holds under concurrent writers: of two shares of 60 only one is stored', async () => {
      // when
      const results = await Promise.all([setShare(a, region, 2030, '60'), setShare(b, region, 2030, '60')]);
      // then
      const codes = results.map((r) => r.userErrors.map((e: any) => e.code).join(',')).sort();
      expect(codes).toEqual(['', 'TOTAL_EXCEEDS_100']);
      expect(Object.values(await sharesIn(region, 2030))).toEqual(['60.00']);
    });
  });
});
