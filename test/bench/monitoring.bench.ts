import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Client } from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import { connect, migrate } from '../../src/db/database';
import { seedIfEmpty } from '../../src/db/seed';
import { startEmbedded, EmbeddedServer } from '../../src/db/embedded';
import { Loaders, RequestContext } from '../../src/core/context';
import { SYSTEM_PRINCIPAL } from '../../src/auth/principal';
import { importZnFile } from '../../src/monitoring/upload/import.pipeline';
import { ImportChannel } from '../../src/monitoring/monitoring.enums';
import { BulkErrorPolicy } from '../../src/shared/bulk-error-policy';
import type { Benchmark } from './index';

const ROWS = 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FUNCTIONS = 500;
const YEARS = 20;
const FIRST_YEAR = 2005;
const STAY_TYPES = ['ELV_LAAG', 'ELV_HOOG', 'ELV_PALLIATIEF', 'GRZ', 'OVERIG'];
const HEADER =
  'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;afgebogen_eerste_lijn;besparing_eur;' +
  'benodigde_capaciteit_bedden;uitstroom_na_opname;gemiddelde_ligduur_dagen';

const agbOf = (n: number) => String(95_000_000 + n);

/** (function, year, period, stay type) of every row, in the file's order, one at a time. */
function* cellsInOrder(order: 'by year' | 'by stay type'): Generator<[number, number, string, number]> {
  const types = STAY_TYPES.map((_, t) => t);
  for (const t0 of order === 'by stay type' ? types : [-1]) {
    for (let f = 0; f < FUNCTIONS; f++) {
      for (let y = 0; y < YEARS; y++) {
        for (const period of ['H1', 'H2']) for (const t of t0 < 0 ? types : [t0]) yield [f, y, period, t];
      }
    }
  }
}

/**
 * 500 coordination functions x 20 years x H1/H2 x 5 stay types = 100,000 rows, every figure filled, decimals
 * with a point so that PostgreSQL's COPY reads the very same file. Figures drift a little from year to year,
 * as real ones do, so the outlier check has work without flooding the summary. By function and year is the
 * usual order (exports, spreadsheets), compared year over year while the file streams; by stay type (every
 * function's ELV_LAAG rows first) leaves that comparison to the database. A shift changes every figure: uploaded
 * over the first file, every submission gets a new version.
 */
async function writeCsv(file: string, order: 'by year' | 'by stay type', shift = 0): Promise<number> {
  const out = fs.createWriteStream(file);
  let text = `${HEADER}\r\n`;
  let rows = 0;
  for (const [f, y, period, t] of cellsInOrder(order)) {
    const base = 40 + ((f * 7 + t * 13) % 200) + y + shift;
    text += `${agbOf(f)};${FIRST_YEAR + y};${period};${STAY_TYPES[t]};${base};${Math.floor(base * 0.8)};${(f + t) % 5};${t};${base * 3}.25;${10 + t};${Math.floor(base * 0.7)};${12 + t}.5\r\n`;
    rows++;
    if (text.length > 1 << 16) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  return rows;
}

/** COPY ... FROM STDIN through pg's protocol hooks: the file streamed over the socket, as a client would. */
function copyFrom(client: Client, sql: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | null = null;
    const submittable = {
      submit: (connection: { query: (text: string) => void }) => connection.query(sql),
      handleCopyInResponse: (connection: { sendCopyFromChunk: (b: Buffer) => void; endCopyFrom: () => void; sendCopyFail: (m: string) => void }) => {
        const stream = fs.createReadStream(file, { highWaterMark: 1 << 16 });
        stream.on('data', (chunk) => connection.sendCopyFromChunk(chunk as Buffer));
        stream.on('end', () => connection.endCopyFrom());
        stream.on('error', (error) => connection.sendCopyFail(error.message));
      },
      handleCommandComplete: () => undefined,
      handleReadyForQuery: () => (failed ? reject(failed) : resolve()),
      handleError: (error: Error) => {
        failed = error;
      },
    };
    (client as unknown as { query: (q: unknown) => void }).query(submittable);
  });
}

