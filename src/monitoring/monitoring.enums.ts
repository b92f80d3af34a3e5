import { registerEnumType } from 'type-graphql';
import { BulkErrorPolicy } from '../shared/bulk-error-policy';
import { MonitoringPeriod, StayType, ZN_PROBLEM_CODE_DESCRIPTIONS, ZnProblemCode } from './zn';

/** The ZN format's own vocabulary (zn/zn-format.ts), published under the same names. */
registerEnumType(MonitoringPeriod, {
  name: 'MonitoringPeriod',
  description: 'The reporting period of a monitoring submission (ZN column periode).',
  valuesConfig: {
    JAAR: { description: 'The whole calendar year, the yearly cadence agreed from 2024 (seed 002).' },
    H1: { description: 'The first half year (January to June).' },
    H2: { description: 'The second half year (July to December).' },
  },
});

registerEnumType(StayType, {
  name: 'StayType',
  description: 'The type of temporary stay (type tijdelijk verblijf) a row of figures is about.',
  valuesConfig: {
    ELV_LAAG: { description: 'Low-complex first-line stay (ELV laagcomplex).' },
    ELV_HOOG: { description: 'High-complex first-line stay (ELV hoogcomplex).' },
    ELV_PALLIATIEF: { description: 'Palliative first-line stay (ELV palliatief).' },
    GRZ: { description: 'Geriatric rehabilitation care (geriatrische revalidatiezorg).' },
    OVERIG: { description: 'Any other type of temporary stay a region adds (overig).' },
  },
});

export enum SubmissionStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(SubmissionStatus, {
  name: 'MonitoringSubmissionStatus',
  description: 'Where a monitoring submission stands in its review.',
  valuesConfig: {
    DRAFT: { description: 'Uploaded by the coordination function, not yet submitted for review.' },
    SUBMITTED: { description: 'Submitted for review by an insurer that purchases from the coordination function.' },
    ACCEPTED: { description: 'Accepted by a purchasing insurer; locked until that insurer reopens it.' },
    REJECTED: { description: 'Rejected by a purchasing insurer, with a reason; the coordination function corrects and submits again.' },
  },
});

export enum SubmissionEventKind {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  REOPENED = 'REOPENED',
  RETURNED_TO_DRAFT = 'RETURNED_TO_DRAFT',
}
registerEnumType(SubmissionEventKind, {
  name: 'MonitoringSubmissionEventKind',
  description: 'A change of status in the history of a monitoring submission.',
  valuesConfig: {
    SUBMITTED: { description: 'The coordination function submitted it for review.' },
    ACCEPTED: { description: 'A purchasing insurer accepted it, which locks it.' },
    REJECTED: { description: 'A purchasing insurer rejected it, with a reason.' },
    REOPENED: { description: 'The insurer that accepted it reopened it for changes, with a reason.' },
    RETURNED_TO_DRAFT: { description: 'New figures were uploaded for a submitted or rejected submission, which makes it a draft again.' },
  },
});

/**
 * The published name of BulkErrorPolicy for ZN imports before it was shared, kept on the deprecated `errorPolicy`
 * fields for one release. Its REJECT_EVERYTHING stands for ALL_OR_NOTHING, so both names mean one behaviour.
 */
export const ZnErrorPolicy = {
  REJECT_EVERYTHING: BulkErrorPolicy.ALL_OR_NOTHING,
  REJECT_FAILED_ROWS: BulkErrorPolicy.REJECT_FAILED_ROWS,
} as const;
registerEnumType(ZnErrorPolicy, {
  name: 'ZnErrorPolicy',
  description: 'What an import does when some rows have errors. Deprecated: use BulkErrorPolicy.',
  valuesConfig: {
    REJECT_EVERYTHING: {
      description: 'All or nothing: one error rejects the whole file and nothing is written.',
      deprecationReason: 'Use ALL_OR_NOTHING of BulkErrorPolicy (rowErrorPolicy); removed in the next release.',
    },
    REJECT_FAILED_ROWS: { description: 'Rows with errors are rejected; the valid rows are imported.' },
  },
});

export enum ImportOutcome {
  APPLIED = 'APPLIED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(ImportOutcome, {
  name: 'ZnImportOutcome',
  description: 'How an import ended (for a dry run: how it would end).',
  valuesConfig: {
    APPLIED: { description: 'Figures were created or updated (rows may have been rejected under REJECT_FAILED_ROWS).' },
    UNCHANGED: { description: 'The file holds exactly the figures already stored: nothing changed.' },
    REJECTED: { description: 'Nothing was imported: the file, or under ALL_OR_NOTHING one of its rows, has an error.' },
  },
});

export enum FileFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(FileFormat, {
  name: 'ZnFileFormat',
  description: 'The kind of file of the ZN layout.',
  valuesConfig: {
    CSV: { description: 'CSV text: ";" or "," between values, UTF-8 (with or without BOM) or Windows-1252.' },
    XLSX: { description: 'An Excel workbook; the first worksheet is read, with the header in row 1.' },
  },
});

