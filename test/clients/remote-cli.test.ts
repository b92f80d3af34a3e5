import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFile, execFileSync } from 'node:child_process';
import { useTestApp } from '../support/app';
import { csv } from '../factories/monitoring';
import { xlsxOf } from '../support/xlsx';
import { runRemote } from '../../src/cli/remote/main';
import type { Provider } from '../../src/provider/provider.entity';

/**
 * The remote CLI as a partner runs it: the compiled `zix` bin as a child process, against a real test server
 * over HTTP, configured by EXCHANGE_URL and EXCHANGE_TOKEN only.
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/src/cli/remote/main.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const app = useTestApp({
  before: () => {
    if (!fs.existsSync(BIN) || fs.statSync(BIN).mtimeMs < newest(path.join(ROOT, 'src'))) {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    }
  },
  timeout: 300_000,
});
let base: string;
let stateHome: string;
let work: string;
let cf: Provider;
let submitter: string;

beforeAll(async () => {
  base = app.url.replace(/\/graphql$/, '');
  stateHome = fs.mkdtempSync(path.join(os.tmpdir(), 'zix-state-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'zix-work-'));
  cf = await app.monitoring.coordinationFunction();
  submitter = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: cf });
});
afterAll(async () => {
  fs.rmSync(stateHome, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `zix <args>` with exactly this environment (plus PATH and the state folder). */
