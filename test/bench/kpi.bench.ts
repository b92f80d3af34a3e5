import 'reflect-metadata';
import assert from 'node:assert';
import path from 'node:path';
import { spawn, ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { connect, migrate } from '../../src/db/database';
import { seedIfEmpty } from '../../src/db/seed';
import { startEmbedded, EmbeddedServer } from '../../src/db/embedded';
import { generateToken } from '../../src/auth/token';
import type { Benchmark } from './index';
import { DASHBOARD_QUERY, FloorParams } from './kpi-floor';

/**
 * KPI dashboard benchmark (issue 5, item 7). A synthetic dataset of HOSPITALS hospitals x 3 KPIs x 36 monthly
 * periods (2024-2026, telemonitoring with three populations each) with one insurer's targets and contracts; the
 * dashboard query measured for SQL statements per request at three scope sizes, then under 20 concurrent clients
 * for DURATION seconds against the API and against the floor (kpi-floor.ts: one hand-written statement plus JSON
 * serialisation, in a server process of its own), after checking that both give the same answer.
 */

interface LoadResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
}

/** autocannon's run: awaitable, and an event emitter whose 'response' events carry each response time (ms). */
type LoadRun = Promise<LoadResult> & { on: (event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void) => void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => LoadRun;

const HOSPITALS = Number(process.env.KPI_BENCH_HOSPITALS ?? 120);
// Seconds of load on each target (the API, the floor).
const DURATION = Number(process.env.KPI_BENCH_SECONDS ?? 20);
const CONNECTIONS = 20;
const UZOVI = '8888';
const YEAR = 2025;
const AS_OF = '2025-09-30';
const KPI = 'TELEMONITORING';
const API_PORT = 4390;
const FLOOR_PORT = 4391;
const DIST = path.resolve(__dirname, '../..');

interface Db {
  url: string;
  close: () => Promise<void>;
}

/** A database of its own: on the server of DATABASE_URL, else on an embedded PostgreSQL under .data/. */
async function database(): Promise<Db> {
  const name = `kpi_bench_${process.pid}`;
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
  const server: EmbeddedServer = await startEmbedded({ dataDir: '.data/bench-kpi', port: 55433, persistent: false });
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
  // KPI_BENCH_PROFILE=<dir> writes a CPU profile of each server process there, to see where the time goes.
  const profile = process.env.KPI_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KPI_BENCH_PROFILE}`] : [];
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

async function post(token: string, variables: Record<string, unknown>) {
  const response = await fetch(`http://127.0.0.1:${API_PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: DASHBOARD_QUERY, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: { sqlStatements?: number } };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Nearest-rank percentile of recorded response times; autocannon's summary has no p95. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  total: number;
}

const SLICES = 4;

interface Target {
  label: string;
  options: Record<string, unknown>;
  times: number[];
  seconds: number;
}

/**
 * Loads each target for DURATION seconds in all, in SLICES alternating slices (API, floor, API, floor...), so
 * that other work on the machine weighs on both alike instead of on whichever ran while it happened.
 */
async function loadInterleaved(targets: Target[]): Promise<void> {
  const slice = DURATION / SLICES;
  for (let round = 0; round < SLICES; round += 1) {
    for (const target of targets) {
      const running = autocannon({ connections: CONNECTIONS, duration: slice, ...target.options });
      running.on('response', (_client, _status, _bytes, ms) => target.times.push(ms));
      const result = await running;
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.label}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
      target.seconds += slice;
    }
  }
}

function figuresOf(target: Target): Figures {
  const times = [...target.times].sort((a, b) => a - b);
  const figures = { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), rps: times.length / target.seconds, total: times.length };
  process.stdout.write(
    `  ${target.label.padEnd(6)} p50 ${fmt(figures.p50).padStart(9)}   p95 ${fmt(figures.p95).padStart(9)}   p99 ${fmt(figures.p99).padStart(9)}` +
      `   ${figures.rps.toFixed(0).padStart(5)} req/s   ${figures.total} requests\n`,
  );
  return figures;
}

