import { useTestApp, dataOf } from '../support/app';
import { csv } from '../factories/monitoring';
import { uploadMultipart } from '../support/monitoring';
import { Provider } from '../../src/provider/provider.entity';
import { MonitoringImport } from '../../src/monitoring/upload/import.entity';

/**
 * Requests that race with the same Idempotency-Key: exactly one import is carried out, and every other request
 * answers as its retry (the same summary, replayed) or, for other content, IDEMPOTENCY_KEY_REUSED; never an
 * internal error.
 */
const app = useTestApp();
let cf: Provider;
let token: string;

beforeAll(async () => {
  cf = await app.monitoring.coordinationFunction();
  token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
});

const PARALLEL = 6;
const importsWithKey = (key: string) => app.orm.em.fork().count(MonitoringImport, { idempotencyKey: key, provider: cf.id });

it('the same file sent in parallel with one key: one import, every other answer is its replay', async () => {
  // given
  const file = csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `${cf.agb};2024;JAAR;OVERIG;5;3;0`]);
  // when
  const responses = await Promise.all(
    Array.from({ length: PARALLEL }, () => uploadMultipart(app, file, { token, headers: { 'idempotency-key': 'race-same' } })),
  );
  // then
  const payloads = responses.map((r) => dataOf(r).monitoringUpload);
  for (const payload of payloads) expect(payload.userErrors).toEqual([]);
  const summaries = payloads.map((p) => p.summary);
  expect(summaries.filter((s) => !s.replayed)).toHaveLength(1);
  const original = summaries.find((s) => !s.replayed);
  for (const s of summaries) expect({ ...s, replayed: false }).toEqual(original);
  expect(await importsWithKey('race-same')).toBe(1);
});

it('other content with the same key in parallel: one import, the others IDEMPOTENCY_KEY_REUSED', async () => {
  // given
  const files = Array.from({ length: PARALLEL }, (_, i) => csv([`${cf.agb};2023;JAAR;GRZ;${20 + i};8;1`]));
  // when
  const responses = await Promise.all(files.map((file) => uploadMultipart(app, file, { token, headers: { 'idempotency-key': 'race-other' } })));
  // then
  const payloads = responses.map((r) => dataOf(r).monitoringUpload);
  expect(payloads.filter((p) => p.summary?.outcome === 'APPLIED' && !p.summary.replayed)).toHaveLength(1);
  const refused = payloads.filter((p) => p.summary === null);
  expect(refused).toHaveLength(PARALLEL - 1);
  for (const p of refused) expect(p.userErrors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  expect(await importsWithKey('race-other')).toBe(1);
});

it('a key used once, then again in sequence, still answers as a retry (the legitimate use)', async () => {
  const file = csv([`${cf.agb};2022;JAAR;GRZ;3;2;0`]);
  const first = dataOf(await uploadMultipart(app, file, { token, headers: { 'idempotency-key': 'sequential' } })).monitoringUpload.summary;
  const again = dataOf(await uploadMultipart(app, file, { token, headers: { 'idempotency-key': 'sequential' } })).monitoringUpload.summary;
  expect(first.replayed).toBe(false);
  expect(again).toEqual({ ...first, replayed: true });
});
