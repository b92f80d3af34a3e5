import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { describeOperation } from '../auth/access-policy';
import type { Row } from '../db/find-page';
import type { RequestContext } from '../core/context';
import { BY_ID, ListKey, pageList } from '../core/paging';
import { PageArgs, SyncPageArgs, replacedBy, toConnection } from '../graphql/connection';
import { registerNodeType } from '../graphql/node-registry';
import { MoneyScalar } from '../graphql/scalars';
import { Insurer } from '../insurer/insurer.entity';
import { Provider } from '../provider/provider.entity';
import { Segment } from '../segment/segment.entity';
import { RepresentationAgreement } from '../representation/representation-agreement.entity';
import { Contract } from './contract.entity';
import { ContractRevenue } from './contract-revenue.entity';
import * as service from './contract.service';
import { ContractCreateInput, ContractFilter, ContractRevenueReportInput, ContractStatusChangeInput, ContractUpdateInput } from './contract.inputs';
import { CeilingUse, ContractAlertConnection, ContractConnection, ContractPayload, ContractRevenueConnection, ContractRevenuePayload } from './contract.types';

/** Nested contract lists: newest term first, then by id (as the plain lists). */
const CONTRACT_KEYS: ListKey<Contract>[] = [{ of: (c) => c.termStart, type: 'string', desc: true }, BY_ID];
/** Revenue: by period, newest version first within a period, then by id. */
const REVENUE_KEYS: ListKey<ContractRevenue>[] = [{ of: (r) => r.periodStart, type: 'string' }, { of: (r) => r.version, type: 'number', desc: true }, BY_ID];

registerNodeType('Contract', service.contractsByIds);
registerNodeType('ContractRevenue', service.revenuesByIds);

const CONTRACT_READERS =
  "the contract's insurer or provider, or an insurer with a market share in the region and year of the representation agreement it was made under";

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => ContractConnection, {
    description: describeOperation(`Contracts you may see, newest term first; operator admins see none.`, 'contract.read'),
  })
  async contracts(
    @Args(() => SyncPageArgs) page: SyncPageArgs,
    @Arg('filter', () => ContractFilter, { nullable: true, description: 'Conditions the contracts must meet.' }) filter: ContractFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listContracts(ctx, filter, page));
  }

  @Query(() => ContractAlertConnection, {
    description:
      describeOperation("Your own contracts whose ceiling is NEAR, THREATENED or EXCEEDED in a year, most severe and fullest first: an insurer's contracts, or a provider's.", 'contract.alerts.read'),
  })
  async contractAlerts(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('year', () => Int, { nullable: true, description: 'The contract year; the current calendar year when omitted.' }) year: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await service.listAlerts(ctx, year, page));
  }

  @FieldResolver(() => Insurer, { description: 'The insurer that made the contract.' })
  insurer(@Root() contract: Contract) {
    return contract.insurer.load();
  }

  @FieldResolver(() => Provider, { description: 'The provider the contract is with.' })
  provider(@Root() contract: Contract) {
    return contract.provider.load();
  }

  @FieldResolver(() => Segment, { description: 'The segment the contract covers.' })
  segment(@Root() contract: Contract) {
    return contract.segment.load();
  }

  @FieldResolver(() => RepresentationAgreement, {
    nullable: true,
    description: "The representation agreement it was made under (its provider's region and first year); null outside representation segments.",
  })
  agreement(@Root() contract: Contract) {
    return contract.agreement ? contract.agreement.load() : null;
  }

  @FieldResolver(() => MoneyScalar, { nullable: true, description: 'The yearly cap in euros; null when ceilingKind is NONE.' })
  ceilingAmount(@Root() contract: Contract) {
    return contract.ceilingAmount;
  }

  @FieldResolver(() => [Int], { description: 'The contract years of the term.' })
  years(@Root() contract: Contract) {
    return service.termYears(contract);
  }

  @FieldResolver(() => CeilingUse, {
    nullable: true,
    description: 'How full the ceiling is in a year of the term; null for a year outside it.',
  })
  ceilingUse(
    @Root() contract: Contract,
    @Arg('year', () => Int, { nullable: true, description: 'A contract year; the current year (or the nearest year of the term) when omitted.' }) year: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return service.ceilingUse(ctx, contract, year);
  }

  @FieldResolver(() => [ContractRevenue], {
    description: 'Reported revenue by period; only the latest version of each period unless asked for the history.',
    deprecationReason: replacedBy('revenueConnection'),
  })
  revenue(
    @Root() contract: Contract,
    @Arg('year', () => Int, { nullable: true, description: 'Only periods of this year.' }) year: number | null,
    @Arg('includeSuperseded', () => Boolean, { defaultValue: false, description: 'Also return corrected (superseded) versions, newest first within a period.' })
    includeSuperseded: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return service.revenueOf(ctx, contract, year, includeSuperseded);
  }

  @FieldResolver(() => ContractRevenueConnection, {
    description: 'Reported revenue by period (newest version first within a period); only the latest version of each period unless asked for the history.',
  })
  async revenueConnection(
    @Root() contract: Contract,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('year', () => Int, { nullable: true, description: 'Only periods of this year.' }) year: number | null,
    @Arg('includeSuperseded', () => Boolean, { defaultValue: false, description: 'Also return corrected (superseded) versions, newest first within a period.' })
    includeSuperseded: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(pageList(await service.revenueOf(ctx, contract, year, includeSuperseded), 'Contract.revenue', REVENUE_KEYS, page, ctx.config.limits));
  }

  @Mutation(() => ContractPayload, {
    description:
      describeOperation("Records a contract of your insurer with a provider: a term as long as your policy says, in a representation segment only as lead or co-representing insurer of the provider's region.", 'contract.write'),
  })
  async contractCreate(@Arg('input', () => ContractCreateInput, { description: 'The new contract.' }) input: ContractCreateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.createContract(ctx, input);
    return { contract: result, userErrors };
  }

  @Mutation(() => ContractPayload, { description: describeOperation("Changes a contract's term, tariff basis, ceiling or obligations.", 'contract.write') })
  async contractUpdate(@Arg('input', () => ContractUpdateInput, { description: 'The changes.' }) input: ContractUpdateInput, @Ctx() ctx: RequestContext) {
    const { result, userErrors } = await service.updateContract(ctx, input);
    return { contract: result, userErrors };
  }

  @Mutation(() => ContractPayload, {
    description: describeOperation("Signs or terminates a contract (OFFERED to SIGNED or TERMINATED, SIGNED to TERMINATED).", 'contract.write'),
  })
  async contractStatusChange(
    @Arg('input', () => ContractStatusChangeInput, { description: 'The contract and its new status.' }) input: ContractStatusChangeInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.changeStatus(ctx, input);
    return { contract: result, userErrors };
  }

  @Mutation(() => ContractRevenuePayload, {
    description:
      describeOperation("Reports realised revenue of a contract for a month or quarter within its term; reporting a period again adds a corrected version.", 'contract.revenue.report'),
  })
  async contractRevenueReport(
    @Arg('input', () => ContractRevenueReportInput, { description: 'The period and its revenue.' }) input: ContractRevenueReportInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { result, userErrors } = await service.reportRevenue(ctx, input);
    return { contractRevenue: result?.revenue ?? null, contract: result?.contract ?? null, userErrors };
  }
}

