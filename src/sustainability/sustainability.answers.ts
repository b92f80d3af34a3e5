import { SustainabilityQuestion, SustainabilityQuestionType } from './sustainability.entity';
import { SustainabilityErrorCode } from './sustainability.errors';
import { RealEstate, SustainabilityFacts } from './sustainability.rules';

/** One answer as the client sends it (GraphQL input or a file row); `at` says where, for the problem report. */
export interface RawAnswer {
  code: string;
  value: string;
  at: { field: string[]; row?: number };
  /** A file cell that cannot be an answer (a formula, an Excel error): reported as INVALID_VALUE in its column. */
  refused?: { column: 'code' | 'value'; message: string };
}

export interface AnswerProblem {
  field: string[];
  row?: number;
  column?: string;
  code: SustainabilityErrorCode;
  message: string;
}

const TRUE = new Set(['true', 'ja', 'yes', 'j', 'y', '1']);
const FALSE = new Set(['false', 'nee', 'no', 'n', '0']);
/** Tonnes and FTE: up to 12 whole digits and 3 decimals, with a decimal point or a Dutch comma. */
const DECIMAL = /^\d{1,12}([.,]\d{1,3})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function canonical(q: SustainabilityQuestion, raw: string): string | null {
  const text = raw.trim();
  switch (q.type) {
    case SustainabilityQuestionType.BOOLEAN: {
      const lower = text.toLowerCase();
      return TRUE.has(lower) ? 'true' : FALSE.has(lower) ? 'false' : null;
    }
    case SustainabilityQuestionType.DECIMAL:
      return DECIMAL.test(text) ? text.replace(',', '.').replace(/^0+(?=\d)/, '') : null;
    case SustainabilityQuestionType.DATE: {
      const m = DATE.exec(text);
      if (!m) return null;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.toISOString().slice(0, 10) === text && Number(m[1]) >= 2000 && Number(m[1]) <= 2100 ? text : null;
    }
    case SustainabilityQuestionType.CHOICE:
      return (q.choices ?? []).includes(text.toUpperCase()) ? text.toUpperCase() : null;
  }
}

function expected(q: SustainabilityQuestion): string {
  switch (q.type) {
    case SustainabilityQuestionType.BOOLEAN:
      return 'true or false (ja/nee)';
    case SustainabilityQuestionType.DECIMAL:
      return `a decimal of at most 3 decimals${q.unit ? ` in ${q.unit}` : ''}, e.g. 412.5`;
    case SustainabilityQuestionType.DATE:
      return 'a date YYYY-MM-DD between 2000 and 2100';
    case SustainabilityQuestionType.CHOICE:
      return `one of ${(q.choices ?? []).join(', ')}`;
  }
}

/**
 * Checks a complete set of answers against the year's questions and returns them as canonical text by code in an
 * object without prototype (codes come from the client), with every problem found. An empty value is no answer.
 */
export function parseAnswers(questions: readonly SustainabilityQuestion[], raws: readonly RawAnswer[]): { answers: Record<string, string>; problems: AnswerProblem[] } {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const answers: Record<string, string> = Object.create(null);
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  // A required question answered wrongly is reported once, as the wrong answer.
  const invalid = new Set<string>();
  for (const raw of raws) {
    const code = raw.code.trim().toUpperCase();
    const q = byCode.get(code);
    const where = { field: raw.at.field, row: raw.at.row };
    if (raw.refused?.column === 'code') {
      problems.push({ ...where, field: [...raw.at.field, 'code'], column: 'code', code: SustainabilityErrorCode.INVALID_VALUE, message: `The question code is not readable: ${raw.refused.message}.` });
      continue;
    }
    if (!q) {
      problems.push({ ...where, field: [...raw.at.field, 'code'], column: 'code', code: SustainabilityErrorCode.UNKNOWN_QUESTION, message: `"${raw.code.slice(0, 60)}" is not a question of this year's request.` });
      continue;
    }
    if (seen.has(code)) {
      problems.push({ ...where, field: [...raw.at.field, 'code'], column: 'code', code: SustainabilityErrorCode.DUPLICATE_QUESTION, message: `${code} is answered twice.` });
      continue;
    }
    seen.add(code);
    if (raw.refused) {
      invalid.add(code);
      problems.push({ ...where, field: [...raw.at.field, 'value'], column: 'value', code: SustainabilityErrorCode.INVALID_VALUE, message: `${code}: ${raw.refused.message}.` });
      continue;
    }
    if (raw.value.trim() === '') continue;
    const value = canonical(q, raw.value);
    if (value === null) {
      invalid.add(code);
      problems.push({ ...where, field: [...raw.at.field, 'value'], column: 'value', code: SustainabilityErrorCode.INVALID_VALUE, message: `${code} must be ${expected(q)}.` });
    } else answers[code] = value;
  }
  for (const q of questions) {
    if (q.required && !(q.code in answers) && !invalid.has(q.code)) {
      problems.push({ field: ['answers'], code: SustainabilityErrorCode.REQUIRED, message: `${q.code} is required: ${q.text}` });
    }
  }
  if (answers.CO2_ROADMAP_DELIVERED === 'false' && 'CO2_ROADMAP_DELIVERED_ON' in answers) {
    problems.push({ field: ['answers'], code: SustainabilityErrorCode.INCONSISTENT, message: 'CO2_ROADMAP_DELIVERED_ON is given for a roadmap that was not delivered.' });
  }
  return { answers, problems };
}

const bool = (v: string | undefined) => (v === undefined ? null : v === 'true');
const num = (v: string | undefined) => (v === undefined ? null : Number(v));

/** The facts the rules read, from stored answers. */
export function factsOf(answers: Record<string, string>): SustainabilityFacts {
  const a = (code: string) => (Object.prototype.hasOwnProperty.call(answers, code) ? answers[code] : undefined);
  return {
    fte: num(a('FTE')),
    realEstate: (a('REAL_ESTATE') as RealEstate | undefined) ?? null,
    sustainabilityInStrategy: bool(a('SUSTAINABILITY_IN_STRATEGY')),
    co2RoadmapDelivered: bool(a('CO2_ROADMAP_DELIVERED')),
    co2RoadmapDeliveredOn: a('CO2_ROADMAP_DELIVERED_ON') ?? null,
    mobilityPlan: bool(a('MOBILITY_PLAN')),
    csrdObliged: bool(a('CSRD_OBLIGED')),
    annualReportObliged: bool(a('ANNUAL_REPORT_OBLIGED')),
    annualReportSustainabilitySection: bool(a('ANNUAL_REPORT_SUSTAINABILITY_SECTION')),
  };
}
