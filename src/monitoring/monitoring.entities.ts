import { MonitoringSubmission } from './submission/submission.entity';
import { MonitoringSubmissionVersion } from './submission/submission-version.entity';
import { MonitoringSubmissionEvent } from './submission/submission-event.entity';
import { MonitoringImport } from './upload/import.entity';
import { MonitoringStagedUpload, MonitoringStagedUploadChunk } from './upload/staged-upload.entity';
import { MonitoringDeadline } from './completeness/deadline.entity';
import { CoordinationConditionAssessment, CoordinationSignatory, ProviderElvBeds } from './checklist/checklist.entities';

/** The tables of the monitoring feature, registered in src/db/entities.ts. */
export const MONITORING_ENTITIES = [
  MonitoringSubmission,
  MonitoringSubmissionVersion,
  MonitoringSubmissionEvent,
  MonitoringImport,
  MonitoringStagedUpload,
  MonitoringStagedUploadChunk,
  MonitoringDeadline,
  CoordinationConditionAssessment,
  CoordinationSignatory,
  ProviderElvBeds,
];
