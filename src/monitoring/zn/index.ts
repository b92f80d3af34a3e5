export {
  findColumn,
  MonitoringPeriod,
  StayType,
  normaliseName,
  ZN_COLUMNS,
  ZN_PERIODS,
  ZN_PROBLEM_CODE_DESCRIPTIONS,
  ZN_STAY_TYPES,
  ZnFileError,
  ZnProblemCode,
} from './zn-format';
export type {
  FigureRow,
  ZnBatch,
  ZnColumn,
  ZnFileFormat,
  ZnProblem,
  ZnReadOptions,
  ZnRow,
  ZnSeverity,
  ZnWritableRow,
} from './zn-format';
export { readZn } from './zn-reader';
export type { ZnInput } from './zn-reader';
export { writeZnCsv, writeZnXlsx } from './zn-writer';
export type { ZnRowSource } from './zn-writer';
