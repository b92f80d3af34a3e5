import type { Readable } from 'node:stream';
import { csvRecords } from '../monitoring/zn/zn-csv';
import { decodeCsvText } from '../monitoring/zn/zn-text';
import { fileError, ZnFileError, ZnFileFormat, ZnProblemCode } from '../monitoring/zn/zn-format';
import { detectFormat } from '../monitoring/zn/zn-reader';
import { isBlank, parseCell, ZnCell, ZnRecord } from '../monitoring/zn/zn-values';
import { xlsxRecords } from '../monitoring/zn/zn-xlsx';
import { SustainabilityErrorCode } from './sustainability.errors';
import type { AnswerProblem, RawAnswer } from './sustainability.answers';

/** A request has a dozen questions; a file far beyond that is not an answer file. */
export const MAX_ANSWER_FILE_BYTES = 256 * 1024;
/** Answer rows (non-blank rows after the header) a file may hold. */
export const MAX_ANSWER_ROWS = 500;
/** What the parts of a workbook may unpack to: as for the ZN upload, 50 times the file limit. */
export const MAX_ANSWER_INFLATED_BYTES = 50 * MAX_ANSWER_FILE_BYTES;

const CODE_HEADERS = new Set(['code', 'vraag', 'vraagcode']);
const VALUE_HEADERS = new Set(['value', 'antwoord', 'waarde']);

/** A cell as answer text, or why it cannot be one (a formula or an Excel error in a workbook). */
function cellText(cell: ZnCell): { text: string } | { refused: string } {
  if (cell === undefined) return { text: '' };
  if (typeof cell === 'string') return { text: cell };
  if (cell.formula) return { refused: 'the cell holds a formula; type the value itself' };
  if (cell.kind === 'error') return { refused: `the cell holds the Excel error ${cell.value.slice(0, 20)}` };
  // A date cell counts as the day it shows; a time of day is not a date answer and is left as the number.
  if (cell.kind === 'date') return { text: cell.day ?? cell.value };
  if (cell.kind === 'number') {
    // XLSX prints a double to 17 digits (370.35 as 370.34999999999997); read it to 15, as Excel shows it and ZN reads it.
    const decimal = parseCell('decimal', cell, 0);
    return { text: decimal.ok ? String(decimal.value) : cell.value };
  }
  return { text: cell.value };
}

const plain = (cell: ZnCell): string => {
  const read = cellText(cell);
  return 'text' in read ? read.text : '';
};

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > MAX_ANSWER_FILE_BYTES) throw fileError(ZnProblemCode.FILE_TOO_LARGE, `The file is larger than ${MAX_ANSWER_FILE_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The format a file name declares, as the ZN upload reads it: .csv or .xlsx, else none (the content decides). */
function declaredFormat(filename: string | null | undefined): ZnFileFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase();
  return extension === 'csv' ? 'csv' : extension === 'xlsx' ? 'xlsx' : undefined;
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

type Read = { answers: RawAnswer[]; problems: AnswerProblem[] };

/**
 * Reads an answer file, CSV or XLSX, told apart as the ZN upload does (a zip is a workbook; a .csv or .xlsx name
 * must agree with the content): a header with the columns code and value (Dutch vraag and antwoord too), then one
 * row per question. CSV: the ZN reader's decoding and splitting, ';' or ',', an Excel "sep=;" first line skipped.
 * XLSX: the first worksheet through the ZN reader's sheet reader and its zip-bomb limits; rows are the sheet's row
 * numbers. Returns the answers with their rows, or the problems of the file as a whole.
 */
export async function readAnswerFile(stream: Readable, filename?: string | null): Promise<Read> {
  try {
    const bytes = await collect(stream);
    if (bytes.length === 0) return { answers: [], problems: [emptyFile()] };
    const format = detectFormat(bytes.subarray(0, 8), declaredFormat(filename));
    const records = format === 'xlsx' ? xlsxRecords(bytes, { maxInflatedBytes: MAX_ANSWER_INFLATED_BYTES }) : csvRecords(decodeCsvText(once(bytes)));
    return await readRecords(records);
  } catch (error) {
    if (error instanceof ZnFileError) return { answers: [], problems: [{ field: ['file'], code: SustainabilityErrorCode.INVALID_FILE, message: error.message }] };
    throw error;
  }
}

const emptyFile = (): AnswerProblem => ({ field: ['file'], code: SustainabilityErrorCode.MISSING_COLUMN, message: 'The file is empty: it needs a header with the columns code and value.' });

async function readRecords(records: AsyncIterable<ZnRecord[]>): Promise<Read> {
  const answers: RawAnswer[] = [];
  let columns: { code: number; value: number } | null = null;
  for await (const batch of records) {
    for (const record of batch) {
      const cells = record.cells;
      if (cells.every(isBlank)) continue;
      if (!columns) {
        if (cells.length === 1 && /^sep=.$/i.test(plain(cells[0]).trim())) continue;
        const names = Array.from(cells, (c) => plain(c).trim().toLowerCase());
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
      if (answers.length >= MAX_ANSWER_ROWS) throw fileError(ZnProblemCode.TOO_MANY_ROWS, `The file has more than ${MAX_ANSWER_ROWS} rows; an answer file has one row per question.`);
      const code = cellText(cells[columns.code]);
      const value = cellText(cells[columns.value]);
      const refused = 'refused' in code ? { column: 'code' as const, message: code.refused } : 'refused' in value ? { column: 'value' as const, message: value.refused } : undefined;
      answers.push({ code: 'text' in code ? code.text : '', value: 'text' in value ? value.text : '', at: { field: ['file'], row: record.row }, refused });
    }
  }
  if (!columns) return { answers: [], problems: [emptyFile()] };
  return { answers, problems: [] };
}
