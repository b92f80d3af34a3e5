import { ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { badInput } from '../core/errors';
import { authorize } from '../auth/access-policy';
import { findByIds, findPage } from '../db/find-page';
import { intArray } from '../db/pg-array';
import { isPlausibleYear, optionalText } from '../shared/validation';
import { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from '../region/region.entity';
import { MarketShare } from '../region/market-share.entity';
import { Segment } from '../segment/segment.entity';
import { RepresentationAgreement } from './representation-agreement.entity';
import { RepresentationErrorCode as Code, RepresentationRole, RepresentationWarningCode } from './representation.errors';
import { RepresentationAgreementCreateInput, RepresentationAgreementFilter, RepresentationAgreementUpdateInput } from './representation.inputs';
import { representationLoaders } from './representation.loaders';
import { Representing, ShareFact, WarningFact, representationWarnings, roleIn } from './representation.rules';
import {
  InsurerRegionRole,
  RegionRepresentation,
  RepresentationCoverage,
  RepresentationPurchasers,
  RepresentationWarning,
} from './representation.types';

const MAX_TEXT = 2000;

// ---------------------------------------------------------------------------------------------
// Facts behind followers and warnings, batched
// ---------------------------------------------------------------------------------------------

export interface AgreementFacts {
  representing: Representing;
  shares: ShareFact[];
}

/** Representing insurers with their concerns, and every market share of the region-year, for many agreements in two statements. */
export async function agreementFacts(em: EntityManager, agreementIds: readonly number[]): Promise<Map<number, AgreementFacts>> {
  const result = new Map<number, AgreementFacts>();
  if (agreementIds.length === 0) return result;
  const ids = intArray(agreementIds);
  const heads = await em.execute<{ id: number; lead: number; lead_concern: number; second: number | null; second_concern: number | null }[]>(
    `select ra.id, ra.lead_insurer_id as lead, li.concern_id as lead_concern, ra.second_insurer_id as second, si.concern_id as second_concern
       from representation_agreement ra
       join insurer li on li.id = ra.lead_insurer_id
       left join insurer si on si.id = ra.second_insurer_id
      where ra.id = any(?::int[])`,
    [ids],
  );
  for (const h of heads) {
    result.set(Number(h.id), {
      representing: {
        leadInsurerId: Number(h.lead),
        leadConcernId: Number(h.lead_concern),
        secondInsurerId: h.second === null ? null : Number(h.second),
        secondConcernId: h.second_concern === null ? null : Number(h.second_concern),
      },
      shares: [],
    });
  }
  const shares = await em.execute<{ agreement_id: number; insurer_id: number; concern_id: number; hundredths: number }[]>(
    `select ra.id as agreement_id, ms.insurer_id, i.concern_id, (ms.share_percent * 100)::int as hundredths
       from representation_agreement ra
       join market_share ms on ms.region_id = ra.region_id and ms.year = ra.year
       join insurer i on i.id = ms.insurer_id
      where ra.id = any(?::int[])`,
    [ids],
  );
  for (const s of shares) {
    result.get(Number(s.agreement_id))?.shares.push({ insurerId: Number(s.insurer_id), concernId: Number(s.concern_id), hundredths: Number(s.hundredths) });
  }
  return result;
}

/** Followers are derived, never stored: insurers with a market share there that are not a representing party (nor of its concern). */
export async function followersOf(ctx: RequestContext, agreement: RepresentationAgreement): Promise<Insurer[]> {
  authorize(ctx, 'reference.read');
  const facts = await representationLoaders.facts.of(ctx).load(agreement.id);
  if (!facts) return [];
  const ids = facts.shares
    .filter((s) => roleIn(facts.representing, { ...s, hasShare: true })?.role === RepresentationRole.FOLLOWER)
    .map((s) => s.insurerId);
  const insurers = await representationLoaders.insurers.of(ctx).loadMany(ids);
  return insurers.filter((i): i is Insurer => i instanceof Insurer).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

function describeWarning(fact: WarningFact, agreement: RepresentationAgreement, names: Map<number, Insurer>): RepresentationWarning {
  const lead = fact.expectedLeadInsurerId ? (names.get(fact.expectedLeadInsurerId) ?? null) : null;
  const second = fact.expectedSecondInsurerId ? (names.get(fact.expectedSecondInsurerId) ?? null) : null;
  const message =
    fact.code === RepresentationWarningCode.LEAD_NOT_LARGEST
      ? `The lead insurer does not have the largest market share in this region in ${agreement.year}${lead ? `; ${lead.name} has` : ''}.`
      : `The co-representing insurer does not have the second largest market share (outside the lead's concern) in this region in ${agreement.year}${second ? `; ${second.name} has` : ''}.`;
  return { code: fact.code, message, expectedLeadInsurer: lead, expectedSecondInsurer: second };
}

/** Departures of an agreement from the market shares, computed from the shares as they are now. */
export async function warningsOf(ctx: RequestContext, agreement: RepresentationAgreement): Promise<RepresentationWarning[]> {
  authorize(ctx, 'reference.read');
  const facts = await representationLoaders.facts.of(ctx).load(agreement.id);
  if (!facts) return [];
  const warnings = representationWarnings(facts.representing, facts.shares);
  const ids = warnings.flatMap((w) => [w.expectedLeadInsurerId, w.expectedSecondInsurerId]).filter((id): id is number => id !== null);
  const insurers = (await representationLoaders.insurers.of(ctx).loadMany(ids)).filter((i): i is Insurer => i instanceof Insurer);
  const names = new Map(insurers.map((i) => [i.id, i]));
  return warnings.map((w) => describeWarning(w, agreement, names));
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

function checkYear(year: number, argument = 'year'): void {
  if (!isPlausibleYear(year)) throw badInput(`${argument} must be between 2000 and 2100; got ${year}.`, { argument });
}

function agreementWhere(filter: RepresentationAgreementFilter | null | undefined): FilterQuery<RepresentationAgreement> {
  const where: FilterQuery<RepresentationAgreement> = {};
  if (filter?.segmentCode) where.segment = { code: filter.segmentCode };
  if (filter?.year != null) where.year = filter.year;
  if (filter?.regionCode) where.region = { code: filter.regionCode };
  if (filter?.representingInsurerUzovi) {
    where.$or = [{ leadInsurer: { uzovi: filter.representingInsurerUzovi } }, { secondInsurer: { uzovi: filter.representingInsurerUzovi } }];
  }
  return where;
}

const AGREEMENT_ORDER = [{ year: 'desc' }, { segment: { code: 'asc' } }, { region: { code: 'asc' } }] as const;

export async function listAgreements(ctx: RequestContext, filter: RepresentationAgreementFilter | null | undefined, page: PageQuery): Promise<Page<RepresentationAgreement>> {
  authorize(ctx, 'reference.read');
  return findPage(ctx, RepresentationAgreement, agreementWhere(filter), [...AGREEMENT_ORDER], page);
}

/** The agreements whose representing insurers are not the two largest by market share, judged on today's shares. */
export async function listMismatches(
  ctx: RequestContext,
  filter: { segmentCode?: string | null; year?: number | null },
  page: PageQuery,
): Promise<Page<RepresentationAgreement>> {
  authorize(ctx, 'reference.read');
  const candidates = await ctx.em.find(RepresentationAgreement, agreementWhere(filter));
  const facts = await agreementFacts(ctx.em, candidates.map((a) => a.id));
  const ids = [...facts].filter(([, f]) => representationWarnings(f.representing, f.shares).length > 0).map(([id]) => id);
  return findPage(ctx, RepresentationAgreement, { id: { $in: ids } }, [...AGREEMENT_ORDER], page);
}

export async function agreementFor(ctx: RequestContext, segmentCode: string, year: number, regionKind: RegionKind, regionCode: string) {
  authorize(ctx, 'reference.read');
  checkYear(year);
  return ctx.em.findOne(RepresentationAgreement, { segment: { code: segmentCode }, year, region: { kind: regionKind, code: regionCode } });
}

export async function agreementsByIds(ctx: RequestContext, ids: readonly number[]) {
  authorize(ctx, 'reference.read');
  return findByIds(ctx, RepresentationAgreement, ids);
}

/** Per region of the set: its agreement for the segment and year, if any. Three statements. */
export async function coverage(ctx: RequestContext, segmentCode: string, year: number, regionKind: RegionKind): Promise<RepresentationCoverage | null> {
  authorize(ctx, 'reference.read');
  checkYear(year);
  const segment = await ctx.em.findOne(Segment, { code: segmentCode });
  if (!segment) return null;
  const regions = await ctx.em.find(Region, { kind: regionKind }, { orderBy: { code: 'asc', id: 'asc' } });
  const agreements = await ctx.em.find(
    RepresentationAgreement,
    { segment, year, region: { kind: regionKind } },
    { populate: ['leadInsurer', 'secondInsurer'] },
  );
  const byRegion = new Map(agreements.map((a) => [a.region.id, a]));
  const rows: RegionRepresentation[] = regions.map((region) => {
    const agreement = byRegion.get(region.id) ?? null;
    return {
      region,
      agreement,
      leadInsurer: agreement ? agreement.leadInsurer.getEntity() : null,
      secondInsurer: agreement?.secondInsurer?.getEntity() ?? null,
    };
  });
  const uncovered = rows.filter((r) => !r.agreement).map((r) => r.region);
  return {
    segment,
    year,
    regionKind,
    regionCount: regions.length,
    coveredRegionCount: regions.length - uncovered.length,
    allRegionsCovered: uncovered.length === 0,
    regions: rows,
    uncoveredRegions: uncovered,
  };
}

function representingOf(agreement: RepresentationAgreement): Representing {
  const lead = agreement.leadInsurer.getEntity();
  const second = agreement.secondInsurer?.getEntity() ?? null;
  return { leadInsurerId: lead.id, leadConcernId: lead.concern.id, secondInsurerId: second?.id ?? null, secondConcernId: second?.concern.id ?? null };
}

/** An insurer's role in every region of a segment and year where it has one, by region code. */
export async function rolesOf(ctx: RequestContext, insurerUzovi: string, segmentCode: string, year: number): Promise<InsurerRegionRole[] | null> {
  authorize(ctx, 'reference.read');
  checkYear(year);
  const insurer = await ctx.em.findOne(Insurer, { uzovi: insurerUzovi });
  if (!insurer) return null;
  const agreements = await ctx.em.find(
    RepresentationAgreement,
    { segment: { code: segmentCode }, year },
    { populate: ['region', 'leadInsurer', 'secondInsurer'] },
  );
  const shares = await ctx.em.find(MarketShare, { insurer, year, region: { $in: agreements.map((a) => a.region.id) } }, { fields: ['region'] });
  const withShare = new Set(shares.map((s) => s.region.id));
  const roles: InsurerRegionRole[] = [];
  for (const agreement of agreements) {
    const role = roleIn(representingOf(agreement), { insurerId: insurer.id, concernId: insurer.concern.id, hasShare: withShare.has(agreement.region.id) });
    if (!role) continue;
    const acting =
      role.actingInsurerId === insurer.id ? insurer : role.role === RepresentationRole.LEAD ? agreement.leadInsurer.getEntity() : agreement.secondInsurer!.getEntity();
    roles.push({ region: agreement.region.getEntity(), role: role.role, actingInsurer: acting, agreement });
  }
  return roles.sort((a, b) => a.region.code.localeCompare(b.region.code));
}

/** Who purchases on behalf of an insurer in a region, segment and year; null when the insurer, segment or region is unknown. */
export async function purchasersFor(
  ctx: RequestContext,
  args: { insurerUzovi: string; segmentCode: string; regionKind: RegionKind; regionCode: string; year: number },
): Promise<RepresentationPurchasers | null> {
  authorize(ctx, 'reference.read');
  checkYear(args.year);
  const [insurer, segment, region] = await Promise.all([
    ctx.em.findOne(Insurer, { uzovi: args.insurerUzovi }),
    ctx.em.findOne(Segment, { code: args.segmentCode }),
    ctx.em.findOne(Region, { kind: args.regionKind, code: args.regionCode }),
  ]);
  if (!insurer || !segment || !region) return null;
  const base = { insurer, segment, region, year: args.year };
  if (!segment.representation) return { ...base, role: null, agreement: null, purchasers: [insurer] };
  const agreement = await ctx.em.findOne(RepresentationAgreement, { segment, region, year: args.year }, { populate: ['leadInsurer', 'secondInsurer'] });
  if (!agreement) return { ...base, role: null, agreement: null, purchasers: [] };
  const hasShare = (await ctx.em.count(MarketShare, { insurer, region, year: args.year })) > 0;
  const role = roleIn(representingOf(agreement), { insurerId: insurer.id, concernId: insurer.concern.id, hasShare });
  const purchasers = [agreement.leadInsurer.getEntity(), ...(agreement.secondInsurer ? [agreement.secondInsurer.getEntity()] : [])];
  return { ...base, role: role?.role ?? null, agreement, purchasers };
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

async function representingInsurer(
  em: EntityManager,
  problems: Problems<Code>,
  field: string,
  uzovi: string,
  region: Region | null,
  year: number,
): Promise<Insurer | null> {
  const insurer = await em.findOne(Insurer, { uzovi: uzovi.trim() });
  if (!insurer) {
    problems.add(field, Code.UNKNOWN_INSURER, `No insurer has UZOVI code "${uzovi}".`);
    return null;
  }
  if (region && isPlausibleYear(year) && (await em.count(MarketShare, { insurer, region, year })) === 0) {
    problems.add(field, Code.NO_MARKET_SHARE, `${insurer.name} has no market share in ${region.name} in ${year}, so it cannot represent there.`);
  }
  return insurer;
}

function checkPair(problems: Problems<Code>, lead: Insurer | null, second: Insurer | null): void {
  if (!lead || !second) return;
  if (lead.id === second.id) problems.add('secondInsurerUzovi', Code.SAME_INSURER, 'The lead and the co-representing insurer must differ.');
  else if (lead.concern.id === second.concern.id) {
    problems.add('secondInsurerUzovi', Code.SAME_CONCERN, `${lead.name} and ${second.name} belong to one concern, which counts as one party in representation.`);
  }
}

export interface AgreementOutcome extends MutationOutcome<RepresentationAgreement> {
  warnings: RepresentationWarning[];
}

async function withWarnings(ctx: RequestContext, outcome: MutationOutcome<RepresentationAgreement>): Promise<AgreementOutcome> {
  return { ...outcome, warnings: outcome.result ? await warningsOf(ctx, outcome.result) : [] };
}

export async function createAgreement(ctx: RequestContext, input: RepresentationAgreementCreateInput): Promise<AgreementOutcome> {
  authorize(ctx, 'representation.write');
  const duplicate = () => ({
    field: ['regionCode'],
    code: Code.DUPLICATE_AGREEMENT,
    message: `Segment ${input.segmentCode} already has an agreement for region ${input.regionCode} in ${input.year}.`,
  });
  const outcome = await runMutation(
    ctx,
    async (em) => {
      const problems = new Problems<Code>();
      const segment = await em.findOne(Segment, { code: input.segmentCode.trim() });
      if (!segment) problems.add('segmentCode', Code.UNKNOWN_SEGMENT, `No segment has code "${input.segmentCode}".`);
      else if (!segment.representation) {
        problems.add('segmentCode', Code.NOT_REPRESENTATION_SEGMENT, `Segment ${segment.code} is not purchased by representation.`);
      }
      const region = await em.findOne(Region, { kind: input.regionKind, code: input.regionCode.trim() });
      if (!region) problems.add('regionCode', Code.UNKNOWN_REGION, `No ${input.regionKind.toLowerCase()} region has code "${input.regionCode}".`);
      if (!isPlausibleYear(input.year)) problems.add('year', Code.INVALID_YEAR, `year must be between 2000 and 2100; got ${input.year}.`);
      const lead = await representingInsurer(em, problems, 'leadInsurerUzovi', input.leadInsurerUzovi, region, input.year);
      const second = input.secondInsurerUzovi
        ? await representingInsurer(em, problems, 'secondInsurerUzovi', input.secondInsurerUzovi, region, input.year)
        : null;
      checkPair(problems, lead, second);
      const basis = optionalText(problems, 'basis', input.basis, Code.TOO_LONG, MAX_TEXT) ?? '';
      const notes = optionalText(problems, 'notes', input.notes, Code.TOO_LONG, MAX_TEXT) ?? '';
      if (segment && region && !problems.any && (await em.count(RepresentationAgreement, { segment, region, year: input.year })) > 0) {
        const d = duplicate();
        problems.add(d.field, d.code, d.message);
      }
      problems.throwIfAny();
      const agreement = em.create(RepresentationAgreement, {
        segment: segment!,
        region: region!,
        year: input.year,
        leadInsurer: lead!,
        secondInsurer: second,
        basis,
        notes,
      });
      await em.flush();
      return agreement;
    },
    duplicate,
  );
  return withWarnings(ctx, outcome);
}

export async function updateAgreement(ctx: RequestContext, input: RepresentationAgreementUpdateInput): Promise<AgreementOutcome> {
  authorize(ctx, 'representation.write');
  const outcome = await runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'RepresentationAgreement');
    const agreement = id ? await em.findOne(RepresentationAgreement, { id }, { populate: ['region', 'leadInsurer', 'secondInsurer'] }) : null;
    if (!agreement) fail('id', Code.NOT_FOUND, 'No representation agreement has this ID.');
    const problems = new Problems<Code>();
    const region = agreement.region.getEntity();
    const lead =
      input.leadInsurerUzovi != null
        ? await representingInsurer(em, problems, 'leadInsurerUzovi', input.leadInsurerUzovi, region, agreement.year)
        : agreement.leadInsurer.getEntity();
    const second =
      input.secondInsurerUzovi != null
        ? await representingInsurer(em, problems, 'secondInsurerUzovi', input.secondInsurerUzovi, region, agreement.year)
        : (agreement.secondInsurer?.getEntity() ?? null);
    checkPair(problems, lead, second);
    const basis = optionalText(problems, 'basis', input.basis, Code.TOO_LONG, MAX_TEXT);
    const notes = optionalText(problems, 'notes', input.notes, Code.TOO_LONG, MAX_TEXT);
    problems.throwIfAny();
    const changed: RepresentationAgreement = agreement;
    changed.leadInsurer = ref(lead!);
    changed.secondInsurer = second ? ref(second) : null;
    if (basis !== null) changed.basis = basis;
    if (notes !== null) changed.notes = notes;
    await em.flush();
    return changed;
  });
  return withWarnings(ctx, outcome);
}
