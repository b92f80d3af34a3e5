import type { EntityManager } from '@mikro-orm/postgresql';
import { Concern } from './concern.entity';
import { Insurer } from './insurer.entity';

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
 * UZOVI codes used throughout the seed data (insurers, market shares, policies, representation), named so the
 * tables stay readable.
 *
 * Zilveren Kruis Zorgverzekeringen N.V. has the public UZOVI code 3311; it is used as-is.
 *
 * DEMO: all other codes are invented placeholders in the 99xx range. They are NOT the insurers'
 * real UZOVI numbers; replace them with the Vektis UZOVI register values before any real use.
 */
export const U = {
  ZILVEREN_KRUIS: '3311',
  DE_FRIESLAND: '9902',
  ZORG_EN_ZEKERHEID: '9903',
  VGZ: '9904',
  CZ: '9905',
  MENZIS: '9906',
  DSW: '9907',
  ONVZ: '9908',
} as const;

export type Uzovi = (typeof U)[keyof typeof U];

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

/** A short stable code for a concern name: "Zorg en Zekerheid" becomes "ZORG_EN_ZEKERHEID". */
export function concernCode(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40);
}

/** Creates the concerns and insurers of INSURERS; returns the insurers by UZOVI code. */
export function seedInsurers(em: EntityManager): Map<string, Insurer> {
  const concerns = new Map<string, Concern>();
  const insurers = new Map<string, Insurer>();
  for (const seed of INSURERS) {
    const code = concernCode(seed.concern);
    let concern = concerns.get(code);
    if (!concern) {
      concern = em.create(Concern, { code, name: seed.concern });
      concerns.set(code, concern);
    }
    insurers.set(seed.uzovi, em.create(Insurer, { uzovi: seed.uzovi, name: seed.name, concern }));
  }
  return insurers;
}
