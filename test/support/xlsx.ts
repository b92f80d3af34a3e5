import * as yazl from 'yazl';

/**
 * Builds small XLSX workbooks inside a test, so no binary file needs committing. A workbook has one worksheet whose
 * rows carry their own sheet row numbers (gaps are allowed); text cells go to the shared strings, as Excel writes
 * them.
 */
export type XlsxCell =
  | string
  | number
  | null
  | { bool: boolean }
  /** A number cell holding exactly this text, as Excel prints a double (370.34999999999997). */
  | { number: string }
  /** A whole-day serial number in the built-in date style (numFmt 14). */
  | { date: number }
  | { formula: string; cached: string };

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Excel's day number of a date: days since 30 December 1899 (the 1900 date system) or 1 January 1904. */
export const excelDay = (isoDate: string, system: 1900 | 1904 = 1900) =>
  (Date.parse(`${isoDate}T00:00:00Z`) - (system === 1900 ? Date.UTC(1899, 11, 30) : Date.UTC(1904, 0, 1))) / 86_400_000;

/** The bytes of a zip holding the given parts, deflated. */
export function zipOf(parts: [name: string, content: string | Buffer][]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, content] of parts) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name, { mtime: new Date('2025-01-01T00:00:00Z') });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** The parts of a one-sheet workbook; `sheetXml` replaces the sheet (for a damaged or oversized one). */
export function workbookParts(rows: [row: number, cells: XlsxCell[]][], options: { sheetXml?: string | Buffer; date1904?: boolean } = {}): [string, string | Buffer][] {
  const strings: string[] = [];
  const body = rows
    .map(([row, cells]) => {
      const xml = cells
        .map((cell, i) => {
          const ref = `${String.fromCharCode(65 + i)}${row}`;
          if (cell === null) return '';
          if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
          if (typeof cell === 'string') {
            strings.push(cell);
            return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
          }
          if ('number' in cell) return `<c r="${ref}"><v>${cell.number}</v></c>`;
          if ('bool' in cell) return `<c r="${ref}" t="b"><v>${cell.bool ? 1 : 0}</v></c>`;
          if ('date' in cell) return `<c r="${ref}" s="1"><v>${cell.date}</v></c>`;
          return `<c r="${ref}" t="str"><f>${escape(cell.formula)}</f><v>${escape(cell.cached)}</v></c>`;
        })
        .join('');
      return `<row r="${row}">${xml}</row>`;
    })
    .join('');
  const sheet = options.sheetXml ?? `${HEAD}<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`;
  const sharedStrings = `${HEAD}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('')}</sst>`;
  const styles =
    `${HEAD}<styleSheet xmlns="${MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';
  return [
    [
      '[Content_Types].xml',
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    ],
    ['_rels/.rels', `${HEAD}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_REL}">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Duurzaamheid" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `${HEAD}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${OFFICE_REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${OFFICE_REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/sharedStrings.xml', sharedStrings],
    ['xl/styles.xml', styles],
  ];
}

/** A one-sheet workbook with these rows. */
export const xlsxOf = (rows: [row: number, cells: XlsxCell[]][]) => zipOf(workbookParts(rows));
