import type { Readable } from 'node:stream';
import { csvRecords } from '../monitoring/zn/zn-csv';
import { decodeCsvText } from '../monitoring/zn/zn-text';
import { fileError, ZnFileError, ZnProblemCode } from '../monitoring/zn/zn-format';
import type { ZnCell } from '../monitoring/zn/zn-values';
import { SustainabilityErrorCode } from './sustainability.errors';
import type { AnswerProblem, RawAnswer } from './sustainability.answers';

/** A request has a dozen questions; a file far beyond that is not an answer file. */
export const MAX_ANSWER_FILE_BYTES = 256 * 1024;

const CODE_HEADERS = new Set(['code', 'vraag', 'vraagcode']);
const VALUE_HEADERS = new Set(['value', 'antwoord', 'waarde']);

const text = (cell: ZnCell): string => (typeof cell === 'string' ? cell : (cell?.value ?? ''));

async function* capped(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > MAX_ANSWER_FILE_BYTES) throw fileError(ZnProblemCode.FILE_TOO_LARGE, `The file is larger than ${MAX_ANSWER_FILE_BYTES} bytes.`);
    yield chunk;
  }
}

/**
 * Reads an answer file: a header with the columns code and value (Dutch vraag and antwoord too), one row per
 * question, ';' or ',' separated, with the same decoding and CSV splitting as the ZN upload (an Excel "sep=;"
 * first line is skipped). Returns the answers with their line numbers, or the problems of the file.
 */
export async function readAnswerCsv(stream: Readable): Promise<{ answers: RawAnswer[]; problems: AnswerProblem[] }> {
  const answers: RawAnswer[] = [];
  let columns: { code: number; value: number } | null = null;
  try {
    for await (const records of csvRecords(decodeCsvText(capped(stream)))) {
      for (const record of records) {
        const cells = record.cells.map(text);
        if (cells.every((c) => c.trim() === '')) continue;
        if (!columns) {
          if (cells.length === 1 && /^sep=.$/i.test(cells[0].trim())) continue;
          const names = cells.map((c) => c.trim().toLowerCase());
          const code = names.findIndex((n) => CODE_HEADERS.has(n));
          const value = names.findIndex((n) => VALUE_HEADERS.has(n));
          const missing = [code < 0 ? 'code' : null, value < 0 ? 'value' : null].filter((n): n is string => n !== null);
          if (missing.length > 0) {
            return {
              answers: [],
              problems: missing.map((column) => ({ field: ['file'], row: record.row, column, code: SustainabilityErrorCode.MISSING_COLUMN, message: `The header has no column ${column}.` })),
            };
          }
          columns = { code, value };
          continue;
        }
        answers.push({ code: cells[columns.code] ?? '', value: cells[columns.value] ?? '', at: { field: ['file'], row: record.row } });
      }
    }
  } catch (error) {
    if (error instanceof ZnFileError) return { answers: [], problems: [{ field: ['file'], code: SustainabilityErrorCode.INVALID_FILE, message: error.message }] };
    throw error;
  }
  if (!columns) return { answers: [], problems: [{ field: ['file'], code: SustainabilityErrorCode.MISSING_COLUMN, message: 'The file is empty: it needs a header with the columns code and value.' }] };
  return { answers, problems: [] };
}
