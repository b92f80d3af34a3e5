import type { FilterQuery } from '@mikro-orm/core';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { PageQuery, Page, emptyPage, pageRequest, pageSorted } from '../core/paging';
import { findPage } from '../db/find-page';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { badInput } from '../core/errors';
import { InvalidMoney, MoneyInput, isIsoDate } from '../core/parse';
import { authorize, can } from '../auth/access-policy';
import { AuditKind, AuditOutcome } from '../auth/audit-event.entity';
import { isPlausibleYear, optionalText } from '../shared/validation';
import { CeilingKind, Contract, ContractStatus } from '../contract/contract.entity';
import { CeilingProcedure, CeilingProcedureKind, CeilingProcedureStatus as Status } from './ceiling-procedure.entity';
import { CeilingProcedureErrorCode as Code } from './ceiling-procedure.errors';
import {
  CeilingProcedureDecideInput,
  CeilingProcedureFactsInput,
  CeilingProcedureFilter,
  CeilingProcedureOpenInput,
  CeilingProcedureRecordInformationCompleteInput,
  CeilingProcedureRecordMeetingInput,
  CeilingProcedureSubmitInput,
  CeilingProcedureUpdateInput,
} from './ceiling-procedure.inputs';
import { CeilingProcedureAlert, CeilingProcedureAlertKind } from './ceiling-procedure.payloads';
import { answerDueOn, answerOverdue, reportDueOn, reportLate, todayIso } from './ceiling-procedure.rules';

const MAX_TEXT = 10_000;

/** The segments whose policy defines a ceiling-threat procedure: ZG (seed 003) and MSZ (seed 004). */
const KIND_OF_SEGMENT: Record<string, CeilingProcedureKind | undefined> = Object.assign(Object.create(null), {
  ZG: CeilingProcedureKind.ZG_THREAT_REPORT,
  MSZ: CeilingProcedureKind.MSZ_REDIRECT_REQUEST,
});

// ---------------------------------------------------------------------------------------------
// Who may see a procedure
// ---------------------------------------------------------------------------------------------

/** The facts of the contract a procedure belongs to: its insurer and provider, nothing else. */
const factsOf = (contract: Contract) => ({ insurerId: contract.insurer.id, providerId: contract.provider.id });

function mayRead(ctx: RequestContext, contract: Contract): boolean {
  return can(ctx.principal, 'ceiling.procedure.read', factsOf(contract));
}

/**
 * The ceiling.procedure.read rule as a database filter: the principal's own insurer's or provider's contracts,
 * never those made on an insurer's behalf under representation; anyone else nothing (null).
 */
function visibleWhere(ctx: RequestContext): FilterQuery<CeilingProcedure> | null {
  const p = ctx.principal;
  if (p.organisationKind === 'INSURER' && p.insurerId !== null) return { contract: { insurer: p.insurerId } };
  if (p.organisationKind === 'PROVIDER' && p.providerId !== null) return { contract: { provider: p.providerId } };
  return null;
}

