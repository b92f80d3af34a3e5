import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/commands';
import { testConfig } from '../support/app';

/** The operator CLI (direct database) in-process, with its output captured. */
async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(argv, io, testConfig());
  return { code, out, err };
}

describe('operator CLI: help and usage mistakes', () => {
  it.each([['zn', 'upload'], ['token', 'list'], ['token', 'create'], ['contract', 'alerts']])('%s %s --help prints its usage and exits 0', async (...command) => {
    // when
    const result = await run([...command, '--help']);
    // then
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out[0]).toBe(`usage: npm run cli -- ${command.join(' ')} ...`);
  });

  it('says what is wrong with --days abc', async () => {
    // when
    const result = await run(['token', 'create', '--org', '3311', '--role', 'DASHBOARD', '--days', 'abc']);
    // then
    expect(result.code).toBe(1);
    expect(result.err).toEqual(['error: --days must be a whole number of days such as 30; got "abc"']);
  });

  it('reports an unknown option in one line with exit code 2, without a stack trace', async () => {
    // when
    const result = await run(['token', 'list', '--bogus']);
    // then
    expect(result.code).toBe(2);
    expect(result.err).toEqual(["error: Unknown option '--bogus'; npm run cli -- <command> --help shows the usage"]);
  });
});
