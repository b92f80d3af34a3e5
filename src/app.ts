import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { ApolloServer, ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode } from 'graphql';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import { getSchema, printSdl } from './graphql/schema';
import { Loaders, RequestContext } from './core/context';
import { AppError, UNAVAILABLE_MESSAGE } from './core/errors';
import { createFormatError } from './graphql/format-error';
import { analyzeOperation, enforceLimits, QueryAnalysis } from './graphql/limits';
import { compiledAnswer } from './graphql/json-read';
import { plainAnswer } from './graphql/plain-answer';
import { requestScope } from './db/request-scope';
import { metricsEndpoint, recordErrorCode, requestLog } from './observability/request-log';
import { rateLimitRefusals, watchPool } from './observability/metrics';
import type { ReadReplicas } from './db/replicas';
import { readsChanges } from './graphql/sync.resolver';
import type { Principal } from './auth/principal';
import { Authenticator } from './auth/authenticate';
import { FailedAuthentications, OUTAGE_RETRY_SECONDS, refuseTooManyFailures, refuseUnavailable, sourceAddress } from './auth/abuse';
import { AuditLog } from './auth/audit';
import { RateLimiter, RateLimitState } from './auth/rate-limit';
import type { Logger } from './logger';
import { webRouter } from './web/web.routes';
import { cors, securityHeaders } from './web/http-security';
import { graphqlMultipart } from './graphql/multipart';
import { httpErrorHandler, unparsedBodyAsEmpty } from './graphql/http-errors';
import { conditionalGet, etagOf, matchesIfNoneMatch } from './graphql/conditional-get';
import { STAGED_UPLOAD_PATH, stagedUploadRouter } from './monitoring/upload/staged-upload';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  log: Logger;
  /** Read replicas for queries; without them everything reads the primary. */
  replicas?: ReadReplicas;
  /** Clock of the rate limiter; tests pass one they control. */
  now?: () => number;
}

export interface App {
  /** The HTTP server, not yet listening. */
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  audit: AuditLog;
  /** Stops Apollo after the HTTP server drained its in-flight requests, then writes the last audit entries. */
  stop: () => Promise<void>;
}

type LimitedContext = RequestContext & {
  isMutation?: boolean;
  analysis?: QueryAnalysis;
  rate?: RateLimitState;
  refused?: number;
  retryAfter?: number;
  /** The compiled answer read with the charge: data, or null when it is left to execution (undefined: not tried). */
  compiled?: Record<string, unknown> | null;
};

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/**
 * Before execution: depth, aliases and cost, then the credential's per-minute budget. After: the cost and the SQL
 * count in the response body, the budget in headers.
 */
