import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import { getSchema } from './graphql/schema';
import { Loaders, RequestContext } from './graphql/context';
import { createFormatError } from './graphql/errors';
import { analyzeOperation, enforceLimits, QueryAnalysis } from './graphql/limits';
import { requestScope, RequestScope } from './db/request-scope';
import { SYSTEM_PRINCIPAL } from './auth/principal';
import type { Logger } from './logger';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  log: Logger;
}

export interface App {
  /** The HTTP server, not yet listening. */
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** Stops Apollo after the HTTP server drained its in-flight requests. */
  stop: () => Promise<void>;
}

type AnalyzedContext = RequestContext & { analysis?: QueryAnalysis };

/** Checks depth, aliases and cost before execution and reports the cost and SQL count in `extensions`. */
function limitsPlugin(config: Config): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const analysis = analyzeOperation(schema, document, operation, request.variables ?? {}, config.limits);
          (contextValue as AnalyzedContext).analysis = analysis;
          enforceLimits(analysis, config.limits);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const analysis = (contextValue as AnalyzedContext).analysis;
          const extensions: Record<string, unknown> = { ...(response.body.singleResult.extensions ?? {}) };
          if (analysis) extensions.cost = { requested: analysis.cost, limit: config.limits.maxCost, depth: analysis.depth };
          const scope = requestScope.getStore();
          if (config.reportSqlStatements && scope) extensions.sqlStatements = scope.sqlStatements;
          response.body.singleResult.extensions = extensions;
        },
      };
    },
  };
}

/** Builds the HTTP app without side effects: nothing listens until the caller says so. */
export async function createApp({ config, orm, log }: AppDeps): Promise<App> {
  const schema = await getSchema();
  const httpServer = http.createServer();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: createFormatError((error, formatted) =>
      log.error('unexpected error', { requestId: requestScope.getStore()?.requestId, path: formatted.path, error }),
    ),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), limitsPlugin(config)],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const supplied = req.header('x-request-id');
    const requestId = supplied && /^[A-Za-z0-9._-]{1,100}$/.test(supplied) ? supplied : randomUUID();
    res.setHeader('x-request-id', requestId);
    const scope: RequestScope = { requestId, sqlStatements: 0 };
    requestScope.run(scope, next);
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => buildContext(config, orm.em.fork() as EntityManager, req),
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found. The API is served at /graphql.' });
  });
  httpServer.on('request', app);
  return { httpServer, apollo, stop: () => apollo.stop() };
}

function buildContext(config: Config, em: EntityManager, _req: express.Request): RequestContext {
  return {
    em,
    principal: SYSTEM_PRINCIPAL,
    requestId: requestScope.getStore()?.requestId ?? randomUUID(),
    config,
    loaders: new Loaders(),
  };
}
