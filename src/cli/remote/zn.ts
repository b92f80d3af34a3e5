import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CliFailure, endpointFrom, EXIT, ExchangeClient, usageError, UserErrorShape } from './client';
import { oneOf, Output, RemoteCommand, table, year } from './args';
import { writeOutput } from './reports';

const POLICIES = ['ALL_OR_NOTHING', 'REJECT_FAILED_ROWS'] as const;
/** The earlier spelling of all-or-nothing, still understood for one release. */
const DEPRECATED_ALL_OR_NOTHING = /^reject[-_]everything$/i;
const FORMATS = ['CSV', 'XLSX'] as const;
const PROBLEMS_SHOWN = 20;

interface Ticket {
  uploadId: string;
  uploadUrl: string;
  uploadToken: string;
  expiresAt: string;
}

/** What survives an interruption: the staged upload of this file at this API, and whether its PUT finished. */
interface ResumeState extends Ticket {
  origin: string;
  sent: boolean;
}

interface Summary {
  outcome: string;
  dryRun: boolean;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCount: number;
  warningCount: number;
  replayed: boolean;
  problemsTruncated: boolean;
  problems: { severity: string; row: number | null; column: string | null; code: string; message: string }[];
}

/**
 * Where resume states live: $XDG_STATE_HOME/zix/uploads (~/.local/state/zix/uploads), one file per file content
 * and API, so running the same command again after an interruption finds its staged upload.
 */
function statePath(env: Record<string, string | undefined>, origin: string, file: string, contentSha256: string): string {
  const base = env.XDG_STATE_HOME?.trim() || path.join(os.homedir(), '.local', 'state');
  const key = createHash('sha256').update(`${origin}\n${path.resolve(file)}\n${contentSha256}`).digest('hex').slice(0, 32);
  return path.join(base, 'zix', 'uploads', `${key}.json`);
}

function readState(file: string, origin: string): ResumeState | null {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as ResumeState;
    // A ticket about to expire is not worth resuming: the PUT or the commit would fail half-way.
    if (state.origin !== origin || Date.parse(state.expiresAt) - Date.now() < 60_000) return null;
    return state;
  } catch {
    return null;
  }
}

