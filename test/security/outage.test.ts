import { Client } from 'pg';
import { errorCodes, useTestApp } from '../support/app';
import { startDatabaseProxy, DatabaseProxy } from '../support/db-proxy';
import { csv } from '../factories/monitoring';

/**
 * The database goes away under a running API (its connections reset, new ones refused): a client with a valid
 * credential must be told to retry (503, SERVICE_UNAVAILABLE, Retry-After), never that its credential is bad.
 */
let proxy: DatabaseProxy;

const app = useTestApp({
  before: async () => {
    proxy = await startDatabaseProxy(process.env.TEST_DATABASE_URL!);
  },
  env: () => ({ DATABASE_URL: proxy.url }),
  beforeClose: () => proxy?.restore().catch(() => undefined),
  after: () => proxy?.close(),
});

const VIEWER = `{ viewer { role } }`;

async function untilAnswered(ask: () => Promise<{ status: number }>): Promise<{ status: number }> {
  // The pool may hand out one connection that died with the outage: a retryable answer, as promised.
  for (let attempt = 0; ; attempt++) {
    const answer = await ask();
    if (answer.status !== 503 || attempt === 5) return answer;
  }
}

it('answers a valid token with 503 SERVICE_UNAVAILABLE and Retry-After while the database is down, and serves it again after', async () => {
  // given
  const cf = await app.monitoring.coordinationFunction();
  const token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: cf });
  const started = (
    await app.gql(`mutation { monitoringUploadStart(input: { filename: "zn.csv" }) { stagedUpload { uploadUrl uploadToken } } }`, {}, { token })
  ).body.data!.monitoringUploadStart.stagedUpload;
  expect((await app.gql(VIEWER, {}, { token })).status).toBe(200);

  // when
  await proxy.cut();
  const during = await app.gql(VIEWER, {}, { token });
  const put = await fetch(`${new URL(app.url).origin}${started.uploadUrl}`, {
    method: 'PUT',
    headers: { 'upload-token': started.uploadToken },
    body: csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`]),
  });

  // then
  expect(during.status).toBe(503);
  expect(errorCodes(during)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(during.body.errors![0].extensions).toMatchObject({ retryAfterSeconds: expect.any(Number) });
  expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(during.body.errors![0].message).not.toMatch(/Authentication required/);
  expect(put.status).toBe(503);
  expect(put.headers.get('retry-after')).not.toBeNull();

  // and once the database is back, the same token works again
  await proxy.restore();
  const after = await untilAnswered(() => app.gql(VIEWER, {}, { token }));
  expect(after.status).toBe(200);
});

it('still answers a malformed or missing credential with the one 401, database or not', async () => {
  await proxy.cut();
  try {
    for (const authorization of [undefined, 'Bearer short', 'Basic abc']) {
      const response = await app.gql(VIEWER, {}, { token: null, headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    }
  } finally {
    await proxy.restore();
  }
});

it('answers 503 SERVICE_UNAVAILABLE with Retry-After when the database goes away while an operation runs, never a masked internal error', async () => {
  // given: the operation's statement waits on a lock, after authentication and the rate-limit charge have passed
  const token = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: { id: (await app.factory.insurer()).id } });
  const locker = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  const watcher = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await Promise.all([locker.connect(), watcher.connect()]);
  try {
    await locker.query('begin');
    await locker.query('lock table contract in access exclusive mode');
    const answer = app.gql(`{ contracts(first: 5) { nodes { id } } }`, {}, { token });

    // when: its server connection ends mid-statement (as when PostgreSQL stops or fails over)
    let terminated = 0;
    for (let attempt = 0; attempt < 200 && terminated === 0; attempt++) {
      const { rows } = await watcher.query(
        `select pg_terminate_backend(pid) as done from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and pid <> $1 and query ilike '%contract%'`,
        [(locker as unknown as { processID: number }).processID],
      );
      terminated = rows.length;
      if (!terminated) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(terminated).toBe(1);
    const during = await answer;

    // then
    expect(during.status).toBe(503);
    expect(errorCodes(during)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(during.body.errors![0].extensions).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(during.body)).not.toMatch(/terminat|administrator|pg_|select /i);
  } finally {
    await locker.query('rollback').catch(() => undefined);
    await Promise.all([locker.end(), watcher.end()]);
  }

  // and the next operation is served
  const after = await untilAnswered(() => app.gql(`{ contracts(first: 1) { nodes { id } } }`, {}, { token }));
  expect(after.status).toBe(200);
});
