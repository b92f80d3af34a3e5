import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { TEST_BUDGETS, useTestApp } from '../support/app';
import { ensureBuilt, killChildServers, startChildServer, ChildServer, ROOT } from '../support/child-server';
import { csv } from '../factories/monitoring';
import { AuditEvent } from '../../src/auth/audit-event.entity';

/**
 * Real crashes: the built server as a child process, killed with SIGKILL at the worst moment, then a fresh
 * server on the same database (or the same embedded PostgreSQL folder). Nothing acknowledged is lost, and
 * nothing half-done blocks what comes after.
 */
const app = useTestApp({ before: ensureBuilt, timeout: 180_000 });
afterAll(() => killChildServers());

// With the budgets of the in-process servers: the failed authentications other test files sent from 127.0.0.1 in
// the same minute would otherwise refuse this server's requests too.
const onTestDatabase = (extra: Record<string, string> = {}) => ({ NODE_ENV: 'test', DATABASE_URL: process.env.TEST_DATABASE_URL!, ...TEST_BUDGETS, ...extra });

async function gql(server: ChildServer, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as any };
}

async function until(condition: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function kill(server: ChildServer): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

describe('a staged upload whose PUT a crash cut off', () => {
  it('can be PUT again and committed on a fresh server', async () => {
    // given: a PUT that has stored part of its file when the server dies
    const f = app.monitoring;
    const cf = await f.coordinationFunction();
    const token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: cf });
    const first = await startChildServer(onTestDatabase());
    await first.ready();
    const started = (await gql(first, token, `mutation { monitoringUploadStart(input: { filename: "zn.csv" }) { stagedUpload { uploadId uploadUrl uploadToken } } }`))
      .body.data.monitoringUploadStart.stagedUpload;
    const put = http.request(`${first.origin}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken } });
    put.on('error', () => undefined);
    put.write(Buffer.alloc(1_500_000, 0x41));
    const chunkInFlight = async () =>
      (await app.orm.em.getConnection().execute(
        `select 1 from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'monitoring_staged_upload_chunk' and l.mode = 'RowExclusiveLock'`,
      )).length > 0;
    await until(chunkInFlight, 'the PUT to store its first piece');

    // when
    await kill(first);
    const second = await startChildServer(onTestDatabase());
    await second.ready();
    const file = csv([`${cf.agb};2024;JAAR;GRZ;10;8;1`]);
    const again = await fetch(`${second.origin}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: file });
    const commit = await gql(second, token, `mutation($id: ID!) { monitoringUploadCommit(input: { uploadId: $id }) { summary { outcome created byteSize } userErrors { code } } }`, {
      id: started.uploadId,
    });
    await kill(second);

    // then
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ uploadId: started.uploadId, byteSize: file.length });
    expect(commit.body.data.monitoringUploadCommit).toEqual({ summary: { outcome: 'APPLIED', created: 1, byteSize: file.length }, userErrors: [] });
  });

  it('still refuses a second PUT while the first one is running (the legitimate guard stays)', async () => {
    const f = app.monitoring;
    const cf = await f.coordinationFunction();
    const token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: cf });
    const server = await startChildServer(onTestDatabase());
    await server.ready();
    const started = (await gql(server, token, `mutation { monitoringUploadStart(input: { filename: "zn.csv" }) { stagedUpload { uploadUrl uploadToken } } }`)).body.data
      .monitoringUploadStart.stagedUpload;
    const slow = http.request(`${server.origin}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken } });
    slow.on('error', () => undefined);
    slow.write(Buffer.alloc(1_500_000, 0x41));
    await until(
      async () =>
        (await app.orm.em.getConnection().execute(
          `select 1 from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'monitoring_staged_upload_chunk' and l.mode = 'RowExclusiveLock'`,
        )).length > 0,
      'the first PUT to store a piece',
    );
    const second = await fetch(`${server.origin}${started.uploadUrl}`, { method: 'PUT', headers: { 'upload-token': started.uploadToken }, body: 'x' });
    slow.destroy();
    await kill(server);
    expect(second.status).toBe(409);
  });
});

describe('an acknowledged write, then SIGKILL', () => {
  it('has its audit entry: it was written in the write’s own transaction', async () => {
    // given
    const server = await startChildServer(onTestDatabase());
    await server.ready();
    const [{ free }] = await app.orm.em
      .getConnection()
      .execute(`select min(g)::text as free from generate_series(1000, 9999) g where not exists (select 1 from insurer where uzovi = g::text)`);
    const uzovi: string = free;
    // when
    const created = await gql(server, app.operatorToken, `mutation($u: String!) { insurerCreate(input: { uzovi: $u, name: "Na de crash", concernCode: "ACHMEA" }) { insurer { uzovi } userErrors { code } } }`, {
      u: uzovi,
    });
    await kill(server);
    // then
    expect(created.body.data.insurerCreate).toEqual({ insurer: { uzovi }, userErrors: [] });
    const entries = await app.orm.em.fork().find(AuditEvent, { requestId: created.requestId! });
    expect(entries.map((e) => [e.operation, e.outcome])).toEqual([['insurerCreate', 'SUCCESS']]);
  });

  it('a refused write (nothing written) is still audited, batched, when the server stops cleanly', async () => {
    const server = await startChildServer(onTestDatabase());
    await server.ready();
    const refused = await gql(server, app.operatorToken, `mutation { insurerCreate(input: { uzovi: "12", name: "x", concernCode: "ACHMEA" }) { userErrors { code } } }`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(refused.body.data.insurerCreate.userErrors.length).toBeGreaterThan(0);
    const entries = await app.orm.em.fork().find(AuditEvent, { requestId: refused.requestId! });
    expect(entries.map((e) => [e.operation, e.outcome])).toEqual([['insurerCreate', 'REJECTED']]);
  });
});

describe('the embedded PostgreSQL after kill -9 of the API', () => {
  const dataDir = path.join(ROOT, '.data', `crash-test-${process.pid}`);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const postgresProcesses = () => {
    try {
      return execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('is taken over by the next start, so that its clean stop stops PostgreSQL', async () => {
    // given: a server on the embedded database, killed hard
    const pgPort = String(20000 + (process.pid % 20000));
    const env = { NODE_ENV: 'test', SEED_ON_START: 'false', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: pgPort };
    const first = await startChildServer(env);
    await first.ready(120_000);
    const orphan = postmasterPid();
    await kill(first);
    expect(alive(orphan)).toBe(true);
    // when
    const second = await startChildServer(env);
    await second.ready(120_000);
    const health = await fetch(`${second.origin}/readyz`);
    second.child.kill('SIGTERM');
    const exitCode = await second.exited;
    // then
    expect(health.status).toBe(200);
    expect(exitCode).toBe(0);
    expect(alive(orphan)).toBe(false);
    expect(postgresProcesses()).toBe('');
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 240_000);
});
