import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum AuthErrorCode {
  UNKNOWN_ORGANISATION = 'UNKNOWN_ORGANISATION',
  ROLE_NOT_FOR_ORGANISATION = 'ROLE_NOT_FOR_ORGANISATION',
  INVALID_EXPIRY = 'INVALID_EXPIRY',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(AuthErrorCode, {
  name: 'AuthErrorCode',
  description: 'Why a credential mutation was refused.',
  valuesConfig: {
    UNKNOWN_ORGANISATION: { description: 'No organisation of that kind has the given code.' },
    ROLE_NOT_FOR_ORGANISATION: { description: 'The role does not belong to that kind of organisation.' },
    INVALID_EXPIRY: { description: 'The lifetime is outside the allowed number of days.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    ALREADY_REVOKED: { description: 'The token was revoked before.' },
    NOT_FOUND: { description: 'No token you may manage has this ID.' },
  },
});

export const AuthUserError = userErrorType('AuthUserError', AuthErrorCode, 'A problem with a credential mutation input.');
