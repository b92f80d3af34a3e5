import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { runMutation } from '../core/mutation';
import { UserErrorFailure } from '../core/problems';
import { authorize, can } from '../auth/access-policy';
import { ANY_SEGMENT, purchasers, purchasingInsurerIds, providerYearKey } from '../contract/purchasing';
import { intArray } from '../db/pg-array';
import { encodeGlobalId } from '../core/global-id';
import { Provider } from '../provider/provider.entity';
import { SustainabilityAnswer, SustainabilityQuestion } from './sustainability.entity';
import { SustainabilityErrorCode } from './sustainability.errors';
import { AnswerProblem, factsOf, parseAnswers, RawAnswer } from './sustainability.answers';
import { compliance, ComplianceItem, ComplianceStatus, SustainabilityObligation } from './sustainability.rules';
import type { SustainabilityReport, SustainabilityRequest, SustainabilityValueChain } from './sustainability.payloads';

/** The questions of a year's request, in order; empty when the insurers made none for that year. */
export async function questionsOf(em: EntityManager, year: number): Promise<SustainabilityQuestion[]> {
  return em.find(SustainabilityQuestion, { year }, { orderBy: { position: 'asc' } });
}

interface AnswerRow {
  id: number;
  provider_id: number;
  year: number;
  answers: Record<string, string>;
  version: number;
  answered_by: string;
  updated_at: Date;
  demo: boolean;
}

const ANSWER_COLUMNS = 'id, provider_id, year, answers, version, answered_by, updated_at, demo';

async function answerRows(em: EntityManager, providerIds: readonly number[], year: number): Promise<AnswerRow[]> {
  if (providerIds.length === 0) return [];
  return em.execute<AnswerRow[]>(
    `select ${ANSWER_COLUMNS} from sustainability_answer where provider_id = any(?::int[]) and year = ?`,
    [`{${providerIds.map(Number).join(',')}}`, year],
  );
}

function toReport(row: AnswerRow, provider: Provider, questions: readonly SustainabilityQuestion[]): SustainabilityReport {
  const has = (code: string) => Object.prototype.hasOwnProperty.call(row.answers, code);
  const scope = (n: number) => (has(`CO2_SCOPE_${n}`) ? row.answers[`CO2_SCOPE_${n}`] : null);
  return {
    __typename: 'SustainabilityReport',
    globalId: encodeGlobalId('SustainabilityReport', Number(row.id)),
    provider,
    year: row.year,
    version: row.version,
    answeredBy: row.answered_by,
    answeredAt: new Date(row.updated_at),
    demo: row.demo,
    updatedAt: new Date(row.updated_at),
    answers: questions.filter((q) => has(q.code)).map((q) => ({ code: q.code, value: row.answers[q.code] })),
    compliance: compliance(factsOf(row.answers)),
    co2Scope1Tonnes: scope(1),
    co2Scope2Tonnes: scope(2),
    co2Scope3Tonnes: scope(3),
  };
}

/**
 * A provider's report of a year, or null: when the provider does not exist, has not answered, or the viewer may
 * not read it (not the provider, and no purchasing insurer that year). The three are indistinguishable on purpose,
 * and cost the same statements.
 */
export async function reportFor(ctx: RequestContext, providerAgb: string, year: number): Promise<SustainabilityReport | null> {
  const provider = await ctx.em.findOne(Provider, { agb: providerAgb });
  const providerId = provider?.id ?? 0;
  const purchasing = await purchasingInsurerIds(ctx.em, [providerId], year, ANY_SEGMENT);
  if (!provider || !can(ctx.principal, 'sustainability.read', { providerId, purchasingInsurerIds: [...purchasing.get(providerId)!] })) return null;
  const [row] = await answerRows(ctx.em, [providerId], year);
  return row ? toReport(row, provider, await questionsOf(ctx.em, year)) : null;
}

/**
 * node(id) of SustainabilityReport: the same check as sustainabilityReport(providerAgb, year), for any number of ids
 * in two statements whether the rows exist or not (a forbidden report and a missing one cost the same); only what
 * may be read loads its provider and questions.
 */
