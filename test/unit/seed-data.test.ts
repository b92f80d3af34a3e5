/**
 * Consistency checks for the reference and demo seed data in the features' <feature>.seed.ts.
 *
 * The demo values (market shares, codes) are invented, so nothing outside this test guards that
 * they still agree with the facts of the Dutch seed documents. These tests recompute those facts
 * from the exported data; test names cite the seed file a rule comes from.
 */
import { INSURERS } from '../../src/insurer/insurer.seed';
import { AMBULANCE_REGIONS, MARKET_SHARES } from '../../src/region/region.seed';
import { SEGMENTS } from '../../src/segment/segment.seed';
import { PROVIDERS } from '../../src/provider/provider.seed';
import { POLICIES, type PolicySeed } from '../../src/purchasing-policy/purchasing-policy.seed';
import { REPRESENTATION_AGREEMENTS, type RepresentationSeed } from '../../src/representation/representation.seed';
import { SEED_FILES } from '../../src/shared/seed-files';

const YEARS = [2023, 2024, 2025];

function uzoviOf(name: string): string {
  const insurer = INSURERS.find((i) => i.name === name);
  if (!insurer) throw new Error(`insurer ${name} missing`);
  return insurer.uzovi;
}

const ZK = uzoviOf('Zilveren Kruis');
const DF = uzoviOf('De Friesland');
const ZZ = uzoviOf('Zorg en Zekerheid');
const ACHMEA = new Set([ZK, DF]);

/** Hundredths of a percent, so sums are exact. */
function hundredths(sharePercent: string): number {
  const [whole, fraction] = sharePercent.split('.');
  return Number(whole) * 100 + Number(fraction);
}

/** Insurers of a region-year ordered by share, largest first. */
function ranking(regionCode: string, year: number): { uzovi: string; share: number }[] {
  return MARKET_SHARES.filter((s) => s.regionCode === regionCode && s.year === year)
    .map((s) => ({ uzovi: s.uzovi, share: hundredths(s.sharePercent) }))
    .sort((a, b) => b.share - a.share);
}

function agreements(segmentCode: RepresentationSeed['segmentCode'], year: number): RepresentationSeed[] {
  return REPRESENTATION_AGREEMENTS.filter((a) => a.segmentCode === segmentCode && a.year === year);
}

