import { loadMonitoringConfig, MonitoringConfig, MonitoringConfigError } from './monitoring/monitoring.config';

/**
 * Every setting comes from the environment, is validated once at start-up, and has a default that works on a
 * developer machine. README's settings table mirrors this file.
 */
export type Environment = 'development' | 'test' | 'production';

export interface Config {
  env: Environment;
  host: string;
  port: number;
  /** Unset: an embedded PostgreSQL is started with its data in `embeddedDataDir`. */
  databaseUrl: string | null;
  /** Read replicas (streaming standbys of the primary) that queries may read from. */
  databaseReplicaUrls: string[];
  /** A replica further behind than this is skipped until it catches up. */
  replicaMaxLagSeconds: number;
  embeddedDataDir: string;
  embeddedPort: number;
  /** Apply pending migrations at start (always true for the embedded database). */
  migrateOnStart: boolean;
  /** Seed reference and demo data into an empty database at start. */
  seedOnStart: boolean;
  introspection: boolean;
  limits: QueryLimits;
  /** Adds `extensions.sqlStatements` to responses: the number of SQL statements the request ran. */
  reportSqlStatements: boolean;
  shutdownGraceMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  auth: AuthConfig;
  monitoring: MonitoringConfig;
  /** Bearer token that GET /metrics requires; unset: /metrics answers 404. */
  metricsToken: string | null;
  web: WebConfig;
}

export interface WebConfig {
  /** Origins (scheme://host[:port]) whose pages may call the API from the browser; none by default. */
  corsOrigins: string[];
  /** Where `npm run build` writes the web app's bundles (relative to the working directory). */
  assetsDir: string;
  /** Sign-in at the identity provider (authorization code with PKCE); null unless fully configured with OIDC. */
  oidcClient: OidcWebClient | null;
}

export interface OidcWebClient {
  authorizationUrl: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
}

export interface AuthConfig {
  /** OpenID Connect: JWTs are accepted only when it is configured (null: API tokens only). */
  oidc: OidcConfig | null;
  tokenDefaultDays: number;
  tokenMaxDays: number;
  /** Query-cost points per minute per credential, by role. */
  rateLimits: Record<string, number>;
  /** Failed authentications a source address may make per minute before it is refused with 429. */
  failedAuthPerMinute: number;
  /** Proxy hops in front of the API whose X-Forwarded-For names the source address (0: the TCP peer is). */
  trustProxyHops: number;
  /** Print fresh demo tokens at start (development only). */
  printDemoTokens: boolean;
}

export interface OidcConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Claim (or dotted path, "realm_access.roles") holding the organisation: "operator", "insurer:<UZOVI>" or "provider:<AGB>". */
  organisationClaim: string;
  /** Claim (or dotted path) holding the role: a Role name, or an array of names as identity providers issue them. */
  roleClaim: string;
  /** Seconds by which exp and nbf may be off, for clocks that differ between the provider and this server. */
  clockToleranceSeconds: number;
}

export const ROLE_NAMES = ['OPERATOR_ADMIN', 'INSURER_ADMIN', 'INSURER_MEMBER', 'PROVIDER_ADMIN', 'PROVIDER_SUBMITTER', 'DASHBOARD'] as const;
const DEFAULT_RATE_LIMIT = 60000;

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Largest `first` a connection accepts. */
  maxPageSize: number;
  defaultPageSize: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  try {
    const parsed = new URL(raw);
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error();
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw;
}

function replicaUrls(env: Env): string[] {
  const urls = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const u of urls) {
    if (!/^postgres(ql)?:\/\//.test(u)) throw new ConfigError('DATABASE_REPLICA_URLS must be postgres:// URLs separated by commas');
  }
  if (urls.length > 0 && !env.DATABASE_URL?.trim()) throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary)');
  return urls;
}

