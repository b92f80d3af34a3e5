import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { withDatabase } from './global-setup';
import { loadConfig, Config, ROLE_NAMES } from '../../src/config';
import { connect, migrate } from '../../src/db/database';
import { seedIfEmpty } from '../../src/db/seed';
import { createApp, App } from '../../src/app';
import { ReadReplicas } from '../../src/db/replicas';
import { createLogger, LogLevel } from '../../src/logger';
import { OrganisationKindEnum } from '../../src/auth/api-token.entity';
import { issueApiToken } from '../../src/auth/token.service';
import { Role } from '../../src/auth/roles';
import { Insurer } from '../../src/insurer/insurer.entity';
import { Provider } from '../../src/provider/provider.entity';
import { Factory } from '../factories';
import { ContractFactory } from '../factories/contract';
import { KpiFactory } from '../factories/kpi';
import { MonitoringFactory } from '../factories/monitoring';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
    extensions?: Record<string, any>;
  };
}

export interface GqlOptions {
  /** The bearer token; the run's operator-admin token when omitted, no Authorization header when null. */
  token?: string | null;
  headers?: Record<string, string>;
  operationName?: string;
}

/** A started app as tests use it; closing it is left to whoever started it. */
export type RunningApp = Omit<TestApp, 'close'>;

export interface TestApp {
  url: string;
  orm: MikroORM;
  config: Config;
  /** Logged unexpected errors, so a test can assert that nothing was masked. */
  errors: string[];
  /** Every log line at warn level and above, as JSON text. */
  logs: string[];
  /** Every log line, at the level given to startTestApp (error by default). */
  logLines: string[];
  /** A token of the operator admin, used by `gql` unless another is given. */
  operatorToken: string;
  /** Issues a token straight into the database (the "given" part of a test). */
  tokenFor: (spec: TokenSpec) => Promise<string>;
  /** Waits until queued audit entries are written. */
  flushAudit: () => Promise<void>;
  gql: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions) => Promise<GqlResponse<T>>;
  close: () => Promise<void>;
}

export interface TokenSpec {
  role: Role | `${Role}`;
  insurer?: Insurer | { id: number };
  provider?: Provider | { id: number };
  expiresAt?: Date;
  revokedAt?: Date | null;
}

export async function issueToken(orm: MikroORM, spec: TokenSpec): Promise<string> {
  const em = orm.em.fork();
  const { secret } = issueApiToken(em, {
    organisationKind: spec.insurer ? OrganisationKindEnum.INSURER : spec.provider ? OrganisationKindEnum.PROVIDER : OrganisationKindEnum.OPERATOR,
    insurer: spec.insurer ? em.getReference(Insurer, spec.insurer.id) : null,
    provider: spec.provider ? em.getReference(Provider, spec.provider.id) : null,
    role: spec.role as Role,
    label: 'test',
    expiresAt: spec.expiresAt ?? new Date(Date.now() + 3_600_000),
    revokedAt: spec.revokedAt ?? null,
    createdBy: 'test',
  });
  await em.flush();
  return secret;
}

/**
 * The budgets of every server on the run's database, in process or a child process. Tests send many operations
 * with one token, and many refused credentials from one address (all of them from 127.0.0.1, counted in one bucket
 * that every server on the database shares); only the rate-limit and abuse tests set budgets that can run out.
 */
export const TEST_BUDGETS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(ROLE_NAMES.map((role) => [`RATE_LIMIT_${role}`, '100000000'])),
  AUTH_FAILURES_PER_MINUTE: '1000000',
  ZN_STAGED_PUTS_PER_MINUTE: '100000',
};

export function testConfig(overrides: Record<string, string> = {}): Config {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with npm test');
  return loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'error', ...TEST_BUDGETS, ...overrides });
}

/** The real HTTP server on a free port, against the run's database. */
export async function startTestApp(env: Record<string, string> = {}, options: { now?: () => number; logLevel?: LogLevel } = {}): Promise<TestApp> {
  const config = testConfig(env);
  const orm = await connect(config.databaseUrl!, { poolMax: 5 });
  await migrate(orm);
  await seedIfEmpty(orm);
  await orm.em.getConnection().execute('create sequence if not exists test_codes start 1000');
  const errors: string[] = [];
  const logs: string[] = [];
  const logLines: string[] = [];
  const log = createLogger(options.logLevel ?? 'warn', (line) => {
    logLines.push(line);
    if (['warn', 'error'].includes(JSON.parse(line).level)) logs.push(line);
    if (JSON.parse(line).level === 'error') errors.push(line);
  });
  let app: App;
  // With DATABASE_REPLICA_URLS the app reads from replicas as the server does (src/main.ts).
  const replicas = config.databaseReplicaUrls.length > 0 ? new ReadReplicas(orm, config.databaseReplicaUrls, config.replicaMaxLagSeconds, log, 5) : undefined;
  try {
    await replicas?.start();
    app = await createApp({ config, orm, log, now: options.now, replicas });
  } catch (error) {
    await replicas?.close();
    await orm.close(true);
    throw error;
  }
  const operatorToken = await issueToken(orm, { role: Role.OPERATOR_ADMIN });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    orm,
    config,
    errors,
    logs,
    logLines,
    operatorToken,
    tokenFor: (spec) => issueToken(orm, spec),
    flushAudit: () => app.audit.flush(),
    gql: async (query, variables, options = {}) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      const token = options.token === undefined ? operatorToken : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables, operationName: options.operationName }),
      });
      const text = await response.text();
      let body: GqlResponse['body'];
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`not JSON (${response.status}): ${text.slice(0, 300)}`);
      }
      return { status: response.status, headers: response.headers, body } as GqlResponse<any>;
    },
    close: async () => {
      await new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
      await app.stop();
      await replicas?.close();
      await orm.close(true);
    },
  };
}

