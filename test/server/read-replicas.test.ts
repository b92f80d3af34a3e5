import { startTestApp, useTestApp, dataOf } from '../support/app';
import { clusterAvailable, startReplicaCluster, ReplicaCluster } from '../support/replica-cluster';

/**
 * Reads from a real streaming standby (the machine's PostgreSQL 15, started for this file on ports 5500/5501):
 * queries go to the replica, mutations to the primary, a writer reads its own write at once, and a replica that
 * is too far behind or down is skipped. Replay is paused on the standby to make "behind" visible.
 */
const METRICS_TOKEN = 'metrics-test-token-0123456789abcdef';
const PRIMARY_PORT = Number(process.env.SCALE_PG_PORT ?? 5500);

let cluster: ReplicaCluster;
let reader: string;

const app = useTestApp({
  before: () => {
    if (!clusterAvailable()) throw new Error('PostgreSQL binaries with pg_basebackup are needed (set PG_BIN)');
    cluster = startReplicaCluster(PRIMARY_PORT, PRIMARY_PORT + 1);
  },
  // A lag limit far above the test's length: a paused standby stays in use, so reads show where they went.
  env: () => ({
    DATABASE_URL: cluster.primaryUrl,
    DATABASE_REPLICA_URLS: cluster.replicaUrl,
    DATABASE_REPLICA_MAX_LAG_SECONDS: '3600',
    METRICS_TOKEN,
  }),
  after: () => cluster?.stop(),
  timeout: 120_000,
});
beforeAll(async () => {
  reader = await app.tokenFor({ role: 'OPERATOR_ADMIN' });
  await caughtUp();
}, 120_000);

const origin = () => new URL(app.url).origin;
const readyz = async (): Promise<any> => (await fetch(`${origin()}/readyz`)).json();
async function caughtUp(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const body = await readyz();
    if (body.replicas?.[0]?.usable && body.replicas[0].lagSeconds === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`replica did not catch up: ${JSON.stringify(await readyz())}`);
}
async function metric(series: string): Promise<number> {
  const text = await (await fetch(`${origin()}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
const concerns = async (search: string, token?: string) =>
  dataOf(await app.gql(`query C($s: String) { concerns(first: 5, filter: { search: $s }) { totalCount } }`, { s: search }, { token })).concerns.totalCount;
const createConcern = (code: string) =>
  app.gql(`mutation M($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { code } userErrors { code } } }`, { i: { code, name: code } });

it('reports the replica and its lag in /readyz and the metrics', async () => {
  const body = await readyz();
  expect(body).toEqual({ status: 'ready', replicas: [{ name: 'replica-1', usable: true, lagSeconds: 0, problem: null }] });
  expect(await metric('db_replica_usable{replica="replica-1"}')).toBe(1);
  expect(await metric('db_replica_lag_seconds{replica="replica-1"}')).toBe(0);
  expect(await metric('db_pool_connections{pool="replica-1",state="free"}')).toBeGreaterThanOrEqual(0);
});

it('sends queries to the replica and mutations to the primary; the writer reads its write at once, others once the replica has it', async () => {
  // given: the standby stops replaying, so what it serves is visibly older than the primary
  const readsBefore = await metric('sql_statements_total{target="read"}');
  cluster.onReplica('select pg_wal_replay_pause()');
  try {
    // when: the operator token writes; another credential reads, then the writer reads
    const created = await createConcern('REPLICA_RYW');
    expect(dataOf(created).concernCreate.userErrors).toEqual([]);
    const seenByOther = await concerns('REPLICA_RYW', reader);
    const seenByWriter = await concerns('REPLICA_RYW');
    // then: the other credential read the paused replica (no concern yet), the writer the primary
    expect(seenByOther).toBe(0);
    expect(seenByWriter).toBe(1);
    expect(await metric('sql_statements_total{target="read"}')).toBeGreaterThan(readsBefore);
    expect(cluster.onPrimary("select count(*) from concern where code = 'REPLICA_RYW'")).toBe('1');
  } finally {
    cluster.onReplica('select pg_wal_replay_resume()');
  }
  // and once the replica has replayed the write, every credential reads it there
  await caughtUp();
  expect(await concerns('REPLICA_RYW', reader)).toBe(1);
});

it('skips a replica that is further behind than the limit: reads go to the primary', async () => {
  // given: a second app on the same databases that tolerates no lag at all
  const strict = await startTestApp({ DATABASE_URL: cluster.primaryUrl, DATABASE_REPLICA_URLS: cluster.replicaUrl, DATABASE_REPLICA_MAX_LAG_SECONDS: '0' });
  cluster.onReplica('select pg_wal_replay_pause()');
  try {
    expect(dataOf(await strict.gql(`mutation { concernCreate(input: { code: "REPLICA_LAG", name: "x" }) { userErrors { code } } }`)).concernCreate.userErrors).toEqual([]);
    const otherToken = await strict.tokenFor({ role: 'OPERATOR_ADMIN' });
    // when: the next lag check sees the standby behind
    let status: any;
    for (let i = 0; i < 100; i++) {
      status = await (await fetch(`${new URL(strict.url).origin}/readyz`)).json();
      if (!status.replicas[0].usable) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // then: skipped, and a credential that never wrote reads the primary's data
    expect(status.replicas[0]).toMatchObject({ usable: false, problem: 'too far behind' });
    const seen = dataOf(await strict.gql(`{ concerns(first: 5, filter: { search: "REPLICA_LAG" }) { totalCount } }`, {}, { token: otherToken }));
    expect(seen.concerns.totalCount).toBe(1);
  } finally {
    cluster.onReplica('select pg_wal_replay_resume()');
    await strict.close();
  }
});

it('skips a replica that is down: /readyz stays ready, reads go to the primary', async () => {
  // given
  cluster.stopReplica();
  // when
  let status: any;
  for (let i = 0; i < 100; i++) {
    status = await readyz();
    if (!status.replicas[0].usable) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // then
  expect(status).toMatchObject({ status: 'ready', replicas: [{ name: 'replica-1', usable: false, lagSeconds: null, problem: 'unreachable' }] });
  expect(await concerns('REPLICA_RYW', reader)).toBe(1);
  expect(await metric('db_replica_usable{replica="replica-1"}')).toBe(0);
});
