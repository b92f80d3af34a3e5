import { useTestApp, dataOf, errorCodes } from '../support/app';
import { gid } from '../factories/contract';
import { Region, RegionKind } from '../../src/region/region.entity';
import { Concern } from '../../src/insurer/concern.entity';

const app = useTestApp({ env: { REPORT_SQL_STATEMENTS: 'true' } });

const CREATE = `mutation($input: RepresentationAgreementCreateInput!) {
  representationAgreementCreate(input: $input) {
    representationAgreement { id year leadInsurer { uzovi } secondInsurer { uzovi } followers { uzovi } basis }
    warnings { code message expectedLeadInsurer { uzovi } expectedSecondInsurer { uzovi } }
    userErrors { field message code }
  }
}`;
const UPDATE = `mutation($input: RepresentationAgreementUpdateInput!) {
  representationAgreementUpdate(input: $input) {
    representationAgreement { id leadInsurer { uzovi } secondInsurer { uzovi } notes }
    warnings { code }
    userErrors { field code }
  }
}`;

/** The ambulance segment and a new region with four insurers holding 40/30/20/5 percent in a year. */
async function market(year: number) {
  const segment = await app.contracts.seeded('AMBULANCE');
  const region = await app.factory.region();
  const [a, b, c, d] = [await app.factory.insurer(), await app.factory.insurer(), await app.factory.insurer(), await app.factory.insurer()];
  await app.factory.marketShare(a, region, year, '40.00');
  await app.factory.marketShare(b, region, year, '30.00');
  await app.factory.marketShare(c, region, year, '20.00');
  await app.factory.marketShare(d, region, year, '5.00');
  return { segment, region, a, b, c, d, year };
}

