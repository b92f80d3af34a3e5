/**
 * Reference and demo seed data for the purchasing-data exchange.
 *
 * Two kinds of values live in this module and they are kept apart on purpose:
 *
 * - FACTS taken from the five Dutch purchasing-policy documents in `/work/shared/seeds/`
 *   (publication dates, deadlines, which insurer represents where, contract terms). Each such
 *   value cites the seed file it comes from, so a reviewer can check it against the source text.
 * - DEMO values that the seeds do not give (market-share percentages, provider names, AGB and KvK
 *   numbers, most UZOVI codes). They exist so that the API has realistic-looking data to serve and
 *   tests have something to aggregate; they must never be read as real figures. Every block of
 *   such values is marked with a `DEMO` comment.
 *
 * Everything is plain data (no ORM entities) so the seeder, fixtures and unit tests can share it.
 * The consistency rules between the pieces (e.g. "the representing insurers are the two largest
 * insurers in the region") are checked in `test/unit/seed-data.test.ts`.
 */

/** File names of the source documents, so code and tests can cite them without retyping hashes. */
export const SEED_FILES = {
  /** Zilveren Kruis, Inkoopbeleid Ambulancezorg 2024 (published 1 April 2023). */
  AMBULANCE_2024: '000_a7d9276c10165ce1.txt',
  /** Zorg en Zekerheid, Zorginkoopbeleid Ambulancezorg 2025 (published 1 April 2024). */
  AMBULANCE_2025: '001_46c4bc6250e7718a.txt',
  /** Zilveren Kruis, Inkoopbeleid coördinatiefuncties 2024, version 2.0. */
  COORDINATION_2024: '002_cf696d827bfa3592.txt',
  /** Zilveren Kruis, Inkoopbeleid Zintuiglijk Gehandicaptenzorg 2024-2025. */
  ZG_2024_2025: '003_2c4c2530db87d994.txt',
  /** Zilveren Kruis, Inkoopbeleid Medisch Specialistische Zorg 2024 (includes MSR). */
  MSZ_2024: '004_1f8df596a6e33aa0.txt',
} as const;

// ---------------------------------------------------------------------------------------------
// Insurers
// ---------------------------------------------------------------------------------------------

/** A health insurer (zorgverzekeraar). */
export interface InsurerSeed {
  /** UZOVI code: exactly 4 digits, unique. */
  uzovi: string;
  /** Public trading name. */
  name: string;
  /** Group the insurer belongs to; insurers of one concern count as one party in representation. */
  concern: string;
}

/**
 * UZOVI codes used throughout this module, named so the tables below stay readable.
 *
 * Zilveren Kruis Zorgverzekeringen N.V. has the public UZOVI code 3311; it is used as-is.
 *
 * DEMO: all other codes are invented placeholders in the 99xx range. They are NOT the insurers'
 * real UZOVI numbers; replace them with the Vektis UZOVI register values before any real use.
 */
const U = {
  ZILVEREN_KRUIS: '3311',
  DE_FRIESLAND: '9902',
  ZORG_EN_ZEKERHEID: '9903',
  VGZ: '9904',
  CZ: '9905',
  MENZIS: '9906',
  DSW: '9907',
  ONVZ: '9908',
} as const;

type Uzovi = (typeof U)[keyof typeof U];

/**
 * The insurers that appear in the seeds plus the other large Dutch insurers, with real public names.
 * Zilveren Kruis and De Friesland share the concern 'Achmea': seed 000 says "Wij, Zilveren Kruis en
 * De Friesland" purchase together, so representation logic must treat them as one party.
 * The concern names of the other insurers are their public group names.
 */
export const INSURERS: InsurerSeed[] = [
  { uzovi: U.ZILVEREN_KRUIS, name: 'Zilveren Kruis', concern: 'Achmea' },
  { uzovi: U.DE_FRIESLAND, name: 'De Friesland', concern: 'Achmea' },
  { uzovi: U.ZORG_EN_ZEKERHEID, name: 'Zorg en Zekerheid', concern: 'Zorg en Zekerheid' },
  { uzovi: U.VGZ, name: 'VGZ', concern: 'Coöperatie VGZ' },
  { uzovi: U.CZ, name: 'CZ', concern: 'CZ groep' },
  { uzovi: U.MENZIS, name: 'Menzis', concern: 'Menzis' },
  { uzovi: U.DSW, name: 'DSW', concern: 'DSW Zorgverzekeraar' },
  { uzovi: U.ONVZ, name: 'ONVZ', concern: 'ONVZ' },
];

// ---------------------------------------------------------------------------------------------
// Ambulance regions
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Segments
// ---------------------------------------------------------------------------------------------

