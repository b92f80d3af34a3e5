import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum SegmentErrorCode {
  INVALID_CODE = 'INVALID_CODE',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(SegmentErrorCode, {
  name: 'SegmentErrorCode',
  description: 'Why a segment mutation was refused.',
  valuesConfig: {
    INVALID_CODE: { description: 'The code is not 2-40 capitals, digits or underscores.' },
    DUPLICATE_CODE: { description: 'Another segment already has this code.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const SegmentUserError = userErrorType('SegmentUserError', SegmentErrorCode, 'A problem with a segment mutation input.');
