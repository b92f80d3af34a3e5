import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { rateLimitRefusals } from '../../observability/metrics';
import express, { Router } from 'express';
import { DriverException } from '@mikro-orm/core';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { MutationOutcome } from '../../core/mutation';
import { fail, UserErrorFailure } from '../../core/problems';
import { can, forbidden } from '../../auth/access-policy';
import { transactionalWithAudit } from '../../auth/audit-transaction';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { RateLimiter } from '../../auth/rate-limit';
import { FailedAuthentications, OUTAGE_RETRY_SECONDS, sourceAddress } from '../../auth/abuse';
import { MonitoringStagedUpload, StagedUploadState } from './staged-upload.entity';
import { MonitoringImport } from './import.entity';
import { MonitoringErrorCode as Code } from '../monitoring.errors';
import { FileFormat, ImportChannel } from '../monitoring.enums';
import type { BulkErrorPolicy } from '../../shared/bulk-error-policy';
import { importZnFile, ImportResult } from './import.pipeline';
import { toSummary } from './import.summary';

/** The header a PUT carries the upload token in (not Authorization: the URL works without an API token). */
export const UPLOAD_TOKEN_HEADER = 'upload-token';
export const STAGED_UPLOAD_PATH = '/monitoring/uploads';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export interface StagedUploadTicket {
  uploadId: string;
  uploadUrl: string;
  uploadToken: string;
  expiresAt: Date;
  maxBytes: number;
}

function uploaderOf(ctx: RequestContext): number {
  const p = ctx.principal;
  if (p.organisationKind !== 'PROVIDER' || p.providerId === null || !can(p, 'monitoring.write', { organisationKind: 'PROVIDER', providerId: p.providerId })) {
    throw forbidden('monitoring.write');
  }
  return p.providerId;
}

/** Bytes per stored piece of a staged file: one statement per piece, and at most one piece in memory. */
const STAGED_CHUNK_BYTES = 1024 * 1024;
/** PUTs one process receives at once: each holds a database connection for its transaction. */
const MAX_CONCURRENT_PUTS = 4;
/** A PUT whose client sends nothing for this long loses its transaction (and its lock on the upload). */
const PUT_IDLE_TIMEOUT = '300s';

/**
 * Removes staged uploads that expired, with their bytes (the chunks cascade), a few at a time. SKIP LOCKED lets
 * several instances sweep at once without waiting on each other or deleting an upload twice, and passes over an
 * upload whose PUT is still running.
 */
async function sweepExpired(em: EntityManager): Promise<void> {
  await em.execute(
    `delete from monitoring_staged_upload where id in (
       select id from monitoring_staged_upload where expires_at < now() order by id limit 50 for update skip locked)`,
  );
}

/** The stored bytes of a staged file, piece by piece, read on a connection of their own. */
async function* storedBytes(orm: EntityManager, uploadId: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [piece] = await orm.execute<{ data: Buffer }[]>('select data from monitoring_staged_upload_chunk where upload_id = ? and seq = ?', [uploadId, seq]);
    if (!piece) return;
    yield piece.data;
  }
}

/** Opens a staged upload: a short-lived URL and a token for one PUT of the file. */
export async function startStagedUpload(ctx: RequestContext, input: { filename?: string | null }): Promise<MutationOutcome<StagedUploadTicket>> {
  const providerId = uploaderOf(ctx);
  const filename = input.filename?.trim() || null;
  if (filename && filename.length > MAX_FILENAME) {
    return { result: null, userErrors: [{ field: ['filename'], code: Code.TOO_LONG, message: `A file name may be at most ${MAX_FILENAME} characters; it has ${filename.length}.` }] };
  }
  const em = ctx.em.fork();
  await sweepExpired(em as EntityManager);
  const settings = ctx.config.monitoring;
  const publicId = randomBytes(24).toString('base64url');
  const token = `znu_${randomBytes(32).toString('base64url')}`;
  const upload = await transactionalWithAudit(ctx, em as EntityManager, async (tx) => {
    const created = tx.create(MonitoringStagedUpload, {
      publicId,
      tokenHash: sha256(token),
      provider: providerId,
      createdBy: ctx.principal.subject,
      credentialId: ctx.principal.credentialId,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + settings.stagedUploadTtlSeconds * 1000),
      filename,
    });
    await tx.flush();
    return created;
  });
  return {
    result: {
      uploadId: publicId,
      uploadUrl: `${settings.publicBaseUrl ?? ''}${STAGED_UPLOAD_PATH}/${publicId}`,
      uploadToken: token,
      expiresAt: upload.expiresAt,
      maxBytes: settings.maxUploadBytes,
    },
    userErrors: [],
  };
}

