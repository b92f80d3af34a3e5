import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { authorize } from '../auth/access-policy';
import { Row, containsPattern, dir, findRowPage, findRows, findRowsByIds } from '../db/find-page';
import { UZOVI, requiredText } from '../shared/validation';
import { Insurer } from './insurer.entity';
import { Concern } from './concern.entity';
import { insurerLoaders } from './insurer.loaders';
import { InsurerErrorCode as Code } from './insurer.errors';
import {
  ConcernCreateInput,
  ConcernFilter,
  ConcernOrder,
  ConcernOrderField,
  ConcernUpdateInput,
  InsurerCreateInput,
  InsurerFilter,
  InsurerOrder,
  InsurerOrderField,
  InsurerUpdateInput,
} from './insurer.inputs';

const TEXT_CODES = { required: Code.REQUIRED, tooLong: Code.TOO_LONG };
const CONCERN_CODE = /^[A-Z0-9_]{2,40}$/;

export async function listInsurers(
  ctx: RequestContext,
  filter: InsurerFilter | null | undefined,
  order: InsurerOrder | null | undefined,
  page: PageQuery,
): Promise<Page<Row<Insurer>>> {
  const { where, orderBy } = insurerList(ctx, filter, order);
  return findRowPage(ctx, Insurer, where, orderBy, page);
}

/** The filter and order of a list of insurers (also compiled to SQL by graphql/json-read.ts), after the permission check. */
export function insurerList(ctx: RequestContext, filter: InsurerFilter | null | undefined, order: InsurerOrder | null | undefined) {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<Insurer> = {};
  if (filter?.uzovi) where.uzovi = { $in: filter.uzovi };
  if (filter?.concernCode) where.concern = { code: filter.concernCode };
  if (filter?.search) where.name = { $ilike: containsPattern(filter.search) };
  const column = order?.field === InsurerOrderField.UZOVI ? 'uzovi' : 'name';
  return { where, orderBy: [{ [column]: dir(order?.direction) }] as QueryOrderMap<Insurer>[] };
}

export async function insurerByUzovi(ctx: RequestContext, uzovi: string): Promise<Row<Insurer> | null> {
  authorize(ctx, 'reference.read');
  return (await findRows(ctx, Insurer, { uzovi }, []))[0] ?? null;
}

export async function insurersByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Row<Insurer> | null)[]> {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, Insurer, ids);
}

/** An insurer by id, batched across the request (the insurer of a share, of a policy ...). */
export function insurerById(ctx: RequestContext, id: number): Promise<Row<Insurer> | null> {
  return insurerLoaders.byId.of(ctx).load(id);
}

export async function listConcerns(
  ctx: RequestContext,
  filter: ConcernFilter | null | undefined,
  order: ConcernOrder | null | undefined,
  page: PageQuery,
): Promise<Page<Row<Concern>>> {
  const { where, orderBy } = concernList(ctx, filter, order);
  return findRowPage(ctx, Concern, where, orderBy, page);
}

/** The filter and order of a list of concerns (also compiled to SQL), after the permission check. */
export function concernList(ctx: RequestContext, filter: ConcernFilter | null | undefined, order: ConcernOrder | null | undefined) {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<Concern> = {};
  if (filter?.search) {
    const pattern = containsPattern(filter.search);
    where.$or = [{ code: { $ilike: pattern } }, { name: { $ilike: pattern } }];
  }
  const column = order?.field === ConcernOrderField.CODE ? 'code' : 'name';
  return { where, orderBy: [{ [column]: dir(order?.direction) }] as QueryOrderMap<Concern>[] };
}

export async function concernByCode(ctx: RequestContext, code: string): Promise<Row<Concern> | null> {
  authorize(ctx, 'reference.read');
  return (await findRows(ctx, Concern, { code }, []))[0] ?? null;
}

export async function concernsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Row<Concern> | null)[]> {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, Concern, ids);
}

/** A concern by id, batched across the request. */
export function concernById(ctx: RequestContext, id: number): Promise<Row<Concern> | null> {
  return insurerLoaders.concernById.of(ctx).load(id);
}

