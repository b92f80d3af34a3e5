import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readZn, writeZnXlsx, ZnProblemCode, ZnWritableRow } from '../../../src/monitoring/zn';
import { fileProblems, fixturePath, OPTIONS, readAll, written } from './helpers';

const HEADER = 'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;besparing_eur\r\n';
const STAY_TYPES = ['ELV_LAAG', 'ELV_HOOG', 'ELV_PALLIATIEF', 'GRZ', 'OVERIG'];

/** A CSV of `rows` distinct data rows, made while it is read; `made` counts the rows handed out so far. */
function generatedCsv(rows: number): { source: AsyncGenerator<Buffer>; made: () => number } {
  let made = 0;
  async function* source(): AsyncGenerator<Buffer> {
    yield Buffer.from(`\uFEFF${HEADER}`);
    let text = '';
    for (let i = 0; i < rows; i++) {
      const agb = String(10_000_000 + Math.floor(i / STAY_TYPES.length));
      text += `${agb};2024;JAAR;${STAY_TYPES[i % STAY_TYPES.length]};${100 + (i % 50)};90;${i % 7};${i % 1000},${i % 100}\r\n`;
      made++;
      if (text.length > 32 * 1024) {
        yield Buffer.from(text);
        text = '';
      }
    }
    yield Buffer.from(text);
  }
  return { source: source(), made: () => made };
}

/**
 * The live heap after a full collection. Jest does not start node with --expose-gc; turning the flag on now
 * and fetching gc from a fresh context gives the same function.
 */
function liveHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('ZN reader: limits and memory', () => {
  it('streams a 200,000-row CSV in batches, never holding the file', async () => {
    // given
    const total = 200_000;
    const batchSize = 1_000;
    const { source, made } = generatedCsv(total);
    const heapBefore = liveHeap();

    // when
    let rows = 0;
    let problems = 0;
    let batches = 0;
    let largestBatch = 0;
    let madeAtFirstBatch = -1;
    let peakHeap = 0;
    for await (const batch of readZn(source, { ...OPTIONS, maxBytes: 50_000_000, maxRows: total, batchSize })) {
      if (madeAtFirstBatch < 0) madeAtFirstBatch = made();
      rows += batch.rows.length;
      problems += batch.problems.length;
      largestBatch = Math.max(largestBatch, batch.rows.length + batch.problems.length);
      batches++;
      if (batches % 20 === 0) peakHeap = Math.max(peakHeap, liveHeap() - heapBefore);
    }

    // then
    expect(rows).toBe(total);
    expect(problems).toBe(0);
    expect(batches).toBe(total / batchSize);
    expect(largestBatch).toBeLessThanOrEqual(batchSize);
    // The first batch came out when little of the file had been made: the reader does not read ahead.
    expect(madeAtFirstBatch).toBeLessThan(total / 20);
    // What stays is the duplicate keys (about 14 MB here); holding the rows as objects would add some 34 MB.
    expect(peakHeap).toBeLessThan(32 * 1024 * 1024);
    process.stdout.write(
      `200,000-row CSV (${made()} rows made): live heap at most ` +
        `${(peakHeap / 1e6).toFixed(1)} MB above the start\n`,
    );
  });

  it('stops reading the input when the consumer stops early', async () => {
    // given
    const { source, made } = generatedCsv(200_000);

    // when
    for await (const batch of readZn(source, { ...OPTIONS, maxBytes: 50_000_000, maxRows: 200_000, batchSize: 10 })) {
      expect(batch.rows).toHaveLength(10);
      break;
    }

    // then
    expect(made()).toBeLessThan(2_000);
  });

  it('stops at maxBytes while streaming, after the batches before it', async () => {
    // given
    const { source, made } = generatedCsv(10_000);
    const batches: number[] = [];

    // when
    const reading = (async () => {
      for await (const batch of readZn(source, { ...OPTIONS, maxBytes: 100_000, maxRows: 100_000, batchSize: 100 })) {
        batches.push(batch.rows.length);
      }
    })();

    // then
    await expect(reading).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: ZnProblemCode.FILE_TOO_LARGE, row: null })],
    });
    expect(batches.length).toBeGreaterThan(0);
    expect(made()).toBeLessThan(10_000);
  });

  it('refuses an XLSX beyond maxBytes before unpacking it', async () => {
    // when
    const problems = await fileProblems([readFileSync(fixturePath('valid.xlsx'))], { maxBytes: 1_000 });

    // then
    expect(problems.map((p) => p.code)).toEqual([ZnProblemCode.FILE_TOO_LARGE]);
    expect(problems[0]?.message).toBe('The file is larger than the limit of 1000 bytes.');
  });

  it('stops at maxRows, counting data rows only', async () => {
    // given 5 data rows
    const { source } = generatedCsv(5);
    const exactly = generatedCsv(5);

    // when
    const problems = await fileProblems(source, { maxRows: 4 });
    const { rows } = await readAll(exactly.source, { maxRows: 5 });

    // then
    expect(problems.map((p) => p.code)).toEqual([ZnProblemCode.TOO_MANY_ROWS]);
    expect(problems[0]?.message).toContain('more than 4 data rows');
    expect(rows).toHaveLength(5);
  });

  it('stops at maxRows in an XLSX too', async () => {
    // given
    const rows: ZnWritableRow[] = Array.from({ length: 30 }, (_, i) => ({
      agbCode: String(20_000_000 + i),
      year: 2024,
      period: 'JAAR',
      stayType: 'GRZ',
      registrations: 1,
      inflow: 1,
      notPlaceable: 0,
      deflectedFirstLine: null,
      savingEur: null,
      requiredCapacityBeds: null,
      outflowAfterAdmission: null,
      averageLengthOfStayDays: null,
    }));
    const xlsx = await written((out) => writeZnXlsx(rows, out));

    // when
    const problems = await fileProblems(Readable.from([xlsx]), { maxRows: 29 });

    // then
    expect(problems.map((p) => p.code)).toEqual([ZnProblemCode.TOO_MANY_ROWS]);
  });

  it('refuses options that make no sense', async () => {
    // when / then
    await expect(readAll([Buffer.from(HEADER)], { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