const MAX_FILENAME = 255;

export interface CommitInput {
  uploadId: string;
  dryRun: boolean;
  errorPolicy: BulkErrorPolicy;
  submit: boolean;
  format: FileFormat | null;
  idempotencyKey: string | null;
}

/**
 * Imports a staged file through the one pipeline. A carried-out import consumes the upload (its file is
 * deleted, and committing it again answers with the same summary); a dry run or a rejected file leaves it,
 * so that it can be committed again until it expires, for instance under REJECT_FAILED_ROWS.
 */
export async function commitStagedUpload(ctx: RequestContext, input: CommitInput): Promise<MutationOutcome<ImportResult>> {
  const providerId = uploaderOf(ctx);
  try {
    const upload = await ctx.em.findOne(MonitoringStagedUpload, { publicId: input.uploadId, provider: providerId });
    if (!upload) fail('uploadId', Code.NOT_FOUND, 'No staged upload of yours has this ID.');
    if (upload.state === StagedUploadState.COMMITTED && upload.import) {
      const done = await upload.import.loadOrFail();
      return { result: { summary: toSummary(done.summary, done.id, true), record: done }, userErrors: [] };
    }
    if (upload.expiresAt < new Date()) fail('uploadId', Code.UPLOAD_EXPIRED, `The staged upload expired at ${upload.expiresAt.toISOString()}; start a new one.`);
    if (upload.state !== StagedUploadState.RECEIVED) fail('uploadId', Code.UPLOAD_NOT_RECEIVED, 'The file has not been PUT to the upload URL yet.');
    const outcome = await importZnFile(
      ctx,
      { input: storedBytes(ctx.em.fork() as EntityManager, upload.id), filename: upload.filename, format: input.format, channel: ImportChannel.STAGED_UPLOAD },
      { dryRun: input.dryRun, errorPolicy: input.errorPolicy, submit: input.submit, idempotencyKey: input.idempotencyKey ?? upload.idempotencyKey },
    );
    if (outcome.result?.record && !input.dryRun) {
      upload.state = StagedUploadState.COMMITTED;
      upload.import = ctx.em.getReference(MonitoringImport, outcome.result.record.id, { wrapped: true });
      await ctx.em.transactional(async (em) => {
        await em.flush();
        await (em as EntityManager).execute('delete from monitoring_staged_upload_chunk where upload_id = ?', [upload.id]);
      });
    }
    return outcome;
  } catch (error) {
    if (error instanceof UserErrorFailure) return { result: null, userErrors: error.errors };
    throw error;
  }
}

