import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { runMutation, MutationOutcome } from '../../core/mutation';
import { Problems, fail } from '../../core/problems';
import { badInput } from '../../core/errors';
import { idOfType } from '../../core/global-id';
import { authorize, can, ResourceFacts } from '../../auth/access-policy';
import { AuditKind, AuditOutcome } from '../../auth/audit-event.entity';
import { isPlausibleYear } from '../../shared/validation';
import { Insurer } from '../../insurer/insurer.entity';
import { Provider, ProviderKind } from '../../provider/provider.entity';
import { CONDITION_TEXT, CoordinationCondition } from '../monitoring.enums';
import { MonitoringErrorCode as Code } from '../monitoring.errors';
import { CoordinationConditionAssessment, CoordinationSignatory, ProviderElvBeds } from './checklist.entities';
import { factsFor, isAllowed } from '../monitoring.access';
import { monitoringLoaders } from '../monitoring.loaders';

/** At least this share of the region's ELV beds must be covered by the signatories (seed 002, Bijlage 1, condition 4). */
export const MINIMUM_COVERAGE_PERCENT = 85;
export const PREFERRED_COVERAGE_PERCENT = 100;

export interface ConditionState {
  condition: CoordinationCondition;
  number: number;
  text: string;
  /** The recorded part and the derived part together: false when either is false, null while either is open. */
  met: boolean | null;
  /** What the insurer recorded (the part that cannot be derived); null while nobody has. */
  recordedMet: boolean | null;
  /** The part derived from data held here (condition 4: the signatories); null for a condition without one. */
  derivedMet: boolean | null;
  evidenceNote: string | null;
  evidenceDate: string | null;
  recordedById: number | null;
  recordedAt: Date | null;
}

export interface SignatoryState {
  providerId: number;
  kind: ProviderKind;
  signedOn: string;
  elvBeds: number;
  inRegion: boolean;
}

export interface Coverage {
  regionId: number | null;
  signedBeds: number;
  totalBeds: number;
  /** Two decimals; null when the region has no ELV beds on record. */
  percent: string | null;
  meetsMinimum: boolean;
  meetsPreferred: boolean;
  /** A hospital of the region signed. */
  hospitalsSigned: boolean;
  /** A GP organisation of the region signed. */
  gpsSigned: boolean;
  signatories: SignatoryState[];
}

export interface Checklist {
  coordinationFunction: Provider;
  year: number;
  conditions: ConditionState[];
  coverage: Coverage;
  allMet: boolean | null;
}

async function coordinationFunction(em: EntityManager, globalIdOrAgb: { id?: string | null; agb?: string | null }): Promise<Provider | null> {
  const id = globalIdOrAgb.id ? idOfType(globalIdOrAgb.id, 'Provider') : null;
  const provider = id ? await em.findOne(Provider, { id }) : globalIdOrAgb.agb ? await em.findOne(Provider, { agb: globalIdOrAgb.agb }) : null;
  return provider && provider.kind === ProviderKind.COORDINATION_FUNCTION ? provider : null;
}

/**
 * The Bijlage 1 checklist of a coordination function for a year: the six conditions as assessed by a
 * purchasing insurer, and the ELV-bed coverage computed from the signatories. Null when the function does not
 * exist or the principal may not read its monitoring data.
 */
export async function checklist(ctx: RequestContext, agb: string, year: number): Promise<Checklist | null> {
  if (!isPlausibleYear(year)) throw badInput(`year must be between 2000 and 2100; got ${year}.`, { argument: 'year' });
  const provider = await coordinationFunction(ctx.em, { agb });
  // Decided even for an unknown code, so that both cost the same statements.
  const allowed = await isAllowed(ctx, 'monitoring.read', { providerId: provider?.id ?? 0, year });
  if (!provider || !allowed) return null;
  ctx.audit({
    kind: AuditKind.READ,
    operation: 'coordinationChecklist',
    objectIds: [provider.globalId],
    outcome: AuditOutcome.SUCCESS,
    ownerProviderIds: [provider.id],
  });
  return buildChecklist(ctx.em, provider, year);
}

