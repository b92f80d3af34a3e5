import type { MikroORM } from '@mikro-orm/postgresql';
import { connect } from '../../src/db/database';
import { issueToken } from '../support/app';
import { ensureBuilt, killChildServers, startChildServer, ChildServer } from '../support/child-server';
import { clusterAvailable, startReplicaCluster, ReplicaCluster } from '../support/replica-cluster';
import { Factory } from '../factories';
import { MonitoringFactory, csv } from '../factories/monitoring';

/**
 * `npm run test:scale`: the built server as two processes on a PostgreSQL primary with a streaming replica (the
 * machine's PostgreSQL 15 on ports SCALE_PG_PORT and the next, 5510 by default), driven over loopback by a bounded
 * load generator. Shows what nothing-per-process means: shared budgets, staged uploads any instance commits,
 * reads on the replica with read-your-writes, and an instance killed under load losing no acknowledged write.
 */
const PRIMARY_PORT = Number(process.env.SCALE_PG_PORT ?? 5510);
const METRICS_TOKEN = 'scale-metrics-token-0123456789abcdef';
const BUDGET = 400;

let cluster: ReplicaCluster;
let orm: MikroORM;
let one: ChildServer;
let two: ChildServer;
let operator: string;

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: cluster.primaryUrl,
    DATABASE_REPLICA_URLS: cluster.replicaUrl,
    METRICS_TOKEN,
    RATE_LIMIT_DASHBOARD: String(BUDGET),
    SHUTDOWN_GRACE_MS: '2000',
    ...extra,
  };
}

beforeAll(async () => {
  if (!clusterAvailable()) throw new Error('PostgreSQL binaries with pg_basebackup are needed (set PG_BIN)');
  ensureBuilt();
  cluster = startReplicaCluster(PRIMARY_PORT, PRIMARY_PORT + 1);
  // The first instance migrates; the second starts on the migrated database, as in docker-compose.yml.
  one = await startChildServer(env());
  await one.ready();
  two = await startChildServer(env({ MIGRATE_ON_START: 'false' }));
  await two.ready();
  orm = await connect(cluster.primaryUrl, { poolMax: 2 });
  await orm.em.getConnection().execute('create sequence if not exists test_codes start 1000');
  operator = await issueToken(orm, { role: 'OPERATOR_ADMIN' });
}, 150_000);
afterAll(async () => {
  killChildServers();
  await orm?.close(true);
  cluster?.stop();
});

