import type { EntityManager } from '@mikro-orm/postgresql';
import { SEED_FILES } from '../shared/seed-files';
import { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from '../region/region.entity';
import { Segment } from '../segment/segment.entity';
import { RepresentationAgreement } from './representation-agreement.entity';
import { U, type Uzovi } from '../insurer/insurer.seed';
import { AMBULANCE_REGIONS } from '../region/region.seed';

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
 * order at the top (see SHARES_2024 in region.seed.ts), these pairs hold for 2023, 2024 and 2025 alike; the unit test
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
 * largest where is demo data (see SHARES_2024 in region.seed.ts). For coordination functions the seed only names the
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

/** The representation agreements of seeds 000, 001 and 002 (ambulance 2024 and 2025, coordination 2024). */
export async function seedRepresentation(em: EntityManager): Promise<void> {
  const insurers = new Map((await em.find(Insurer, {})).map((i) => [i.uzovi, i]));
  const regions = new Map((await em.find(Region, { kind: RegionKind.AMBULANCE })).map((r) => [r.code, r]));
  const segments = new Map((await em.find(Segment, {})).map((s) => [s.code, s]));
  for (const seed of REPRESENTATION_AGREEMENTS) {
    em.create(RepresentationAgreement, {
      segment: segments.get(seed.segmentCode)!,
      region: regions.get(seed.regionCode)!,
      year: seed.year,
      leadInsurer: insurers.get(seed.leadUzovi)!,
      secondInsurer: seed.secondUzovi ? insurers.get(seed.secondUzovi)! : null,
      basis: seed.basis,
      notes: `${seed.notes} (source: ${seed.sourceDocument})`.trim(),
    });
  }
  await em.flush();
}
