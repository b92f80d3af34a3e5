import 'reflect-metadata';
import assert from 'node:assert';
import path from 'node:path';
import fs from 'node:fs';
import { execFile, execFileSync, spawn, ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { connect, migrate } from '../../src/db/database';
import { seedIfEmpty } from '../../src/db/seed';
import { startEmbedded, EmbeddedServer } from '../../src/db/embedded';
import { generateToken } from '../../src/auth/token';
import type { Benchmark } from './index';
import { DASHBOARD_QUERY, FloorParams } from './kpi-floor';

/**
 * The read benchmark (issues 5 and 12). One scratch database: the seed (8 insurers, 25 regions, 600 market shares)
 * plus a synthetic KPI dataset of HOSPITALS hospitals x 3 KPIs x 36 monthly periods (2024-2026, telemonitoring with
 * three populations each) with one insurer's targets and contracts. Three servers read it, each in a process of its
 * own: the API, PostGraphile 5 (../shared/tools/postgraphile-peer.sh) and the dashboard's floor (kpi-floor.ts: one
 * hand-written statement plus JSON serialisation). Each read is first checked to carry the same data in the API's
 * answer as in its reference's (PostGraphile, or the floor for the dashboard, which PostGraphile cannot compute);
 * then the targets are loaded by 20 concurrent clients in ROUNDS rounds of SLICE seconds each, interleaved
 * (API, reference, API, reference ... read after read), so that other work on the machine weighs on all alike.
 */

interface LoadResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon's run: awaitable, and an event emitter whose 'response' events carry each response time (ms). */
type LoadRun = Promise<LoadResult> & { on: (event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void) => void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => LoadRun;

const HOSPITALS = Number(process.env.KPI_BENCH_HOSPITALS ?? 120);
// Rounds, and seconds of load on each target in each round.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SLICE = Number(process.env.BENCH_SLICE_SECONDS ?? 5);
const CONNECTIONS = 20;
// BENCH_ONLY=<text> loads only the reads whose name contains it (to profile one read with BENCH_PROFILE).
const ONLY = process.env.BENCH_ONLY ?? '';
const UZOVI = '8888';
const YEAR = 2025;
const AS_OF = '2025-09-30';
const KPI = 'TELEMONITORING';
// BENCH_PORT=<n> moves the three servers to n, n+1 and n+2 (when another benchmark holds the default ports).
const API_PORT = Number(process.env.BENCH_PORT ?? 4390);
const FLOOR_PORT = API_PORT + 1;
const PEER_PORT = API_PORT + 2;
/** `../shared/tools/postgraphile-peer.sh` beside the checkout (or a git worktree of it): the first one found upward. */
function findPeerScript(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'tools', 'postgraphile-peer.sh');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../../../../shared/tools/postgraphile-peer.sh');
  }
}
const PEER_SCRIPT = process.env.POSTGRAPHILE_PEER ?? findPeerScript();
const DIST = path.resolve(__dirname, '../..');

interface Db {
  url: string;
  close: () => Promise<void>;
}

/** A database of its own: on the server of DATABASE_URL, else on an embedded PostgreSQL under .data/. */
async function database(): Promise<Db> {
  const name = `reads_bench_${process.pid}`;
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      close: async () => {
        const c = new Client({ connectionString: admin });
        await c.connect();
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.end();
      },
    };
  }
  const server: EmbeddedServer = await startEmbedded({ dataDir: '.data/bench-reads', port: 55433, persistent: false });
  await server.createDatabaseIfMissing(name);
  return { url: server.url(name), close: () => server.stop() };
}

