import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync, spawn, ChildProcess } from 'node:child_process';

/** The built server as an operator runs it (`node dist/src/main.js`), as a child process a test can kill. */
export const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

/** Builds dist/ when a source or migration is newer than it. */
export function ensureBuilt(): void {
  const built = fs.existsSync(MAIN) ? fs.statSync(MAIN).mtimeMs : 0;
  if (built < Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'migrations')))) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  child: ChildProcess;
  port: number;
  origin: string;
  stderr: string[];
  exited: Promise<number | null>;
  /** Resolves when the ready line is logged; rejects if the process exits first or after `ms`. */
  ready: (ms?: number) => Promise<void>;
}

const running: ChildProcess[] = [];

/** Starts the server with exactly this environment (plus PATH) on a free port. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.push(child);
  const stderr: string[] = [];
  let rest = '';
  const listeners: (() => void)[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    stderr.push(...lines);
    for (const l of listeners) l();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = (ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => stderr.some((l) => l.includes('GraphQL API ready')) && resolve();
      check();
      listeners.push(check);
      const timer = setTimeout(() => reject(new Error(`not ready within ${ms} ms:\n${stderr.join('\n')}`)), ms);
      void exited.then(() => reject(new Error(`exited before ready:\n${stderr.join('\n')}`)));
      void new Promise<void>((r) => listeners.push(() => stderr.some((l) => l.includes('GraphQL API ready')) && r())).then(() => clearTimeout(timer));
    });
  return { child, port, origin: `http://127.0.0.1:${port}`, stderr, exited, ready };
}

/** Kills what a test file left running (a failed assertion must not leave servers behind). */
export function killChildServers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