function zix(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const fullEnv = { PATH: process.env.PATH ?? '', XDG_STATE_HOME: stateHome, EXCHANGE_URL: base, EXCHANGE_TOKEN: app.operatorToken, ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: fullEnv, cwd: work }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const COMMANDS = [['zn', 'upload'], ['zn', 'export'], ['kpi', 'export'], ['contract', 'alerts'], ['token', 'create'], ['token', 'list'], ['token', 'revoke'], ['sustainability', 'upload'], ['sustainability', 'report']];

describe('zix: help, usage mistakes and exit codes', () => {
  it('lists every command with --help, and each command has its own --help', async () => {
    // when
    const overview = await zix(['--help']);
    const helps = await Promise.all(COMMANDS.map((command) => zix([...command, '--help'])));
    // then
    expect(overview.code).toBe(0);
    for (const command of COMMANDS) expect(overview.stdout).toContain(command.join(' '));
    expect(overview.stdout).toMatch(/exit codes: 0 done, 1 refused or failed, 2 usage mistake, 3 token missing or refused, 4 API unreachable/);
    helps.forEach((help, i) => {
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toContain(`usage: zix ${COMMANDS[i]!.join(' ')}`);
      expect(help.stdout).toContain('--json');
    });
  });

  it.each([
    [['token', 'create', '--org', '3311', '--role', 'DASHBOARD', '--label', 'x', '--days', 'abc'], 'error: --days must be a number of days, a whole number from 1 to 3650; got "abc"'],
    [['contract', 'alerts', '--year', '20x5'], 'error: --year must be a year such as 2024, a whole number from 2000 to 2100; got "20x5"'],
    [['token', 'list', '--bogus'], 'error: unknown option --bogus'],
    [['zn', 'export'], 'error: --year is required (a year such as 2024)'],
    [['zn', 'upload', 'a.csv', '--policy', 'lenient'], 'error: --policy must be one of all-or-nothing, reject-failed-rows; got "lenient"'],
    [['zn'], 'error: "zn" needs a subcommand: zn upload, zn export'],
    [['sustainability', 'upload', 'a.csv', '--year', '2025'], 'error: --provider is required (an 8-digit AGB code)'],
    [['sustainability', 'upload', 'a.csv', '--provider', '1234567', '--year', '2025'], 'error: --provider must be an 8-digit AGB code; got "1234567"'],
    [['sustainability', 'upload', 'a.csv', '--provider', '12345678'], 'error: --year is required (a year such as 2024)'],
    [['sustainability', 'upload', '--provider', '12345678', '--year', '2025'], 'error: give exactly one file to upload'],
    [['sustainability', 'report', '--provider', '12345678'], 'error: --year is required (a year such as 2024)'],
    [['frobnicate'], 'error: unknown command "frobnicate"; zix --help lists the commands'],
  ])('refuses %j with exit code 2 and one clear line', async (args, line) => {
    // when
    const run = await zix(args);
    // then
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe('');
  });

  it('exits 3 without a token or with a refused one, and 4 when the API cannot be reached; no stack traces', async () => {
    // when
    const missing = await zix(['token', 'list'], { EXCHANGE_TOKEN: '' });
    const refused = await zix(['token', 'list'], { EXCHANGE_TOKEN: `zix_Unknown1_${'A'.repeat(43)}` });
    const unreachable = await zix(['token', 'list', '--json'], { EXCHANGE_URL: 'http://127.0.0.1:9' });
    // then
    expect(missing).toMatchObject({ code: 3, stderr: 'error: set EXCHANGE_TOKEN to an API token (zix_...) or an OIDC access token\n' });
    expect(refused).toMatchObject({ code: 3, stderr: 'error: the API refused EXCHANGE_TOKEN (unknown, expired or revoked)\n' });
    expect(unreachable.code).toBe(4);
    expect(JSON.parse(unreachable.stderr)).toEqual({ error: { message: expect.stringMatching(/^cannot reach the API at http:\/\/127\.0\.0\.1:9/), code: 'UNREACHABLE', exitCode: 4 } });
    for (const run of [missing, refused, unreachable]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('zix token', () => {
  it('creates, lists and revokes a token; the revoked token is refused', async () => {
    // when
    const created = await zix(['token', 'create', '--org', '3311', '--role', 'DASHBOARD', '--label', 'zix test', '--days', '7', '--json']);
    const { secret, token } = JSON.parse(created.stdout);
    const before = await zix(['token', 'list', '--org', '3311']);
    const revoked = await zix(['token', 'revoke', token.prefix]);
    const useRevoked = await zix(['contract', 'alerts'], { EXCHANGE_TOKEN: secret });
    const afterJson = JSON.parse((await zix(['token', 'list', '--org', '3311', '--include-revoked', '--json'])).stdout);
    // then
    expect(created.code).toBe(0);
    expect(token).toMatchObject({ role: 'DASHBOARD', label: 'zix test', insurer: { uzovi: '3311' } });
    expect(before.stdout).toMatch(new RegExp(`${token.prefix}\\s+3311\\s+DASHBOARD\\s+zix test`));
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${token.prefix} (3311, DASHBOARD)\n` });
    expect(useRevoked.code).toBe(3);
    expect(afterJson.tokens.find((t: { prefix: string }) => t.prefix === token.prefix).revokedAt).not.toBeNull();
  });

  it('exits 1 with the server\'s reason when the API refuses', async () => {
    // when: a provider submitter may not create tokens
    const run = await zix(['token', 'create', '--org', cf.agb, '--role', 'DASHBOARD', '--label', 'x'], { EXCHANGE_TOKEN: submitter });
    // then
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .+\n$/);
  });
});

describe('zix contract alerts and kpi export', () => {
  it('lists alerts of an insurer token as a table and as JSON', async () => {
    // given
    const insurer = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: { id: 1 } });
    // when
    const text = await zix(['contract', 'alerts', '--year', '2025'], { EXCHANGE_TOKEN: insurer });
    const json = await zix(['contract', 'alerts', '--year', '2025', '--json'], { EXCHANGE_TOKEN: insurer });
    // then
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ceiling alerts 2025: /);
    expect(Array.isArray(JSON.parse(json.stdout).alerts)).toBe(true);
  });

  it('writes a FHIR Bundle with --out', async () => {
    // when
    const run = await zix(['kpi', 'export', '--provider', cf.agb, '--year', '2024', '--out', 'bundle.json', '--json']);
    // then
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ written: 'bundle.json' });
    expect(JSON.parse(fs.readFileSync(path.join(work, 'bundle.json'), 'utf8'))).toMatchObject({ resourceType: 'Bundle' });
  });
});

describe('zix zn upload and export', () => {
  const file = () => {
    const target = path.join(work, `zn-${cf.agb}.csv`);
    fs.writeFileSync(target, csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`, `${cf.agb};2024;JAAR;ELV_LAAG;7;5;0`]));
    return target;
  };

  it('uploads through a staged upload and prints the import summary as a table; exports it again', async () => {
    // when
    const dry = await zix(['zn', 'upload', file(), '--dry-run', '--json'], { EXCHANGE_TOKEN: submitter });
    const real = await zix(['zn', 'upload', file()], { EXCHANGE_TOKEN: submitter });
    const exported = await zix(['zn', 'export', '--year', '2024', '--agb', cf.agb, '--out', 'export.csv'], { EXCHANGE_TOKEN: submitter });
    // then
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).summary).toMatchObject({ dryRun: true, outcome: 'APPLIED', created: 2 });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^APPLIED\nrows read\s+created\s+updated\s+unchanged\s+rejected\s+errors\s+warnings\n[- ]+\n2\s+2\s+0\s+0\s+0\s+0\s+\d+\n/);
    expect(exported).toMatchObject({ code: 0, stdout: 'wrote export.csv: 2 rows\n' });
    expect(fs.readFileSync(path.join(work, 'export.csv'), 'utf8')).toContain(cf.agb);
  });

  it('exits 1 with the summary when the file is rejected', async () => {
    // given
    const bad = path.join(work, 'bad.csv');
    fs.writeFileSync(bad, csv([`${cf.agb};2024;JAAR;GRZ;x;8;1`]));
    // when
    const run = await zix(['zn', 'upload', bad], { EXCHANGE_TOKEN: submitter });
    // then
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^REJECTED\n/);
    expect(run.stderr).toMatch(/^error: the file was rejected: 1 errors\n$/);
  });

  it('takes --policy reject-failed-rows, and the deprecated reject-everything as all-or-nothing', async () => {
    // given
    const mixed = path.join(work, 'mixed.csv');
    fs.writeFileSync(mixed, csv([`${cf.agb};2024;JAAR;GRZ;x;8;1`, `${cf.agb};2024;JAAR;OVERIG;5;3;0`]));
    // when
    const everything = await zix(['zn', 'upload', mixed, '--dry-run', '--policy', 'reject-everything'], { EXCHANGE_TOKEN: submitter });
    const failedRows = await zix(['zn', 'upload', mixed, '--dry-run', '--policy', 'reject-failed-rows'], { EXCHANGE_TOKEN: submitter });
    // then
    expect(everything.code).toBe(1);
    expect(everything.stdout).toMatch(/^dry run: REJECTED\n/);
    expect(failedRows.stdout).toMatch(/^dry run: APPLIED\n/);
  });

  it('resumes the same staged upload after the connection broke during the PUT', async () => {
    // given: a proxy in front of the API that breaks off the first PUT
    let puts = 0;
    const proxy = http.createServer((req, res) => {
      if (req.method === 'PUT' && ++puts === 1) {
        req.once('data', () => req.socket.destroy());
        return;
      }
      const upstream = http.request(`${base}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const viaProxy = { EXCHANGE_TOKEN: submitter, EXCHANGE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
    const target = path.join(work, 'resume.csv');
    fs.writeFileSync(target, csv([`${cf.agb};2023;JAAR;GRZ;4;4;0`]));
    try {
      // when
      const interrupted = await zix(['zn', 'upload', target], viaProxy);
      await waitForPendingUploads();
      const resumed = await zix(['zn', 'upload', target], viaProxy);
      // then
      expect(interrupted.code).toBe(4);
      expect(interrupted.stderr).toMatch(/the upload was interrupted: run the same command again to resume it\n$/);
      expect(resumed.stderr).toMatch(/^resuming staged upload [A-Za-z0-9_-]+\n/);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toMatch(/^APPLIED\n/);
      const [{ started }] = await app.orm.em.getConnection().execute(`select count(*)::int as started from monitoring_staged_upload where filename = 'resume.csv'`);
      expect(started).toBe(1);
      expect(puts).toBe(2);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});

describe('zix sustainability upload and report', () => {
  /** A provider of its own with a submitter token, so every test starts without answers. */
  const provider = async () => {
    const p = await app.factory.provider();
    return { agb: p.agb, env: { EXCHANGE_TOKEN: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: p }) } };
  };
  const GOOD = 'code;value\nFTE;300,5\nREAL_ESTATE;owns\nMOBILITY_PLAN;ja\nCO2_SCOPE_3;12,5\n';

  it('a dry run prints the summary as JSON and writes nothing; the real run applies and prints tables; report reads it back', async () => {
    // given
    const p = await provider();
    const file = path.join(work, `duurzaamheid-${p.agb}.csv`);
    fs.writeFileSync(file, GOOD);
    const args = ['sustainability', 'upload', file, '--provider', p.agb, '--year', '2025'];
    // when
    const dry = await zix([...args, '--dry-run', '--json'], p.env);
    const before = await zix(['sustainability', 'report', '--provider', p.agb, '--year', '2025'], p.env);
    const real = await zix(args, p.env);
    const report = await zix(['sustainability', 'report', '--provider', p.agb, '--year', '2025', '--json'], p.env);
    const reportText = await zix(['sustainability', 'report', '--provider', p.agb, '--year', '2025'], p.env);
    // then
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    const summary = JSON.parse(dry.stdout).summary;
    expect(summary).toMatchObject({ outcome: 'APPLIED', dryRun: true, written: false, rowCount: 4, problems: [], report: null });
    expect(summary.compliance).toContainEqual(expect.objectContaining({ obligation: 'MOBILITY_PLAN', status: 'MET' }));
    expect(before).toMatchObject({ code: 1, stdout: '', stderr: `error: no sustainability report of ${p.agb} for 2025 that you may read (not answered yet, or not yours)\n` });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^APPLIED\nrows read\s+written\s+version\s+problems\n[- ]+\n4\s+yes\s+1\s+0\n\nobligation\s+status\s+reason\n/);
    expect(real.stdout).toMatch(/\nMOBILITY_PLAN\s+MET\s+\S/);
    expect(JSON.parse(report.stdout).report).toMatchObject({ provider: { agb: p.agb }, year: 2025, version: 1, co2Scope3Tonnes: '12.50' });
    expect(JSON.parse(report.stdout).report.answers).toContainEqual({ code: 'FTE', value: '300.5' });
    expect(reportText.code).toBe(0);
    expect(reportText.stdout).toMatch(new RegExp(`^sustainability report ${p.agb} 2025, version 1, answered `));
    expect(reportText.stdout).toMatch(/\ncode\s+value\n[- ]+\nFTE\s+300\.5\n/);
  });

  it('exits 1 with the problems as a table when a row is rejected, writing nothing; no stack trace', async () => {
    // given
    const p = await provider();
    const bad = path.join(work, `bad-${p.agb}.csv`);
    fs.writeFileSync(bad, 'code,value\nFTE,300\nREAL_ESTATE,castle\nFTE,301\n');
    const args = ['sustainability', 'upload', bad, '--provider', p.agb, '--year', '2025'];
    // when
    const text = await zix(args, p.env);
    const json = await zix([...args, '--json'], p.env);
    const after = await zix(['sustainability', 'report', '--provider', p.agb, '--year', '2025'], p.env);
    // then
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^REJECTED\nrows read\s+written\s+version\s+problems\n[- ]+\n3\s+no\s+-\s+2\n\nrow\s+column\s+code\s+message\n[- ]+\n3\s+value\s+INVALID_VALUE\s+.*REAL_ESTATE.*\n4\s+code\s+DUPLICATE_QUESTION\s+/);
    expect(text.stderr).toBe('error: the file was rejected: 2 problems\n');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).summary).toMatchObject({ outcome: 'REJECTED', written: false, problems: [{ row: 3, column: 'value', code: 'INVALID_VALUE' }, { row: 4, code: 'DUPLICATE_QUESTION' }] });
    expect(JSON.parse(json.stderr)).toEqual({ error: { message: 'the file was rejected: 2 problems', code: 'REJECTED', exitCode: 1 } });
    expect(after.code).toBe(1);
    for (const run of [text, json]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 when the file is refused as a whole, the provider is not yours, or the file cannot be read', async () => {
    // given
    const p = await provider();
    const other = await provider();
    const noColumn = path.join(work, `nocolumn-${p.agb}.csv`);
    fs.writeFileSync(noColumn, 'vraag;iets\nFTE;3\n');
    const good = path.join(work, `good-${p.agb}.csv`);
    fs.writeFileSync(good, GOOD);
    // when
    const refused = await zix(['sustainability', 'upload', noColumn, '--provider', p.agb, '--year', '2025'], p.env);
    const notYours = await zix(['sustainability', 'upload', good, '--provider', other.agb, '--year', '2025'], p.env);
    const missing = await zix(['sustainability', 'upload', path.join(work, 'absent.csv'), '--provider', p.agb, '--year', '2025'], p.env);
    // then
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/\n1\s+value\s+MISSING_COLUMN\s+/);
    expect(notYours.code).toBe(1);
    expect(notYours.stdout).toMatch(/\n-\s+-\s+NOT_FOUND\s+/);
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: cannot read .*absent\.csv: ENOENT\n$/) });
    expect((await zix(['sustainability', 'report', '--provider', other.agb, '--year', '2025'], other.env)).code).toBe(1);
  });

  it('exits 1 with INVALID_FILE, not as unreachable, when the file is over the server\'s limit', async () => {
    // given: 2 MB, eight times the 256 KB the server reads
    const p = await provider();
    const big = path.join(work, `big-${p.agb}.csv`);
    fs.writeFileSync(big, `code;value\n${'FTE;300\n'.repeat(2 * 1024 * 1024 / 8)}`);
    // when
    const run = await zix(['sustainability', 'upload', big, '--provider', p.agb, '--year', '2025', '--json'], p.env);
    // then
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ outcome: 'REJECTED', written: false, problems: [{ code: 'INVALID_FILE' }] });
  });

  it('uploads an XLSX workbook', async () => {
    // given
    const p = await provider();
    const file = path.join(work, `duurzaamheid-${p.agb}.xlsx`);
    fs.writeFileSync(file, await xlsxOf([[1, ['Vraag', 'Antwoord']], [2, ['FTE', 300.5]], [3, ['REAL_ESTATE', 'owns']], [4, ['MOBILITY_PLAN', { bool: true }]], [5, ['CO2_SCOPE_1', 1250.125]]]));
    // when
    const run = await zix(['sustainability', 'upload', file, '--provider', p.agb, '--year', '2025', '--json'], p.env);
    const report = await zix(['sustainability', 'report', '--provider', p.agb, '--year', '2025', '--json'], p.env);
    // then
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ outcome: 'APPLIED', written: true, rowCount: 4, problems: [], report: { version: 1 } });
    expect(JSON.parse(report.stdout).report).toMatchObject({ co2Scope1Tonnes: '1250.125' });
  });

  it('draws a progress bar on stderr when it is a terminal, and none with --json', async () => {
    // given: the command in this process, with stderr said to be a terminal
    const p = await provider();
    const file = path.join(work, `progress-${p.agb}.csv`);
    fs.writeFileSync(file, GOOD);
    const run = async (extra: string[]) => {
      const lines: string[] = [];
      let err = '';
      const code = await runRemote(['sustainability', 'upload', file, '--provider', p.agb, '--year', '2025', '--dry-run', ...extra], { json: false, out: (line) => lines.push(line), err: (text) => (err += text), errIsTty: true }, { EXCHANGE_URL: base, ...p.env });
      return { code, stdout: lines.join('\n'), stderr: err };
    };
    // when
    const text = await run([]);
    const json = await run(['--json']);
    // then
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(new RegExp(`\\r\\[#{30}\\] 100%  ${GOOD.length} of ${GOOD.length} bytes\\n$`));
    expect(text.stdout).toMatch(/^dry run: APPLIED\n/);
    expect(json).toMatchObject({ code: 0, stderr: '' });
  });
});

/** The server puts a staged upload whose PUT broke off back to PENDING once it notices; wait for that. */
async function waitForPendingUploads(): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const [{ receiving }] = await app.orm.em.getConnection().execute(`select count(*)::int as receiving from monitoring_staged_upload where state = 'RECEIVING'`);
    if (receiving === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