function limitsPlugin(config: Config, limiter: RateLimiter, replicas: ReadReplicas | undefined, log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const scope = requestScope.getStore();
          if (scope) scope.operationName = operation.name?.value ?? null;
          const ctx = contextValue as LimitedContext;
          const analysis = analyzeOperation(schema, document, operation, request.variables ?? {}, config.limits);
          ctx.analysis = analysis;
          try {
            enforceLimits(analysis, config.limits);
          } catch (error) {
            ctx.refused = 400;
            throw error;
          }
          const limit = config.auth.rateLimits[ctx.principal.role] ?? 0;
          const cost = Math.max(1, analysis.cost);
          try {
            // A query that compiles to statements (graphql/json-read.ts) carries the charge in its first one, one
            // round trip for both; its page is read only when the charge is allowed. Any other is charged first.
            // Not with replicas: the charge goes to the primary, the read to a replica chosen below.
            let rate: RateLimitState | null = null;
            if (!replicas && operation.operation === 'query') {
              const charge = limiter.chargeOf(ctx.principal.credentialId, cost, limit);
              const compiled = await compiledAnswer(schema, operation, fragmentsOf(document), request.variables ?? {}, ctx, charge);
              ctx.compiled = compiled?.data ?? null;
              if (compiled?.carried) rate = charge.state(compiled.carried);
            }
            ctx.rate = rate ?? (await limiter.consume(ctx.principal.credentialId, cost, limit));
          } catch {
            ctx.refused = 503;
            ctx.retryAfter = OUTAGE_RETRY_SECONDS;
            throw new AppError('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE, {
              retryAfterSeconds: OUTAGE_RETRY_SECONDS,
            });
          }
          if (!ctx.rate.allowed) {
            ctx.refused = 429;
            rateLimitRefusals.inc({ budget: 'query_cost' });
            throw new AppError(
              'RATE_LIMITED',
              `Rate limit reached: this query costs ${analysis.cost} points and ${ctx.rate.remaining} of ${limit} remain this minute. Retry in ${ctx.rate.resetSeconds} s.`,
              { retryAfterSeconds: ctx.rate.resetSeconds, cost: analysis.cost, remaining: ctx.rate.remaining, limit },
            );
          }
          ctx.isMutation = operation.operation === 'mutation';
          if (replicas && operation.operation === 'query' && !readsChanges(document)) {
            // A replica that has replayed this credential's last write, else the primary (also when the check fails).
            const reader = await replicas.readerFor(ctx.principal.credentialId).catch(() => null);
            if (reader) ctx.em = reader;
          }
        },
        async willSendResponse({ response, contextValue }) {
          const ctx = contextValue as LimitedContext;
          // Before the answer leaves: the credential's next query, on any instance, reads what this one wrote.
          if (replicas && ctx.isMutation) {
            await replicas.recordWrite(ctx.principal.credentialId).catch((error: unknown) =>
              log.warn('could not record a write position; this credential may read a replica that is behind', { error: error instanceof Error ? error.message : String(error) }),
            );
          }
          if (ctx.rate) {
            response.http.headers.set('ratelimit-limit', String(ctx.rate.limit));
            response.http.headers.set('ratelimit-remaining', String(ctx.rate.remaining));
            response.http.headers.set('ratelimit-reset', String(ctx.rate.resetSeconds));
          }
          if (ctx.refused) {
            response.http.status = ctx.refused;
            if (ctx.refused === 429 && ctx.rate) response.http.headers.set('retry-after', String(ctx.rate.resetSeconds));
            if (ctx.retryAfter) response.http.headers.set('retry-after', String(ctx.retryAfter));
          }
          const scope = requestScope.getStore();
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            scope?.errorCodes.push(typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR');
          }
          if (!ctx.refused && response.body.singleResult.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            // The database went away while the operation ran (a mutation's transaction rolled back): retry.
            log.warn('the database did not answer during an operation', { requestId: scope?.requestId });
            response.http.status = 503;
            response.http.headers.set('retry-after', String(OUTAGE_RETRY_SECONDS));
          }
          const extensions: Record<string, unknown> = { ...(response.body.singleResult.extensions ?? {}) };
          if (ctx.analysis) {
            // The remaining budget changes with every request, so it lives in the ratelimit-* headers only: two
            // identical answers then have identical bodies and ETags.
            extensions.cost = { requested: ctx.analysis.cost, limit: config.limits.maxCost, depth: ctx.analysis.depth };
          }
          if (config.reportSqlStatements && scope) extensions.sqlStatements = scope.sqlStatements;
          response.body.singleResult.extensions = extensions;
        },
      };
    },
  };
}

/**
 * After the limits and the budget: a query of reference lists that graphql/json-read.ts compiles is answered by one
 * statement per root field, without executing the resolvers; any other runs as always.
 */
function compiledReadsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, document, operation, request, contextValue }) {
          if (!operation || operation.operation !== 'query') return null;
          const ctx = contextValue as LimitedContext;
          // Read with the charge already, or found not to compile; else (with replicas) compiled here, on the reader.
          const fragments = fragmentsOf(document);
          const data =
            (ctx.compiled !== undefined ? ctx.compiled : (await compiledAnswer(schema, operation, fragments, request.variables ?? {}, ctx))?.data) ??
            (await plainAnswer(schema, operation, fragments, request.variables ?? {}, ctx));
          return data ? { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } } : null;
        },
      };
    },
  };
}

const UNAUTHENTICATED_BODY = JSON.stringify({
  errors: [{ message: 'Authentication required: send a valid API token or OIDC token as "Authorization: Bearer <token>".', extensions: { code: 'UNAUTHENTICATED' } }],
});

/** Largest JSON body on /graphql; a larger one is refused with 413 before it is parsed. */
const JSON_BODY_LIMIT = 1024 * 1024;

type AuthenticatedRequest = express.Request & { principal?: Principal };

