import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType, replacedBy } from '../graphql/connection';
import { userErrorType } from '../graphql/user-error';
import { Insurer } from '../insurer/insurer.entity';
import { Region, RegionKind } from '../region/region.entity';
import { Segment } from '../segment/segment.entity';
import { RepresentationAgreement } from './representation-agreement.entity';
import { RepresentationErrorCode, RepresentationRole, RepresentationWarningCode } from './representation.errors';

registerEnumType(RepresentationErrorCode, {
  name: 'RepresentationErrorCode',
  description: 'Why a representation-agreement mutation was refused.',
  valuesConfig: {
    UNKNOWN_SEGMENT: { description: 'No segment has the given code.' },
    NOT_REPRESENTATION_SEGMENT: { description: 'The segment is not purchased by representation.' },
    UNKNOWN_REGION: { description: 'No region of the region set has the given code.' },
    UNKNOWN_INSURER: { description: 'No insurer has the given UZOVI code.' },
    INVALID_YEAR: { description: 'The year is not between 2000 and 2100.' },
    SAME_INSURER: { description: 'The lead and the co-representing insurer are the same insurer.' },
    SAME_CONCERN: { description: 'The lead and the co-representing insurer belong to one concern, which counts as one party.' },
    NO_MARKET_SHARE: { description: 'A representing insurer has no market share in the region that year.' },
    DUPLICATE_AGREEMENT: { description: 'The segment, region and year already have an agreement.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'The agreement to update does not exist.' },
  },
});

export const RepresentationUserError = userErrorType(
  'RepresentationUserError',
  RepresentationErrorCode,
  'A problem with a representation-agreement mutation input.',
);

registerEnumType(RepresentationWarningCode, {
  name: 'RepresentationWarningCode',
  description: 'How an agreement departs from the market shares of its region and year.',
  valuesConfig: {
    LEAD_NOT_LARGEST: { description: 'Another insurer has a larger market share than the lead insurer, or the lead has none.' },
    SECOND_NOT_SECOND_LARGEST: {
      description: "An insurer outside the lead's concern has a larger market share than the co-representing insurer, or the latter has none.",
    },
  },
});

registerEnumType(RepresentationRole, {
  name: 'RepresentationRole',
  description: "An insurer's part in the representation of a region; insurers of one concern share their concern's part.",
  valuesConfig: {
    LEAD: { description: 'The insurer, or an insurer of its concern, is the lead (market leader) and purchases for all.' },
    CO_REPRESENTING: { description: 'The insurer, or an insurer of its concern, is the second insurer and purchases jointly with the lead.' },
    FOLLOWER: { description: 'The insurer has a market share in the region and follows the agreements of the representing insurers.' },
  },
});

export const RepresentationAgreementConnection = connectionType(RepresentationAgreement, 'RepresentationAgreement', 'representation agreement');

@ObjectType('RepresentationWarning', { description: 'A way in which an agreement departs from the market shares; the agreement stands, the warning informs.' })
export class RepresentationWarning {
  @Field(() => RepresentationWarningCode, { description: 'Stable machine-readable code of the departure.' })
  code!: RepresentationWarningCode;

  @Field(() => String, { description: 'What departs, in a sentence a person understands.' })
  message!: string;

  @Field(() => Insurer, { nullable: true, description: 'The insurer with the largest market share in the region that year.' })
  expectedLeadInsurer!: Insurer | null;

  @Field(() => Insurer, { nullable: true, description: "The insurer with the largest market share outside the expected lead's concern." })
  expectedSecondInsurer!: Insurer | null;
}

@ObjectType('RepresentationAgreementPayload', { description: 'Result of a representation-agreement mutation.' })
export class RepresentationAgreementPayload {
  @Field(() => RepresentationAgreement, { nullable: true, description: 'The agreement as saved; null when userErrors is not empty.' })
  representationAgreement!: RepresentationAgreement | null;

  @Field(() => [RepresentationWarning], {
    description: 'Departures from the market shares (the representing insurers are not the two largest); the agreement was saved anyway.',
  })
  warnings!: RepresentationWarning[];

  @Field(() => [RepresentationUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof RepresentationUserError>[];
}

@ObjectType('RegionRepresentation', { description: 'Who represents in one region, or that nobody does yet.' })
export class RegionRepresentation {
  @Field(() => Region, { description: 'The region.' })
  region!: Region;

  @Field(() => RepresentationAgreement, { nullable: true, description: 'The agreement for the region, or null when it is not covered.' })
  agreement!: RepresentationAgreement | null;

  @Field(() => Insurer, { nullable: true, description: 'The lead insurer, or null when the region is not covered.' })
  leadInsurer!: Insurer | null;

  @Field(() => Insurer, { nullable: true, description: 'The co-representing insurer, or null when the region is not covered.' })
  secondInsurer!: Insurer | null;
}

@ObjectType('RepresentationCoverage', { description: 'Which regions of a region set have a representation agreement for a segment and year.' })
export class RepresentationCoverage {
  @Field(() => Segment, { description: 'The segment.' })
  segment!: Segment;

  @Field(() => Int, { description: 'The contract year.' })
  year!: number;

  @Field(() => RegionKind, { description: 'The region set checked.' })
  regionKind!: RegionKind;

  @Field(() => Int, { description: 'Number of regions in the region set (25 ambulance regions).' })
  regionCount!: number;

  @Field(() => Int, { description: 'Number of those regions that have an agreement.' })
  coveredRegionCount!: number;

  @Field(() => Boolean, { description: 'Whether every region of the set has an agreement.' })
  allRegionsCovered!: boolean;

  @Field(() => [RegionRepresentation], { description: 'Every region of the set by code, with its lead and second insurer.' })
  regions!: RegionRepresentation[];

  @Field(() => [Region], { description: 'The regions without an agreement, by code.', deprecationReason: replacedBy('uncoveredRegionsConnection') })
  uncoveredRegions!: Region[];
}

@ObjectType('InsurerRegionRole', { description: "An insurer's part in the representation of one region." })
export class InsurerRegionRole {
  @Field(() => Region, { description: 'The region.' })
  region!: Region;

  @Field(() => RepresentationRole, { description: 'Lead, co-representing (directly or through its concern) or follower.' })
  role!: RepresentationRole;

  @Field(() => Insurer, { description: 'The insurer that holds the role: the insurer itself, or the insurer of its concern that represents.' })
  actingInsurer!: Insurer;

  @Field(() => RepresentationAgreement, { description: 'The agreement the role is in.' })
  agreement!: RepresentationAgreement;
}

@ObjectType('RepresentationPurchasers', { description: 'Who purchases on behalf of an insurer in a region, segment and year.' })
export class RepresentationPurchasers {
  @Field(() => Insurer, { description: 'The insurer asked about.' })
  insurer!: Insurer;

  @Field(() => Segment, { description: 'The segment.' })
  segment!: Segment;

  @Field(() => Region, { description: 'The region.' })
  region!: Region;

  @Field(() => Int, { description: 'The contract year.' })
  year!: number;

  @Field(() => RepresentationRole, {
    nullable: true,
    description: 'The insurer\'s part; null when the segment is not purchased by representation, there is no agreement, or the insurer has no part in the region.',
  })
  role!: RepresentationRole | null;

  @Field(() => RepresentationAgreement, { nullable: true, description: 'The agreement that applies, or null when there is none.' })
  agreement!: RepresentationAgreement | null;

  @Field(() => [Insurer], {
    deprecationReason: replacedBy('purchasersConnection'),
    description:
      'The insurers that purchase on its behalf: the lead and the co-representing insurer under representation; the insurer itself in a segment without representation; empty when a representation segment has no agreement for the region.',
  })
  purchasers!: Insurer[];
}
