import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, SaxesTagPlain } from 'saxes';
import * as yauzl from 'yauzl';
import { fileError, ZnFileError, ZnProblemCode } from './zn-format';
import { ZnCell, ZnRecord } from './zn-values';

export interface XlsxLimits {
  /** The most bytes one part may unpack to, as declared by the zip and enforced while inflating. */
  maxInflatedBytes: number;
}

/**
 * A part that unpacks to more than this many times its packed size is refused. Sheet XML packs about 10 to
 * 30 times; a zip bomb packs a thousand times. Small parts are let through, as their ratio says little.
 */
const MAX_INFLATE_RATIO = 100;
const RATIO_CHECK_FROM_BYTES = 1024 * 1024;
/** Shared strings are the one part held in memory whole, so they get a bound of their own. */
const MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024;
/** A workbook has a few dozen parts; a zip of many thousands is not one. */
const MAX_ENTRIES = 10_000;
/** XFD, the last column Excel has. */
const MAX_COLUMNS = 16_384;

/** Number formats 14-22, 27-36, 45-47 and 50-58 are Excel's built-in date and time formats. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

const RELATIONSHIP_OFFICE_DOCUMENT = '/officedocument';
const RELATIONSHIP_WORKSHEET = '/worksheet';
const RELATIONSHIP_SHARED_STRINGS = '/sharedstrings';
const RELATIONSHIP_STYLES = '/styles';

type XmlParser = SaxesParser<{ xmlns: false; position: false }>;

function xmlParser(): XmlParser {
  return new SaxesParser({ xmlns: false, position: false });
}

function corrupt(detail: string): ZnFileError {
  return fileError(
    ZnProblemCode.CORRUPT_XLSX,
    `The XLSX file is damaged or incomplete and cannot be read (${detail}).`,
  );
}

function notAWorkbook(detail: string): ZnFileError {
  return fileError(
    ZnProblemCode.UNSUPPORTED_FORMAT,
    `The file is a zip archive but not an Excel workbook (${detail}); upload an .xlsx file or a CSV file.`,
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Tag and attribute names without their namespace prefix: generators differ in the prefixes they use. */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (localName(key) === name) return value;
  }
  return undefined;
}

interface Relationship {
  /** Lower case, compared by its last path segment: Strict and Transitional OOXML differ in the rest. */
  type: string;
  id: string;
  /** The part name it points to, resolved against the part that holds the relationship. */
  target: string;
}

class Workbook {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly maxInflatedBytes: number,
  ) {}

  static async open(bytes: Buffer, limits: XlsxLimits): Promise<Workbook> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw corrupt(reason(error));
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        if (entries.size >= MAX_ENTRIES) throw notAWorkbook(`it holds more than ${MAX_ENTRIES} files`);
        // Part names are case-insensitive in Office Open XML.
        entries.set(entry.fileName.toLowerCase(), entry);
      }
    } catch (error) {
      zip.close();
      if (error instanceof ZnFileError) throw error;
      throw corrupt(reason(error));
    }
    return new Workbook(zip, entries, limits.maxInflatedBytes);
  }

  close(): void {
    this.zip.close();
  }

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /** Feeds a part to the parser chunk by chunk, yielding after each so the caller can pass records on. */
  async *parse(part: string, parser: XmlParser, maxBytes = this.maxInflatedBytes): AsyncGenerator<void> {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) throw corrupt(`the part ${part} is missing`);
    if (entry.isEncrypted()) {
      throw fileError(
        ZnProblemCode.UNSUPPORTED_FORMAT,
        'The XLSX workbook is encrypted; remove the password and upload it again.',
      );
    }
    const size = entry.uncompressedSize;
    if (size > maxBytes) {
      throw fileError(
        ZnProblemCode.ZIP_BOMB,
        `The XLSX part ${part} unpacks to ${size} bytes, more than the limit of ${maxBytes}; the file is refused.`,
      );
    }
    if (size > RATIO_CHECK_FROM_BYTES && size > entry.compressedSize * MAX_INFLATE_RATIO) {
      throw fileError(
        ZnProblemCode.ZIP_BOMB,
        `The XLSX part ${part} unpacks from ${entry.compressedSize} to ${size} bytes, more than ${MAX_INFLATE_RATIO} times its packed size as only a zip bomb does; the file is refused.`,
      );
    }
    const decoder = new StringDecoder('utf8');
    try {
      // yauzl checks while inflating that a part never grows beyond the size checked above.
      const stream = await this.zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        parser.write(decoder.write(chunk as Buffer));
        yield;
      }
      parser.write(decoder.end());
      parser.close();
    } catch (error) {
      if (error instanceof ZnFileError) throw error;
      throw corrupt(`${part}: ${reason(error)}`);
    }
  }

  async read(part: string, parser: XmlParser, maxBytes?: number): Promise<void> {
    for await (const _ of this.parse(part, parser, maxBytes)) {
      // The parser's handlers collect what they need.
    }
  }

  /** The relationships of a part, with targets resolved to part names. */
  async relationships(part: string): Promise<Relationship[]> {
    const relsPart = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
    if (!this.has(relsPart)) return [];
    const found: Relationship[] = [];
    const parser = xmlParser();
    parser.on('opentag', (tag) => {
      if (localName(tag.name) !== 'Relationship') return;
      const target = attribute(tag, 'Target');
      if (target === undefined || attribute(tag, 'TargetMode') === 'External') return;
      found.push({
        type: (attribute(tag, 'Type') ?? '').toLowerCase(),
        id: attribute(tag, 'Id') ?? '',
        target: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(part), target)),
      });
    });
    await this.read(relsPart, parser);
    return found;
  }
}

