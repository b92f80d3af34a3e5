import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum ProviderErrorCode {
  INVALID_AGB = 'INVALID_AGB',
  DUPLICATE_AGB = 'DUPLICATE_AGB',
  INVALID_KVK = 'INVALID_KVK',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(ProviderErrorCode, {
  name: 'ProviderErrorCode',
  description: 'Why a provider mutation was refused.',
  valuesConfig: {
    INVALID_AGB: { description: 'The AGB code is not exactly eight digits.' },
    DUPLICATE_AGB: { description: 'Another provider already has this AGB code.' },
    INVALID_KVK: { description: 'The KvK number is not exactly eight digits.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    UNKNOWN_REGION: { description: 'No ambulance region has the given code.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const ProviderUserError = userErrorType('ProviderUserError', ProviderErrorCode, 'A problem with a provider mutation input.');
