import type { FilterQuery } from '@mikro-orm/core';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { PageQuery, Page, emptyPage, pageRequest, pageSorted } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { badInput } from '../core/errors';
import { InvalidMoney, MoneyInput } from '../core/parse';
import { authorize } from '../auth/access-policy';
import { findByIds, findPage } from '../db/find-page';
import { intArray } from '../db/pg-array';
import { isPlausibleYear, optionalText } from '../shared/validation';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { Segment } from '../segment/segment.entity';
import { PurchasingPolicy } from '../purchasing-policy/purchasing-policy.entity';
import { RepresentationAgreement } from '../representation/representation-agreement.entity';
import { CeilingKind, Contract, ContractStatus } from './contract.entity';
import { ContractRevenue, RevenuePeriodKind } from './contract-revenue.entity';
import { ContractErrorCode as Code } from './contract.errors';
import { ContractCreateInput, ContractFilter, ContractRevenueReportInput, ContractStatusChangeInput, ContractUpdateInput } from './contract.inputs';
import { ALERT_STATUSES, CeilingStatus, assessCeiling, fromCents, toCents } from './ceiling';
import { CeilingUse, ContractAlert } from './contract.types';
import { auditContractRead, mayRead, representedAgreementIds, visibleOnly, visibleWhere } from './contract.access';
import { contractLoaders } from './contract.loaders';

const MAX_OBLIGATIONS = 20_000;
const MAX_NOTE = 2000;

// ---------------------------------------------------------------------------------------------
// Dates and terms
// ---------------------------------------------------------------------------------------------

const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first and last day of a month or quarter, or null when it does not exist. */
export function periodOf(kind: RevenuePeriodKind, year: number, number: number): { start: string; end: string } | null {
  if (!isPlausibleYear(year) || !Number.isInteger(number)) return null;
  const months = kind === RevenuePeriodKind.MONTH ? 12 : 4;
  if (number < 1 || number > months) return null;
  const firstMonth = kind === RevenuePeriodKind.MONTH ? number : number * 3 - 2;
  const lastMonth = kind === RevenuePeriodKind.MONTH ? number : number * 3;
  return { start: `${year}-${String(firstMonth).padStart(2, '0')}-01`, end: lastDayOfMonth(year, lastMonth) };
}

/** The contract years of a term, which must be whole calendar years (1 January to 31 December). */
function checkTerm(problems: Problems<Code>, start: string, end: string): { first: number; last: number } | null {
  let ok = true;
  if (!start.endsWith('-01-01')) {
    problems.add('termStart', Code.INVALID_TERM, `A term starts on 1 January of a contract year; got ${start}.`);
    ok = false;
  }
  if (!end.endsWith('-12-31')) {
    problems.add('termEnd', Code.INVALID_TERM, `A term ends on 31 December of a contract year; got ${end}.`);
    ok = false;
  } else if (yearOf(end) < yearOf(start)) {
    problems.add('termEnd', Code.INVALID_TERM, `The term ends (${end}) before it starts (${start}).`);
    ok = false;
  }
  if (ok && (!isPlausibleYear(yearOf(start)) || !isPlausibleYear(yearOf(end)))) {
    problems.add('termStart', Code.INVALID_TERM, 'Contract years are 2000 to 2100.');
    ok = false;
  }
  return ok ? { first: yearOf(start), last: yearOf(end) } : null;
}

/**
 * The term must be as long as the purchasing policy for the segment and first year says (seed 000: one year,
 * seed 003: two years). The insurer's own policy counts, else one of its concern's (seed 000 is the policy of
 * Zilveren Kruis and De Friesland together).
 */
async function checkPolicyTerm(em: EntityManager, problems: Problems<Code>, insurer: Insurer, segment: Segment, term: { first: number; last: number }) {
  const policies = await em.find(
    PurchasingPolicy,
    { segment, firstYear: { $lte: term.first }, lastYear: { $gte: term.first }, insurer: { concern: insurer.concern.id } },
    // Of several concern policies, the oldest decides, so the answer never depends on the order rows come in.
    { populate: ['insurer'], orderBy: { id: 'asc' } },
  );
  const policy = policies.find((p) => p.insurer.id === insurer.id) ?? policies[0];
  if (!policy) {
    problems.add('termStart', Code.NO_POLICY, `${insurer.name} has no ${segment.code} purchasing policy covering ${term.first}, so no term is allowed.`);
    return;
  }
  const years = term.last - term.first + 1;
  if (years !== policy.contractTermYears) {
    problems.add(
      'termEnd',
      Code.TERM_NOT_ALLOWED,
      `The policy "${policy.title}" of ${policy.insurer.getEntity().name} sets ${policy.contractTermYears}-year contracts; this term is ${years} year${years === 1 ? '' : 's'}.`,
    );
  }
}

