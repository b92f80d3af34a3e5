import { useTestApp, GqlResponse, errorCodes } from '../support/app';
import { csv } from '../factories/monitoring';
import type { Provider } from '../../src/provider/provider.entity';

/**
 * Guessing credentials and flooding staged-upload PUTs: failed authentications are limited per source address
 * (then 429 with Retry-After, whatever the next credential is), PUTs per credential. Each test runs in a minute
 * of its own on the limiter's clock, and from addresses of its own (the app trusts one proxy hop).
 */
const FAILURES = 5;
const PUTS = 3;
const MINUTE_ZERO = Date.UTC(2031, 2, 3, 8, 0, 10);

const app = useTestApp({
  env: { AUTH_FAILURES_PER_MINUTE: String(FAILURES), TRUST_PROXY_HOPS: '1', ZN_STAGED_PUTS_PER_MINUTE: String(PUTS) },
  now: () => fakeNow,
});
let cf: Provider;
let token: string;
let fakeNow = MINUTE_ZERO;
let minute = 0;

beforeAll(async () => {
  cf = await app.monitoring.coordinationFunction();
  token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: cf });
});
beforeEach(() => {
  minute += 10;
  fakeNow = MINUTE_ZERO + minute * 60_000;
});

const VIEWER = `{ viewer { role } }`;
const from = (address: string, credential: string | null) =>
  app.gql(VIEWER, {}, { token: null, headers: { 'x-forwarded-for': address, ...(credential ? { authorization: `Bearer ${credential}` } : {}) } });
const origin = () => new URL(app.url).origin;

async function startUpload(withToken = token) {
  const response = await app.gql(`mutation { monitoringUploadStart(input: { filename: "zn.csv" }) { stagedUpload { uploadUrl uploadToken } } }`, {}, { token: withToken });
  return response.body.data!.monitoringUploadStart.stagedUpload as { uploadUrl: string; uploadToken: string };
}
const put = (url: string, uploadToken: string, address: string, body: Buffer | string = csv([`${cf.agb};2024;JAAR;GRZ;1;1;0`])) =>
  fetch(`${origin()}${url}`, { method: 'PUT', headers: { 'upload-token': uploadToken, 'x-forwarded-for': address }, body });

describe('failed authentications per source address', () => {
  it(`refuses an address with 429 and Retry-After after ${FAILURES} failures, even with a valid token next; the same body every time`, async () => {
    // given: every kind of bad credential counts
    const bad = [null, 'short', 'zx_not_a_token_at_all_1234567890', 'zea_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'];
    const refused: GqlResponse[] = [];
    for (const credential of bad) refused.push(await from('198.51.100.7', credential));
    // when
    const guess = await from('198.51.100.7', 'zea_AAAAAAAA_CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC');
    const valid = await from('198.51.100.7', token);
    // then
    expect(refused.map((r) => r.status)).toEqual(bad.map(() => 401));
    for (const r of [guess, valid]) {
      expect(r.status).toBe(429);
      expect(errorCodes(r)).toEqual(['RATE_LIMITED']);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(valid.body).toEqual(guess.body);
  });

  it('leaves other addresses and successful authentications alone (the legitimate use)', async () => {
    // given an address over its limit
    for (let i = 0; i <= FAILURES; i++) await from('198.51.100.8', null);
    expect((await from('198.51.100.8', token)).status).toBe(429);
    // when / then: another address, and many successful requests, are served
    for (let i = 0; i < FAILURES * 3; i++) expect((await from('198.51.100.9', token)).status).toBe(200);
    // and a few failures below the limit change nothing for the valid token
    for (let i = 0; i < FAILURES - 1; i++) expect((await from('198.51.100.10', 'short')).status).toBe(401);
    expect((await from('198.51.100.10', token)).status).toBe(200);
  });

  it('holds the budget for the next minute only: then the address is served again', async () => {
    for (let i = 0; i <= FAILURES; i++) await from('198.51.100.11', null);
    expect((await from('198.51.100.11', token)).status).toBe(429);
    fakeNow += 60_000;
    expect((await from('198.51.100.11', token)).status).toBe(200);
  });

  it('counts a wrong upload token on a staged-upload PUT as a failed authentication of the address', async () => {
    // given
    const started = await startUpload();
    // when
    const wrong: number[] = [];
    for (let i = 0; i < FAILURES; i++) wrong.push((await put(started.uploadUrl, `znu_wrong_${i}`, '198.51.100.12')).status);
    const right = await put(started.uploadUrl, started.uploadToken, '198.51.100.12');
    const graphql = await from('198.51.100.12', token);
    // then
    expect(wrong).toEqual(wrong.map(() => 404));
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).not.toBeNull();
    expect(graphql.status).toBe(429);
    // the right token from another address still works
    expect((await put(started.uploadUrl, started.uploadToken, '198.51.100.13')).status).toBe(201);
  });
});

describe('staged-upload PUTs per credential', () => {
  it(`accepts ${PUTS} PUTs a minute from the uploads of one credential, then 429 with Retry-After; another credential is not charged`, async () => {
    // given
    const uploads = [];
    for (let i = 0; i <= PUTS; i++) uploads.push(await startUpload());
    const otherToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
    const other = await startUpload(otherToken);
    // when
    const statuses: number[] = [];
    for (const u of uploads) statuses.push((await put(u.uploadUrl, u.uploadToken, '198.51.100.20')).status);
    const otherPut = await put(other.uploadUrl, other.uploadToken, '198.51.100.20');
    // then
    expect(statuses).toEqual([...Array(PUTS).fill(201), 429]);
    expect(otherPut.status).toBe(201);
    // the refused upload is untouched: next minute its PUT is accepted
    fakeNow += 60_000;
    expect((await put(uploads[PUTS].uploadUrl, uploads[PUTS].uploadToken, '198.51.100.20')).status).toBe(201);
  });

  it('charges refused retries too: a PUT over the limit is refused however many times it is sent', async () => {
    const u = await startUpload();
    for (let i = 0; i < PUTS; i++) expect((await put(u.uploadUrl, u.uploadToken, '198.51.100.21', Buffer.alloc(0))).status).not.toBe(429);
    expect((await put(u.uploadUrl, u.uploadToken, '198.51.100.21')).status).toBe(429);
  });
});
