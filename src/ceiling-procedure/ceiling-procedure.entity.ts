import { Check, Entity, Enum, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { Node } from '../graphql/node';
import { encodeGlobalId } from '../core/global-id';
import { DateScalar } from '../graphql/scalars';
import { Contract } from '../contract/contract.entity';

export enum CeilingProcedureKind {
  ZG_THREAT_REPORT = 'ZG_THREAT_REPORT',
  MSZ_REDIRECT_REQUEST = 'MSZ_REDIRECT_REQUEST',
}
registerEnumType(CeilingProcedureKind, {
  name: 'CeilingProcedureKind',
  description: "Which policy's ceiling-threat procedure applies, following the contract's segment.",
  valuesConfig: {
    ZG_THREAT_REPORT: { description: 'ZG (seed 003): the provider reports a threatening ceiling by 1 September; the insurer answers within 4 weeks after the meeting.' },
    MSZ_REDIRECT_REQUEST: {
      description: 'MSZ (seed 004): the provider turns to the insurer when the ceiling is (nearly) reached; the decision on buying extra care follows within 5 weeks after all information is in.',
    },
  },
});

export enum CeilingProcedureStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  MEETING_HELD = 'MEETING_HELD',
  ALL_INFORMATION_RECEIVED = 'ALL_INFORMATION_RECEIVED',
  DECIDED = 'DECIDED',
}
registerEnumType(CeilingProcedureStatus, {
  name: 'CeilingProcedureStatus',
  description: 'Where a ceiling-threat procedure stands: DRAFT, SUBMITTED, then MEETING_HELD (ZG) or ALL_INFORMATION_RECEIVED (MSZ), then DECIDED.',
  valuesConfig: {
    DRAFT: { description: 'Being written by the provider; the insurer sees it but nothing is due from it yet.' },
    SUBMITTED: { description: 'Sent to the insurer.' },
    MEETING_HELD: { description: 'ZG: the meeting on the report took place; the 4-week answer period runs.' },
    ALL_INFORMATION_RECEIVED: { description: 'MSZ: the insurer has all the information it asked for; the 5-week decision period runs.' },
    DECIDED: { description: "The insurer answered; the procedure is closed." },
  },
});

export enum CeilingProcedureDecision {
  ADDITIONAL_AGREEMENT = 'ADDITIONAL_AGREEMENT',
  NO_ADDITIONAL_AGREEMENT = 'NO_ADDITIONAL_AGREEMENT',
}
registerEnumType(CeilingProcedureDecision, {
  name: 'CeilingProcedureDecision',
  description: "The insurer's answer.",
  valuesConfig: {
    ADDITIONAL_AGREEMENT: { description: 'Extra room: additional agreements (ZG) or care bought in addition (MSZ, only for a duty-of-care issue).' },
    NO_ADDITIONAL_AGREEMENT: { description: 'No extra room: the ceiling stays as agreed.' },
  },
});

/**
 * A provider's report (ZG) or request (MSZ) that a contract's revenue ceiling threatens to fill, one per contract and
 * year, with the insurer's answer. Confidential to the contract's insurer and provider only.
 */
@ObjectType('CeilingProcedure', {
  implements: Node,
  description: "A ceiling-threat report (ZG, seed 003) or request (MSZ, seed 004) of a contract's provider for one year, and the insurer's answer. Readable by the contract's insurer and provider only.",
})
@Entity({ tableName: 'ceiling_procedure' })
@Unique({ properties: ['contract', 'year'] })
@Check({ name: 'ceiling_procedure_forecast', expression: 'forecast_amount is null or forecast_amount >= 0' })
export class CeilingProcedure extends BaseEntity<
  | 'explanation'
  | 'forecastAmount'
  | 'forecastBasis'
  | 'growthPlans'
  | 'careConcerned'
  | 'redirectRequested'
  | 'protectedCareRoomKept'
  | 'submittedOn'
  | 'meetingOn'
  | 'informationCompleteOn'
  | 'decision'
  | 'patientsRedirected'
  | 'decisionNote'
  | 'decidedOn'
