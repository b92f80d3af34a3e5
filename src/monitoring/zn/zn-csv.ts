import { fileError, ZnProblemCode } from './zn-format';
import { ZnRecord } from './zn-values';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;

/**
 * Far beyond a row of twelve figures. It caps what the reader holds for one record, so that an unclosed
 * quote or a file without line ends cannot make it buffer the whole upload.
 */
export const MAX_RECORD_CHARS = 64 * 1024;

const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;
type State = typeof START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_SEEN;

/** Splits decoded CSV text into records, one array per chunk of text, without holding more than a record. */
export async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<ZnRecord[]> {
  const splitter = new CsvSplitter();
  for await (const chunk of text) {
    const records = splitter.push(chunk);
    if (records.length > 0) yield records;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

function tooLong(row: number): Error {
  return fileError(
    ZnProblemCode.INVALID_CSV,
    `Row ${row} is longer than ${MAX_RECORD_CHARS} characters, which usually means a double quote that is never closed.`,
  );
}

/** Where the header line ends (a line end outside quotes), or -1 while it has not ended yet. */
function headerLineEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return i;
  }
  return -1;
}

/** The delimiter is the one the header line uses most; ';' (Dutch Excel) when it uses neither. */
function chooseDelimiter(header: string): number {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === SEMICOLON) semicolons++;
    else if (!quoted && c === COMMA) commas++;
  }
  return commas > semicolons ? COMMA : SEMICOLON;
}

/**
 * RFC 4180 with Excel's leniency: a quote inside an unquoted value, or text after a closing quote, is kept
 * as it stands. A record's row is its position in the file, so a quoted line break does not shift the rows
 * after it, and a blank line still counts as a row, as it does when Excel opens the file.
 */
class CsvSplitter {
  private delimiter = -1;
  private sepLineChecked = false;
  private headerText = '';
  private state: State = START;
  private fields: string[] = [];
  private field = '';
  private recordLength = 0;
  private inRecord = false;
  private afterCr = false;
  private row = 1;
  private records: ZnRecord[] = [];

  push(chunk: string): ZnRecord[] {
    if (this.delimiter < 0) {
      this.headerText += chunk;
      let end = headerLineEnd(this.headerText);
      if (end >= 0 && !this.sepLineChecked) {
        this.takeSepLine(end, false);
        end = this.delimiter < 0 ? end : 0;
      }
      if (end < 0) {
        if (this.headerText.length > MAX_RECORD_CHARS) throw tooLong(1);
        return [];
      }
      if (this.delimiter < 0) this.delimiter = chooseDelimiter(this.headerText.slice(0, end));
      this.scan(this.headerText);
      this.headerText = '';
    } else {
      this.scan(chunk);
    }
    return this.take();
  }

  end(): ZnRecord[] {
    if (this.delimiter < 0) {
      const end = headerLineEnd(this.headerText);
      if (!this.sepLineChecked) this.takeSepLine(end < 0 ? this.headerText.length : end, true);
      if (this.delimiter < 0) this.delimiter = chooseDelimiter(this.headerText);
      this.scan(this.headerText);
      this.headerText = '';
    }
    if (this.state === QUOTED) {
      throw fileError(
        ZnProblemCode.INVALID_CSV,
        `A value in row ${this.row} opens a double quote that is never closed.`,
      );
    }
    if (this.inRecord) {
      this.endField();
      this.endRecord();
    }
    return this.take();
  }

  /**
   * Excel writes (and reads) a first line `sep=;` naming the delimiter; it shows no such row, so neither does the
   * summary: the line is dropped and the header stays row 1. Only the two ZN delimiters are accepted there.
   */
  private takeSepLine(end: number, atEnd: boolean): void {
    this.sepLineChecked = true;
    const match = /^sep=(.?)[ \t]*$/i.exec(this.headerText.slice(0, end));
    if (!match) return;
    const declared = match[1].charCodeAt(0);
    if (declared !== SEMICOLON && declared !== COMMA) {
      throw fileError(ZnProblemCode.INVALID_CSV, `The first line "${match[0]}" names a delimiter other than ";" or ",", the two a ZN file may use.`);
    }
    let next = end;
    if (this.headerText.charCodeAt(next) === CR) {
      next++;
      if (next === this.headerText.length && !atEnd) this.afterCr = true;
    }
    if (this.headerText.charCodeAt(next) === LF) next++;
    this.headerText = this.headerText.slice(next);
    this.delimiter = declared;
  }

  private take(): ZnRecord[] {
    const records = this.records;
    this.records = [];
    return records;
  }

  private scan(text: string): void {
    const length = text.length;
    if (length === 0) return;
    let i = 0;
    if (this.afterCr) {
      this.afterCr = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    let state = this.state;
    let start = i;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (state === QUOTED) {
        if (c === QUOTE) {
          this.field += text.slice(start, i);
          state = QUOTE_SEEN;
        }
        continue;
      }
      if (state === QUOTE_SEEN) {
        if (c === QUOTE) {
          this.field += '"';
          state = QUOTED;
          start = i + 1;
          continue;
        }
        state = UNQUOTED;
        start = i;
      }
      if (state === START) {
        this.inRecord = true;
        if (c === QUOTE) {
          state = QUOTED;
          start = i + 1;
          continue;
        }
        state = UNQUOTED;
        start = i;
      }
      if (c === this.delimiter) {
        this.field += text.slice(start, i);
        this.endField();
        state = START;
      } else if (c === LF || c === CR) {
        this.field += text.slice(start, i);
        this.endField();
        this.endRecord();
        state = START;
        if (c === CR) {
          if (i + 1 === length) this.afterCr = true;
          else if (text.charCodeAt(i + 1) === LF) i++;
        }
      }
    }
    if (state === QUOTED || state === UNQUOTED) this.field += text.slice(start);
    this.state = state;
    if (this.recordLength + this.field.length > MAX_RECORD_CHARS) throw tooLong(this.row);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.recordLength += this.field.length;
    this.field = '';
  }

  private endRecord(): void {
    this.records.push({ row: this.row, cells: this.fields });
    this.fields = [];
    this.recordLength = 0;
    this.inRecord = false;
    this.row++;
  }
}
