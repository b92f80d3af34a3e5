import { useTestApp, RunningApp, errorCodes } from '../support/app';
import { csv } from '../factories/monitoring';

/**
 * Two API instances on one database share what used to live in each process: the credential budgets, the
 * failed-authentication budget of an address, and staged files (a PUT on one, a commit on the other).
 */
const BUDGET = 20;
const FAILURES = 3;
const MINUTE = Date.UTC(2032, 4, 5, 6, 7, 10);

let fakeNow = MINUTE;

const env = { RATE_LIMIT_DASHBOARD: String(BUDGET), AUTH_FAILURES_PER_MINUTE: String(FAILURES), TRUST_PROXY_HOPS: '1' };
const one = useTestApp({ env, now: () => fakeNow });
const two = useTestApp({ env, now: () => fakeNow });

const CHEAP = `{ viewer { role } }`; // 2 points

it('spends one credential budget across instances: refused on the second once the first used it up', async () => {
  // given
  const token = await one.tokenFor({ role: 'DASHBOARD', insurer: await one.factory.insurer() });
  // when: half the budget on each instance, then one more query
  const answers = [];
  for (let i = 0; i < BUDGET / 2; i++) answers.push((await (i % 2 === 0 ? one : two).gql(CHEAP, {}, { token })).status);
  const over = await two.gql(CHEAP, {}, { token });
  // then
  expect(answers).toEqual(Array(BUDGET / 2).fill(200));
  expect(over.status).toBe(429);
  expect(errorCodes(over)).toEqual(['RATE_LIMITED']);
  expect(over.headers.get('ratelimit-remaining')).toBe('0');
});

it('counts failed authentications of an address on every instance', async () => {
  const token = await one.tokenFor({ role: 'DASHBOARD', insurer: await one.factory.insurer() });
  const from = (app: RunningApp, credential: string | null) =>
    app.gql(CHEAP, {}, { token: null, headers: { 'x-forwarded-for': '203.0.113.5', ...(credential ? { authorization: `Bearer ${credential}` } : {}) } });
  const failures = [await from(one, null), await from(two, null), await from(one, 'short')];
  expect(failures.map((r) => r.status)).toEqual([401, 401, 401]);
  expect((await from(two, token)).status).toBe(429);
});

it('commits on one instance a staged file PUT on the other', async () => {
  // given
  const f = one.monitoring;
  const cf = await f.coordinationFunction();
  const token = await one.tokenFor({ role: 'PROVIDER_ADMIN', provider: cf });
  const started = (await one.gql(`mutation { monitoringUploadStart(input: { filename: "zn.csv" }) { stagedUpload { uploadId uploadUrl uploadToken } } }`, {}, { token }))
    .body.data!.monitoringUploadStart.stagedUpload;
  const file = csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `${cf.agb};2024;JAAR;OVERIG;4;2;0`]);
  // when
  const put = await fetch(`${new URL(one.url).origin}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: file });
  const commit = await two.gql(`mutation($id: ID!) { monitoringUploadCommit(input: { uploadId: $id }) { summary { outcome created byteSize } userErrors { code } } }`, { id: started.uploadId }, { token });
  // then
  expect(put.status).toBe(201);
  expect(commit.body.data!.monitoringUploadCommit).toEqual({ summary: { outcome: 'APPLIED', created: 2, byteSize: file.length }, userErrors: [] });
  expect(two.errors).toEqual([]);
});
