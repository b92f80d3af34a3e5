import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum InsurerErrorCode {
  INVALID_UZOVI = 'INVALID_UZOVI',
  DUPLICATE_UZOVI = 'DUPLICATE_UZOVI',
  INVALID_CODE = 'INVALID_CODE',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  UNKNOWN_CONCERN = 'UNKNOWN_CONCERN',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(InsurerErrorCode, {
  name: 'InsurerErrorCode',
  description: 'Why an insurer or concern mutation was refused.',
  valuesConfig: {
    INVALID_UZOVI: { description: 'The UZOVI code is not exactly four digits.' },
    DUPLICATE_UZOVI: { description: 'Another insurer already has this UZOVI code.' },
    INVALID_CODE: { description: 'The concern code is not 2-40 capitals, digits or underscores.' },
    DUPLICATE_CODE: { description: 'Another concern already has this code.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    UNKNOWN_CONCERN: { description: 'No concern has the given code.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const InsurerUserError = userErrorType('InsurerUserError', InsurerErrorCode, 'A problem with an insurer or concern mutation input.');
