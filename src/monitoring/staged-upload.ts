import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { Router } from 'express';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../graphql/context';
import type { MutationOutcome } from '../graphql/mutation';
import { fail, UserErrorFailure } from '../graphql/user-error';
import { can, forbidden } from '../auth/policy';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { MonitoringStagedUpload, StagedUploadState } from './staged-upload.entity';
import { MonitoringImport } from './import.entity';
import { MonitoringErrorCode as Code } from './monitoring.errors';
import { ErrorPolicy, FileFormat, ImportChannel } from './monitoring.enums';
import { importZnFile, ImportResult } from './import/import.pipeline';
import { toSummary } from './import/summary';

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

function filePath(ctx: { config: Config }, publicId: string): string {
  return path.join(ctx.config.monitoring.stagingDir, publicId);
}

/** Removes staged uploads that expired, with their files; best effort, a few at a time. */
async function sweepExpired(em: EntityManager, config: Config): Promise<void> {
  const expired = await em.find(MonitoringStagedUpload, { expiresAt: { $lt: new Date() } }, { limit: 50 });
  for (const upload of expired) {
    await fs.promises.rm(filePath({ config }, upload.publicId), { force: true });
    await fs.promises.rm(`${filePath({ config }, upload.publicId)}.part`, { force: true });
  }
  if (expired.length > 0) await em.nativeDelete(MonitoringStagedUpload, { id: { $in: expired.map((u) => u.id) } });
}

/** Opens a staged upload: a short-lived URL and a token for one PUT of the file. */
export async function startStagedUpload(ctx: RequestContext, input: { filename?: string | null }): Promise<MutationOutcome<StagedUploadTicket>> {
  const providerId = uploaderOf(ctx);
  const filename = input.filename?.trim() || null;
  if (filename && filename.length > MAX_FILENAME) {
    return { result: null, userErrors: [{ field: ['filename'], code: Code.TOO_LONG, message: `A file name may be at most ${MAX_FILENAME} characters; it has ${filename.length}.` }] };
  }
  const em = ctx.em.fork();
  await sweepExpired(em, ctx.config);
  const settings = ctx.config.monitoring;
  const publicId = randomBytes(24).toString('base64url');
  const token = `znu_${randomBytes(32).toString('base64url')}`;
  const upload = em.create(MonitoringStagedUpload, {
    publicId,
    tokenHash: sha256(token),
    provider: providerId,
    createdBy: ctx.principal.subject,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + settings.stagedUploadTtlSeconds * 1000),
    filename,
  });
  await em.flush();
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
  errorPolicy: ErrorPolicy;
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
      { input: fs.createReadStream(filePath(ctx, upload.publicId)), filename: upload.filename, format: input.format, channel: ImportChannel.STAGED_UPLOAD },
      { dryRun: input.dryRun, errorPolicy: input.errorPolicy, submit: input.submit, idempotencyKey: input.idempotencyKey ?? upload.idempotencyKey },
    );
    if (outcome.result?.record && !input.dryRun) {
      upload.state = StagedUploadState.COMMITTED;
      upload.import = ctx.em.getReference(MonitoringImport, outcome.result.record.id, { wrapped: true });
      await ctx.em.flush();
      await fs.promises.rm(filePath(ctx, upload.publicId), { force: true });
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

/**
 * PUT <STAGED_UPLOAD_PATH>/<uploadId> with the header "Upload-Token: <token>" and the file as the body. The
 * body streams to the staging directory with the size limit enforced on the way; nothing is parsed here.
 */
export function stagedUploadRouter(orm: MikroORM, config: Config, log: Logger): Router {
  const router = Router();
  const reply = (res: express.Response, status: number, error: string) => res.status(status).json({ error });
  router.put('/:publicId', async (req, res) => {
    const token = req.header(UPLOAD_TOKEN_HEADER) ?? '';
    const em = orm.em.fork() as EntityManager;
    const upload = /^[A-Za-z0-9_-]{32}$/.test(req.params.publicId)
      ? await em.findOne(MonitoringStagedUpload, { publicId: req.params.publicId })
      : null;
    if (!upload || !token || !sameToken(token, upload.tokenHash)) return reply(res, 404, 'No staged upload has this URL and token.');
    if (upload.expiresAt < new Date()) return reply(res, 410, 'This staged upload expired; start a new one.');
    const claimed = await em.nativeUpdate(
      MonitoringStagedUpload,
      { id: upload.id, state: StagedUploadState.PENDING },
      { state: StagedUploadState.RECEIVING },
    );
    if (claimed === 0) return reply(res, 409, 'The file of this staged upload was already sent.');
    const max = config.monitoring.maxUploadBytes;
    const target = filePath({ config }, upload.publicId);
    const partial = `${target}.part`;
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      await fs.promises.mkdir(config.monitoring.stagingDir, { recursive: true });
      await pipeline(
        req,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            if (bytes > max) return done(new TooLarge());
            hash.update(chunk);
            done(null, chunk);
          },
        }),
        fs.createWriteStream(partial),
      );
      await fs.promises.rename(partial, target);
      await em.nativeUpdate(
        MonitoringStagedUpload,
        { id: upload.id },
        { state: StagedUploadState.RECEIVED, byteSize: bytes, contentSha256: hash.digest('hex'), idempotencyKey: req.header('idempotency-key') ?? null },
      );
      res.status(201).json({ uploadId: upload.publicId, byteSize: bytes });
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      await em.nativeUpdate(MonitoringStagedUpload, { id: upload.id }, { state: StagedUploadState.PENDING });
      if (error instanceof TooLarge) {
        res.setHeader('connection', 'close');
        return reply(res, 413, `The file is larger than the limit of ${max} bytes.`);
      }
      log.warn('staged upload failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) reply(res, 400, 'The upload was interrupted; PUT the file again.');
    }
  });
  return router;
}
