import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { PageQuery, Page } from '../core/paging';
import { runMutation, MutationOutcome } from '../core/mutation';
import { Problems, fail } from '../core/problems';
import { idOfType } from '../core/global-id';
import { authorize } from '../auth/access-policy';
import { Row, containsPattern, dir, findRowPage, findRows, findRowsByIds } from '../db/find-page';
import { requiredText } from '../shared/validation';
import { Segment } from './segment.entity';
import { SegmentErrorCode as Code } from './segment.errors';
import { segmentLoaders } from './segment.loaders';
import { SegmentCreateInput, SegmentFilter, SegmentOrder, SegmentOrderField, SegmentUpdateInput } from './segment.inputs';

const TEXT_CODES = { required: Code.REQUIRED, tooLong: Code.TOO_LONG };
const SEGMENT_CODE = /^[A-Z0-9_]{2,40}$/;
const MAX_DESCRIPTION = 4000;

export async function listSegments(
  ctx: RequestContext,
  filter: SegmentFilter | null | undefined,
  order: SegmentOrder | null | undefined,
  page: PageQuery,
): Promise<Page<Row<Segment>>> {
  authorize(ctx, 'reference.read');
  const where: FilterQuery<Segment> = {};
  if (filter?.representation != null) where.representation = filter.representation;
  if (filter?.search) {
    const pattern = containsPattern(filter.search);
    where.$or = [{ code: { $ilike: pattern } }, { name: { $ilike: pattern } }];
  }
  const column = order?.field === SegmentOrderField.NAME ? 'name' : 'code';
  return findRowPage(ctx, Segment, where, [{ [column]: dir(order?.direction) }], page);
}

export async function segmentByCode(ctx: RequestContext, code: string): Promise<Row<Segment> | null> {
  authorize(ctx, 'reference.read');
  return (await findRows(ctx, Segment, { code }, []))[0] ?? null;
}

export async function segmentsByIds(ctx: RequestContext, ids: readonly number[]): Promise<(Row<Segment> | null)[]> {
  authorize(ctx, 'reference.read');
  return findRowsByIds(ctx, Segment, ids);
}

/** A segment by id, batched across the request. */
export function segmentById(ctx: RequestContext, id: number): Promise<Row<Segment> | null> {
  return segmentLoaders.byId.of(ctx).load(id);
}

function checkDescription(problems: Problems<Code>, description: string): string {
  const clean = description.trim();
  if (clean.length > MAX_DESCRIPTION) problems.add('description', Code.TOO_LONG, `description may be at most ${MAX_DESCRIPTION} characters.`);
  return clean;
}

export function createSegment(ctx: RequestContext, input: SegmentCreateInput): Promise<MutationOutcome<Segment>> {
  authorize(ctx, 'reference.write');
  const duplicate = () => ({ field: ['code'], code: Code.DUPLICATE_CODE, message: `A segment with code ${input.code} already exists.` });
  return runMutation(
    ctx,
    async (em) => {
      const problems = new Problems<Code>();
      const code = input.code.trim();
      if (!SEGMENT_CODE.test(code)) problems.add('code', Code.INVALID_CODE, `Segment code must be 2-40 capitals, digits or underscores; got "${input.code}".`);
      else if ((await em.count(Segment, { code })) > 0) problems.add('code', Code.DUPLICATE_CODE, duplicate().message);
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      const description = checkDescription(problems, input.description);
      problems.throwIfAny();
      const segment = em.create(Segment, { code, name: name!, description, representation: input.representation });
      await em.flush();
      return segment;
    },
    duplicate,
  );
}

export function updateSegment(ctx: RequestContext, input: SegmentUpdateInput): Promise<MutationOutcome<Segment>> {
  authorize(ctx, 'reference.write');
  return runMutation(ctx, async (em) => {
    const id = idOfType(input.id, 'Segment');
    const segment = id ? await em.findOne(Segment, { id }) : null;
    if (!segment) fail('id', Code.NOT_FOUND, 'No segment has this ID.');
    const problems = new Problems<Code>();
    if (input.name != null) {
      const name = requiredText(problems, 'name', input.name, TEXT_CODES);
      if (name) segment.name = name;
    }
    if (input.description != null) segment.description = checkDescription(problems, input.description);
    if (input.representation != null) segment.representation = input.representation;
    problems.throwIfAny();
    await em.flush();
    return segment;
  });
}
