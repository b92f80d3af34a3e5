import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yazl from 'yazl';
import { ZN_COLUMNS, ZnWritableRow } from './zn-format';
import { parseCell } from './zn-values';
import { withScale } from '../../shared/decimal';

export type ZnRowSource = Iterable<ZnWritableRow> | AsyncIterable<ZnWritableRow>;

/** Text is handed to the output in pieces of about this size: few writes, little memory. */
const CHUNK_CHARS = 64 * 1024;
/** The writer checks values, not the calendar: an export may hold any year the database holds. */
const ANY_YEAR = Number.MAX_SAFE_INTEGER;

/**
 * A row's values in column order, each checked and normalised by the reader's own parser, so that reading
 * the written file gives back exactly these values. Absent optional values are null.
 */
function valuesOf(row: ZnWritableRow, position: number): (string | null)[] {
  return ZN_COLUMNS.map((column) => {
    const value = row[column.field];
    if (value === null || value === undefined || value === '') {
      if (column.required) {
        throw new TypeError(`ZN export, data row ${position}: ${column.name} is required but missing.`);
      }
      return null;
    }
    const parsed = parseCell(column.kind, String(value), ANY_YEAR);
    if (!parsed.ok) {
      throw new TypeError(`ZN export, data row ${position}: ${column.name} "${String(value)}" ${parsed.detail}.`);
    }
    return String(parsed.value);
  });
}

/**
 * Writes rows as CSV the way Dutch Excel reads it without an import dialog: UTF-8 with a BOM, ';' between
 * values, a decimal comma and CRLF line ends. Ends `out`. Checked values never hold ';', quotes or line
 * breaks, so no value needs quoting.
 */
export async function writeZnCsv(rows: ZnRowSource, out: Writable): Promise<void> {
  await pipeline(Readable.from(csvChunks(rows)), out);
}

async function* csvChunks(rows: ZnRowSource): AsyncGenerator<Buffer> {
  let text = `\uFEFF${ZN_COLUMNS.map((column) => column.name).join(';')}\r\n`;
  let position = 0;
  for await (const row of rows) {
    position++;
    const line = valuesOf(row, position).map((value, index) =>
      value === null ? '' : ZN_COLUMNS[index]?.kind === 'decimal' ? withScale(value).replace('.', ',') : value,
    );
    text += `${line.join(';')}\r\n`;
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(text);
      text = '';
    }
  }
  yield Buffer.from(text);
}

const MAIN_NAMESPACE = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NAMESPACE = 'http://schemas.openxmlformats.org/package/2006/relationships';
const RELATIONSHIP_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES =
  `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const PACKAGE_RELATIONSHIPS =
  `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS_NAMESPACE}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIP_TYPES}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

const WORKBOOK =
  `${XML_DECLARATION}<workbook xmlns="${MAIN_NAMESPACE}" xmlns:r="${RELATIONSHIP_TYPES}">` +
  '<sheets><sheet name="ZN monitoring" sheetId="1" r:id="rId1"/></sheets></workbook>';

const WORKBOOK_RELATIONSHIPS =
  `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS_NAMESPACE}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIP_TYPES}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${RELATIONSHIP_TYPES}/styles" Target="styles.xml"/>` +
  '</Relationships>';

/** Style 1 is the bold header; style 2 is the text format (@) that keeps an AGB code's leading zeros. */
const HEADER_STYLE = 1;
const TEXT_STYLE = 2;
const STYLES =
  `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NAMESPACE}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Text columns are written as text, so that Excel keeps '01234567' and 'JAAR' as they are. */
const TEXT_KINDS = new Set(['agb', 'period', 'stayType']);

function columnLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

const SHEET_START =
  `${XML_DECLARATION}<worksheet xmlns="${MAIN_NAMESPACE}"><cols>` +
  ZN_COLUMNS.map(
    (column, index) =>
      `<col min="${index + 1}" max="${index + 1}" width="${column.name.length + 4}" customWidth="1"${
        column.kind === 'agb' ? ` style="${TEXT_STYLE}"` : ''
      }/>`,
  ).join('') +
  '</cols><sheetData><row r="1">' +
  ZN_COLUMNS.map(
    (column, index) =>
      `<c r="${columnLetter(index)}1" s="${HEADER_STYLE}" t="inlineStr"><is><t>${column.name}</t></is></c>`,
  ).join('') +
  '</row>';

const SHEET_END = '</sheetData></worksheet>';

function rowXml(rowNumber: number, values: (string | null)[]): string {
  let xml = `<row r="${rowNumber}">`;
  values.forEach((value, index) => {
    if (value === null) return;
    const reference = `${columnLetter(index)}${rowNumber}`;
    const column = ZN_COLUMNS[index];
    if (column && TEXT_KINDS.has(column.kind)) {
      const style = column.kind === 'agb' ? ` s="${TEXT_STYLE}"` : '';
      xml += `<c r="${reference}"${style} t="inlineStr"><is><t>${value}</t></is></c>`;
    } else {
      xml += `<c r="${reference}"><v>${value}</v></c>`;
    }
  });
  return `${xml}</row>`;
}

async function* sheetChunks(rows: ZnRowSource): AsyncGenerator<Buffer> {
  let xml = SHEET_START;
  let position = 0;
  for await (const row of rows) {
    position++;
    xml += rowXml(position + 1, valuesOf(row, position));
    if (xml.length >= CHUNK_CHARS) {
      yield Buffer.from(xml);
      xml = '';
    }
  }
  yield Buffer.from(xml + SHEET_END);
}

/**
 * Writes rows as an XLSX workbook with one sheet in the same layout: figures as numbers, codes as text.
 * The sheet is generated and compressed while the rows stream in. Ends `out`.
 */
export async function writeZnXlsx(rows: ZnRowSource, out: Writable): Promise<void> {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  const sheet = Readable.from(sheetChunks(rows));
  // yazl does not pass on an error of a stream it reads, so a bad row would leave the zip waiting for ever.
  sheet.once('error', (error) => output.destroy(error));
  zip.once('error', (error: Error) => output.destroy(error));
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(PACKAGE_RELATIONSHIPS), '_rels/.rels');
  zip.addBuffer(Buffer.from(WORKBOOK), 'xl/workbook.xml');
  zip.addBuffer(Buffer.from(WORKBOOK_RELATIONSHIPS), 'xl/_rels/workbook.xml.rels');
  zip.addBuffer(Buffer.from(STYLES), 'xl/styles.xml');
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml');
  zip.end();
  await pipeline(output, out);
}