function policyFrom(sourceDocument: string): PolicySeed {
  const found = POLICIES.filter((p) => p.sourceDocument === sourceDocument);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('reference data', () => {
  it('has 25 ambulance regions with unique codes 01..25', () => {
    expect(AMBULANCE_REGIONS).toHaveLength(25);
    const codes = AMBULANCE_REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(25);
    expect(codes).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(AMBULANCE_REGIONS.find((r) => r.code === '01')?.name).toBe('Groningen');
    expect(AMBULANCE_REGIONS.find((r) => r.code === '16')?.name).toBe('Hollands Midden');
    expect(AMBULANCE_REGIONS.find((r) => r.code === '25')?.name).toBe('Flevoland');
  });

  it('has unique 4-digit UZOVI codes and the required insurers', () => {
    for (const insurer of INSURERS) expect(insurer.uzovi).toMatch(/^\d{4}$/);
    expect(new Set(INSURERS.map((i) => i.uzovi)).size).toBe(INSURERS.length);
    for (const name of ['Zilveren Kruis', 'De Friesland', 'Zorg en Zekerheid', 'VGZ', 'CZ', 'Menzis', 'DSW', 'ONVZ']) {
      expect(INSURERS.some((i) => i.name === name)).toBe(true);
    }
  });

  it(`puts Zilveren Kruis and De Friesland in one concern (${SEED_FILES.AMBULANCE_2024})`, () => {
    const zk = INSURERS.find((i) => i.uzovi === ZK);
    const df = INSURERS.find((i) => i.uzovi === DF);
    expect(zk?.concern).toBe('Achmea');
    expect(df?.concern).toBe('Achmea');
  });

  it('marks exactly ambulance care and coordination functions as purchased by representation', () => {
    expect(SEGMENTS.map((s) => s.code).sort()).toEqual(['AMBULANCE', 'COORDINATION', 'MSR', 'MSZ', 'ZG']);
    expect(SEGMENTS.filter((s) => s.representation).map((s) => s.code).sort()).toEqual(['AMBULANCE', 'COORDINATION']);
  });

  it('has providers with unique 8-digit AGB codes (some with a leading zero) and 8-digit KvK numbers', () => {
    for (const p of PROVIDERS) {
      expect(p.agb).toMatch(/^\d{8}$/);
      expect(p.kvk).toMatch(/^\d{8}$/);
    }
    expect(new Set(PROVIDERS.map((p) => p.agb)).size).toBe(PROVIDERS.length);
    expect(PROVIDERS.some((p) => p.agb.startsWith('0'))).toBe(true);
  });

  it('has one RAV per region and providers only in known regions', () => {
    const codes = new Set(AMBULANCE_REGIONS.map((r) => r.code));
    for (const p of PROVIDERS) if (p.regionCode !== null) expect(codes.has(p.regionCode)).toBe(true);
    const ravRegions = PROVIDERS.filter((p) => p.kind === 'RAV').map((p) => p.regionCode);
    expect(ravRegions).toHaveLength(25);
    expect(new Set(ravRegions)).toEqual(codes);
    expect(PROVIDERS.find((p) => p.kind === 'RAV' && p.regionCode === '16')?.name).toBe('RAV Hollands Midden');
  });

  it('has the demo provider mix the later tests need', () => {
    const count = (kind: string) => PROVIDERS.filter((p) => p.kind === kind).length;
    expect(count('HOSPITAL')).toBeGreaterThanOrEqual(10);
    expect(count('INDEPENDENT_CLINIC')).toBeGreaterThanOrEqual(2);
    expect(count('ZG_PROVIDER')).toBe(3);
    const coordinationRegions = new Set(
      PROVIDERS.filter((p) => p.kind === 'COORDINATION_FUNCTION').map((p) => p.regionCode),
    );
    expect(coordinationRegions.size).toBeGreaterThanOrEqual(6);
  });

  it(`places ELV providers with beds in two regions that have a coordination function (${SEED_FILES.COORDINATION_2024}, Bijlage 1)`, () => {
    const elv = PROVIDERS.filter((p) => p.elvBeds !== undefined);
    expect(elv.length).toBeGreaterThanOrEqual(4);
    expect(elv.length).toBeLessThanOrEqual(6);
    for (const p of elv) {
      expect(p.kind).toBe('OTHER');
      expect(Number.isInteger(p.elvBeds)).toBe(true);
      expect(p.elvBeds).toBeGreaterThan(0);
    }
    const elvRegions = new Set(elv.map((p) => p.regionCode));
    expect(elvRegions.size).toBe(2);
    for (const region of elvRegions) {
      expect(PROVIDERS.some((p) => p.kind === 'COORDINATION_FUNCTION' && p.regionCode === region)).toBe(true);
    }
    // Only ELV providers carry a bed count.
    expect(PROVIDERS.filter((p) => p.kind !== 'OTHER' && p.elvBeds !== undefined)).toHaveLength(0);
  });
});

describe('market shares (demo values)', () => {
  it('cover every listed insurer x every region x 2023-2025 exactly once', () => {
    expect(MARKET_SHARES).toHaveLength(INSURERS.length * 25 * YEARS.length);
    const keys = new Set(MARKET_SHARES.map((s) => `${s.uzovi}|${s.regionCode}|${s.year}`));
    expect(keys.size).toBe(MARKET_SHARES.length);
    for (const insurer of INSURERS)
      for (const region of AMBULANCE_REGIONS)
        for (const year of YEARS) expect(keys.has(`${insurer.uzovi}|${region.code}|${year}`)).toBe(true);
  });

  it('are non-negative decimal strings with two decimals', () => {
    for (const s of MARKET_SHARES) {
      expect(s.sharePercent).toMatch(/^\d{1,3}\.\d{2}$/);
      expect(hundredths(s.sharePercent)).toBeGreaterThanOrEqual(0);
    }
  });

  it('sum to at most 100.00 per region and year', () => {
    for (const region of AMBULANCE_REGIONS)
      for (const year of YEARS) {
        const total = ranking(region.code, year).reduce((sum, r) => sum + r.share, 0);
        expect(total).toBeLessThanOrEqual(10000);
      }
  });

  it('have no tie for first or second place in any region-year', () => {
    for (const region of AMBULANCE_REGIONS)
      for (const year of YEARS) {
        const [first, second, third] = ranking(region.code, year);
        expect(first.share).toBeGreaterThan(second.share);
        expect(second.share).toBeGreaterThan(third.share);
      }
  });

  it(`make De Friesland market leader in Fryslân (02) for the Achmea concern (${SEED_FILES.AMBULANCE_2024})`, () => {
    for (const year of YEARS) expect(ranking('02', year)[0].uzovi).toBe(DF);
  });
});

describe('representation agreements', () => {
  it(`cover all 25 regions for ambulance 2024 (${SEED_FILES.AMBULANCE_2024}), ambulance 2025 (${SEED_FILES.AMBULANCE_2025}) and coordination 2024 (${SEED_FILES.COORDINATION_2024})`, () => {
    const sets: [RepresentationSeed['segmentCode'], number, string][] = [
      ['AMBULANCE', 2024, SEED_FILES.AMBULANCE_2024],
      ['AMBULANCE', 2025, SEED_FILES.AMBULANCE_2025],
      ['COORDINATION', 2024, SEED_FILES.COORDINATION_2024],
    ];
    expect(REPRESENTATION_AGREEMENTS).toHaveLength(75);
    for (const [segment, year, source] of sets) {
      const set = agreements(segment, year);
      expect(set.map((a) => a.regionCode).sort()).toEqual(AMBULANCE_REGIONS.map((r) => r.code));
      for (const a of set) {
        expect(a.sourceDocument).toBe(source);
        expect(a.basis.length).toBeGreaterThan(0);
        expect(a.notes.length).toBeGreaterThan(0);
      }
    }
  });

  it(`name the two largest insurers of the region and year, lead = largest, lead != second (${SEED_FILES.AMBULANCE_2024}, ${SEED_FILES.AMBULANCE_2025})`, () => {
    const insurerCodes = new Set(INSURERS.map((i) => i.uzovi));
    for (const a of REPRESENTATION_AGREEMENTS.filter((x) => x.segmentCode === 'AMBULANCE')) {
      const [first, second] = ranking(a.regionCode, a.year);
      expect(a.leadUzovi).not.toBe(a.secondUzovi);
      expect(insurerCodes.has(a.leadUzovi)).toBe(true);
      expect(insurerCodes.has(a.secondUzovi!)).toBe(true);
      expect({ region: a.regionCode, year: a.year, lead: a.leadUzovi, second: a.secondUzovi }).toEqual({
        region: a.regionCode,
        year: a.year,
        lead: first.uzovi,
        second: second.uzovi,
      });
    }
  });

  it(`give the Zilveren Kruis concern a representing role in exactly 14 of 25 ambulance regions in 2024 (${SEED_FILES.AMBULANCE_2024})`, () => {
    const set = agreements('AMBULANCE', 2024);
    const represents = set.filter((a) => ACHMEA.has(a.leadUzovi) || ACHMEA.has(a.secondUzovi!));
    const follows = set.filter((a) => !ACHMEA.has(a.leadUzovi) && !ACHMEA.has(a.secondUzovi!));
    expect(represents).toHaveLength(14);
    expect(follows).toHaveLength(11);
    expect(represents.map((a) => a.regionCode).sort()).toEqual(
      ['02', '03', '04', '07', '09', '10', '11', '12', '13', '14', '15', '16', '17', '25'],
    );
    // In Fryslân De Friesland represents for the concern.
    expect(set.find((a) => a.regionCode === '02')?.leadUzovi).toBe(DF);
  });

  it(`make Zorg en Zekerheid lead in Hollands Midden with Zilveren Kruis second and a follower in the other 24 regions in 2025 (${SEED_FILES.AMBULANCE_2025})`, () => {
    const set = agreements('AMBULANCE', 2025);
    const hollandsMidden = set.find((a) => a.regionCode === '16');
    expect(hollandsMidden?.leadUzovi).toBe(ZZ);
    expect(hollandsMidden?.secondUzovi).toBe(ZK);
    const elsewhere = set.filter((a) => a.regionCode !== '16');
    expect(elsewhere).toHaveLength(24);
    for (const a of elsewhere) {
      expect(a.leadUzovi).not.toBe(ZZ);
      expect(a.secondUzovi).not.toBe(ZZ);
    }
  });

  it(`name only the preferred insurer (the largest) for coordination functions: it decides alone (${SEED_FILES.COORDINATION_2024})`, () => {
    for (const a of agreements('COORDINATION', 2024)) {
      expect(a.leadUzovi).toBe(ranking(a.regionCode, a.year)[0].uzovi);
      expect(a.secondUzovi).toBeNull();
    }
  });

  it(`make Zilveren Kruis lead for coordination functions exactly in its core regions and follow the preferred insurer elsewhere (${SEED_FILES.COORDINATION_2024})`, () => {
    const set = agreements('COORDINATION', 2024);
    const coreRegions = AMBULANCE_REGIONS.map((r) => r.code).filter((code) => ranking(code, 2024)[0].uzovi === ZK);
    expect(coreRegions).toEqual(['09', '10', '11', '12', '13', '14', '25']);
    const zkLeads = set.filter((a) => a.leadUzovi === ZK).map((a) => a.regionCode).sort();
    expect(zkLeads).toEqual(coreRegions);
    for (const a of set.filter((x) => !coreRegions.includes(x.regionCode))) {
      expect(a.leadUzovi).not.toBe(ZK);
      expect(a.secondUzovi).not.toBe(ZK);
      expect(a.notes).toMatch(/follow|represents for the Achmea concern/);
    }
  });
});

describe('policies and purchasing calendars', () => {
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;

  function isRealDate(value: string): boolean {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }

  it('are exactly the five policies of the five seed files', () => {
    expect(POLICIES).toHaveLength(5);
    expect(POLICIES.map((p) => p.sourceDocument).sort()).toEqual(Object.values(SEED_FILES).sort());
  });

  it('have valid insurers, segments, years, dates and sorted milestones', () => {
    const insurerCodes = new Set(INSURERS.map((i) => i.uzovi));
    const segmentCodes = new Set(SEGMENTS.map((s) => s.code));
    for (const p of POLICIES) {
      expect(insurerCodes.has(p.insurerUzovi)).toBe(true);
      expect(segmentCodes.has(p.segmentCode)).toBe(true);
      expect(p.lastYear).toBeGreaterThanOrEqual(p.firstYear);
      expect(p.contractTermYears).toBeGreaterThanOrEqual(1);
      expect(isRealDate(p.publishedOn)).toBe(true);
      expect(p.title.length).toBeGreaterThan(0);
      expect(p.summary.length).toBeGreaterThan(0);
      const dates = p.milestones.map((m) => m.date);
      for (const m of p.milestones) {
        expect(m.date).toMatch(isoDate);
        expect(isRealDate(m.date)).toBe(true);
        expect(m.description.length).toBeGreaterThan(0);
      }
      expect([...dates].sort()).toEqual(dates);
      const keys = p.milestones.map((m) => `${m.date}|${m.kind}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('include the publication date as a PUBLICATION milestone in every policy', () => {
    for (const p of POLICIES) {
      const publications = p.milestones.filter((m) => m.kind === 'PUBLICATION');
      expect(publications).toHaveLength(1);
      expect(publications[0].date).toBe(p.publishedOn);
    }
  });

  it(`holds the ambulance 2024 calendar of Zilveren Kruis (${SEED_FILES.AMBULANCE_2024})`, () => {
    const p = policyFrom(SEED_FILES.AMBULANCE_2024);
    expect(p).toMatchObject({ insurerUzovi: ZK, segmentCode: 'AMBULANCE', firstYear: 2024, lastYear: 2024, contractTermYears: 1 });
    expect(p.publishedOn).toBe('2023-04-01');
    const dates = p.milestones.map((m) => m.date);
    for (const d of ['2023-04-01', '2024-06-30']) expect(dates).toContain(d);
    expect(p.milestones.find((m) => m.date === '2024-06-30')?.kind).toBe('SETTLEMENT');
    // "Vanaf het derde kwartaal" (no year given; 2023 implied) is recorded as the quarter's first day.
    expect(p.milestones.find((m) => m.date === '2023-07-01')?.description).toMatch(/third quarter/);
  });

  it(`holds the ambulance 2025 calendar of Zorg en Zekerheid (${SEED_FILES.AMBULANCE_2025})`, () => {
    const p = policyFrom(SEED_FILES.AMBULANCE_2025);
    expect(p).toMatchObject({ insurerUzovi: ZZ, segmentCode: 'AMBULANCE', firstYear: 2025, lastYear: 2025, contractTermYears: 1 });
    expect(p.publishedOn).toBe('2024-04-01');
    const dates = p.milestones.map((m) => m.date);
    for (const d of ['2024-04-01', '2024-08-31', '2024-11-01', '2024-11-12']) expect(dates).toContain(d);
    // "Vanaf het derde kwartaal van 2024": the quarter's first day, with the 4-week review period in its description.
    const talks = p.milestones.find((m) => m.date === '2024-07-01');
    expect(talks?.kind).toBe('NEGOTIATION');
    expect(talks?.description).toMatch(/third quarter/);
    expect(talks?.description).toMatch(/4 weeks/);
  });

  it(`holds the coordination functions 2024 calendar (${SEED_FILES.COORDINATION_2024})`, () => {
    const p = policyFrom(SEED_FILES.COORDINATION_2024);
    expect(p).toMatchObject({ insurerUzovi: ZK, segmentCode: 'COORDINATION', firstYear: 2024, lastYear: 2024 });
    expect(p.publishedOn).toBe('2023-04-01');
    const dates = p.milestones.map((m) => m.date);
    for (const d of ['2023-04-01', '2023-05-15', '2023-09-29']) expect(dates).toContain(d);
    expect(p.milestones.find((m) => m.date === '2023-05-15')?.kind).toBe('OBJECTION');
  });

  it(`holds the ZG 2024-2025 calendar with a two-year term (${SEED_FILES.ZG_2024_2025})`, () => {
    const p = policyFrom(SEED_FILES.ZG_2024_2025);
    expect(p).toMatchObject({ insurerUzovi: ZK, segmentCode: 'ZG', firstYear: 2024, lastYear: 2025, contractTermYears: 2 });
    expect(p.publishedOn).toBe('2023-04-01');
    const dates = p.milestones.map((m) => m.date);
    for (const d of ['2023-04-01', '2023-06-01', '2023-08-01', '2023-11-12', '2024-04-01']) expect(dates).toContain(d);
  });

  it(`holds the MSZ 2024 calendar (${SEED_FILES.MSZ_2024})`, () => {
    const p = policyFrom(SEED_FILES.MSZ_2024);
    expect(p).toMatchObject({ insurerUzovi: ZK, segmentCode: 'MSZ', firstYear: 2024, lastYear: 2024 });
    expect(p.publishedOn).toBe('2023-04-01');
    const dates = p.milestones.map((m) => m.date);
    for (const d of [
      '2023-04-01',
      '2023-06-01',
      '2023-06-08',
      '2023-07-20',
      '2023-09-01',
      '2023-09-15',
      '2023-09-30',
      '2023-11-01',
      '2023-11-10',
      '2023-11-12',
      '2023-12-31',
      '2024-01-01',
    ]) {
      expect(dates).toContain(d);
    }
    expect(p.milestones.filter((m) => m.kind === 'CONTRACT_START').map((m) => m.date)).toEqual(['2024-01-01']);
  });
});