export async function reportsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(SustainabilityReport | null)[]> {
  const rows = await ctx.em.execute<AnswerRow[]>(`select ${ANSWER_COLUMNS} from sustainability_answer where id = any(?::bigint[])`, [intArray(ids)]);
  const keys = rows.map((r) => ({ providerId: Number(r.provider_id), year: Number(r.year) }));
  const purchasing = await purchasers(ctx.em, keys, ANY_SEGMENT);
  const visible = rows.filter((r, i) =>
    can(ctx.principal, 'sustainability.read', { providerId: keys[i].providerId, purchasingInsurerIds: [...purchasing.get(providerYearKey(keys[i]))!] }),
  );
  if (visible.length === 0) return ids.map(() => null);
  const providers = new Map((await ctx.em.find(Provider, { id: { $in: visible.map((r) => Number(r.provider_id)) } })).map((p) => [p.id, p]));
  const years = [...new Set(visible.map((r) => Number(r.year)))];
  const questions = await ctx.em.find(SustainabilityQuestion, { year: { $in: years } }, { orderBy: { year: 'asc', position: 'asc' } });
  const byId = new Map(
    visible.map((r) => [Number(r.id), toReport(r, providers.get(Number(r.provider_id))!, questions.filter((q) => q.year === Number(r.year)))]),
  );
  return ids.map((id) => byId.get(id) ?? null);
}

/** The request of a year as the API shows it, or null when the insurers made none. */
export function requestOf(year: number, questions: SustainabilityQuestion[]): SustainabilityRequest | null {
  if (questions.length === 0) return null;
  const updatedAt = new Date(Math.max(...questions.map((q) => q.updatedAt.getTime())));
  return { __typename: 'SustainabilityRequest', globalId: encodeGlobalId('SustainabilityRequest', year), year, questions, updatedAt };
}

/** node(id) of SustainabilityRequest: its id stands for the year; every principal reads every request. */
export async function requestsByYears(ctx: RequestContext, years: readonly number[]): Promise<(SustainabilityRequest | null)[]> {
  // A global id holds up to 15 digits; a year column holds four.
  const plausible = years.filter((year) => year >= 1 && year <= 9999);
  const questions = await ctx.em.find(SustainabilityQuestion, { year: { $in: plausible } }, { orderBy: { year: 'asc', position: 'asc' } });
  return years.map((year) => requestOf(year, questions.filter((q) => q.year === year)));
}

/** The providers an insurer purchases from in a year, in any segment (the purchasing fact of contract/purchasing.ts). */
async function purchasedProviderIds(em: EntityManager, insurerId: number, year: number): Promise<number[]> {
  // Candidates: providers with any contract in force that year; the purchasing fact then decides, representation included.
  const candidates = await em.execute<{ provider_id: number }[]>(
    'select distinct provider_id from contract where term_start <= make_date(?, 12, 31) and term_end >= make_date(?, 1, 1)',
    [year, year],
  );
  const ids = candidates.map((c) => Number(c.provider_id));
  const purchasing = await purchasingInsurerIds(em, ids, year, ANY_SEGMENT);
  return ids.filter((id) => purchasing.get(id)!.has(insurerId));
}

/** Thousandths of a tonne, so sums of 3-decimal figures are exact. */
const milli = (decimal: string): bigint => {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'));
};
const fromMilli = (m: bigint): string => `${m / 1000n}.${String(m % 1000n).padStart(3, '0')}`;

/**
 * An insurer's providers of a year with their reports, and the aggregate for its CSRD value-chain report. The
 * aggregate is over exactly these providers, each of which the insurer may read, so it reveals nothing beyond the
 * rows and needs no small-group protection (README "### Aggregates").
 */