function sameToken(token: string, hash: string): boolean {
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

class TooLarge extends Error {}
class AlreadySent extends Error {}

/**
 * PUT <STAGED_UPLOAD_PATH>/<uploadId> with the header "Upload-Token: <token>" and the file as the body. The body
 * is stored in PostgreSQL in pieces, in one transaction that holds a lock on the upload: a second PUT while one
 * runs is refused, and a PUT cut off by a crash of this process (or of the database) leaves nothing behind, so the
 * same upload can be PUT again on any instance. A wrong token counts as a failed authentication of the address;
 * a right one is charged to the PUT budget of the credential that started the upload.
 */
export function stagedUploadRouter(orm: MikroORM, config: Config, log: Logger, guard: { limiter: RateLimiter; failures: FailedAuthentications }): Router {
  const router = Router();
  const reply = (res: express.Response, status: number, error: string) => res.status(status).json({ error });
  let running = 0;
  router.put('/:publicId', async (req, res) => {
    const token = req.header(UPLOAD_TOKEN_HEADER) ?? '';
    const em = orm.em.fork() as EntityManager;
    const address = sourceAddress(req);
    let upload: MonitoringStagedUpload | null;
    try {
      const [gate, found] = await Promise.all([
        guard.failures.check(address),
        /^[A-Za-z0-9_-]{32}$/.test(req.params.publicId) ? em.findOne(MonitoringStagedUpload, { publicId: req.params.publicId }) : null,
      ]);
      if (!gate.allowed) {
        rateLimitRefusals.inc({ budget: 'auth_failures' });
        res.setHeader('retry-after', String(gate.resetSeconds));
        return reply(res, 429, 'Too many failed authentications from this address; retry after the time in the Retry-After header.');
      }
      upload = found && token && sameToken(token, found.tokenHash) ? found : null;
      if (!upload) {
        await guard.failures.record(address);
        return reply(res, 404, 'No staged upload has this URL and token.');
      }
      if (upload.expiresAt < new Date()) return reply(res, 410, 'This staged upload expired; start a new one.');
      const budget = await guard.limiter.consume(`staged-put:${upload.credentialId ?? upload.createdBy}`, 1, config.monitoring.stagedPutsPerMinute);
      if (!budget.allowed) {
        rateLimitRefusals.inc({ budget: 'staged_puts' });
        res.setHeader('retry-after', String(budget.resetSeconds));
        return reply(res, 429, `At most ${budget.limit} staged-upload PUTs per minute per credential; retry after the time in the Retry-After header.`);
      }
    } catch (error) {
      log.warn('staged upload could not be checked', { error: error instanceof Error ? error.message : String(error) });
      res.setHeader('retry-after', String(OUTAGE_RETRY_SECONDS));
      return reply(res, 503, 'The service is temporarily unavailable (its database does not answer); PUT the file again shortly.');
    }
    if (running >= MAX_CONCURRENT_PUTS) {
      res.setHeader('retry-after', String(OUTAGE_RETRY_SECONDS));
      return reply(res, 503, 'This server is receiving as many files as it can; PUT the file again shortly.');
    }
    running++;
    const max = config.monitoring.maxUploadBytes;
    const id = upload.id;
    try {
      const bytes = await em.transactional(async (tx) => {
        const t = tx as EntityManager;
        await t.execute(`set local idle_in_transaction_session_timeout = '${PUT_IDLE_TIMEOUT}'`);
        // NOWAIT: a PUT of this upload that is still streaming holds the lock; a crashed one released it.
        const [row] = await t.execute<{ state: StagedUploadState }[]>('select state from monitoring_staged_upload where id = ? for update nowait', [id]);
        if (!row || row.state === StagedUploadState.RECEIVED || row.state === StagedUploadState.COMMITTED) throw new AlreadySent();
        await t.execute('delete from monitoring_staged_upload_chunk where upload_id = ?', [id]);
        const hash = createHash('sha256');
        let size = 0;
        let seq = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const store = async () => {
          if (pendingBytes === 0) return;
          await t.execute('insert into monitoring_staged_upload_chunk (upload_id, seq, data) values (?, ?, ?)', [id, seq++, Buffer.concat(pending)]);
          pending = [];
          pendingBytes = 0;
        };
        for await (const chunk of req as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > max) throw new TooLarge();
          hash.update(chunk);
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= STAGED_CHUNK_BYTES) await store();
        }
        // A body cut off by the client must never be stored as the whole file.
        if (!req.complete) throw new Error('the request body ended before it was complete');
        await store();
        await t.execute('update monitoring_staged_upload set state = ?, byte_size = ?, content_sha256 = ?, idempotency_key = ? where id = ?', [
          StagedUploadState.RECEIVED, size, hash.digest('hex'), req.header('idempotency-key') ?? null, id,
        ]);
        return size;
      });
      res.status(201).json({ uploadId: upload.publicId, byteSize: bytes });
    } catch (error) {
      if (error instanceof TooLarge) {
        res.setHeader('connection', 'close');
        return reply(res, 413, `The file is larger than the limit of ${max} bytes.`);
      }
      if (error instanceof AlreadySent) return reply(res, 409, 'The file of this staged upload was already sent.');
      // 55P03 lock_not_available: NOWAIT found the upload locked by a PUT that is still running.
      if (error instanceof DriverException && error.code === '55P03') {
        return reply(res, 409, 'A PUT of this staged upload is still running.');
      }
      log.warn('staged upload failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) reply(res, 400, 'The upload was interrupted; PUT the file again.');
    } finally {
      running--;
    }
  });
  return router;
}
