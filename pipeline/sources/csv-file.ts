// A CSV file as DuckDB's reader needs it: UTF-8, and with blank lines kept as (blank) records so row
// numbers stay the numbers a clerk sees. Small files are decoded whole (decode-text.ts judges the
// encoding on every byte); big ones stream in chunks, so a multi-gigabyte export never has to fit
// in one JavaScript string, and a clean UTF-8 file is handed to DuckDB as it is, without a copy.
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { decodeText, type TextEncoding } from './decode-text.ts';

/** Files up to this size are decoded whole; larger ones stream. */
export const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;
const HEAD_BYTES = 4 * 1024 * 1024;

export interface PreparedCsv {
  /** The file DuckDB should read: the source itself, or a UTF-8 copy. */
  path: string;
  encoding: TextEncoding;
  /** The first lines, decoded, for sniffing the delimiter and finding the table. */
  head: string;
  cleanup: () => void;
}

/** Writes lone delimiters into blank lines outside quotes; state carries across chunks. */
export class BlankLineFiller {
  private quoted = false;
  private lineStart = true;
  constructor(private readonly delimiter: string) {}

  push(text: string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34 /* " */) this.quoted = !this.quoted;
      // A LF, or the CR of a CRLF pair, right at the start of a record: the line is empty.
      if (!this.quoted && this.lineStart && (ch === 10 || (ch === 13 && (text.charCodeAt(i + 1) === 10 || i + 1 === text.length)))) {
        out += text.slice(from, i) + this.delimiter;
        from = i;
        this.lineStart = false;
      }
      if (ch === 10) this.lineStart = !this.quoted;
      else if (ch !== 13) this.lineStart = false;
    }
    return out + text.slice(from);
  }
}

export function fillBlankLines(text: string, delimiter: string): string {
  return new BlankLineFiller(delimiter).push(text);
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, statSync(path).size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Does the file hold an empty line (LF LF or LF CR LF)? A fast byte scan, chunk by chunk. */
async function hasBlankLine(path: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 8 * 1024 * 1024 })) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    if (buf.indexOf('\n\n') >= 0 || buf.indexOf('\n\r\n') >= 0) return true;
    carry = buf.subarray(Math.max(0, buf.length - 2));
  }
  return false;
}

const ICONV_NAMES: Partial<Record<TextEncoding, string>> = {
  'utf-16le': 'utf16le', 'utf-16be': 'utf16-be', 'windows-1258': 'windows1258', 'windows-1252': 'windows1252',
};

export async function prepareCsv(path: string, label: string, delimiterOf: (head: string) => string): Promise<PreparedCsv & { delimiter: string }> {
  const size = statSync(path).size;
  const tmp = mkdtempSync(join(tmpdir(), 'danvan-csv-'));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  const out = join(tmp, 'source.csv');
  try {
    if (size <= WHOLE_FILE_LIMIT) {
      const decoded = decodeText(await readFile(path), label);
      const delimiter = delimiterOf(decoded.text.slice(0, HEAD_BYTES));
      writeFileSync(out, fillBlankLines(decoded.text, delimiter));
      return { path: out, encoding: decoded.encoding, head: decoded.text.slice(0, HEAD_BYTES), delimiter, cleanup };
    }
    // Judge the encoding on the head, cut at its last line break so no character is split.
    const headBytes = readHead(path);
    const cut = headBytes.lastIndexOf(10);
    const { text: head, encoding } = decodeText(cut > 0 ? headBytes.subarray(0, cut + 1) : headBytes, label);
    const delimiter = delimiterOf(head);
    if ((encoding === 'utf-8' || encoding === 'utf-8-bom') && !(await hasBlankLine(path))) {
      return { path, encoding, head, delimiter, cleanup };
    }
    const filler = new BlankLineFiller(delimiter);
    const decoder = iconv.getDecoder(ICONV_NAMES[encoding] ?? 'utf8', { stripBOM: true });
    const sink = createWriteStream(out);
    let pending = '';
    for await (const chunk of createReadStream(path, { highWaterMark: 8 * 1024 * 1024 })) {
      // NFC and blank lines are decided per whole line, so a chunk is cut at its last line break.
      const text = pending + decoder.write(chunk as Buffer);
      const nl = text.lastIndexOf('\n');
      pending = nl >= 0 ? text.slice(nl + 1) : text;
      if (nl >= 0 && !sink.write(filler.push(text.slice(0, nl + 1).normalize('NFC')))) await new Promise<void>((r) => sink.once('drain', () => r()));
    }
    sink.end(filler.push((pending + (decoder.end() ?? '')).normalize('NFC')));
    await finished(sink);
    return { path: out, encoding, head, delimiter, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