/** Builds the HTTP app without side effects: nothing listens until the caller says so. */
export async function createApp({ config, orm, log, now, replicas }: AppDeps): Promise<App> {
  const schema = await getSchema();
  const httpServer = http.createServer();
  const authenticator = new Authenticator(orm, config.auth, log, now);
  const audit = new AuditLog(orm, log);
  const limiter = new RateLimiter(orm, now);
  const failures = new FailedAuthentications(limiter, config.auth.failedAuthPerMinute);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    // main.ts owns SIGINT/SIGTERM: it drains, flushes the audit log, closes the pool and stops PostgreSQL in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: createFormatError((error, formatted) =>
      log.error('unexpected error', { requestId: requestScope.getStore()?.requestId, path: formatted.path, error }),
    ),
    // Cache control is off: no response is cacheable (every read depends on the principal), and its per-field hook
    // made Apollo wrap every field resolver of every response.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      limitsPlugin(config, limiter, replicas, log),
      compiledReadsPlugin(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  if (config.auth.trustProxyHops > 0) app.set('trust proxy', config.auth.trustProxyHops);
  app.use(requestLog(log));
  // Before authentication: a CORS preflight carries no credential, and every answer gets the security headers.
  app.use(securityHeaders(config.web), cors(config.web.corsOrigins));
  app.use(webRouter(config.web));
  app.get('/metrics', metricsEndpoint(config.metricsToken));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      // Replicas are reported, not required: without a usable one every read goes to the primary.
      res.json({ status: 'ready', ...(replicas ? { replicas: replicas.status() } : {}) });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.use(
    '/graphql',
    async (req: AuthenticatedRequest, res, next) => {
      // Authentication is not part of the operation's SQL count, so it runs outside the request scope. The
      // address's failure budget is read alongside: in the token's statement for an API token, else in parallel.
      const address = sourceAddress(req);
      const [gate, found] = await requestScope.exit(
        () =>
          authenticator.authenticateGated(req.header('authorization'), failures.peekOf(address)) ??
          Promise.allSettled([failures.check(address), authenticator.authenticate(req.header('authorization'))]),
      );
      // A credential that could not be checked is an outage (503); one that is bad stays a 401 even when the
      // failure could not be counted, so a client can always tell the two apart.
      if (found.status === 'rejected' || (gate.status === 'rejected' && found.value)) {
        const reason = found.status === 'rejected' ? found.reason : (gate as PromiseRejectedResult).reason;
        log.warn('authentication could not be checked', { error: reason instanceof Error ? reason.message : String(reason) });
        recordErrorCode('SERVICE_UNAVAILABLE');
        refuseUnavailable(res);
        return;
      }
      if (gate.status === 'fulfilled' && !gate.value.allowed) {
        recordErrorCode('RATE_LIMITED');
        rateLimitRefusals.inc({ budget: 'auth_failures' });
        refuseTooManyFailures(res, gate.value);
        return;
      }
      const principal = found.value;
      if (!principal && gate.status === 'fulfilled') await failures.record(address).catch(() => undefined);
      if (!principal) {
        recordErrorCode('UNAUTHENTICATED');
        res.status(401).setHeader('www-authenticate', 'Bearer').type('application/json').send(UNAUTHENTICATED_BODY);
        return;
      }
      req.principal = principal;
      const scope = requestScope.getStore();
      if (scope) scope.organisation = organisationOf(principal);
      next();
    },
    // Multipart uploads stream through here (after authentication); JSON requests pass on to express.json.
    graphqlMultipart({ maxFileBytes: config.monitoring.maxUploadBytes, maxFiles: 1 }),
    express.json({ limit: JSON_BODY_LIMIT }),
    unparsedBodyAsEmpty,
    conditionalGet,
    expressMiddleware(apollo, {
      context: async ({ req }) => buildContext(config, orm.em.fork() as EntityManager, (req as AuthenticatedRequest).principal!, audit),
    }),
  );
  app.use(STAGED_UPLOAD_PATH, stagedUploadRouter(orm, config, log, { limiter, failures }));
  mountSchemaDocument(app, await printSdl());
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found. The API is served at /graphql.' });
  });
  app.use(httpErrorHandler(log));
  httpServer.on('request', app);
  const unwatchPool = watchPool('primary', orm);
  return {
    httpServer,
    apollo,
    audit,
    stop: async () => {
      await apollo.stop();
      await audit.flush();
      unwatchPool();
    },
  };
}

/**
 * The SDL for code generators, in every mode and without a credential: it describes shapes only (the same text
 * as schema/schema.graphql in the repository), holds no data, and costs no database work; with introspection off
 * in production it is how a partner without the repository generates its types.
 */
function mountSchemaDocument(app: express.Express, sdl: string): void {
  const etag = etagOf(sdl);
  app.get('/schema.graphql', (req, res) => {
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'public, max-age=300');
    if (matchesIfNoneMatch(req.header('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/graphql; charset=utf-8').send(sdl);
  });
}

function buildContext(config: Config, em: EntityManager, principal: Principal, audit: AuditLog): RequestContext {
  const requestId = requestScope.getStore()?.requestId ?? randomUUID();
  return {
    em,
    principal,
    requestId,
    config,
    loaders: new Loaders(),
    audit: (entry) => audit.record(principal, requestId, entry),
  };
}

function organisationOf(principal: Principal): string {
  return principal.organisationKind === 'OPERATOR' ? 'operator' : `${principal.organisationKind.toLowerCase()}:${principal.organisationCode}`;
}