/** A kind of care (zorgsoort) that is purchased under its own policy. */
export interface SegmentSeed {
  code: 'AMBULANCE' | 'COORDINATION' | 'ZG' | 'MSZ' | 'MSR';
  /** Dutch name as used in the seeds. */
  name: string;
  description: string;
  /** True when purchased by representation: the two largest insurers of a region buy for all. */
  representation: boolean;
}

/**
 * The segments covered by the five seeds. MSR has its own row although it has no policy document of
 * its own: seed 004 says the MSR policy was merged into the MSZ policy from 2024, but contracts,
 * prices (NZa price index) and volumes for MSR are still agreed separately.
 */
export const SEGMENTS: SegmentSeed[] = [
  {
    code: 'AMBULANCE',
    name: 'Ambulancezorg',
    description:
      'Emergency and planned ambulance care delivered by the regional ambulance services (RAV); bought per region by representation at NZa tariffs with a yearly budget ceiling (seeds 000, 001).',
    representation: true,
  },
  {
    code: 'COORDINATION',
    name: 'Coördinatiefuncties',
    description:
      'Regional 24/7 desks that triage clients and place them in temporary stay such as ELV and GRZ; outside its core regions Zilveren Kruis follows the preferred insurer (seed 002).',
    representation: true,
  },
  {
    code: 'ZG',
    name: 'Zintuiglijk gehandicaptenzorg',
    description:
      'Third-line care for people with a visual, hearing or communication disability, bought with a price x volume agreement under a yearly revenue ceiling, in principle for two years (seed 003).',
    representation: false,
  },
  {
    code: 'MSZ',
    name: 'Medisch specialistische zorg',
    description:
      'Hospital and independent-clinic medical-specialist care, bought with a fixed yearly revenue ceiling and KPI targets for hybrid care (seed 004).',
    representation: false,
  },
  {
    code: 'MSR',
    name: 'Medisch specialistische revalidatie',
    description:
      'Medical-specialist rehabilitation; its policy is part of the MSZ policy from 2024, with prices based on the NZa price index (seed 004).',
    representation: false,
  },
];

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

export type ProviderKindSeed =
  | 'RAV'
  | 'HOSPITAL'
  | 'INDEPENDENT_CLINIC'
  | 'COORDINATION_FUNCTION'
  | 'ZG_PROVIDER'
  | 'OTHER';

/** A care provider (zorgaanbieder). */
export interface ProviderSeed {
  /** AGB code: exactly 8 digits, kept as a string so leading zeros survive. */
  agb: string;
  /** Chamber of commerce (KvK) number: 8 digits. */
  kvk: string;
  name: string;
  kind: ProviderKindSeed;
  /** Ambulance region the provider works in; null for providers that work nationally. */
  regionCode: string | null;
  /**
   * Number of ELV (eerstelijnsverblijf) beds. Only set for ELV providers, so that the coordination-
   * function condition "signed by ELV providers covering at least 85% of the region's ELV beds"
   * (seed 002, Bijlage 1, condition 4) can be evaluated against demo data.
   */
  elvBeds?: number;
}

/**
 * DEMO: one RAV per ambulance region. Names follow the 'RAV <region>' pattern; the real services
 * have various legal names. AGB codes are '0910' + region code + '01' and KvK numbers
 * '7010' + region code + '01': invented, but unique and starting with a zero where an AGB code
 * may (AGB codes are strings, not numbers).
 */
const RAV_PROVIDERS: ProviderSeed[] = AMBULANCE_REGIONS.map((region) => ({
  agb: `0910${region.code}01`,
  kvk: `7010${region.code}01`,
  name: `RAV ${region.name}`,
  kind: 'RAV' as const,
  regionCode: region.code,
}));

/**
 * DEMO: hospitals, independent clinics, coordination functions, ZG providers and ELV providers.
 * Names are generic inventions (not real institutions); AGB and KvK numbers are invented.
 *
 * - Hospitals: six in regions where Zilveren Kruis is market leader in the demo market shares
 *   (09, 10, 11, 12, 13, 25) and seven where it is not (01, 08, 15, 16, 17, 22, 24), because seed 004
 *   treats hospitals in its core area differently (transition agreements; from 2025 result
 *   obligations on KPIs).
 * - Coordination functions in seven regions, among them 09 and 13 where the ELV providers are,
 *   so the 85% ELV-bed coverage rule of seed 002 can be exercised.
 * - ELV providers (kind OTHER) carry elvBeds; Utrecht (09) 100 beds, Amsterdam-Amstelland (13) 88.
 */