export function createInsurer(ctx: RequestContext, input: InsurerCreateInput): Promise<MutationOutcome<Insurer>> {
  authorize(ctx, 'reference.write');
  return runMutation(
    ctx,
    async (em) => {
      const problems = new Problems<Code>();
      const uzovi = input.uzovi.trim();
      if (!UZOVI.test(uzovi)) problems.add('uzovi', Code.INVALID_UZOVI, `UZOVI code must be exactly 4 digits; got "${input.uzovi}".`);
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      const concern = await em.findOne(Concern, { code: input.concernCode.trim() });
      if (!concern) problems.add('concernCode', Code.UNKNOWN_CONCERN, `No concern has code "${input.concernCode}".`);
      if (UZOVI.test(uzovi) && (await em.count(Insurer, { uzovi })) > 0) {
        problems.add('uzovi', Code.DUPLICATE_UZOVI, `An insurer with UZOVI code ${uzovi} already exists.`);
      }
      problems.throwIfAny();
      const insurer = em.create(Insurer, { uzovi, name: name!, concern: concern! });
      await em.flush();
      return insurer;
    },
    () => ({ field: ['uzovi'], code: Code.DUPLICATE_UZOVI, message: `An insurer with UZOVI code ${input.uzovi} already exists.` }),
  );
}

export function updateInsurer(ctx: RequestContext, input: InsurerUpdateInput): Promise<MutationOutcome<Insurer>> {
  authorize(ctx, 'reference.write');
  return runMutation(
    ctx,
    async (em) => {
      const id = idOfType(input.id, 'Insurer');
      const insurer = id ? await em.findOne(Insurer, { id }) : null;
      if (!insurer) fail('id', Code.NOT_FOUND, 'No insurer has this ID.');
      const problems = new Problems<Code>();
      if (input.uzovi != null) {
        const uzovi = input.uzovi.trim();
        if (!UZOVI.test(uzovi)) problems.add('uzovi', Code.INVALID_UZOVI, `UZOVI code must be exactly 4 digits; got "${input.uzovi}".`);
        else if (uzovi !== insurer.uzovi && (await em.count(Insurer, { uzovi })) > 0) {
          problems.add('uzovi', Code.DUPLICATE_UZOVI, `An insurer with UZOVI code ${uzovi} already exists.`);
        } else insurer.uzovi = uzovi;
      }
      if (input.name != null) {
        const name = requiredText(problems, 'name', input.name, TEXT_CODES);
        if (name) insurer.name = name;
      }
      if (input.concernCode != null) {
        const concern = await em.findOne(Concern, { code: input.concernCode.trim() });
        if (!concern) problems.add('concernCode', Code.UNKNOWN_CONCERN, `No concern has code "${input.concernCode}".`);
        else insurer.concern = em.getReference(Concern, concern.id, { wrapped: true });
      }
      problems.throwIfAny();
      await em.flush();
      return insurer;
    },
    () => ({ field: ['uzovi'], code: Code.DUPLICATE_UZOVI, message: `An insurer with UZOVI code ${input.uzovi} already exists.` }),
  );
}

export function createConcern(ctx: RequestContext, input: ConcernCreateInput): Promise<MutationOutcome<Concern>> {
  authorize(ctx, 'reference.write');
  return runMutation(
    ctx,
    async (em) => {
      const problems = new Problems<Code>();
      const code = input.code.trim();
      if (!CONCERN_CODE.test(code)) {
        problems.add('code', Code.INVALID_CODE, `Concern code must be 2-40 capitals, digits or underscores; got "${input.code}".`);
      } else if ((await em.count(Concern, { code })) > 0) {
        problems.add('code', Code.DUPLICATE_CODE, `A concern with code ${code} already exists.`);
      }
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      problems.throwIfAny();
      const concern = em.create(Concern, { code, name: name! });
      await em.flush();
      return concern;
    },
    () => ({ field: ['code'], code: Code.DUPLICATE_CODE, message: `A concern with code ${input.code} already exists.` }),
  );
}

export function updateConcern(ctx: RequestContext, input: ConcernUpdateInput): Promise<MutationOutcome<Concern>> {
  authorize(ctx, 'reference.write');
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'Concern');
    const concern = id ? await em.findOne(Concern, { id }) : null;
    if (!concern) fail('id', Code.NOT_FOUND, 'No concern has this ID.');
    const problems = new Problems<Code>();
    if (input.name != null) {
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      if (name) concern.name = name;
    }
    problems.throwIfAny();
    await em.flush();
    return concern;
  });
}

/** The insurers of a concern, batched across all concerns of a request. */
export async function insurersOfConcern(ctx: RequestContext, concernId: number): Promise<Row<Insurer>[]> {
  authorize(ctx, 'reference.read');
  return insurerLoaders.ofConcern.of(ctx).load(concernId);
}
