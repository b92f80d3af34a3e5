import type { Request, RequestHandler, Response } from 'express';
import Busboy from 'busboy';
import { Upload } from './upload';

export interface MultipartOptions {
  /** Largest file part; the part is cut one byte past it, so that its reader sees it is too large. */
  maxFileBytes: number;
  /** Most file parts one request may carry. */
  maxFiles: number;
}

/** The headers Apollo's CSRF prevention accepts as proof of a preflighted request. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
const MAX_FIELD_BYTES = 1024 * 1024;

function refuse(res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Puts `value` at a dot path such as "variables.input.file" (or "0.variables.file" in a batch). */
function setPath(target: unknown, path: string, value: unknown): boolean {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  const last = keys[keys.length - 1]!;
  if (!isRecord(node) || ['__proto__', 'constructor', 'prototype'].includes(last)) return false;
  (node as Record<string, unknown>)[last] = value;
  return true;
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
            if (!setPath(operations, path, upload)) return refuse(res, 400, `The map path "${path}" does not exist in the operations.`);
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
      if (!upload) {
        stream.resume();
        return;
      }
      upload.resolve({ filename: info.filename ?? name, mimeType: info.mimeType, stream });
    });

    busboy.on('close', () => {
      if (!released) return refuse(res, 400, 'The multipart request has no "map" field.');
      for (const upload of uploads?.values() ?? []) if (!upload.file) upload.reject(new Error('The multipart request ended without this file.'));
    });

    busboy.on('error', (error: Error) => {
      failAll(error);
      refuse(res, 400, 'The multipart request is malformed.');
      req.unpipe(busboy);
      req.resume();
    });

    req.on('aborted', () => failAll(new Error('The client aborted the request.')));

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
