import { startTestApp, TestApp, errorCodes } from '../support/app';
import { startDatabaseProxy, DatabaseProxy } from '../support/db-proxy';
import { Factory } from '../factories';
import { MonitoringFactory, csv } from '../factories/monitoring';

/**
 * The database goes away under a running API (its connections reset, new ones refused): a client with a valid
 * credential must be told to retry (503, SERVICE_UNAVAILABLE, Retry-After), never that its credential is bad.
 */
let proxy: DatabaseProxy;
let app: TestApp;

beforeAll(async () => {
  proxy = await startDatabaseProxy(process.env.TEST_DATABASE_URL!);
  app = await startTestApp({ DATABASE_URL: proxy.url });
});
afterAll(async () => {
  await proxy.restore().catch(() => undefined);
  await app.close();
  await proxy.close();
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
  const f = new MonitoringFactory(app.orm, new Factory(app.orm));
  const cf = await f.coordinationFunction();
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
