import { useTestApp, dataOf } from '../support/app';
import { fixture } from '../factories/monitoring';
import { UPLOAD } from '../support/monitoring';
import { abortMidway, multipartBody, multipartHeaders, postRaw } from '../support/multipart';

/**
 * Class: no client input can stop or wedge the process. A multipart body cut off inside its file part once made
 * busboy's "Unexpected end of form" an uncaught exception and the API exited. After every attack here, /healthz
 * and a normal query must still answer, and an upload after it must still complete.
 *
 * The fuzz cases are seeded: FUZZ_CASES (default 60; `npm run fuzz` runs 2000) and FUZZ_SEED (default random,
 * printed on failure) reproduce a run exactly.
 */
const app = useTestApp();
let uploaderToken: string;
const healthUrl = () => app.url.replace(/\/graphql$/, '/healthz');

beforeAll(async () => {
  uploaderToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: await app.monitoring.fixtureFunction('01234567') });
});

const operations = JSON.stringify({ query: UPLOAD, variables: { input: { file: null, dryRun: true } } });
const uploadBody = (file: Buffer, close = true) =>
  multipartBody(
    [
      { name: 'operations', value: operations },
      { name: 'map', value: JSON.stringify({ 0: ['variables.input.file'] }) },
      { name: '0', value: file, filename: 'zn.csv' },
    ],
    { close },
  );

/** The process still serves: /healthz, a normal query, and nothing was logged as unexpected. */
async function stillServes(): Promise<void> {
  const health = await fetch(healthUrl());
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const query = await app.gql('{ segment(code: "MSZ") { code } }');
  expect(dataOf(query)).toEqual({ segment: { code: 'MSZ' } });
}

async function dryRunUpload(): Promise<Record<string, any>> {
  const response = await postRaw(app.url, multipartHeaders(uploaderToken), uploadBody(fixture('utf8-comma.csv')));
  expect(response.status).toBe(200);
  return JSON.parse(response.text).data.monitoringUpload.summary;
}

