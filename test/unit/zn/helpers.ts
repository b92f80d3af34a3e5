import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { readZn, ZnFileError, ZnProblem, ZnReadOptions, ZnRow } from '../../../src/monitoring/zn';
import type { ZnInput } from '../../../src/monitoring/zn';

export const OPTIONS: ZnReadOptions = { currentYear: 2025, maxBytes: 1_000_000, maxRows: 1_000, batchSize: 100 };

export function fixturePath(name: string): string {
  return path.join(__dirname, '../../fixtures/zn', name);
}

export function fixture(name: string): NodeJS.ReadableStream {
  return createReadStream(fixturePath(name));
}

export interface ReadResult {
  rows: ZnRow[];
  problems: ZnProblem[];
  batches: number;
}

export async function readAll(input: ZnInput, options: Partial<ZnReadOptions> = {}): Promise<ReadResult> {
  const result: ReadResult = { rows: [], problems: [], batches: 0 };
  for await (const batch of readZn(input, { ...OPTIONS, ...options })) {
    result.rows.push(...batch.rows);
    result.problems.push(...batch.problems);
    result.batches++;
  }
  return result;
}

/** The problems of the ZnFileError that reading must end in; fails the test when it ends otherwise. */
export async function fileProblems(input: ZnInput, options: Partial<ZnReadOptions> = {}): Promise<ZnProblem[]> {
  try {
    await readAll(input, options);
  } catch (error) {
    if (error instanceof ZnFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a ZnFileError, but the file was read');
}

/** A stream of the given bytes cut into pieces of `size` bytes, to try every chunk boundary. */
export async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

export async function written(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await write(out);
  return Buffer.concat(chunks);
}

/** A read row with no optional figures, for tests that build rows rather than read them. */
export function znRow(fields: Pick<ZnRow, 'row' | 'year' | 'period' | 'stayType' | 'registrations'> & Partial<ZnRow>): ZnRow {
  return {
    agbCode: '01234567',
    inflow: 0,
    notPlaceable: 0,
    deflectedFirstLine: null,
    savingEur: null,
    requiredCapacityBeds: null,
    outflowAfterAdmission: null,
    averageLengthOfStayDays: null,
    ...fields,
  };
}
