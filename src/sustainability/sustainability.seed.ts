import type { EntityManager } from '@mikro-orm/postgresql';
import { Provider } from '../provider/provider.entity';
import { SustainabilityAnswer, SustainabilityQuestion, SustainabilityQuestionType } from './sustainability.entity';
import { RealEstate } from './sustainability.rules';

type QuestionSeed = Pick<SustainabilityQuestion, 'code' | 'type' | 'unit' | 'choices' | 'required' | 'text' | 'source'>;

const B = SustainabilityQuestionType.BOOLEAN;
const D = SustainabilityQuestionType.DECIMAL;

/**
 * The request for reporting year 2025: the insurers report under the CSRD in 2026 over 2025 and coordinate one
 * request among themselves (seed 001 Bijlage 1). The questions are the facts the seeds' obligations turn on.
 */
export const REQUEST_2025: QuestionSeed[] = [
  { code: 'FTE', type: D, unit: 'FTE', choices: null, required: true, text: 'Staff in FTE at the end of the reporting year.', source: 'seeds 001-004 (the 100 and 250 FTE thresholds)' },
  { code: 'REAL_ESTATE', type: SustainabilityQuestionType.CHOICE, unit: null, choices: Object.values(RealEstate), required: true, text: 'Does the organisation own or rent its buildings?', source: 'seeds 002, 003, 004 ("vastgoed")' },
  { code: 'SUSTAINABILITY_IN_STRATEGY', type: B, unit: null, choices: null, required: false, text: 'Is sustainability part of the strategy?', source: 'seeds 000-004; seed 001 Bijlage 1' },
  { code: 'CO2_ROADMAP_DELIVERED', type: B, unit: null, choices: null, required: false, text: 'Was a board-approved CO2 roadmap with a strategic real-estate plan delivered to the Expertisecentrum Verduurzaming Zorg?', source: 'seeds 002, 003, 004' },
  { code: 'CO2_ROADMAP_DELIVERED_ON', type: SustainabilityQuestionType.DATE, unit: null, choices: null, required: false, text: 'On which date was the CO2 roadmap delivered?', source: 'seeds 002, 003, 004 (deadline 1 January 2024)' },
  { code: 'MOBILITY_PLAN', type: B, unit: null, choices: null, required: false, text: 'Is there a mobility plan to reduce CO2 from staff travel (GDDZ 3.0 art. 4.2.e)?', source: 'seed 001 Bijlage 1' },
  { code: 'CSRD_OBLIGED', type: B, unit: null, choices: null, required: false, text: 'Must the organisation report under the CSRD itself?', source: 'seed 001 Bijlage 1' },
  { code: 'ANNUAL_REPORT_OBLIGED', type: B, unit: null, choices: null, required: false, text: 'Must the organisation publish an annual report?', source: 'seed 001 Bijlage 1' },
  { code: 'ANNUAL_REPORT_SUSTAINABILITY_SECTION', type: B, unit: null, choices: null, required: false, text: 'Does the annual report cover the sustainability performance?', source: 'seed 001 Bijlage 1' },
  { code: 'CO2_SCOPE_1', type: D, unit: 'tonnes CO2-eq', choices: null, required: false, text: 'Scope 1 emissions over the reporting year (optional).', source: 'seed 001 Bijlage 1 (CSRD value chain)' },
  { code: 'CO2_SCOPE_2', type: D, unit: 'tonnes CO2-eq', choices: null, required: false, text: 'Scope 2 emissions over the reporting year (optional).', source: 'seed 001 Bijlage 1 (CSRD value chain)' },
  { code: 'CO2_SCOPE_3', type: D, unit: 'tonnes CO2-eq', choices: null, required: false, text: 'Scope 3 emissions over the reporting year (optional).', source: 'seed 001 Bijlage 1 (CSRD value chain)' },
];

/** Seed step 'seed:sustainability-request': the 2025 request (reference data, not demo). */
export async function seedSustainabilityRequest(em: EntityManager): Promise<void> {
  REQUEST_2025.forEach((q, i) => em.create(SustainabilityQuestion, { ...q, year: 2025, position: i + 1 }));
  await em.flush();
}

/**
 * DEMO: invented answers for 2025, chosen so the demo shows every status: a hospital that meets everything, an
 * ambulance service whose roadmap came late, a ZG provider without a mobility plan, and a small coordination
 * function to which little applies.
 */
const DEMO_ANSWERS: { agb: string; answers: Record<string, string> }[] = [
  {
    agb: '06010901',
    answers: { FTE: '2450', REAL_ESTATE: 'OWNS', SUSTAINABILITY_IN_STRATEGY: 'true', CO2_ROADMAP_DELIVERED: 'true', CO2_ROADMAP_DELIVERED_ON: '2023-11-20', MOBILITY_PLAN: 'true', CSRD_OBLIGED: 'true', CO2_SCOPE_1: '5120.5', CO2_SCOPE_2: '3310.25', CO2_SCOPE_3: '41200' },
  },
  {
    agb: '09100901',
    answers: { FTE: '320', REAL_ESTATE: 'OWNS_AND_RENTS', SUSTAINABILITY_IN_STRATEGY: 'true', CO2_ROADMAP_DELIVERED: 'true', CO2_ROADMAP_DELIVERED_ON: '2024-03-15', MOBILITY_PLAN: 'true', CSRD_OBLIGED: 'false', ANNUAL_REPORT_OBLIGED: 'true', ANNUAL_REPORT_SUSTAINABILITY_SECTION: 'true', CO2_SCOPE_1: '1890.75' },
  },
  {
    agb: '41000001',
    answers: { FTE: '180', REAL_ESTATE: 'RENTS', SUSTAINABILITY_IN_STRATEGY: 'true', MOBILITY_PLAN: 'false', CSRD_OBLIGED: 'false', ANNUAL_REPORT_OBLIGED: 'true', ANNUAL_REPORT_SUSTAINABILITY_SECTION: 'false' },
  },
  { agb: '03010901', answers: { FTE: '12', REAL_ESTATE: 'NONE', SUSTAINABILITY_IN_STRATEGY: 'true', CSRD_OBLIGED: 'false', ANNUAL_REPORT_OBLIGED: 'false' } },
];

/** Seed step 'seed:sustainability-demo': the DEMO answers above, marked demo. */
export async function seedSustainabilityDemo(em: EntityManager): Promise<void> {
  for (const seed of DEMO_ANSWERS) {
    const provider = await em.findOne(Provider, { agb: seed.agb });
    if (!provider) continue;
    em.create(SustainabilityAnswer, { provider, year: 2025, answers: seed.answers, version: 1, answeredBy: 'DEMO seed', demo: true });
  }
  await em.flush();
}