describe('a multipart body cut off inside the file part', () => {
  it('answers with a JSON BAD_USER_INPUT error and the process keeps serving', async () => {
    // given: no closing boundary, the file part ends mid-row
    const body = uploadBody(fixture('utf8-comma.csv').subarray(0, 40), false);
    // when
    const response = await postRaw(app.url, multipartHeaders(uploaderToken), body);
    // then
    expect(response.contentType).toContain('application/json');
    const parsed = JSON.parse(response.text);
    expect(parsed.errors.map((e: any) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(parsed.errors[0].message).toContain('closing boundary');
    await stillServes();
    expect(await dryRunUpload()).toMatchObject({ dryRun: true, rowsRead: expect.any(Number) });
  });

  it('cut before the map arrives answers 400 in JSON', async () => {
    const body = uploadBody(fixture('utf8-comma.csv')).subarray(0, 30);
    const response = await postRaw(app.url, multipartHeaders(uploaderToken), body);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await stillServes();
  });
});

describe('a client that aborts mid-upload', () => {
  it.each([
    ['inside the file part', 0.9],
    ['inside the operations field', 0.1],
    ['right after the map', 0.5],
  ])('%s leaves the process serving and a following upload completes', async (_label, fraction) => {
    // given: an upload whose file is large enough to be read in several chunks
    const rows = Array.from({ length: 400 }, (_, i) => `01234567,2024,JAAR,overig,${i},${i},0,1.00,`).join('\n');
    const body = uploadBody(Buffer.from(`agb_code,verslagjaar,periode,type_verblijf,aanmeldingen,instroom,niet_plaatsbaar,besparing_eur,opmerking\n${rows}\n`));
    // when
    await abortMidway(app.url, multipartHeaders(uploaderToken), body, Math.floor(body.length * fraction));
    // then
    await stillServes();
    expect(await dryRunUpload()).toMatchObject({ dryRun: true });
  });
});

/** mulberry32: a small seeded PRNG, so a failing run can be repeated with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzCase {
  kind: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Send only this many bytes and reset the connection, instead of a complete request. */
  abortAt?: number;
}

const JSON_BODIES = [
  JSON.stringify({ query: '{ segment(code: "MSZ") { code name } }' }),
  JSON.stringify({ query: 'query($c: String!) { region(code: $c) { name } }', variables: { c: '16' } }),
  JSON.stringify([{ query: '{ __typename }' }, { query: '{ segments(first: 2) { totalCount } }' }]),
];

function fuzzCase(random: () => number): FuzzCase {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cut = (bytes: Buffer) => bytes.subarray(0, Math.floor(random() * (bytes.length + 1)));
  const mutate = (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    const flips = 1 + Math.floor(random() * 8);
    for (let i = 0; i < flips && copy.length > 0; i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    return copy;
  };
  const noise = () => Buffer.from(Array.from({ length: Math.floor(random() * 2000) }, () => Math.floor(random() * 256)));
  const upload = uploadBody(pick([fixture('utf8-comma.csv'), fixture('valid.xlsx'), fixture('unclosed-quote.csv')]));
  const multipart = multipartHeaders(uploaderToken);
  const json = { authorization: `Bearer ${app.operatorToken}`, 'content-type': 'application/json' };
  const kinds: (() => FuzzCase)[] = [
    () => ({ kind: 'multipart cut', headers: multipart, body: cut(upload) }),
    () => ({ kind: 'multipart mutated', headers: multipart, body: mutate(upload) }),
    () => ({ kind: 'multipart mutated and cut', headers: multipart, body: cut(mutate(upload)) }),
    () => ({ kind: 'multipart noise', headers: multipart, body: noise() }),
    () => ({ kind: 'multipart other boundary', headers: { ...multipart, 'content-type': 'multipart/form-data; boundary=x' }, body: cut(upload) }),
    () => ({ kind: 'multipart without boundary', headers: { ...multipart, 'content-type': 'multipart/form-data' }, body: upload }),
    () => ({ kind: 'multipart aborted', headers: multipart, body: upload, abortAt: Math.floor(random() * upload.length) }),
    () => ({ kind: 'json cut', headers: json, body: cut(Buffer.from(pick(JSON_BODIES))) }),
    () => ({ kind: 'json mutated', headers: json, body: mutate(Buffer.from(pick(JSON_BODIES))) }),
    () => ({ kind: 'json noise', headers: json, body: noise() }),
    () => {
      const body = Buffer.from(pick(JSON_BODIES));
      return { kind: 'json aborted', headers: json, body, abortAt: Math.floor(random() * body.length) };
    },
  ];
  return pick(kinds)();
}

describe('fuzz: random, mutated, truncated and aborted multipart and JSON bodies', () => {
  const cases = Number(process.env.FUZZ_CASES ?? 60);
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

  it(`${cases} cases: each answers (JSON, below 500) or is aborted, and the process keeps serving`, async () => {
    const random = prng(seed);
    for (let i = 0; i < cases; i++) {
      const c = fuzzCase(random);
      try {
        if (c.abortAt !== undefined) {
          await abortMidway(app.url, c.headers, c.body, c.abortAt);
        } else {
          const response = await postRaw(app.url, c.headers, c.body);
          expect(response.status).toBeLessThan(500);
          expect(response.contentType).toContain('application/json');
          JSON.parse(response.text);
        }
        await stillServes();
      } catch (error) {
        throw new Error(`fuzz case ${i} (${c.kind}, ${c.body.length} bytes) failed; repeat with FUZZ_SEED=${seed} FUZZ_CASES=${i + 1}: ${(error as Error).message}`);
      }
    }
    expect(app.errors).toEqual([]);
  }, 60_000 + cases * 2_000);

  it('still completes a normal upload after the fuzz', async () => {
    expect(await dryRunUpload()).toMatchObject({ dryRun: true, rowsRead: expect.any(Number) });
  });
});