> {
  @ManyToOne(() => Contract, { ref: true })
  contract!: Ref<Contract>;

  @Field(() => Int, { description: 'The contract year whose ceiling threatens to fill.' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => CeilingProcedureKind, { description: "Which policy's procedure applies (the contract's segment)." })
  @Enum({ items: () => CeilingProcedureKind, nativeEnumName: 'ceiling_procedure_kind' })
  kind!: CeilingProcedureKind;

  @Field(() => CeilingProcedureStatus, { description: 'Where the procedure stands.' })
  @Enum({ items: () => CeilingProcedureStatus, nativeEnumName: 'ceiling_procedure_status' })
  status!: CeilingProcedureStatus;

  @Field(() => String, { description: 'The explanation of the growth (ZG: "een verklaring van de stijging"; MSZ: why the ceiling is (nearly) reached).' })
  @Property({ type: 'text', default: '' })
  explanation: string = '';

  /** Euros, exact; exposed through a field resolver as Money. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  forecastAmount: string | null = null;

  @Field(() => String, { description: 'The substantiation of the forecast (ZG: "uw onderbouwde prognose").' })
  @Property({ type: 'text', default: '' })
  forecastBasis: string = '';

  @Field(() => String, { description: 'ZG: the plans to limit the growth of revenue ("uw plannen om de omzetstijging te beperken").' })
  @Property({ type: 'text', default: '' })
  growthPlans: string = '';

  @Field(() => String, { description: 'MSZ: the care the request concerns (new patients at the gate, by specialty or care type).' })
  @Property({ type: 'text', default: '' })
  careConcerned: string = '';

  @Field(() => Boolean, { description: 'MSZ: whether the provider asks the insurer to redirect new patients to providers with ceiling room.' })
  @Property({ type: 'boolean', default: false })
  redirectRequested: boolean = false;

  @Field(() => Boolean, {
    description: 'MSZ: the provider confirms it keeps room under the ceiling for chronic, emergency and restitution care, which is always delivered within it (seed 004).',
  })
  @Property({ type: 'boolean', default: false })
  protectedCareRoomKept: boolean = false;

  @Field(() => DateScalar, { nullable: true, description: 'When the provider submitted it (server date); null while DRAFT.' })
  @Property({ type: 'date', nullable: true })
  submittedOn: string | null = null;

  @Field(() => DateScalar, { nullable: true, description: 'ZG: the date of the meeting on the report, as the insurer recorded it.' })
  @Property({ type: 'date', nullable: true })
  meetingOn: string | null = null;

  @Field(() => DateScalar, { nullable: true, description: 'MSZ: the date on which the insurer had all the information it asked for.' })
  @Property({ type: 'date', nullable: true })
  informationCompleteOn: string | null = null;

  @Field(() => CeilingProcedureDecision, { nullable: true, description: "The insurer's answer; null until DECIDED." })
  @Enum({ items: () => CeilingProcedureDecision, nativeEnumName: 'ceiling_procedure_decision', nullable: true })
  decision: CeilingProcedureDecision | null = null;

  @Field(() => Boolean, { nullable: true, description: 'MSZ: whether the insurer redirects new patients to other providers; null until DECIDED and for ZG.' })
  @Property({ type: 'boolean', nullable: true })
  patientsRedirected: boolean | null = null;

  @Field(() => String, { description: "The insurer's explanation of its answer." })
  @Property({ type: 'text', default: '' })
  decisionNote: string = '';

  @Field(() => DateScalar, { nullable: true, description: 'When the insurer answered (server date); null until DECIDED.' })
  @Property({ type: 'date', nullable: true })
  decidedOn: string | null = null;

  get globalId(): string {
    return encodeGlobalId('CeilingProcedure', this.id);
  }
}
