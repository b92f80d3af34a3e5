import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum CeilingProcedureErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  CONTRACT_NOT_FOUND = 'CONTRACT_NOT_FOUND',
  SEGMENT_NOT_COVERED = 'SEGMENT_NOT_COVERED',
  CONTRACT_NOT_SIGNED = 'CONTRACT_NOT_SIGNED',
  NO_CEILING = 'NO_CEILING',
  YEAR_OUTSIDE_TERM = 'YEAR_OUTSIDE_TERM',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  NEGATIVE_AMOUNT = 'NEGATIVE_AMOUNT',
  TOO_LONG = 'TOO_LONG',
  NOT_FOR_KIND = 'NOT_FOR_KIND',
  INCOMPLETE = 'INCOMPLETE',
  PROTECTED_CARE_ROOM_REQUIRED = 'PROTECTED_CARE_ROOM_REQUIRED',
  INVALID_STATUS_TRANSITION = 'INVALID_STATUS_TRANSITION',
  INVALID_DATE = 'INVALID_DATE',
  NOTE_REQUIRED = 'NOTE_REQUIRED',
}
registerEnumType(CeilingProcedureErrorCode, {
  name: 'CeilingProcedureErrorCode',
  description: 'Why a ceiling-procedure mutation was refused.',
  valuesConfig: {
    NOT_FOUND: { description: 'No ceiling procedure you may see has this ID.' },
    CONTRACT_NOT_FOUND: { description: 'No contract of which you are the insurer or provider has this ID.' },
    SEGMENT_NOT_COVERED: { description: 'The seeds define a ceiling-threat procedure only for ZG (seed 003) and MSZ (seed 004) contracts.' },
    CONTRACT_NOT_SIGNED: { description: 'Only a signed contract has a ceiling that counts.' },
    NO_CEILING: { description: 'The contract has no ceiling (ceiling kind NONE).' },
    YEAR_OUTSIDE_TERM: { description: "The year is not a year of the contract's term." },
    ALREADY_EXISTS: { description: 'The contract already has a procedure for this year.' },
    INVALID_AMOUNT: { description: 'The amount is not a decimal string in euros with at most two decimals and twelve digits before the point.' },
    NEGATIVE_AMOUNT: { description: 'The amount is below zero.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOR_KIND: { description: 'The field or step belongs to the other procedure (ZG meeting, MSZ information and redirect).' },
    INCOMPLETE: { description: 'A fact the procedure requires is missing (ZG: explanation, forecast with its basis, growth plans; MSZ: explanation, care concerned).' },
    PROTECTED_CARE_ROOM_REQUIRED: { description: 'MSZ: chronic, emergency and restitution care must always fit under the ceiling; the request must confirm room is kept for it (seed 004).' },
    INVALID_STATUS_TRANSITION: { description: 'The procedure is not in the status this step starts from.' },
    INVALID_DATE: { description: 'The date lies before the submission, or in the future.' },
    NOTE_REQUIRED: { description: 'An answer needs an explanation.' },
  },
});

export const CeilingProcedureUserError = userErrorType('CeilingProcedureUserError', CeilingProcedureErrorCode, 'A problem with a ceiling-procedure mutation input.');