/** The data of a response that must have succeeded, failing the test with the errors otherwise. */
export function dataOf<T = Record<string, any>>(response: GqlResponse<T>): T {
  if (response.body.errors?.length || !response.body.data) {
    throw new Error(`expected data, got ${response.status}: ${JSON.stringify(response.body.errors ?? response.body)}`);
  }
  return response.body.data;
}

export function errorCodes(response: GqlResponse): string[] {
  return (response.body.errors ?? []).map((e) => e.extensions?.code);
}

/**
 * A database of its own beside the run's, for a test whose assertions are about the seeded demo data as a fresh
 * start has it (other test files add providers, figures and contracts to the shared run database in an order jest
 * chooses). Pass `url` as DATABASE_URL to startTestApp; `drop` removes it.
 */
export async function scratchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const runUrl = process.env.TEST_DATABASE_URL!;
  const database = `${new URL(runUrl).pathname.slice(1)}_${name}`.slice(0, 63);
  const admin = new Client({ connectionString: withDatabase(runUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(runUrl, database),
    drop: async () => {
      const dropper = new Client({ connectionString: withDatabase(runUrl, 'postgres') });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${database}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export interface UseTestAppOptions {
  /** Settings over testConfig's; a function is called once `before` has run, for values only it knows. */
  env?: Record<string, string> | (() => Record<string, string>);
  now?: () => number;
  logLevel?: LogLevel;
  /** Runs the app on a fresh database of this name (see scratchDatabase), dropped after the file. */
  scratchDatabase?: string;
  /** What the app depends on (an OIDC issuer, a database proxy, a built server), started first. */
  before?: () => unknown;
  /**
   * Runs before the app closes, for what must end or be put back while it still runs (a browser on its pages, a
   * database proxy brought back up so the pool can close); the app closes even when this fails.
   */
  beforeClose?: () => unknown;
  /** Stops what `before` started, once the app is closed; runs even when the start failed. */
  after?: () => unknown;
  /** The timeout of the start, for a `before` that builds or starts servers. */
  timeout?: number;
}

/** The app of a test file or describe block, with the factories of the "given" part on its ORM. */
export interface TestAppHandle extends RunningApp {
  readonly app: TestApp;
  readonly factory: Factory;
  readonly contracts: ContractFactory;
  readonly kpi: KpiFactory;
  readonly monitoring: MonitoringFactory;
  /** A fresh EntityManager, for reading rows straight from the database. */
  em(): EntityManager;
}

/**
 * Starts the app in a beforeAll and closes it in an afterAll of the block it is called in. Everything on the
 * handle reads the running app when used, so the handle can be taken at the top of the file.
 */
export function useTestApp(options: UseTestAppOptions = {}): TestAppHandle {
  let app: TestApp | undefined;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let factories: { factory: Factory; contracts: ContractFactory; kpi: KpiFactory; monitoring: MonitoringFactory } | undefined;
  const running = (): TestApp => {
    if (!app) throw new Error('the test app is used before its beforeAll has started it');
    return app;
  };
  const made = () => {
    if (!factories) {
      const { orm } = running();
      const factory = new Factory(orm);
      factories = { factory, contracts: new ContractFactory(orm, factory), kpi: new KpiFactory(orm), monitoring: new MonitoringFactory(orm, factory) };
    }
    return factories;
  };

  beforeAll(async () => {
    await options.before?.();
    const env = typeof options.env === 'function' ? options.env() : { ...options.env };
    if (options.scratchDatabase) {
      database = await scratchDatabase(options.scratchDatabase);
      env.DATABASE_URL = database.url;
    }
    app = await startTestApp(env, { now: options.now, logLevel: options.logLevel });
  }, options.timeout);
  afterAll(async () => {
    try {
      try {
        await options.beforeClose?.();
      } finally {
        await app?.close();
      }
      await database?.drop();
    } finally {
      await options.after?.();
    }
  });

  return {
    get app() { return running(); },
    get url() { return running().url; },
    get orm() { return running().orm; },
    get config() { return running().config; },
    get errors() { return running().errors; },
    get logs() { return running().logs; },
    get logLines() { return running().logLines; },
    get operatorToken() { return running().operatorToken; },
    tokenFor: (spec) => running().tokenFor(spec),
    flushAudit: () => running().flushAudit(),
    gql: (query, variables, gqlOptions) => running().gql(query, variables, gqlOptions),
    get factory() { return made().factory; },
    get contracts() { return made().contracts; },
    get kpi() { return made().kpi; },
    get monitoring() { return made().monitoring; },
    em: () => running().orm.em.fork() as EntityManager,
  };
}
