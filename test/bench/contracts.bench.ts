import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { Client } from 'pg';
import type { Benchmark } from './index';
import { loadConfig } from '../../src/config';
import { connect, migrate } from '../../src/db/database';
import { seedIfEmpty } from '../../src/db/seed';
import { startEmbedded, EmbeddedServer } from '../../src/db/embedded';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { generateToken } from '../../src/auth/token';

const CONTRACTS = 2000;
const YEAR = 2080;
const RUNS = 30;

/** Median wall time of `RUNS` calls in milliseconds, after two warm-up calls. */
async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** One insurer with CONTRACTS one-year contracts, each with twelve months of revenue and a correction in one month of ten. */
async function fill(client: Client): Promise<{ insurerId: number }> {
  const concern = await client.query(`insert into concern (code, name) values ('BENCH', 'Bench concern') returning id`);
  const insurer = await client.query(`insert into insurer (uzovi, name, concern_id) values ('8999', 'Bench insurer', $1) returning id`, [concern.rows[0].id]);
  const insurerId = Number(insurer.rows[0].id);
  const segment = await client.query(`insert into segment (code, name, description, representation) values ('BENCH', 'Bench', '', false) returning id`);
  await client.query(
    `insert into provider (agb, kvk, name, kind) select lpad((90000000 + g)::text, 8, '0'), '12345678', 'Bench provider ' || g, 'HOSPITAL' from generate_series(1, $1) g`,
    [CONTRACTS],
  );
  await client.query(
    `insert into contract (insurer_id, provider_id, segment_id, term_start, term_end, status, tariff_basis, ceiling_kind, ceiling_amount, obligations)
     select $1, p.id, $2, make_date($3::int, 1, 1), make_date($3::int, 12, 31), 'SIGNED', 'PRICE_VOLUME', 'REVENUE_CEILING', 1200000.00, ''
       from provider p where p.name like 'Bench provider %'`,
    [insurerId, segment.rows[0].id, YEAR],
  );
  await client.query(
    `insert into contract_revenue (contract_id, period_kind, year, number, period_start, period_end, amount, version, reported_by_kind, reported_by_code, reported_by_subject)
     select c.id, 'MONTH', $2::int, m, make_date($2::int, m, 1), (make_date($2::int, m, 1) + interval '1 month - 1 day')::date,
            ((c.id % 50) * 2000 + 60000)::numeric(14,2), 1, 'PROVIDER', 'bench', 'bench'
       from contract c cross join generate_series(1, 12) m where c.insurer_id = $1`,
    [insurerId, YEAR],
  );
  await client.query(
    `insert into contract_revenue (contract_id, period_kind, year, number, period_start, period_end, amount, version, reported_by_kind, reported_by_code, reported_by_subject)
     select c.id, 'MONTH', $2::int, 6, make_date($2::int, 6, 1), make_date($2::int, 6, 30), 50000.00, 2, 'INSURER', 'bench', 'bench'
       from contract c where c.insurer_id = $1 and c.id % 10 = 0`,
    [insurerId, YEAR],
  );
  await client.query('analyze');
  return { insurerId };
}

const PAGE_QUERY = `query { contracts(first: 100, filter: { year: ${YEAR} }) { nodes { id ceilingAmount ceilingUse(year: ${YEAR}) { realisedAmount utilisationPercent projectedAmount status } } } }`;
const ALERTS_QUERY = `query { contractAlerts(year: ${YEAR}, first: 100) { totalCount nodes { contract { id } ceilingUse { status utilisationPercent } } } }`;

/** The same page as PAGE_QUERY in one hand-written statement: the floor. */
const PAGE_FLOOR = `
  with page as (
    select id, ceiling_amount from contract
     where insurer_id = $1 and term_start <= make_date($2::int, 12, 31) and term_end >= make_date($2::int, 1, 1)
     order by term_start desc, id limit 101),
  latest as (
    select distinct on (contract_id, period_start) contract_id, period_end, amount from contract_revenue
     where contract_id in (select id from page) and year = $2::int order by contract_id, period_start, version desc)
  select p.id, p.ceiling_amount, coalesce(sum(l.amount), 0) as realised, coalesce(max(extract(month from l.period_end)), 0) as months
    from page p left join latest l on l.contract_id = p.id group by p.id, p.ceiling_amount order by p.id`;

/** The alerts list in one hand-written statement, with the status rule in SQL: the floor. */
const ALERTS_FLOOR = `
  with own as (
    select id, ceiling_amount from contract
     where insurer_id = $1 and status <> 'TERMINATED' and ceiling_kind <> 'NONE'
       and term_start <= make_date($2::int, 12, 31) and term_end >= make_date($2::int, 1, 1)),
  latest as (
    select distinct on (contract_id, period_start) contract_id, period_end, amount from contract_revenue
     where contract_id in (select id from own) and year = $2::int order by contract_id, period_start, version desc),
  figures as (
    select o.id, o.ceiling_amount c, coalesce(sum(l.amount), 0) r, coalesce(max(extract(month from l.period_end)), 0) m
      from own o left join latest l on l.contract_id = o.id group by o.id, o.ceiling_amount),
  rated as (
    select id, c, r, case when r > c then 0 when m > 0 and r * 12 > c * m then 1 when r * 100 >= c * 75 then 2 else 3 end as severity from figures)
  select id, severity, count(*) over () as total from rated where severity < 3 order by severity, r / c desc, id limit 100`;

