import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum RegionErrorCode {
  INVALID_CODE = 'INVALID_CODE',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  UNKNOWN_INSURER = 'UNKNOWN_INSURER',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  INVALID_YEAR = 'INVALID_YEAR',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  TOTAL_EXCEEDS_100 = 'TOTAL_EXCEEDS_100',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(RegionErrorCode, {
  name: 'RegionErrorCode',
  description: 'Why a region or market-share mutation was refused.',
  valuesConfig: {
    INVALID_CODE: { description: 'The region code is not 1-10 letters or digits.' },
    DUPLICATE_CODE: { description: 'The region set already has a region with this code.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    UNKNOWN_INSURER: { description: 'No insurer has the given UZOVI code.' },
    UNKNOWN_REGION: { description: 'No region has the given code.' },
    INVALID_YEAR: { description: 'The year is not between 2000 and 2100.' },
    OUT_OF_RANGE: { description: 'The share is not between 0 and 100 percent with at most two decimals.' },
    TOTAL_EXCEEDS_100: { description: 'The shares of the region and year would add up to more than 100 percent.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const RegionUserError = userErrorType('RegionUserError', RegionErrorCode, 'A problem with a region or market-share mutation input.');
