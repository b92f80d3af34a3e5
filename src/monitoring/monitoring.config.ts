import { ZN_STAY_TYPES, StayType } from './zn';

/** Settings of the monitoring feature (README's settings table lists them with the others). */
export interface MonitoringConfig {
  /** Largest upload in bytes, enforced while the file streams in. */
  maxUploadBytes: number;
  /** Most data rows one upload may hold. */
  maxRows: number;
  /** Data rows validated and staged together; bounds the memory of an import. */
  batchSize: number;
  /** Most problems an import summary lists one by one; the counts always cover all of them. */
  maxProblems: number;
  /** PUTs of staged files a credential may make per minute. */
  stagedPutsPerMinute: number;
  /** How long a staged upload may wait for its PUT and its commit. */
  stagedUploadTtlSeconds: number;
  /** Prefix of the staged-upload URL, e.g. "https://api.example.nl"; a path relative to the server when unset. */
  publicBaseUrl: string | null;
  /** Default deadline of a reporting year, as MM-DD of the year after; a deadline set for the year wins. */
  defaultDeadline: string;
  /** Stay types whose three required figures a complete submission holds. */
  requiredStayTypes: StayType[];
  /** A figure that changes by more than this percentage against the year before gets a warning. */
  outlierPercent: number;
}

type Env = Record<string, string | undefined>;

export class MonitoringConfigError extends Error {}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new MonitoringConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new MonitoringConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function monthDay(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  const match = /^(\d{2})-(\d{2})$/.exec(raw);
  const valid = match && new Date(Date.UTC(2001, Number(match[1]) - 1, Number(match[2]))).getUTCDate() === Number(match[2]);
  if (!valid) throw new MonitoringConfigError(`${name} must be a day of the year as MM-DD (e.g. 03-31), got "${raw}"`);
  return raw;
}

function stayTypes(env: Env, name: string): StayType[] {
  const raw = env[name]?.trim();
  if (!raw) return ['ELV_LAAG', 'ELV_HOOG', 'ELV_PALLIATIEF', 'GRZ'];
  const list = raw.split(',').map((s) => s.trim().toUpperCase());
  for (const item of list) {
    if (!(ZN_STAY_TYPES as readonly string[]).includes(item)) {
      throw new MonitoringConfigError(`${name} must list stay types out of ${ZN_STAY_TYPES.join(', ')}; got "${item}"`);
    }
  }
  return [...new Set(list)] as StayType[];
}

function baseUrl(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error();
  } catch {
    throw new MonitoringConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

export function loadMonitoringConfig(env: Env): MonitoringConfig {
  return {
    maxUploadBytes: int(env, 'ZN_MAX_UPLOAD_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxRows: int(env, 'ZN_MAX_ROWS', 250_000, 1, 5_000_000),
    batchSize: int(env, 'ZN_BATCH_SIZE', 500, 1, 50_000),
    maxProblems: int(env, 'ZN_MAX_PROBLEMS', 1000, 1, 100_000),
    stagedPutsPerMinute: int(env, 'ZN_STAGED_PUTS_PER_MINUTE', 30, 1, 100_000),
    stagedUploadTtlSeconds: int(env, 'ZN_STAGED_UPLOAD_TTL_SECONDS', 900, 10, 86_400),
    publicBaseUrl: baseUrl(env, 'PUBLIC_BASE_URL'),
    defaultDeadline: monthDay(env, 'ZN_DEFAULT_DEADLINE', '03-31'),
    requiredStayTypes: stayTypes(env, 'ZN_REQUIRED_STAY_TYPES'),
    outlierPercent: int(env, 'ZN_OUTLIER_PERCENT', 50, 1, 1000),
  };
}