@Resolver(() => ContractRevenue)
export class ContractRevenueResolver {
  @FieldResolver(() => Contract, { description: 'The contract the revenue belongs to.' })
  contract(@Root() revenue: ContractRevenue) {
    return revenue.contract.load();
  }

  @FieldResolver(() => MoneyScalar, { description: 'Realised revenue in the period, in euros.' })
  amount(@Root() revenue: ContractRevenue) {
    return revenue.amount;
  }

  @FieldResolver(() => Date, { description: 'When this version was reported.' })
  reportedAt(@Root() revenue: ContractRevenue) {
    return revenue.createdAt;
  }

  @FieldResolver(() => Boolean, { description: 'Whether this is the latest version of its period, the one that counts.' })
  isLatest(@Root() revenue: ContractRevenue, @Ctx() ctx: RequestContext) {
    return service.isLatestVersion(ctx, revenue);
  }
}

/** The contract feature owns `Provider.contracts` and `RepresentationAgreement.contracts`. */
@Resolver(() => Provider)
export class ProviderContractsResolver {
  @FieldResolver(() => [Contract], {
    description: `The provider's contracts you may see (${CONTRACT_READERS}), newest term first.`,
    deprecationReason: replacedBy('contractsConnection'),
  })
  contracts(
    @Root() provider: Row<Provider>,
    @Arg('year', () => Int, { nullable: true, description: 'Only contracts whose term covers part of this year.' }) year: number | null,
    @Arg('segmentCode', () => String, { nullable: true, description: 'Only contracts in this segment.' }) segmentCode: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return service.contractsOfProvider(ctx, provider.id, year, segmentCode);
  }

  @FieldResolver(() => ContractConnection, { description: `The provider's contracts you may see (${CONTRACT_READERS}), newest term first.` })
  async contractsConnection(
    @Root() provider: Row<Provider>,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('year', () => Int, { nullable: true, description: 'Only contracts whose term covers part of this year.' }) year: number | null,
    @Arg('segmentCode', () => String, { nullable: true, description: 'Only contracts in this segment.' }) segmentCode: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(pageList(await service.contractsOfProvider(ctx, provider.id, year, segmentCode), 'Provider.contracts', CONTRACT_KEYS, page, ctx.config.limits));
  }
}

@Resolver(() => RepresentationAgreement)
export class AgreementContractsResolver {
  @FieldResolver(() => [Contract], {
    description: `The contracts made under this agreement that you may see (${CONTRACT_READERS}).`,
    deprecationReason: replacedBy('contractsConnection'),
  })
  contracts(@Root() agreement: RepresentationAgreement, @Ctx() ctx: RequestContext) {
    return service.contractsUnderAgreement(ctx, agreement.id);
  }

  @FieldResolver(() => ContractConnection, { description: `The contracts made under this agreement that you may see (${CONTRACT_READERS}), newest term first.` })
  async contractsConnection(@Root() agreement: RepresentationAgreement, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return toConnection(pageList(await service.contractsUnderAgreement(ctx, agreement.id), 'RepresentationAgreement.contracts', CONTRACT_KEYS, page, ctx.config.limits));
  }
}
