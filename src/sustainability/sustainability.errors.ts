import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';

export enum SustainabilityErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  NO_REQUEST = 'NO_REQUEST',
  UNKNOWN_QUESTION = 'UNKNOWN_QUESTION',
  DUPLICATE_QUESTION = 'DUPLICATE_QUESTION',
  REQUIRED = 'REQUIRED',
  INVALID_VALUE = 'INVALID_VALUE',
  INCONSISTENT = 'INCONSISTENT',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  FILE_REQUIRED = 'FILE_REQUIRED',
  INVALID_FILE = 'INVALID_FILE',
  MISSING_COLUMN = 'MISSING_COLUMN',
}

registerEnumType(SustainabilityErrorCode, {
  name: 'SustainabilityErrorCode',
  description: 'Why a sustainability answer (GraphQL or file) was refused.',
  valuesConfig: {
    NOT_FOUND: { description: 'No provider you may answer for has this AGB code.' },
    NO_REQUEST: { description: 'The insurers made no sustainability request for this year.' },
    UNKNOWN_QUESTION: { description: "The code is not a question of the year's request." },
    DUPLICATE_QUESTION: { description: 'A question is answered twice.' },
    REQUIRED: { description: 'A required question has no answer.' },
    INVALID_VALUE: { description: "The answer does not fit the question's type (yes/no, decimal, date, or one of the choices), or a workbook cell holds a formula or an Excel error." },
    INCONSISTENT: { description: 'Two answers contradict each other (a delivery date for a roadmap that was not delivered).' },
    VERSION_CONFLICT: { description: 'The answers changed since the version you corrected; read them again.' },
    FILE_REQUIRED: { description: 'The request holds no file.' },
    INVALID_FILE: { description: 'The file is neither readable CSV text nor a readable XLSX workbook, or larger than allowed (bytes, rows, or what a workbook unpacks to).' },
    MISSING_COLUMN: { description: 'The header lacks the column code or value.' },
  },
});

export const SustainabilityUserError = userErrorType('SustainabilityUserError', SustainabilityErrorCode, 'A problem with a sustainability answer.');
export type SustainabilityUserErrorShape = InstanceType<typeof SustainabilityUserError>;