function writeState(file: string, state: ResumeState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // The upload token is a credential for this one upload: readable by the user only.
  fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A progress bar on stderr when it is a terminal; nothing otherwise (logs and pipes get the summary only). */
export function progress(out: Output, total: number): { add: (bytes: number) => void; done: () => void } {
  let sent = 0;
  let drawn = -1;
  const draw = () => {
    const share = total > 0 ? sent / total : 1;
    const percent = Math.floor(share * 100);
    if (percent === drawn) return;
    drawn = percent;
    const filled = Math.round(share * 30);
    out.err(`\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(percent).padStart(3)}%  ${sent.toLocaleString('en')} of ${total.toLocaleString('en')} bytes`);
  };
  return {
    add: (bytes) => {
      sent += bytes;
      if (out.errIsTty && !out.json) draw();
    },
    done: () => {
      if (out.errIsTty && !out.json) out.err('\n');
    },
  };
}

/** PUTs the file; true when the server holds it (now or from an earlier attempt), false when the ticket is gone. */
async function send(client: ExchangeClient, out: Output, file: string, size: number, ticket: Ticket): Promise<boolean> {
  const bar = progress(out, size);
  const stream = fs.createReadStream(file);
  stream.on('data', (chunk) => bar.add(chunk.length));
  const response = await client
    .put(client.resolve(ticket.uploadUrl), { 'upload-token': ticket.uploadToken, 'content-length': String(size), 'content-type': 'application/octet-stream' }, Readable.toWeb(stream) as ReadableStream<Uint8Array>)
    .catch((error: CliFailure) => {
      bar.done();
      throw new CliFailure(`${error.message}; the upload was interrupted: run the same command again to resume it`, EXIT.UNREACHABLE, 'INTERRUPTED');
    });
  bar.done();
  const answer = (await response.json().catch(() => ({}))) as { error?: string };
  if (response.status === 201) return true;
  // 409: an earlier attempt delivered the file (or is still delivering it); the commit tells which.
  if (response.status === 409) return true;
  if (response.status === 404 || response.status === 410) return false;
  throw new CliFailure(`the upload was refused (HTTP ${response.status}): ${answer.error ?? 'no reason given'}`, EXIT.FAILED, `HTTP_${response.status}`);
}

const START = `mutation($input: MonitoringUploadStartInput!) { monitoringUploadStart(input: $input) {
  stagedUpload { uploadId uploadUrl uploadToken expiresAt } userErrors { field code message } } }`;
const COMMIT = `mutation($input: MonitoringUploadCommitInput!) { monitoringUploadCommit(input: $input) {
  summary { outcome dryRun rowsRead created updated unchanged rejected errorCount warningCount replayed problemsTruncated
            problems { severity row column code message } }
  userErrors { field code message } } }`;

const upload: RemoteCommand = {
  positionals: '<file>',
  summary:
    'Upload a ZN file (CSV or XLSX) as your coordination function through a staged upload, and print the import summary. Interrupted? Run the same command again: it resumes the staged upload instead of starting over.',
  options: {
    'dry-run': { type: 'boolean', help: 'check everything and report what would happen, writing nothing' },
    policy: { type: 'string', help: '<policy>  all-or-nothing (default) or reject-failed-rows' },
    format: { type: 'string', help: '<format>  csv or xlsx (from the file name or content when omitted)' },
    submit: { type: 'boolean', help: 'submit the figures for review after importing them' },
  },
  run: async ({ values, positionals }, out, env) => {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw usageError('give exactly one file to upload');
    const policy = DEPRECATED_ALL_OR_NOTHING.test(String(values.policy)) ? 'ALL_OR_NOTHING' : (oneOf(values, 'policy', POLICIES) ?? 'ALL_OR_NOTHING');
    const format = oneOf(values, 'format', FORMATS);
    const size = fileSizeOf(file);
    const client = new ExchangeClient(endpointFrom(env));
    const stateFile = statePath(env, client.endpoint.origin, file, await sha256Of(file));
    let state = readState(stateFile, client.endpoint.origin);
    if (state && !out.json) out.err(`resuming staged upload ${state.uploadId}${state.sent ? ' (file already sent)' : ''}\n`);
    for (let attempt = 0; !state?.sent; attempt += 1) {
      if (!state) {
        const payload = await client.mutate<{ stagedUpload: Ticket; userErrors: UserErrorShape[] }>(START, { input: { filename: path.basename(file) } }, 'monitoringUploadStart');
        state = { ...payload.stagedUpload, origin: client.endpoint.origin, sent: false };
        writeState(stateFile, state);
      }
      if (await send(client, out, file, size, state)) {
        state.sent = true;
        writeState(stateFile, state);
      } else if (attempt === 0) {
        state = null;
      } else {
        throw new CliFailure('the staged upload was not found or expired twice; try again', EXIT.FAILED, 'UPLOAD_EXPIRED');
      }
    }
    const sent = state!;
    const payload = await client
      .mutate<{ summary: Summary; userErrors: UserErrorShape[] }>(
        COMMIT,
        { input: { uploadId: sent.uploadId, dryRun: values['dry-run'] === true, rowErrorPolicy: policy, format, submit: values.submit === true } },
        'monitoringUploadCommit',
      )
      .catch((error: unknown) => {
        // An earlier attempt's PUT broke off after all: the next run sends the file again.
        if (error instanceof CliFailure && error.code === 'UPLOAD_NOT_RECEIVED') {
          writeState(stateFile, { ...sent, sent: false });
          throw new CliFailure('the server has not received the whole file yet: run the same command again to send it', EXIT.FAILED, error.code);
        }
        throw error;
      });
    // Done with this staged upload: a real import consumed it; after a dry run a new command starts afresh.
    fs.rmSync(stateFile, { force: true });
    const summary = payload.summary;
    printSummary(out, summary);
    if (summary.outcome === 'REJECTED') throw new CliFailure(`the file was rejected: ${summary.errorCount} errors`, EXIT.FAILED, 'REJECTED');
  },
};

function printSummary(out: Output, s: Summary): void {
  if (out.json) return out.out(JSON.stringify({ summary: s }));
  out.out(`${s.dryRun ? 'dry run: ' : ''}${s.outcome}${s.replayed ? ' (the summary of an earlier identical import)' : ''}`);
  table(out, ['rows read', 'created', 'updated', 'unchanged', 'rejected', 'errors', 'warnings'], [[s.rowsRead, s.created, s.updated, s.unchanged, s.rejected, s.errorCount, s.warningCount]]);
  if (s.problems.length === 0) return;
  out.out('');
  table(out, ['severity', 'row', 'column', 'code', 'message'], s.problems.slice(0, PROBLEMS_SHOWN).map((p) => [p.severity, p.row, p.column, p.code, p.message]));
  const more = s.problems.length - PROBLEMS_SHOWN + (s.problemsTruncated ? 1 : 0);
  if (more > 0) out.out(`(more problems not shown: --json lists ${s.problems.length}${s.problemsTruncated ? ', the server kept the first ones' : ''})`);
}

const znExport: RemoteCommand = {
  summary: 'Export the monitoring figures you may read for a year as a ZN file (CSV or XLSX).',
  options: {
    year: { type: 'string', help: '<YYYY>  the year' },
    format: { type: 'string', help: '<format>  csv (default) or xlsx' },
    agb: { type: 'string', help: '<AGB>  only this coordination function' },
    out: { type: 'string', help: '<file>  where to write it (the server\'s file name in this folder when omitted)' },
  },
  run: async ({ values }, out, env) => {
    const exportYear = year(values, true);
    const format = oneOf(values, 'format', FORMATS) ?? 'CSV';
    const agb = typeof values.agb === 'string' ? values.agb : undefined;
    if (agb !== undefined && !/^\d{8}$/.test(agb)) throw usageError(`--agb must be an 8-digit AGB code; got "${agb}"`);
    const client = new ExchangeClient(endpointFrom(env));
    const data = await client.request<{ monitoringExport: { filename: string; contentBase64: string; rowCount: number } }>(
      'query($filter: MonitoringExportFilter!, $format: ZnFileFormat!) { monitoringExport(filter: $filter, format: $format) { filename contentBase64 rowCount } }',
      { filter: { year: exportYear, ...(agb ? { coordinationFunctionAgb: agb } : {}) }, format },
    );
    const file = data.monitoringExport;
    const target = typeof values.out === 'string' ? values.out : path.basename(file.filename);
    writeOutput(out, target, Buffer.from(file.contentBase64, 'base64'), `${file.rowCount} rows`);
  },
};

export const ZN_COMMANDS: Record<string, RemoteCommand> = { 'zn upload': upload, 'zn export': znExport };

/** The size of a file to upload, or a FILE failure (exit 1) when it cannot be read or is not a file. */
export function fileSizeOf(file: string): number {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    return stat.size;
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.FAILED, 'FILE');
  }
}