function auditRead(ctx: RequestContext, operation: string, procedures: readonly CeilingProcedure[]): void {
  if (procedures.length === 0) return;
  ctx.audit({
    kind: AuditKind.READ,
    operation,
    objectIds: procedures.map((p) => p.globalId),
    outcome: AuditOutcome.SUCCESS,
    ownerInsurerIds: procedures.map((p) => p.contract.getEntity().insurer.id),
    ownerProviderIds: procedures.map((p) => p.contract.getEntity().provider.id),
  });
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

function checkYear(year: number, argument: string): void {
  if (!isPlausibleYear(year)) throw badInput(`${argument} must be between 2000 and 2100; got ${year}.`, { argument });
}

/** The procedures the principal may read, filtered, newest year first. */
export async function listProcedures(ctx: RequestContext, filter: CeilingProcedureFilter | null | undefined, page: PageQuery): Promise<Page<CeilingProcedure>> {
  pageRequest(page, ctx.config.limits);
  const visible = visibleWhere(ctx);
  if (!visible) return emptyPage();
  const conditions: FilterQuery<CeilingProcedure>[] = [visible];
  if (filter?.year != null) {
    checkYear(filter.year, 'filter.year');
    conditions.push({ year: filter.year });
  }
  if (filter?.status) conditions.push({ status: filter.status });
  if (filter?.contractId != null) conditions.push({ contract: idOfType(filter.contractId, 'Contract') ?? 0 });
  const where = { $and: conditions };
  const result = await findPage(ctx, CeilingProcedure, where, [{ year: 'desc' }, { id: 'asc' }], page, { populate: ['contract'] });
  auditRead(ctx, 'ceilingProcedures', result.items);
  return result;
}

/** For node/nodes: a procedure the principal may not read is null, exactly like one that does not exist. */
export async function proceduresByIds(ctx: RequestContext, ids: readonly number[]): Promise<(CeilingProcedure | null)[]> {
  const rows = await ctx.em.find(CeilingProcedure, { id: { $in: [...ids] } }, { populate: ['contract'] });
  const visible = rows.filter((r) => mayRead(ctx, r.contract.getEntity()));
  auditRead(ctx, 'node', visible);
  const byId = new Map(visible.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The alerts of one procedure on a date: a late ZG report and an overdue answer can both hold. */
function alertsOf(procedure: CeilingProcedure, asOf: string): CeilingProcedureAlert[] {
  const alerts: CeilingProcedureAlert[] = [];
  if (reportLate(procedure, asOf)) alerts.push({ kind: CeilingProcedureAlertKind.REPORT_LATE, dueOn: reportDueOn(procedure)!, procedure });
  if (answerOverdue(procedure, asOf)) alerts.push({ kind: CeilingProcedureAlertKind.ANSWER_OVERDUE, dueOn: answerDueOn(procedure)!, procedure });
  return alerts;
}

/**
 * Late ZG reports and overdue answers among the principal's own procedures of a year (default: the current year),
 * judged on `asOf` (default: today), the earliest due date first. One statement: a year holds at most one procedure
 * per contract.
 */
export async function listProcedureAlerts(
  ctx: RequestContext,
  yearArg: number | null | undefined,
  asOfArg: string | null | undefined,
  page: PageQuery,
): Promise<Page<CeilingProcedureAlert>> {
  const year = yearArg ?? new Date().getUTCFullYear();
  checkYear(year, 'year');
  const asOf = asOfArg ?? todayIso();
  pageRequest(page, ctx.config.limits);
  const visible = visibleWhere(ctx);
  if (!visible) return emptyPage();
  const rows = await ctx.em.find(CeilingProcedure, { $and: [visible, { year }] }, { populate: ['contract'], orderBy: { id: 'asc' } });
  // Sorted in Node (an alert is computed, not a row): keyset on (dueOn, procedure id, kind), see `pageSorted`.
  type AlertKey = { dueOn: string; procedure: { id: number }; kind: string };
  const compare = (a: AlertKey, b: AlertKey) =>
    a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.procedure.id !== b.procedure.id ? a.procedure.id - b.procedure.id : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
  const alerts = rows.flatMap((p) => alertsOf(p, asOf)).sort(compare);
  const result = pageSorted<CeilingProcedureAlert, AlertKey>(
    alerts,
    compare,
    {
      list: 'CeilingProcedureAlert|dueOn,procedure,kind',
      size: 3,
      of: (a) => [a.dueOn, a.procedure.id, a.kind],
      from: ([dueOn, id, kind]) =>
        typeof dueOn === 'string' && Number.isSafeInteger(id) && typeof kind === 'string' ? { dueOn, procedure: { id: id as number }, kind } : null,
    },
    page,
    ctx.config.limits,
  );
  auditRead(ctx, 'ceilingProcedureAlerts', [...new Set(result.items.map((a) => a.procedure))]);
  return result;
}

/** The contract of a procedure; its reader is the contract's insurer or provider, who may read the contract too. */
export function contractOf(procedure: CeilingProcedure): Promise<Contract> {
  return procedure.contract.loadOrFail();
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

const MONEY_PROBLEMS: Record<InvalidMoney['reason'], string> = {
  NOT_A_STRING: 'write amounts as a string such as "1250.50", never as a number',
  NOT_A_NUMBER: 'write a number of euros with a dot and no thousands separators, such as "1250.50"',
  NEGATIVE: 'it is below zero',
  TOO_MANY_DECIMALS: 'euros have at most two decimals',
  TOO_LARGE: 'at most twelve digits before the point',
};

function moneyValue(problems: Problems<Code>, field: string, amount: MoneyInput): string | null {
  if (!(amount instanceof InvalidMoney)) return amount;
  problems.add(field, amount.reason === 'NEGATIVE' ? Code.NEGATIVE_AMOUNT : Code.INVALID_AMOUNT, `${field} is not accepted: ${MONEY_PROBLEMS[amount.reason]}.`);
  return null;
}

/** Writes the given facts onto a draft; a fact of the other procedure is refused rather than stored unread. */
function applyFacts(problems: Problems<Code>, procedure: CeilingProcedure, input: CeilingProcedureFactsInput): void {
  const zg = procedure.kind === CeilingProcedureKind.ZG_THREAT_REPORT;
  const otherKind = (field: string) =>
    problems.add(field, Code.NOT_FOR_KIND, `${field} belongs to the ${zg ? 'MSZ request (seed 004)' : 'ZG report (seed 003)'}, not to this procedure.`);
  const explanation = optionalText(problems, 'explanation', input.explanation, Code.TOO_LONG, MAX_TEXT);
  if (explanation !== null) procedure.explanation = explanation;
  if (input.forecastAmount != null) {
    if (!zg) otherKind('forecastAmount');
    else procedure.forecastAmount = moneyValue(problems, 'forecastAmount', input.forecastAmount);
  }
  for (const field of ['forecastBasis', 'growthPlans'] as const) {
    if (input[field] == null) continue;
    if (!zg) otherKind(field);
    const text = optionalText(problems, field, input[field], Code.TOO_LONG, MAX_TEXT);
    if (zg && text !== null) procedure[field] = text;
  }
  if (input.careConcerned != null) {
    if (zg) otherKind('careConcerned');
    const text = optionalText(problems, 'careConcerned', input.careConcerned, Code.TOO_LONG, MAX_TEXT);
    if (!zg && text !== null) procedure.careConcerned = text;
  }
  for (const field of ['redirectRequested', 'protectedCareRoomKept'] as const) {
    if (input[field] == null) continue;
    if (zg) otherKind(field);
    else procedure[field] = input[field]!;
  }
}

/** A contract the principal is a party of, for opening a procedure: anyone else gets CONTRACT_NOT_FOUND. */
async function partyContract(ctx: RequestContext, em: EntityManager, globalId: string): Promise<Contract> {
  const id = idOfType(globalId, 'Contract');
  const contract = id ? await em.findOne(Contract, { id }, { populate: ['segment'] }) : null;
  if (!contract || !mayRead(ctx, contract)) fail('contractId', Code.CONTRACT_NOT_FOUND, 'No contract of which you are the insurer or provider has this ID.');
  return contract;
}

/**
 * A procedure for a write, locked: NOT_FOUND when the principal may not read it (exactly as when it does not exist),
 * FORBIDDEN when it may read it but the step is the other party's.
 */
async function writableProcedure(ctx: RequestContext, em: EntityManager, globalId: string, action: 'ceiling.procedure.write' | 'ceiling.procedure.answer'): Promise<CeilingProcedure> {
  const id = idOfType(globalId, 'CeilingProcedure');
  const procedure = id ? await em.findOne(CeilingProcedure, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  const contract = procedure ? await em.findOneOrFail(Contract, { id: procedure.contract.id }) : null;
  if (!procedure || !contract || !mayRead(ctx, contract)) fail('id', Code.NOT_FOUND, 'No ceiling procedure you may see has this ID.');
  authorize(ctx, action, factsOf(contract));
  return procedure;
}

function requireStatus(procedure: CeilingProcedure, from: Status[], step: string): void {
  if (!from.includes(procedure.status)) {
    fail('id', Code.INVALID_STATUS_TRANSITION, `${step} starts from ${from.join(' or ')}; this procedure is ${procedure.status}.`);
  }
}

/** Opens a DRAFT for a signed ZG or MSZ contract with a ceiling, in a year of its term. Requires ceiling.procedure.write. */
export function openProcedure(ctx: RequestContext, input: CeilingProcedureOpenInput): Promise<MutationOutcome<CeilingProcedure>> {
  return runMutation(
    ctx,
    async (em) => {
      const contract = await partyContract(ctx, em, input.contractId);
      authorize(ctx, 'ceiling.procedure.write', factsOf(contract));
      const problems = new Problems<Code>();
      const segmentCode = contract.segment.getEntity().code;
      const kind = KIND_OF_SEGMENT[segmentCode];
      if (!kind) problems.add('contractId', Code.SEGMENT_NOT_COVERED, `The ${segmentCode} policy has no ceiling-threat procedure; only ZG (seed 003) and MSZ (seed 004) do.`);
      if (contract.status !== ContractStatus.SIGNED) problems.add('contractId', Code.CONTRACT_NOT_SIGNED, `The contract is ${contract.status}; only a signed contract's ceiling counts.`);
      if (contract.ceilingKind === CeilingKind.NONE) problems.add('contractId', Code.NO_CEILING, 'The contract has no ceiling.');
      const first = Number(contract.termStart.slice(0, 4));
      const last = Number(contract.termEnd.slice(0, 4));
      if (!Number.isInteger(input.year) || input.year < first || input.year > last) {
        problems.add('year', Code.YEAR_OUTSIDE_TERM, `The contract runs ${first} to ${last}; got ${input.year}.`);
      }
      problems.throwIfAny();
      if (await em.count(CeilingProcedure, { contract, year: input.year })) {
        fail('year', Code.ALREADY_EXISTS, `The contract already has a ceiling procedure for ${input.year}.`);
      }
      const procedure = em.create(CeilingProcedure, { contract, year: input.year, kind: kind!, status: Status.DRAFT });
      applyFacts(problems, procedure, input);
      problems.throwIfAny();
      await em.flush();
      return procedure;
    },
    () => ({ field: ['year'], code: Code.ALREADY_EXISTS, message: `The contract already has a ceiling procedure for ${input.year}.` }),
  );
}

/** Changes the facts of a DRAFT. Requires ceiling.procedure.write. */
export function updateProcedure(ctx: RequestContext, input: CeilingProcedureUpdateInput): Promise<MutationOutcome<CeilingProcedure>> {
  return runMutation(ctx, async (em) => {
    const procedure = await writableProcedure(ctx, em, input.id, 'ceiling.procedure.write');
    requireStatus(procedure, [Status.DRAFT], 'Changing the facts');
    const problems = new Problems<Code>();
    applyFacts(problems, procedure, input);
    problems.throwIfAny();
    await em.flush();
    return procedure;
  });
}

/**
 * Sends a DRAFT to the insurer once the facts the seed asks for are there. ZG (seed 003): an explanation of the
 * growth, a substantiated forecast and plans to limit growth. MSZ (seed 004): an explanation, the care concerned,
 * and room kept for chronic, emergency and restitution care. Requires ceiling.procedure.write.
 */
export function submitProcedure(ctx: RequestContext, input: CeilingProcedureSubmitInput): Promise<MutationOutcome<CeilingProcedure>> {
  return runMutation(ctx, async (em) => {
    const procedure = await writableProcedure(ctx, em, input.id, 'ceiling.procedure.write');
    requireStatus(procedure, [Status.DRAFT], 'Submitting');
    const problems = new Problems<Code>();
    const missing = (field: string, what: string) => problems.add(field, Code.INCOMPLETE, `${what} is missing.`);
    if (!procedure.explanation) missing('explanation', 'The explanation');
    if (procedure.kind === CeilingProcedureKind.ZG_THREAT_REPORT) {
      if (procedure.forecastAmount === null) missing('forecastAmount', 'The forecast amount');
      if (!procedure.forecastBasis) missing('forecastBasis', 'The substantiation of the forecast');
      if (!procedure.growthPlans) missing('growthPlans', 'The plans to limit growth');
    } else {
      if (!procedure.careConcerned) missing('careConcerned', 'The care concerned');
      if (!procedure.protectedCareRoomKept) {
        problems.add('protectedCareRoomKept', Code.PROTECTED_CARE_ROOM_REQUIRED, 'Chronic, emergency and restitution care are always delivered within the ceiling: confirm room is kept for them.');
      }
    }
    problems.throwIfAny();
    procedure.status = Status.SUBMITTED;
    procedure.submittedOn = todayIso();
    await em.flush();
    return procedure;
  });
}

function checkClockDate(procedure: CeilingProcedure, field: string, date: string): void {
  if (!isIsoDate(date) || date > todayIso()) fail(field, Code.INVALID_DATE, `${field} must be a date that has passed; got ${date}.`);
  if (procedure.submittedOn !== null && date < procedure.submittedOn) fail(field, Code.INVALID_DATE, `${field} lies before the submission on ${procedure.submittedOn}.`);
}

/** ZG: the meeting took place; the answer is due 4 weeks later (seed 003). Requires ceiling.procedure.answer. */
export function recordMeeting(ctx: RequestContext, input: CeilingProcedureRecordMeetingInput): Promise<MutationOutcome<CeilingProcedure>> {
  return runMutation(ctx, async (em) => {
    const procedure = await writableProcedure(ctx, em, input.id, 'ceiling.procedure.answer');
    if (procedure.kind !== CeilingProcedureKind.ZG_THREAT_REPORT) fail('id', Code.NOT_FOR_KIND, 'A meeting starts the answer period of a ZG report; an MSZ request waits for all information instead.');
    requireStatus(procedure, [Status.SUBMITTED], 'Recording the meeting');
    checkClockDate(procedure, 'meetingOn', input.meetingOn);
    procedure.meetingOn = input.meetingOn;
    procedure.status = Status.MEETING_HELD;
    await em.flush();
    return procedure;
  });
}

/** MSZ: all requested information is in; the decision is due 5 weeks later (seed 004). Requires ceiling.procedure.answer. */
export function recordInformationComplete(ctx: RequestContext, input: CeilingProcedureRecordInformationCompleteInput): Promise<MutationOutcome<CeilingProcedure>> {
  return runMutation(ctx, async (em) => {
    const procedure = await writableProcedure(ctx, em, input.id, 'ceiling.procedure.answer');
    if (procedure.kind !== CeilingProcedureKind.MSZ_REDIRECT_REQUEST) fail('id', Code.NOT_FOR_KIND, 'Complete information starts the decision period of an MSZ request; a ZG report waits for the meeting instead.');
    requireStatus(procedure, [Status.SUBMITTED], 'Recording complete information');
    checkClockDate(procedure, 'informationCompleteOn', input.informationCompleteOn);
    procedure.informationCompleteOn = input.informationCompleteOn;
    procedure.status = Status.ALL_INFORMATION_RECEIVED;
    await em.flush();
    return procedure;
  });
}

/** The insurer's answer, once its period runs. Requires ceiling.procedure.answer. */
export function decideProcedure(ctx: RequestContext, input: CeilingProcedureDecideInput): Promise<MutationOutcome<CeilingProcedure>> {
  return runMutation(ctx, async (em) => {
    const procedure = await writableProcedure(ctx, em, input.id, 'ceiling.procedure.answer');
    const zg = procedure.kind === CeilingProcedureKind.ZG_THREAT_REPORT;
    requireStatus(procedure, [zg ? Status.MEETING_HELD : Status.ALL_INFORMATION_RECEIVED], 'Deciding');
    const problems = new Problems<Code>();
    const note = optionalText(problems, 'note', input.note, Code.TOO_LONG, MAX_TEXT) ?? '';
    if (!note) problems.add('note', Code.NOTE_REQUIRED, 'Explain the answer.');
    if (zg && input.patientsRedirected != null) problems.add('patientsRedirected', Code.NOT_FOR_KIND, 'Redirecting new patients belongs to the MSZ request (seed 004).');
    if (!zg && input.patientsRedirected == null) problems.add('patientsRedirected', Code.INCOMPLETE, 'Say whether new patients are redirected to other providers.');
    problems.throwIfAny();
    procedure.decision = input.decision;
    procedure.decisionNote = note;
    procedure.patientsRedirected = zg ? null : input.patientsRedirected!;
    procedure.decidedOn = todayIso();
    procedure.status = Status.DECIDED;
    await em.flush();
    return procedure;
  });
}
