import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { BY_ID, pageList } from '../core/paging';
import { PageArgs, toConnection } from '../graphql/connection';
import { describeOperation } from '../auth/access-policy';
import { registerNodeType } from '../graphql/node-registry';
import { SustainabilityAnswerSubmitInput, SustainabilityAnswerUploadInput } from './sustainability.inputs';
import {
  SustainabilityAnswerPayload,
  SustainabilityReport,
  SustainabilityRequest,
  SustainabilityUploadPayload,
  SustainabilityValueChain,
  SustainabilityValueChainRow,
  SustainabilityValueChainRowConnection,
} from './sustainability.payloads';
import { SustainabilityErrorCode } from './sustainability.errors';
import { readAnswerFile } from './sustainability-file';
import * as service from './sustainability.service';

registerNodeType('SustainabilityReport', service.reportsByIds);
registerNodeType('SustainabilityRequest', service.requestsByYears);

@Resolver()
export class SustainabilityResolver {
  @Query(() => SustainabilityRequest, {
    nullable: true,
    description: describeOperation("The insurers' coordinated sustainability request of a reporting year, or null when there is none.", 'reference.read'),
  })
  async sustainabilityRequest(@Arg('year', () => Int, { description: 'The reporting year, e.g. 2025.' }) year: number, @Ctx() ctx: RequestContext) {
    return service.requestOf(year, await service.questionsOf(ctx.em, year));
  }

  @Query(() => SustainabilityReport, {
    nullable: true,
    description:
      describeOperation("A provider's sustainability answers of a year with the compliance derived from them; null when it has not answered or you may not read it.", 'sustainability.read'),
  })
  sustainabilityReport(
    @Arg('providerAgb', () => String, { description: 'AGB code of the provider.' }) providerAgb: string,
    @Arg('year', () => Int, { description: 'The reporting year, e.g. 2025.' }) year: number,
    @Ctx() ctx: RequestContext,
  ) {
    return service.reportFor(ctx, providerAgb, year);
  }

  @Query(() => SustainabilityValueChain, {
    description: describeOperation("Your insurer's providers of a year with their sustainability compliance, and the aggregate for its CSRD value-chain report.", 'sustainability.valueChain.read'),
  })
  sustainabilityValueChain(@Arg('year', () => Int, { description: 'The reporting year, e.g. 2025.' }) year: number, @Ctx() ctx: RequestContext) {
    return service.valueChain(ctx, year);
  }

  @Mutation(() => SustainabilityAnswerPayload, {
    description: describeOperation("Gives or corrects a provider's complete answers to a year's sustainability request.", 'sustainability.answer'),
  })
  async sustainabilityAnswerSubmit(@Arg('input', () => SustainabilityAnswerSubmitInput, { description: 'The answers.' }) input: SustainabilityAnswerSubmitInput, @Ctx() ctx: RequestContext) {
    const outcome = await service.submitAnswers(ctx, {
      providerAgb: input.providerAgb,
      year: input.year,
      expectedVersion: input.expectedVersion,
      answers: input.answers.map((a, i) => ({ code: a.code, value: a.value, at: { field: ['answers', String(i)] } })),
    });
    return { report: outcome.report, userErrors: outcome.problems.map((p) => ({ field: p.field, code: p.code, message: p.message })) };
  }

  @Mutation(() => SustainabilityUploadPayload, {
    description:
      describeOperation('Gives or corrects answers as a CSV or XLSX file (columns code and value; of a workbook the first sheet) sent as a multipart request with the header "apollo-require-preflight: true"; a dry run or any problem writes nothing.', 'sustainability.answer'),
  })
  async sustainabilityAnswerUpload(@Arg('input', () => SustainabilityAnswerUploadInput, { description: 'The file and whose answers it holds.' }) input: SustainabilityAnswerUploadInput, @Ctx() ctx: RequestContext) {
    const summary = (problems: { row?: number; column?: string; code: SustainabilityErrorCode; message: string }[]) => ({
      dryRun: input.dryRun,
      written: false,
      rowCount: 0,
      problems: problems.map((p) => ({ row: p.row ?? null, column: p.column ?? null, code: p.code, message: p.message })),
      compliance: [],
      report: null,
    });
    let file;
    try {
      file = await input.file.promise;
    } catch {
      return summary([{ code: SustainabilityErrorCode.FILE_REQUIRED, message: 'The request holds no file for "file".' }]);
    }
    const read = await readAnswerFile(file.stream, file.filename);
    if (read.problems.length > 0) return summary(read.problems);
    const outcome = await service.submitAnswers(ctx, { providerAgb: input.providerAgb, year: input.year, answers: read.answers, dryRun: input.dryRun });
    return { ...summary(outcome.problems), rowCount: read.answers.length, written: outcome.report !== null, compliance: outcome.compliance, report: outcome.report };
  }
}

@Resolver(() => SustainabilityValueChain)
export class SustainabilityValueChainResolver {
  /**
   * A page of the providers already listed for the aggregate: every row is one the insurer may read, the aggregate is
   * computed over all of them before paging, so no page or cursor changes or narrows it.
   */
  @FieldResolver(() => SustainabilityValueChainRowConnection, { description: 'The providers, by AGB code, with their reports: a connection.' })
  rows(@Root() chain: SustainabilityValueChain, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    // By AGB code (unique), with keyset cursors like every other nested connection.
    const byAgb = { of: (row: SustainabilityValueChainRow) => row.provider.agb, type: 'string' as const };
    return toConnection(pageList(chain.providers, 'SustainabilityValueChain.rows', [byAgb, { of: (row) => BY_ID.of(row.provider), type: 'number' }], page, ctx.config.limits));
  }
}
