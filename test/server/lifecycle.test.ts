import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import { TEST_BUDGETS, useTestApp } from '../support/app';

/**
 * The built server as an operator runs it: `node dist/src/main.js`, configured by the environment only.
 * Start-up failures must be one readable line on stderr and exit code 1; a signal must drain and exit 0.
 */

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');

const children: ChildProcess[] = [];

/** The newest modification time of any file under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

// the run's database, migrated and seeded, with an operator token the child servers accept
const app = useTestApp({
  before: () => {
    const built = fs.existsSync(MAIN) ? fs.statSync(MAIN).mtimeMs : 0;
    if (built < Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'migrations')))) {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    }
  },
  timeout: 120_000,
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first line (of either stream) that matches, or rejects after `ms`. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<string>;
  exited: Promise<number | null>;
}

/** Starts `node dist/src/main.js` with exactly the given environment (plus PATH). */
function startServer(env: Record<string, string>): Server {
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        into.push(line);
        for (const w of [...waiters]) {
          if (w.pattern.test(line)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
      }
    };
  };
  child.stdout!.on('data', collect(stdout));
  child.stderr!.on('data', collect(stderr));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, ms = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = [...stdout, ...stderr].find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms; stderr:\n${stderr.join('\n')}`)), ms);
      waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      void exited.then(() => setTimeout(() => reject(new Error(`exited before ${pattern}; stderr:\n${stderr.join('\n')}`)), 50));
    });
  return { child, stdout, stderr, waitFor, exited };
}

/** Settings of a server on the run's database. */
function onTestDatabase(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return { NODE_ENV: 'test', DATABASE_URL: process.env.TEST_DATABASE_URL!, PORT: String(port), HOST: '127.0.0.1', ...TEST_BUDGETS, ...extra };
}

async function query(port: number, token: string, body: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' },
    body: JSON.stringify({ query: body }),
  });
  return { status: res.status, body: await res.json() };
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

/** The lines a failed start wrote, without empty ones. */
const nonEmpty = (lines: string[]) => lines.filter((l) => l.trim().length > 0);

describe('the built server on DATABASE_URL', () => {
  it('logs the ready line, serves a query, and exits 0 on SIGTERM with the port closed', async () => {
    // given
    const port = await freePort();
    const server = startServer(onTestDatabase(port));
    // when
    const ready = await server.waitFor(/GraphQL API ready/);
    const res = await query(port, app.operatorToken, '{ region(code: "16") { name } }');
    server.child.kill('SIGTERM');
    const code = await server.exited;
    // then
    expect(JSON.parse(ready)).toMatchObject({ level: 'info', message: `GraphQL API ready at http://127.0.0.1:${port}/graphql` });
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ data: { region: { name: 'Hollands Midden' } } }) });
    expect(code).toBe(0);
    expect(await portIsClosed(port)).toBe(true);
  });

  it('lets a request that is in flight at SIGTERM complete before it exits 0', async () => {
    // given: a request whose headers have arrived but whose body is still on its way
    const port = await freePort();
    const server = startServer(onTestDatabase(port));
    await server.waitFor(/GraphQL API ready/);
    const body = JSON.stringify({ query: '{ segment(code: "MSZ") { name } }' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${app.operatorToken}` },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      // when: the signal arrives while the server waits for the rest of the body
      setTimeout(() => {
        server.child.kill('SIGTERM');
        void server.waitFor(/shutting down/).then(() => req.end(body.slice(10)), reject);
      }, 500);
    });
    // then
    const { status, text } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(text).data).toEqual({ segment: { name: 'Medisch specialistische zorg' } });
    expect(await server.exited).toBe(0);
    expect(await portIsClosed(port)).toBe(true);
  });

  it('refuses new connections once it is shutting down', async () => {
    // given
    const port = await freePort();
    const server = startServer(onTestDatabase(port));
    await server.waitFor(/GraphQL API ready/);
    // when
    server.child.kill('SIGINT');
    await server.exited;
    // then
    expect(await portIsClosed(port)).toBe(true);
    expect(server.stderr.some((l) => l.includes('shutting down') && l.includes('SIGINT'))).toBe(true);
  });
});

describe('a start that cannot succeed', () => {
  it('on a taken port writes one line starting with "error: Port" and exits 1', async () => {
    // given
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      // when
      const server = startServer(onTestDatabase(port));
      const code = await server.exited;
      // then
      expect(code).toBe(1);
      expect(nonEmpty(server.stderr)).toEqual([expect.stringMatching(/^error: Port \d+ on 127\.0\.0\.1 is already in use; set PORT to a free port\.$/)]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('on an unreachable database writes one line "error: Cannot reach PostgreSQL ..." with the password masked, and exits 1', async () => {
    // when
    const server = startServer(onTestDatabase(await freePort(), { DATABASE_URL: 'postgres://postgres:s3cret-pw@127.0.0.1:1/x' }));
    const code = await server.exited;
    // then
    expect(code).toBe(1);
    const lines = nonEmpty(server.stderr);
    expect(lines).toEqual([expect.stringMatching(/^error: Cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/x: .+/)]);
    expect([...server.stdout, ...server.stderr].join('\n')).not.toContain('s3cret-pw');
  });

  it.each([
    ['PORT=abc', { PORT: 'abc' }, 'error: PORT must be a whole number, got "abc"'],
    ['PORT=70000', { PORT: '70000' }, 'error: PORT must be between 0 and 65535, got 70000'],
    ['a DATABASE_URL of another scheme', { DATABASE_URL: 'mysql://localhost/x' }, 'error: DATABASE_URL must start with postgres:// or postgresql://'],
    ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, 'error: LOG_LEVEL must be one of debug, info, warn, error, got "loud"'],
    [
      'two of the three OIDC settings',
      { OIDC_JWKS_URL: 'http://127.0.0.1:1/jwks.json', OIDC_ISSUER: 'https://login.example.test/' },
      'error: OIDC needs OIDC_JWKS_URL, OIDC_ISSUER, OIDC_AUDIENCE together: OIDC_AUDIENCE is not set',
    ],
    ['one of the three OIDC settings', { OIDC_AUDIENCE: 'zorginkoop-exchange' }, 'error: OIDC needs OIDC_JWKS_URL, OIDC_ISSUER, OIDC_AUDIENCE together: OIDC_JWKS_URL and OIDC_ISSUER are not set'],
    [
      'OIDC_CLOCK_TOLERANCE_SECONDS=soon',
      { OIDC_JWKS_URL: 'http://127.0.0.1:1/jwks.json', OIDC_ISSUER: 'https://login.example.test/', OIDC_AUDIENCE: 'zix', OIDC_CLOCK_TOLERANCE_SECONDS: 'soon' },
      'error: OIDC_CLOCK_TOLERANCE_SECONDS must be a whole number, got "soon"',
    ],
  ])('with %s writes one clear line and exits 1', async (_label, env, line) => {
    const server = startServer(onTestDatabase(4000, env));
    const code = await server.exited;
    expect(code).toBe(1);
    expect(nonEmpty(server.stderr)).toEqual([line]);
  });
});

describe('the embedded PostgreSQL (DATABASE_URL unset)', () => {
  const dataDir = path.join(ROOT, '.data', `lifecycle-test-${process.pid}`);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** Starts on the embedded database in development mode, where the server prints demo tokens. */
  async function startEmbeddedServer(pgPort: number) {
    const port = await freePort();
    const server = startServer({ NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });
    await server.waitFor(/GraphQL API ready/, 60_000);
    const tokenLine = await server.waitFor(/^\s+operator admin\s+\S+$/);
    // the tokens are saved after the last one is printed; the blank line that closes the block follows the save
    const tokenAt = server.stdout.indexOf(tokenLine);
    while (!server.stdout.slice(tokenAt).includes('') && server.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    return { server, port, token: tokenLine.trim().split(/\s+/).pop()! };
  }

  const postgresProcesses = () => {
    try {
      return execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };

  it('starts, seeds once, stops its PostgreSQL on SIGINT, and keeps the data for the next start', async () => {
    // given
    const pgPort = await freePort();
    const first = await startEmbeddedServer(pgPort);
    const before = await query(first.port, first.token, '{ insurers { totalCount } region(code: "16") { name } }');
    const uzovi = '4321';
    const created = await query(
      first.port,
      first.token,
      `mutation { insurerCreate(input: { uzovi: "${uzovi}", name: "Blijvende Verzekeraar", concernCode: "ACHMEA" }) { insurer { uzovi } userErrors { code } } }`,
    );
    // when
    first.server.child.kill('SIGINT');
    const firstExit = await first.server.exited;
    const leftOver = postgresProcesses();
    const second = await startEmbeddedServer(pgPort);
    const after = await query(second.port, second.token, `{ insurers { totalCount } insurer(uzovi: "${uzovi}") { name concern { code } } }`);
    const firstTokenAgain = await query(second.port, first.token, '{ insurers { totalCount } }');
    second.server.child.kill('SIGINT');
    const secondExit = await second.server.exited;
    // then
    expect(before.body.data).toEqual({ insurers: { totalCount: 8 }, region: { name: 'Hollands Midden' } });
    expect(created.body.data.insurerCreate).toEqual({ insurer: { uzovi }, userErrors: [] });
    expect(firstExit).toBe(0);
    expect(leftOver).toBe('');
    expect(first.server.stderr.some((l) => /"message":"seeded: seed:reference/.test(l))).toBe(true);
    expect(second.server.stderr.filter((l) => l.includes('seeded'))).toEqual([]);
    expect(after.body.data).toEqual({ insurers: { totalCount: 9 }, insurer: { name: 'Blijvende Verzekeraar', concern: { code: 'ACHMEA' } } });
    // each start revokes the demo tokens it printed before
    expect(firstTokenAgain.status).toBe(401);
    expect(secondExit).toBe(0);
    expect(postgresProcesses()).toBe('');
  }, 90_000);
});