const bench: Benchmark = {
  name: `contracts: a page of 100 contracts with ceiling use, and ceiling alerts over ${CONTRACTS} contracts (${CONTRACTS * 12} revenue rows)`,
  run: async () => {
    let embedded: EmbeddedServer | null = null;
    let serverUrl = process.env.DATABASE_URL;
    const dataDir = path.resolve(`.data/bench-contracts-${process.pid}`);
    if (!serverUrl) {
      embedded = await startEmbedded({ dataDir, port: 56000 + (process.pid % 4000), persistent: false });
      serverUrl = embedded.url('postgres');
    }
    const database = `bench_contracts_${process.pid}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url.toString(), LOG_LEVEL: 'error', REPORT_SQL_STATEMENTS: 'true', RATE_LIMIT_INSURER_MEMBER: '1000000000' });
    const orm = await connect(url.toString());
    const client = new Client({ connectionString: url.toString() });
    try {
      await migrate(orm);
      await seedIfEmpty(orm);
      await client.connect();
      const { insurerId } = await fill(client);
      const token = generateToken();
      await client.query(
        `insert into api_token (prefix, secret_hash, organisation_kind, insurer_id, role, label, expires_at, created_by)
         values ($1, $2, 'INSURER', $3, 'INSURER_MEMBER', 'bench', now() + interval '1 day', 'bench')`,
        [token.prefix, token.hash, insurerId],
      );
      const app = await createApp({ config, orm, log: createLogger('error') });
      await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
      const endpoint = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;
      const gql = async (query: string) => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token.token}` },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: unknown; extensions?: { sqlStatements?: number } };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body;
      };
      try {
        const pageBody = (await gql(PAGE_QUERY)) as { data: { contracts: { nodes: { id: string; ceilingUse: { realisedAmount: string } }[] } }; extensions?: { sqlStatements?: number } };
        const alertBody = (await gql(ALERTS_QUERY)) as { data: { contractAlerts: { totalCount: number; nodes: { contract: { id: string } }[] } }; extensions?: { sqlStatements?: number } };
        // The API and the floor must agree before their times mean anything.
        const floorPage = (await client.query(PAGE_FLOOR, [insurerId, YEAR])).rows;
        const apiRealised = pageBody.data.contracts.nodes.map((n) => n.ceilingUse.realisedAmount).sort();
        const floorRealised = floorPage.slice(0, 100).map((r) => Number(r.realised).toFixed(2)).sort();
        const floorAlerts = (await client.query(ALERTS_FLOOR, [insurerId, YEAR])).rows;
        const gidOf = (id: number) => Buffer.from(`Contract:${id}`).toString('base64url');
        if (JSON.stringify(apiRealised) !== JSON.stringify(floorRealised)) throw new Error('page: API and floor disagree');
        if (alertBody.data.contractAlerts.totalCount !== Number(floorAlerts[0]?.total ?? 0)) throw new Error('alerts: API and floor disagree on the count');
        if (JSON.stringify(alertBody.data.contractAlerts.nodes.map((n) => n.contract.id)) !== JSON.stringify(floorAlerts.map((r) => gidOf(Number(r.id))))) {
          throw new Error('alerts: API and floor disagree on the order');
        }
        const pageStatements = pageBody.extensions?.sqlStatements;
        const alertStatements = alertBody.extensions?.sqlStatements;
        process.stdout.write(`${alertBody.data.contractAlerts.totalCount} of ${CONTRACTS} contracts alert; API and floor agree on figures and order\n`);
        const page = await median(() => gql(PAGE_QUERY));
        const pageFloor = await median(() => client.query(PAGE_FLOOR, [insurerId, YEAR]));
        const alerts = await median(() => gql(ALERTS_QUERY));
        const alertsFloor = await median(() => client.query(ALERTS_FLOOR, [insurerId, YEAR]));
        const line = (what: string, api: number, floor: number, statements: number | undefined) =>
          process.stdout.write(
            `${what.padEnd(44)} API ${api.toFixed(1).padStart(7)} ms (${statements} SQL statements)   floor ${floor.toFixed(1).padStart(6)} ms   ratio ${(api / floor).toFixed(1)}x\n`,
          );
        process.stdout.write(`median of ${RUNS} runs each, over HTTP for the API, one hand-written statement for the floor\n`);
        line('contracts(first: 100) { ceilingUse }', page, pageFloor, pageStatements);
        line(`contractAlerts over ${CONTRACTS} contracts`, alerts, alertsFloor, alertStatements);
      } finally {
        await new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
        await app.stop();
      }
    } finally {
      await client.end().catch(() => undefined);
      await orm.close(true);
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.end();
      if (embedded) {
        await embedded.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  },
};

export default bench;
