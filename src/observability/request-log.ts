import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';
import { requestScope, RequestScope } from '../db/request-scope';
import { STAGED_UPLOAD_PATH } from '../monitoring/upload/staged-upload';
import { errorsByCode, operationLabel, registry, requestDuration } from './metrics';

const CODE = /^[A-Z][A-Z_]{0,39}$/;

/** A fixed name for the path: the log and the metrics never carry a query string (GET variables) or an id. */
function routeOf(path: string): string {
  if (path === '/graphql' || path.startsWith('/graphql/')) return '/graphql';
  if (path.startsWith(`${STAGED_UPLOAD_PATH}/`)) return `${STAGED_UPLOAD_PATH}/:id`;
  if (['/healthz', '/readyz', '/metrics'].includes(path)) return path;
  return 'other';
}

/**
 * Opens the request's scope (its id: the client's X-Request-Id when well-formed, else a new one) and, when the
 * response is done, writes one log line and the request's metrics. The line holds the request id, route, GraphQL
 * operation name, organisation, status and duration: never a header, a token, a query string or a variable.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const supplied = req.header('x-request-id');
    const requestId = supplied && /^[A-Za-z0-9._-]{1,100}$/.test(supplied) ? supplied : randomUUID();
    res.setHeader('x-request-id', requestId);
    const scope: RequestScope = { requestId, sqlStatements: 0, errorCodes: [] };
    const route = routeOf(req.path);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished ? res.statusCode : 0;
      const operation = route === '/graphql' ? operationLabel(scope.operationName) : route;
      requestDuration.observe({ operation, status: String(status) }, seconds);
      for (const code of scope.errorCodes) errorsByCode.inc({ code: CODE.test(code) ? code : 'OTHER' });
      log.info('request', {
        requestId,
        method: req.method,
        route,
        operation: route === '/graphql' ? operation : undefined,
        organisation: scope.organisation,
        status,
        durationMs: Math.round(seconds * 10000) / 10,
        sqlStatements: scope.sqlStatements,
        errors: scope.errorCodes.length > 0 ? scope.errorCodes : undefined,
      });
    };
    // 'finish' when the response was sent; 'close' alone when the client went away first (status 0).
    res.once('finish', finish);
    res.once('close', finish);
    requestScope.run(scope, next);
  };
}

/** Records an error code answered outside GraphQL execution (401, 429, 503, body errors). */
export function recordErrorCode(code: string): void {
  requestScope.getStore()?.errorCodes.push(code);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * GET /metrics: answers only with `Authorization: Bearer <METRICS_TOKEN>`; without the setting it does not exist
 * (404), so a deployment never publishes its traffic figures by forgetting a setting.
 */
export function metricsEndpoint(token: string | null): RequestHandler {
  const expected = token ? digest(token) : null;
  return async (req, res) => {
    if (!expected) {
      res.status(404).json({ error: 'Not found. The API is served at /graphql.' });
      return;
    }
    const match = /^Bearer (\S+)$/.exec(req.header('authorization') ?? '');
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      res.status(401).setHeader('www-authenticate', 'Bearer').json({ error: 'The metrics need the METRICS_TOKEN as a bearer token.' });
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
