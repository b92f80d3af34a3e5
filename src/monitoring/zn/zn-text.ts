import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { fileError, ZnProblemCode } from './zn-format';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** Tab, LF and CR are the only control characters a CSV file has; any other means binary data. */
const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** How many bytes a UTF-8 sequence has, judged by its first byte; 0 when no sequence starts so. */
function utf8SequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function isUtf8Sequence(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function notUtf8(): Error {
  return fileError(
    ZnProblemCode.ENCODING,
    'The file starts as UTF-8 text but later contains bytes that are not UTF-8, so it mixes two encodings; save it again as "CSV UTF-8" or as plain "CSV" from Excel.',
  );
}

function checkText(text: string): string {
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw fileError(
      ZnProblemCode.UNSUPPORTED_FORMAT,
      `The file contains binary data (the control character U+${code}), so it is neither CSV text nor an XLSX workbook.`,
    );
  }
  return text;
}

/**
 * Decodes CSV bytes to text while streaming. A BOM means UTF-8. Otherwise the file is ASCII, which both
 * candidate encodings read alike, up to its first byte above 0x7F: when that byte starts a valid UTF-8
 * sequence the file is UTF-8 from then on (and a later invalid byte is an error), else Windows-1252, in
 * which every byte is a character. So the decision needs no look-ahead beyond one character.
 */
export async function* decodeCsvText(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head: Buffer = Buffer.alloc(0);
  let atStart = true;

  for await (const chunk of chunks) {
    let bytes = head.length > 0 ? Buffer.concat([head, chunk]) : chunk;
    head = Buffer.alloc(0);
    if (atStart) {
      if (bytes.length < UTF8_BOM.length && startsWith(bytes, UTF8_BOM.slice(0, bytes.length))) {
        head = bytes;
        continue;
      }
      atStart = false;
      if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
        throw fileError(
          ZnProblemCode.ENCODING,
          'The file is UTF-16 text (Excel\'s "Unicode text"), which is not supported; save it as "CSV UTF-8" or as plain "CSV".',
        );
      }
      if (startsWith(bytes, UTF8_BOM)) {
        decoder = new TextDecoder('utf-8', { fatal: true });
        bytes = bytes.subarray(UTF8_BOM.length);
      }
    }
    if (!decoder) {
      // Most files are plain ASCII throughout: one native scan per chunk instead of a callback per byte.
      if (isAscii(bytes)) {
        yield checkText(bytes.toString('latin1'));
        continue;
      }
      const firstHigh = bytes.findIndex((byte) => byte > 0x7f);
      const lead = bytes[firstHigh] ?? 0;
      const length = utf8SequenceLength(lead);
      if (length > 0 && bytes.length - firstHigh < length) {
        head = Buffer.from(bytes);
        continue;
      }
      const utf8 = length > 0 && isUtf8Sequence(bytes.subarray(firstHigh, firstHigh + length));
      decoder = utf8 ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('windows-1252');
    }
    yield checkText(decodeWith(decoder, bytes, true));
  }
  if (head.length > 0) {
    // The file ended inside its first non-ASCII character (or a BOM): an incomplete UTF-8 sequence is not UTF-8.
    decoder ??= new TextDecoder('windows-1252');
    yield checkText(decodeWith(decoder, head, true));
  }
  if (decoder) yield checkText(decodeWith(decoder, new Uint8Array(0), false));
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw notUtf8();
  }
}