/** The synthetic dataset, written in a handful of set-based statements. */
async function dataset(orm: MikroORM): Promise<{ insurerId: number; token: string }> {
  const run = (sql: string, params: unknown[] = []) => orm.em.getConnection().execute(sql, params);
  const [concern] = await run(`insert into concern (code, name) values ('BENCH', 'Bench concern') returning id`);
  const [insurer] = await run(`insert into insurer (uzovi, name, concern_id) values (?, 'Bench insurer', ?) returning id`, [UZOVI, concern.id]);
  await run(
    `insert into provider (agb, kvk, name, kind, region_id)
     select lpad((70000000 + n)::text, 8, '0'), lpad((80000000 + n)::text, 8, '0'), 'Bench hospital ' || lpad(n::text, 4, '0'), 'HOSPITAL',
            (select id from region order by code offset (n % 25) limit 1)
       from generate_series(1, ?) n`,
    [HOSPITALS],
  );
  const hospitals = `select id, agb, (substr(agb, 5)::int) as n from provider where agb like '7%' and name like 'Bench hospital%'`;
  await run(
    `insert into contract (insurer_id, provider_id, segment_id, term_start, term_end, status, tariff_basis, ceiling_kind, obligations)
     select ?, h.id, (select id from segment where code = 'MSZ'), '2024-01-01', '2026-12-31', 'SIGNED', 'PRICE_VOLUME', 'NONE', ''
       from (${hospitals}) h`,
    [insurer.id],
  );
  await run(
    `insert into kpi_target (insurer_id, provider_id, kpi_id, year, target_value, target_date, baseline_kind, baseline_start, baseline_end,
                             obligation, derived_obligation, derived_reason, obligation_source, changed_by)
     select ?, h.id, k.id, y, k.target_value, make_date(y, 12, 31),
            case when k.needs_baseline then 'YEAR'::kpi_period_kind end,
            case when k.needs_baseline then date '2023-01-01' end, case when k.needs_baseline then date '2023-12-31' end,
            'BEST_EFFORT', 'BEST_EFFORT', 'bench', 'DERIVED', 'bench'
       from (${hospitals}) h cross join kpi k cross join generate_series(2024, 2026) y
      where k.status = 'CATALOGUE'`,
    [insurer.id],
  );
  // Figures grow month by month at a pace of each hospital's own; hashtext spreads them deterministically.
  await run(
    `insert into kpi_measurement (provider_id, kpi_id, period_kind, period_start, period_end, version, current, numerator, denominator, variant, submitted_by)
     select h.id, k.id, 'MONTH', m, (m + interval '1 month' - interval '1 day')::date, 1, true,
            case k.code
              when 'HYBRID_PATHWAYS' then least(60, (60 * (i + 1) * (10 + abs(hashtext(h.agb)) % 30) / 3600))
              when 'PHYSICAL_CONTACTS_REDUCTION' then 20000 - (20000 * (i + 1) * (10 + abs(hashtext(h.agb || 'p')) % 35) / 3600)
              else (i + 1) * (5 + abs(hashtext(h.agb || 't')) % 20) * 3000 / 3600 end,
            case k.code when 'HYBRID_PATHWAYS' then 60 when 'PHYSICAL_CONTACTS_REDUCTION' then null else 3000 end,
            case k.code when 'TELEMONITORING' then 'VARIANT_I'::telemonitoring_variant end,
            'bench'
       from (${hospitals}) h cross join kpi k
       cross join lateral (select (date '2024-01-01' + make_interval(months => i))::date as m, i from generate_series(0, 35) i) months
      where k.status = 'CATALOGUE'`,
  );
  await run(
    `insert into kpi_measurement (provider_id, kpi_id, period_kind, period_start, period_end, version, current, numerator, submitted_by)
     select h.id, k.id, 'YEAR', '2023-01-01', '2023-12-31', 1, true, 240000, 'bench'
       from (${hospitals}) h cross join kpi k where k.code = 'PHYSICAL_CONTACTS_REDUCTION'`,
  );
  await run(
    `insert into kpi_measurement_population (measurement_id, position, population, telemonitored, in_population)
     select m.id, pos - 1, (array['HEART_FAILURE', 'COPD', 'IBD'])[pos]::telemonitoring_population,
            m.numerator / 3 + case when pos = 1 then m.numerator % 3 else 0 end, 1000
       from kpi_measurement m join kpi k on k.id = m.kpi_id and k.code = 'TELEMONITORING'
       cross join generate_series(1, 3) pos
      where m.submitted_by = 'bench'`,
  );
  await run('analyze');
  const generated = generateToken();
  await run(
    `insert into api_token (prefix, secret_hash, organisation_kind, insurer_id, role, label, expires_at, created_by)
     values (?, ?, 'INSURER', ?, 'DASHBOARD', 'bench', now() + interval '1 day', 'bench')`,
    [generated.prefix, generated.hash, insurer.id],
  );
  return { insurerId: Number(insurer.id), token: generated.token };
}