describe('representation agreements', () => {
  it('creates an agreement of the two largest without warnings; followers are derived from market shares', async () => {
    // given
    const m = await market(2032);
    // when
    const result = dataOf(
      await app.gql(CREATE, {
        input: { segmentCode: m.segment.code, regionCode: m.region.code, year: m.year, leadInsurerUzovi: m.a.uzovi, secondInsurerUzovi: m.b.uzovi, basis: ' largest shares ' },
      }),
    ).representationAgreementCreate;
    // then
    expect(result.userErrors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.representationAgreement).toMatchObject({ year: 2032, leadInsurer: { uzovi: m.a.uzovi }, secondInsurer: { uzovi: m.b.uzovi }, basis: 'largest shares' });
    expect(result.representationAgreement.followers.map((i: any) => i.uzovi).sort()).toEqual([m.c.uzovi, m.d.uzovi].sort());
    // and a new market share makes a new follower, with no write to the agreement
    const newcomer = await app.factory.insurer();
    await app.factory.marketShare(newcomer, m.region, m.year, '1.00');
    const again = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on RepresentationAgreement { followers { uzovi } } } }`, { id: result.representationAgreement.id }));
    expect(again.node.followers.map((i: any) => i.uzovi)).toContain(newcomer.uzovi);
  });

  it('succeeds with warnings when the representing insurers are not the two largest, and lists it as a mismatch until fixed', async () => {
    // given
    const m = await market(2033);
    // when
    const created = dataOf(
      await app.gql(CREATE, { input: { segmentCode: m.segment.code, regionCode: m.region.code, year: m.year, leadInsurerUzovi: m.c.uzovi, secondInsurerUzovi: m.d.uzovi } }),
    ).representationAgreementCreate;
    // then
    expect(created.userErrors).toEqual([]);
    expect(created.representationAgreement).not.toBeNull();
    expect(created.warnings.map((w: any) => w.code)).toEqual(['LEAD_NOT_LARGEST', 'SECOND_NOT_SECOND_LARGEST']);
    expect(created.warnings[0]).toMatchObject({ expectedLeadInsurer: { uzovi: m.a.uzovi }, expectedSecondInsurer: { uzovi: m.b.uzovi } });
    const MISMATCHES = `query($s: String) { representationMismatches(segmentCode: $s, year: 2033, first: 10) { totalCount nodes { id warnings { code } } } }`;
    const listed = dataOf(await app.gql(MISMATCHES, { s: m.segment.code })).representationMismatches;
    expect(listed.totalCount).toBe(1);
    expect(listed.nodes[0].id).toBe(created.representationAgreement.id);

    // when the lead is fixed, one warning remains; when both are, none
    const half = dataOf(await app.gql(UPDATE, { input: { id: created.representationAgreement.id, leadInsurerUzovi: m.a.uzovi } })).representationAgreementUpdate;
    expect(half.warnings.map((w: any) => w.code)).toEqual(['SECOND_NOT_SECOND_LARGEST']);
    const fixed = dataOf(
      await app.gql(UPDATE, { input: { id: created.representationAgreement.id, secondInsurerUzovi: m.b.uzovi, notes: 'fixed' } }),
    ).representationAgreementUpdate;
    expect(fixed).toMatchObject({ warnings: [], userErrors: [], representationAgreement: { leadInsurer: { uzovi: m.a.uzovi }, secondInsurer: { uzovi: m.b.uzovi }, notes: 'fixed' } });
    expect(dataOf(await app.gql(MISMATCHES, { s: m.segment.code })).representationMismatches.totalCount).toBe(0);
  });

  it('judges mismatches on the current shares: a share that changes later makes an agreement a mismatch', async () => {
    // given an agreement of the two largest
    const m = await market(2034);
    await app.contracts.agreement(m.segment, m.region, m.year, m.a, m.b);
    // when a follower overtakes the second insurer
    const em = app.orm.em.fork();
    await em.getConnection().execute(`update market_share set share_percent = 35 where insurer_id = ? and region_id = ? and year = ?`, [m.c.id, m.region.id, m.year]);
    // then
    const listed = dataOf(await app.gql(`query($s: String) { representationMismatches(segmentCode: $s, year: 2034) { nodes { warnings { code expectedSecondInsurer { uzovi } } } } }`, { s: m.segment.code }));
    expect(listed.representationMismatches.nodes).toEqual([{ warnings: [{ code: 'SECOND_NOT_SECOND_LARGEST', expectedSecondInsurer: { uzovi: m.c.uzovi } }] }]);
  });

  it('refuses an unknown region, an insurer without market share there, and every other bad input, writing nothing', async () => {
    // given
    const m = await market(2035);
    const plain = await app.contracts.seeded('MSZ');
    const sibling = await app.factory.insurer({ concern: await app.orm.em.fork().findOneOrFail(Concern, { id: m.a.concern.id }) });
    await app.factory.marketShare(sibling, m.region, m.year, '1.00');
    const base = { segmentCode: m.segment.code, regionCode: m.region.code, year: m.year, leadInsurerUzovi: m.a.uzovi, secondInsurerUzovi: m.b.uzovi };
    const outsider = await app.factory.insurer();
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ regionCode: 'NOPE' }, 'UNKNOWN_REGION', ['regionCode']],
      [{ secondInsurerUzovi: outsider.uzovi }, 'NO_MARKET_SHARE', ['secondInsurerUzovi']],
      [{ leadInsurerUzovi: '0000' }, 'UNKNOWN_INSURER', ['leadInsurerUzovi']],
      [{ segmentCode: 'NO_SUCH' }, 'UNKNOWN_SEGMENT', ['segmentCode']],
      [{ segmentCode: plain.code }, 'NOT_REPRESENTATION_SEGMENT', ['segmentCode']],
      [{ secondInsurerUzovi: m.a.uzovi }, 'SAME_INSURER', ['secondInsurerUzovi']],
      [{ secondInsurerUzovi: sibling.uzovi }, 'SAME_CONCERN', ['secondInsurerUzovi']],
      [{ year: 1999 }, 'INVALID_YEAR', ['year']],
      [{ notes: 'x'.repeat(2001) }, 'TOO_LONG', ['notes']],
    ];
    for (const [change, code, field] of cases) {
      // when
      const result = dataOf(await app.gql(CREATE, { input: { ...base, ...change } })).representationAgreementCreate;
      // then
      expect({ change, codes: result.userErrors.map((e: any) => e.code) }).toEqual({ change, codes: expect.arrayContaining([code]) });
      expect(result.userErrors.find((e: any) => e.code === code).field).toEqual(field);
      expect(result.representationAgreement).toBeNull();
    }
    const none = dataOf(
      await app.gql(`query($s: String, $r: String) { representationAgreements(filter: { segmentCode: $s, regionCode: $r }) { totalCount } }`, { s: m.segment.code, r: m.region.code }),
    );
    expect(none.representationAgreements.totalCount).toBe(0);
    // and a second agreement for the same segment, region and year is refused
    expect(dataOf(await app.gql(CREATE, { input: base })).representationAgreementCreate.userErrors).toEqual([]);
    const dup = dataOf(await app.gql(CREATE, { input: { ...base, leadInsurerUzovi: m.b.uzovi, secondInsurerUzovi: m.a.uzovi } })).representationAgreementCreate;
    expect(dup.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE_AGREEMENT', field: ['regionCode'] })]);
  });

  it('reports NOT_FOUND for an unknown agreement on update', async () => {
    const result = dataOf(await app.gql(UPDATE, { input: { id: gid('RepresentationAgreement', 99999999), notes: 'x' } })).representationAgreementUpdate;
    expect(result.userErrors).toEqual([{ field: ['id'], code: 'NOT_FOUND' }]);
  });

  it('lets only the operator admin write agreements, and every principal read them', async () => {
    // given
    const m = await market(2036);
    const insurerAdmin = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: m.a });
    const provider = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: await app.factory.provider() });
    const input = { segmentCode: m.segment.code, regionCode: m.region.code, year: m.year, leadInsurerUzovi: m.a.uzovi, secondInsurerUzovi: m.b.uzovi };
    // when
    const denied = await app.gql(CREATE, { input }, { token: insurerAdmin });
    const created = dataOf(await app.gql(CREATE, { input })).representationAgreementCreate.representationAgreement;
    const read = dataOf(
      await app.gql(`query($s: String!, $r: String!) { representationAgreement(segmentCode: $s, year: 2036, regionCode: $r) { id } }`, { s: m.segment.code, r: m.region.code }, { token: provider }),
    );
    // then
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);
    expect(read.representationAgreement.id).toBe(created.id);
  });

  it('records an agreement without a second insurer, where the preferred insurer decides alone', async () => {
    const m = await market(2037);
    const result = dataOf(await app.gql(CREATE, { input: { segmentCode: m.segment.code, regionCode: m.region.code, year: m.year, leadInsurerUzovi: m.a.uzovi } }))
      .representationAgreementCreate;
    expect(result).toMatchObject({ userErrors: [], warnings: [], representationAgreement: { secondInsurer: null } });
    expect(result.representationAgreement.followers.map((i: any) => i.uzovi).sort()).toEqual([m.b.uzovi, m.c.uzovi, m.d.uzovi].sort());
  });
});

describe('representation queries', () => {
  it('gives each insurer its role per region, and who purchases on behalf of any insurer', async () => {
    // given
    const w = await app.contracts.world(2038);
    const plain = await app.contracts.seeded('MSZ');
    const otherRepresentation = await app.contracts.seeded('COORDINATION');
    const ROLES = `query($u: String!, $s: String!) { representationRoles(insurerUzovi: $u, segmentCode: $s, year: 2038) { role region { code } actingInsurer { uzovi } } }`;
    const PURCHASERS = `query($u: String!, $s: String!, $r: String!) { representationPurchasers(insurerUzovi: $u, segmentCode: $s, regionCode: $r, year: 2038) { role agreement { id } purchasers { uzovi } } }`;
    // when
    const role = async (u: string) => dataOf(await app.gql(ROLES, { u, s: w.segment.code })).representationRoles;
    const purchasers = async (u: string, s = w.segment.code) => dataOf(await app.gql(PURCHASERS, { u, s, r: w.region.code })).representationPurchasers;
    // then
    expect(await role(w.lead.uzovi)).toEqual([{ role: 'LEAD', region: { code: w.region.code }, actingInsurer: { uzovi: w.lead.uzovi } }]);
    expect(await role(w.second.uzovi)).toEqual([{ role: 'CO_REPRESENTING', region: { code: w.region.code }, actingInsurer: { uzovi: w.second.uzovi } }]);
    expect(await role(w.follower.uzovi)).toEqual([{ role: 'FOLLOWER', region: { code: w.region.code }, actingInsurer: { uzovi: w.follower.uzovi } }]);
    expect(await role(w.outsider.uzovi)).toEqual([]);
    expect(dataOf(await app.gql(ROLES, { u: '0000', s: w.segment.code })).representationRoles).toBeNull();
    const both = [{ uzovi: w.lead.uzovi }, { uzovi: w.second.uzovi }];
    expect(await purchasers(w.follower.uzovi)).toEqual({ role: 'FOLLOWER', agreement: { id: gid('RepresentationAgreement', w.agreement.id) }, purchasers: both });
    expect(await purchasers(w.lead.uzovi)).toMatchObject({ role: 'LEAD', purchasers: both });
    expect(await purchasers(w.outsider.uzovi)).toMatchObject({ role: null, purchasers: both });
    expect(await purchasers(w.follower.uzovi, plain.code)).toEqual({ role: null, agreement: null, purchasers: [{ uzovi: w.follower.uzovi }] });
    expect(await purchasers(w.follower.uzovi, otherRepresentation.code)).toEqual({ role: null, agreement: null, purchasers: [] });
  });

  it('reports coverage per region and whether every region of the set is covered', async () => {
    // given: coordination agreements for a year nobody else uses, in every ambulance region that exists now
    const segment = await app.contracts.seeded('COORDINATION');
    const [a, b] = [await app.factory.insurer(), await app.factory.insurer()];
    const regions = await app.orm.em.fork().find(Region, { kind: RegionKind.AMBULANCE });
    for (const region of regions) await app.contracts.agreement(segment, region, 2039, a, b);
    const COVERAGE = `query($s: String!) { representationCoverage(segmentCode: $s, year: 2039) {
      regionCount coveredRegionCount allRegionsCovered uncoveredRegions { code } regions { region { code } leadInsurer { uzovi } secondInsurer { uzovi } agreement { id } } } }`;
    // when
    const full = dataOf(await app.gql(COVERAGE, { s: segment.code })).representationCoverage;
    const extra = await app.factory.region();
    const partial = dataOf(await app.gql(COVERAGE, { s: segment.code })).representationCoverage;
    // then
    expect(full).toMatchObject({ regionCount: regions.length, coveredRegionCount: regions.length, allRegionsCovered: true, uncoveredRegions: [] });
    expect(full.regions.every((r: any) => r.leadInsurer.uzovi === a.uzovi && r.secondInsurer.uzovi === b.uzovi)).toBe(true);
    expect(partial).toMatchObject({ regionCount: regions.length + 1, coveredRegionCount: regions.length, allRegionsCovered: false, uncoveredRegions: [{ code: extra.code }] });
    expect(partial.regions.find((r: any) => r.region.code === extra.code)).toEqual({ region: { code: extra.code }, leadInsurer: null, secondInsurer: null, agreement: null });
    expect(dataOf(await app.gql(COVERAGE, { s: 'NO_SUCH' })).representationCoverage).toBeNull();
  });

  it('refuses an implausible year with BAD_USER_INPUT', async () => {
    const response = await app.gql(`{ representationCoverage(segmentCode: "AMBULANCE", year: 20240) { regionCount } }`);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('does not grow the number of SQL statements with the page size (no N+1)', async () => {
    const QUERY = `query($n: Int!) { representationAgreements(first: $n, filter: { segmentCode: "AMBULANCE", year: 2024 }) {
      nodes { id region { code } segment { code } leadInsurer { name concern { code } } secondInsurer { name } followers { name } warnings { code expectedLeadInsurer { name } } } } }`;
    const small = await app.gql(QUERY, { n: 3 });
    const large = await app.gql(QUERY, { n: 15 });
    expect(dataOf(large).representationAgreements.nodes).toHaveLength(15);
    expect(large.body.extensions!.sqlStatements).toBe(small.body.extensions!.sqlStatements);
  });
});
