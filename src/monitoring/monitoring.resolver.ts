import { SUBMISSION_RESOLVERS } from './submission/submission.resolver';
import { UPLOAD_RESOLVERS } from './upload/upload.resolver';
import { MonitoringExportResolver } from './export/export.resolver';
import { COMPLETENESS_RESOLVERS } from './completeness/completeness.resolver';
import { CHECKLIST_RESOLVERS } from './checklist/checklist.resolver';

/** Every resolver class of the monitoring feature, one list per sub-folder; src/graphql/resolvers.ts spreads it. */
export const MONITORING_RESOLVERS = [
  ...SUBMISSION_RESOLVERS,
  ...UPLOAD_RESOLVERS,
  MonitoringExportResolver,
  ...COMPLETENESS_RESOLVERS,
  ...CHECKLIST_RESOLVERS,
] as const;
