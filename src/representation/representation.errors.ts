import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum RepresentationErrorCode {
  UNKNOWN_SEGMENT = 'UNKNOWN_SEGMENT',
  NOT_REPRESENTATION_SEGMENT = 'NOT_REPRESENTATION_SEGMENT',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  UNKNOWN_INSURER = 'UNKNOWN_INSURER',
  INVALID_YEAR = 'INVALID_YEAR',
  SAME_INSURER = 'SAME_INSURER',
  SAME_CONCERN = 'SAME_CONCERN',
  NO_MARKET_SHARE = 'NO_MARKET_SHARE',
  DUPLICATE_AGREEMENT = 'DUPLICATE_AGREEMENT',
  TOO_LONG = 'TOO_LONG',
  NOT_FOUND = 'NOT_FOUND',
}
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

export enum RepresentationWarningCode {
  LEAD_NOT_LARGEST = 'LEAD_NOT_LARGEST',
  SECOND_NOT_SECOND_LARGEST = 'SECOND_NOT_SECOND_LARGEST',
}
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

export enum RepresentationRole {
  LEAD = 'LEAD',
  CO_REPRESENTING = 'CO_REPRESENTING',
  FOLLOWER = 'FOLLOWER',
}
registerEnumType(RepresentationRole, {
  name: 'RepresentationRole',
  description: "An insurer's part in the representation of a region; insurers of one concern share their concern's part.",
  valuesConfig: {
    LEAD: { description: 'The insurer, or an insurer of its concern, is the lead (market leader) and purchases for all.' },
    CO_REPRESENTING: { description: 'The insurer, or an insurer of its concern, is the second insurer and purchases jointly with the lead.' },
    FOLLOWER: { description: 'The insurer has a market share in the region and follows the agreements of the representing insurers.' },
  },
});