/** Starts a server process and waits until its /healthz answers; fails with its output when it exits first. */
async function start(label: string, script: string, env: Record<string, string>, port: number): Promise<ChildProcess> {
  // BENCH_PROFILE=<dir> writes a CPU profile of each server process there, to see where the time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}: ${output.slice(-2000)}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${label} did not start within 30 s: ${output.slice(-2000)}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** PostGraphile 5 on the same database, through the shared script; returns its process id (a group of its own). */
async function startPeer(url: string): Promise<number> {
  // Asynchronously: a blocked event loop would miss the other servers closing idle keep-alive sockets.
  const { stdout: printed } = await promisify(execFile)('bash', [PEER_SCRIPT, url, String(PEER_PORT)], { encoding: 'utf8' });
  const pid = Number(printed.trim().split('\n').pop());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`postgraphile-peer.sh printed no process id: ${printed}`);
  return pid;
}

/** User plus system CPU time of a process so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface GqlBody {
  data?: unknown;
  errors?: unknown[];
  extensions?: { sqlStatements?: number };
}

async function post(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlBody> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) }).catch((error: Error) => {
    throw new Error(`${url}: ${error.message} (${String(error.cause)})`);
  });
  const body = (await response.json()) as GqlBody;
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors).slice(0, 2000)}`);
  return body;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Nearest-rank percentile of recorded response times; autocannon's summary has no p95. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const median = (xs: readonly number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/** One server answering one read: how to load it, and what was recorded. */
interface Target {
  label: string;
  options: Record<string, unknown>;
  pid: number;
  times: number[];
  /** p50 of each round. */
  roundP50: number[];
  cpu: number;
  requests: number;
}

/** A read the benchmark loads: the API's request and its reference's, which must carry the same data. */
interface Read {
  name: string;
  api: Target;
  reference: Target;
  /** What the ratio is held to: PostGraphile's p50 (1.0) or the floor's (1.5). */
  limit: number;
  statements?: number;
}

function target(label: string, pid: number, options: Record<string, unknown>): Target {
  return { label, options, pid, times: [], roundP50: [], cpu: 0, requests: 0 };
}

function graphqlOptions(url: string, token: string | null, query: string, variables: Record<string, unknown>): Record<string, unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return { url, method: 'POST', body: JSON.stringify({ query, variables }), headers };
}

async function loadSlice(t: Target): Promise<void> {
  const times: number[] = [];
  const cpuBefore = cpuMs(t.pid);
  const running = autocannon({ connections: CONNECTIONS, duration: SLICE, ...t.options });
  running.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await running;
  if (result.non2xx > 0 || result.errors > 0 || times.length === 0) {
    throw new Error(`${t.label}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts, ${times.length} responses`);
  }
  t.cpu += cpuMs(t.pid) - cpuBefore;
  t.requests += times.length;
  t.times.push(...times);
  t.roundP50.push(median(times));
}

/** Every read's targets in turn, ROUNDS times: A B C D ... A B C D ... */
async function loadInterleaved(reads: Read[]): Promise<void> {
  for (const read of reads) {
    // Warm up (JIT, connection pools, caches) before anything is measured.
    for (const t of [read.api, read.reference]) await autocannon({ connections: CONNECTIONS, duration: 2, ...t.options });
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const read of reads) for (const t of [read.api, read.reference]) await loadSlice(t);
    process.stdout.write(`  round ${round + 1} of ${ROUNDS} done\n`);
  }
}

function report(reads: Read[]): boolean {
  let met = true;
  process.stdout.write(
    `\n${'read'.padEnd(34)} ${'target'.padEnd(12)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'req/s'.padStart(6)} ${'CPU/req'.padStart(9)} ${'SQL/req'.padStart(7)}\n`,
  );
  for (const read of reads) {
    for (const t of [read.api, read.reference]) {
      const sorted = [...t.times].sort((a, b) => a - b);
      const statements = t === read.api && read.statements !== undefined ? String(read.statements) : '-';
      process.stdout.write(
        `${(t === read.api ? read.name : '').padEnd(34)} ${t.label.padEnd(12)} ${fmt(percentile(sorted, 50)).padStart(9)} ${fmt(percentile(sorted, 95)).padStart(9)} ` +
          `${(t.requests / (ROUNDS * SLICE)).toFixed(0).padStart(6)} ${fmt(t.cpu / t.requests).padStart(9)} ${statements.padStart(7)}\n`,
      );
    }
  }
  process.stdout.write(`\np50 ratio API / reference per round: median (min-max) over ${ROUNDS} rounds\n`);
  for (const read of reads) {
    const ratios = read.api.roundP50.map((p, i) => p / read.reference.roundP50[i]);
    const mid = median(ratios);
    const ok = mid <= read.limit;
    met &&= ok;
    process.stdout.write(
      `  ${read.name.padEnd(32)} / ${read.reference.label.padEnd(12)} ${mid.toFixed(2)} (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})` +
        `   target at most ${read.limit.toFixed(1)}: ${ok ? 'met' : 'NOT met'}\n`,
    );
  }
  return met;
}

