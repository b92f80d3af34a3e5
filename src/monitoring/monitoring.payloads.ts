import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';
import { MonitoringErrorCode } from './monitoring.errors';

/** The user-error type every monitoring payload shares, and the GraphQL name and descriptions of its codes. */

registerEnumType(MonitoringErrorCode, {
  name: 'MonitoringErrorCode',
  description: 'Why a monitoring mutation was refused.',
  valuesConfig: {
    NOT_FOUND: { description: 'No object you may act on has this ID.' },
    FILE_REQUIRED: { description: 'The upload holds no file.' },
    INVALID_IDEMPOTENCY_KEY: { description: 'An Idempotency-Key has 1 to 200 printable ASCII characters, without spaces.' },
    IDEMPOTENCY_KEY_REUSED: { description: 'The Idempotency-Key was used before for a file with other content; use a new key for a new file.' },
    UPLOAD_EXPIRED: { description: 'The staged upload expired; start a new one.' },
    UPLOAD_NOT_RECEIVED: { description: 'The file of the staged upload has not been PUT yet.' },
    INVALID_STATUS: { description: 'The submission is not in a status that allows this step.' },
    REASON_REQUIRED: { description: 'A reason is required for this step.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    INVALID_YEAR: { description: 'The year is outside 2000 to 2100.' },
    INVALID_DEADLINE: { description: 'Give either a date or a policy milestone, and a date that is not before the reporting year ends.' },
    NOT_A_COORDINATION_FUNCTION: { description: 'The provider is not a coordination function.' },
    UNKNOWN_PROVIDER: { description: 'No provider has this AGB code or ID.' },
    OUTSIDE_REGION: { description: "The signatory does not work in the coordination function's region." },
    DUPLICATE_SIGNATORY: { description: 'A provider is listed twice.' },
    INVALID_BEDS: { description: 'A number of beds is a whole number from 0 to 100000.' },
    REQUIRED: { description: 'A required value is empty.' },
    NOT_THE_REVIEWER: {
      description: 'No longer returned: reopening follows the rule of accepting (the preferred insurer), refused as FORBIDDEN.',
      deprecationReason: 'Never returned since reopening is decided by the preferred insurer (seed 002); removed in the next release.',
    },
  },
});

export const MonitoringUserError = userErrorType('MonitoringUserError', MonitoringErrorCode, 'A problem with a monitoring mutation input.');
