import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useTestApp, dataOf, errorCodes } from '../support/app';
import { csv } from '../factories/monitoring';
import { SUMMARY_FIELDS, upload } from '../support/monitoring';
import { main } from '../../src/cli/main';
import { ProgressBar } from '../../src/cli/monitoring.commands';
import { Provider } from '../../src/provider/provider.entity';
import { AuditEvent } from '../../src/auth/audit-event.entity';

/** The three ways in (multipart, staged upload, CLI) run one pipeline; exports upload again unchanged. */
const app = useTestApp({ env: { ZN_MAX_UPLOAD_BYTES: '30000' } });
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zn-channels-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const START = `mutation($input: MonitoringUploadStartInput!) {
  monitoringUploadStart(input: $input) { stagedUpload { uploadId uploadUrl uploadToken expiresAt maxBytes } userErrors { code } }
}`;
const COMMIT = `mutation($input: MonitoringUploadCommitInput!) {
  monitoringUploadCommit(input: $input) { summary { ${SUMMARY_FIELDS} } userErrors { field code message } }
}`;
const EXPORT = `query($filter: MonitoringExportFilter!, $format: ZnFileFormat) {
  monitoringExport(filter: $filter, format: $format) { filename contentType format rowCount contentBase64 }
}`;

function origin(): string {
  return new URL(app.url).origin;
}

async function stage(token: string, file: Buffer, filename = 'zn.csv', headers: Record<string, string> = {}) {
  const started = dataOf(await app.gql(START, { input: { filename } }, { token })).monitoringUploadStart.stagedUpload;
  const put = await fetch(`${origin()}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken, ...headers }, body: file });
  return { started, put };
}

interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

async function cli(argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, app.config);
  return { code, out, err };
}

/** The parts of a summary that must agree whichever way the file came in. */
const comparable = (s: Record<string, any>) => {
  const { import: _import, sameContentAs: _same, filename: _filename, ...rest } = s;
  return rest;
};

describe('three ways in, one pipeline', () => {
  it('gives the same summary for the same file by multipart, staged upload and CLI (all as dry runs)', async () => {
    // given
    const cf = await app.monitoring.coordinationFunction();
    const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
    const file = csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `${cf.agb};2024;JAAR;OVERIG;5;3;0`, `${cf.agb};2024;JAAR;ELV_HOOG;x;1;0`]);
    const filePath = path.join(dir, 'same.csv');
    fs.writeFileSync(filePath, file);
    // when
    const multipart = await upload(app, file, { token, input: { dryRun: true, rowErrorPolicy: 'REJECT_FAILED_ROWS' } });
    const { started, put } = await stage(token, file);
    const staged = dataOf(await app.gql(COMMIT, { input: { uploadId: started.uploadId, dryRun: true, rowErrorPolicy: 'REJECT_FAILED_ROWS' } }, { token })).monitoringUploadCommit.summary;
    const run = await cli(['zn', 'upload', filePath, '--dry-run', '--policy', 'reject-failed-rows', '--as', cf.agb]);
    // then
    expect(put.status).toBe(201);
    expect(comparable(staged)).toEqual(comparable(multipart));
    expect(multipart).toMatchObject({ dryRun: true, created: 2, rejected: 1 });
    expect(run.code).toBe(1);
    expect(run.err.at(-1)).toBe('error: 1 rows were rejected (dry run)');
    const table = run.out.join('\n');
    expect(table).toMatch(/outcome\s+rows read\s+created\s+updated\s+unchanged\s+rejected/);
    expect(table).toMatch(/APPLIED \(dry run\)\s+3\s+2\s+0\s+0\s+1/);
    expect(table).toContain('INVALID_INTEGER');
  });
});

describe('the audit log of uploads', () => {
  it('records a rejected multipart upload as REJECTED and an applied one as SUCCESS', async () => {
    // given
    const cf = await app.monitoring.coordinationFunction();
    const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
    // when
    await upload(app, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`]), { token });
    await upload(app, csv([`${cf.agb};2024;JAAR;ELV_LAAG;-1;0;0`]), { token });
    await app.flushAudit();
    // then
    const events = await app.orm.em.fork().find(AuditEvent, { operation: 'monitoringUpload', subject: token.slice(0, 12) }, { orderBy: { id: 'asc' } });
    expect(events.map((e) => e.outcome)).toEqual(['SUCCESS', 'REJECTED']);
  });
});

