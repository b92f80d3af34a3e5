import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum PolicyErrorCode {
  UNKNOWN_INSURER = 'UNKNOWN_INSURER',
  UNKNOWN_SEGMENT = 'UNKNOWN_SEGMENT',
  INVALID_YEAR = 'INVALID_YEAR',
  INVALID_TERM = 'INVALID_TERM',
  OVERLAPPING_POLICY = 'OVERLAPPING_POLICY',
  DATE_OUT_OF_RANGE = 'DATE_OUT_OF_RANGE',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(PolicyErrorCode, {
  name: 'PolicyErrorCode',
  description: 'Why a purchasing-policy or milestone mutation was refused.',
  valuesConfig: {
    UNKNOWN_INSURER: { description: 'No insurer has the given UZOVI code.' },
    UNKNOWN_SEGMENT: { description: 'No segment has the given code.' },
    INVALID_YEAR: { description: 'A year is outside 2000-2100, or the last year is before the first.' },
    INVALID_TERM: { description: 'The contract term is not 1 to 5 years.' },
    OVERLAPPING_POLICY: { description: 'The insurer already has a policy for this segment covering one of these years.' },
    DATE_OUT_OF_RANGE: { description: "A date lies too far from the policy's contract years (more than two years before or one after)." },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'The object to change does not exist or is not visible to you.' },
  },
});

export const PolicyUserError = userErrorType('PolicyUserError', PolicyErrorCode, 'A problem with a purchasing-policy or milestone mutation input.');
