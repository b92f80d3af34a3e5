/**
 * Reference and demo seed data. The seed data of each feature lives in its `<feature>.seed.ts` (insurers,
 * regions and market shares, segments, providers, purchasing policies, representation agreements, ...); the
 * seed-step runner in `src/db/seed.ts` writes it.
 *
 * Two kinds of values live in those modules and they are kept apart on purpose:
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