const INSURERS_QUERY = `{ insurers(first: 100) { nodes { uzovi name concern { code name } marketShares { year sharePercent region { code name } } } } }`;
const INSURERS_PEER = `{ allInsurers(orderBy: UZOVI_ASC) { nodes { uzovi name concernByConcernId { code name }
  marketSharesByInsurerId(orderBy: PRIMARY_KEY_ASC) { nodes { year sharePercent regionByRegionId { code name } } } } } }`;
const PROVIDERS_QUERY = `{ providers(first: 100, orderBy: { field: AGB }) { nodes { agb name kind region { code name } } } }`;
const PROVIDERS_PEER = `{ allProviders(first: 100, orderBy: AGB_ASC) { nodes { agb name kind regionByRegionId { code name } } } }`;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const byKey = (key: (row: Row) => string) => (a: Row, b: Row) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const shareKey = (s: Row) => `${s.year} ${s.region.code} ${s.sharePercent}`;

/**
 * Insurers with their shares in one order for both answers: PostGraphile 5 orders only by indexed columns, and
 * neither the insurer's name nor the share is indexed.
 */
function insurersSorted(data: Row): Row {
  return {
    insurers: {
      nodes: data.insurers.nodes
        .map((i: Row) => ({ ...i, marketShares: [...i.marketShares].sort(byKey(shareKey)) }))
        .sort(byKey((i) => i.uzovi)),
    },
  };
}

/** PostGraphile's answers in the API's shape, so that the two compare deep-equal. */
function insurersOfPeer(data: Row): Row {
  return insurersSorted({
    insurers: {
      nodes: data.allInsurers.nodes.map((i: Row) => ({
        uzovi: i.uzovi,
        name: i.name,
        concern: i.concernByConcernId,
        marketShares: i.marketSharesByInsurerId.nodes.map((s: Row) => ({ year: s.year, sharePercent: s.sharePercent, region: s.regionByRegionId })),
      })),
    },
  });
}

function providersOfPeer(data: Row): Row {
  return { providers: { nodes: data.allProviders.nodes.map((p: Row) => ({ agb: p.agb, name: p.name, kind: p.kind, region: p.regionByRegionId })) } };
}

