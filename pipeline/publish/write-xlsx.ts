// A streaming .xlsx writer: rows are deflated into a temporary file as they come, so a million-row
// export never sits in memory as a workbook; the zip is assembled at the end with every size and
// checksum in the local headers (readers such as SheetJS reject zips whose sizes only follow the
// data). Text is inline (no shared-string table to hold), text cells are neutralised against formula
// injection, numbers are numbers, dates are real Excel dates shown dd/mm/yyyy. No formula is ever
// written. The same rows give the same bytes (fixed timestamps).
import { once } from 'node:events';
import { closeSync, createReadStream, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import type { CellKind } from './cell-values.ts';
import { neutralise } from './neutralise.ts';

const MAX_CELL_TEXT = 32_767; // Excel's limit per cell
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STATIC_PARTS: Record<string, string> = {
  '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  '_rels/.rels': `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  // Styles: 0 plain, 1 bold header, 2 date, 3 date and time.
  'xl/styles.xml': `${XML}<styleSheet xmlns="${NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm:ss"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
};

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; lone surrogates).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escapeXml = (s: string) => s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const DAY_MS = 86_400_000;
/** Excel's serial day number (1900 date system) of an ISO date or timestamp; null if unreadable. */
function excelSerial(iso: string): number | null {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : /[zZ]|[+-]\d{2}(:?\d{2})?$/.test(iso) ? iso : `${iso.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : ms / DAY_MS + 25569;
}

function textCell(ref: string, text: string, style = 0): string {
  const t = escapeXml(text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text);
  const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t${space}>${t}</t></is></c>`;
}

function cell(ref: string, kind: CellKind, v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"><v>${v}</v></c>` : textCell(ref, String(v));
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if (kind === 'date' || kind === 'timestamp') {
    const serial = excelSerial(v);
    if (serial !== null && serial >= 1) return `<c r="${ref}" s="${kind === 'date' ? 2 : 3}"><v>${serial}</v></c>`;
  }
  return textCell(ref, neutralise(v));
}

export interface XlsxWriter {
  /** One row of plain values (see cell-values.ts), in column order. */
  row(values: readonly (string | number | boolean | null)[]): void;
  /** Finishes the file; resolves once it is on disk. */
  close(): Promise<void>;
}

interface Entry { name: string; crc: number; size: number; compressed: number; data?: Buffer; file?: string }

// DOS date/time of 1 January 2000 00:00: entries carry a fixed time so output is reproducible.
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

function localHeader(e: Entry): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6); h.writeUInt16LE(8, 8);
  h.writeUInt16LE(DOS_TIME, 10); h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(e.crc >>> 0, 14); h.writeUInt32LE(e.compressed, 18); h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(name.length, 26); h.writeUInt16LE(0, 28);
  return Buffer.concat([h, name]);
}

function centralHeader(e: Entry, offset: number): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4); h.writeUInt16LE(20, 6); h.writeUInt16LE(0x0800, 8); h.writeUInt16LE(8, 10);
  h.writeUInt16LE(DOS_TIME, 12); h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(e.crc >>> 0, 16); h.writeUInt32LE(e.compressed, 20); h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(name.length, 28); h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, name]);
}

function smallEntry(name: string, text: string): Entry {
  const raw = Buffer.from(text, 'utf8');
  const data = deflateRawSync(raw);
  return { name, crc: crc32(raw), size: raw.length, compressed: data.length, data };
}

const LIMIT_32 = 0xffffffff;

/** Starts `path` as a one-sheet workbook with a bold, frozen header row of `columns`. */
export function openXlsx(path: string, sheetName: string, columns: readonly string[], kinds: readonly CellKind[]): XlsxWriter {
  const sheetFile = `${path}.sheet`;
  const deflate = createDeflateRaw({ level: 6 });
  const sink = createWriteStream(sheetFile);
  deflate.pipe(sink);
  const sinkDone = once(sink, 'close');
  let crc = 0;
  let size = 0;
  let buffer = '';
  const flush = () => {
    if (!buffer) return;
    const bytes = Buffer.from(buffer, 'utf8');
    crc = crc32(bytes, crc);
    size += bytes.length;
    deflate.write(bytes);
    buffer = '';
  };
  const letters = columns.map((_, i) => columnLetters(i));
  buffer += `${XML}<worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`;
  buffer += `<row r="1">${columns.map((c, i) => textCell(`${letters[i]}1`, neutralise(c), 1)).join('')}</row>`;
  let r = 1;
  return {
    row(values) {
      r++;
      let xml = `<row r="${r}">`;
      for (let i = 0; i < values.length; i++) xml += cell(`${letters[i]}${r}`, kinds[i], values[i]);
      buffer += `${xml}</row>`;
      if (buffer.length > 1 << 20) flush();
    },
    async close() {
      buffer += '</sheetData></worksheet>';
      flush();
      deflate.end();
      await sinkDone;
      const compressed = sink.bytesWritten;
      try {
        if (size > LIMIT_32 || compressed > LIMIT_32) throw new Error('XLSX sheet over 4 GB');
        const safeName = escapeXml(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1');
        const entries: Entry[] = [
          ...Object.entries(STATIC_PARTS).map(([name, text]) => smallEntry(name, text)),
          smallEntry('xl/workbook.xml', `${XML}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${safeName}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
          { name: 'xl/worksheets/sheet1.xml', crc, size, compressed, file: sheetFile },
        ];
        const fd = openSync(path, 'w');
        try {
          let offset = 0;
          const offsets: number[] = [];
          for (const e of entries) {
            offsets.push(offset);
            const head = localHeader(e);
            writeSync(fd, head);
            offset += head.length;
            if (e.data) {
              writeSync(fd, e.data);
            } else {
              for await (const piece of createReadStream(e.file!)) writeSync(fd, piece as Buffer);
            }
            offset += e.compressed;
          }
          if (offset > LIMIT_32) throw new Error('XLSX file over 4 GB');
          const central = Buffer.concat(entries.map((e, i) => centralHeader(e, offsets[i])));
          writeSync(fd, central);
          const end = Buffer.alloc(22);
          end.writeUInt32LE(0x06054b50, 0);
          end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
          end.writeUInt32LE(central.length, 12); end.writeUInt32LE(offset, 16);
          writeSync(fd, end);
        } finally {
          closeSync(fd);
        }
      } finally {
        rmSync(sheetFile, { force: true });
      }
    },
  };
}
