import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from './config';
import { createLogger } from './logger';
import { openDatabase, DatabaseUnavailableError, Database } from './db/database';
import { createApp, App } from './app';
import { ReadReplicas } from './db/replicas';
import { printDemoCredentials } from './auth/demo-credentials';

/**
 * Starts the API: configuration, database (embedded when DATABASE_URL is unset), then HTTP. On SIGINT/SIGTERM it
 * stops accepting connections, lets in-flight requests finish, closes the pool and stops the embedded server.
 */
let stopping = false;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  let db: Database | undefined;
  let replicas: ReadReplicas | undefined;
  let app: App | undefined;
  let startup: Promise<unknown> = Promise.resolve();

  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { reason });
    // A signal during start-up waits for the start to settle, so the embedded server it may be starting is
    // stopped too, and nothing is closed under a step that still uses it.
    await startup.catch(() => undefined);
    const force = setTimeout(() => {
      log.warn('in-flight requests did not finish in time; closing anyway');
      app?.httpServer.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    try {
      await app?.stop();
      await replicas?.close();
      await db?.close();
    } catch (error) {
      log.error('error during shutdown', { error });
      exitCode = exitCode || 1;
    }
    clearTimeout(force);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  // A promise rejected without a handler belongs to one request or one background step; logging it keeps the
  // process serving the others (Node's default would turn it into an uncaught exception and stop the process).
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection', { error: reason });
  });
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { error });
    void shutdown('uncaught exception', 1);
  });

  const start = async () => {
    db = await openDatabase(config, (line) => log.info(line));
    try {
      if (config.databaseReplicaUrls.length > 0) {
        replicas = new ReadReplicas(db.orm, config.databaseReplicaUrls, config.replicaMaxLagSeconds, log);
        await replicas.start();
      }
      app = await createApp({ config, orm: db.orm, log, replicas });
      if (stopping) return;
      await listen(app, config.host, config.port);
    } catch (error) {
      await app?.stop().catch(() => undefined);
      await replicas?.close().catch(() => undefined);
      await db.close().catch(() => undefined);
      db = undefined;
      app = undefined;
      throw error;
    }
    const address = app.httpServer.address() as AddressInfo;
    log.info(`GraphQL API ready at http://${config.host}:${address.port}/graphql`);
    if (config.auth.printDemoTokens && !stopping) await printDemoCredentials(db.orm, (line) => process.stdout.write(`${line}\n`));
  };
  startup = start();
  await startup;
}

function listen(app: App, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`Port ${port} on ${host} is already in use; set PORT to a free port.`));
      else if (error.code === 'EACCES') reject(new StartupError(`No permission to listen on ${host}:${port}; use a port above 1024.`));
      else reject(error);
    };
    app.httpServer.once('error', onError);
    app.httpServer.listen(port, host, () => {
      app.httpServer.off('error', onError);
      resolve();
    });
  });
}

class StartupError extends Error {}

main().catch(async (error: unknown) => {
  // A signal during start-up is handled by the shutdown, which exits once the start has settled.
  if (stopping) return;
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof StartupError;
  process.stderr.write(`error: ${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
