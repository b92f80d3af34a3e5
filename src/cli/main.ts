import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError, Config } from '../config';
import { openDatabase, Database, DatabaseUnavailableError } from '../db/database';
import { printSdl } from '../graphql/schema';
import { CliError, CliIo, CommandSpec } from './commands';
import { TOKEN_COMMANDS } from './token.commands';
import { CONTRACT_COMMANDS } from './contract.commands';
import { MONITORING_COMMANDS } from './monitoring.commands';
import { KPI_COMMANDS } from './kpi.commands';
import { CEILING_PROCEDURE_COMMANDS } from './ceiling-procedure.commands';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Commands that do not need a database. */
const OFFLINE: Record<string, CommandSpec> = {
  'schema:emit': {
    summary: 'Write the GraphQL schema to schema/schema.graphql',
    run: async (_args, io) => {
      const target = path.join(REPO_ROOT, 'schema', 'schema.graphql');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, await printSdl());
      io.out(`wrote ${path.relative(process.cwd(), target)}`);
    },
  },
};

/** Commands that work on the database of the configuration (embedded when DATABASE_URL is unset). */
const ONLINE: Record<string, CommandSpec<Database>> = {
  'migration:create': {
    summary: 'Create a migration from the difference between the entities and the database: migration:create [name]',
    run: async (args, io, db) => {
      const result = await db.orm.getMigrator().createMigration(path.join(REPO_ROOT, 'migrations'), false, false, args[0]);
      io.out(result.diff.up.length === 0 ? 'no changes: no migration created' : `created migrations/${result.fileName}`);
    },
  },
  'migration:up': {
    summary: 'Apply pending migrations',
    run: async (_args, io, db) => {
      const applied = await db.orm.getMigrator().up();
      io.out(applied.length === 0 ? 'no pending migrations' : `applied ${applied.map((m) => m.name).join(', ')}`);
    },
  },
  'migration:check': {
    summary: 'Exit non-zero when the entities need a migration that does not exist yet',
    run: async (_args, io, db) => {
      const needed = await db.orm.getMigrator().checkMigrationNeeded();
      if (needed) throw new CliError('the entities differ from the database: run npm run migration:create');
      io.out('schema and migrations agree');
    },
  },
  ...TOKEN_COMMANDS,
  ...CONTRACT_COMMANDS,
  ...MONITORING_COMMANDS,
  ...KPI_COMMANDS,
  ...CEILING_PROCEDURE_COMMANDS,
};

function usage(io: CliIo): void {
  io.out('usage: npm run cli -- <command> [arguments]\n');
  for (const [name, spec] of Object.entries({ ...OFFLINE, ...ONLINE })) io.out(`  ${name.padEnd(20)} ${spec.summary}`);
}

export async function runCli(argv: string[], io: CliIo, config: Config = loadConfig()): Promise<number> {
  const twoWords = argv.length >= 2 ? `${argv[0]} ${argv[1]}` : '';
  const [command, ...args] = twoWords in ONLINE ? [twoWords, ...argv.slice(2)] : argv;
  if (!command || command === 'help' || command === '--help') {
    usage(io);
    return command ? 0 : 2;
  }
  const spec = OFFLINE[command] ?? ONLINE[command];
  if (spec && (args.includes('--help') || args.includes('-h'))) {
    io.out(`usage: npm run cli -- ${command} ...`);
    io.out(spec.summary);
    return 0;
  }
  const offline = OFFLINE[command];
  if (offline) {
    await offline.run(args, io, undefined, config);
    return 0;
  }
  const online = ONLINE[command];
  if (!online) {
    io.err(`unknown command "${command}"`);
    usage(io);
    return 2;
  }
  const db = await openDatabase({ ...config, migrateOnStart: command === 'migration:create' ? true : config.migrateOnStart }, () => undefined);
  try {
    await online.run(args, io, db, config);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * The program: runs a command and turns every outcome into the exit code, 0 when done, 2 for a usage mistake,
 * 1 when it failed (a rejected file, a refused request, a bad setting), with the reason as one line on stderr.
 */
export async function main(argv: string[], io: CliIo, config?: Config): Promise<number> {
  try {
    return await runCli(argv, io, config ?? loadConfig());
  } catch (error) {
    // node:util parseArgs refuses unknown options and missing values: a usage mistake, not a crash.
    if (/^ERR_PARSE_ARGS_/.test((error as NodeJS.ErrnoException).code ?? '')) {
      io.err(`error: ${(error as Error).message.split('. ')[0]}; npm run cli -- <command> --help shows the usage`);
      return 2;
    }
    const known = error instanceof CliError || error instanceof ConfigError || error instanceof DatabaseUnavailableError;
    io.err(`error: ${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  const io: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  void main(process.argv.slice(2), io).then((code) => process.exit(code));
}
