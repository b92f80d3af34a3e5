import type { Request, RequestHandler, Response } from 'express';
import { PassThrough } from 'node:stream';
import Busboy from 'busboy';
import { Upload } from './upload';
import { AppError } from '../core/errors';
import { isPrototypeKey } from '../shared/input-safety';

export interface MultipartOptions {
  /** Largest file part; the part is cut one byte past it, so that its reader sees it is too large. */
  maxFileBytes: number;
  /** Most file parts one request may carry. */
  maxFiles: number;
}

/** The headers Apollo's CSRF prevention accepts as proof of a preflighted request. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
const MAX_FIELD_BYTES = 1024 * 1024;

const truncated = () =>
  new AppError('BAD_USER_INPUT', 'The multipart request ended before its closing boundary or broke the multipart format; the file was not received whole.');

function refuse(res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

type PathOutcome = 'set' | 'missing' | 'forbidden';

/**
 * Puts `value` at a dot path such as "variables.input.file" (or "0.variables.file" in a batch). The path comes
 * from the client, so it may only walk the operation's own data: a segment that names a prototype is refused,
 * and every step must be an own property (an array index within the array), so no path reaches shared objects.
 */
function setPath(target: unknown, path: string, value: unknown): PathOutcome {
  const keys = path.split('.');
  if (keys.some(isPrototypeKey)) return 'forbidden';
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, key)) return 'missing';
    node = node[key];
  }
  const last = keys[keys.length - 1]!;
  if (!isRecord(node)) return 'missing';
  if (Array.isArray(node) && !(/^\d+$/.test(last) && Number(last) < node.length)) return 'missing';
  node[last] = value;
  return 'set';
}

/**
 * GraphQL multipart requests (graphql-multipart-request-spec), parsed while they stream: the operation runs
 * once the `operations` and `map` fields are in, and each Upload variable resolves to its file part when
 * that part arrives, so a file is never held in memory or on disk here. Runs after authentication, so an
 * unauthenticated client cannot make the server read its body. Requests without a preflight header are left
 * unparsed for Apollo's CSRF prevention to refuse.
 */
export function graphqlMultipart(options: MultipartOptions): RequestHandler {
  return (req: Request, res: Response, next) => {
    if (!req.is('multipart/form-data')) return next();
    if (!PREFLIGHT_HEADERS.some((header) => (req.header(header) ?? '') !== '')) {
      req.body = {};
      return next();
    }
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({
        headers: req.headers,
        limits: { fields: 2, fieldSize: MAX_FIELD_BYTES, files: options.maxFiles, fileSize: options.maxFileBytes + 1, parts: options.maxFiles + 2 },
      });
    } catch {
      refuse(res, 400, 'The multipart request has no valid boundary.');
      return;
    }
    const idempotencyKey = req.header('idempotency-key') ?? null;
    let operations: unknown;
    let uploads: Map<string, Upload> | null = null;
    let released = false;
    const failAll = (error: Error) => {
      for (const upload of uploads?.values() ?? []) {
        upload.reject(error);
        upload.file?.stream.destroy(error);
      }
    };

    busboy.on('field', (name, value, info) => {
      if (released) return;
      if (info.valueTruncated) return refuse(res, 413, `The multipart field "${name}" is larger than ${MAX_FIELD_BYTES} bytes.`);
      try {
        if (name === 'operations') {
          operations = JSON.parse(value);
          return;
        }
        if (name !== 'map') return refuse(res, 400, `Unexpected multipart field "${name}": send "operations", then "map", then the files.`);
        if (operations === undefined) return refuse(res, 400, 'The multipart field "operations" must come before "map".');
        const map: unknown = JSON.parse(value);
        if (!isRecord(map) || Array.isArray(map)) return refuse(res, 400, 'The multipart field "map" must be a JSON object of file field names to paths.');
        uploads = new Map();
        for (const [field, paths] of Object.entries(map)) {
          if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
            return refuse(res, 400, `The map entry "${field}" must be a non-empty array of paths.`);
          }
          const upload = new Upload(idempotencyKey);
          uploads.set(field, upload);
          for (const path of paths as string[]) {
            const outcome = setPath(operations, path, upload);
            if (outcome === 'forbidden') return refuse(res, 400, `The map path "${path}" names a prototype (__proto__, constructor or prototype); paths lead to variables.`);
            if (outcome === 'missing') return refuse(res, 400, `The map path "${path}" does not exist in the operations.`);
          }
        }
        released = true;
        req.body = operations;
        next();
      } catch {
        refuse(res, 400, `The multipart field "${name}" is not valid JSON.`);
      }
    });

    busboy.on('file', (name, stream, info) => {
      const upload = uploads?.get(name);
      // A part cut off by the end of the request fails its stream; an error without a listener would stop the process.
      stream.on('error', () => upload?.reject(truncated()));
      if (!upload) {
        stream.resume();
        return;
      }
      // The operation reads a copy that fails with a client error, so a cut-off file is reported as the client's fault.
      const part = new PassThrough();
      // The operation may have stopped reading (it answered already); then this error concerns no one.
      part.on('error', () => undefined);
      stream.on('error', () => part.destroy(truncated()));
      stream.pipe(part);
      upload.resolve({ filename: info.filename ?? name, mimeType: info.mimeType, stream: part });
    });

    busboy.on('close', () => {
      if (!released) return refuse(res, 400, 'The multipart request has no "map" field.');
      for (const upload of uploads?.values() ?? []) if (!upload.file) upload.reject(new Error('The multipart request ended without this file.'));
    });

    busboy.on('error', () => {
      failAll(truncated());
      // Once the operation runs it answers itself (its upload fails); before that, this is the answer.
      if (!released) refuse(res, 400, 'The multipart request is malformed: it ends before its closing boundary or breaks the multipart format.');
      req.unpipe(busboy);
      req.resume();
    });

    // A client that goes away mid-body must not leave the operation waiting for the rest of a file forever.
    req.on('error', () => failAll(truncated()));
    req.on('close', () => {
      if (!req.complete) failAll(truncated());
    });

    // Whatever the operation did not read is drained, so that the request completes and the connection is freed.
    res.on('finish', () => {
      for (const upload of uploads?.values() ?? []) {
        upload.reject(new Error('The operation finished without reading this file.'));
        upload.file?.stream.resume();
      }
    });

    req.pipe(busboy);
  };
}
