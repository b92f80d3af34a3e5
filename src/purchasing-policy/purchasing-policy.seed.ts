import type { EntityManager } from '@mikro-orm/postgresql';
import { SEED_FILES } from '../shared/seed-files';
import type { Insurer } from '../insurer/insurer.entity';
import type { Segment } from '../segment/segment.entity';
import { PurchasingPolicy } from './purchasing-policy.entity';
import { PolicyMilestone, MilestoneKind } from './policy-milestone.entity';
import { U } from '../insurer/insurer.seed';
import type { SegmentSeed } from '../segment/segment.seed';

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

/** Creates the purchasing policies of POLICIES with their milestones. */
export function seedPolicies(em: EntityManager, insurers: ReadonlyMap<string, Insurer>, segments: ReadonlyMap<string, Segment>): void {
  for (const seed of POLICIES) {
    const policy = em.create(PurchasingPolicy, {
      insurer: insurers.get(seed.insurerUzovi)!,
      segment: segments.get(seed.segmentCode)!,
      firstYear: seed.firstYear,
      lastYear: seed.lastYear,
      publishedOn: seed.publishedOn,
      contractTermYears: seed.contractTermYears,
      title: seed.title,
      sourceDocument: seed.sourceDocument,
      summary: seed.summary,
    });
    for (const m of seed.milestones) {
      em.create(PolicyMilestone, { policy, date: m.date, kind: m.kind as MilestoneKind, description: m.description });
    }
  }
}
