import type { Database } from '../db/database';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A failure to report as one line, with a non-zero exit code. */
export class CliError extends Error {}

export interface CommandSpec<D = undefined> {
  summary: string;
  run: (args: string[], io: CliIo, db: D) => Promise<void>;
}

/** Feature commands (tokens, uploads, exports) register here; each calls the same services as GraphQL. */
export const COMMANDS: Record<string, CommandSpec<Database>> = {};