export async function valueChain(ctx: RequestContext, year: number): Promise<SustainabilityValueChain> {
  authorize(ctx, 'sustainability.valueChain.read');
  const insurerId = ctx.principal.insurerId!;
  const ids = await purchasedProviderIds(ctx.em, insurerId, year);
  const providers = ids.length ? await ctx.em.find(Provider, { id: { $in: ids } }, { orderBy: { agb: 'asc' } }) : [];
  const rows = new Map((await answerRows(ctx.em, ids, year)).map((r) => [Number(r.provider_id), r]));
  const questions = rows.size ? await questionsOf(ctx.em, year) : [];
  const list = providers.map((provider) => {
    const row = rows.get(provider.id);
    return { provider, report: row ? toReport(row, provider, questions) : null };
  });
  const reports = list.flatMap((r) => (r.report ? [r.report] : []));
  const statusCounts = Object.values(SustainabilityObligation).flatMap((obligation) =>
    Object.values(ComplianceStatus).map((status) => ({
      obligation,
      status,
      providerCount: reports.filter((r) => r.compliance.some((c) => c.obligation === obligation && c.status === status)).length,
    })),
  );
  const co2Totals = [1, 2, 3].map((scope) => {
    const figures = reports.map((r) => [r.co2Scope1Tonnes, r.co2Scope2Tonnes, r.co2Scope3Tonnes][scope - 1]).filter((v): v is string => v !== null);
    return { scope, tonnes: fromMilli(figures.reduce((sum, v) => sum + milli(v), 0n)), providerCount: figures.length };
  });
  return { year, providers: list, aggregate: { providerCount: list.length, answeredCount: reports.length, statusCounts, co2Totals } };
}

export interface SubmitOutcome {
  report: SustainabilityReport | null;
  problems: AnswerProblem[];
  compliance: ComplianceItem[];
}

/**
 * Checks and (unless dryRun) stores a provider's complete answers for a year, replacing earlier ones with the
 * version counted up. Shared by the GraphQL mutation and the file upload, so both obey the same rules; on any
 * problem nothing is written.
 */
export async function submitAnswers(
  ctx: RequestContext,
  input: { providerAgb: string; year: number; answers: readonly RawAnswer[]; expectedVersion?: number | null; dryRun?: boolean },
): Promise<SubmitOutcome> {
  const outcome = await runMutation(ctx, async (em) => {
    const provider = await em.findOne(Provider, { agb: input.providerAgb });
    // Another organisation's provider reads as a missing one.
    if (!provider || !can(ctx.principal, 'sustainability.answer', { providerId: provider.id })) {
      throw new UserErrorFailure([{ field: ['providerAgb'], code: SustainabilityErrorCode.NOT_FOUND, message: 'No provider you may answer for has this AGB code.' }]);
    }
    const questions = await questionsOf(em, input.year);
    if (questions.length === 0) {
      throw new UserErrorFailure([{ field: ['year'], code: SustainabilityErrorCode.NO_REQUEST, message: `The insurers made no sustainability request for ${input.year}.` }]);
    }
    const { answers, problems } = parseAnswers(questions, input.answers);
    if (problems.length > 0) throw new UserErrorFailure(problems);
    const existing = await em.findOne(SustainabilityAnswer, { provider: provider.id, year: input.year });
    if (input.expectedVersion != null && (existing?.version ?? 0) !== input.expectedVersion) {
      throw new UserErrorFailure([
        { field: ['expectedVersion'], code: SustainabilityErrorCode.VERSION_CONFLICT, message: `The answers are at version ${existing?.version ?? 0}, not ${input.expectedVersion}.` },
      ]);
    }
    const items = compliance(factsOf(answers));
    if (input.dryRun) return { providerAgb: provider.agb, items };
    if (existing) {
      existing.answers = { ...answers };
      existing.version += 1;
      existing.answeredBy = ctx.principal.subject;
      existing.demo = false;
    } else {
      em.create(SustainabilityAnswer, { provider, year: input.year, answers: { ...answers }, version: 1, answeredBy: ctx.principal.subject });
    }
    await em.flush();
    return { providerAgb: provider.agb, items };
  }, () => ({ field: ['expectedVersion'], code: SustainabilityErrorCode.VERSION_CONFLICT, message: 'Someone else answered at the same moment; read the answers and try again.' }));
  if (!outcome.result) {
    // The items keep the row and column a file answer came from (runMutation passes them through unchanged).
    return { report: null, compliance: [], problems: outcome.userErrors as AnswerProblem[] };
  }
  const report = input.dryRun ? null : await reportFor(ctx, outcome.result.providerAgb, input.year);
  return { report, problems: [], compliance: outcome.result.items };
}
