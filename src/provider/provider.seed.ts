import type { EntityManager } from '@mikro-orm/postgresql';
import { AMBULANCE_REGIONS } from '../region/region.seed';
import type { Region } from '../region/region.entity';
import { Provider, ProviderKind } from './provider.entity';

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

/** Creates the providers of PROVIDERS, each in its region. */
export function seedProviders(em: EntityManager, regions: ReadonlyMap<string, Region>): void {
  for (const seed of PROVIDERS) {
    em.create(Provider, {
      agb: seed.agb,
      kvk: seed.kvk,
      name: seed.name,
      kind: seed.kind as ProviderKind,
      region: seed.regionCode ? regions.get(seed.regionCode)! : null,
    });
  }
}
