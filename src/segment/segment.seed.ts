import type { EntityManager } from '@mikro-orm/postgresql';
import { Segment } from './segment.entity';

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

/** Creates the segments; returns them by code. */
export function seedSegments(em: EntityManager): Map<string, Segment> {
  const segments = new Map<string, Segment>();
  for (const seed of SEGMENTS) {
    segments.set(
      seed.code,
      em.create(Segment, { code: seed.code, name: seed.name, description: seed.description, representation: seed.representation }),
    );
  }
  return segments;
}