async function buildChecklist(em: EntityManager, provider: Provider, year: number): Promise<Checklist> {
  const assessments = await em.find(CoordinationConditionAssessment, { provider, year });
  const byCondition = new Map(assessments.map((a) => [a.condition, a]));
  const cover = await coverage(em, provider, year);
  const derived: Partial<Record<CoordinationCondition, boolean>> = {
    // Seed 002, Bijlage 1, condition 4: signed by ELV providers covering at least 85% of the region's ELV beds and
    // by at least the GPs and the hospitals. What the agreements say (and the mandate) is recorded by the insurer.
    [CoordinationCondition.REGIONAL_AGREEMENTS]: cover.meetsMinimum && cover.hospitalsSigned && cover.gpsSigned,
  };
  const conditions = Object.values(CoordinationCondition).map((condition): ConditionState => {
    const a = byCondition.get(condition);
    const recordedMet = a?.met ?? null;
    const derivedMet = derived[condition] ?? null;
    return {
      condition,
      number: CONDITION_TEXT[condition].number,
      text: CONDITION_TEXT[condition].text,
      met: recordedMet === false || derivedMet === false ? false : recordedMet,
      recordedMet,
      derivedMet,
      evidenceNote: a?.evidenceNote ?? null,
      evidenceDate: a?.evidenceDate ?? null,
      recordedById: a?.recordedBy.id ?? null,
      recordedAt: a?.recordedAt ?? null,
    };
  });
  const allMet = conditions.some((c) => c.met === false) ? false : conditions.every((c) => c.met === true) ? true : null;
  return { coordinationFunction: provider, year, conditions, coverage: cover, allMet };
}

/** Signed ELV beds over all ELV beds of the providers in the coordination function's region. */
async function coverage(em: EntityManager, provider: Provider, year: number): Promise<Coverage> {
  const regionId = provider.region?.id ?? null;
  const signatories = await em.execute<{ provider_id: number; kind: ProviderKind; signed_on: string; beds: number | null; region_id: number | null }[]>(
    `select cs.signatory_id as provider_id, p.kind, to_char(cs.signed_on, 'YYYY-MM-DD') as signed_on, b.beds, p.region_id
       from coordination_signatory cs
       join provider p on p.id = cs.signatory_id
       left join provider_elv_beds b on b.provider_id = cs.signatory_id
      where cs.coordination_function_id = ? and cs.year = ?
      order by p.agb`,
    [provider.id, year],
  );
  const [total] = await em.execute<{ beds: string | null }[]>(
    `select sum(b.beds) as beds from provider_elv_beds b join provider p on p.id = b.provider_id where p.region_id = ?`,
    [regionId],
  );
  const states = signatories.map((s) => ({
    providerId: Number(s.provider_id),
    kind: s.kind,
    signedOn: s.signed_on,
    elvBeds: Number(s.beds ?? 0),
    inRegion: regionId !== null && Number(s.region_id) === regionId,
  }));
  const totalBeds = Number(total?.beds ?? 0);
  const signedBeds = states.filter((s) => s.inRegion).reduce((sum, s) => sum + s.elvBeds, 0);
  // Integer arithmetic in hundredths of a percent, so that 85.00 is never 84.99999.
  const hundredths = totalBeds > 0 ? Math.floor((signedBeds * 10000) / totalBeds) : null;
  return {
    regionId,
    signedBeds,
    totalBeds,
    percent: hundredths === null ? null : (hundredths / 100).toFixed(2),
    meetsMinimum: totalBeds > 0 && signedBeds * 100 >= MINIMUM_COVERAGE_PERCENT * totalBeds,
    meetsPreferred: totalBeds > 0 && signedBeds * 100 >= PREFERRED_COVERAGE_PERCENT * totalBeds,
    hospitalsSigned: states.some((s) => s.inRegion && s.kind === ProviderKind.HOSPITAL),
    gpsSigned: states.some((s) => s.inRegion && s.kind === ProviderKind.GP_ORGANISATION),
    signatories: states,
  };
}

export interface ConditionInput {
  coordinationFunctionId: string;
  year: number;
  condition: CoordinationCondition;
  met: boolean;
  evidenceNote: string;
  evidenceDate: string;
}

const MAX_NOTE = 4000;

/**
 * Loads the coordination function of a checklist write, with the policy facts of its year for the write's own
 * check; one the principal may not read is "not found".
 */
async function functionForWrite(ctx: RequestContext, em: EntityManager, id: string, year: number): Promise<{ provider: Provider; facts: ResourceFacts }> {
  if (!isPlausibleYear(year)) fail('year', Code.INVALID_YEAR, `year must be between 2000 and 2100; got ${year}.`);
  const provider = await coordinationFunction(em, { id });
  const facts = provider ? await factsFor(ctx, { providerId: provider.id, year }, em) : null;
  if (!provider || !can(ctx.principal, 'monitoring.read', facts!)) {
    fail('coordinationFunctionId', Code.NOT_FOUND, 'No coordination function you may see has this ID.');
  }
  return { provider, facts: facts! };
}

/**
 * The preferred insurer records whether a condition is met, with its evidence. For condition 4 that is the part
 * that cannot be derived (what the agreements settle, the mandate); the signatories decide the rest.
 */
