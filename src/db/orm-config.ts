import { defineConfig, DataloaderType } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { ENTITIES } from './entities';
import { statementCounter } from './request-scope';

/**
 * One ORM configuration for the server, the CLI, the tests and the MikroORM CLI. The schema is changed by
 * migrations only; nothing here synchronises it at run time.
 */
export function ormConfig(clientUrl: string, options: { debug?: boolean; poolMax?: number; replica?: boolean } = {}) {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    dataloader: DataloaderType.ALL,
    forceUndefined: false,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      path: path.join(__dirname, '../../migrations'),
      pathTs: path.join(__dirname, '../../migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    onQuery: statementCounter(options.replica ? 'read' : 'write'),
    debug: options.debug ?? false,
    allowGlobalContext: false,
  });
}