async function run(): Promise<void> {
  const db = await database();
  const children: ChildProcess[] = [];
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
                (select count(*) from kpi_measurement_population)::int as populations`,
      );
      process.stdout.write(
        `dataset: ${counts.hospitals} hospitals x 3 KPIs x 36 months = ${counts.measurements} measurements, ${counts.populations} telemonitoring population rows (built in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
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
    children.push(await start('api', path.join(DIST, 'src/main.js'), env, API_PORT));
    const params: FloorParams = { year: YEAR, asOf: AS_OF, kpiCode: KPI, insurerUzovi: UZOVI, viewerInsurerId: fixture.insurerId, first: 100 };
    children.push(await start('floor', path.join(__dirname, 'kpi-floor-server.js'), { DATABASE_URL: db.url, PORT: String(FLOOR_PORT), FLOOR_PARAMS: JSON.stringify(params) }, FLOOR_PORT));

    const variables = { input: { year: YEAR, kpiCode: KPI, insurerUzovi: UZOVI, asOf: AS_OF, periodKind: 'MONTH' }, first: 100 };
    const api = await post(fixture.token, variables);
    if (api.errors) throw new Error(`API: ${JSON.stringify(api.errors)}`);
    const floor = (await (await fetch(`http://127.0.0.1:${FLOOR_PORT}/dashboard`)).json()) as { data: unknown };
    assert.deepStrictEqual(floor.data, api.data, 'the floor and the API must give the same answer');
    process.stdout.write('the floor statement and the API give the same answer (deep equal)\n');

    const statements: string[] = [];
    for (const codes of [['01'], ['01', '02', '03', '04', '05'], null]) {
      const result = await post(fixture.token, { ...variables, input: { ...variables.input, filter: codes ? { regionCodes: codes } : null } });
      const data = result.data as { kpiDashboard: { aggregate: { providerCount: number | null }; rows: { totalCount: number } } };
      statements.push(`${String(data.kpiDashboard.rows.totalCount).padStart(4)} providers: ${result.extensions?.sqlStatements} statements`);
    }
    process.stdout.write(`SQL statements per dashboard request (plus 1 for the token):\n  ${statements.join('\n  ')}\n`);

    process.stdout.write(`load: ${CONNECTIONS} concurrent clients, ${DURATION} s on each, in ${SLICES} alternating slices\n`);
    const body = JSON.stringify({ query: DASHBOARD_QUERY, variables });
    const apiOptions = { url: `http://127.0.0.1:${API_PORT}/graphql`, method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.token}` } };
    const floorOptions = { url: `http://127.0.0.1:${FLOOR_PORT}/dashboard` };
    // Warm both up (JIT, connection pools, caches) before anything is measured.
    await autocannon({ ...apiOptions, connections: CONNECTIONS, duration: 2 });
    await autocannon({ ...floorOptions, connections: CONNECTIONS, duration: 2 });
    const apiTarget: Target = { label: 'API', options: apiOptions, times: [], seconds: 0 };
    const floorTarget: Target = { label: 'floor', options: floorOptions, times: [], seconds: 0 };
    await loadInterleaved([apiTarget, floorTarget]);
    const viaApi = figuresOf(apiTarget);
    const viaFloor = figuresOf(floorTarget);
    const ratio = viaApi.p50 / viaFloor.p50;
    process.stdout.write(`p50 API / floor = ${ratio.toFixed(2)} (target at most 2.00): ${ratio <= 2 ? 'met' : 'NOT met'}\n`);
  } finally {
    for (const child of children) await stop(child);
    // KPI_BENCH_KEEP=1 leaves the database in place, to look at plans with EXPLAIN afterwards.
    if (process.env.KPI_BENCH_KEEP) process.stdout.write(`kept the database: ${db.url}\n`);
    else await db.close();
  }
}

const benchmark: Benchmark = { name: 'kpi dashboard', run };
export default benchmark;