function secret(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^\S{24,200}$/.test(raw)) throw new ConfigError(`${name} must be 24 to 200 characters without spaces`);
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    env: nodeEnv,
    host: env.HOST?.trim() || '127.0.0.1',
    port: int(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    databaseReplicaUrls: replicaUrls(env),
    replicaMaxLagSeconds: int(env, 'DATABASE_REPLICA_MAX_LAG_SECONDS', 5, 0, 3600),
    embeddedDataDir: env.EMBEDDED_PG_DIR?.trim() || '.data/postgres',
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    migrateOnStart: databaseUrl ? bool(env, 'MIGRATE_ON_START', true) : true,
    seedOnStart: bool(env, 'SEED_ON_START', !production),
    introspection: bool(env, 'INTROSPECTION', !production),
    limits: {
      maxDepth: int(env, 'MAX_QUERY_DEPTH', 10, 1, 100),
      maxAliases: int(env, 'MAX_QUERY_ALIASES', 30, 0, 1000),
      maxTokens: int(env, 'MAX_QUERY_TOKENS', 5000, 100, 1_000_000),
      maxCost: int(env, 'MAX_QUERY_COST', 10000, 1, 10_000_000),
      maxPageSize: 100,
      defaultPageSize: 20,
    },
    // Off in every mode unless switched on: the count differs between paths (a forbidden and a missing object, a
    // cached and an uncached read) and so tells a client what it may not know.
    reportSqlStatements: bool(env, 'REPORT_SQL_STATEMENTS', false),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10000, 0, 600000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    auth: {
      oidc: oidcSettings(env),
      tokenDefaultDays: int(env, 'TOKEN_DEFAULT_DAYS', 90, 1, 3650),
      tokenMaxDays: int(env, 'TOKEN_MAX_DAYS', 365, 1, 3650),
      rateLimits: Object.fromEntries(ROLE_NAMES.map((role) => [role, int(env, `RATE_LIMIT_${role}`, DEFAULT_RATE_LIMIT, 1, 1_000_000_000)])),
      failedAuthPerMinute: int(env, 'AUTH_FAILURES_PER_MINUTE', 20, 1, 1_000_000),
      trustProxyHops: int(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
      // Only with the embedded database: a deployment that forgot NODE_ENV must not print an operator token.
      printDemoTokens: nodeEnv === 'development' && !databaseUrl && bool(env, 'PRINT_DEMO_TOKENS', true),
    },
    monitoring: monitoringSettings(env),
    metricsToken: secret(env, 'METRICS_TOKEN'),
    web: webSettings(env),
  };
}

/** An origin as a browser sends it: scheme, host and optional port, nothing else. */
function origins(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`${name} must list origins such as https://dashboard.example.nl, got "${origin}"`);
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`${name} must list origins such as https://dashboard.example.nl (no path, no wildcard), got "${origin}"`);
    }
    return origin;
  });
}

function webSettings(env: Env): WebConfig {
  const authorizationUrl = url(env, 'OIDC_AUTHORIZATION_URL');
  const tokenUrl = url(env, 'OIDC_TOKEN_URL');
  const clientId = env.OIDC_WEB_CLIENT_ID?.trim() || null;
  const verifies = Boolean(env.OIDC_JWKS_URL?.trim() && env.OIDC_ISSUER?.trim() && env.OIDC_AUDIENCE?.trim());
  const some = authorizationUrl || tokenUrl || clientId;
  if (some && !(authorizationUrl && tokenUrl && clientId && verifies)) {
    throw new ConfigError('Web sign-in at the identity provider needs OIDC_AUTHORIZATION_URL, OIDC_TOKEN_URL and OIDC_WEB_CLIENT_ID together, and OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE to verify its tokens');
  }
  return {
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    assetsDir: env.WEB_ASSETS_DIR?.trim() || 'dist/web',
    oidcClient: some ? { authorizationUrl: authorizationUrl!, tokenUrl: tokenUrl!, clientId: clientId!, scope: env.OIDC_WEB_SCOPE?.trim() || 'openid' } : null,
  };
}

const OIDC_REQUIRED = ['OIDC_JWKS_URL', 'OIDC_ISSUER', 'OIDC_AUDIENCE'] as const;

/** All three of OIDC_REQUIRED, or none: a partial configuration is a mistake that would silently switch OIDC off. */
function oidcSettings(env: Env): OidcConfig | null {
  const missing = OIDC_REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length === OIDC_REQUIRED.length) return null;
  if (missing.length > 0) {
    throw new ConfigError(`OIDC needs ${OIDC_REQUIRED.join(', ')} together: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`);
  }
  return {
    jwksUrl: url(env, 'OIDC_JWKS_URL')!,
    issuer: env.OIDC_ISSUER!.trim(),
    audience: env.OIDC_AUDIENCE!.trim(),
    organisationClaim: env.OIDC_ORG_CLAIM?.trim() || 'org',
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || 'role',
    clockToleranceSeconds: int(env, 'OIDC_CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
  };
}

function monitoringSettings(env: Env): MonitoringConfig {
  try {
    return loadMonitoringConfig(env);
  } catch (error) {
    if (error instanceof MonitoringConfigError) throw new ConfigError(error.message);
    throw error;
  }
}
