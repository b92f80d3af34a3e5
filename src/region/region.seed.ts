import type { EntityManager } from '@mikro-orm/postgresql';
import { U, type Uzovi } from '../insurer/insurer.seed';
import type { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from './region.entity';
import { MarketShare } from './market-share.entity';

/** An ambulance region (RAV region). */
export interface RegionSeed {
  /** Two-digit code '01'..'25', equal to the number of the matching safety region (veiligheidsregio). */
  code: string;
  /** Public name of the region. */
  name: string;
}

/**
 * The 25 ambulance regions of the Netherlands. Each region has one regional ambulance service (RAV);
 * seed 000 ("14 van de 25 regio's") and seed 001 ("de overige 24 regio's" besides Hollands Midden)
 * both rely on there being exactly 25. The numbering and names follow the 25 safety regions.
 */
export const AMBULANCE_REGIONS: RegionSeed[] = [
  { code: '01', name: 'Groningen' },
  { code: '02', name: 'Fryslân' },
  { code: '03', name: 'Drenthe' },
  { code: '04', name: 'IJsselland' },
  { code: '05', name: 'Twente' },
  { code: '06', name: 'Noord- en Oost-Gelderland' },
  { code: '07', name: 'Gelderland-Midden' },
  { code: '08', name: 'Gelderland-Zuid' },
  { code: '09', name: 'Utrecht' },
  { code: '10', name: 'Noord-Holland Noord' },
  { code: '11', name: 'Zaanstreek-Waterland' },
  { code: '12', name: 'Kennemerland' },
  { code: '13', name: 'Amsterdam-Amstelland' },
  { code: '14', name: 'Gooi en Vechtstreek' },
  { code: '15', name: 'Haaglanden' },
  { code: '16', name: 'Hollands Midden' },
  { code: '17', name: 'Rotterdam-Rijnmond' },
  { code: '18', name: 'Zuid-Holland Zuid' },
  { code: '19', name: 'Zeeland' },
  { code: '20', name: 'Midden- en West-Brabant' },
  { code: '21', name: 'Brabant-Noord' },
  { code: '22', name: 'Brabant-Zuidoost' },
  { code: '23', name: 'Limburg-Noord' },
  { code: '24', name: 'Zuid-Limburg' },
  { code: '25', name: 'Flevoland' },
];

/** An insurer's market share in one ambulance region and year. */
export interface MarketShareSeed {
  uzovi: string;
  regionCode: string;
  year: number;
  /** Percentage as a decimal string with exactly 2 decimals, e.g. '38.50'. */
  sharePercent: string;
}

/** Column order of the share table below. */
const SHARE_COLUMNS: readonly Uzovi[] = [
  U.ZILVEREN_KRUIS,
  U.DE_FRIESLAND,
  U.ZORG_EN_ZEKERHEID,
  U.VGZ,
  U.CZ,
  U.MENZIS,
  U.DSW,
  U.ONVZ,
];

/**
 * DEMO: market shares in percent for 2024, one row per region, columns in SHARE_COLUMNS order.
 * The rest of each row up to 100 belongs to smaller insurers that are not seeded.
 *
 * The numbers are invented, but shaped so that the representation facts of the seeds hold:
 * - seed 000: the Achmea concern (Zilveren Kruis, or De Friesland in 02) is first or second in
 *   exactly 14 regions: 02, 03, 04, 07, 09, 10, 11, 12, 13, 14, 15, 16, 17, 25;
 * - seed 001: Zorg en Zekerheid is first in Hollands Midden (16) with Zilveren Kruis second, and
 *   nowhere else in the top two;
 * - seed 002: Zilveren Kruis is market leader (its core regions) in 09, 10, 11, 12, 13, 14, 25.
 * Gaps between the second and third insurer are at least 3 points, so the small yearly trend
 * below can never change who represents a region.
 */
const SHARES_2024: Record<string, readonly number[]> = {
  //      ZK     DF     Z&Z    VGZ    CZ     Menzis DSW    ONVZ
  '01': [8.0, 6.0, 0.5, 12.0, 6.5, 55.0, 2.0, 2.5],
  '02': [6.0, 52.0, 0.5, 10.0, 6.0, 14.0, 2.0, 2.5],
  '03': [24.0, 6.0, 0.5, 12.0, 7.0, 39.0, 2.0, 2.5],
  '04': [27.0, 2.0, 0.5, 21.0, 8.0, 30.0, 2.5, 3.0],
  '05': [9.0, 1.0, 0.5, 14.0, 8.0, 58.0, 2.0, 2.5],
  '06': [12.0, 1.0, 0.5, 34.0, 10.0, 31.0, 2.5, 3.0],
  '07': [24.0, 1.0, 0.5, 38.0, 11.0, 16.0, 2.5, 3.0],
  '08': [10.0, 0.5, 0.5, 52.0, 16.0, 11.0, 2.5, 2.5],
  '09': [38.0, 1.0, 2.0, 19.0, 14.0, 9.0, 4.0, 6.0],
  '10': [48.0, 1.0, 1.0, 16.0, 12.0, 8.0, 3.0, 3.5],
  '11': [50.0, 1.0, 1.5, 14.0, 12.5, 7.0, 3.0, 3.5],
  '12': [44.0, 1.0, 3.0, 15.0, 16.0, 6.0, 3.5, 5.0],
  '13': [42.0, 1.0, 2.5, 18.0, 15.0, 6.0, 3.5, 5.5],
  '14': [41.0, 1.0, 1.5, 17.0, 14.0, 9.0, 3.5, 7.0],
  '15': [26.0, 0.5, 6.0, 17.0, 29.0, 5.0, 6.0, 4.5],
  '16': [24.0, 0.5, 36.0, 12.5, 11.5, 4.0, 4.5, 3.5],
  '17': [24.0, 0.5, 1.5, 17.0, 20.0, 4.0, 27.0, 3.0],
  '18': [18.0, 0.5, 1.0, 27.0, 30.0, 4.0, 12.0, 3.0],
  '19': [8.0, 0.5, 0.5, 16.0, 64.0, 2.5, 3.0, 2.0],
  '20': [9.0, 0.5, 0.5, 30.0, 48.0, 3.0, 2.5, 2.5],
  '21': [8.0, 0.5, 0.5, 54.0, 27.0, 3.0, 2.0, 2.0],
  '22': [9.0, 0.5, 0.5, 42.0, 38.0, 3.0, 2.0, 2.0],
  '23': [7.0, 0.5, 0.5, 56.0, 28.0, 2.5, 2.0, 1.5],
  '24': [6.0, 0.5, 0.5, 24.0, 62.0, 2.0, 1.5, 1.5],
  '25': [40.0, 2.0, 1.0, 17.0, 12.0, 18.0, 3.0, 3.0],
};

/**
 * DEMO: national trend in percentage points per year, applied in every region:
 * share(year) = share(2024) + trend x (year - 2024). The trends add up to zero, so a region's
 * total stays the same in every year; the largest step (0.25) is far below the 3-point gap that
 * separates the representing insurers from the rest.
 */
const YEARLY_TREND_POINTS: Record<Uzovi, number> = {
  [U.ZILVEREN_KRUIS]: -0.15,
  [U.DE_FRIESLAND]: 0,
  [U.ZORG_EN_ZEKERHEID]: 0.1,
  [U.VGZ]: -0.2,
  [U.CZ]: 0,
  [U.MENZIS]: -0.1,
  [U.DSW]: 0.25,
  [U.ONVZ]: 0.1,
};

/** Years for which market shares are seeded. */
const SHARE_YEARS = [2023, 2024, 2025] as const;

/** Formats a whole number of hundredths of a percent as 'NN.NN' without floating-point noise. */
function hundredthsToPercent(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  return `${whole}.${String(rest).padStart(2, '0')}`;
}

/**
 * DEMO: every seeded insurer x every region x 2023-2025, computed from SHARES_2024 and the trend.
 * Arithmetic is done in whole hundredths so the strings are exact.
 */
export const MARKET_SHARES: MarketShareSeed[] = SHARE_YEARS.flatMap((year) =>
  AMBULANCE_REGIONS.flatMap((region) =>
    SHARE_COLUMNS.map((uzovi, column) => {
      const base = Math.round(SHARES_2024[region.code][column] * 100);
      const trend = Math.round(YEARLY_TREND_POINTS[uzovi] * 100) * (year - 2024);
      return { uzovi, regionCode: region.code, year, sharePercent: hundredthsToPercent(base + trend) };
    }),
  ),
);

/** Creates the ambulance regions; returns them by code. */
export function seedRegions(em: EntityManager): Map<string, Region> {
  const regions = new Map<string, Region>();
  for (const seed of AMBULANCE_REGIONS) {
    regions.set(seed.code, em.create(Region, { kind: RegionKind.AMBULANCE, code: seed.code, name: seed.name }));
  }
  return regions;
}

/** Creates the market shares of MARKET_SHARES. */
export function seedMarketShares(em: EntityManager, insurers: ReadonlyMap<string, Insurer>, regions: ReadonlyMap<string, Region>): void {
  for (const seed of MARKET_SHARES) {
    em.create(MarketShare, {
      insurer: insurers.get(seed.uzovi)!,
      region: regions.get(seed.regionCode)!,
      year: seed.year,
      sharePercent: seed.sharePercent,
    });
  }
}
