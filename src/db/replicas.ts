import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { connect } from './database';
import type { Logger } from '../logger';
import { replicaLag, replicaUsable, watchPool } from '../observability/metrics';

/** "16/B374D848" as a number that orders like the WAL. */
export function parseLsn(text: string): bigint {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

interface Replica {
  name: string;
  url: string;
  orm: MikroORM | null;
  unwatch?: () => void;
  /** WAL position replayed at the last check. */
  replayed: bigint;
  lagSeconds: number | null;
  usable: boolean;
  problem: string | null;
}

export interface ReplicaStatus {
  name: string;
  usable: boolean;
  lagSeconds: number | null;
  problem: string | null;
}

/**
 * Read replicas (DATABASE_REPLICA_URLS). Every second each one is asked how far it has replayed and compared with
 * the primary's WAL position; one that does not answer, is not a standby, or lags more than the limit is skipped
 * until a later check finds it well again. Queries go to a usable replica that has replayed the reading
 * credential's last write (its WAL position is kept in the primary's `credential_write` table, so this holds
 * whichever instance took the write); otherwise, and for every mutation, the primary.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private turn = 0;

  constructor(
    private readonly primary: MikroORM,
    urls: string[],
    private readonly maxLagSeconds: number,
    private readonly log: Logger,
    private readonly poolMax = 10,
  ) {
    this.replicas = urls.map((url, i) => ({ name: `replica-${i + 1}`, url, orm: null, replayed: 0n, lagSeconds: null, usable: false, problem: 'not checked yet' }));
  }

  /** Checks once (a replica down at start is skipped, not fatal), then every `intervalMs`. */
  async start(intervalMs = 1000): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    let primaryAt: bigint;
    try {
      const [row] = await this.primary.em.getConnection().execute<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn');
      primaryAt = parseLsn(row.lsn);
    } catch {
      // Without the primary's position no lag can be measured; the last states stand until it answers.
      return;
    }
    await Promise.all(this.replicas.map((replica) => this.checkOne(replica, primaryAt)));
  }

  private async checkOne(replica: Replica, primaryAt: bigint): Promise<void> {
    const was = replica.usable;
    try {
      if (!replica.orm) {
        replica.orm = await connect(replica.url, { poolMax: this.poolMax, replica: true });
        replica.unwatch = watchPool(replica.name, replica.orm);
      }
      const [row] = await replica.orm.em
        .getConnection()
        .execute<{ lsn: string | null; behind: number | null }[]>(
          'select pg_last_wal_replay_lsn()::text as lsn, extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as behind',
        );
      if (!row.lsn) throw new ReplicaProblem('not a standby');
      replica.replayed = parseLsn(row.lsn);
      // Caught up: no lag, however long ago the last transaction was. Behind: the age of the last one replayed.
      replica.lagSeconds = replica.replayed >= primaryAt ? 0 : Math.max(0, Number(row.behind ?? Infinity));
      replica.usable = replica.lagSeconds <= this.maxLagSeconds;
      replica.problem = replica.usable ? null : 'too far behind';
    } catch (error) {
      replica.usable = false;
      replica.lagSeconds = null;
      replica.problem = error instanceof ReplicaProblem ? error.message : 'unreachable';
    }
    replicaLag.set({ replica: replica.name }, replica.lagSeconds ?? NaN);
    replicaUsable.set({ replica: replica.name }, replica.usable ? 1 : 0);
    if (was !== replica.usable) {
      if (replica.usable) this.log.info('read replica in use', { replica: replica.name, lagSeconds: replica.lagSeconds });
      else this.log.warn('read replica skipped', { replica: replica.name, problem: replica.problem });
    }
  }

  /** An entity manager for a query by this credential: a replica that has replayed its last write, or null (the primary). */
  async readerFor(credentialId: string): Promise<EntityManager | null> {
    const usable = this.replicas.filter((r) => r.usable && r.orm);
    if (usable.length === 0) return null;
    const rows = await this.primary.em
      .getConnection()
      .execute<{ lsn: string }[]>('select lsn from credential_write where credential_id = ?', [credentialId]);
    const needed = rows.length > 0 ? parseLsn(rows[0].lsn) : 0n;
    const ready = usable.filter((r) => r.replayed >= needed);
    if (ready.length === 0) return null;
    const replica = ready[this.turn++ % ready.length];
    return replica.orm!.em.fork() as EntityManager;
  }

  /** After a mutation: the primary's WAL position now covers its commit; the credential's reads wait for it. */
  async recordWrite(credentialId: string): Promise<void> {
    await this.primary.em
      .getConnection()
      .execute(
        `insert into credential_write (credential_id, lsn, written_at) values (?, pg_current_wal_lsn()::text, now())
         on conflict (credential_id) do update set lsn = excluded.lsn, written_at = excluded.written_at`,
        [credentialId],
      );
  }

  status(): ReplicaStatus[] {
    return this.replicas.map(({ name, usable, lagSeconds, problem }) => ({ name, usable, lagSeconds, problem }));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    for (const replica of this.replicas) {
      replica.unwatch?.();
      await replica.orm?.close(true).catch(() => undefined);
      replica.orm = null;
    }
  }
}

class ReplicaProblem extends Error {}
