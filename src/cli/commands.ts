import type { Config } from '../config';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A failure to report as one line, with a non-zero exit code. */
export class CliError extends Error {}

export interface CommandSpec<D = undefined> {
  summary: string;
  run: (args: string[], io: CliIo, db: D, config: Config) => Promise<void>;
}
