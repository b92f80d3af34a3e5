import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { ormConfig } from './orm-config';
import { startEmbedded, EmbeddedServer } from './embedded';
import { seedIfEmpty } from './seed';

export const EMBEDDED_DATABASE = 'exchange';

/** A failure to reach or prepare the database, reported to the operator as one line. */
export class DatabaseUnavailableError extends Error {}

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: EmbeddedServer | null;
  close: () => Promise<void>;
}

function describeConnectionError(url: string, error: unknown): string {
  const safeUrl = url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `Cannot reach PostgreSQL at ${safeUrl}: ${reason}`;
}

/** Connects, checks the connection with a real round trip, and turns failures into one readable line. */
export async function connect(url: string, options: { poolMax?: number; replica?: boolean } = {}): Promise<MikroORM> {
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init(ormConfig(url, options));
    await orm.em.getConnection().execute('select 1');
    return orm;
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    throw new DatabaseUnavailableError(describeConnectionError(url, error));
  }
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/**
 * The server's database: the configured one, or an embedded PostgreSQL with its data in a project folder.
 * Migrations run when configured (always for the embedded one); seeding happens once, into an empty database.
 */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    try {
      embedded = await startEmbedded({ dataDir: config.embeddedDataDir, port: config.embeddedPort, persistent: true, log });
      await embedded.createDatabaseIfMissing(EMBEDDED_DATABASE);
    } catch (error) {
      await embedded?.stop().catch(() => undefined);
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new DatabaseUnavailableError(
        `Cannot start the embedded PostgreSQL in ${config.embeddedDataDir} on port ${config.embeddedPort}: ${reason}`,
      );
    }
    url = embedded.url(EMBEDDED_DATABASE);
    log(`embedded PostgreSQL running on port ${config.embeddedPort}, data in ${config.embeddedDataDir}`);
  }
  let orm: MikroORM;
  try {
    orm = await connect(url);
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  try {
    if (config.migrateOnStart) {
      const applied = await migrate(orm);
      if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    }
    if (config.seedOnStart) {
      const seeded = await seedIfEmpty(orm);
      if (seeded.length > 0) log(`seeded: ${seeded.join(', ')}`);
    }
  } catch (error) {
    await orm.close(true).catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  return {
    orm,
    url,
    embedded,
    close: async () => {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