describe('staged upload', () => {
  let cf: Provider;
  let token: string;
  beforeAll(async () => {
    cf = await app.monitoring.coordinationFunction();
    token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: cf });
  });

  it('imports a PUT file on commit, once: a second commit answers with the same summary', async () => {
    const { started } = await stage(token, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`]), 'zn.csv', { 'idempotency-key': 'staged-1' });
    expect(started.uploadUrl).toBe(`/monitoring/uploads/${started.uploadId}`);
    const first = dataOf(await app.gql(COMMIT, { input: { uploadId: started.uploadId } }, { token })).monitoringUploadCommit.summary;
    const second = dataOf(await app.gql(COMMIT, { input: { uploadId: started.uploadId } }, { token })).monitoringUploadCommit.summary;
    expect(first).toMatchObject({ outcome: 'APPLIED', created: 1, replayed: false });
    expect(second).toEqual({ ...first, replayed: true });
    const records = await app.orm.em.fork().find('MonitoringImport', { provider: cf.id });
    expect(records.map((r: any) => r.idempotencyKey)).toEqual(['staged-1']);
  });

  it('refuses a wrong token, a second PUT, a file above the limit, and an upload of another organisation', async () => {
    const started = dataOf(await app.gql(START, { input: { filename: 'x.csv' } }, { token })).monitoringUploadStart.stagedUpload;
    const url = `${origin()}${started.uploadUrl}`;
    expect((await fetch(url, { method: 'PUT', headers: { 'upload-token': 'znu_wrong' }, body: 'x' })).status).toBe(404);
    expect((await fetch(url, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: Buffer.alloc(30001, 65) })).status).toBe(413);
    // the failed PUT left nothing: the upload can still receive its file
    expect((await fetch(url, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: csv([`${cf.agb};2023;JAAR;GRZ;1;1;0`]) })).status).toBe(201);
    expect((await fetch(url, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: 'again' })).status).toBe(409);
    const other = await app.monitoring.coordinationFunction();
    const otherToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: other });
    const foreign = dataOf(await app.gql(COMMIT, { input: { uploadId: started.uploadId } }, { token: otherToken })).monitoringUploadCommit;
    expect(foreign).toEqual({ summary: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
  });

  it('refuses to commit before the PUT and after expiry; only coordination functions may start one', async () => {
    const started = dataOf(await app.gql(START, { input: {} }, { token })).monitoringUploadStart.stagedUpload;
    const early = dataOf(await app.gql(COMMIT, { input: { uploadId: started.uploadId } }, { token })).monitoringUploadCommit;
    expect(early.userErrors.map((e: any) => e.code)).toEqual(['UPLOAD_NOT_RECEIVED']);
    await app.orm.em.getConnection().execute(`update monitoring_staged_upload set expires_at = now() - interval '1 second' where public_id = ?`, [started.uploadId]);
    expect((await fetch(`${origin()}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: 'x' })).status).toBe(410);
    const late = dataOf(await app.gql(COMMIT, { input: { uploadId: started.uploadId } }, { token })).monitoringUploadCommit;
    expect(late.userErrors.map((e: any) => e.code)).toEqual(['UPLOAD_EXPIRED']);
    expect(errorCodes(await app.gql(START, { input: {} }))).toEqual(['FORBIDDEN']);
  });
});