export function recordCondition(ctx: RequestContext, input: ConditionInput): Promise<MutationOutcome<Checklist>> {
  return runMutation(ctx, async (em) => {
    const { provider, facts } = await functionForWrite(ctx, em, input.coordinationFunctionId, input.year);
    authorize(ctx, 'coordination.checklist.write', facts);
    const problems = new Problems<Code>();
    const note = input.evidenceNote.trim();
    if (!note) problems.add('evidenceNote', Code.REQUIRED, 'Describe the evidence (what was shown, where it is kept).');
    if (note.length > MAX_NOTE) problems.add('evidenceNote', Code.TOO_LONG, `evidenceNote may be at most ${MAX_NOTE} characters.`);
    problems.throwIfAny();
    const values = {
      met: input.met,
      evidenceNote: note,
      evidenceDate: input.evidenceDate,
      recordedBy: em.getReference(Insurer, ctx.principal.insurerId!, { wrapped: true }),
      recordedBySubject: ctx.principal.subject,
      recordedAt: new Date(),
    };
    const existing = await em.findOne(CoordinationConditionAssessment, { provider, year: input.year, condition: input.condition });
    if (existing) Object.assign(existing, values);
    else em.create(CoordinationConditionAssessment, { provider, year: input.year, condition: input.condition, ...values });
    await em.flush();
    return buildChecklist(em, provider, input.year);
  });
}

export interface SignatoriesInput {
  coordinationFunctionId: string;
  year: number;
  signatories: { providerAgb: string; signedOn: string }[];
}

/** Replaces the list of providers that signed the regional agreements for a year (condition 4). */
export function setSignatories(ctx: RequestContext, input: SignatoriesInput): Promise<MutationOutcome<Checklist>> {
  return runMutation(ctx, async (em) => {
    const { provider, facts } = await functionForWrite(ctx, em, input.coordinationFunctionId, input.year);
    authorize(ctx, 'coordination.signatories.write', facts);
    const problems = new Problems<Code>();
    const agbs = input.signatories.map((s) => s.providerAgb.trim());
    const found = new Map((await em.find(Provider, { agb: { $in: agbs } })).map((p) => [p.agb, p]));
    const seen = new Set<string>();
    input.signatories.forEach((s, index) => {
      const agb = s.providerAgb.trim();
      const signatory = found.get(agb);
      if (!signatory) problems.add(['signatories', String(index), 'providerAgb'], Code.UNKNOWN_PROVIDER, `No provider has AGB code "${agb}".`);
      else if (signatory.region?.id !== provider.region?.id) {
        problems.add(['signatories', String(index), 'providerAgb'], Code.OUTSIDE_REGION, `${signatory.name} (${agb}) does not work in the region of ${provider.name}.`);
      }
      if (seen.has(agb)) problems.add(['signatories', String(index), 'providerAgb'], Code.DUPLICATE_SIGNATORY, `AGB code ${agb} is listed twice.`);
      seen.add(agb);
    });
    problems.throwIfAny();
    await em.nativeDelete(CoordinationSignatory, { coordinationFunction: provider, year: input.year });
    for (const s of input.signatories) {
      em.create(CoordinationSignatory, { coordinationFunction: provider, year: input.year, signatory: found.get(s.providerAgb.trim())!, signedOn: s.signedOn });
    }
    await em.flush();
    return buildChecklist(em, provider, input.year);
  });
}

const MAX_BEDS = 100_000;

/** Sets the ELV beds of a provider (reference data; 0 removes it from the coverage). */
export function setElvBeds(ctx: RequestContext, input: { providerId: string; beds: number }): Promise<MutationOutcome<Provider>> {
  authorize(ctx, 'reference.write');
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.providerId, 'Provider');
    const provider = id ? await em.findOne(Provider, { id }) : null;
    if (!provider) fail('providerId', Code.UNKNOWN_PROVIDER, 'No provider has this ID.');
    if (!Number.isInteger(input.beds) || input.beds < 0 || input.beds > MAX_BEDS) {
      fail('beds', Code.INVALID_BEDS, `beds must be a whole number from 0 to ${MAX_BEDS}; got ${input.beds}.`);
    }
    const row = (await em.findOne(ProviderElvBeds, { provider })) ?? em.create(ProviderElvBeds, { provider, beds: input.beds });
    row.beds = input.beds;
    await em.flush();
    return provider;
  });
}

/** ELV beds of providers, batched: null for a provider without beds on record. */
export function elvBedsOf(ctx: RequestContext, provider: { id: number }): Promise<number | null> {
  return monitoringLoaders.elvBeds.of(ctx).load(provider.id);
}
