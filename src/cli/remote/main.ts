#!/usr/bin/env node
import { CliFailure, EXIT } from './client';
import { helpOf, Output, parse, RemoteCommand } from './args';
import { TOKEN_COMMANDS } from './tokens';
import { REPORT_COMMANDS } from './reports';
import { ZN_COMMANDS } from './zn';
import { SUSTAINABILITY_COMMANDS } from './sustainability';

/**
 * zix: the exchange's command line for partners' machines. It talks to the API over HTTP(S) with a token
 * (EXCHANGE_URL, EXCHANGE_TOKEN) and runs compiled code with no server modules, so it starts at once.
 */
const COMMANDS: Record<string, RemoteCommand> = { ...ZN_COMMANDS, ...SUSTAINABILITY_COMMANDS, ...REPORT_COMMANDS, ...TOKEN_COMMANDS };

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'usage: zix <command> [options]        (zix <command> --help for its options)',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary.split(/(?<=\.) /)[0]}`),
    '',
    'environment: EXCHANGE_URL (the API, e.g. https://exchange.example.nl), EXCHANGE_TOKEN (an API token)',
    'every command takes --json (machine-readable output) and --help',
    'exit codes: 0 done, 1 refused or failed, 2 usage mistake, 3 token missing or refused, 4 API unreachable or upload interrupted',
  ].join('\n');
}

export async function runRemote(argv: string[], out: Output, env: Record<string, string | undefined>): Promise<number> {
  const json = argv.includes('--json');
  try {
    const name = argv.length >= 2 && `${argv[0]} ${argv[1]}` in COMMANDS ? `${argv[0]} ${argv[1]}` : argv[0];
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      out.out(overview());
      return name ? EXIT.OK : EXIT.USAGE;
    }
    const command = COMMANDS[name];
    if (!command) {
      const group = Object.keys(COMMANDS).filter((known) => known.startsWith(`${name} `));
      throw new CliFailure(
        group.length > 0 ? `"${name}" needs a subcommand: ${group.join(', ')}` : `unknown command "${name}"; zix --help lists the commands`,
        EXIT.USAGE,
        'USAGE',
      );
    }
    const args = argv.slice(name.split(' ').length);
    if (args.includes('--help') || args.includes('-h')) {
      out.out(helpOf(name, command));
      return EXIT.OK;
    }
    const parsed = parse(command, args);
    if (command.positionals === undefined && parsed.positionals.length > 0) {
      throw new CliFailure(`unexpected argument "${parsed.positionals[0]}"; zix ${name} --help shows the options`, EXIT.USAGE, 'USAGE');
    }
    await command.run(parsed, { ...out, json }, env);
    return EXIT.OK;
  } catch (error) {
    const failure =
      error instanceof CliFailure ? error : new CliFailure(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`, EXIT.FAILED, 'INTERNAL');
    out.err(json ? `${JSON.stringify({ error: { message: failure.message, code: failure.code, exitCode: failure.exitCode } })}\n` : `error: ${failure.message}\n`);
    return failure.exitCode;
  }
}

if (require.main === module) {
  const out: Output = {
    json: false,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (text) => process.stderr.write(text),
    errIsTty: process.stderr.isTTY === true,
  };
  void runRemote(process.argv.slice(2), out, process.env).then((code) => {
    process.exitCode = code;
  });
}