describe('CLI', () => {
  it('uploads as a coordination function (--as), prints the summary table, and exits non-zero when the file is rejected', async () => {
    // given
    const cf = await app.monitoring.coordinationFunction();
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(good, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`]));
    fs.copyFileSync(path.join(__dirname, '../fixtures/zn/negative-value.csv'), bad);
    // when
    const ok = await cli(['zn', 'upload', good, '--as', cf.agb, '--submit']);
    const rejected = await cli(['zn', 'upload', bad, '--as', cf.agb]);
    const notAllowed = await cli(['zn', 'upload', good, '--as', '00000000']);
    // then
    expect(ok.code).toBe(0);
    expect(ok.out.join('\n')).toMatch(/APPLIED\s+1\s+1\s+0\s+0\s+0/);
    expect(ok.err[0]).toMatch(/^read 1 rows \(\d+ bytes\) in/);
    expect(rejected.code).toBe(1);
    expect(rejected.err.at(-1)).toBe('error: the file was rejected; nothing was written');
    expect(rejected.out.join('\n')).toContain('NEGATIVE_VALUE');
    expect(notAllowed.err.at(-1)).toContain('no provider has this AGB code');
    const data = dataOf(await app.gql(`{ monitoringSubmission(coordinationFunctionAgb: "${cf.agb}", year: 2024, period: JAAR) { status } }`));
    expect(data.monitoringSubmission.status).toBe('SUBMITTED');
    await app.flushAudit();
    const audit = await app.orm.em.fork().find(AuditEvent, { operation: 'zn upload', ownerProviderIds: { $contains: [cf.id] } });
    expect(audit.map((e) => e.outcome).sort()).toEqual(['REJECTED', 'SUCCESS']);
  });

  it('loads figures for several coordination functions as the platform itself (no --as)', async () => {
    const a = await app.monitoring.coordinationFunction();
    const b = await app.monitoring.coordinationFunction();
    const file = path.join(dir, 'national.csv');
    fs.writeFileSync(file, csv([`${a.agb};2024;JAAR;GRZ;10;8;1`, `${b.agb};2024;JAAR;GRZ;7;7;0`]));
    const run = await cli(['zn', 'upload', file]);
    expect(run.code).toBe(0);
    expect(run.out.join('\n')).toMatch(/APPLIED\s+2\s+2/);
  });

  it('draws a progress bar on a terminal only', () => {
    const written: string[] = [];
    new ProgressBar(1000, { isTTY: true, write: (t) => written.push(t) }, 10).update(500, 42, true);
    new ProgressBar(1000, { isTTY: false, write: (t) => written.push(t) }, 10).update(500, 42, true);
    expect(written).toEqual(['\r[#####.....]  50%  42 rows']);
  });
});

describe('export', () => {
  it('exports CSV and XLSX through the CLI and GraphQL that upload again as unchanged', async () => {
    // given a function with figures, one of them optional-heavy
    const cf = await app.monitoring.coordinationFunction();
    const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
    await upload(
      app,
      csv(
        [
          `${cf.agb};2024;JAAR;ELV_LAAG;120;80;5;3;1250,75;14;70;23,5`,
          `${cf.agb};2024;JAAR;ELV_PALLIATIEF;12;10;1;;1234,5;;;`,
          `${cf.agb};2024;JAAR;GRZ;9;9;0;;;;;`,
          `${cf.agb};2024;JAAR;OVERIG;3;3;0;;99.95;;;`,
        ],
        'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;afgebogen_eerste_lijn;besparing_eur;benodigde_capaciteit_bedden;uitstroom_na_opname;gemiddelde_ligduur_dagen',
      ),
      { token },
    );
    const csvPath = path.join(dir, 'export.csv');
    const xlsxPath = path.join(dir, 'export.xlsx');
    // when
    const asCsv = await cli(['zn', 'export', '--year', '2024', '--agb', cf.agb, '--out', csvPath]);
    const asXlsx = await cli(['zn', 'export', '--year', '2024', '--agb', cf.agb, '--format', 'xlsx', '--out', xlsxPath, '--as', cf.agb]);
    const viaGraphql = dataOf(await app.gql(EXPORT, { filter: { year: 2024 }, format: 'XLSX' }, { token })).monitoringExport;
    // then
    expect(asCsv.err[0]).toContain('exported 4 rows');
    expect(asXlsx.err[0]).toContain('exported 4 rows');
    expect(viaGraphql).toMatchObject({ filename: 'zn-monitoring-2024.xlsx', format: 'XLSX', rowCount: 4 });
    const text = fs.readFileSync(csvPath, 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFagb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;afgebogen_eerste_lijn;besparing_eur;benodigde_capaciteit_bedden;uitstroom_na_opname;gemiddelde_ligduur_dagen');
    expect(text).toContain(`${cf.agb};2024;JAAR;ELV_LAAG;120;80;5;3;1250,75;14;70;23,5`);
    for (const [name, bytes] of [
      ['export.csv', fs.readFileSync(csvPath)],
      ['export.xlsx', fs.readFileSync(xlsxPath)],
      ['graphql.xlsx', Buffer.from(viaGraphql.contentBase64, 'base64')],
    ] as const) {
      const again = await upload(app, bytes, { token, filename: name });
      expect({ name, outcome: again.outcome, unchanged: again.unchanged, problems: again.problems }).toEqual({ name, outcome: 'UNCHANGED', unchanged: 4, problems: [] });
    }
  });

  it('exports only what the principal may read', async () => {
    const mine = await app.monitoring.coordinationFunction();
    const theirs = await app.monitoring.coordinationFunction();
    const token = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: mine });
    await upload(app, csv([`${mine.agb};2023;JAAR;GRZ;1;1;0`]), { token });
    await upload(app, csv([`${theirs.agb};2023;JAAR;GRZ;2;2;0`]), { token: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: theirs }) });
    const own = dataOf(await app.gql(EXPORT, { filter: { year: 2023 } }, { token })).monitoringExport;
    const content = Buffer.from(own.contentBase64, 'base64').toString('utf8');
    expect(content).toContain(mine.agb);
    expect(content).not.toContain(theirs.agb);
    const insurerToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: await app.monitoring.base.insurer() });
    expect(dataOf(await app.gql(EXPORT, { filter: { year: 2023 } }, { token: insurerToken })).monitoringExport.rowCount).toBe(0);
  });
});