/**
 * Reads the first worksheet of an XLSX workbook as records. The zip is held whole (it is at most maxBytes),
 * but the sheet is inflated and parsed as a stream, so its records are passed on as they are found.
 */
export async function* xlsxRecords(bytes: Buffer, limits: XlsxLimits): AsyncGenerator<ZnRecord[]> {
  const workbook = await Workbook.open(bytes, limits);
  try {
    const workbookPart =
      (await workbook.relationships('')).find((rel) => rel.type.endsWith(RELATIONSHIP_OFFICE_DOCUMENT))?.target ??
      'xl/workbook.xml';
    if (!workbook.has(workbookPart)) throw notAWorkbook('it has no workbook part');
    const relationships = await workbook.relationships(workbookPart);
    const { part: sheetPart, date1904 } = await firstWorksheet(workbook, workbookPart, relationships);
    const sharedStringsPart = relationships.find((rel) => rel.type.endsWith(RELATIONSHIP_SHARED_STRINGS))?.target;
    const stylesPart = relationships.find((rel) => rel.type.endsWith(RELATIONSHIP_STYLES))?.target;
    const sharedStrings =
      sharedStringsPart && workbook.has(sharedStringsPart) ? await readSharedStrings(workbook, sharedStringsPart) : [];
    const dateStyles = stylesPart && workbook.has(stylesPart) ? await readDateStyles(workbook, stylesPart) : [];
    yield* readSheet(workbook, sheetPart, sharedStrings, dateStyles, date1904);
  } finally {
    workbook.close();
  }
}

/**
 * The first sheet in tab order that is a worksheet (a chart sheet has no cells), and whether the workbook counts its
 * days from 1904 (old Mac Excel) rather than 1900.
 */
async function firstWorksheet(
  workbook: Workbook,
  workbookPart: string,
  relationships: Relationship[],
): Promise<{ part: string; date1904: boolean }> {
  const worksheets = new Map(
    relationships.filter((rel) => rel.type.endsWith(RELATIONSHIP_WORKSHEET)).map((rel) => [rel.id, rel.target]),
  );
  let first: string | undefined;
  let date1904 = false;
  const parser = xmlParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (first === undefined && name === 'sheet') first = worksheets.get(attribute(tag, 'id') ?? '');
    else if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(tag, 'date1904') ?? '');
  });
  await workbook.read(workbookPart, parser);
  if (first === undefined || !workbook.has(first)) throw notAWorkbook('it has no worksheet');
  return { part: first, date1904 };
}

async function readSharedStrings(workbook: Workbook, part: string): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let capturing = false;
  let inPhonetic = false;
  const parser = xmlParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') current = '';
    else if (name === 'rPh') inPhonetic = true;
    else if (name === 't' && !inPhonetic) capturing = true;
  });
  parser.on('text', (text) => {
    if (capturing) current += text;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') strings.push(current);
    else if (name === 'rPh') inPhonetic = false;
    else if (name === 't') capturing = false;
  });
  await workbook.read(part, parser, Math.min(MAX_SHARED_STRINGS_BYTES, workbook.maxInflatedBytes));
  return strings;
}