export enum ImportChannel {
  GRAPHQL_UPLOAD = 'GRAPHQL_UPLOAD',
  STAGED_UPLOAD = 'STAGED_UPLOAD',
  CLI = 'CLI',
}
registerEnumType(ImportChannel, {
  name: 'ZnImportChannel',
  description: 'The way a file came in; all three run the same pipeline.',
  valuesConfig: {
    GRAPHQL_UPLOAD: { description: 'A GraphQL multipart request (graphql-multipart-request-spec).' },
    STAGED_UPLOAD: { description: 'A staged upload: PUT to a short-lived URL, then committed with a mutation.' },
    CLI: { description: 'The command line: npm run cli -- zn upload.' },
  },
});

export enum ProblemSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}
registerEnumType(ProblemSeverity, {
  name: 'ZnProblemSeverity',
  description: 'Whether a problem rejects a row (or the file) or is only reported.',
  valuesConfig: {
    ERROR: { description: 'The row is rejected, and under ALL_OR_NOTHING the whole file.' },
    WARNING: { description: 'Reported; the row is imported all the same.' },
  },
});

registerEnumType(ZnProblemCode, {
  name: 'ZnProblemCode',
  description: 'Stable machine-readable code of a problem found in a ZN file.',
  valuesConfig: Object.fromEntries(
    Object.entries(ZN_PROBLEM_CODE_DESCRIPTIONS).map(([code, description]) => [code, { description }]),
  ) as Record<keyof typeof ZnProblemCode, { description: string }>,
});

export enum CompletenessState {
  ON_TIME = 'ON_TIME',
  LATE = 'LATE',
  NOT_SUBMITTED = 'NOT_SUBMITTED',
}
registerEnumType(CompletenessState, {
  name: 'MonitoringCompletenessState',
  description: 'Whether a coordination function delivered its figures of a year by the deadline.',
  valuesConfig: {
    ON_TIME: { description: 'Submitted (or accepted) on or before the deadline.' },
    LATE: { description: 'Submitted (or accepted) after the deadline.' },
    NOT_SUBMITTED: { description: 'Not submitted (yet): no whole-year submission, nor both half years, is submitted or accepted.' },
  },
});

export enum DeadlineSource {
  CONFIGURED = 'CONFIGURED',
  MILESTONE = 'MILESTONE',
  DEFAULT = 'DEFAULT',
}
registerEnumType(DeadlineSource, {
  name: 'MonitoringDeadlineSource',
  description: 'Where the deadline of a reporting year comes from.',
  valuesConfig: {
    CONFIGURED: { description: 'A date set for the year with monitoringDeadlineSet.' },
    MILESTONE: { description: 'The date of the policy milestone linked to the year with monitoringDeadlineSet.' },
    DEFAULT: { description: 'The default day (ZN_DEFAULT_DEADLINE, 31 March) of the year after the reporting year.' },
  },
});

/** The six purchasing conditions of seed 002, Bijlage 1 (Inkoopvoorwaarden coördinatiefuncties). */
export enum CoordinationCondition {
  CONTRACT_PREVIOUS_YEAR = 'CONTRACT_PREVIOUS_YEAR',
  MINIMUM_FUNCTIONALITIES = 'MINIMUM_FUNCTIONALITIES',
  MONITORING = 'MONITORING',
  REGIONAL_AGREEMENTS = 'REGIONAL_AGREEMENTS',
  CASE_TABLES = 'CASE_TABLES',
  REACHABLE_FOR_OTHER_FUNCTIONS = 'REACHABLE_FOR_OTHER_FUNCTIONS',
}

/** Number and wording of each condition, in the order of Bijlage 1. */
export const CONDITION_TEXT: Readonly<Record<CoordinationCondition, { number: number; text: string }>> = {
  CONTRACT_PREVIOUS_YEAR: {
    number: 1,
    text: 'The coordination function has a contract for the year before with the insurer that was not dissolved during its term.',
  },
  MINIMUM_FUNCTIONALITIES: {
    number: 2,
    text:
      'The operator meets the minimum set of four functionalities of ActiZ and ZN: triage per the ELV assessment instrument with a consult of an elderly-care physician at least 7 days a week until 22:00; 24/7 reachability and insight into available capacity; structured monitoring and evaluation; quality and effect measurement.',
  },
  MONITORING: {
    number: 3,
    text: 'The coordination function meets the monitoring requirements: it delivers the requested monitoring figures per the ZN agreements.',
  },
  REGIONAL_AGREEMENTS: {
    number: 4,
    text:
      'The operator can show regional agreements with elderly-care providers and referrers, signed by ELV providers that together cover at least 85% of the ELV beds in the region (preferably 100%) and by at least the GPs and hospitals.',
  },
  CASE_TABLES: {
    number: 5,
    text: 'The coordination function organises regional case tables (casuïstiektafels) to place hard-to-place clients faster.',
  },
  REACHABLE_FOR_OTHER_FUNCTIONS: {
    number: 6,
    text: 'The operators are reachable for other coordination functions, so that demand can overflow to other regions.',
  },
};

registerEnumType(CoordinationCondition, {
  name: 'CoordinationConditionCode',
  description: 'One of the six purchasing conditions for a coordination function (seed 002, Bijlage 1).',
  valuesConfig: Object.fromEntries(
    Object.entries(CONDITION_TEXT).map(([code, { number, text }]) => [code, { description: `${number}. ${text}` }]),
  ) as Record<CoordinationCondition, { description: string }>,
});
