import { useTestApp, dataOf } from '../support/app';
import { SEED_FILES } from '../../src/shared/seed-files';

const app = useTestApp();

const ROLES = `query($uzovi: String!, $segment: String!, $year: Int!) {
  representationRoles(insurerUzovi: $uzovi, segmentCode: $segment, year: $year) {
    role region { code name } actingInsurer { name } agreement { leadInsurer { name } secondInsurer { name } notes }
  }
}`;

const SEEDED_REGIONS = Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0'));

async function roles(uzovi: string, segment: string, year: number) {
  const data = dataOf(await app.gql(ROLES, { uzovi, segment, year }));
  return (data.representationRoles as any[]).filter((r) => SEEDED_REGIONS.includes(r.region.code));
}

describe('seed facts of representation', () => {
  it(`${SEED_FILES.AMBULANCE_2024}: Zilveren Kruis (with De Friesland, one concern) represents in 14 of the 25 regions and follows in 11`, async () => {
    // when
    const zk = await roles('3311', 'AMBULANCE', 2024);
    const df = await roles('9902', 'AMBULANCE', 2024);
    // then
    expect(zk).toHaveLength(25);
    const representing = zk.filter((r) => r.role !== 'FOLLOWER');
    expect(representing).toHaveLength(14);
    expect(zk.filter((r) => r.role === 'FOLLOWER')).toHaveLength(11);
    expect(representing.map((r) => r.region.code).sort()).toEqual(['02', '03', '04', '07', '09', '10', '11', '12', '13', '14', '15', '16', '17', '25']);
    // In Fryslân De Friesland leads for the concern: Zilveren Kruis shares the role through it.
    expect(zk.find((r) => r.region.code === '02')).toMatchObject({ role: 'LEAD', actingInsurer: { name: 'De Friesland' } });
    // One concern, one party: De Friesland has the same part as Zilveren Kruis everywhere.
    expect(df.map((r) => [r.region.code, r.role])).toEqual(zk.map((r) => [r.region.code, r.role]));
  });

  it(`${SEED_FILES.AMBULANCE_2025}: Zorg en Zekerheid leads Hollands Midden with Zilveren Kruis second, and follows in the other 24`, async () => {
    // when
    const zz = await roles('9903', 'AMBULANCE', 2025);
    const agreement = dataOf(
      await app.gql(`{ representationAgreement(segmentCode: "AMBULANCE", year: 2025, regionCode: "16") {
        region { name } leadInsurer { name } secondInsurer { name } followers { name } warnings { code } } }`),
    ).representationAgreement;
    const purchasers = dataOf(
      await app.gql(`{ representationPurchasers(insurerUzovi: "9907", segmentCode: "AMBULANCE", regionCode: "16", year: 2025) {
        role purchasers { name } } }`),
    ).representationPurchasers;
    // then
    expect(zz).toHaveLength(25);
    expect(zz.filter((r) => r.role === 'LEAD').map((r) => r.region.name)).toEqual(['Hollands Midden']);
    expect(zz.filter((r) => r.role === 'FOLLOWER')).toHaveLength(24);
    expect(zz.filter((r) => r.role === 'CO_REPRESENTING')).toHaveLength(0);
    expect(agreement).toMatchObject({ region: { name: 'Hollands Midden' }, leadInsurer: { name: 'Zorg en Zekerheid' }, secondInsurer: { name: 'Zilveren Kruis' }, warnings: [] });
    expect(agreement.followers.map((i: any) => i.name)).toEqual(expect.arrayContaining(['CZ', 'DSW', 'Menzis', 'ONVZ', 'VGZ']));
    expect(agreement.followers.map((i: any) => i.name)).not.toContain('De Friesland');
    expect(purchasers).toEqual({ role: 'FOLLOWER', purchasers: [{ name: 'Zorg en Zekerheid' }, { name: 'Zilveren Kruis' }] });
  });

  it(`${SEED_FILES.COORDINATION_2024}: outside its core regions Zilveren Kruis follows the preferred insurer`, async () => {
    // given: the core regions are where Zilveren Kruis has the largest market share in 2024
    const shares = dataOf(await app.gql(`{ marketShares(first: 100, filter: { year: 2024, insurerUzovi: "3311" }) { nodes { region { code } } } }`));
    expect(shares.marketShares.nodes.length).toBe(25);
    const leaders = new Map<string, string>();
    for (const code of SEEDED_REGIONS) {
      const region = dataOf(await app.gql(`query($c: String!) { region(code: $c) { marketShares(year: 2024) { insurer { uzovi } } } }`, { c: code }));
      leaders.set(code, region.region.marketShares[0].insurer.uzovi);
    }
    const core = SEEDED_REGIONS.filter((c) => leaders.get(c) === '3311');
    expect(core).toEqual(['09', '10', '11', '12', '13', '14', '25']);
    // when
    const zk = await roles('3311', 'COORDINATION', 2024);
    // then: the preferred insurer decides alone in its core regions; everywhere else Zilveren Kruis follows the
    // decision of the preferred insurer - in Fryslân that is De Friesland, of its own concern.
    expect(zk).toHaveLength(25);
    for (const r of zk) {
      expect(r.agreement.secondInsurer).toBeNull();
      if (core.includes(r.region.code)) expect(r).toMatchObject({ role: 'LEAD', actingInsurer: { name: 'Zilveren Kruis' } });
      else if (r.region.code === '02') expect(r).toMatchObject({ role: 'LEAD', actingInsurer: { name: 'De Friesland' } });
      else {
        expect(r.role).toBe('FOLLOWER');
        expect(r.agreement.notes).toContain('follows the decision of the preferred insurer');
      }
    }
    expect(zk.filter((r) => r.role === 'FOLLOWER')).toHaveLength(25 - core.length - 1);
    const purchasers = dataOf(
      await app.gql(`{ representationPurchasers(insurerUzovi: "3311", segmentCode: "COORDINATION", regionCode: "16", year: 2024) { role purchasers { name } } }`),
    ).representationPurchasers;
    expect(purchasers).toEqual({ role: 'FOLLOWER', purchasers: [{ name: 'Zorg en Zekerheid' }] });
  });

  it.each([
    ['AMBULANCE', 2024, SEED_FILES.AMBULANCE_2024],
    ['AMBULANCE', 2025, SEED_FILES.AMBULANCE_2025],
    ['COORDINATION', 2024, SEED_FILES.COORDINATION_2024],
  ])('%s %s (%s): all 25 seeded ambulance regions are covered, by the two largest insurers', async (segment, year, _source) => {
    // when
    const data = dataOf(
      await app.gql(
        `query($s: String!, $y: Int!) {
          representationCoverage(segmentCode: $s, year: $y) { regionCount coveredRegionCount allRegionsCovered uncoveredRegions { code } regions { region { code } leadInsurer { name } secondInsurer { name } } }
          representationMismatches(segmentCode: $s, year: $y, first: 100) { totalCount }
        }`,
        { s: segment, y: year },
      ),
    );
    // then
    const coverage = data.representationCoverage;
    const seeded = coverage.regions.filter((r: any) => SEEDED_REGIONS.includes(r.region.code));
    expect(seeded).toHaveLength(25);
    for (const r of seeded) expect(r.leadInsurer && (segment === 'COORDINATION' ? r.secondInsurer === null : r.secondInsurer)).toBeTruthy();
    for (const u of coverage.uncoveredRegions) expect(SEEDED_REGIONS).not.toContain(u.code);
    expect(coverage.allRegionsCovered).toBe(coverage.uncoveredRegions.length === 0);
    expect(coverage.coveredRegionCount).toBe(coverage.regionCount - coverage.uncoveredRegions.length);
    expect(data.representationMismatches.totalCount).toBe(0);
  });
});