/** Samples the resident set size while `work` runs; returns its result and the largest sample. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function run(): Promise<void> {
  let embedded: EmbeddedServer | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbedded({ dataDir: path.resolve(`.data/bench-monitoring-${process.pid}`), port: 56000 + (process.pid % 3000), persistent: false });
    serverUrl = embedded.url('postgres');
  }
  const database = `exchange_bench_monitoring_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const file = path.join(os.tmpdir(), `zn-bench-${process.pid}.csv`);
  const byStayType = path.join(os.tmpdir(), `zn-bench-${process.pid}-by-stay-type.csv`);
  const corrected = path.join(os.tmpdir(), `zn-bench-${process.pid}-corrected.csv`);
  const orm = await connect(url.toString());
  try {
    await migrate(orm);
    await seedIfEmpty(orm);
    const region = await orm.em.getConnection().execute<{ id: number }[]>(`select id from region order by id limit 1`);
    await orm.em
      .getConnection()
      .execute(
        `insert into provider (agb, kvk, name, kind, region_id)
         select (95000000 + n)::text, lpad(n::text, 8, '0'), 'Bench coordination function ' || n, 'COORDINATION_FUNCTION', ${region[0]!.id}
           from generate_series(0, ${FUNCTIONS - 1}) n`,
      );
    for (const [target, order, shift] of [[file, 'by year', 0], [byStayType, 'by stay type', 0], [corrected, 'by year', 1]] as const) {
      const rows = await writeCsv(target, order, shift);
      if (rows !== ROWS) throw new Error(`expected ${ROWS} rows, wrote ${rows}`);
    }
    const bytes = fs.statSync(file).size;

    const config = loadConfig({ ...process.env, DATABASE_URL: url.toString(), ZN_MAX_ROWS: String(ROWS) });
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(`create table bench_copy_scratch (
      id serial primary key, agb_code text, verslagjaar int, periode text, type_verblijf text, aanmeldingen int, instroom int,
      niet_plaatsbaar int, afgebogen_eerste_lijn int, besparing_eur numeric, benodigde_capaciteit_bedden int,
      uitstroom_na_opname int, gemiddelde_ligduur_dagen numeric)`);

    /** One import of a file into empty tables: seconds, peak RSS and outlier warnings. */
    const importOnce = async (source: string, over = false) => {
      if (!over) await client.query('truncate monitoring_submission, monitoring_import cascade');
      const ctx: RequestContext = {
        em: orm.em.fork() as EntityManager,
        principal: { ...SYSTEM_PRINCIPAL, subject: 'bench' },
        requestId: randomUUID(),
        config,
        loaders: new Loaders(),
        audit: () => undefined,
      };
      const started = process.hrtime.bigint();
      const measured = await withPeakRss(() =>
        importZnFile(
          ctx,
          { input: fs.createReadStream(source, { highWaterMark: 1 << 16 }), filename: path.basename(source), format: null, channel: ImportChannel.CLI },
          { dryRun: false, errorPolicy: BulkErrorPolicy.ALL_OR_NOTHING, submit: false, idempotencyKey: null },
        ),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const summary = measured.result.result?.summary;
      if (!summary || summary.outcome !== 'APPLIED' || summary.created + summary.updated !== ROWS) {
        throw new Error(`the import did not apply every row: ${JSON.stringify({ ...summary, problems: summary?.problems.slice(0, 3) })}`);
      }
      return { seconds, peakRss: measured.peakRss, warnings: summary.warningCount };
    };

    // The machine is shared: five rounds, each of both imports and COPY on empty tables, and the best of each.
    let pipelineSeconds = Infinity;
    let byStayTypeSeconds = Infinity;
    let copySeconds = Infinity;
    let peakRss = 0;
    let peakRssAll = 0;
    let warnings = 0;
    let byStayTypeWarnings = 0;
    let correctedSeconds = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      const usual = await importOnce(file);
      pipelineSeconds = Math.min(pipelineSeconds, usual.seconds);
      peakRss = Math.max(peakRss, usual.peakRss);
      warnings = usual.warnings;
      const correction = await importOnce(corrected, true);
      correctedSeconds = Math.min(correctedSeconds, correction.seconds);
      peakRssAll = Math.max(peakRssAll, correction.peakRss);
      const other = await importOnce(byStayType);
      byStayTypeSeconds = Math.min(byStayTypeSeconds, other.seconds);
      peakRssAll = Math.max(peakRssAll, other.peakRss);
      byStayTypeWarnings = other.warnings;

      await client.query('truncate bench_copy_scratch');
      const copyStarted = process.hrtime.bigint();
      await copyFrom(
        client,
        `copy bench_copy_scratch (agb_code, verslagjaar, periode, type_verblijf, aanmeldingen, instroom, niet_plaatsbaar, afgebogen_eerste_lijn,
           besparing_eur, benodigde_capaciteit_bedden, uitstroom_na_opname, gemiddelde_ligduur_dagen)
         from stdin with (format csv, header true, delimiter ';')`,
        file,
      );
      copySeconds = Math.min(copySeconds, Number(process.hrtime.bigint() - copyStarted) / 1e9);
      const copied = Number((await client.query('select count(*) as n from bench_copy_scratch')).rows[0].n);
      if (copied !== ROWS) throw new Error(`COPY loaded ${copied} rows, expected ${ROWS}`);
    }
    await client.end();

    const copyRate = ROWS / copySeconds;
    const shareOf = (seconds: number) => (ROWS / seconds / copyRate) * 100;
    const share = shareOf(pipelineSeconds);
    const lines = [
      `best of ${ROUNDS} rounds each; file: ${ROWS} rows, ${mb(bytes)} CSV, ${FUNCTIONS} coordination functions x ${YEARS} years x H1/H2 x 5 stay types`,
      `ZN pipeline (parse, validate, stage, compare, outliers, write submissions; one transaction): ${pipelineSeconds.toFixed(2)} s, ${Math.round(ROWS / pipelineSeconds)} rows/s, ${warnings} outlier warnings`,
      `  the same rows by stay type (the database compares the years): ${byStayTypeSeconds.toFixed(2)} s, ${Math.round(ROWS / byStayTypeSeconds)} rows/s, ${byStayTypeWarnings} outlier warnings, ${shareOf(byStayTypeSeconds).toFixed(0)}% of COPY's rate`,
      `  a corrected file over it (every figure changed: 20,000 new versions, the old ones kept): ${correctedSeconds.toFixed(2)} s, ${Math.round(ROWS / correctedSeconds)} rows/s`,
      `PostgreSQL COPY FROM STDIN into a scratch table (same file): ${copySeconds.toFixed(2)} s, ${Math.round(copyRate)} rows/s`,
      `pipeline rate / COPY rate: ${share.toFixed(0)}% (target: at least 25%)`,
      `peak RSS during the import of the file: ${mb(peakRss)} (target: under 300 MB); during any of the three: ${mb(Math.max(peakRss, peakRssAll))}`,
    ];
    for (const line of lines) process.stdout.write(`${line}\n`);
    if (share < 25 || peakRss >= 300 * 1024 * 1024) process.stdout.write('TARGET MISSED\n');
  } finally {
    fs.rmSync(file, { force: true });
    fs.rmSync(byStayType, { force: true });
    fs.rmSync(corrected, { force: true });
    await orm.close(true);
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
    await embedded?.stop();
  }
}

const bench: Benchmark = { name: 'monitoring: ingest of a 100,000-row ZN CSV against PostgreSQL COPY', run };
export default bench;