function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILT_IN_DATE_FORMATS.has(id);
  // Quoted text, escaped characters, padding/fill (_x, *x) and [colour]/[condition] sections never make a date.
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/** For each cell style (the `s` index of a cell), whether it shows its number as a date or time. */
async function readDateStyles(workbook: Workbook, part: string): Promise<boolean[]> {
  const formatCodes = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  const parser = xmlParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'numFmt') formatCodes.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
    else if (name === 'cellXfs') inCellXfs = true;
    else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attribute(tag, 'numFmtId') ?? 0));
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'cellXfs') inCellXfs = false;
  });
  await workbook.read(part, parser);
  return styleFormats.map((id) => isDateFormat(id, formatCodes.get(id)));
}

/** 'AB12' -> 27; -1 when the reference has no column letters. */
function columnIndex(reference: string): number {
  let index = 0;
  let letters = 0;
  for (const char of reference) {
    const code = char.toUpperCase().charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
    letters++;
  }
  return letters === 0 ? -1 : index - 1;
}

async function* readSheet(
  workbook: Workbook,
  part: string,
  sharedStrings: string[],
  dateStyles: boolean[],
  date1904: boolean,
): AsyncGenerator<ZnRecord[]> {
  let records: ZnRecord[] = [];
  let row = 0;
  let cells: ZnCell[] = [];
  let nextColumn = 0;
  let column = 0;
  let type = 'n';
  let style = 0;
  let formula = false;
  let value = '';
  let hasValue = false;
  let capturing = false;
  let inPhonetic = false;

  const parser = xmlParser();
  parser.on('opentag', (tag) => {
    switch (localName(tag.name)) {
      case 'row': {
        const number = Number(tag.attributes.r);
        row = Number.isInteger(number) && number > row ? number : row + 1;
        cells = [];
        nextColumn = 0;
        break;
      }
      case 'c': {
        const reference = tag.attributes.r;
        const index = reference === undefined ? -1 : columnIndex(reference);
        column = index >= 0 ? index : nextColumn;
        type = tag.attributes.t ?? 'n';
        style = Number(tag.attributes.s ?? 0);
        formula = false;
        value = '';
        hasValue = false;
        break;
      }
      case 'f':
        formula = true;
        break;
      case 'v':
        capturing = true;
        hasValue = true;
        break;
      case 't':
        capturing = !inPhonetic;
        hasValue = true;
        break;
      case 'rPh':
        inPhonetic = true;
        break;
    }
  });
  parser.on('text', (text) => {
    if (capturing) value += text;
  });
  parser.on('closetag', (tag) => {
    switch (localName(tag.name)) {
      case 'v':
      case 't':
        capturing = false;
        break;
      case 'rPh':
        inPhonetic = false;
        break;
      case 'c':
        if (column < MAX_COLUMNS)
          cells[column] = toCell(type, value, hasValue, formula, dateStyles[style] === true, sharedStrings, date1904);
        nextColumn = column + 1;
        break;
      case 'row':
        records.push({ row, cells });
        break;
    }
  });

  for await (const _ of workbook.parse(part, parser)) {
    if (records.length > 0) {
      yield records;
      records = [];
    }
  }
}

function toCell(
  type: string,
  value: string,
  hasValue: boolean,
  formula: boolean,
  dateStyle: boolean,
  sharedStrings: string[],
  date1904: boolean,
): ZnCell {
  switch (type) {
    case 's': {
      const text = sharedStrings[Number(value)];
      if (text === undefined) throw corrupt(`a cell refers to shared string ${value}, which does not exist`);
      return formula ? { kind: 'text', value: text, formula } : text;
    }
    case 'str':
    case 'inlineStr':
      return formula ? { kind: 'text', value, formula } : value;
    case 'b':
      return { kind: 'boolean', value: value === '1' ? 'TRUE' : 'FALSE', formula };
    case 'e':
      return { kind: 'error', value, formula };
    case 'd':
      return { kind: 'date', value, formula, day: /^(\d{4}-\d{2}-\d{2})(T00:00(:00(\.0+)?)?Z?)?$/.exec(value)?.[1] };
    default:
      if ((!hasValue || value === '') && !formula) return undefined;
      return dateStyle ? { kind: 'date', value, formula, day: dayOf(value, date1904) } : { kind: 'number', value, formula };
  }
}

const DAY_MS = 86_400_000;

/**
 * The day a whole-day serial number stands for. The 1900 system counts from 30 December 1899 from day 61 on (Excel
 * keeps a 29 February 1900 that never was); the 1904 system counts from 1 January 1904. Undefined for a time of day
 * or a day before 1 March 1900.
 */
function dayOf(serial: string, date1904: boolean): string | undefined {
  const days = Number(serial);
  if (!Number.isInteger(days) || days < (date1904 ? 0 : 61) || days > 2_958_465) return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}