const OTHER_PROVIDERS: ProviderSeed[] = [
  // Hospitals in Zilveren Kruis core regions (DEMO)
  { agb: '06010901', kvk: '71000901', name: 'Ziekenhuis Domstad', kind: 'HOSPITAL', regionCode: '09' },
  { agb: '06011001', kvk: '71001001', name: 'Kustziekenhuis Noord-Holland', kind: 'HOSPITAL', regionCode: '10' },
  { agb: '06011101', kvk: '71001101', name: 'Ziekenhuis Zaanoever', kind: 'HOSPITAL', regionCode: '11' },
  { agb: '06011201', kvk: '71001201', name: 'Duinstreek Ziekenhuis', kind: 'HOSPITAL', regionCode: '12' },
  { agb: '06011301', kvk: '71001301', name: 'Amstel Stadsziekenhuis', kind: 'HOSPITAL', regionCode: '13' },
  { agb: '06012501', kvk: '71002501', name: 'Polderziekenhuis Flevoland', kind: 'HOSPITAL', regionCode: '25' },
  // Hospitals in regions where another insurer is market leader (DEMO)
  { agb: '06010101', kvk: '71000101', name: 'Ziekenhuis Hunzedal', kind: 'HOSPITAL', regionCode: '01' },
  { agb: '06010801', kvk: '71000801', name: 'Betuwe Ziekenhuis', kind: 'HOSPITAL', regionCode: '08' },
  { agb: '06011501', kvk: '71001501', name: 'Hofstad Medisch Centrum', kind: 'HOSPITAL', regionCode: '15' },
  { agb: '06011601', kvk: '71001601', name: 'Ziekenhuis Rijnvliet', kind: 'HOSPITAL', regionCode: '16' },
  { agb: '06011701', kvk: '71001701', name: 'Maasoever Ziekenhuis', kind: 'HOSPITAL', regionCode: '17' },
  { agb: '06012201', kvk: '71002201', name: 'Ziekenhuis Kempenland', kind: 'HOSPITAL', regionCode: '22' },
  { agb: '06012401', kvk: '71002401', name: 'Ziekenhuis Maasheuvel', kind: 'HOSPITAL', regionCode: '24' },
  // Independent clinics (zelfstandige klinieken) (DEMO)
  { agb: '22011301', kvk: '72001301', name: 'Kliniek Amstelzicht', kind: 'INDEPENDENT_CLINIC', regionCode: '13' },
  { agb: '22010901', kvk: '72000901', name: 'Orthopedische Kliniek Heuvelrug', kind: 'INDEPENDENT_CLINIC', regionCode: '09' },
  { agb: '22012001', kvk: '72002001', name: 'Oogkliniek Brabantse Wal', kind: 'INDEPENDENT_CLINIC', regionCode: '20' },
  // Coordination functions (coördinatiefuncties) (DEMO)
  { agb: '03010901', kvk: '73000901', name: 'Coördinatiepunt Tijdelijk Verblijf Utrecht', kind: 'COORDINATION_FUNCTION', regionCode: '09' },
  { agb: '03011001', kvk: '73001001', name: 'Coördinatiepunt Tijdelijk Verblijf Noord-Holland Noord', kind: 'COORDINATION_FUNCTION', regionCode: '10' },
  { agb: '03011101', kvk: '73001101', name: 'Coördinatiepunt Tijdelijk Verblijf Zaanstreek-Waterland', kind: 'COORDINATION_FUNCTION', regionCode: '11' },
  { agb: '03011201', kvk: '73001201', name: 'Coördinatiepunt Tijdelijk Verblijf Kennemerland', kind: 'COORDINATION_FUNCTION', regionCode: '12' },
  { agb: '03011301', kvk: '73001301', name: 'Coördinatiepunt Tijdelijk Verblijf Amsterdam-Amstelland', kind: 'COORDINATION_FUNCTION', regionCode: '13' },
  { agb: '03011601', kvk: '73001601', name: 'Coördinatiepunt Tijdelijk Verblijf Hollands Midden', kind: 'COORDINATION_FUNCTION', regionCode: '16' },
  { agb: '03012501', kvk: '73002501', name: 'Coördinatiepunt Tijdelijk Verblijf Flevoland', kind: 'COORDINATION_FUNCTION', regionCode: '25' },
  // Sensory-disability (ZG) providers; one works nationally, hence regionCode null (DEMO)
  { agb: '41000001', kvk: '74000001', name: 'Stichting Zicht en Gehoor Nederland', kind: 'ZG_PROVIDER', regionCode: null },
  { agb: '41010601', kvk: '74000601', name: 'Expertisecentrum Horen Oost', kind: 'ZG_PROVIDER', regionCode: '06' },
  { agb: '41011501', kvk: '74001501', name: 'Visueel Centrum Westkust', kind: 'ZG_PROVIDER', regionCode: '15' },
  // ELV providers / nursing homes with ELV beds, in two regions that have a coordination function (DEMO)
  { agb: '07010901', kvk: '75000901', name: 'Zorggroep Vechtoever', kind: 'OTHER', regionCode: '09', elvBeds: 42 },
  { agb: '07010902', kvk: '75000902', name: 'Woonzorgcentrum De Lindehof', kind: 'OTHER', regionCode: '09', elvBeds: 28 },
  { agb: '07010903', kvk: '75000903', name: 'Verpleeghuis Kromme Rijn', kind: 'OTHER', regionCode: '09', elvBeds: 30 },
  { agb: '07011301', kvk: '75001301', name: 'Zorgcentrum IJoever', kind: 'OTHER', regionCode: '13', elvBeds: 36 },
  { agb: '07011302', kvk: '75001302', name: 'Verpleeghuis De Bongerd', kind: 'OTHER', regionCode: '13', elvBeds: 24 },
  { agb: '07011303', kvk: '75001303', name: 'Zorghotel Amstelkade', kind: 'OTHER', regionCode: '13', elvBeds: 28 },
];

