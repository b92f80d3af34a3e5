import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { requestScope } from '../db/request-scope';
import { recordErrorCode } from '../observability/request-log';

interface HttpFailure {
  status: number;
  code: 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR';
  message: string;
}

/** Errors of the body parser (body-parser's `type`), as the client should read them; nothing of the error itself is echoed. */
function describe(error: unknown): HttpFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { type?: unknown; status?: unknown; limit?: unknown };
  const status = typeof e.status === 'number' ? e.status : 500;
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_USER_INPUT', message: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return { status: 413, code: 'BAD_USER_INPUT', message: `The request body is larger than the limit of ${typeof e.limit === 'number' ? e.limit : 'the server'} bytes.` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'BAD_USER_INPUT', message: 'The request body must be JSON in UTF-8, without a content encoding other than identity, gzip or deflate.' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, code: 'BAD_USER_INPUT', message: 'The request body was not received completely: it is shorter or longer than its Content-Length.' };
  }
  if (status >= 400 && status < 500) return { status, code: 'BAD_USER_INPUT', message: 'The request is malformed.' };
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
}

/**
 * The last handler of the app: every error that escapes a middleware becomes JSON (a GraphQL error response on
 * /graphql), in every NODE_ENV, without a stack trace or a server path. Unexpected ones are logged.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const failure = describe(error);
    recordErrorCode(failure.code);
    if (failure.status >= 500) log.error('unexpected HTTP error', { requestId: requestScope.getStore()?.requestId, error });
    if (res.headersSent) {
      // Part of an answer is out: the connection is closed so the client cannot take it for a whole one.
      res.destroy();
      return;
    }
    res.status(failure.status);
    if (req.baseUrl === '/graphql' || req.path.startsWith('/graphql')) {
      res.json({ errors: [{ message: failure.message, extensions: { code: failure.code } }] });
    } else {
      res.json({ error: failure.message });
    }
  };
}

/**
 * A POST to /graphql whose body no parser read (a content type other than JSON or multipart) reaches Apollo
 * without `req.body`, which the express integration answers with a plain-text 500; an empty body makes Apollo
 * answer with its own JSON 400 instead.
 */
export const unparsedBodyAsEmpty: RequestHandler = (req, _res, next) => {
  if (req.body === undefined) req.body = {};
  next();
};
