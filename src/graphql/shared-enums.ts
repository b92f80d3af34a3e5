import { registerEnumType } from 'type-graphql';
import { BulkErrorPolicy } from '../shared/bulk-error-policy';

registerEnumType(BulkErrorPolicy, {
  name: 'BulkErrorPolicy',
  description: 'What a bulk write (a KPI measurement batch, a ZN import) does when some rows are wrong.',
  valuesConfig: {
    ALL_OR_NOTHING: { description: 'Write nothing when any row is wrong; every error is reported with its row.' },
    REJECT_FAILED_ROWS: { description: 'Write the good rows and reject the wrong ones, each error with its row.' },
  },
});

/** Re-exported so that a GraphQL field naming the enum imports the module that registers it. */
export { BulkErrorPolicy };