/** All providers: 25 RAVs followed by the other demo providers. See the two blocks above. */
export const PROVIDERS: ProviderSeed[] = [...RAV_PROVIDERS, ...OTHER_PROVIDERS];

// ---------------------------------------------------------------------------------------------
// Market shares
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Purchasing policies and their calendars
// ---------------------------------------------------------------------------------------------

export type MilestoneKindSeed =
  | 'PUBLICATION'
  | 'REGISTRATION'
  | 'OBJECTION'
  | 'INFORMATION_REQUEST'
  | 'NEGOTIATION'
  | 'OFFER'
  | 'SIGNING'
  | 'CONTRACTED_CARE_VISIBLE'
  | 'CONTRACT_START'
  | 'SETTLEMENT'
  | 'OTHER';

/** One dated step of a purchasing calendar (planning en termijnen). */
export interface MilestoneSeed {
  /** ISO date yyyy-mm-dd. Where a seed only gives a quarter, the quarter's first day (said so in the description). */
  date: string;
  kind: MilestoneKindSeed;
  /** One English sentence; may quote the Dutch term. */
  description: string;
}

/** A published purchasing policy (inkoopbeleid) of one insurer for one segment. */
export interface PolicySeed {
  insurerUzovi: string;
  segmentCode: SegmentSeed['code'];
  firstYear: number;
  /** Last contract year covered; equals firstYear except for multi-year policies such as ZG 2024-2025. */
  lastYear: number;
  publishedOn: string;
  contractTermYears: number;
  /** Seed file name the policy and its milestones come from. */
  sourceDocument: string;
  /** Dutch title as the seed names the policy. */
  title: string;
  summary: string;
  /** Sorted by date. */
  milestones: MilestoneSeed[];
}

/**
 * The five policies of the five seed documents, with every dated step of their calendars.
 * All values in this list come from the seeds (none are demo); each milestone was checked against
 * the Dutch text, and where a date is inferred (a quarter, a missing year) the description says so.
 */