/**
 * In a representation segment a contract is made under the agreement of its provider's region and first year,
 * and only that agreement's lead or co-representing insurer may make it (seeds 000, 001).
 */
async function representationAgreement(
  em: EntityManager,
  problems: Problems<Code>,
  insurer: Insurer,
  provider: Provider,
  segment: Segment,
  firstYear: number,
): Promise<RepresentationAgreement | null> {
  if (!segment.representation) return null;
  if (!provider.region) {
    problems.add('providerAgb', Code.NO_AGREEMENT, `${provider.name} has no region, so no representation agreement applies to it.`);
    return null;
  }
  const agreement = await em.findOne(RepresentationAgreement, { segment, region: provider.region.id, year: firstYear });
  if (!agreement) {
    problems.add('providerAgb', Code.NO_AGREEMENT, `The region of ${provider.name} has no ${segment.code} representation agreement for ${firstYear}.`);
    return null;
  }
  if (agreement.leadInsurer.id !== insurer.id && agreement.secondInsurer?.id !== insurer.id) {
    problems.add([], Code.NOT_REPRESENTING, `${insurer.name} is not the lead or co-representing insurer of this region in ${firstYear}, so it cannot contract here.`);
  }
  return agreement;
}

async function checkOverlap(
  em: EntityManager,
  problems: Problems<Code>,
  keys: { insurer: number; provider: number; segment: number },
  start: string,
  end: string,
  exceptId?: number,
): Promise<void> {
  const where: FilterQuery<Contract> = {
    ...keys,
    status: { $ne: ContractStatus.TERMINATED },
    termStart: { $lte: end },
    termEnd: { $gte: start },
  };
  if (exceptId) where.id = { $ne: exceptId };
  const clash = await em.findOne(Contract, where);
  if (clash) {
    problems.add('termStart', Code.OVERLAPPING_CONTRACT, `The insurer already has a ${clash.status.toLowerCase()} contract with this provider in this segment for ${clash.termStart} to ${clash.termEnd}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Amounts and texts
// ---------------------------------------------------------------------------------------------

const MONEY_PROBLEMS: Record<InvalidMoney['reason'], string> = {
  NOT_A_STRING: 'write amounts as a string such as "1250.50", never as a number',
  NOT_A_NUMBER: 'write a number of euros with a dot and no thousands separators, such as "1250.50"',
  NEGATIVE: 'it is below zero',
  TOO_MANY_DECIMALS: 'euros have at most two decimals',
  TOO_LARGE: 'at most twelve digits before the point',
};

/** The canonical amount, or null after adding INVALID_AMOUNT or NEGATIVE_AMOUNT. */
function moneyValue(problems: Problems<Code>, field: string, amount: MoneyInput): string | null {
  if (!(amount instanceof InvalidMoney)) return amount;
  const code = amount.reason === 'NEGATIVE' ? Code.NEGATIVE_AMOUNT : Code.INVALID_AMOUNT;
  problems.add(field, code, `${field} "${amount.raw.slice(0, 40)}" is not accepted: ${MONEY_PROBLEMS[amount.reason]}.`);
  return null;
}

function checkCeiling(problems: Problems<Code>, kind: CeilingKind, amount: MoneyInput | null | undefined): string | null {
  if (kind === CeilingKind.NONE) {
    if (amount != null) problems.add('ceilingAmount', Code.CEILING_AMOUNT_NOT_ALLOWED, 'Ceiling kind NONE takes no ceiling amount.');
    return null;
  }
  if (amount == null) {
    problems.add('ceilingAmount', Code.CEILING_AMOUNT_REQUIRED, `Ceiling kind ${kind} needs a ceiling amount.`);
    return null;
  }
  const value = moneyValue(problems, 'ceilingAmount', amount);
  if (value === '0.00') problems.add('ceilingAmount', Code.ZERO_CEILING, 'A ceiling amount must be above zero.');
  return value;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

function ownInsurerId(ctx: RequestContext): number | null {
  return ctx.principal.organisationKind === 'INSURER' ? ctx.principal.insurerId : null;
}

/** A contract of the calling insurer. Requires contract.write on its own insurer. */
export function createContract(ctx: RequestContext, input: ContractCreateInput): Promise<MutationOutcome<Contract>> {
  authorize(ctx, 'contract.write', { insurerId: ownInsurerId(ctx) });
  return runMutation(ctx, async (em) => {
    const insurer = await em.findOneOrFail(Insurer, { id: ownInsurerId(ctx)! });
    const problems = new Problems<Code>();
    // Locking the provider serialises contract writes per provider, so two requests cannot both pass the overlap check.
    const provider = await em.findOne(Provider, { agb: input.providerAgb.trim() }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!provider) problems.add('providerAgb', Code.UNKNOWN_PROVIDER, `No provider has AGB code "${input.providerAgb}".`);
    const segment = await em.findOne(Segment, { code: input.segmentCode.trim() });
    if (!segment) problems.add('segmentCode', Code.UNKNOWN_SEGMENT, `No segment has code "${input.segmentCode}".`);
    if (input.status === ContractStatus.TERMINATED) problems.add('status', Code.INVALID_STATUS, 'A new contract is OFFERED or SIGNED.');
    const term = checkTerm(problems, input.termStart, input.termEnd);
    if (term && segment) await checkPolicyTerm(em, problems, insurer, segment, term);
    const agreement = term && segment && provider ? await representationAgreement(em, problems, insurer, provider, segment, term.first) : null;
    const ceilingAmount = checkCeiling(problems, input.ceilingKind, input.ceilingAmount);
    const obligations = optionalText(problems, 'obligations', input.obligations, Code.TOO_LONG, MAX_OBLIGATIONS) ?? '';
    if (provider && segment && term && !problems.any) {
      await checkOverlap(em, problems, { insurer: insurer.id, provider: provider.id, segment: segment.id }, input.termStart, input.termEnd);
    }
    problems.throwIfAny();
    const contract = em.create(Contract, {
      insurer,
      provider: provider!,
      segment: segment!,
      agreement,
      termStart: input.termStart,
      termEnd: input.termEnd,
      status: input.status,
      tariffBasis: input.tariffBasis,
      ceilingKind: input.ceilingKind,
      ceilingAmount,
      obligations,
    });
    await em.flush();
    return contract;
  });
}

/** A contract for a write: NOT_FOUND when the principal may not see it, FORBIDDEN when it may see but not change it. */
async function writableContract(ctx: RequestContext, em: EntityManager, globalId: string, field: string): Promise<Contract> {
  const id = idOfType(globalId, 'Contract');
  const contract = id ? await em.findOne(Contract, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!contract || !mayRead(ctx, contract, await representedAgreementIds(ctx))) fail(field, Code.NOT_FOUND, 'No contract you may see has this ID.');
  return contract;
}

export function updateContract(ctx: RequestContext, input: ContractUpdateInput): Promise<MutationOutcome<Contract>> {
  return runMutation(ctx, async (em) => {
    const contract = await writableContract(ctx, em, input.id, 'id');
    authorize(ctx, 'contract.write', { insurerId: contract.insurer.id });
    if (contract.status === ContractStatus.TERMINATED) fail('id', Code.CONTRACT_TERMINATED, 'A terminated contract cannot be changed.');
    const problems = new Problems<Code>();
    const start = input.termStart ?? contract.termStart;
    const end = input.termEnd ?? contract.termEnd;
    if (start !== contract.termStart || end !== contract.termEnd) {
      // One after another: inside a transaction all queries share one connection, which runs one at a time.
      const insurer = await contract.insurer.load();
      const provider = await contract.provider.load();
      const segment = await contract.segment.load();
      const term = checkTerm(problems, start, end);
      if (term && insurer && segment) await checkPolicyTerm(em, problems, insurer, segment, term);
      if (term && insurer && provider && segment) {
        const agreement = await representationAgreement(em, problems, insurer, provider, segment, term.first);
        contract.agreement = agreement ? em.getReference(RepresentationAgreement, agreement.id, { wrapped: true }) : null;
      }
      if (!problems.any) {
        await checkOverlap(em, problems, { insurer: contract.insurer.id, provider: contract.provider.id, segment: contract.segment.id }, start, end, contract.id);
        const stranded = await em.count(ContractRevenue, { contract, $or: [{ periodStart: { $lt: start } }, { periodEnd: { $gt: end } }] });
        if (stranded > 0) {
          problems.add('termStart', Code.PERIOD_OUTSIDE_TERM, `Revenue was reported for ${stranded} period(s) outside ${start} to ${end}; the term must keep covering them.`);
        }
      }
      contract.termStart = start;
      contract.termEnd = end;
    }
    if (input.tariffBasis != null) contract.tariffBasis = input.tariffBasis;
    if (input.ceilingKind != null || input.ceilingAmount != null) {
      const kind = input.ceilingKind ?? contract.ceilingKind;
      // Switching to NONE drops the amount; another kind keeps the amount it had unless a new one is given.
      const amount = input.ceilingAmount ?? (kind === CeilingKind.NONE ? null : contract.ceilingAmount);
      contract.ceilingAmount = checkCeiling(problems, kind, amount);
      contract.ceilingKind = kind;
    }
    if (input.obligations != null) {
      const obligations = optionalText(problems, 'obligations', input.obligations, Code.TOO_LONG, MAX_OBLIGATIONS);
      if (obligations !== null) contract.obligations = obligations;
    }
    problems.throwIfAny();
    await em.flush();
    return contract;
  });
}

const TRANSITIONS: Record<ContractStatus, readonly ContractStatus[]> = {
  [ContractStatus.OFFERED]: [ContractStatus.SIGNED, ContractStatus.TERMINATED],
  [ContractStatus.SIGNED]: [ContractStatus.TERMINATED],
  [ContractStatus.TERMINATED]: [],
};

export function changeStatus(ctx: RequestContext, input: ContractStatusChangeInput): Promise<MutationOutcome<Contract>> {
  return runMutation(ctx, async (em) => {
    const contract = await writableContract(ctx, em, input.id, 'id');
    authorize(ctx, 'contract.write', { insurerId: contract.insurer.id });
    if (!TRANSITIONS[contract.status].includes(input.status)) {
      fail('status', Code.INVALID_STATUS_TRANSITION, `A ${contract.status} contract cannot become ${input.status}.`);
    }
    contract.status = input.status;
    await em.flush();
    return contract;
  });
}

/**
 * Reports (or corrects) the revenue of one period. The contract row is locked, so concurrent corrections of a
 * period get consecutive versions.
 */
export function reportRevenue(ctx: RequestContext, input: ContractRevenueReportInput): Promise<MutationOutcome<{ revenue: ContractRevenue; contract: Contract }>> {
  return runMutation(ctx, async (em) => {
    const contract = await writableContract(ctx, em, input.contractId, 'contractId');
    authorize(ctx, 'contract.revenue.report', { insurerId: contract.insurer.id, providerId: contract.provider.id });
    const problems = new Problems<Code>();
    const period = periodOf(input.periodKind, input.year, input.number);
    if (!period) {
      problems.add('number', Code.INVALID_PERIOD, `There is no ${input.periodKind.toLowerCase()} ${input.number} of ${input.year}.`);
    } else if (period.start < contract.termStart || period.end > contract.termEnd) {
      problems.add('number', Code.PERIOD_OUTSIDE_TERM, `${period.start} to ${period.end} lies outside the term ${contract.termStart} to ${contract.termEnd}.`);
    }
    const amount = moneyValue(problems, 'amount', input.amount);
    const note = optionalText(problems, 'note', input.note, Code.TOO_LONG, MAX_NOTE) ?? '';
    if (period && !problems.any) {
      const overlapping = await em.count(ContractRevenue, {
        contract,
        periodKind: { $ne: input.periodKind },
        periodStart: { $lte: period.end },
        periodEnd: { $gte: period.start },
      });
      if (overlapping > 0) {
        problems.add('periodKind', Code.OVERLAPPING_PERIOD, 'Revenue was already reported for an overlapping period of the other kind; correct that period instead.');
      }
    }
    problems.throwIfAny();
    const latest = await em.findOne(ContractRevenue, { contract, periodStart: period!.start }, { orderBy: { version: 'desc' } });
    const revenue = em.create(ContractRevenue, {
      contract,
      periodKind: input.periodKind,
      year: input.year,
      number: input.number,
      periodStart: period!.start,
      periodEnd: period!.end,
      amount: amount!,
      version: (latest?.version ?? 0) + 1,
      reportedByKind: ctx.principal.organisationKind as ContractRevenue['reportedByKind'],
      reportedByCode: ctx.principal.organisationCode,
      reportedBySubject: ctx.principal.subject,
      note,
    });
    await em.flush();
    return { revenue, contract };
  });
}

// ---------------------------------------------------------------------------------------------
// Reads of contracts
// ---------------------------------------------------------------------------------------------

export function coversYear(year: number): FilterQuery<Contract> {
  return { termStart: { $lte: `${year}-12-31` }, termEnd: { $gte: `${year}-01-01` } };
}

/** The contracts the principal may see, filtered, newest term first. Operator admins see none. */
export async function listContracts(ctx: RequestContext, filter: ContractFilter | null | undefined, page: PageQuery): Promise<Page<Contract>> {
  pageRequest(page, ctx.config.limits);
  const visible = await visibleWhere(ctx);
  if (!visible) return emptyPage();
  const conditions: FilterQuery<Contract>[] = [visible];
  if (filter?.insurerUzovi) conditions.push({ insurer: { uzovi: filter.insurerUzovi } });
  if (filter?.providerAgb) conditions.push({ provider: { agb: filter.providerAgb } });
  if (filter?.segmentCode) conditions.push({ segment: { code: filter.segmentCode } });
  if (filter?.status) conditions.push({ status: filter.status });
  if (filter?.year != null) conditions.push(coversYear(filter.year));
  const result = await findPage(ctx, Contract, { $and: conditions }, [{ termStart: 'desc' }], page);
  auditContractRead(ctx, 'contracts', result.items);
  return result;
}

/** For node/nodes: contracts the principal may not see are null, exactly like ones that do not exist. */
export async function contractsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Contract | null)[]> {
  const visible = await visibleOnly(ctx, (await findByIds(ctx, Contract, ids)).filter((c): c is Contract => c !== null));
  const byId = new Map(visible.map((c) => [c.id, c]));
  auditContractRead(ctx, 'node', visible);
  return ids.map((id) => byId.get(id) ?? null);
}

/** Visible contracts made under an agreement, batched across agreements. */
export function contractsUnderAgreement(ctx: RequestContext, agreementId: number): Promise<Contract[]> {
  return contractLoaders.underAgreement.of(ctx).load(agreementId);
}

/** Visible contracts of a provider, optionally for a year and segment, batched across providers. */
export function contractsOfProvider(
  ctx: RequestContext,
  providerId: number,
  yearArg: number | null | undefined,
  segmentArg: string | null | undefined,
): Promise<Contract[]> {
  const year = yearArg ?? null;
  const segmentCode = segmentArg ?? null;
  if (year !== null && !isPlausibleYear(year)) throw badInput(`year must be between 2000 and 2100; got ${year}.`, { argument: 'year' });
  return contractLoaders.ofProvider.of(ctx, { year, segmentCode }).load(providerId);
}

// ---------------------------------------------------------------------------------------------
// Revenue and ceilings
// ---------------------------------------------------------------------------------------------

/** Every version reported for these contracts (in a year, if given), by period and newest version first. */
export function revenueOf(ctx: RequestContext, contract: Contract, yearArg: number | null | undefined, includeSuperseded: boolean): Promise<ContractRevenue[]> {
  const year = yearArg ?? null;
  return contractLoaders.revenue.of(ctx, { year }).load(contract)
    .then((rows) => (includeSuperseded ? rows : rows.filter((r, i) => i === 0 || rows[i - 1].periodStart !== r.periodStart)));
}

/** For node/nodes: a revenue figure is visible exactly when its contract is. */
export async function revenuesByIds(ctx: RequestContext, ids: readonly number[]): Promise<(ContractRevenue | null)[]> {
  const rows = await ctx.em.find(ContractRevenue, { id: { $in: [...ids] } }, { populate: ['contract'] });
  const visible = new Set(await visibleOnly(ctx, rows.map((r) => r.contract.getEntity())));
  const allowed = rows.filter((r) => visible.has(r.contract.getEntity()));
  auditContractRead(ctx, 'node', allowed.map((r) => r.contract.getEntity()), allowed.map((r) => r.globalId));
  return ids.map((id) => allowed.find((r) => r.id === id) ?? null);
}

/** Whether a revenue row is the latest version of its period, batched. */
export function isLatestVersion(ctx: RequestContext, revenue: ContractRevenue): Promise<boolean> {
  return contractLoaders.isLatestRevenue.of(ctx).load(revenue);
}

interface Figures {
  realisedCents: bigint;
  monthsCovered: number;
}

/**
 * The latest version of each reported period of the contracts the condition picks, in one year (a year
 * parameter follows the condition's own): what realised revenue is summed over.
 */
const latestRevenue = (contracts: string) => `
       select distinct on (contract_id, period_start) contract_id, period_end, amount
         from contract_revenue
        where ${contracts} and year = ?
        order by contract_id, period_start, version desc`;

/** Realised revenue (latest version of each period) and months covered per contract in a year: one statement. */
export async function ceilingFigures(em: EntityManager, contractIds: readonly number[], year: number): Promise<Map<number, Figures>> {
  const result = new Map<number, Figures>();
  if (contractIds.length === 0) return result;
  const rows = await em.execute<{ contract_id: number; realised: string; months: number }[]>(
    `with latest as (${latestRevenue('contract_id = any(?::int[])')})
     select contract_id, sum(amount)::text as realised, max(extract(month from period_end))::int as months
       from latest group by contract_id`,
    [intArray(contractIds), year],
  );
  for (const r of rows) result.set(Number(r.contract_id), { realisedCents: toCents(r.realised), monthsCovered: Number(r.months) });
  return result;
}

function ceilingCentsOf(contract: Contract): bigint | null {
  return contract.ceilingKind !== CeilingKind.NONE && contract.ceilingAmount !== null ? toCents(contract.ceilingAmount) : null;
}

export function ceilingUseOf(contract: Contract, year: number, figures: Figures | undefined): CeilingUse {
  const realisedCents = figures?.realisedCents ?? 0n;
  const monthsCovered = figures?.monthsCovered ?? 0;
  const assessment = assessCeiling({ ceilingCents: ceilingCentsOf(contract), realisedCents, monthsCovered });
  return {
    year,
    ceilingKind: contract.ceilingKind,
    ceilingAmount: contract.ceilingKind === CeilingKind.NONE ? null : contract.ceilingAmount,
    realisedAmount: fromCents(realisedCents),
    monthsCovered,
    projectedAmount: assessment.projectedCents === null ? null : fromCents(assessment.projectedCents),
    utilisationPercent: assessment.utilisationPercent,
    status: assessment.status,
  };
}

export const currentYear = () => new Date().getUTCFullYear();

/** The contract years of a term. */
export function termYears(contract: Contract): number[] {
  const years: number[] = [];
  for (let y = yearOf(contract.termStart); y <= yearOf(contract.termEnd); y++) years.push(y);
  return years;
}

/**
 * How full the ceiling is in a year of the term; without a year, the current year, or the nearest year of the
 * term when today lies outside it. Null for a year outside the term. Batched per year.
 */
export async function ceilingUse(ctx: RequestContext, contract: Contract, year: number | null | undefined): Promise<CeilingUse | null> {
  const years = termYears(contract);
  const y = year ?? Math.min(Math.max(currentYear(), years[0]), years[years.length - 1]);
  if (!years.includes(y)) return null;
  return contractLoaders.ceilingUse.of(ctx, { year: y }).load(contract);
}

const SEVERITY: Record<CeilingStatus, number> = {
  [CeilingStatus.EXCEEDED]: 0,
  [CeilingStatus.THREATENED]: 1,
  [CeilingStatus.NEAR]: 2,
  [CeilingStatus.OK]: 3,
};

interface Candidate extends Figures {
  id: number;
  ceilingCents: bigint;
  status: CeilingStatus;
}

/**
 * Figures of every contract of one insurer or provider with a ceiling that counts in a year (not terminated), in
 * one statement and without loading the contracts themselves: only the page that is shown is loaded.
 */
async function alertCandidates(em: EntityManager, own: { column: 'insurer_id' | 'provider_id'; id: number }, year: number): Promise<Candidate[]> {
  const rows = await em.execute<{ id: number; ceiling: string; realised: string; months: number }[]>(
    `with own as (
       select id, ceiling_amount from contract
        where ${own.column} = ? and status <> 'TERMINATED' and ceiling_kind <> 'NONE' and ceiling_amount is not null
          and term_start <= make_date(?::int, 12, 31) and term_end >= make_date(?::int, 1, 1)
     ),
     latest as (${latestRevenue('contract_id in (select id from own)')})
     select o.id, o.ceiling_amount::text as ceiling, coalesce(sum(l.amount), 0)::text as realised,
            coalesce(max(extract(month from l.period_end)), 0)::int as months
       from own o left join latest l on l.contract_id = o.id
      group by o.id, o.ceiling_amount`,
    [own.id, year, year, year],
  );
  return rows.map((r) => {
    const figures = { realisedCents: toCents(r.realised), monthsCovered: Number(r.months) };
    const ceilingCents = toCents(r.ceiling);
    return { id: Number(r.id), ceilingCents, ...figures, status: assessCeiling({ ceilingCents, ...figures }).status! };
  });
}

/**
 * The principal's own contracts (an insurer's, or a provider's) whose ceiling is NEAR, THREATENED or EXCEEDED in
 * a year (default: the current year): most severe first, then fullest first. Terminated contracts and contracts
 * without a ceiling never alert. Two statements whatever the number of contracts.
 */
export async function listAlerts(ctx: RequestContext, year: number | null | undefined, page: PageQuery): Promise<Page<ContractAlert>> {
  authorize(ctx, 'contract.alerts.read');
  const y = year ?? currentYear();
  if (!isPlausibleYear(y)) throw badInput(`year must be between 2000 and 2100; got ${y}.`, { argument: 'year' });
  pageRequest(page, ctx.config.limits);
  const p = ctx.principal;
  const own = p.organisationKind === 'INSURER' ? { column: 'insurer_id' as const, id: p.insurerId! } : { column: 'provider_id' as const, id: p.providerId! };
  // Sorted in Node (the status is computed): keyset on (severity, fullness, id), see `pageSorted`.
  type AlertKey = Pick<Candidate, 'id' | 'status' | 'realisedCents' | 'ceilingCents'>;
  const compare = (a: AlertKey, b: AlertKey) => {
    const bySeverity = SEVERITY[a.status] - SEVERITY[b.status];
    if (bySeverity !== 0) return bySeverity;
    const fullness = b.realisedCents * a.ceilingCents - a.realisedCents * b.ceilingCents;
    return fullness > 0n ? 1 : fullness < 0n ? -1 : a.id - b.id;
  };
  const alerts = (await alertCandidates(ctx.em, own, y)).filter((c) => ALERT_STATUSES.includes(c.status)).sort(compare);
  const cents = (v: unknown) => (typeof v === 'string' && /^\d{1,20}$/.test(v) ? BigInt(v) : null);
  const result = pageSorted<Candidate, AlertKey>(
    alerts,
    compare,
    {
      list: 'ContractAlert|severity,fullness,id',
      size: 4,
      of: (c) => [c.status, c.realisedCents.toString(), c.ceilingCents.toString(), c.id],
      from: ([status, realised, ceiling, id]) => {
        const [r, c] = [cents(realised), cents(ceiling)];
        const known = typeof status === 'string' && Object.prototype.hasOwnProperty.call(SEVERITY, status);
        return known && r !== null && c !== null && Number.isSafeInteger(id) ? { status: status as CeilingStatus, realisedCents: r, ceilingCents: c, id: id as number } : null;
      },
    },
    page,
    ctx.config.limits,
  );
  const shown = result.items;
  const loaded = shown.length === 0 ? [] : await ctx.em.find(Contract, { id: { $in: shown.map((c) => c.id) } });
  const byId = new Map(loaded.map((c) => [c.id, c]));
  const items = shown.map((c) => ({ contract: byId.get(c.id)!, ceilingUse: ceilingUseOf(byId.get(c.id)!, y, c) }));
  auditContractRead(ctx, 'contractAlerts', items.map((i) => i.contract));
  return { ...result, items };
}
