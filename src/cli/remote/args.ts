import { parseArgs, ParseArgsConfig } from 'node:util';
import { usageError } from './client';

export interface Output {
  /** Print as JSON (one document on stdout) instead of text. */
  json: boolean;
  out: (line: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: progress bars are drawn only there. */
  errIsTty: boolean;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One line for --help, e.g. "<YYYY>  the year to export". */
  help: string;
}

/** A command of the remote CLI: its options, its help text and what it does. */
export interface RemoteCommand {
  /** Positional arguments as they appear in the usage line, e.g. "<file>". */
  positionals?: string;
  summary: string;
  options: Record<string, OptionSpec>;
  run: (parsed: Parsed, out: Output, env: Record<string, string | undefined>) => Promise<void>;
}

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses a command's arguments; node's own messages are turned into one clear usage line. */
export function parse(command: RemoteCommand, args: string[]): Parsed {
  const options: ParseArgsConfig['options'] = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) options[name] = { type: spec.type };
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '(.+?)'.*$/s, 'unknown option $1');
    throw usageError(message);
  }
}

/** A whole number option within bounds, or null when absent: "--days abc" says what is wrong. */
export function wholeNumber(values: Parsed['values'], name: string, what: string, min: number, max: number): number | null {
  const raw = values[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw usageError(`--${name} must be ${what}, a whole number from ${min} to ${max}; got "${String(raw)}"`);
  const value = Number(raw);
  if (value < min || value > max) throw usageError(`--${name} must be ${what}, a whole number from ${min} to ${max}; got ${value}`);
  return value;
}

export function year(values: Parsed['values'], required: boolean): number | null {
  const value = wholeNumber(values, 'year', 'a year such as 2024', 2000, 2100);
  if (value === null && required) throw usageError('--year is required (a year such as 2024)');
  return value;
}

export function requiredString(values: Parsed['values'], name: string, what: string): string {
  const raw = values[name];
  if (typeof raw !== 'string' || raw.trim() === '') throw usageError(`--${name} is required (${what})`);
  return raw.trim();
}

export function oneOf<T extends string>(values: Parsed['values'], name: string, allowed: readonly T[]): T | null {
  const raw = values[name];
  if (raw === undefined) return null;
  const value = String(raw).toUpperCase().replace(/-/g, '_');
  if (!(allowed as readonly string[]).includes(value)) throw usageError(`--${name} must be one of ${allowed.map((a) => a.toLowerCase().replace(/_/g, '-')).join(', ')}; got "${String(raw)}"`);
  return value as T;
}

/** The help text of a command. */
export function helpOf(name: string, command: RemoteCommand): string {
  const lines = [`usage: zix ${name}${command.positionals ? ` ${command.positionals}` : ''} [options]`, '', command.summary, '', 'options:'];
  const rows: [string, string][] = Object.entries(command.options).map(([option, spec]) => [`--${option}${spec.type === 'string' ? ` ${spec.help.split('  ')[0]}` : ''}`, spec.type === 'string' ? spec.help.split('  ').slice(1).join('  ') : spec.help]);
  rows.push(['--json', 'print the result as JSON on stdout'], ['--help', 'show this help']);
  const width = Math.max(...rows.map(([left]) => left.length));
  for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`);
  return lines.join('\n');
}

/** Rows as an aligned plain-text table. */
export function table(out: Output, headers: string[], rows: (string | number | null | undefined)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ').trimEnd();
  out.out(line(headers));
  out.out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) out.out(line(r));
}