export const POLICIES: PolicySeed[] = [
  {
    // Seed 000_a7d9276c10165ce1.txt
    insurerUzovi: U.ZILVEREN_KRUIS,
    segmentCode: 'AMBULANCE',
    firstYear: 2024,
    lastYear: 2024,
    publishedOn: '2023-04-01',
    // "We spreken met u een eenjarig contract af."
    contractTermYears: 1,
    sourceDocument: SEED_FILES.AMBULANCE_2024,
    title: 'Inkoopbeleid Ambulancezorg 2024',
    summary:
      'Zilveren Kruis and De Friesland buy ambulance care for all insurers in the 14 of 25 regions where they are market leader or second insurer and follow the representing insurers elsewhere; one-year contracts at NZa tariffs with a budget ceiling per RAV, no extra care bought once it is reached, and repatriation bought by Eurocross.',
    milestones: [
      {
        date: '2023-04-01',
        kind: 'PUBLICATION',
        description: "Publication of the ambulance care purchasing policy 2024 ('Publicatie inkoopbeleid Ambulancezorg 2024').",
      },
      {
        date: '2023-07-01',
        kind: 'NEGOTIATION',
        description:
          "Purchasing talks for 2024 start from the third quarter ('vanaf het derde kwartaal') in the regions where Zilveren Kruis is market leader or second insurer; the seed gives no year, 2023 is implied, and the quarter is recorded as its first day.",
      },
      {
        date: '2024-06-30',
        kind: 'SETTLEMENT',
        description:
          "Latest date, set nationally by the NZa, for submitting the definitive budget 2023 ('Indienen definitief budget 2023').",
      },
    ],
  },
  {
    // Seed 001_46c4bc6250e7718a.txt
    insurerUzovi: U.ZORG_EN_ZEKERHEID,
    segmentCode: 'AMBULANCE',
    firstYear: 2025,
    lastYear: 2025,
    publishedOn: '2024-04-01',
    // Section 5.2 'Looptijd': the Wmg agreement with the RAV runs for 2025 only.
    contractTermYears: 1,
    sourceDocument: SEED_FILES.AMBULANCE_2025,
    title: 'Zorginkoopbeleid Ambulancezorg 2025',
    summary:
      'Zorg en Zekerheid is market leader in Hollands Midden and buys ambulance care there jointly with Zilveren Kruis as second insurer, follows the representing insurers in the other 24 regions, applies NZa tariffs, and arranges medical repatriation through the ANWB alarm centre with fixed tariffs for domestic kilometres.',
    milestones: [
      {
        date: '2024-04-01',
        kind: 'PUBLICATION',
        description: 'Publication of the ambulance care purchasing policy 2025 on www.zorgenzekerheid.nl.',
      },
      {
        date: '2024-06-30',
        kind: 'OTHER',
        description:
          "The insurers aim to make clear what sustainability (CSRD) figures they will ask of providers for 2025 'bij voorkeur voor 30 juni 2024' (preferably before this date).",
      },
      {
        date: '2024-07-01',
        kind: 'NEGOTIATION',
        description:
          "Talks with RAV Hollands Midden about 2025 start in the third quarter of 2024 ('vanaf het derde kwartaal van 2024', recorded as the quarter's first day), after which the RAV has 4 weeks to review and sign the offered Wmg agreement.",
      },
      {
        date: '2024-08-31',
        kind: 'REGISTRATION',
        description:
          "Latest date for non-contracted providers to request fixed medical-repatriation tariffs for 2025 ('Verzoek vaste tariefafspraken medische repatriëring').",
      },
      {
        date: '2024-11-01',
        kind: 'SIGNING',
        description: 'Latest date for non-contracted providers to sign the fixed medical-repatriation tariff agreement.',
      },
      {
        date: '2024-11-12',
        kind: 'CONTRACTED_CARE_VISIBLE',
        description: "Insured persons are informed of the contracted care through the care finder ('zorgzoeker') on the Zorg en Zekerheid website.",
      },
    ],
  },
  {
    // Seed 002_cf696d827bfa3592.txt
    insurerUzovi: U.ZILVEREN_KRUIS,
    segmentCode: 'COORDINATION',
    firstYear: 2024,
    lastYear: 2024,
    publishedOn: '2023-04-01',
    // Bijlage 2: "een overeenkomst voor de duur van één kalenderjaar".
    contractTermYears: 1,
    sourceDocument: SEED_FILES.COORDINATION_2024,
    title: 'Inkoopbeleid coördinatiefuncties 2024 (versie 2.0)',
    summary:
      'Unchanged from 2023: coordination functions must meet the ActiZ/ZN minimum set of four functionalities, 2023 budgets continue with indexation judged on national criteria, functions in the core regions report registrations, inflow and unplaceable clients (for 2024 once, in the ZN format), and outside its core regions Zilveren Kruis follows the preferred insurer.',
    milestones: [
      {
        date: '2022-12-31',
        kind: 'OTHER',
        description:
          "The start-up phase of every coordination function is assumed complete 'per 31 december 2022', after which the minimum functionalities apply as a contract condition.",
      },
      {
        date: '2023-04-01',
        kind: 'PUBLICATION',
        description: "Publication of the coordination functions purchasing policy 2024 ('Publicatie inkoopbeleid coördinatiefuncties 2024').",
      },
      {
        date: '2023-05-15',
        kind: 'OBJECTION',
        description:
          "Last day ('uiterlijk 15 mei 2023') to report disagreement, errors or unclear points in the policy via the Zilveren Kruis contact page.",
      },
      {
        date: '2023-09-29',
        kind: 'OFFER',
        description:
          'Providers receive an updated agreement for 2024 through the VECOZO purchasing portal, including the substantiation of the offered budget, by this date at the latest.',
      },
      {
        date: '2024-01-01',
        kind: 'CONTRACT_START',
        description:
          "Start of the one-calendar-year agreement 2024; in the VECOZO questionnaire the provider states whether it meets the purchasing conditions 'per 1 januari 2024'.",
      },
      {
        date: '2024-01-01',
        kind: 'OTHER',
        description:
          'Deadline for organisations with real estate and more than 250 FTE to deliver a board-approved CO2 roadmap with a strategic real-estate plan to the Expertisecentrum Verduurzaming Zorg.',
      },
    ],
  },
  {
    // Seed 003_2c4c2530db87d994.txt
    insurerUzovi: U.ZILVEREN_KRUIS,
    segmentCode: 'ZG',
    firstYear: 2024,
    lastYear: 2025,
    publishedOn: '2023-04-01',
    // "Zilveren Kruis sluit in principe een tweejarige overeenkomst".
    contractTermYears: 2,
    sourceDocument: SEED_FILES.ZG_2024_2025,
    title: 'Inkoopbeleid Zintuiglijk Gehandicaptenzorg 2024-2025',
    summary:
      'Two-year agreements for sensory-disability care with price x volume bounded by a yearly revenue ceiling at which payment stops; existing providers need a non-dissolved agreement and must meet quality conditions such as a signed treatment plan, while new providers qualify only with a demonstrably innovative offer.',
    milestones: [
      {
        date: '2023-04-01',
        kind: 'PUBLICATION',
        description: "Publication of the ZG purchasing policy 2024-2025 ('Publicatie inkoopbeleid Zintuiglijk Gehandicaptenzorg 2024-2025').",
      },
      {
        date: '2023-06-01',
        kind: 'REGISTRATION',
        description:
          "Last registration date for new ZG providers ('Uiterste aanmelddatum'), who must deliver a KvK extract, a VOG for legal persons and a business plan; the running text says 'voor 1 juni 2023'.",
      },
      {
        date: '2023-08-01',
        kind: 'NEGOTIATION',
        description: "Purchasing talks start from this date ('Vanaf 1 augustus 2023 Inkoopgesprekken'); the purchaser contacts the provider.",
      },
      {
        date: '2023-11-12',
        kind: 'CONTRACTED_CARE_VISIBLE',
        description: 'All contracted ZG providers for 2024-2025 are visible to insured persons in the Zilveren Kruis care finder (zorgzoeker).',
      },
      {
        date: '2024-01-01',
        kind: 'OTHER',
        description:
          'Deadline for organisations with real estate and more than 250 FTE to deliver a board-approved CO2 roadmap with a strategic real-estate plan to the Expertisecentrum Verduurzaming Zorg.',
      },
      {
        date: '2024-04-01',
        kind: 'OTHER',
        description:
          "Zilveren Kruis publishes the contracting dates for 2025 for providers with a one-year 2024 agreement and for new providers ('uiterlijk 1 april 2024').",
      },
      {
        date: '2024-09-01',
        kind: 'OTHER',
        description:
          "Latest date ('uiterlijk 1 september van het lopende jaar') to warn that the 2024 revenue ceiling threatens to fill, with an explanation, a substantiated forecast and growth-limiting plans; Zilveren Kruis answers within 4 weeks after the meeting.",
      },
      {
        date: '2025-09-01',
        kind: 'OTHER',
        description:
          "Latest date ('uiterlijk 1 september van het lopende jaar') to warn that the 2025 revenue ceiling threatens to fill, with an explanation, a substantiated forecast and growth-limiting plans; Zilveren Kruis answers within 4 weeks after the meeting.",
      },
    ],
  },
  {
    // Seed 004_1f8df596a6e33aa0.txt
    insurerUzovi: U.ZILVEREN_KRUIS,
    segmentCode: 'MSZ',
    firstYear: 2024,
    lastYear: 2024,
    publishedOn: '2023-04-01',
    // One year is the default ("Met overige zorgaanbieders maken wij een afspraak voor 1 jaar");
    // multi-year agreements are only made with hospitals that share Zilveren Kruis's vision.
    contractTermYears: 1,
    sourceDocument: SEED_FILES.MSZ_2024,
    title: 'Inkoopbeleid Medisch Specialistische Zorg 2024',
    summary:
      'Medical-specialist care including rehabilitation (MSR, merged into this policy from 2024): real prices from a base price list, a fixed yearly revenue ceiling covering contracted and non-contracted care, hybrid-care KPI targets for the end of 2024 that become result obligations from 2025 at hospitals where Zilveren Kruis is market leader, and fully digital contracting through VECOZO.',
    milestones: [
      {
        date: '2022-09-30',
        kind: 'OTHER',
        description:
          "The seed states that new applicants hear 'uiterlijk 30 september 2022' whether they qualify for an agreement; the year is printed as 2022 in a 2023 calendar and is most likely a typo for 30 September 2023, kept here as printed.",
      },
      {
        date: '2023-04-01',
        kind: 'PUBLICATION',
        description: "Publication of the MSZ purchasing policy 2024 ('Publicatie inkoopbeleid Medisch Specialistische Zorg 2024').",
      },
      {
        date: '2023-06-01',
        kind: 'REGISTRATION',
        description:
          'Closing date of the registration window that opened on 1 April 2023 for providers without a 2023 agreement, who also need at least EUR 250,000 MSZ revenue for Zilveren Kruis insured between 1 May 2022 and 30 April 2023.',
      },
      {
        date: '2023-06-08',
        kind: 'INFORMATION_REQUEST',
        description: 'Registered new providers receive the questionnaire (vragenlijst) in VECOZO.',
      },
      {
        date: '2023-07-20',
        kind: 'INFORMATION_REQUEST',
        description: 'Closing date for new providers to complete the questionnaire.',
      },
      {
        date: '2023-09-01',
        kind: 'OFFER',
        description: 'From this date the concept agreement MSZ 2024 can be requested through the contact form.',
      },
      {
        date: '2023-09-15',
        kind: 'NEGOTIATION',
        description: 'Closing date for providers in talks with Zilveren Kruis to propose a financial agreement.',
      },
      {
        date: '2023-09-30',
        kind: 'OFFER',
        description:
          'Providers with a 2023 contract and a fully digital contracting process receive the contract offer with a financial proposal in VECOZO by this date.',
      },
      {
        date: '2023-11-01',
        kind: 'NEGOTIATION',
        description:
          "Zilveren Kruis aims to record the financial agreement with providers it is in talks with in a negotiation agreement ('Onderhandelakkoord') on 1 November; the year 2023 is implied.",
      },
      {
        date: '2023-11-10',
        kind: 'SIGNING',
        description:
          "Providers who sign the agreement in the VECOZO purchasing portal before this date ('voor 10 november 2023') are visible in the care finder from 12 November.",
      },
      {
        date: '2023-11-12',
        kind: 'CONTRACTED_CARE_VISIBLE',
        description: 'Zilveren Kruis informs its insured of the contracting status of all providers.',
      },
      {
        date: '2023-12-31',
        kind: 'SIGNING',
        description: 'Signed agreement, including the price list, must be in VECOZO.',
      },
      {
        date: '2024-01-01',
        kind: 'CONTRACT_START',
        description: "Start date of the 2024 contract ('Ingangsdatum contract').",
      },
      {
        date: '2024-01-01',
        kind: 'OTHER',
        description:
          'Deadline for organisations with real estate and more than 250 FTE to deliver a board-approved CO2 roadmap with a strategic real-estate plan to the Expertisecentrum Verduurzaming Zorg.',
      },
      {
        date: '2024-12-31',
        kind: 'OTHER',
        description:
          "End of 2024 ('eind 2024', recorded as 31 December) is both the target date of the hybrid-care KPIs and the deadline for implementing the ZE&GG topics new on the January 2023 agenda.",
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Representation agreements
// ---------------------------------------------------------------------------------------------

/** Who purchases for all insurers in one region, segment and year. */
export interface RepresentationSeed {
  segmentCode: 'AMBULANCE' | 'COORDINATION';
  year: number;
  regionCode: string;
  /** Largest insurer in the region and year (market leader, for coordination the preferred insurer). */
  leadUzovi: string;
  /**
   * Second-largest insurer in the region and year, who purchases jointly with the lead; null where the lead
   * decides alone, as the preferred insurer does for coordination functions (seed 002).
   */
  secondUzovi: string | null;
  basis: string;
  notes: string;
  sourceDocument: string;
}

/**
 * DEMO (derived): the two largest insurers per region. Because the demo trend never changes the
 * order at the top (see SHARES_2024), these pairs hold for 2023, 2024 and 2025 alike; the unit test
 * recomputes them from MARKET_SHARES for every agreement. Written out rather than computed so that
 * a reader can see at a glance who represents where.
 */
const TOP_TWO_BY_REGION: Record<string, readonly [lead: Uzovi, second: Uzovi]> = {
  '01': [U.MENZIS, U.VGZ],
  '02': [U.DE_FRIESLAND, U.MENZIS],
  '03': [U.MENZIS, U.ZILVEREN_KRUIS],
  '04': [U.MENZIS, U.ZILVEREN_KRUIS],
  '05': [U.MENZIS, U.VGZ],
  '06': [U.VGZ, U.MENZIS],
  '07': [U.VGZ, U.ZILVEREN_KRUIS],
  '08': [U.VGZ, U.CZ],
  '09': [U.ZILVEREN_KRUIS, U.VGZ],
  '10': [U.ZILVEREN_KRUIS, U.VGZ],
  '11': [U.ZILVEREN_KRUIS, U.VGZ],
  '12': [U.ZILVEREN_KRUIS, U.CZ],
  '13': [U.ZILVEREN_KRUIS, U.VGZ],
  '14': [U.ZILVEREN_KRUIS, U.VGZ],
  '15': [U.CZ, U.ZILVEREN_KRUIS],
  '16': [U.ZORG_EN_ZEKERHEID, U.ZILVEREN_KRUIS],
  '17': [U.DSW, U.ZILVEREN_KRUIS],
  '18': [U.CZ, U.VGZ],
  '19': [U.CZ, U.VGZ],
  '20': [U.CZ, U.VGZ],
  '21': [U.VGZ, U.CZ],
  '22': [U.VGZ, U.CZ],
  '23': [U.VGZ, U.CZ],
  '24': [U.CZ, U.VGZ],
  '25': [U.ZILVEREN_KRUIS, U.MENZIS],
};

const ACHMEA: readonly string[] = [U.ZILVEREN_KRUIS, U.DE_FRIESLAND];

/** Region-specific remark for an agreement; explains the cases the seeds single out. */
function representationNotes(segment: 'AMBULANCE' | 'COORDINATION', year: number, regionCode: string): string {
  const [lead, second] = TOP_TWO_BY_REGION[regionCode];
  if (regionCode === '02') {
    return 'De Friesland is market leader in Fryslân and represents for the Achmea concern (Zilveren Kruis and De Friesland, seed 000).';
  }
  if (regionCode === '16' && segment === 'AMBULANCE' && year === 2025) {
    return 'Zorg en Zekerheid is market leader in Hollands Midden and makes the purchasing agreements jointly with Zilveren Kruis as second insurer (seed 001).';
  }
  if (segment === 'COORDINATION') {
    return lead === U.ZILVEREN_KRUIS
      ? 'Core region of Zilveren Kruis: it decides as preferred insurer and asks the coordination function for the monitoring figures (seed 002).'
      : 'Outside its core regions Zilveren Kruis follows the decision of the preferred insurer (seed 002).';
  }
  if (ACHMEA.includes(lead) || ACHMEA.includes(second)) {
    return 'Zilveren Kruis (Achmea concern) represents here as market leader or second insurer.';
  }
  return 'Zilveren Kruis and De Friesland follow the agreements made by the representing insurers.';
}

function buildAgreements(
  segmentCode: 'AMBULANCE' | 'COORDINATION',
  year: number,
  sourceDocument: string,
  basis: string,
): RepresentationSeed[] {
  return AMBULANCE_REGIONS.map((region) => {
    const [leadUzovi, secondUzovi] = TOP_TWO_BY_REGION[region.code];
    return {
      segmentCode,
      year,
      regionCode: region.code,
      leadUzovi,
      secondUzovi: segmentCode === 'COORDINATION' ? null : secondUzovi,
      basis,
      notes: representationNotes(segmentCode, year, region.code),
      sourceDocument,
    };
  });
}

/**
 * Representation agreements for all 25 regions in three sets:
 * ambulance 2024 (seed 000), ambulance 2025 (seed 001) and coordination functions 2024 (seed 002).
 * The rule (two largest insurers represent, lead = largest) is from the seeds; which insurer is
 * largest where is demo data (see SHARES_2024). For coordination functions the seed only names the
 * preferred insurer, who decides alone ("Buiten de kernregio van Zilveren Kruis volgen wij het besluit
 * van de preferente zorgverzekeraar"), so those agreements have no second insurer: recording the
 * second-largest as co-representative would make Zilveren Kruis co-decide in regions where seed 002
 * says it follows.
 */
export const REPRESENTATION_AGREEMENTS: RepresentationSeed[] = [
  ...buildAgreements(
    'AMBULANCE',
    2024,
    SEED_FILES.AMBULANCE_2024,
    'Ambulance care is purchased by representation under the NZa policy rule for RAVs: the market leader and the second insurer of the region buy for all insurers, the others follow.',
  ),
  ...buildAgreements(
    'AMBULANCE',
    2025,
    SEED_FILES.AMBULANCE_2025,
    'Ambulance care is purchased by representation: the two insurers with the largest market share in the region are responsible for purchasing, the others follow their agreements.',
  ),
  ...buildAgreements(
    'COORDINATION',
    2024,
    SEED_FILES.COORDINATION_2024,
    'The preferred insurer (preferente zorgverzekeraar), the market leader of the region, decides on the coordination function; the other insurers follow that decision.',
  ),
];
