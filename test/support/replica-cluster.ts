import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * A PostgreSQL primary and one streaming standby of it, from the machine's PostgreSQL binaries (pg_basebackup is
 * not in the embedded package), in a folder under /tmp, run as the postgres OS user when we are root.
 */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ReplicaCluster {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the standby (as the superuser) and returns the first column of the first row. */
  onReplica: (sql: string) => string;
  onPrimary: (sql: string) => string;
  /** Stops the standby at once, as a crash would. */
  stopReplica: () => void;
  stop: () => void;
}

export function clusterAvailable(): boolean {
  return fs.existsSync(path.join(PG_BIN, 'pg_basebackup'));
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(command: string, args: string[]): string {
  const bin = path.join(PG_BIN, command);
  return asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function startReplicaCluster(primaryPort: number, replicaPort: number): ReplicaCluster {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-replica-'));
  fs.chmodSync(root, 0o755);
  if (asRoot) execFileSync('chown', ['postgres', root]);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const started: string[] = [];
  const stop = () => {
    for (const dir of started.reverse()) {
      try {
        run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const options = (port: number) => `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on`;
    run('pg_ctl', ['-D', primaryDir, '-o', options(primaryPort), '-l', path.join(root, 'primary.log'), '-w', 'start']);
    started.push(primaryDir);
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
    run('pg_ctl', ['-D', replicaDir, '-o', options(replicaPort), '-l', path.join(root, 'replica.log'), '-w', 'start']);
    started.push(replicaDir);
  } catch (error) {
    stop();
    throw error;
  }
  const psql = (port: number) => (sql: string) => run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc', sql]).trim();
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    onPrimary: psql(primaryPort),
    onReplica: psql(replicaPort),
    stopReplica: () => {
      run('pg_ctl', ['-D', replicaDir, '-m', 'immediate', '-w', 'stop']);
      started.splice(started.indexOf(replicaDir), 1);
    },
    stop,
  };
}