async function run(): Promise<void> {
  const db = await database();
  const children: ChildProcess[] = [];
  let peerPid: number | null = null;
  try {
    const orm = await connect(db.url);
    let fixture: { insurerId: number; token: string };
    try {
      await migrate(orm);
      await seedIfEmpty(orm);
      const t0 = Date.now();
      fixture = await dataset(orm);
      const [counts] = await orm.em.getConnection().execute(
        `select (select count(*) from provider where name like 'Bench hospital%')::int as hospitals,
                (select count(*) from kpi_measurement where submitted_by = 'bench')::int as measurements,
                (select count(*) from kpi_measurement_population)::int as populations,
                (select count(*) from insurer)::int as insurers, (select count(*) from market_share)::int as shares,
                (select count(*) from provider)::int as providers`,
      );
      process.stdout.write(
        `dataset: ${counts.insurers} insurers with ${counts.shares} market shares; ${counts.providers} providers; ` +
          `${counts.hospitals} hospitals x 3 KPIs x 36 months = ${counts.measurements} measurements, ${counts.populations} telemonitoring population rows ` +
          `(built in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
      );
    } finally {
      await orm.close(true);
    }

    const env = {
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      PORT: String(API_PORT),
      MIGRATE_ON_START: 'false',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'error',
      REPORT_SQL_STATEMENTS: 'true',
      // The benchmark measures latency, not the cost and rate limits, which would refuse 20 clients at full speed.
      MAX_QUERY_COST: '1000000',
      RATE_LIMIT_DASHBOARD: '1000000000',
    };
    const api = await start('api', path.join(DIST, 'src/main.js'), env, API_PORT);
    children.push(api);
    const params: FloorParams = { year: YEAR, asOf: AS_OF, kpiCode: KPI, insurerUzovi: UZOVI, viewerInsurerId: fixture.insurerId, first: 100 };
    const floor = await start('floor', path.join(__dirname, 'kpi-floor-server.js'), { DATABASE_URL: db.url, PORT: String(FLOOR_PORT), FLOOR_PARAMS: JSON.stringify(params) }, FLOOR_PORT);
    children.push(floor);
    peerPid = await startPeer(db.url);
    const apiUrl = `http://127.0.0.1:${API_PORT}/graphql`;
    const peerUrl = `http://127.0.0.1:${PEER_PORT}/graphql`;
    const floorUrl = `http://127.0.0.1:${FLOOR_PORT}/dashboard`;

    // The same data first: PostGraphile's answer (or the floor's) in the API's shape, deep equal.
    const insurers = await post(apiUrl, fixture.token, INSURERS_QUERY);
    assert.deepStrictEqual(insurersOfPeer((await post(peerUrl, null, INSURERS_PEER)).data as Row), insurersSorted(insurers.data as Row), 'insurers: PostGraphile and the API differ');
    const providers = await post(apiUrl, fixture.token, PROVIDERS_QUERY);
    assert.deepStrictEqual(providersOfPeer((await post(peerUrl, null, PROVIDERS_PEER)).data as Row), providers.data, 'providers: PostGraphile and the API differ');
    const dashboardVariables = { input: { year: YEAR, kpiCode: KPI, insurerUzovi: UZOVI, asOf: AS_OF, periodKind: 'MONTH' }, first: 100 };
    const dashboard = await post(apiUrl, fixture.token, DASHBOARD_QUERY, dashboardVariables);
    const floorAnswer = (await (await fetch(floorUrl)).json()) as { data: unknown };
    assert.deepStrictEqual(floorAnswer.data, dashboard.data, 'dashboard: the floor and the API differ');
    const shares = (insurers.data as Row).insurers.nodes.reduce((n: number, i: Row) => n + i.marketShares.length, 0);
    process.stdout.write(`same data: insurers (${shares} market shares) and providers as PostGraphile's, the dashboard as the floor's (deep equal)\n`);

    const statements: string[] = [];
    for (const codes of [['01'], ['01', '02', '03', '04', '05'], null]) {
      const result = await post(apiUrl, fixture.token, DASHBOARD_QUERY, { ...dashboardVariables, input: { ...dashboardVariables.input, filter: codes ? { regionCodes: codes } : null } });
      const data = result.data as { kpiDashboard: { rows: { totalCount: number } } };
      statements.push(`${String(data.kpiDashboard.rows.totalCount).padStart(4)} providers: ${result.extensions?.sqlStatements} statements`);
    }
    process.stdout.write(`SQL statements per dashboard request (plus 1 for the token):\n  ${statements.join('\n  ')}\n`);

    const peer = (query: string) => target('PostGraphile', peerPid!, graphqlOptions(peerUrl, null, query, {}));
    const ours = (query: string, variables: Record<string, unknown> = {}) => target('API', api.pid!, graphqlOptions(apiUrl, fixture.token, query, variables));
    const reads: Read[] = [
      { name: `insurers + concern + ${shares} shares`, api: ours(INSURERS_QUERY), reference: peer(INSURERS_PEER), limit: 1, statements: insurers.extensions?.sqlStatements },
      { name: '100 providers + region', api: ours(PROVIDERS_QUERY), reference: peer(PROVIDERS_PEER), limit: 1, statements: providers.extensions?.sqlStatements },
      {
        name: `KPI dashboard (${HOSPITALS} hospitals)`,
        api: ours(DASHBOARD_QUERY, dashboardVariables),
        reference: target('floor', floor.pid!, { url: floorUrl }),
        limit: 1.5,
        statements: dashboard.extensions?.sqlStatements,
      },
    ].filter((read) => !ONLY || read.name.includes(ONLY));
    process.stdout.write(`load: ${CONNECTIONS} concurrent clients, ${ROUNDS} rounds of ${SLICE} s on each target, interleaved\n`);
    await loadInterleaved(reads);
    const met = report(reads);
    process.stdout.write(`\nevery target ${met ? 'met' : 'NOT met'} (SQL/req: statements of the API per request, plus 1 for the token; CPU/req: the server process's user + system time)\n`);
  } finally {
    if (peerPid) {
      try {
        process.kill(-peerPid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    for (const child of children) await stop(child);
    // BENCH_KEEP=1 leaves the database in place, to look at plans with EXPLAIN afterwards.
    if (process.env.BENCH_KEEP) process.stdout.write(`kept the database: ${db.url}\n`);
    else await db.close();
  }
}

const benchmark: Benchmark = { name: 'reads: the API against PostGraphile 5 and the dashboard floor', run };
export default benchmark;