async function gql(server: ChildServer, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}
async function metric(server: ChildServer, series: string): Promise<number> {
  const text = await (await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
async function replicaCaughtUp(server: ChildServer): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const body = (await (await fetch(`${server.origin}/readyz`)).json()) as any;
    if (body.replicas?.[0]?.usable && body.replicas[0].lagSeconds === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('replica did not catch up');
}
const CONCERN_CREATE = `mutation M($i: ConcernCreateInput!) { concernCreate(input: $i) { concern { code } userErrors { code } } }`;
const CONCERN_COUNT = `query C($s: String) { concerns(first: 5, filter: { search: $s }) { totalCount } }`;

it('spends a credential budget on one instance and the other refuses it', async () => {
  // given
  const insurer = await new Factory(orm).insurer();
  const token = await issueToken(orm, { role: 'DASHBOARD', insurer });
  // when: spend on the first until it refuses
  let spentOnOne = 0;
  for (let i = 0; i < BUDGET && (await gql(one, token, `{ viewer { role } }`)).status === 200; i++) spentOnOne++;
  const onTwo = await gql(two, token, `{ viewer { role } }`);
  // then
  expect(spentOnOne).toBeGreaterThan(0);
  expect(spentOnOne).toBeLessThan(BUDGET);
  expect(onTwo.status).toBe(429);
  expect(onTwo.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
});

it('commits on one instance a staged upload PUT on the other', async () => {
  // given
  const f = new MonitoringFactory(orm, new Factory(orm));
  const cf = await f.coordinationFunction();
  const token = await issueToken(orm, { role: 'PROVIDER_ADMIN', provider: cf });
  const started = (await gql(one, token, `mutation { monitoringUploadStart(input: { filename: "zn.csv" }) { stagedUpload { uploadId uploadUrl uploadToken } } }`)).body.data
    .monitoringUploadStart.stagedUpload;
  const file = csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`]);
  // when
  const put = await fetch(`${one.origin}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: file });
  const commit = await gql(two, token, `mutation($id: ID!) { monitoringUploadCommit(input: { uploadId: $id }) { summary { outcome created } userErrors { code } } }`, { id: started.uploadId });
  // then
  expect(put.status).toBe(201);
  expect(commit.body.data.monitoringUploadCommit).toEqual({ summary: { outcome: 'APPLIED', created: 1 }, userErrors: [] });
});

it('reads on the replica; a writer reads its write at once on the other instance', async () => {
  // given: the standby pauses replay, so whoever reads it does not see the new concern
  await replicaCaughtUp(two);
  const other = await issueToken(orm, { role: 'OPERATOR_ADMIN' });
  const replicaReadsBefore = await metric(two, 'sql_statements_total{target="read"}');
  cluster.onReplica('select pg_wal_replay_pause()');
  try {
    // when: written through the first instance, read through the second
    const created = await gql(one, operator, CONCERN_CREATE, { i: { code: 'SCALE_RYW', name: 'x' } });
    const byWriter = await gql(two, operator, CONCERN_COUNT, { s: 'SCALE_RYW' });
    const byOther = await gql(two, other, CONCERN_COUNT, { s: 'SCALE_RYW' });
    // then
    expect(created.body.data.concernCreate.userErrors).toEqual([]);
    expect(byWriter.body.data.concerns.totalCount).toBe(1);
    expect(byOther.body.data.concerns.totalCount).toBe(0);
    expect(await metric(two, 'sql_statements_total{target="read"}')).toBeGreaterThan(replicaReadsBefore);
  } finally {
    cluster.onReplica('select pg_wal_replay_resume()');
  }
});

it('loses no acknowledged write when an instance is killed under load; its clients retry on the other', async () => {
  // given: 8 clients, each creating 30 concerns, half of them on each instance
  const CLIENTS = 8;
  const EACH = 30;
  const acknowledged: string[] = [];
  const failed: string[] = [];
  let retried = 0;
  const send = async (server: ChildServer, code: string) => {
    const r = await gql(server, operator, CONCERN_CREATE, { i: { code, name: code } });
    return r.body.data?.concernCreate as { concern: { code: string } | null; userErrors: { code: string }[] } | undefined;
  };
  const client = async (n: number) => {
    let home = n % 2 === 0 ? one : two;
    for (let i = 0; i < EACH; i++) {
      const code = `SCALE_${n}_${i}`;
      let outcome;
      try {
        outcome = await send(home, code);
      } catch {
        // The connection failed (the instance died): retry once on the other, and stay there.
        retried++;
        home = home === one ? two : one;
        try {
          outcome = await send(home, code);
        } catch {
          outcome = undefined;
        }
      }
      // A retry of a write that the dead instance had committed finds the code taken: it was applied.
      if (outcome?.concern || outcome?.userErrors.length) acknowledged.push(code);
      else failed.push(code);
    }
  };
  // when: the first instance is killed once the load runs
  const load = Promise.all(Array.from({ length: CLIENTS }, (_v, n) => client(n)));
  await new Promise((r) => setTimeout(r, 400));
  one.child.kill('SIGKILL');
  await load;
  // then
  expect(await one.exited).toBeNull();
  expect(retried).toBeGreaterThan(0);
  expect(failed).toEqual([]);
  const stored = new Set(
    (await orm.em.getConnection().execute<{ code: string }[]>(`select code from concern where code like 'SCALE\\_%\\_%'`)).map((r) => r.code),
  );
  expect(acknowledged.filter((c) => !stored.has(c))).toEqual([]);
  expect(acknowledged).toHaveLength(CLIENTS * EACH);
}, 120_000);
